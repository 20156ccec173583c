//! The prerenderer's dependency record (issue 18): for every page, the
//! files its render read (each with its size, modification time and
//! xxh3), kept in a cache folder (`--cache DIR`) as
//! `prerender-record.jsonl`. The next run renders only the pages a file
//! of which changed, new pages, and none other; a page whose route is
//! gone has its file removed. The result is what rendering every page
//! gives (tested with the compiler's record in
//! `prerender/tests/incremental.rs`).

use std::{collections::BTreeMap, fs, io, path::Path, time::UNIX_EPOCH};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The record's file name in the cache folder: JSON Lines
/// (<https://jsonlines.org>), a header line (format, identity, start
/// time, line counts), then one line per file read, then one per page.
/// Lines are read and written on every core: at 100,000 articles the
/// record is about 40 MB, and one parser was a sixth of publishing a
/// story.
pub const FILE: &str = "prerender-record.jsonl";
const FORMAT: u32 = 2;

/// The record's first line: what the rest of it is for, and how many
/// lines of files and then of pages follow it (a record cut short is not
/// used).
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    identity: u64,
    started: i128,
    files: usize,
    pages: usize,
}
/// A file modified less than this long (nanoseconds) before the run that
/// read it started is hashed again even when its size and time match: a
/// file changed twice within one clock tick keeps one time.
const RACY_NS: i128 = 2_000_000_000;

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
        use rayon::prelude::*;
        let path = dir.join(FILE);
        let Ok(bytes) = fs::read(&path) else { return Record::format_one(dir) };
        let _ = fs::remove_file(&path);
        let mut lines = bytes.split(|&byte| byte == b'\n');
        let header: Header = serde_json::from_slice(lines.next()?).ok()?;
        let lines: Vec<&[u8]> = lines.filter(|line| !line.is_empty()).collect();
        if header.format != FORMAT || header.files.checked_add(header.pages) != Some(lines.len()) {
            return None;
        }
        let (files, pages) = lines.split_at(header.files);
        let files: Vec<Seen> =
            files.par_iter().map(|line| serde_json::from_slice(line)).collect::<Result<_, _>>().ok()?;
        let pages: Vec<(String, Page)> =
            pages.par_iter().map(|line| serde_json::from_slice(line)).collect::<Result<_, _>>().ok()?;
        // Reads index the record's own files.
        if pages.iter().flat_map(|(_, page)| &page.read).any(|&read| read as usize >= files.len()) {
            return None;
        }
        Some(Record {
            format: FORMAT,
            identity: header.identity,
            started: header.started,
            files,
            pages: pages.into_iter().collect(),
        })
    }

    /// The record of format 1, one JSON document under another name, for
    /// its pages only: the first run after an upgrade still removes the
    /// pages of routes that are gone. Never [`Record::is_for`] a run.
    fn format_one(dir: &Path) -> Option<Record> {
        #[derive(Deserialize)]
        struct FormatOne {
            pages: BTreeMap<String, Page>,
        }
        let path = dir.join("prerender-record.json");
        let bytes = fs::read(&path).ok()?;
        let _ = fs::remove_file(&path);
        let old: FormatOne = serde_json::from_slice(&bytes).ok()?;
        Some(Record { format: 1, identity: 0, started: 0, files: Vec::new(), pages: old.pages })
    }

    /// Whether the record was written by a run with this `identity`.
    pub fn is_for(&self, identity: u64) -> bool {
        self.format == FORMAT && self.identity == identity
    }

    /// Writes the record into `dir`, creating it; through a temporary
    /// file, so a reader never sees half of one.
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        use io::Write;
        use rayon::prelude::*;
        fs::create_dir_all(dir)?;
        let temporary = dir.join(format!("{FILE}.partial"));
        let header = Header {
            format: self.format,
            identity: self.identity,
            started: self.started,
            files: self.files.len(),
            pages: self.pages.len(),
        };
        let files: Vec<Vec<u8>> = self.files.par_iter().map(line).collect::<io::Result<_>>()?;
        let pages: Vec<(&String, &Page)> = self.pages.iter().collect();
        let pages: Vec<Vec<u8>> = pages.par_iter().map(line).collect::<io::Result<_>>()?;
        let mut file = io::BufWriter::new(fs::File::create(&temporary)?);
        file.write_all(&line(&header)?)?;
        for bytes in files.iter().chain(&pages) {
            file.write_all(bytes)?;
        }
        file.flush()?;
        drop(file);
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

/// `value` as one line of JSON Lines, newline included: serde_json
/// escapes every line break inside a string, so a value is one line.
fn line<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(value).map_err(io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Builds a record's `files` and pages' `read`, one entry a file.
#[derive(Default)]
pub struct Files {
    files: Vec<Seen>,
    at: FxHashMap<String, u32>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_cut_short_or_pointing_past_its_files_is_not_used() {
        let dir = std::env::temp_dir().join(format!("dispatch-prerender-record-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let mut record = Record::new(7, 1);
        let mut files = Files::default();
        let read = vec![
            files.add(Seen { path: "content/site.json".into(), size: 3, modified: 1, changed: 2, inode: 4, hash: 5 }),
            files.add(Seen {
                path: "content/latest/1.json".into(),
                size: 6,
                modified: 1,
                changed: 2,
                inode: 8,
                hash: 9,
            }),
        ];
        record.files = files.into_files();
        record.pages.insert("/".into(), Page { file: "index.html".into(), read });
        record.save(&dir).unwrap();
        let whole = fs::read(dir.join(FILE)).unwrap();
        let taken = Record::take(&dir).expect("the record as saved");
        assert!(taken.is_for(7) && !taken.is_for(8));
        assert_eq!(
            taken.files.iter().map(|seen| seen.path.as_str()).collect::<Vec<_>>(),
            ["content/site.json", "content/latest/1.json"]
        );
        assert_eq!(taken.pages["/"].read, [0, 1]);
        assert!(Record::take(&dir).is_none(), "taking it removes it");

        // Its last line lost, at a line break: the header's count tells.
        let cut = whole[..whole.len() - 1].iter().rposition(|&byte| byte == b'\n').unwrap() + 1;
        fs::write(dir.join(FILE), &whole[..cut]).unwrap();
        assert!(Record::take(&dir).is_none());
        // A page that reads a file the record does not have.
        let text = String::from_utf8(whole).unwrap().replace("[0,1]", "[0,2]");
        fs::write(dir.join(FILE), text).unwrap();
        assert!(Record::take(&dir).is_none());

        // One of format 1 tells which pages it wrote, and is for no run.
        fs::write(
            dir.join("prerender-record.json"),
            r#"{"format":1,"identity":7,"started":1,"files":[],"pages":{"/gone":{"file":"gone.html","read":[]}}}"#,
        )
        .unwrap();
        let old = Record::take(&dir).expect("the old record's pages");
        assert_eq!(old.pages["/gone"].file, "gone.html");
        assert!(!old.is_for(7));
        assert!(!dir.join("prerender-record.json").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
