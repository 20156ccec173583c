//! The content contract of Dispatch.
//!
//! Every JSON file the app reads is one of these types, and the content
//! compiler writes them from the same definitions, so the two sides cannot
//! drift. Nothing here holds raw HTML: text is text, and markup is a typed
//! block or inline, which the app renders through `view!`.

use serde::{Deserialize, Serialize};

mod date;
mod href;

pub use date::{parse_date, CalendarDate};
pub use href::is_safe_href;

/// Bumped whenever a file's shape changes in a way old readers cannot read.
pub const SCHEMA_VERSION: u32 = 1;

/// Where the app finds each kind of file, relative to the site root.
pub mod paths {
    pub fn article(slug: &str) -> String {
        format!("/content/articles/{slug}.json")
    }

    /// Page `page` (from 1) of the latest articles, newest first.
    pub fn latest(page: u32) -> String {
        format!("/content/latest/{page}.json")
    }
}

/// A section (topic) of the site, such as "Vulnerabilities & Threats".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRef {
    pub slug: String,
    pub name: String,
}

/// A region the newsroom covers, such as "Middle East & Africa".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRef {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub slug: String,
    pub name: String,
}

/// An image with everything a figure needs: its intrinsic size (so the
/// layout is reserved before it loads), a text alternative, and the
/// caption and credit line shown under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Credit line as printed, for example "Source: Alamy via Reuters".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// A byline entry with what the "About the Author" card shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorCard {
    pub slug: String,
    pub name: String,
    pub role: String,
    pub bio: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Image>,
}

/// Inline text inside a paragraph, quote or list item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text { text: String },
    Emphasis { children: Vec<Inline> },
    Strong { children: Vec<Inline> },
    Code { text: String },
    Link { href: String, children: Vec<Inline> },
}

/// One block of an article body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        inlines: Vec<Inline>,
    },
    Subheading {
        text: String,
    },
    Quote {
        inlines: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    Figure {
        image: Image,
    },
    Code {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        code: String,
    },
    Divider,
}

/// A card for an article: what lists, rails and "You May Also Like" show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub headline: String,
    pub deck: String,
    pub section: SectionRef,
    pub published: String,
    pub reading_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Image>,
    pub authors: Vec<String>,
}

/// One page of a paginated list of article cards, such as
/// `/content/latest/1.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPage {
    pub schema_version: u32,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
    pub total: u32,
    pub items: Vec<ArticleSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// A full article, as `/content/articles/{slug}.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub schema_version: u32,
    pub slug: String,
    pub headline: String,
    pub deck: String,
    pub section: SectionRef,
    #[serde(default)]
    pub regions: Vec<RegionRef>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// RFC 3339 with the desk's offset, for example `2026-11-27T09:30:00+04:00`.
    pub published: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    pub reading_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hero: Option<Image>,
    pub authors: Vec<AuthorCard>,
    pub body: Vec<Block>,
    /// "You May Also Like", precomputed by the content compiler.
    #[serde(default)]
    pub related: Vec<ArticleSummary>,
}

impl ArticleSummary {
    /// The path a reader sees for this article: `/{section}/{slug}`.
    pub fn href(&self) -> String {
        format!("/{}/{}", self.section.slug, self.slug)
    }
}

impl Article {
    /// The path a reader sees for this article: `/{section}/{slug}`.
    pub fn href(&self) -> String {
        format!("/{}/{}", self.section.slug, self.slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_use_a_type_tag_in_json() {
        let block = Block::Quote {
            inlines: vec![Inline::Text { text: "Patch now.".into() }],
            attribution: Some("CERT-In".into()),
        };
        let json = serde_json::to_string(&block).unwrap();
        assert_eq!(
            json,
            r#"{"type":"quote","inlines":[{"type":"text","text":"Patch now."}],"attribution":"CERT-In"}"#
        );
        assert_eq!(serde_json::from_str::<Block>(&json).unwrap(), block);
        let divider: Block = serde_json::from_str(r#"{"type":"divider"}"#).unwrap();
        assert_eq!(divider, Block::Divider);
    }

    #[test]
    fn an_unknown_block_type_is_an_error_not_silence() {
        let err = serde_json::from_str::<Block>(r#"{"type":"html","html":"<b>x</b>"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown variant `html`"), "{err}");
    }

    #[test]
    fn the_sample_article_parses_and_links_by_section() {
        let json = include_str!("../../public/content/articles/mea-ransomware-gulf-ports.json");
        let article: Article = serde_json::from_str(json).unwrap();
        assert_eq!(article.schema_version, SCHEMA_VERSION);
        assert_eq!(article.href(), "/cyberattacks-data-breaches/mea-ransomware-gulf-ports");
        assert!(article.body.len() >= 3);
    }
}
