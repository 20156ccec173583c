//! Writing an edition to disk without touching what did not change, so a
//! watcher (Trunk in the dev loop) only rebuilds for real edits.

use std::{
    collections::BTreeSet,
    fs, io,
    path::{Path, PathBuf},
};

use crate::Edition;

pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub changed: usize,
    pub removed: usize,
}

/// Writes every file of `edition` under `out`: see [`Writer`].
pub fn write(edition: &Edition, out: &Path) -> io::Result<Written> {
    let mut writer = Writer::new(out);
    for (relative, bytes) in &edition.files {
        writer.put(relative.clone(), bytes.clone());
    }
    writer.finish()
}

/// Writes files under `out` as they come, leaving alone a file that
/// already holds the same bytes (its modification time stays, so a CDN
/// sync skips it); [`Writer::finish`] then removes the files the edition
/// no longer has (a deleted article) under `out/content/`, and the
/// sitemap files (`sitemap-N.xml`) at the top.
pub struct Writer {
    out: PathBuf,
    keep: BTreeSet<PathBuf>,
    written: Written,
    /// The first write that failed; the rest are not tried.
    error: Option<io::Error>,
}

impl Writer {
    pub fn new(out: &Path) -> Writer {
        Writer {
            out: out.to_path_buf(),
            keep: BTreeSet::new(),
            written: Written { files: 0, bytes: 0, changed: 0, removed: 0 },
            error: None,
        }
    }

    /// Writes `bytes` at `relative` under the output folder, unless they
    /// are there already.
    pub fn put(&mut self, relative: String, bytes: Vec<u8>) {
        if self.error.is_some() {
            return;
        }
        let path = self.out.join(&relative);
        self.written.files += 1;
        self.written.bytes += bytes.len() as u64;
        if !fs::read(&path).is_ok_and(|old| old == bytes) {
            let result = path.parent().map_or(Ok(()), fs::create_dir_all).and_then(|()| fs::write(&path, &bytes));
            match result {
                Ok(()) => self.written.changed += 1,
                Err(err) => self.error = Some(err),
            }
        }
        self.keep.insert(path);
    }

    /// Removes what the edition no longer has; the first error of any
    /// write or removal.
    pub fn finish(mut self) -> io::Result<Written> {
        if let Some(err) = self.error {
            return Err(err);
        }
        let out = &self.out;
        let sitemaps =
            fs::read_dir(out).into_iter().flatten().filter_map(Result::ok).map(|entry| entry.path()).filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("sitemap-") && name.ends_with(".xml"))
            });
        for path in crate::walk(&out.join("content")).into_iter().chain(sitemaps) {
            if !self.keep.contains(&path) {
                fs::remove_file(&path)?;
                self.written.removed += 1;
            }
        }
        Ok(self.written)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn edition(files: &[(&str, &str)]) -> Edition {
        let files: BTreeMap<String, Vec<u8>> =
            files.iter().map(|(path, text)| (path.to_string(), text.as_bytes().to_vec())).collect();
        Edition { files, articles: 0, authors: 0, insights: 0 }
    }

    #[test]
    fn files_an_edition_no_longer_has_are_removed_and_unchanged_ones_kept() {
        let out = std::env::temp_dir().join(format!("dispatch-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let big = edition(&[
            ("sitemap.xml", "index"),
            ("sitemap-1.xml", "a"),
            ("sitemap-2.xml", "b"),
            ("content/a.json", "1"),
            ("content/b.json", "2"),
        ]);
        assert_eq!(write(&big, &out).unwrap().changed, 5);
        fs::write(out.join("index.html"), "a page the prerenderer wrote").unwrap();
        let small = edition(&[("sitemap.xml", "urlset"), ("content/a.json", "1")]);
        let written = write(&small, &out).unwrap();
        assert_eq!((written.changed, written.removed), (1, 3));
        for gone in ["sitemap-1.xml", "sitemap-2.xml", "content/b.json"] {
            assert!(!out.join(gone).exists(), "{gone}");
        }
        assert!(out.join("index.html").exists(), "only the compiler's own files are removed");
        fs::remove_dir_all(&out).unwrap();
    }
}
