//! The site's editions: one newsroom, written and read in more than one
//! language.
//!
//! An edition has its own front page, content, sections' names, feeds,
//! newsletter lists and reader-facing words; an article is written in one
//! edition and may name its counterpart in another. The set is fixed in
//! code because each edition's interface words are code (the app's
//! `text` tables): an edition cannot exist without them.

use serde::{Deserialize, Serialize};

/// One edition. English is the site's root; every other edition lives
/// under its own path prefix, its language's BCP 47 code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// At `/`, from `content/`.
    #[default]
    English,
    /// At `/ar/`, from `content/ar/`: right to left.
    Arabic,
}

impl Edition {
    /// Every edition, the root one first.
    pub const ALL: [Edition; 2] = [Edition::English, Edition::Arabic];

    /// Its language as a BCP 47 tag (RFC 5646): `lang`, `hreflang`, the
    /// feeds' `language`, JSON-LD's `inLanguage`.
    pub fn code(self) -> &'static str {
        match self {
            Edition::English => "en",
            Edition::Arabic => "ar",
        }
    }

    /// Its Open Graph locale (`og:locale`, language_TERRITORY): Arabic
    /// names no one country, so Open Graph's generic `ar_AR`.
    pub fn locale(self) -> &'static str {
        match self {
            Edition::English => "en_GB",
            Edition::Arabic => "ar_AR",
        }
    }

    /// The edition an Open Graph or BCP 47 code names: `None` for any
    /// other.
    pub fn from_code(code: &str) -> Option<Edition> {
        Edition::ALL.into_iter().find(|edition| edition.code() == code)
    }

    /// The writing direction of its pages, for `<html dir>`.
    pub fn direction(self) -> &'static str {
        match self {
            Edition::English => "ltr",
            Edition::Arabic => "rtl",
        }
    }

    /// What comes before each of its paths: empty for the root edition,
    /// `/ar` for Arabic (no trailing slash).
    pub fn prefix(self) -> &'static str {
        match self {
            Edition::English => "",
            Edition::Arabic => "/ar",
        }
    }

    /// A site path (`/policy/slug`, `/content/site.json`) in this edition:
    /// `/ar/policy/slug`. The front page `/` becomes `/ar`: no address of
    /// the site ends in a slash (the servers redirect `/ar/` to `/ar`, as
    /// they do every trailing slash), and its file is `ar.html`.
    pub fn path(self, path: &str) -> String {
        match (self.prefix(), path) {
            ("", path) => path.to_string(),
            (prefix, "/") => prefix.to_string(),
            (prefix, path) => format!("{prefix}{path}"),
        }
    }

    /// The edition a site path belongs to, and the path within it:
    /// `/ar/policy/x` is Arabic's `/policy/x`, `/ar` and `/ar/` its front
    /// page `/`; anything else is English's, unchanged.
    pub fn split(path: &str) -> (Edition, &str) {
        for edition in Edition::ALL {
            let prefix = edition.prefix();
            if prefix.is_empty() {
                continue;
            }
            if let Some(rest) = path.strip_prefix(prefix) {
                if rest.is_empty() {
                    return (edition, "/");
                }
                if rest.starts_with('/') {
                    return (edition, rest);
                }
            }
        }
        (Edition::English, path)
    }

    /// The `hreflang` links of a page whose versions are `versions` (each
    /// edition with its path, itself included, in any order): every
    /// version by its language, in edition order, then the English one
    /// again as `x-default`, as Google's "Tell Google about localized
    /// versions of your page" asks. The head and the sitemap both write
    /// these.
    pub fn hreflang<'a>(versions: &[(Edition, &'a str)]) -> Vec<(&'static str, &'a str)> {
        let mut sorted = versions.to_vec();
        sorted.sort();
        let english = sorted.iter().find(|(edition, _)| *edition == Edition::English).map(|(_, path)| *path);
        sorted
            .iter()
            .map(|(edition, path)| (edition.code(), *path))
            .chain(english.map(|path| ("x-default", path)))
            .collect()
    }

    /// The content folder of this edition, relative to the newsroom's
    /// root: empty for English, `ar` for Arabic.
    pub fn folder(self) -> &'static str {
        self.prefix().trim_start_matches('/')
    }
}

/// The digits an edition writes the numbers the app formats with (dates,
/// counts, reading times; never the writers' own text, where a CVE
/// identifier keeps its digits), as its `site.toml` chooses: `digits = "latin"` (0 to 9) or
/// `"arabic-indic"` (U+0660 to U+0669, as most of the Arab East prints
/// them; the Maghreb prints Latin digits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    #[default]
    Latin,
    ArabicIndic,
}

impl Digits {
    /// `text` with its ASCII digits written in these digits; every other
    /// character as it is.
    pub fn write(self, text: &str) -> String {
        match self {
            Digits::Latin => text.to_string(),
            Digits::ArabicIndic => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(digit) if c.is_ascii_digit() => char::from_u32(0x0660 + digit).unwrap_or(c),
                    _ => c,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Digits, Edition};

    #[test]
    fn digits_are_written_in_the_editions_choice() {
        assert_eq!(Digits::ArabicIndic.write("27 نوفمبر 2026"), "٢٧ نوفمبر ٢٠٢٦");
        assert_eq!(Digits::Latin.write("27 نوفمبر 2026"), "27 نوفمبر 2026");
        assert_eq!(Digits::ArabicIndic.write("(10) ٣"), "(١٠) ٣", "only what the app formats goes through it");
    }

    #[test]
    fn paths_round_trip_through_their_edition() {
        assert_eq!(Edition::Arabic.path("/"), "/ar");
        assert_eq!(Edition::English.path("/"), "/");
        assert_eq!(Edition::Arabic.path("/policy/x"), "/ar/policy/x");
        assert_eq!(Edition::English.path("/policy/x"), "/policy/x");
        assert_eq!(Edition::split("/ar/policy/x"), (Edition::Arabic, "/policy/x"));
        assert_eq!(Edition::split("/ar/"), (Edition::Arabic, "/"));
        assert_eq!(Edition::split("/ar"), (Edition::Arabic, "/"));
        assert_eq!(
            Edition::split("/arabic-news/x"),
            (Edition::English, "/arabic-news/x"),
            "a prefix is a whole segment"
        );
        assert_eq!(Edition::split("/"), (Edition::English, "/"));
        for edition in Edition::ALL {
            assert_eq!(Edition::from_code(edition.code()), Some(edition));
            assert_eq!(Edition::split(&edition.path("/tag/x")), (edition, "/tag/x"));
            assert_eq!(Edition::split(&edition.path("/")), (edition, "/"));
        }
        assert_eq!(Edition::Arabic.folder(), "ar");
        assert_eq!(
            Edition::hreflang(&[(Edition::Arabic, "/ar/policy/x"), (Edition::English, "/policy/y")]),
            [("en", "/policy/y"), ("ar", "/ar/policy/x"), ("x-default", "/policy/y")]
        );
        assert_eq!(serde_json::to_string(&Edition::Arabic).unwrap(), "\"arabic\"");
    }
}
