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

use std::{
    collections::HashMap,
    fs,
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

/// Share cards by source file and focus (whole percentages).
type Cards = HashMap<(PathBuf, u32, u32), Result<String, String>>;

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
}

impl Photos {
    /// A store keeping its work in `{cache}/photos`, or in a temporary
    /// folder without a cache.
    pub fn new(cache: Option<&Path>) -> Photos {
        let (dir, temporary) = match cache {
            Some(cache) => (cache.join("photos"), false),
            None => {
                let unique = format!("dispatch-press-photos-{}-{}", std::process::id(), crate::record::now());
                (std::env::temp_dir().join(unique), true)
            }
        };
        Photos {
            dir,
            temporary,
            done: Mutex::new(HashMap::new()),
            made: AtomicUsize::new(0),
            cards: Mutex::new(HashMap::new()),
            writes: AtomicUsize::new(0),
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
        let bytes = fs::read(path).map_err(|err| format!("cannot be read: {err}"))?;
        photo::inspect(&bytes)?;
        let key = key(&[photo::SETTINGS.as_bytes(), &bytes]);
        let folder = self.dir.join(&key);
        let meta = folder.join("photo.json");
        if let Some(processed) = fs::read(&meta).ok().and_then(|json| serde_json::from_slice(&json).ok()) {
            return Ok(processed);
        }
        let upright = photo::decode(&bytes)?;
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
        self.card(path, &processed.key, stem, focus, photo::decode)
    }

    /// The share card of the SVG drawing at `path`, rasterised
    /// ([`photo::rasterise`]): its served path. Errors: an SVG that cannot
    /// be drawn, or one with text.
    pub fn share_drawing(&self, path: &Path, stem: &str, focus: (f64, f64)) -> Result<String, String> {
        let seen = (path.to_path_buf(), percent(focus.0), percent(focus.1));
        if let Some(card) = self.cards.lock().expect("no panics while held").get(&seen) {
            return card.clone();
        }
        let card = fs::read(path).map_err(|err| format!("cannot be read: {err}")).and_then(|bytes| {
            let key = key(&[photo::SETTINGS.as_bytes(), &bytes]);
            self.card(path, &key, stem, focus, photo::rasterise)
        });
        self.cards.lock().expect("no panics while held").insert(seen, card.clone());
        card
    }

    /// The card cropped around `focus` from the picture `draw` makes of
    /// the file at `path`, kept in the folder `key`.
    fn card(
        &self,
        path: &Path,
        key: &str,
        stem: &str,
        focus: (f64, f64),
        draw: fn(&[u8]) -> Result<photo::Upright, String>,
    ) -> Result<String, String> {
        let name = format!("share-{}-{}.jpg", percent(focus.0), percent(focus.1));
        let folder = self.dir.join(key);
        let file = folder.join(&name);
        if !file.is_file() {
            let bytes = fs::read(path).map_err(|err| format!("cannot be read: {err}"))?;
            let card = draw(&bytes)?.share(focus);
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
        key_is_hex.then(|| self.dir.join(key).join(file))
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
