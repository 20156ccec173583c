//! The site's photographs, processed once each (issue 15): the store
//! between the content's image files and the outputs of
//! [`crate::photo`].
//!
//! A raster file is processed into a folder named by its key, the xxh3 of
//! [`photo::SETTINGS`] and the file's bytes: `{cache}/photos/{key}/` holds
//! `{width}.webp` and `{width}.jpg` for each width of the ladder, the
//! share cards (`share-{focus}.jpg`) and `photo.json` (what
//! [`Processed`] says). A rebuild with the same cache finds the folder
//! and decodes nothing. Outputs are served under `/img/{key}/`, as
//! `{stem}-{width}.webp` and `.jpg`, and `{stem}-{focus}-1200x630.jpg`:
//! the key changes with the bytes, so the host may cache them for a year
//! (`immutable`, see `xtask/src/deploy.rs`).
//!
//! Without a cache folder, the build works in a temporary one, removed
//! when the store is dropped: the same outputs, processed every time.
//!
//! A cache serves one build at a time: the store holds an exclusive lock
//! on `{cache}/photos/.lock` while it lives (a second build waits), so
//! that [`Photos::prune`] can remove what the build did not use, folders
//! of photographs since changed or deleted and the `.partial` leftovers
//! of a build that was stopped, without touching another build's work.
//!
//! Every build reads and hashes each photograph to find its key (about
//! 0.1 s for 200 MB here, from the page cache). A key remembered by file
//! size and modification time would skip that, at the price of trusting
//! timestamps that copies and checkouts do not always keep.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    fs, io,
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
};

use serde::{Deserialize, Serialize};

use crate::photo;

/// Where processed images are served from.
pub const SERVED: &str = "/img/";

/// What processing a photograph gave, as kept in `photo.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Processed {
    /// The folder's name: 16 hex digits of xxh3.
    pub key: String,
    /// The upright size of the source, in pixels.
    pub width: u32,
    pub height: u32,
    /// The variants' widths, narrowest first.
    pub widths: Vec<u32>,
    /// The placeholder palette index ([`photo::Upright::placeholder`]).
    pub placeholder: u8,
}

impl Processed {
    /// The JPEG a browser without `srcset` loads: the widest variant up to
    /// 1280 px, a desktop column at 1× or a phone at 3×.
    pub fn fallback(&self) -> u32 {
        self.widths.iter().copied().filter(|&w| w <= 1280).max().unwrap_or(self.widths[0])
    }
}

/// Drawings' share cards by source file and focus (whole percentages):
/// the served path, or `None` for a drawing with text.
type Cards = HashMap<(PathBuf, u32, u32), Result<Option<String>, String>>;

/// The lock file in the store of a cache.
const LOCK: &str = ".lock";

/// The processed photographs of one build.
pub struct Photos {
    dir: PathBuf,
    /// Whether `dir` is this store's own, removed on drop.
    temporary: bool,
    done: Mutex<HashMap<PathBuf, Arc<Result<Processed, String>>>>,
    /// How many photographs this build decoded and encoded (not found in
    /// the cache).
    made: AtomicUsize,
    /// Share cards made this build, by source file and focus: a drawing
    /// many articles share is drawn once.
    cards: Mutex<Cards>,
    /// Numbers the temporary names of files being written: two articles
    /// may ask for the same photograph on two cores at once.
    writes: AtomicUsize,
    /// Photographs decoded this build, newest last, at most one per core:
    /// an article's share card is cut from the hero that reading it has
    /// just processed, rather than from the file decoded a second time
    /// (a 12-megapixel JPEG takes about a tenth of a second).
    recent: Mutex<VecDeque<(PathBuf, Arc<photo::Upright>)>>,
    /// The store's folders this build used, by key: [`Photos::prune`]
    /// removes the rest.
    used: Mutex<HashSet<String>>,
    /// The cache's lock, held while the store lives; `None` for a
    /// temporary store, which is this build's alone.
    _lock: Option<fs::File>,
}

impl Photos {
    /// A store in a temporary folder of its own, removed on drop: every
    /// photograph is processed each build.
    pub fn temporary() -> Photos {
        let unique = format!("dispatch-press-photos-{}-{}", std::process::id(), crate::record::now());
        Photos::at(std::env::temp_dir().join(unique), true, None)
    }

    /// A store keeping its work in `{cache}/photos`, locked for this
    /// build (see the module's notes): when another build holds the lock,
    /// says so on stderr and waits for it. Errors: a folder or lock file
    /// that cannot be made.
    pub fn cached(cache: &Path) -> io::Result<Photos> {
        let dir = cache.join("photos");
        fs::create_dir_all(&dir)?;
        let lock = fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                eprintln!("press: another build is using {}; waiting for it", dir.display());
                lock.lock()?;
            }
            Err(fs::TryLockError::Error(err)) => return Err(err),
        }
        Ok(Photos::at(dir, false, Some(lock)))
    }

    fn at(dir: PathBuf, temporary: bool, lock: Option<fs::File>) -> Photos {
        Photos {
            dir,
            temporary,
            done: Mutex::new(HashMap::new()),
            made: AtomicUsize::new(0),
            cards: Mutex::new(HashMap::new()),
            writes: AtomicUsize::new(0),
            recent: Mutex::new(VecDeque::new()),
            used: Mutex::new(HashSet::new()),
            _lock: lock,
        }
    }

    /// Processes the raster image at `path` (once per build, and once per
    /// cache for the same bytes). Errors: [`photo::inspect`]'s and
    /// [`photo::decode`]'s messages, or a cache folder that cannot be
    /// written.
    pub fn process(&self, path: &Path) -> Arc<Result<Processed, String>> {
        if let Some(done) = self.done.lock().expect("no panics while held").get(path) {
            return done.clone();
        }
        let result = Arc::new(self.process_now(path));
        self.done.lock().expect("no panics while held").insert(path.to_path_buf(), result.clone());
        result
    }

    fn process_now(&self, path: &Path) -> Result<Processed, String> {
        let bytes = read(path)?;
        photo::inspect(&bytes)?;
        let key = key(&[photo::SETTINGS.as_bytes(), &bytes]);
        self.use_folder(&key);
        let folder = self.dir.join(&key);
        let meta = folder.join("photo.json");
        if let Some(processed) = fs::read(&meta).ok().and_then(|json| serde_json::from_slice(&json).ok()) {
            return Ok(processed);
        }
        let upright = Arc::new(photo::decode(&bytes)?);
        self.remember(path, &upright);
        self.made.fetch_add(1, Ordering::Relaxed);
        let variants = upright.variants();
        let partial = self.partial(&key);
        let cannot = |err: std::io::Error| format!("cannot write the processed image in {}: {err}", self.dir.display());
        let _ = fs::remove_dir_all(&partial);
        fs::create_dir_all(&partial).map_err(cannot)?;
        for variant in &variants {
            fs::write(partial.join(format!("{}.webp", variant.width)), &variant.webp).map_err(cannot)?;
            fs::write(partial.join(format!("{}.jpg", variant.width)), &variant.jpeg).map_err(cannot)?;
        }
        let processed = Processed {
            key,
            width: upright.width,
            height: upright.height,
            widths: variants.iter().map(|v| v.width).collect(),
            placeholder: upright.placeholder(),
        };
        fs::write(partial.join("photo.json"), serde_json::to_vec(&processed).expect("plain data")).map_err(cannot)?;
        // Whole or not at all: a stopped build leaves a `.partial` folder,
        // never a folder that looks done. Another core may have put the
        // same folder in place first, with the same files.
        if fs::rename(&partial, &folder).is_err() && folder.join("photo.json").is_file() {
            let _ = fs::remove_dir_all(&partial);
        } else if !folder.join("photo.json").is_file() {
            return Err(format!("cannot write the processed image in {}", self.dir.display()));
        }
        Ok(processed)
    }

    /// The 1200×630 share card of the photograph at `path` (processed
    /// already), cropped around `focus` (fractions of width and height
    /// from the top left): its served path. Errors as [`Photos::process`].
    pub fn share(&self, path: &Path, stem: &str, focus: (f64, f64)) -> Result<String, String> {
        let processed = self.process(path);
        let processed = processed.as_ref().as_ref().map_err(Clone::clone)?;
        self.card(&processed.key, stem, focus, || match self.recalled(path) {
            Some(upright) => Ok(upright),
            None => photo::decode(&read(path)?).map(Arc::new),
        })
    }

    /// The share card of the SVG drawing at `path`, rasterised
    /// ([`photo::rasterise`]): its served path, or `None` for a drawing
    /// with text (its pages use the site's card). Errors: a file that
    /// cannot be read, or an SVG that cannot be drawn.
    pub fn share_drawing(&self, path: &Path, stem: &str, focus: (f64, f64)) -> Result<Option<String>, String> {
        let seen = (path.to_path_buf(), percent(focus.0), percent(focus.1));
        if let Some(card) = self.cards.lock().expect("no panics while held").get(&seen) {
            return card.clone();
        }
        let card = read(path).and_then(|bytes| {
            let key = key(&[photo::SETTINGS.as_bytes(), &bytes]);
            self.use_folder(&key);
            let drawn = photo::rasterise(&bytes)?;
            match drawn {
                Some(upright) => self.card(&key, stem, focus, || Ok(Arc::new(upright))).map(Some),
                None => Ok(None),
            }
        });
        self.cards.lock().expect("no panics while held").insert(seen, card.clone());
        card
    }

    /// The card cropped around `focus` from the picture `draw` gives,
    /// kept in the folder `key`: its served path. `draw` runs only when
    /// the folder lacks the card.
    fn card(
        &self,
        key: &str,
        stem: &str,
        focus: (f64, f64),
        draw: impl FnOnce() -> Result<Arc<photo::Upright>, String>,
    ) -> Result<String, String> {
        let name = format!("share-{}-{}.jpg", percent(focus.0), percent(focus.1));
        let folder = self.dir.join(key);
        let file = folder.join(&name);
        if !file.is_file() {
            let card = draw()?.share(focus);
            fs::create_dir_all(&folder)
                .map_err(|err| format!("cannot write the share card in {}: {err}", self.dir.display()))?;
            let partial = self.partial(&name);
            fs::write(&partial, card)
                .and_then(|()| fs::rename(&partial, &file))
                .map_err(|err| format!("cannot write the share card in {}: {err}", self.dir.display()))?;
        }
        Ok(format!(
            "{SERVED}{key}/{stem}-{}-{}-{}x{}.jpg",
            percent(focus.0),
            percent(focus.1),
            photo::SHARE_WIDTH,
            photo::SHARE_HEIGHT
        ))
    }

    /// Keeps `upright`, decoded from `path`, among the recent ones.
    fn remember(&self, path: &Path, upright: &Arc<photo::Upright>) {
        let mut recent = self.recent.lock().expect("no panics while held");
        recent.push_back((path.to_path_buf(), upright.clone()));
        while recent.len() > rayon::current_num_threads().max(1) {
            recent.pop_front();
        }
    }

    /// The photograph at `path`, when decoded recently.
    fn recalled(&self, path: &Path) -> Option<Arc<photo::Upright>> {
        let recent = self.recent.lock().expect("no panics while held");
        recent.iter().rev().find(|(decoded, _)| decoded == path).map(|(_, upright)| upright.clone())
    }

    /// Records that this build uses the store's folder `key`.
    fn use_folder(&self, key: &str) {
        self.used.lock().expect("no panics while held").insert(key.to_string());
    }

    /// Removes from a cache's store everything this build did not use:
    /// the folders of photographs and drawings no longer in the content,
    /// or processed with other [`photo::SETTINGS`], and `.partial`
    /// leftovers. Call it after a build that succeeded (a refused build
    /// has not looked at every image). A temporary store removes nothing
    /// (it goes whole on drop). Errors: an entry that cannot be removed.
    pub fn prune(&self) -> io::Result<()> {
        if self.temporary {
            return Ok(());
        }
        let used = self.used.lock().expect("no panics while held");
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == LOCK || used.contains(&name) {
                continue;
            }
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())?;
            } else {
                fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }

    /// A name in the store for a file or folder being written, its own
    /// to this write; renamed into place when whole.
    fn partial(&self, name: &str) -> PathBuf {
        let number = self.writes.fetch_add(1, Ordering::Relaxed);
        self.dir.join(format!("{name}.{}-{number}.partial", std::process::id()))
    }

    /// How many photographs this build processed rather than found in
    /// the cache.
    pub fn made(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// The file in the store behind a served path under [`SERVED`], when
    /// it names one.
    pub fn file_of(&self, served: &str) -> Option<PathBuf> {
        let (key, name) = served.strip_prefix(SERVED)?.split_once('/')?;
        let (stem_and_more, extension) = name.rsplit_once('.')?;
        let parts: Vec<&str> = stem_and_more.rsplit('-').collect();
        let file = match (extension, parts.as_slice()) {
            ("jpg", [size, y, x, ..]) if *size == format!("{}x{}", photo::SHARE_WIDTH, photo::SHARE_HEIGHT) => {
                format!("share-{x}-{y}.jpg")
            }
            ("jpg" | "webp", [width, ..]) if width.parse::<u32>().is_ok() => format!("{width}.{extension}"),
            _ => return None,
        };
        let key_is_hex = key.len() == 16 && key.bytes().all(|b| b.is_ascii_hexdigit());
        if !key_is_hex {
            return None;
        }
        // A share card an unchanged article names, from a record: its
        // folder is in use though nothing read that article again.
        self.use_folder(key);
        Some(self.dir.join(key).join(file))
    }
}

impl Drop for Photos {
    fn drop(&mut self) {
        if self.temporary {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// The served paths of a processed photograph's variants, named after
/// `stem`: each width's WebP and JPEG.
pub fn variant_paths(processed: &Processed, stem: &str) -> Vec<String> {
    processed
        .widths
        .iter()
        .flat_map(|width| ["webp", "jpg"].map(|ext| format!("{SERVED}{}/{stem}-{width}.{ext}", processed.key)))
        .collect()
}

/// The bytes of the image file at `path`; the error says why not.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|err| format!("cannot be read: {err}"))
}

/// A focal coordinate (0 to 1) as a whole percentage, for names.
fn percent(fraction: f64) -> u32 {
    (fraction.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// 16 hex digits of the xxh3 of `parts`, each length-prefixed.
fn key(parts: &[&[u8]]) -> String {
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hash.update(&(part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    format!("{:016x}", hash.digest())
}
