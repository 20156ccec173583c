//! The prerenderer's dependency record (issue 18): for every page, the
//! files its render read (each with its size, modification time and
//! xxh3), kept in a cache folder (`--cache DIR`) as
//! `prerender-record.json`. The next run renders only the pages a file
//! of which changed, new pages, and none other; a page whose route is
//! gone has its file removed. The result is what rendering every page
//! gives (tested with the compiler's record in
//! `prerender/tests/incremental.rs`).

use std::{
    collections::{BTreeMap, HashMap},
    fs, io,
    path::Path,
    time::UNIX_EPOCH,
};

use serde::{Deserialize, Serialize};

/// The record's file name in the cache folder.
pub const FILE: &str = "prerender-record.json";
const FORMAT: u32 = 1;
/// A file modified less than this long (nanoseconds) before the run that
/// read it started is hashed again even when its size and time match: a
/// file changed twice within one clock tick keeps one time.
const RACY_NS: i128 = 2_000_000_000;

#[derive(Serialize, Deserialize)]
pub struct Record {
    format: u32,
    /// The shell, the prerenderer itself and the site's folder, as one
    /// hash: when it differs, every page is rendered.
    pub identity: u64,
    /// When the run started, in nanoseconds since the Unix epoch (UTC).
    pub started: i128,
    /// Every file a page read, relative to the site's root.
    pub files: Vec<Seen>,
    /// Every page by its address: its file, and which of `files` it read.
    pub pages: BTreeMap<String, Page>,
}

/// A file as a render read it.
#[derive(Clone, Serialize, Deserialize)]
pub struct Seen {
    pub path: String,
    pub size: u64,
    /// Modification and change times, in nanoseconds since the Unix
    /// epoch, and the inode: see [`stamp`].
    pub modified: i128,
    pub changed: i128,
    pub inode: u64,
    pub hash: u64,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Page {
    /// The page's HTML file, relative to the root.
    pub file: String,
    /// Indexes into [`Record::files`].
    pub read: Vec<u32>,
}

impl Record {
    pub fn new(identity: u64, started: i128) -> Record {
        Record { format: FORMAT, identity, started, files: Vec::new(), pages: BTreeMap::new() }
    }

    /// The record in `dir`, whatever it was written for (its pages tell
    /// a full run which files a gone route left); it is removed as it is
    /// read, so that a run that stops half way leaves none. Use it for its
    /// files only when [`Record::is_for`] the run.
    pub fn take(dir: &Path) -> Option<Record> {
        let path = dir.join(FILE);
        let bytes = fs::read(&path).ok()?;
        let _ = fs::remove_file(&path);
        let record: Record = serde_json::from_slice(&bytes).ok()?;
        (record.format == FORMAT).then_some(record)
    }

    /// Whether the record was written by a run with this `identity`.
    pub fn is_for(&self, identity: u64) -> bool {
        self.identity == identity
    }

    pub fn save(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)?;
        let temporary = dir.join(format!("{FILE}.partial"));
        serde_json::to_writer(io::BufWriter::new(fs::File::create(&temporary)?), self).map_err(io::Error::other)?;
        fs::rename(temporary, dir.join(FILE))
    }

    /// Which of [`Record::files`] are as they were, each checked once:
    /// by size and time when the file is older than the last run, else by
    /// its bytes.
    pub fn unchanged(&self, root: &Path) -> Vec<bool> {
        use rayon::prelude::*;
        self.files
            .par_iter()
            .map(|seen| {
                let path = root.join(&seen.path);
                match stamp(&path) {
                    // Missing then (a probe for a file that may exist),
                    // and still missing.
                    None => seen.size == u64::MAX,
                    Some((size, modified, changed, inode))
                        if (size, modified, changed, inode) == (seen.size, seen.modified, seen.changed, seen.inode)
                            && modified < self.started - RACY_NS =>
                    {
                        true
                    }
                    Some((size, ..)) if size == seen.size => {
                        fs::read(&path).is_ok_and(|bytes| digest(&bytes) == seen.hash)
                    }
                    Some(_) => false,
                }
            })
            .collect()
    }
}

/// Builds a record's `files` and pages' `read`, one entry a file.
#[derive(Default)]
pub struct Files {
    files: Vec<Seen>,
    at: HashMap<String, u32>,
}

impl Files {
    /// The index of `seen` (its path known already or new).
    pub fn add(&mut self, seen: Seen) -> u32 {
        if let Some(&index) = self.at.get(&seen.path) {
            return index;
        }
        let index = self.files.len() as u32;
        self.at.insert(seen.path.clone(), index);
        self.files.push(seen);
        index
    }

    pub fn into_files(self) -> Vec<Seen> {
        self.files
    }
}

/// `path`'s size in bytes, its modification and change times in
/// nanoseconds since the Unix epoch, and its inode: a copy that keeps the
/// modification time (`cp -p`, `rsync -a`) still gets a new change time.
pub fn stamp(path: &Path) -> Option<(u64, i128, i128, u64)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos() as i128;
    #[cfg(unix)]
    let (changed, inode) = {
        use std::os::unix::fs::MetadataExt;
        (meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128, meta.ino())
    };
    #[cfg(not(unix))]
    let (changed, inode) = (modified, 0);
    Some((meta.len(), modified, changed, inode))
}

/// What a render read of `path` (relative to `root`): `text` is what it
/// read, stamped with the file's size and time now.
pub fn seen(root: &Path, path: &str, text: Option<&str>) -> Seen {
    let (size, modified, changed, inode) = stamp(&root.join(path)).unwrap_or((u64::MAX, 0, 0, 0));
    Seen {
        path: path.to_string(),
        size,
        modified,
        changed,
        inode,
        hash: text.map_or(0, |text| digest(text.as_bytes())),
    }
}

pub fn digest(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Nanoseconds since the Unix epoch, now.
pub fn now() -> i128 {
    std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_nanos() as i128)
}
