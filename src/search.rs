//! Site search: what a reader asked (the query string of `/search`), the
//! results as the page shows them, and the excerpt under each. Pure, so it
//! compiles and is tested natively.
//!
//! The index is Pagefind's, built over the prerendered pages by the
//! release build (`cargo xtask build`; see `docs/search.md`); `api::search`
//! asks it. Each article page marks its searchable text
//! (`data-pagefind-body`) and describes itself in `<meta>` tags the
//! prerenderer writes (`prerender/src/head.rs`): the result's headline,
//! deck, section, address, date and reading time come from those, so a
//! result needs one fragment file and no article JSON.

use dispatch_model::{is_safe_href, routes, ArticleSummary, Edition, SectionRef};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Results shown at first, and added by each "More results".
pub const PAGE_SIZE: usize = 10;

/// About how many words an excerpt shows around the words that matched.
pub const EXCERPT_WORDS: usize = 30;

/// How long typing must pause before the search runs, in milliseconds:
/// a search per keystroke would load index chunks for half-typed words.
pub const TYPING_PAUSE_MS: u32 = 200;

/// The names of the query string's fields; also the names of the page's
/// form controls, so the form works as a plain GET form before the app
/// starts.
pub mod field {
    pub const TERMS: &str = "q";
    pub const SECTION: &str = "section";
    pub const REGION: &str = "region";
    pub const ORDER: &str = "sort";
    /// The value of [`ORDER`] that sorts newest first.
    pub const NEWEST: &str = "newest";
}

/// The order of the results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Pagefind's ranking (BM25 over the words, headline weighted).
    #[default]
    Relevance,
    /// Newest first, by the published time.
    Newest,
}

/// One search, as the address `/search?q=…&section=…&region=…&sort=newest`
/// carries it: a search can be bookmarked, shared and returned to with
/// Back. `section` and `region` are slugs, empty for "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub terms: String,
    pub section: String,
    pub region: String,
    pub order: Order,
}

/// What a query-string value keeps as it is: RFC 3986's unreserved
/// characters. Everything else is percent-encoded, so a search for
/// `C&C` or `50%` survives the round trip.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

impl SearchQuery {
    /// Reads a query string (`location.search`, with or without its `?`),
    /// as HTML forms write it (`application/x-www-form-urlencoded`: `+` is
    /// a space). Unknown fields are ignored; a repeated field keeps its
    /// last value; bytes that are not UTF-8 become U+FFFD.
    pub fn parse(search: &str) -> SearchQuery {
        let mut query = SearchQuery::default();
        for pair in search.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match decode(name).as_str() {
                field::TERMS => query.terms = value,
                field::SECTION => query.section = value,
                field::REGION => query.region = value,
                field::ORDER => query.order = if value == field::NEWEST { Order::Newest } else { Order::Relevance },
                _ => {}
            }
        }
        query
    }

    /// The search's address: [`routes::SEARCH`] with the fields that are
    /// set, in a fixed order (so one search has one address).
    pub fn href(&self) -> String {
        let mut pairs = Vec::new();
        let mut add = |name: &str, value: &str| {
            if !value.is_empty() {
                pairs.push(format!("{name}={}", utf8_percent_encode(value, VALUE)));
            }
        };
        add(field::TERMS, &self.terms);
        add(field::SECTION, &self.section);
        add(field::REGION, &self.region);
        add(field::ORDER, if self.order == Order::Newest { field::NEWEST } else { "" });
        if pairs.is_empty() {
            routes::SEARCH.to_string()
        } else {
            format!("{}?{}", routes::SEARCH, pairs.join("&"))
        }
    }

    /// The words to look for, trimmed; `None` when there are none (the page
    /// then explains how to search instead of listing every article).
    pub fn words(&self) -> Option<&str> {
        Some(self.terms.trim()).filter(|words| !words.is_empty())
    }

    /// The options of Pagefind's `search()` for this query, as JSON text:
    /// `{"filters":{"section":…,"region":…},"sort":{"published":"desc"}}`
    /// with only the filters set, and the sort only for [`Order::Newest`]
    /// (the names are the prerendered pages' search tags).
    pub fn pagefind_options(&self) -> String {
        let filters: Vec<String> = [(field::SECTION, &self.section), (field::REGION, &self.region)]
            .into_iter()
            .filter(|(_, slug)| !slug.is_empty())
            .map(|(name, slug)| format!("\"{name}\":{}", serde_json::to_string(slug).unwrap_or_default()))
            .collect();
        let sort = if self.order == Order::Newest { r#","sort":{"published":"desc"}"# } else { "" };
        format!("{{\"filters\":{{{}}}{sort}}}", filters.join(","))
    }

    /// Whether a section or region narrows the search.
    pub fn is_filtered(&self) -> bool {
        !self.section.is_empty() || !self.region.is_empty()
    }
}

fn decode(value: &str) -> String {
    percent_decode_str(&value.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// One result as Pagefind's `result.data()` gives it (the fields used
/// here; Pagefind adds more). `locations` are the positions, counted in
/// whitespace-separated words of `content`, of the words that matched.
#[derive(Clone, Debug, Default)]
pub struct Fragment {
    pub url: String,
    pub content: String,
    pub locations: Vec<usize>,
    pub meta: FragmentMeta,
}

/// The `data-pagefind-meta` values of an article page (all strings, as
/// Pagefind keeps them); see `prerender/src/head.rs`.
#[derive(Clone, Debug, Default)]
pub struct FragmentMeta {
    pub headline: String,
    /// Pagefind's own: the page's first `<h1>`, for a page without a
    /// headline meta.
    pub title: String,
    pub deck: String,
    /// The section's name.
    pub section: String,
    /// The article's address, `/{section}/{slug}` (Pagefind's own `url`
    /// is its file's).
    pub href: String,
    /// RFC 3339, as the article's JSON has it.
    pub published: String,
    pub minutes: String,
}

/// A result as the page shows it: the article's card (the same component
/// as every list's, so the page adds little to the wasm) and the excerpt
/// where the words matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub summary: ArticleSummary,
    pub excerpt: Vec<Run>,
}

impl Hit {
    /// The result for a fragment; `None` for one without an article's
    /// address (`/{section}/{slug}`, after its edition's prefix: Pagefind
    /// keeps an index per language, so a page searches its own edition's
    /// articles) that is safe to link to.
    pub fn from_fragment(fragment: Fragment) -> Option<Hit> {
        let Fragment { url, content, locations, meta } = fragment;
        let href = if meta.href.is_empty() { url.trim_end_matches(".html").to_string() } else { meta.href };
        let (section, slug) = Edition::split(&href).1.strip_prefix('/')?.split_once('/')?;
        if slug.contains('/') || !is_safe_href(&href) {
            return None;
        }
        Some(Hit {
            summary: ArticleSummary {
                slug: slug.to_string(),
                headline: if meta.headline.is_empty() { meta.title } else { meta.headline },
                deck: meta.deck,
                section: SectionRef { slug: section.to_string(), name: meta.section },
                published: meta.published,
                reading_minutes: meta.minutes.trim().parse().unwrap_or(0),
                thumbnail: None,
                authors: Vec::new(),
            },
            excerpt: excerpt(&content, &locations, EXCERPT_WORDS),
        })
    }
}

/// A stretch of an excerpt: words that matched are `marked` (shown in
/// `<mark>`), the rest are not. Text, never markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub marked: bool,
}

/// About `words` words of `content` around the densest cluster of
/// `locations`, with the matched words marked and "…" where the text goes
/// on. Punctuation stuck to a matched word (`ransomware,`) stays outside
/// its mark. Without locations (a match in the headline only), the
/// excerpt is the text's start.
pub fn excerpt(content: &str, locations: &[usize], words: usize) -> Vec<Run> {
    let all: Vec<&str> = content.split_whitespace().collect();
    let words = words.max(1);
    if all.is_empty() {
        return Vec::new();
    }
    let mut matched: Vec<usize> = locations.iter().copied().filter(|&at| at < all.len()).collect();
    matched.sort_unstable();
    matched.dedup();
    // Each match is a candidate for the window's first marked word, with a
    // little context before it; the window holding the most matches wins,
    // the earliest among equals.
    let lead = words / 4;
    let latest_start = all.len().saturating_sub(words);
    let start = matched
        .iter()
        .map(|&at| at.saturating_sub(lead).min(latest_start))
        .max_by_key(|&start| {
            (matched.iter().filter(|&&at| at >= start && at < start + words).count(), usize::MAX - start)
        })
        .unwrap_or(0);
    let end = (start + words).min(all.len());

    let mut runs: Vec<Run> = Vec::new();
    let mut push = |text: &str, marked: bool| match runs.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => runs.push(Run { text: text.to_string(), marked }),
    };
    if start > 0 {
        push("… ", false);
    }
    for (at, word) in all.iter().enumerate().take(end).skip(start) {
        if at > start {
            push(" ", false);
        }
        if matched.binary_search(&at).is_ok() {
            let core_start = word.find(char::is_alphanumeric).unwrap_or(0);
            let core_end = word
                .rfind(char::is_alphanumeric)
                .map_or(word.len(), |at| at + word[at..].chars().next().map_or(0, char::len_utf8));
            push(&word[..core_start], false);
            push(&word[core_start..core_end], true);
            push(&word[core_end..], false);
        } else {
            push(word, false);
        }
    }
    if end < all.len() {
        push(" …", false);
    }
    runs.retain(|run| !run.text.is_empty());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(runs: &[Run]) -> String {
        runs.iter().map(|run| if run.marked { format!("[{}]", run.text) } else { run.text.clone() }).collect()
    }

    #[test]
    fn a_query_survives_its_address() {
        let query = SearchQuery {
            terms: "C&C servers, 50% + \"quotes\" الأمن".into(),
            section: "threat-intelligence".into(),
            region: "middle-east-africa".into(),
            order: Order::Newest,
        };
        let href = query.href();
        assert!(href.starts_with("/search?q=C%26C%20servers%2C%2050%25%20%2B%20%22quotes%22%20%D8"), "{href}");
        assert!(href.ends_with("&section=threat-intelligence&region=middle-east-africa&sort=newest"), "{href}");
        assert!(href.is_ascii());
        assert_eq!(SearchQuery::parse(&href[routes::SEARCH.len()..]), query);
    }

    #[test]
    fn a_form_submission_is_read_as_browsers_write_it() {
        let query = SearchQuery::parse("?q=ransomware+gangs&section=&region=asia-pacific&sort=relevance&utm_source=x");
        assert_eq!(query.terms, "ransomware gangs");
        assert_eq!(query.section, "");
        assert_eq!(query.region, "asia-pacific");
        assert_eq!(query.order, Order::Relevance);
        assert_eq!(SearchQuery::parse("q=%ZZ%E2%82").terms, "%ZZ\u{fffd}");
        assert_eq!(SearchQuery::parse("q=a&q=b").terms, "b");
    }

    #[test]
    fn an_empty_search_is_the_bare_page_and_has_no_words() {
        let query = SearchQuery { terms: "  \t ".into(), ..SearchQuery::default() };
        assert_eq!(query.words(), None);
        assert_eq!(SearchQuery::default().href(), "/search");
        assert!(!query.is_filtered());
        assert_eq!(SearchQuery { terms: " apt41 ".into(), ..query }.words(), Some("apt41"));
    }

    #[test]
    fn pagefind_is_asked_with_the_filters_set_and_the_order() {
        let options = |query: &SearchQuery| -> serde_json::Value {
            serde_json::from_str(&query.pagefind_options()).expect("valid JSON")
        };
        assert_eq!(options(&SearchQuery::default()), serde_json::json!({ "filters": {} }));
        let query = SearchQuery {
            terms: "x".into(),
            section: "a\"b".into(),
            region: "asia-pacific".into(),
            order: Order::Newest,
        };
        assert_eq!(
            options(&query),
            serde_json::json!({
                "filters": { "section": "a\"b", "region": "asia-pacific" },
                "sort": { "published": "desc" }
            })
        );
    }

    #[test]
    fn the_excerpt_centres_on_the_densest_matches_and_marks_words_not_punctuation() {
        let content = (0..100).map(|at| format!("w{at}")).collect::<Vec<_>>().join(" ");
        let content = content.replace("w50 ", "(ransomware), ").replace("w53 ", "gangs. ");
        // One stray match early, two close together later: the window goes
        // to the pair.
        let runs = excerpt(&content, &[5, 50, 53], 10);
        assert_eq!(shown(&runs), "… w48 w49 ([ransomware]), w51 w52 [gangs]. w54 w55 w56 w57 …");
    }

    #[test]
    fn an_excerpt_without_matches_is_the_start_and_short_text_is_whole() {
        assert_eq!(shown(&excerpt("one two  three\nfour", &[], 3)), "one two three …");
        assert_eq!(shown(&excerpt("one two", &[1, 9], 30)), "one [two]");
        assert_eq!(excerpt("", &[0], 30), Vec::new());
        // A match near the end keeps the window full rather than running
        // past the text.
        assert_eq!(shown(&excerpt("a b c d e f", &[5], 3)), "… d e [f]");
    }

    #[test]
    fn a_result_links_to_the_article_and_never_to_an_unsafe_address() {
        let fragment = |href: &str| Fragment {
            url: "/policy/story.html".into(),
            content: "Story text".into(),
            locations: vec![0],
            meta: FragmentMeta {
                headline: "A headline".into(),
                href: href.into(),
                minutes: "4".into(),
                ..FragmentMeta::default()
            },
        };
        let hit = Hit::from_fragment(fragment("/policy/story")).expect("a safe address");
        assert_eq!(hit.summary.href(), "/policy/story");
        assert_eq!((hit.summary.headline.as_str(), hit.summary.reading_minutes), ("A headline", 4));
        assert_eq!(shown(&hit.excerpt), "[Story] text");
        // Without the address meta, the page's file names the article.
        assert_eq!(Hit::from_fragment(fragment("")).map(|hit| hit.summary.href()), Some("/policy/story".into()));
        assert_eq!(Hit::from_fragment(fragment("javascript:alert(1)")), None);
        assert_eq!(Hit::from_fragment(fragment("https://evil.example/")), None);
        assert_eq!(Hit::from_fragment(fragment("/policy/a/b")), None);
        // An Arabic page's result: its address within its edition, which
        // the Arabic app links to with the prefix.
        let arabic = Hit::from_fragment(fragment("/ar/policy/qissa")).expect("an edition's article");
        assert_eq!((arabic.summary.section.slug.as_str(), arabic.summary.slug.as_str()), ("policy", "qissa"));
    }
}
