//! What happens between the HTML arriving and the app taking over.
//!
//! Two kinds of page arrive. A prerendered page (issue 7) already holds
//! its content and the files it was rendered from; the app hydrates it.
//! The app shell (`404.html`, and every page of the dev server) holds a
//! "Loading Dispatch…" line, so that a reader on a slow phone never
//! stares at a blank page while the wasm downloads; the app replaces it.

use leptos::prelude::*;

use crate::{
    preload::{self, Preloaded},
    routes::listing::page_number,
};

/// How the app should take over the page in the window.
pub enum Start {
    /// The page was prerendered for this very address, and its files are
    /// now held: hydrate it.
    Hydrate,
    /// Anything else (the shell, or a listing's first page answering for
    /// its `?page=2`): render from scratch.
    Render,
}

/// Reads a prerendered page's embedded files, if they were rendered for
/// the address in the window, and holds them for the first render.
pub fn prepare() -> Start {
    let document = document();
    let embedded = document.get_element_by_id(preload::SCRIPT_ID).and_then(|script| script.text_content());
    let location = window().location();
    let here = rendered_as(&location.pathname().unwrap_or_default(), &location.search().unwrap_or_default());
    match embedded.as_deref().map(Preloaded::parse) {
        Some(Ok(preloaded)) if preloaded.route == here => {
            preload::hold(preloaded);
            crate::newsletter::keep_early_input();
            Start::Hydrate
        }
        _ => {
            // What the page showed gives way to the app.
            if let Some(body) = document.body() {
                body.set_text_content(None);
            }
            Start::Render
        }
    }
}

/// The route a page at `path?query` would have been prerendered as. Only
/// the page number changes what a page shows: any other parameter (a
/// campaign's `utm_source`, say) still gets the prerendered page hydrated.
pub fn rendered_as(path: &str, query: &str) -> String {
    let page = query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))
        .map_or(1, |value| page_number(Some(value)));
    if page == 1 {
        path.to_string()
    } else {
        format!("{path}?page={page}")
    }
}

#[cfg(test)]
mod tests {
    use super::rendered_as;

    #[test]
    fn only_the_page_number_tells_addresses_apart() {
        assert_eq!(rendered_as("/policy/x", ""), "/policy/x");
        assert_eq!(rendered_as("/policy/x", "?utm_source=newsletter&utm_medium=email"), "/policy/x");
        assert_eq!(rendered_as("/tag/ai", "?page=1"), "/tag/ai");
        assert_eq!(rendered_as("/tag/ai", "?page=abc"), "/tag/ai");
        assert_eq!(rendered_as("/tag/ai", "?utm_source=x&page=2"), "/tag/ai?page=2");
    }
}
