//! Which content files the page at an address reads, without rendering
//! it: what fetching a page's content ahead of a click needs
//! ([`crate::prefetch`]).
//!
//! It mirrors the router's table in `lib.rs` and each page's load; a test
//! in `prerender/tests` checks it against what the prerenderer's renders
//! of every kind of page actually read.

use std::any::Any;

use dispatch_model::{paths, routes, Article, Author, Edition, IndexPage, Insights};
use serde::de::DeserializeOwned;

use crate::routes::{home::RAILS, listing::ListingAddress};

/// What a content file decodes as, in the page that loads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Article,
    Insights,
    Author,
    /// A page of a list of stories: the latest, a section, a region, a tag
    /// or an author's.
    Index,
}

/// The kind of the content file `file`, a path as [`files_for`] names it
/// (and as `dispatch_model::paths` builds it); `None` for one it never
/// names.
fn kind(file: &str) -> Option<Kind> {
    let (_, within) = Edition::split(file);
    if within == paths::INSIGHTS {
        return Some(Kind::Insights);
    }
    let (folder, rest) = within.strip_prefix("/content/")?.split_once('/')?;
    Some(match folder {
        "articles" => Kind::Article,
        "authors" if !rest.contains('/') => Kind::Author,
        "latest" | "sections" | "regions" | "tags" | "authors" => Kind::Index,
        _ => return None,
    })
}

/// The app's decoder of files fetched ahead ([`crate::api::decode_ahead_with`]):
/// `body`, the content file `file`, decoded as the type its page loads it
/// as. `None` for a file of no known kind, or one that does not decode
/// (its page's load then decodes it, and says what is wrong).
pub fn decode_ahead(file: &str, body: &str) -> Option<Box<dyn Any>> {
    fn boxed<T: DeserializeOwned + 'static>(body: &str) -> Option<Box<dyn Any>> {
        serde_json::from_str::<T>(body).ok().map(|value| Box::new(value) as Box<dyn Any>)
    }
    match kind(file)? {
        Kind::Article => boxed::<Article>(body),
        Kind::Insights => boxed::<Insights>(body),
        Kind::Author => boxed::<Author>(body),
        Kind::Index => boxed::<IndexPage>(body),
    }
}

/// The section and slug of the article at `path` (as [`files_for`] takes
/// it), as its route reads them; `None` for a page that is not an
/// article. The page the app rehearses (`crate::boot::rehearse`).
pub fn article_address(path: &str) -> Option<(String, String)> {
    if !files_for(path).iter().any(|file| kind(file) == Some(Kind::Article)) {
        return None;
    }
    let (section, slug) = Edition::split(path).1.trim_matches('/').split_once('/')?;
    Some((section.to_string(), slug.to_string()))
}

/// The content files (site-root paths such as `/content/articles/x.json`)
/// the page at `path` loads, besides `site.json`, which the app's shell
/// loads on every page. `path` is as the router sees it: decoded, without
/// a query, with or without a trailing slash. Empty for a page that loads
/// nothing (the newsletter and search pages) and for an address no page
/// answers.
pub fn files_for(path: &str) -> Vec<String> {
    let (edition, path) = Edition::split(path);
    files_within(path).into_iter().map(|file| edition.path(&file)).collect()
}

/// [`files_for`] of a path within its edition, without the edition's prefix.
fn files_within(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.trim_matches('/').splitn(2, '/').collect();
    let page = |rest: &str| match ListingAddress::from_params(None, None, Some(rest.to_string())) {
        ListingAddress { slug, page: Some(page) } if !slug.is_empty() => Some((slug, page)),
        _ => None,
    };
    let listing = |kind: &str, rest: &str| page(rest).map(|(slug, page)| paths::listing(kind, &slug, page));
    match segments[..] {
        [""] => std::iter::once(paths::latest(1))
            .chain(RAILS.iter().map(|slug| paths::listing("regions", slug, 1)))
            .collect(),
        ["region", rest] => listing("regions", rest).into_iter().collect(),
        ["tag", rest] => listing("tags", rest).into_iter().collect(),
        ["author", rest] => page(rest)
            .map(|(slug, page)| vec![paths::author(&slug), paths::listing("authors", &slug, page)])
            .unwrap_or_default(),
        [section] if routes::RESERVED.contains(&section) => Vec::new(),
        [section] => vec![paths::listing("sections", section, 1)],
        [section, rest] if !routes::RESERVED.contains(&section) => match rest.split_once('/') {
            None => vec![paths::article(rest), paths::INSIGHTS.to_string()],
            Some(("page", number)) => match routes::page_number(number) {
                Some(page) => vec![paths::listing("sections", section, page)],
                None => Vec::new(),
            },
            Some(_) => Vec::new(),
        },
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{article_address, files_for, kind, Kind};

    #[test]
    fn each_file_fetched_ahead_decodes_as_its_page_loads_it() {
        let kinds = |path: &str| files_for(path).iter().map(|file| kind(file)).collect::<Vec<_>>();
        assert_eq!(kinds("/policy/a-story"), [Some(Kind::Article), Some(Kind::Insights)]);
        assert_eq!(kinds("/ar/policy/a-story"), [Some(Kind::Article), Some(Kind::Insights)]);
        assert_eq!(kinds("/"), [Some(Kind::Index); 3]);
        assert_eq!(kinds("/ar"), [Some(Kind::Index); 3]);
        assert_eq!(kinds("/author/amina/page/2"), [Some(Kind::Author), Some(Kind::Index)]);
        assert_eq!(kinds("/author/amina"), [Some(Kind::Author), Some(Kind::Index)]);
        for listing in ["/policy", "/policy/page/3", "/region/asia-pacific", "/tag/الأمن", "/ar/tag/الأمن/page/2"]
        {
            assert_eq!(kinds(listing), [Some(Kind::Index)], "{listing}");
        }
        assert_eq!(kind("/content/site.json"), None);
        assert_eq!(kind("/img/photo.avif"), None);
    }

    #[test]
    fn each_kind_of_page_names_the_files_it_loads() {
        assert_eq!(
            files_for("/"),
            [
                "/content/latest/1.json",
                "/content/regions/middle-east-africa/1.json",
                "/content/regions/asia-pacific/1.json"
            ]
        );
        assert_eq!(files_for("/policy/a-story"), ["/content/articles/a-story.json", "/content/insights.json"]);
        assert_eq!(files_for("/policy"), ["/content/sections/policy/1.json"]);
        assert_eq!(files_for("/policy/"), ["/content/sections/policy/1.json"]);
        assert_eq!(files_for("/policy/a-story/"), files_for("/policy/a-story"));
        assert_eq!(files_for("/policy/page/3"), ["/content/sections/policy/3.json"]);
        assert_eq!(files_for("/region/asia-pacific/page/2"), ["/content/regions/asia-pacific/2.json"]);
        assert_eq!(files_for("/tag/الأمن"), ["/content/tags/الأمن/1.json"]);
        assert_eq!(files_for("/ar/tag/الأمن"), ["/ar/content/tags/الأمن/1.json"]);
        assert_eq!(files_for("/ar/"), files_for("/").iter().map(|file| format!("/ar{file}")).collect::<Vec<_>>());
        assert_eq!(
            files_for("/ar/policy/x"),
            ["/ar/content/articles/x.json", "/ar/content/insights.json"],
            "an edition's prefix is not a section"
        );
        assert_eq!(files_for("/author/amina/page/2"), ["/content/authors/amina.json", "/content/authors/amina/2.json"]);
        for nothing in
            ["/newsletter", "/search", "/policy/page/1", "/policy/page/x", "/tag/ai/page/1", "/a/b/c", "/region"]
        {
            assert_eq!(files_for(nothing), Vec::<String>::new(), "{nothing}");
        }
    }

    #[test]
    fn only_an_articles_address_is_an_article() {
        for (article, section, slug) in [
            ("/policy/a-story", "policy", "a-story"),
            ("/ar/policy/x", "policy", "x"),
            ("/policy/a-story/", "policy", "a-story"),
        ] {
            assert_eq!(article_address(article), Some((section.to_string(), slug.to_string())), "{article}");
        }
        for other in ["/", "/ar", "/policy", "/policy/page/2", "/tag/ai", "/author/amina", "/newsletter", "/search"] {
            assert_eq!(article_address(other), None, "{other}");
        }
    }
}
