//! Links to another edition: the header's switch, and an article's link
//! to its counterpart.

use dispatch_model::{routes, Edition};
use leptos::prelude::*;

/// A link to `href` in `edition`, its words (`label`) in that edition's
/// language, marked with `lang` and `dir` so that screen readers speak it
/// in that language and it runs in its direction (WCAG 2.2 SC 3.1.2,
/// Language of Parts), and with `hreflang`. A page of another edition is
/// another app's, so it loads whole: `target="_self"`, which keeps the
/// tab but makes leptos_router leave the click to the browser. One view
/// type for both places it is used (a wasm-size measure).
pub fn edition_link(edition: Edition, href: String, label: &'static str, class: &'static str) -> AnyView {
    leptos::html::a()
        .class(class)
        .href(href)
        .hreflang(edition.code())
        .lang(edition.code())
        .dir(edition.direction())
        .target("_self")
        .child(label)
        .into_any()
}

/// Where the header's switch to `other` leads from the page at `path`:
/// the same page for the front, newsletter and search pages, which every
/// edition has; the front page of `other` from any other page (an
/// article's own counterpart link is [`edition_link`] in its header).
pub fn switch_href(path: &str, other: Edition) -> String {
    let (_, within) = Edition::split(path);
    let within = match within.trim_end_matches('/') {
        "" => "/",
        within => within,
    };
    other.path(if routes::in_every_edition(within) { within } else { "/" })
}

/// The header's switch from the page at `path` in edition `this`: the
/// edition it leads to (the first of the newsroom's `editions`, from
/// `site.json`, that is not `this`; Dispatch has two) and its address
/// ([`switch_href`]); `None` for a newsroom of one edition. The app's
/// header renders it, and the header it keeps from a prerendered page
/// follows it (`crate::App`).
pub fn header_switch(editions: &[Edition], this: Edition, path: &str) -> Option<(Edition, String)> {
    let other = editions.iter().copied().find(|&edition| edition != this)?;
    Some((other, switch_href(path, other)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_leads_to_the_same_page_where_every_edition_has_one() {
        assert_eq!(switch_href("/", Edition::Arabic), "/ar");
        assert_eq!(switch_href("/ar", Edition::English), "/");
        assert_eq!(switch_href("/ar/newsletter", Edition::English), "/newsletter");
        assert_eq!(switch_href("/search", Edition::Arabic), "/ar/search");
        assert_eq!(switch_href("/policy/a-story", Edition::Arabic), "/ar");
        assert_eq!(switch_href("/ar/tag/أمن", Edition::English), "/");
    }

    #[test]
    fn the_header_switches_to_the_other_edition_if_there_is_one() {
        let both = [Edition::English, Edition::Arabic];
        assert_eq!(
            header_switch(&both, Edition::English, "/newsletter"),
            Some((Edition::Arabic, "/ar/newsletter".into()))
        );
        assert_eq!(header_switch(&both, Edition::Arabic, "/ar/policy/x"), Some((Edition::English, "/".into())));
        assert_eq!(header_switch(&[Edition::English], Edition::English, "/"), None);
        assert_eq!(header_switch(&[], Edition::Arabic, "/ar"), None);
    }
}
