//! Writing an edition to disk without touching what did not change, so a
//! watcher (Trunk in the dev loop) only rebuilds for real edits.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs, io,
    path::{Path, PathBuf},
    sync::mpsc,
    thread,
};

use dispatch_model::Edition;

use crate::{
    editions::is_shared,
    record::{digest, Stamp},
    Compiled,
};

pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub changed: usize,
    pub removed: usize,
    /// The files written and the files removed, relative to the output
    /// folder, in the order it happened.
    pub written: Vec<String>,
    pub gone: Vec<String>,
    /// Every file the edition has now, with the xxh3 of its bytes and its
    /// length: the next build's [`Writer::resume`].
    pub outputs: BTreeMap<String, (u64, Stamp)>,
    /// Shared images (see [`crate::editions::is_shared`]) an edition other
    /// than the English one wrote last time and no longer has: the English
    /// edition's writer removes those no edition has now.
    pub shared_stale: Vec<String>,
}

impl Written {
    /// Adds another edition's counts and lists to these.
    pub fn add(&mut self, other: Written) {
        self.files += other.files;
        self.bytes += other.bytes;
        self.changed += other.changed;
        self.removed += other.removed;
        self.written.extend(other.written);
        self.gone.extend(other.gone);
        self.outputs.extend(other.outputs);
    }
}

/// The shared images the editions built before the English one wrote,
/// and those they no longer have: see [`Writer::share`].
#[derive(Default)]
pub struct Shared {
    written: BTreeSet<String>,
    stale: Vec<String>,
}

impl Shared {
    /// Notes what an edition's writer did with shared images.
    pub fn learn(&mut self, written: &Written) {
        self.written.extend(written.outputs.keys().filter(|relative| is_shared(relative)).cloned());
        self.stale.extend(written.shared_stale.iter().cloned());
    }
}

/// Writes every file of `compiled` under `out`: see [`Writer`].
pub fn write(compiled: &Compiled, out: &Path) -> io::Result<Written> {
    let mut writer = Writer::new(out, Edition::English);
    for (relative, bytes) in &compiled.files {
        writer.put(relative.clone(), bytes.clone());
    }
    writer.finish()
}

/// Writes files under `out` as they come, leaving alone a file that
/// already holds the same bytes (its modification time stays, so a CDN
/// sync skips it); [`Writer::finish`] then removes the files the edition
/// no longer has (a deleted article) under its `content/` (`ar/content/`
/// for the Arabic edition), and its sitemap files (`sitemap-N.xml`). The
/// images every edition shares (`img/`, `content/images/`) are removed
/// by the English edition's writer only, when no edition has them.
pub struct Writer {
    out: PathBuf,
    edition: Edition,
    /// Shared images the editions written before this one have now, and
    /// those they no longer have.
    others: BTreeSet<String>,
    others_stale: Vec<String>,
    /// What the last build wrote, by path, with the xxh3 of its bytes:
    /// such a file is compared by hash rather than read again.
    previous: BTreeMap<String, (u64, Stamp)>,
    written: Written,
    /// A processed image that could not be read ([`Writer::copy`]): the
    /// build fails, with the disk thread's first failed write if there
    /// was one (after which it tries no more).
    error: Option<io::Error>,
    /// The first file kept that the last build did not write.
    missing: Option<String>,
    /// The thread that writes what [`Writer::put`] hands it, started by
    /// the first.
    disk: Option<Disk>,
}

/// A file for the disk thread: `bytes` for `relative` (at `path`), whose
/// xxh3 is `hash`, and the hash the last build wrote there, if it did.
struct Job {
    relative: String,
    path: PathBuf,
    bytes: Vec<u8>,
    hash: u64,
    previous: Option<u64>,
}

/// What the disk thread did with a [`Job`], in the order they came: the
/// file's stamp, or the error, and whether it wrote the file.
struct Done {
    relative: String,
    hash: u64,
    stamp: io::Result<Stamp>,
    wrote: bool,
}

/// Files are written on a thread of their own, while the compiler goes on
/// making the next. Creating a file is work for the kernel (at 100,000
/// articles, 148,641 files cost 25 s of system time into an empty
/// folder), and on the thread that made them it stood between one file
/// and the next (docs/benchmarks.md, session 15). Jobs wait in a bounded
/// queue, so the files on their way stay a few megabytes.
struct Disk {
    jobs: Option<mpsc::SyncSender<Job>>,
    thread: Option<thread::JoinHandle<Vec<Done>>>,
}

impl Disk {
    /// How many files may wait for the disk thread.
    const QUEUE: usize = 256;

    fn start() -> Disk {
        let (jobs, queue) = mpsc::sync_channel::<Job>(Disk::QUEUE);
        let thread = thread::spawn(move || {
            let mut done = Vec::new();
            let mut failed = false;
            for job in queue {
                // After a failure the rest are not tried: the build fails.
                if failed {
                    continue;
                }
                let (stamp, wrote) = match write_job(&job) {
                    Ok(wrote) => match Stamp::of(&job.path) {
                        Some(stamp) => (Ok(stamp), wrote),
                        None => {
                            (Err(io::Error::other(format!("{} was written but cannot be read", job.relative))), wrote)
                        }
                    },
                    Err(err) => (Err(err), false),
                };
                failed = stamp.is_err();
                done.push(Done { relative: job.relative, hash: job.hash, stamp, wrote });
            }
            done
        });
        Disk { jobs: Some(jobs), thread: Some(thread) }
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            // The thread ends only when the jobs end, or when it panicked,
            // which `finish` reports.
            let _ = jobs.send(job);
        }
    }

    /// Waits for every file handed over: what was done with each, in
    /// order.
    fn finish(mut self) -> io::Result<Vec<Done>> {
        self.jobs.take();
        let thread = self.thread.take().expect("taken only here");
        thread.join().map_err(|_| io::Error::other("the thread writing files stopped"))
    }
}

/// Nothing is left half written when a build stops early: the files on
/// their way are written before the writer goes.
impl Drop for Disk {
    fn drop(&mut self) {
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Writes a job's file unless it holds the same bytes already; whether it
/// wrote it.
fn write_job(job: &Job) -> io::Result<bool> {
    let same = match job.previous {
        Some(before) => before == job.hash && job.path.is_file(),
        None => fs::read(&job.path).is_ok_and(|old| old == job.bytes),
    };
    if same {
        return Ok(false);
    }
    job.path.parent().map_or(Ok(()), fs::create_dir_all)?;
    fs::write(&job.path, &job.bytes)?;
    remove_copies(&job.path)?;
    Ok(true)
}

impl Writer {
    /// A writer of `edition`'s files under `out`, the whole site's folder.
    pub fn new(out: &Path, edition: Edition) -> Writer {
        Writer::resume(out, edition, BTreeMap::new())
    }

    /// A writer that knows what the last build wrote (its record's
    /// outputs), and keeps the files [`Writer::keep`] names.
    pub fn resume(out: &Path, edition: Edition, previous: BTreeMap<String, (u64, Stamp)>) -> Writer {
        Writer {
            out: out.to_path_buf(),
            edition,
            others: BTreeSet::new(),
            others_stale: Vec::new(),
            previous,
            written: Written {
                files: 0,
                bytes: 0,
                changed: 0,
                removed: 0,
                written: Vec::new(),
                gone: Vec::new(),
                outputs: BTreeMap::new(),
                shared_stale: Vec::new(),
            },
            error: None,
            missing: None,
            disk: None,
        }
    }

    /// Tells the English edition's writer what the editions written before
    /// it did with the images they share: it keeps those they have, and
    /// removes those they dropped that no edition has.
    pub fn share(&mut self, shared: &Shared) {
        self.others.clone_from(&shared.written);
        self.others_stale.clone_from(&shared.stale);
    }

    /// Writes `bytes` at `relative` under the output folder, unless they
    /// are there already: on the disk thread ([`Disk`]); [`Writer::finish`]
    /// waits for it.
    pub fn put(&mut self, relative: String, bytes: Vec<u8>) {
        if self.error.is_some() {
            return;
        }
        let path = self.out.join(&relative);
        let hash = digest(&bytes);
        self.count(&relative, bytes.len() as u64);
        let previous = self.previous.get(&relative).map(|(before, _)| *before);
        self.disk.get_or_insert_with(Disk::start).send(Job { relative, path, bytes, hash, previous });
    }

    /// Counts the file at `relative` among the build's: a shared image
    /// an edition built before this one has is counted once, there.
    fn count(&mut self, relative: &str, bytes: u64) {
        if !self.others.contains(relative) {
            self.written.files += 1;
            self.written.bytes += bytes;
        }
    }

    /// Writes the bytes of the file `from` (a processed image in the
    /// store) at `relative`, as [`Writer::put`]; a file that cannot be
    /// read is this build's error.
    pub fn copy(&mut self, relative: String, from: &Path) {
        match fs::read(from) {
            Ok(bytes) => self.put(relative, bytes),
            Err(err) => {
                let why = format!("the processed image {} cannot be read: {err}", from.display());
                self.error.get_or_insert(io::Error::new(err.kind(), why));
            }
        }
    }

    /// Keeps the file the last build wrote at `relative`, as it is: the
    /// edition has it unchanged. [`Writer::finish`] fails when the last
    /// build did not write it (the record does not match the folder).
    pub fn keep(&mut self, relative: &str) {
        match self.previous.get(relative).cloned() {
            Some((hash, stamp)) => {
                self.count(relative, stamp.size);
                self.written.outputs.insert(relative.to_string(), (hash, stamp));
            }
            None => {
                self.missing.get_or_insert_with(|| relative.to_string());
            }
        }
    }

    /// Removes what the edition no longer has; the first error of any
    /// write or removal.
    pub fn finish(mut self) -> io::Result<Written> {
        let mut failed = None;
        for done in self.disk.take().map(Disk::finish).transpose()?.into_iter().flatten() {
            match done.stamp {
                Ok(stamp) => {
                    if done.wrote {
                        self.written.changed += 1;
                        self.written.written.push(done.relative.clone());
                    }
                    self.written.outputs.insert(done.relative, (done.hash, stamp));
                }
                Err(err) => failed = Some(err),
            }
        }
        if let Some(err) = failed.or(self.error) {
            return Err(err);
        }
        if let Some(relative) = &self.missing {
            return Err(io::Error::other(format!("{relative} is not in the record of the last build")));
        }
        let out = &self.out;
        let root = self.edition == Edition::English;
        let own = match self.edition.folder() {
            "" => out.clone(),
            folder => out.join(folder),
        };
        // After a build with a record, what it wrote and this one did not
        // goes; without one, whatever the folder holds that this build did
        // not write.
        let mut stale: Vec<String> = if self.previous.is_empty() {
            let sitemaps = fs::read_dir(&own).into_iter().flatten().filter_map(Result::ok).map(|entry| entry.path());
            let sitemaps = sitemaps.filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("sitemap-") && name.ends_with(".xml"))
            });
            let images = if root { crate::walk(&out.join("img")) } else { Vec::new() };
            crate::walk(&own.join("content"))
                .into_iter()
                .chain(images)
                .chain(sitemaps)
                .map(|path| path.strip_prefix(out).unwrap_or(&path).to_string_lossy().into_owned())
                .filter(|relative| {
                    // A compressed copy goes with its file (remove_copies).
                    let file =
                        relative.strip_suffix(".br").or_else(|| relative.strip_suffix(".gz")).unwrap_or(relative);
                    !self.written.outputs.contains_key(file)
                })
                .collect()
        } else {
            self.previous.keys().filter(|relative| !self.written.outputs.contains_key(*relative)).cloned().collect()
        };
        if root {
            stale.extend(
                self.others_stale.iter().filter(|relative| !self.written.outputs.contains_key(*relative)).cloned(),
            );
            stale.retain(|relative| !self.others.contains(relative));
            stale.sort();
            stale.dedup();
        } else {
            let (images, own): (Vec<String>, Vec<String>) = stale.into_iter().partition(|relative| is_shared(relative));
            self.written.shared_stale = images;
            stale = own;
        }
        for relative in stale {
            let path = out.join(&relative);
            remove(&path)?;
            remove_copies(&path)?;
            // A listing that lost its last story leaves its folder empty:
            // it goes too (a folder with files in it stays).
            let mut folder = path.parent();
            let tops = [own.join("content"), out.join("img")];
            let ours = |dir: &Path| tops.iter().any(|top| dir.starts_with(top) && dir != top.as_path());
            while let Some(dir) = folder.filter(|dir| ours(dir)) {
                if fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
            self.written.removed += 1;
            self.written.gone.push(relative);
        }
        Ok(self.written)
    }
}

/// Removes `path`; one already gone is no error.
fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// Removes the precompressed copies of a file written anew or removed
/// (`{file}.br`, `{file}.gz`, which the release build makes for the
/// host): publishing into a built site must never leave an old copy to be
/// served for a new file. The build's compression makes them again.
fn remove_copies(path: &Path) -> io::Result<()> {
    for extension in ["br", "gz"] {
        let mut copy = path.as_os_str().to_owned();
        copy.push(format!(".{extension}"));
        remove(Path::new(&copy))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn edition(files: &[(&str, &str)]) -> Compiled {
        let files: BTreeMap<String, Vec<u8>> =
            files.iter().map(|(path, text)| (path.to_string(), text.as_bytes().to_vec())).collect();
        Compiled { files, articles: 0, authors: 0, insights: 0 }
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
        // Compressed copies, as a release build leaves them: a copy of a
        // file written anew or removed goes; one of an unchanged file stays.
        for copy in ["content/a.json.br", "content/a.json.gz", "sitemap.xml.br"] {
            fs::write(out.join(copy), "old").unwrap();
        }
        let changed = edition(&[("sitemap.xml", "urlset, again"), ("content/a.json", "1")]);
        write(&changed, &out).unwrap();
        assert!(
            out.join("content/a.json.br").exists() && out.join("content/a.json.gz").exists(),
            "a's bytes are the same"
        );
        assert!(!out.join("sitemap.xml.br").exists(), "sitemap.xml was written anew");
        write(&edition(&[("sitemap.xml", "urlset, again")]), &out).unwrap();
        assert!(!out.join("content/a.json.br").exists(), "a is gone, and its copies");
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn a_file_that_cannot_be_written_fails_the_build_and_names_the_cause() {
        let out = std::env::temp_dir().join(format!("dispatch-write-fails-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        fs::create_dir_all(&out).unwrap();
        // A file where the compiler needs a folder, for the last file
        // written (the files go in path order).
        fs::write(out.join("zz"), "not a folder").unwrap();
        let files: Vec<(String, String)> =
            (0..Disk::QUEUE * 2).map(|n| (format!("page-{n}.json"), n.to_string())).collect();
        let mut all: Vec<(&str, &str)> = files.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
        all.push(("zz/a.json", "1"));
        let err = write(&edition(&all), &out).err().expect("the build fails");
        assert!(err.to_string().contains("ot a directory") || err.to_string().contains("exists"), "{err}");
        // The files before it in the queue were written, whole.
        assert_eq!(fs::read_to_string(out.join("page-3.json")).unwrap(), "3");
        fs::remove_dir_all(&out).unwrap();
    }
}
