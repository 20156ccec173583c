//! The dependency record of an incremental build (issue 18).
//!
//! With `--cache DIR`, a build keeps what it read and wrote in
//! `DIR/press-record.jsonl`, and the next build starts from it:
//! - an article whose file (and page bundle images) has the same size
//!   and modification time is taken from the record, not read again;
//! - related picks are redone only where a change can reach them
//!   ([`crate::related::related_update`]);
//! - an article's JSON, a listing's pages and a bundle's images are made
//!   again only when something they show changed, and a file whose bytes
//!   did not change is not written (its modification time stays, so a CDN
//!   sync skips it).
//!
//! What every article depends on besides its own file (the compiler
//! itself, `site.toml`, the authors, the insights and the site's images)
//! is one hash of [`Inputs`]; when it differs, the record is not
//! used and the build is a full one. A build with the record gives the
//! bytes a build without it gives: `press/tests/incremental.rs` checks
//! that on random edits.

use std::{
    collections::BTreeMap,
    fs, io,
    ops::Range,
    path::{Path, PathBuf},
    sync::Arc,
    time::UNIX_EPOCH,
};

use dispatch_model::{Article, AuthorCard};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// The record's file name in the cache folder: JSON Lines
/// (<https://jsonlines.org>), a header line (format, inputs, start time,
/// line counts), then one line per article (its [`Stored`]), one per
/// article's picks, in the same order, then one per output file. An
/// article's line holds nothing that another article's change can move
/// (picks are indexes, which a new story shifts), so the line of an
/// article whose file did not change is written again as it was read.
/// Lines are read and written on every core: at 100,000 articles the
/// record is about 130 MB, and one parser took a quarter of publishing
/// a story.
pub const FILE: &str = "press-record.jsonl";
/// Which layout of the record this compiler writes; another is not used.
const FORMAT: u32 = 7;

/// The record's first line: what the rest of it is for, and how many
/// lines of articles and then of output files follow it (a record cut
/// short is not used).
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    inputs: u64,
    /// [`Inputs::parts`], to say which changed.
    parts: Vec<(String, u64)>,
    started: i128,
    articles: usize,
    outputs: usize,
}
/// A source modified less than this long before the last build started
/// (nanoseconds) is read again even when its size and time match: a file
/// changed twice within the file system's clock tick keeps one time (the
/// "racy" case git's index guards against in the same way).
pub const RACY_NS: i128 = 2_000_000_000;

/// What a build read and wrote, for the next one.
#[derive(Serialize, Deserialize)]
pub struct Record {
    pub format: u32,
    /// xxh3 of everything an article's output may depend on besides its
    /// own file: see [`Inputs`].
    pub inputs: u64,
    /// The same, part by part.
    pub parts: Vec<(String, u64)>,
    /// When the build started, in nanoseconds since the Unix epoch (UTC).
    pub started: i128,
    /// Every article, newest first, without its body or related picks.
    pub articles: Vec<Stored>,
    /// Each article's related picks, as indexes into `articles`.
    pub picks: Vec<Vec<u32>>,
    /// Every file the build wrote, relative to the output folder, with the
    /// xxh3 of its bytes and its stamp once written.
    pub outputs: BTreeMap<String, (u64, Stamp)>,
}

/// One article as the build read it. Its paths (`file`, `media`) are
/// the build's, as `--content` was written; in the record they are
/// relative to the edition's folder ([`Stored::relative`],
/// [`Stored::under`]), so that one newsroom named two ways (relative
/// and absolute, or moved) finds its articles in the record.
#[derive(Clone, Serialize, Deserialize)]
pub struct Stored {
    pub file: PathBuf,
    /// Its file's and its bundle images' sizes and times, in that order.
    pub stamp: Vec<Stamp>,
    /// The article without body and related picks. In the record each
    /// author card keeps its slug and leaves its other fields empty: a
    /// newsroom's bios and photographs would repeat on every line (the authors' files are among the
    /// record's [`inputs`], so the build that reads it has the same
    /// authors and fills the cards in again: [`Stored::byline`]).
    #[serde(serialize_with = "by_slug")]
    pub article: Article,
    /// Its aliases, as paths, with the line of each.
    pub aliases: Vec<(String, usize)>,
    /// Its bundle's images: where each is served, and its file.
    pub media: Vec<(String, PathBuf)>,
    /// The line of `tags`, and each tag as written with its slug.
    pub tags_line: usize,
    pub spellings: Vec<(String, String)>,
    /// The record's line this was read from, newline included: written
    /// again as it is while the article's file is unchanged, the draft
    /// then coming from the record (at 100,000 articles, making the
    /// lines again was an eighth of publishing a story).
    #[serde(skip)]
    pub line: Option<Line>,
}

impl Stored {
    /// The paths made relative to `folder`, the edition's, as the record
    /// keeps them.
    pub fn relative(mut self, folder: &Path) -> Stored {
        let relative = |path: &mut PathBuf| {
            if let Ok(inside) = path.strip_prefix(folder) {
                *path = inside.to_path_buf();
            }
        };
        relative(&mut self.file);
        self.media.iter_mut().for_each(|(_, path)| relative(path));
        self
    }

    /// The record's relative paths made the build's again, under
    /// `folder`.
    pub fn under(mut self, folder: &Path) -> Stored {
        self.file = folder.join(&self.file);
        self.media.iter_mut().for_each(|(_, path)| *path = folder.join(&*path));
        self
    }

    /// Fills the article's author cards, kept as slugs in the record, from
    /// `card`; `None` when an author is not there (the article is then
    /// read from its file again).
    pub fn byline(mut self, card: impl Fn(&str) -> Option<AuthorCard>) -> Option<Stored> {
        for byline in &mut self.article.authors {
            *byline = card(&byline.slug)?;
        }
        Some(self)
    }
}

/// Serializes `article` with each author card cut to its slug.
fn by_slug<S: serde::Serializer>(article: &Article, serializer: S) -> Result<S::Ok, S::Error> {
    let mut article = article.clone();
    for card in &mut article.authors {
        *card = AuthorCard {
            slug: std::mem::take(&mut card.slug),
            name: String::new(),
            role: String::new(),
            bio: String::new(),
            photo: None,
        };
    }
    article.serialize(serializer)
}

/// One line of the record as read, newline included: a range of the
/// whole file's bytes, which every line shares.
#[derive(Clone)]
pub struct Line {
    bytes: Arc<[u8]>,
    range: Range<usize>,
}

impl std::ops::Deref for Line {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes[self.range.clone()]
    }
}

/// A file's size in bytes, its modification and change times in
/// nanoseconds since the Unix epoch, and its inode: a copy that keeps the
/// modification time (`cp -p`, `rsync -a`, `tar x`) still gets a new
/// change time, and a file replaced by another a new inode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u64, i128, i128, u64)", into = "(u64, i128, i128, u64)")]
pub struct Stamp {
    pub size: u64,
    pub modified: i128,
    pub changed: i128,
    pub inode: u64,
}

/// A stamp is kept in the record as `[size, modified, changed, inode]`:
/// a quarter of a million of them at 100,000 articles.
impl From<(u64, i128, i128, u64)> for Stamp {
    fn from((size, modified, changed, inode): (u64, i128, i128, u64)) -> Stamp {
        Stamp { size, modified, changed, inode }
    }
}

impl From<Stamp> for (u64, i128, i128, u64) {
    fn from(stamp: Stamp) -> Self {
        (stamp.size, stamp.modified, stamp.changed, stamp.inode)
    }
}

impl Stamp {
    /// `path`'s stamp; `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos() as i128;
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128, meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = (modified, 0);
        Some(Stamp { size: meta.len(), modified, changed, inode })
    }

    /// The stamp of a file that is not there.
    pub fn missing() -> Stamp {
        Stamp { size: u64::MAX, modified: 0, changed: 0, inode: 0 }
    }

    /// Whether a file stamped so before `started` (nanoseconds since the
    /// Unix epoch) may be trusted by its stamp: not modified within
    /// [`RACY_NS`] of it (a second write in the same clock tick keeps the
    /// time; git's "racy" rule).
    pub fn settled(&self, started: i128) -> bool {
        self.modified < started - RACY_NS
    }
}

impl Record {
    /// The record in `dir`, when there is one this compiler wrote for the
    /// same `inputs`. It is set aside (as `{FILE}.taken`), so that a
    /// build that stops half way leaves none and the next build is a full
    /// one; [`Record::put_back`] returns it when a build wrote nothing.
    /// Errors: `None` when there is no record (a first build: not news),
    /// or why the one there cannot be used.
    pub fn take(dir: &Path, inputs: &Inputs) -> Result<Record, Option<String>> {
        use rayon::prelude::*;
        let path = dir.join(FILE);
        let bytes: Arc<[u8]> = match fs::read(&path) {
            Ok(bytes) => bytes.into(),
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Err(None),
            Err(_) => return Err(Some("the record cannot be read".to_string())),
        };
        let _ = fs::rename(&path, dir.join(format!("{FILE}.taken")));
        let unreadable = || Some("the record is not one this compiler can read".to_string());
        let mut lines = bytes.split(|&byte| byte == b'\n');
        let header: Header = lines.next().and_then(|line| serde_json::from_slice(line).ok()).ok_or_else(unreadable)?;
        if header.format != FORMAT {
            return Err(Some("the record was written by another version of the compiler".to_string()));
        }
        if header.inputs != inputs.digest() {
            let changed = inputs.changed(&header.parts);
            return Err(Some(format!(
                "what every article depends on changed since the record was written: {}",
                changed.join(", ")
            )));
        }
        let lines: Vec<&[u8]> = lines.filter(|line| !line.is_empty()).collect();
        let expected = header.articles.checked_mul(2).and_then(|lines| lines.checked_add(header.outputs));
        if expected != Some(lines.len()) {
            return Err(Some("the record is cut short".to_string()));
        }
        let (articles, rest) = lines.split_at(header.articles);
        let (picks, outputs) = rest.split_at(header.articles);
        let articles: Vec<Stored> = articles
            .par_iter()
            .map(|line| {
                let mut stored: Stored = serde_json::from_slice(line)?;
                // An article's line is always followed by a picks line,
                // so a newline ends it.
                let start = line.as_ptr() as usize - bytes.as_ptr() as usize;
                stored.line = Some(Line { bytes: Arc::clone(&bytes), range: start..start + line.len() + 1 });
                Ok(stored)
            })
            .collect::<Result<_, serde_json::Error>>()
            .map_err(|_| unreadable())?;
        let picks: Vec<Vec<u32>> = picks
            .par_iter()
            .map(|line| serde_json::from_slice(line))
            .collect::<Result<_, _>>()
            .map_err(|_| unreadable())?;
        let outputs: Vec<(String, (u64, Stamp))> = outputs
            .par_iter()
            .map(|line| serde_json::from_slice(line))
            .collect::<Result<_, _>>()
            .map_err(|_| unreadable())?;
        // Picks index the record's own articles.
        if picks.iter().flatten().any(|&pick| pick as usize >= articles.len()) {
            return Err(unreadable());
        }
        Ok(Record {
            format: FORMAT,
            inputs: header.inputs,
            parts: header.parts,
            started: header.started,
            articles,
            picks,
            outputs: outputs.into_iter().collect(),
        })
    }

    /// Returns the record [`Record::take`] set aside in `dir`: the build
    /// stopped on problems in the content, before writing anything.
    pub fn put_back(dir: &Path) {
        let _ = fs::rename(dir.join(format!("{FILE}.taken")), dir.join(FILE));
    }

    /// Whether every file the record says the build wrote under `out` is
    /// there as written (size and times): another build into the folder,
    /// or an edit by hand, makes the record untrue. The first file that is
    /// not, when one is not.
    pub fn matches(&self, out: &Path) -> Result<(), String> {
        use rayon::prelude::*;
        let wrong = self
            .outputs
            .par_iter()
            .find_any(|(relative, (_, stamp))| Stamp::of(&out.join(relative)).is_none_or(|now| &now != stamp));
        match wrong {
            Some((relative, _)) => Err(format!("{relative} is not as the last build with the cache left it")),
            None => Ok(()),
        }
    }

    /// Writes the record into `dir`, creating it; through a temporary
    /// file, so a reader never sees half of one.
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        use io::Write;
        use rayon::prelude::*;
        fs::create_dir_all(dir)?;
        let temporary = dir.join(format!("{FILE}.partial"));
        let mut file = io::BufWriter::new(fs::File::create(&temporary)?);
        let header = Header {
            format: self.format,
            inputs: self.inputs,
            parts: self.parts.clone(),
            started: self.started,
            articles: self.articles.len(),
            outputs: self.outputs.len(),
        };
        let made: Vec<Option<Vec<u8>>> = self
            .articles
            .par_iter()
            .map(|stored| stored.line.is_none().then(|| line(stored)).transpose())
            .collect::<io::Result<_>>()?;
        let empty = Vec::new();
        let picks: Vec<Vec<u8>> = (0..self.articles.len())
            .into_par_iter()
            .map(|at| line(self.picks.get(at).unwrap_or(&empty)))
            .collect::<io::Result<_>>()?;
        let outputs: Vec<(&String, &(u64, Stamp))> = self.outputs.iter().collect();
        let outputs: Vec<Vec<u8>> = outputs.par_iter().map(line).collect::<io::Result<_>>()?;
        file.write_all(&line(&header)?)?;
        for (stored, made) in self.articles.iter().zip(&made) {
            file.write_all(made.as_deref().or(stored.line.as_deref()).expect("a line read or made"))?;
        }
        for bytes in picks.iter().chain(&outputs) {
            file.write_all(bytes)?;
        }
        file.flush()?;
        drop(file);
        fs::rename(temporary, dir.join(FILE))?;
        let _ = fs::remove_file(dir.join(format!("{FILE}.taken")));
        // The record of format 1, one JSON document, had another name.
        let _ = fs::remove_file(dir.join("press-record.json"));
        Ok(())
    }

    pub fn new(inputs: u64, started: i128) -> Record {
        Record {
            format: FORMAT,
            inputs,
            parts: Vec::new(),
            started,
            articles: Vec::new(),
            picks: Vec::new(),
            outputs: BTreeMap::new(),
        }
    }
}

/// `value` as one line of JSON Lines, newline included: serde_json
/// escapes every line break inside a string, so a value is one line.
fn line<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(value).map_err(io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Nanoseconds since the Unix epoch, now.
pub fn now() -> i128 {
    std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_nanos() as i128)
}

/// What every article depends on besides its own file, part by part,
/// each part a name and the xxh3 of its bytes: the running compiler (its
/// path, size and time: a rebuilt compiler may write other bytes), the
/// output folder's path, the edition, the edition's articles'
/// counterparts (`pairs`, [`crate::editions::digest`]), `site.toml`,
/// `insights.toml` and each author file, and the names and stamps of the
/// files under `content/images`, as one part. A record made for other
/// inputs is not used, and the parts that differ say why.
pub struct Inputs {
    pub parts: Vec<(String, u64)>,
}

impl Inputs {
    pub fn of(source: &crate::editions::Source, out: &Path, pairs: &[u8]) -> Inputs {
        let content = &source.folder();
        let mut parts = Vec::new();
        let mut part = |name: &str, pieces: &[&[u8]]| {
            let mut hash = Xxh3::new();
            for piece in pieces {
                hash.update(&(piece.len() as u64).to_le_bytes());
                hash.update(piece);
            }
            parts.push((name.to_string(), hash.digest()));
        };
        let exe = std::env::current_exe().ok();
        let stamp = exe.as_deref().and_then(Stamp::of).unwrap_or_else(Stamp::missing);
        let exe = exe.map(|exe| exe.to_string_lossy().into_owned()).unwrap_or_default();
        part(
            "the compiler",
            &[
                &FORMAT.to_le_bytes(),
                exe.as_bytes(),
                &stamp.size.to_le_bytes(),
                &stamp.modified.to_le_bytes(),
                &stamp.inode.to_le_bytes(),
            ],
        );
        part("the output folder", &[resolved(out).to_string_lossy().as_bytes()]);
        part("the edition", &[source.edition.code().as_bytes()]);
        part("the counterparts", &[pairs]);
        let mut files = vec![content.join("site.toml"), content.join("insights.toml")];
        files.extend(crate::files_with_extension(&content.join("authors"), "toml"));
        for file in files {
            let name = file.strip_prefix(&source.root).unwrap_or(&file).display().to_string();
            part(&name, &[&fs::read(&file).unwrap_or_default()]);
        }
        // Each image by its name under the folder: the folder's own path
        // depends on how `--content` was written (relative or absolute).
        let mut images = Vec::new();
        let folder = source.images();
        for image in crate::walk(&folder) {
            let stamp = Stamp::of(&image).unwrap_or_else(Stamp::missing);
            images.extend_from_slice(image.strip_prefix(&folder).unwrap_or(&image).to_string_lossy().as_bytes());
            for number in [stamp.size as i128, stamp.modified, stamp.changed, stamp.inode as i128] {
                images.extend_from_slice(&number.to_le_bytes());
            }
        }
        part("the shared images (content/images)", &[&images]);
        Inputs { parts }
    }

    /// One hash of every part.
    pub fn digest(&self) -> u64 {
        let mut hash = Xxh3::new();
        for (name, digest) in &self.parts {
            hash.update(&(name.len() as u64).to_le_bytes());
            hash.update(name.as_bytes());
            hash.update(&digest.to_le_bytes());
        }
        hash.digest()
    }

    /// The names of the parts that differ from `recorded`'s: changed,
    /// added or gone.
    fn changed<'a>(&'a self, recorded: &'a [(String, u64)]) -> Vec<&'a str> {
        let mut names: Vec<&str> = self
            .parts
            .iter()
            .filter(|part| !recorded.contains(part))
            .chain(recorded.iter().filter(|part| !self.parts.contains(part)))
            .map(|(name, _)| name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// `path` made absolute with its links resolved, whether or not it exists
/// yet: a first build into a new folder and the next one into the same
/// folder, by the same relative name, must hash the same path. What
/// exists is resolved by the file system; `..` in what does not yet
/// exist removes the part before it.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut resolved = PathBuf::new();
    for part in absolute.components() {
        match part {
            // The parent of what exists is its real parent: each step is
            // resolved while it exists.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            part => resolved.push(part),
        }
        if let Ok(real) = fs::canonicalize(&resolved) {
            resolved = real;
        }
    }
    resolved
}

/// xxh3 of `bytes`: how the record knows an output file's bytes.
pub fn digest(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_folder_hashes_one_path_before_and_after_it_exists() {
        let dir = std::env::temp_dir().join(format!("dispatch-resolved-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let before = [resolved(&dir.join("build/../site")), resolved(&dir.join("site/."))];
        fs::create_dir_all(dir.join("build")).unwrap();
        fs::create_dir_all(dir.join("site")).unwrap();
        let site = fs::canonicalize(dir.join("site")).unwrap();
        assert_eq!(before, [site.clone(), site.clone()]);
        assert_eq!(resolved(&dir.join("build/../site")), site);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_newsroom_named_relative_or_absolute_has_the_same_inputs() {
        // Tests run in the crate's folder; the sample newsroom is beside it.
        let relative = PathBuf::from("../content");
        let absolute = fs::canonicalize(&relative).unwrap();
        assert!(absolute.join("images").is_dir(), "the sample has shared images");
        let out = std::env::temp_dir().join("dispatch-inputs-out");
        for edition in crate::editions::present(&absolute) {
            let of =
                |root: &Path| Inputs::of(&crate::editions::Source { root: root.to_path_buf(), edition }, &out, b"");
            assert_eq!(of(&relative).parts, of(&absolute).parts, "{edition:?}");
        }
    }

    #[test]
    fn a_record_cut_short_is_not_used() {
        let dir = std::env::temp_dir().join(format!("dispatch-record-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let inputs = Inputs { parts: vec![("site.toml".to_string(), 7), ("authors/a.toml".to_string(), 9)] };
        let mut record = Record::new(inputs.digest(), 1);
        record.parts = inputs.parts.clone();
        let stamp = Stamp { size: 3, modified: 1, changed: 2, inode: 4 };
        for path in ["content/site.json", "feed.json"] {
            record.outputs.insert(path.to_string(), (9, stamp.clone()));
        }
        record.save(&dir).unwrap();
        let whole = fs::read(dir.join(FILE)).unwrap();
        let taken = Record::take(&dir, &inputs).expect("the record as saved");
        assert_eq!(taken.outputs, record.outputs);
        assert!(matches!(Record::take(&dir, &inputs), Err(None)), "taking it sets it aside");
        Record::put_back(&dir);
        let other = Inputs { parts: vec![("site.toml".to_string(), 8), ("authors/a.toml".to_string(), 9)] };
        assert_eq!(
            Record::take(&dir, &other).err(),
            Some(Some("what every article depends on changed since the record was written: site.toml".to_string())),
            "other inputs name the part that changed"
        );

        // Its last line lost, at a line break: the header's count tells.
        let cut = whole[..whole.len() - 1].iter().rposition(|&byte| byte == b'\n').unwrap() + 1;
        fs::write(dir.join(FILE), &whole[..cut]).unwrap();
        assert_eq!(Record::take(&dir, &inputs).err(), Some(Some("the record is cut short".to_string())));
        // A header whose counts overflow is as good as cut short.
        let huge =
            String::from_utf8(whole.clone()).unwrap().replacen("\"articles\":0", "\"articles\":9223372036854775808", 1);
        fs::write(dir.join(FILE), huge).unwrap();
        assert_eq!(Record::take(&dir, &inputs).err(), Some(Some("the record is cut short".to_string())));
        fs::remove_dir_all(&dir).unwrap();
    }
}
