//! A newsroom's editions (issue 17): where each one's content is, how
//! articles name their counterparts across editions, and where each one's
//! files go.
//!
//! ```text
//! content/                 the English edition, at /
//! content/images/          images, shared by every edition
//! content/ar/site.toml     the Arabic edition, at /ar/ (its articles,
//! content/ar/articles/     authors and insights.toml, as the English
//! content/ar/authors/      edition's)
//! ```
//!
//! An edition other than the English one is there when its folder has a
//! `site.toml`. Each is compiled on its own (its listings, feeds,
//! sitemap and related stories are its own) into the output folder under
//! its prefix (`ar/content/…`, `ar/feed.json`); the images its pages show
//! go where every edition's do (`img/`, `content/images/`), so a
//! photograph both editions print is one file.
//!
//! Counterparts: an article of another edition names the English article
//! it is the counterpart of, by its slug (`counterpart = "slug"` in its
//! front matter); the two then link to each other. The English article
//! names nothing, so that a translation desk adds a story without
//! touching the original's file.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use dispatch_model::{routes, Counterpart, Edition};
use serde::Deserialize;

use crate::{
    files_with_extension,
    problem::Problem,
    source::{decode, key_line, read_text, split},
    stem, Bundle, Output,
};

/// One edition's content in a newsroom rooted at `root`.
#[derive(Clone, Debug)]
pub struct Source {
    pub root: PathBuf,
    pub edition: Edition,
}

impl Source {
    /// The folder of the edition's site.toml, articles and authors.
    pub fn folder(&self) -> PathBuf {
        match self.edition.folder() {
            "" => self.root.clone(),
            folder => self.root.join(folder),
        }
    }

    /// The images every edition shares.
    pub fn images(&self) -> PathBuf {
        self.root.join("images")
    }
}

/// The editions the newsroom at `root` has, the English one first.
pub fn present(root: &Path) -> Vec<Edition> {
    Edition::ALL
        .into_iter()
        .filter(|edition| edition.folder().is_empty() || root.join(edition.folder()).join("site.toml").is_file())
        .collect()
}

/// Each edition's articles' counterparts, by slug.
pub type Counterparts = BTreeMap<Edition, BTreeMap<String, Counterpart>>;

/// What a counterpart's pairing needs of a front matter; the rest is
/// read, and checked, by the build.
#[derive(Deserialize)]
struct Pairing {
    section: Option<String>,
    counterpart: Option<String>,
}

/// Reads which articles of the other editions name an English
/// counterpart, and pairs them both ways. Errors: each counterpart that
/// is not an English article's slug, or that two articles of one edition
/// both name, as `file:line: message`, sorted.
pub fn counterparts(root: &Path, editions: &[Edition]) -> Result<Counterparts, Vec<Problem>> {
    let mut pairs: Counterparts = editions.iter().map(|&edition| (edition, BTreeMap::new())).collect();
    let mut problems = Vec::new();
    let english = Source { root: root.to_path_buf(), edition: Edition::English };
    // The English articles by slug, as the build names them: a file's
    // stem, or a page bundle's folder, anywhere under articles/. Listed
    // only when some article names a counterpart.
    let mut originals: Option<BTreeMap<String, PathBuf>> = None;
    for &edition in editions.iter().filter(|&&edition| edition != Edition::English) {
        let source = Source { root: root.to_path_buf(), edition };
        let mut named: BTreeMap<String, PathBuf> = BTreeMap::new();
        for file in files_with_extension(&source.folder().join("articles"), "md") {
            // A file that cannot be read or decoded is reported by the
            // build, with everything else about it.
            let Some((own, line)) = pairing(&file) else { continue };
            let (Some(slug), Some(section)) = (own.counterpart, own.section) else { continue };
            let mut problem = |message: String| problems.push(Problem { file: file.clone(), line, message });
            let originals = originals.get_or_insert_with(|| {
                let files = files_with_extension(&english.folder().join("articles"), "md");
                files
                    .into_iter()
                    .map(|file| (Bundle::of(&file).map_or_else(|| stem(&file), |b| b.slug), file))
                    .collect()
            });
            let original = originals.get(&slug);
            let Some((Pairing { section: Some(english_section), .. }, _)) = original.and_then(|file| pairing(file))
            else {
                problem(format!(
                    "counterpart `{slug}` is not an article of the English edition: write the name of its file in content/articles/, without `.md`"
                ));
                continue;
            };
            if let Some(first) = named.get(&slug) {
                problem(format!(
                    "counterpart `{slug}` is named by {} too: an English article has one counterpart in each edition",
                    first.display()
                ));
                continue;
            }
            named.insert(slug.clone(), file.clone());
            let own = stem(&file);
            let english_href = routes::article(&english_section, &slug);
            let own_href = edition.path(&routes::article(&section, &own));
            pairs
                .entry(edition)
                .or_default()
                .insert(own.clone(), Counterpart { edition: Edition::English, href: english_href });
            pairs.entry(Edition::English).or_default().insert(slug, Counterpart { edition, href: own_href });
        }
    }
    if problems.is_empty() {
        Ok(pairs)
    } else {
        problems.sort();
        Err(problems)
    }
}

/// The section and counterpart of the article in `file`, and the line of
/// its `counterpart` key.
fn pairing(file: &Path) -> Option<(Pairing, usize)> {
    let text = read_text(file).ok()?;
    let document = split(&text).ok()?;
    // Serde passes over the keys a Pairing does not name.
    let pairing: Pairing = decode(document.front, document.front_line).ok()?;
    Some((pairing, key_line(document.front, document.front_line, None, "counterpart")))
}

/// A hash of one edition's pairs: the articles' files depend on them
/// besides their own (see [`crate::record::inputs`]).
pub fn digest(pairs: Option<&BTreeMap<String, Counterpart>>) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (slug, counterpart) in pairs.into_iter().flatten() {
        for part in [slug.as_str(), counterpart.edition.code(), counterpart.href.as_str()] {
            bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
            bytes.extend_from_slice(part.as_bytes());
        }
    }
    bytes
}

/// Whether the file at `relative` (to the output folder) is one every
/// edition shares: a processed image, or a drawing as it is.
pub fn is_shared(relative: &str) -> bool {
    relative.starts_with("img/") || relative.starts_with("content/images/")
}

/// An [`Output`] that puts an edition's own files under its prefix
/// (`ar/content/…`) and the images it shares where every edition's go.
pub struct Prefixed<'a> {
    pub inner: &'a mut dyn Output,
    pub edition: Edition,
}

impl Prefixed<'_> {
    fn place(&self, relative: String) -> String {
        match self.edition.folder() {
            "" => relative,
            _ if is_shared(&relative) => relative,
            folder => format!("{folder}/{relative}"),
        }
    }
}

impl Output for Prefixed<'_> {
    fn put(&mut self, relative: String, bytes: Vec<u8>) {
        let relative = self.place(relative);
        self.inner.put(relative, bytes);
    }
    fn copy(&mut self, relative: String, from: &Path) {
        let relative = self.place(relative);
        self.inner.copy(relative, from);
    }
    fn keep(&mut self, relative: &str) {
        let relative = self.place(relative.to_string());
        self.inner.keep(&relative);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editions_files_go_under_its_prefix_and_images_are_shared() {
        struct Paths(Vec<String>);
        impl Output for Paths {
            fn put(&mut self, relative: String, _: Vec<u8>) {
                self.0.push(relative);
            }
            fn copy(&mut self, relative: String, _: &Path) {
                self.0.push(relative);
            }
            fn keep(&mut self, relative: &str) {
                self.0.push(relative.to_string());
            }
        }
        let mut paths = Paths(Vec::new());
        let mut arabic = Prefixed { inner: &mut paths, edition: Edition::Arabic };
        arabic.put("content/site.json".into(), Vec::new());
        arabic.put("feed.json".into(), Vec::new());
        arabic.copy("img/0123/x-640.webp".into(), Path::new("x"));
        arabic.keep("content/images/heroes/x.svg");
        assert_eq!(
            paths.0,
            ["ar/content/site.json", "ar/feed.json", "img/0123/x-640.webp", "content/images/heroes/x.svg"]
        );
    }
}
