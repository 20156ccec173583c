//! The content contract of Dispatch.
//!
//! Every JSON file the app reads is one of these types, and the content
//! compiler writes them from the same definitions, so the two sides cannot
//! drift. Nothing here holds raw HTML: text is text, and markup is a typed
//! block or inline, which the app renders through `view!`.

use serde::{Deserialize, Serialize};

pub mod chars;
mod date;
mod edition;
pub mod escape;
mod href;
pub mod newsletter;
pub mod slug;
mod wire;

pub use date::{parse_date, CalendarDate};
pub use edition::{Digits, Edition};
pub use href::{check_href, is_safe_href, HREF_RULE};

/// Bumped whenever a file's shape changes in a way old readers cannot read.
pub const SCHEMA_VERSION: u32 = 2;

/// Where the app finds each kind of file, relative to the site root.
/// The content compiler writes to exactly these paths.
pub mod paths {
    pub const SITE: &str = "/content/site.json";
    pub const INSIGHTS: &str = "/content/insights.json";

    pub fn article(slug: &str) -> String {
        format!("/content/articles/{slug}.json")
    }

    pub fn author(slug: &str) -> String {
        format!("/content/authors/{slug}.json")
    }

    /// The addresses that moved, as [`crate::Redirects`]: the deploy step
    /// turns them into each host's redirect rules.
    pub const REDIRECTS: &str = "/content/redirects.json";

    /// The folder of the site search's index and browser code, written
    /// by Pagefind over the built pages (`cargo xtask build`). Its name
    /// carries Pagefind's version (the one package.json pins; a test
    /// checks), because `pagefind.js` and its worker keep their names from
    /// one version to the next while the hosts cache every `.js` file as
    /// immutable: an upgrade must move them. The index files' own names
    /// carry their content's hash, and Pagefind fetches its entry file,
    /// `pagefind-entry.json`, past any cache.
    pub const SEARCH_BUNDLE: &str = "/pagefind/1.6.0/";

    /// Page `page` (from 1) of the latest articles, newest first.
    pub fn latest(page: u32) -> String {
        format!("/content/latest/{page}.json")
    }

    /// Page `page` (from 1) of a listing: `kind` is one of "sections",
    /// "regions", "tags" or "authors".
    pub fn listing(kind: &str, slug: &str, page: u32) -> String {
        format!("/content/{kind}/{slug}/{page}.json")
    }
}

/// The paths a reader sees. The app's router and the compiler's feeds and
/// sitemap both build links here, so they cannot disagree.
pub mod routes {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

    /// What a path keeps as it is: RFC 3986's unreserved characters and
    /// `/`; everything else, every non-ASCII byte included, is
    /// percent-encoded.
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'[')
        .add(b']')
        .add(b'\\')
        .add(b'^')
        .add(b'|')
        .add(b'&')
        .add(b'\'')
        .add(b'(')
        .add(b')')
        .add(b'*')
        .add(b'+')
        .add(b',')
        .add(b';')
        .add(b'=')
        .add(b':')
        .add(b'@')
        .add(b'!')
        .add(b'$');

    /// `path` as it goes into a URL that must be ASCII: the sitemap
    /// (sitemaps.org requires entity-escaped, RFC 3986 URLs), the feeds and
    /// canonical links. `/tag/الأمن` becomes `/tag/%D8%A7%D9%84...`; the
    /// servers decode it back to the file name.
    pub fn encode(path: &str) -> String {
        utf8_percent_encode(path, PATH).to_string()
    }

    /// `path` on the site's public `origin` (such as
    /// `https://dispatch.example`), percent-encoded by [`encode`]; an
    /// address that already has an origin (an http(s) image) stays as it
    /// is. What feeds, the sitemap and prerendered heads link to.
    pub fn absolute(origin: &str, path: &str) -> String {
        if path.starts_with("https://") || path.starts_with("http://") {
            path.to_string()
        } else {
            format!("{}{}", origin.trim_end_matches('/'), encode(path))
        }
    }

    /// Words that cannot be section slugs, since they start other routes
    /// or folders of the built site (`pagefind/` holds the search index).
    /// Every edition's prefix (`ar`) is one too: `/ar/…` is that edition's.
    pub const RESERVED: &[&str] =
        &["region", "tag", "author", "newsletter", "content", "search", "pagefind", "img", "ar"];

    /// The newsletter signup page.
    pub const NEWSLETTER: &str = "/newsletter";

    /// The search page; its query string carries the search
    /// (`dispatch::search::SearchQuery`).
    pub const SEARCH: &str = "/search";

    /// Whether `path` (a decoded path with any edition's prefix, no query)
    /// is a search page, which loads an app of its own.
    pub fn is_search(path: &str) -> bool {
        crate::Edition::split(path).1 == SEARCH
    }

    /// Whether every edition has the page at `path` (a path within an
    /// edition, without its prefix): the front, newsletter and search
    /// pages. Their versions in the other editions are each other's.
    pub fn in_every_edition(path: &str) -> bool {
        path == "/" || path == NEWSLETTER || path == SEARCH
    }

    pub fn article(section: &str, slug: &str) -> String {
        format!("/{section}/{slug}")
    }

    pub fn section(slug: &str) -> String {
        format!("/{slug}")
    }

    pub fn region(slug: &str) -> String {
        format!("/region/{slug}")
    }

    pub fn tag(slug: &str) -> String {
        format!("/tag/{slug}")
    }

    pub fn author(slug: &str) -> String {
        format!("/author/{slug}")
    }

    /// How a listing's address is made from its slug, by its kind as
    /// [`crate::paths::listing`] names it: "sections", "regions", "tags"
    /// or "authors".
    pub fn listing(kind: &str) -> fn(&str) -> String {
        match kind {
            "sections" => section,
            "regions" => region,
            "tags" => tag,
            _ => author,
        }
    }

    /// Page `page` (from 1) of the listing at `base` (a section, region,
    /// tag or author): `base` itself for the first, `{base}/page/{page}`
    /// after it. Every page has its own prerendered address, so a crawler
    /// or a reader without JavaScript can follow "Older" (issue 14);
    /// `/page/1` is not an address, since the first page has one.
    pub fn page(base: &str, page: u32) -> String {
        if page <= 1 {
            base.to_string()
        } else {
            format!("{base}/page/{page}")
        }
    }

    /// What comes before `/page/{n}` in a paged address, and `n`: `None`
    /// for any other path, and for a page number below 2 or not written
    /// in plain digits (`/page/1`, `/page/02`, `/page/x`), none of which
    /// is an address.
    pub fn split_page(path: &str) -> Option<(&str, u32)> {
        let (base, number) = path.rsplit_once("/page/")?;
        let page = page_number(number)?;
        (!base.is_empty()).then_some((base, page))
    }

    /// Where an old link to `path?page={page}` now leads, when `path` is a
    /// listing (`/{section}`, `/region/{slug}`, `/tag/{slug}` or
    /// `/author/{slug}`): before issue 14, later pages of a listing lived
    /// at `?page=N`. `None` for any other path, and for a `page` that is
    /// not a whole number.
    pub fn page_moved(path: &str, number: &str) -> Option<String> {
        let number: u32 = number.parse().ok()?;
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let listing = match segments[..] {
            [section] => !section.is_empty() && section != NEWSLETTER.trim_start_matches('/'),
            [kind, slug] => ["region", "tag", "author"].contains(&kind) && !slug.is_empty(),
            _ => false,
        };
        listing.then(|| page(path, number))
    }

    /// The `N` of a `/page/N` segment: plain digits, from 2 up.
    pub fn page_number(text: &str) -> Option<u32> {
        let plain = !text.is_empty() && !text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit());
        text.parse().ok().filter(|page| plain && *page >= 2)
    }
}

/// Addresses that moved, as `/content/redirects.json`: each old path with
/// the page that replaced it. Paths are written as a reader sees them
/// (not percent-encoded); each host's rules encode them as the host needs.
/// Every redirect is permanent (301).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirects {
    pub schema_version: u32,
    pub moved: Vec<Moved>,
}

/// One moved address: `from` (an article's `aliases` entry, or an article
/// address under a section's old slug) now lives at `to`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Moved {
    pub from: String,
    pub to: String,
}

impl Site {
    /// The edition these settings are of, by their language (the content
    /// compiler checks that it names the edition of its folder).
    pub fn edition(&self) -> Edition {
        Edition::from_code(&self.language).unwrap_or_default()
    }
}

/// Site settings, as `/content/site.json` (`/ar/content/site.json` for the
/// Arabic edition: every content path is under its edition's prefix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub schema_version: u32,
    pub name: String,
    pub tagline: String,
    /// The public origin, such as `https://dispatch.example`, for feeds and
    /// canonical links.
    pub url: String,
    pub language: String,
    pub sections: Vec<SectionRef>,
    pub regions: Vec<RegionRef>,
    pub navigation: Vec<NavLink>,
    /// The site's 1200×630 JPEG share card, for pages without a
    /// photograph of their own (front, section, tag and author pages):
    /// its path on the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// The digits the edition writes dates and counts in, when its
    /// `site.toml` chooses (`digits = "latin"` or `"arabic-indic"`); the
    /// edition's own default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digits: Option<Digits>,
    /// Every edition the newsroom has, this one included, the English one
    /// first: the pages offer a switch to the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<Edition>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavLink {
    pub label: String,
    pub href: String,
}

/// An author's page, as `/content/authors/{slug}.json`; their articles are
/// the listing `authors/{slug}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub schema_version: u32,
    pub slug: String,
    pub name: String,
    pub role: String,
    pub bio: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Image>,
    #[serde(default)]
    pub links: Vec<AuthorLink>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorLink {
    pub label: String,
    pub href: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InsightKind {
    Report,
    Webinar,
    Event,
    WhitePaper,
}

/// A "More Insights" item: a report, webinar, event or white paper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insight {
    pub kind: InsightKind,
    pub title: String,
    pub summary: String,
    /// RFC 3339: when it was published, or when the event takes place.
    pub date: String,
    pub link: String,
}

/// `/content/insights.json`, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insights {
    pub schema_version: u32,
    pub items: Vec<Insight>,
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
/// caption and credit line shown under it. For a photograph, `src` is the
/// JPEG variant a browser without `srcset` loads (the widest up to 1280
/// px), and `width` and `height` are that file's, in pixels.
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
    /// A photograph's variants: their widths in pixels, narrowest first,
    /// each served beside `src` (which ends `-{width}.jpg`) as
    /// `-{width}.webp` and `-{width}.jpg`; see [`Image::srcset`]. Empty
    /// for a drawing (SVG), which scales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<u32>,
    /// A photograph's average colour while it loads: an index into the
    /// 64-colour palette of `style/main.css` (`.placeholder-N`: 4 levels
    /// per channel, `r * 16 + g * 4 + b`). A class, not a style
    /// attribute, which the Content-Security-Policy would block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<u8>,
}

impl Image {
    /// The `srcset` of a photograph's variants in `extension` (`webp` or
    /// `jpg`): `"{base}-320.webp 320w, {base}-640.webp 640w"`, where
    /// `src` is `{base}-{width}.jpg`. `None` for a drawing.
    pub fn srcset(&self, extension: &str) -> Option<String> {
        let base = self.src.rsplit_once('-').filter(|_| !self.widths.is_empty())?.0;
        let each: Vec<String> = self.widths.iter().map(|w| format!("{base}-{w}.{extension} {w}w")).collect();
        Some(each.join(", "))
    }
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

/// Inline text inside a paragraph, heading cell or list item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "wire::WireInline")]
pub enum Inline {
    Text {
        text: String,
    },
    Emphasis {
        children: Vec<Inline>,
    },
    Strong {
        children: Vec<Inline>,
    },
    /// `~~struck~~`: text the writer shows as withdrawn.
    Strikethrough {
        children: Vec<Inline>,
    },
    /// `^text^`, or HTML `<sup>`.
    Superscript {
        children: Vec<Inline>,
    },
    /// `~text~`, or HTML `<sub>`.
    Subscript {
        children: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        href: String,
        children: Vec<Inline>,
    },
    /// A hard line break (two spaces or a backslash at the end of a line).
    Break,
    /// A reference to the article's note `number` (from 1): see
    /// [`Block::Notes`].
    NoteRef {
        number: u32,
    },
    /// Phrase markup a writer or a CMS export wrote as HTML (`<kbd>`,
    /// `<abbr title>`, `<mark>`, `<cite>`, `<q>`, `<small>`), converted from
    /// an allowlist; `title` is an abbreviation's expansion.
    Phrase {
        kind: Phrase,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        children: Vec<Inline>,
    },
}

/// The HTML phrase elements the compiler converts, each rendered as the
/// element of the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phrase {
    Kbd,
    Abbr,
    Mark,
    Cite,
    Q,
    Small,
}

impl Phrase {
    /// The HTML element's name.
    pub fn tag(self) -> &'static str {
        match self {
            Phrase::Kbd => "kbd",
            Phrase::Abbr => "abbr",
            Phrase::Mark => "mark",
            Phrase::Cite => "cite",
            Phrase::Q => "q",
            Phrase::Small => "small",
        }
    }

    /// The phrase element named `tag` (lowercase), if it is one.
    pub fn from_tag(tag: &str) -> Option<Phrase> {
        [Phrase::Kbd, Phrase::Abbr, Phrase::Mark, Phrase::Cite, Phrase::Q, Phrase::Small]
            .into_iter()
            .find(|phrase| phrase.tag() == tag)
    }
}

/// How a table column's text is aligned, from GFM's `:--`, `:-:` and
/// `--:` markers. Left and right become the logical start and end, so a
/// right-to-left edition mirrors them as it mirrors everything else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alignment {
    #[default]
    None,
    Start,
    Center,
    End,
}

/// One block of an article body. Quotes, list items and notes hold
/// blocks of their own, nested as the writer nested them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "wire::WireBlock")]
pub enum Block {
    Paragraph {
        inlines: Vec<Inline>,
    },
    /// `##` to `####`: `level` 2 to 4 (`#` is the headline's).
    Subheading {
        level: u8,
        text: String,
    },
    Quote {
        blocks: Vec<Block>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<String>,
    },
    List {
        ordered: bool,
        /// The first number of an ordered list, when it is not 1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u32>,
        items: Vec<Vec<Block>>,
    },
    Figure {
        image: Image,
        /// Where the image links to, for `[![alt](src)](href)`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link: Option<String>,
    },
    Code {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        code: String,
    },
    /// A table: one alignment per column, a header row, body rows; each
    /// cell is inline content.
    Table {
        alignments: Vec<Alignment>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// A disclosure (HTML `<details>`): the summary shows, the blocks
    /// open on request.
    Details {
        summary: Vec<Inline>,
        blocks: Vec<Block>,
    },
    /// The article's footnotes, last in the body: note `n` (from 1) is
    /// `notes[n - 1]`, and each [`Inline::NoteRef`] points at one.
    Notes {
        notes: Vec<Vec<Block>>,
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

/// One page of a list of article cards: `/content/latest/1.json`, the
/// newest stories for the front page, or a page of a section, region, tag
/// or author listing (`/content/{kind}/{slug}/{page}.json`).
///
/// A listing's pages are counted from its oldest stories, so that a page,
/// once full, never changes (issue 18: publishing one story into a
/// 100,000-article archive must not rewrite every page of every listing
/// it is on, nor make a CDN upload them all). Page 1, at the listing's own
/// address, holds the newest stories: all of them while there are fewer
/// than twice the page size, and then between one page size and twice
/// that, less one. Every other page holds exactly one page size, page 2
/// the oldest, page 3 the next, and so on up to the page just older than
/// page 1. A new story changes page 1 alone, and once every page size
/// stories page 1 hands its oldest on as a new page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPage {
    pub schema_version: u32,
    /// What the list is of, as a heading: the section, region, tag or
    /// author's name; empty for the latest news.
    #[serde(default)]
    pub title: String,
    /// 1 for the newest stories; from 2 (the oldest) up for the others.
    pub page: u32,
    /// How many stories the listing has, on page 1 only (an older page
    /// says nothing that changes when a story is published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// The page of the next newer stories, and of the next older ones;
    /// none at either end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<u32>,
    pub items: Vec<ArticleSummary>,
}

impl IndexPage {
    /// The pages of the next newer and the next older stories from page
    /// `page` of a listing of `pages` pages: page 1, then from the newest
    /// older page (`pages`) down to the oldest (2).
    pub fn neighbours(page: u32, pages: u32) -> (Option<u32>, Option<u32>) {
        match page {
            1 => (None, (pages > 1).then_some(pages)),
            newest_older if newest_older == pages => (Some(1), (page > 2).then(|| page - 1)),
            _ => (Some(page + 1), (page > 2).then(|| page - 1)),
        }
    }
}

/// The size of share cards (`Article::share`, `Site::card`), in pixels:
/// the 1.91:1 large card Facebook, LinkedIn, X and Slack recommend.
pub const SHARE_WIDTH: u32 = 1200;
pub const SHARE_HEIGHT: u32 = 630;

/// A full article, as `/content/articles/{slug}.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub schema_version: u32,
    /// The article's identity in the feeds (RSS `guid`, JSON Feed `id`)
    /// and JSON-LD (`@id`), which stays when it moves section or is
    /// renamed: see [`identity`].
    #[serde(default)]
    pub id: String,
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
    /// The 1200×630 JPEG cropped from a photograph hero for `og:image`
    /// and `twitter:image`: its path on the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<String>,
    pub authors: Vec<AuthorCard>,
    pub body: Vec<Block>,
    /// "You May Also Like", precomputed by the content compiler.
    #[serde(default)]
    pub related: Vec<ArticleSummary>,
    /// The same story in the other edition, when one of the two names the
    /// other (an Arabic article's `counterpart`): the page's language
    /// switch and `hreflang` alternates lead there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<Counterpart>,
}

/// An article's counterpart: its edition, and its path there (with the
/// edition's prefix, as a reader sees it: `/ar/policy/slug`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterpart {
    pub edition: Edition,
    pub href: String,
}

/// An RFC 4151 `tag:` URI for an article: the site's host, the date it was
/// first published (the date part of `published`, in the desk's offset),
/// and a name the newsroom keeps, which is the front matter's `id` when it
/// has one and else the slug. A move to another section changes none of
/// these; a renamed article keeps its identity by naming its first slug as
/// `id`. For example `tag:dispatch.example,2026-11-27:qatar-rwanda-partnership`.
pub fn identity(site_url: &str, published: &str, name: &str) -> String {
    let host = site_url.split("://").nth(1).unwrap_or(site_url).split([':', '/']).next().unwrap_or_default();
    let date = published.get(..10).unwrap_or(published);
    format!("tag:{host},{date}:{name}")
}

impl ArticleSummary {
    /// The path a reader sees for this article: `/{section}/{slug}`.
    pub fn href(&self) -> String {
        routes::article(&self.section.slug, &self.slug)
    }
}

impl Article {
    /// The path a reader sees for this article: `/{section}/{slug}`.
    pub fn href(&self) -> String {
        routes::article(&self.section.slug, &self.slug)
    }

    /// The card for this article.
    pub fn summary(&self) -> ArticleSummary {
        ArticleSummary {
            slug: self.slug.clone(),
            headline: self.headline.clone(),
            deck: self.deck.clone(),
            section: self.section.clone(),
            published: self.published.clone(),
            reading_minutes: self.reading_minutes,
            thumbnail: self.hero.clone(),
            authors: self.authors.iter().map(|author| author.name.clone()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_page_is_one_in_any_edition() {
        assert!(routes::is_search("/search") && routes::is_search("/ar/search"));
        assert!(
            !routes::is_search("/search-tools/x") && !routes::is_search("/policy/search") && !routes::is_search("/")
        );
    }

    #[test]
    fn blocks_use_a_type_tag_in_json() {
        let block = Block::Quote {
            blocks: vec![Block::Paragraph { inlines: vec![Inline::Text { text: "Patch now.".into() }] }],
            attribution: Some("CERT-In".into()),
        };
        let json = serde_json::to_string(&block).unwrap();
        assert_eq!(
            json,
            r#"{"type":"quote","blocks":[{"type":"paragraph","inlines":[{"type":"text","text":"Patch now."}]}],"attribution":"CERT-In"}"#
        );
        assert_eq!(serde_json::from_str::<Block>(&json).unwrap(), block);
        let divider: Block = serde_json::from_str(r#"{"type":"divider"}"#).unwrap();
        assert_eq!(divider, Block::Divider);
    }

    #[test]
    fn paths_are_percent_encoded_to_ascii() {
        assert_eq!(routes::encode("/tag/café-tech"), "/tag/caf%C3%A9-tech");
        assert_eq!(routes::encode("/tag/الأمن"), "/tag/%D8%A7%D9%84%D8%A3%D9%85%D9%86");
        assert_eq!(routes::encode("/policy/a-b_c.d~e"), "/policy/a-b_c.d~e");
    }

    #[test]
    fn every_listing_page_has_one_address() {
        assert_eq!(routes::page("/tag/ai", 1), "/tag/ai");
        assert_eq!(routes::page("/tag/ai", 3), "/tag/ai/page/3");
        assert_eq!(routes::split_page("/tag/ai/page/3"), Some(("/tag/ai", 3)));
        assert_eq!(routes::page_moved("/tag/ai", "3").as_deref(), Some("/tag/ai/page/3"));
        assert_eq!(routes::page_moved("/policy", "1").as_deref(), Some("/policy"));
        assert_eq!(routes::page_moved("/author/amina", "2").as_deref(), Some("/author/amina/page/2"));
        for (path, page) in
            [("/policy/story", "2"), ("/newsletter", "2"), ("/", "2"), ("/tag/ai", "x"), ("/x/y/z", "2")]
        {
            assert_eq!(routes::page_moved(path, page), None, "{path}?page={page}");
        }
        assert_eq!(routes::split_page("/policy/page/12"), Some(("/policy", 12)));
        for not_paged in [
            "/tag/ai",
            "/tag/ai/page/1",
            "/tag/ai/page/0",
            "/tag/ai/page/02",
            "/tag/ai/page/x",
            "/page/2",
            "/tag/ai/page/",
        ] {
            assert_eq!(routes::split_page(not_paged), None, "{not_paged}");
        }
    }

    #[test]
    fn an_identity_is_a_tag_uri_of_host_date_and_name() {
        assert_eq!(
            identity("https://dispatch.example:8443", "2026-11-27T23:30:00-05:00", "qatar-rwanda"),
            "tag:dispatch.example,2026-11-27:qatar-rwanda"
        );
    }

    #[test]
    fn an_unknown_block_type_is_an_error_not_silence() {
        let err = serde_json::from_str::<Block>(r#"{"type":"html","html":"<b>x</b>"}"#).unwrap_err().to_string();
        assert!(err.contains("unknown variant `html`"), "{err}");
        let err = serde_json::from_str::<Block>(r#"{"type":"paragraph"}"#).unwrap_err().to_string();
        assert!(err.contains("missing field `inlines` in a paragraph"), "{err}");
        let err = serde_json::from_str::<Inline>(r#"{"type":"link","children":[]}"#).unwrap_err().to_string();
        assert!(err.contains("missing field `href` in a link"), "{err}");
    }

    #[test]
    fn every_file_type_round_trips_through_json() {
        fn round_trip<T>(value: T)
        where
            T: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
        }
        let section = SectionRef { slug: "policy".into(), name: "Policy & Regulation".into() };
        let image = Image {
            src: "/content/images/x.svg".into(),
            width: 1200,
            height: 675,
            alt: "A padlock".into(),
            caption: Some("Caption".into()),
            credit: Some("Source: Dispatch illustration".into()),
            widths: Vec::new(),
            placeholder: None,
        };
        let photo = Image {
            src: "/img/0123456789abcdef/harbour-1280.jpg".into(),
            width: 2000,
            height: 1333,
            widths: vec![320, 640, 1280, 2000],
            placeholder: Some(37),
            ..image.clone()
        };
        assert_eq!(
            photo.srcset("webp").as_deref(),
            Some("/img/0123456789abcdef/harbour-320.webp 320w, /img/0123456789abcdef/harbour-640.webp 640w, /img/0123456789abcdef/harbour-1280.webp 1280w, /img/0123456789abcdef/harbour-2000.webp 2000w")
        );
        assert_eq!(image.srcset("webp"), None, "a drawing has no variants");
        let card = AuthorCard {
            slug: "amina-haddad".into(),
            name: "Amina Haddad".into(),
            role: "Senior Editor".into(),
            bio: "Covers the Gulf.".into(),
            photo: Some(image.clone()),
        };
        let summary = ArticleSummary {
            slug: "s".into(),
            headline: "H".into(),
            deck: "D".into(),
            section: section.clone(),
            published: "2026-11-27T09:30:00+04:00".into(),
            reading_minutes: 3,
            thumbnail: Some(image.clone()),
            authors: vec!["Amina Haddad".into()],
        };
        round_trip(Article {
            schema_version: SCHEMA_VERSION,
            id: identity("https://dispatch.example", "2026-11-27T09:30:00+04:00", "s"),
            slug: "s".into(),
            headline: "H".into(),
            deck: "D".into(),
            section: section.clone(),
            regions: vec![RegionRef { slug: "asia-pacific".into(), name: "Asia Pacific".into() }],
            tags: vec![Tag { slug: "ransomware".into(), name: "Ransomware".into() }],
            published: "2026-11-27T09:30:00+04:00".into(),
            updated: Some("2026-11-28T09:30:00+04:00".into()),
            reading_minutes: 3,
            hero: Some(photo),
            share: Some("/img/0123456789abcdef/harbour-50-30-1200x630.jpg".into()),
            authors: vec![card],
            body: vec![
                Block::Paragraph {
                    inlines: vec![
                        Inline::Emphasis { children: vec![Inline::Text { text: "a".into() }] },
                        Inline::Strong { children: vec![Inline::Code { text: "b".into() }] },
                        Inline::Link { href: "https://x.example".into(), children: vec![] },
                        Inline::Strikethrough { children: vec![Inline::Text { text: "c".into() }] },
                        Inline::Superscript { children: vec![Inline::Text { text: "2".into() }] },
                        Inline::Subscript { children: vec![Inline::Text { text: "2".into() }] },
                        Inline::Break,
                        Inline::NoteRef { number: 1 },
                        Inline::Phrase {
                            kind: Phrase::Abbr,
                            title: Some("Common Vulnerability Scoring System".into()),
                            children: vec![Inline::Text { text: "CVSS".into() }],
                        },
                    ],
                },
                Block::Subheading { level: 3, text: "S".into() },
                Block::Quote { blocks: vec![Block::Quote { blocks: vec![], attribution: None }], attribution: None },
                Block::List {
                    ordered: true,
                    start: Some(3),
                    items: vec![vec![
                        Block::Paragraph { inlines: vec![Inline::Text { text: "i".into() }] },
                        Block::List { ordered: false, start: None, items: vec![vec![]] },
                    ]],
                },
                Block::Figure { image: image.clone(), link: Some("https://x.example".into()) },
                Block::Code { language: Some("sh".into()), code: "ls".into() },
                Block::Table {
                    alignments: vec![Alignment::None, Alignment::End],
                    head: vec![vec![Inline::Text { text: "CVE".into() }], vec![]],
                    rows: vec![vec![vec![Inline::Code { text: "CVE-2026-1".into() }], vec![]]],
                    caption: Some("Affected versions".into()),
                },
                Block::Details { summary: vec![Inline::Text { text: "Indicators".into() }], blocks: vec![] },
                Block::Notes { notes: vec![vec![Block::Paragraph { inlines: vec![] }]] },
                Block::Divider,
            ],
            related: vec![summary.clone()],
            counterpart: Some(Counterpart { edition: Edition::Arabic, href: "/ar/policy/x".into() }),
        });
        round_trip(IndexPage {
            schema_version: SCHEMA_VERSION,
            title: "Policy & Regulation".into(),
            page: 1,
            total: Some(13),
            newer: None,
            older: Some(2),
            items: vec![summary],
        });
        round_trip(Site {
            schema_version: SCHEMA_VERSION,
            name: "Dispatch".into(),
            tagline: "T".into(),
            url: "https://dispatch.example".into(),
            language: "en".into(),
            sections: vec![section],
            regions: vec![],
            navigation: vec![NavLink { label: "Policy".into(), href: "/policy".into() }],
            card: Some("/img/0123456789abcdef/site-card-50-50-1200x630.jpg".into()),
            digits: Some(Digits::ArabicIndic),
            editions: vec![Edition::English, Edition::Arabic],
        });
        round_trip(Author {
            schema_version: SCHEMA_VERSION,
            slug: "a".into(),
            name: "A".into(),
            role: "R".into(),
            bio: "B".into(),
            photo: Some(image),
            links: vec![AuthorLink { label: "Mastodon".into(), href: "https://m.example/@a".into() }],
        });
        round_trip(Insights {
            schema_version: SCHEMA_VERSION,
            items: [InsightKind::Report, InsightKind::Webinar, InsightKind::Event, InsightKind::WhitePaper]
                .into_iter()
                .map(|kind| Insight {
                    kind,
                    title: "T".into(),
                    summary: "S".into(),
                    date: "2026-12-01T10:00:00+00:00".into(),
                    link: "https://events.example/x".into(),
                })
                .collect(),
        });
        assert_eq!(serde_json::to_string(&InsightKind::WhitePaper).unwrap(), "\"white_paper\"");
    }
}
