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

/// Writes every file of `edition` under `out`, and removes the files it
/// no longer has (a deleted article) under `out/content/`, and the
/// sitemap files (`sitemap-N.xml`) at the top.
pub fn write(edition: &Edition, out: &Path) -> io::Result<Written> {
    let mut written = Written { files: 0, bytes: 0, changed: 0, removed: 0 };
    for (relative, bytes) in &edition.files {
        let path = out.join(relative);
        written.files += 1;
        written.bytes += bytes.len() as u64;
        if fs::read(&path).is_ok_and(|old| &old == bytes) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
        written.changed += 1;
    }
    let keep: BTreeSet<PathBuf> = edition.files.keys().map(|relative| out.join(relative)).collect();
    let sitemaps =
        fs::read_dir(out).into_iter().flatten().filter_map(Result::ok).map(|entry| entry.path()).filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("sitemap-") && name.ends_with(".xml"))
        });
    for path in crate::walk(&out.join("content")).into_iter().chain(sitemaps) {
        if !keep.contains(&path) {
            fs::remove_file(&path)?;
            written.removed += 1;
        }
    }
    Ok(written)
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
