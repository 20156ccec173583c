//! What happens between the HTML arriving and the app taking over.
//!
//! Two kinds of page arrive. A prerendered page (issue 7) already holds
//! its content and the files it was rendered from; the app hydrates it.
//! The app shell (`404.html`, and every page of the dev server) holds a
//! "Loading Dispatch…" line, so that a reader on a slow phone never
//! stares at a blank page while the wasm downloads; the app replaces it.

use leptos::prelude::*;

use dispatch_model::routes;

use crate::preload::{self, Preloaded};

/// How the app should take over the page in the window.
pub enum Start {
    /// The page was prerendered for this very address, and its files are
    /// now held: hydrate it.
    Hydrate,
    /// Anything else (the shell, answering for an address with no page of
    /// its own): render from scratch.
    Render,
}

/// Reads a prerendered page's embedded files, if they were rendered for
/// the address in the window, and holds them for the first render.
///
/// The address in the window becomes canonical first ([`canonical`]), for
/// hosts that do not redirect it themselves.
pub fn prepare() -> Start {
    let document = document();
    let embedded = document.get_element_by_id(preload::SCRIPT_ID).and_then(|script| script.text_content());
    let location = window().location();
    let (path, search) = (location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let path = match canonical(&path, &search) {
        Some(address) => {
            if let Ok(history) = window().history() {
                let address = address.clone() + &location.hash().unwrap_or_default();
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
            }
            address.split('?').next().unwrap_or_default().to_string()
        }
        None => path,
    };
    // Pages are prerendered at their addresses as readers see them
    // (`/tag/الأمن`); the window holds them percent-encoded. Only the path
    // tells pages apart: a query (a campaign's `utm_source`) still gets
    // the prerendered page hydrated.
    let here = web_sys::js_sys::decode_uri_component(&path).map(String::from).unwrap_or(path);
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

/// The canonical form of `path` and `search` (its `?query`, or empty),
/// when they are not canonical already:
/// - without trailing slashes (the app's router would show the same page,
///   and the reader should share one address);
/// - a listing's old `?page=N` as its page's own address
///   ([`routes::page_moved`]; Cloudflare Pages matches no queries, so its
///   `_redirects` cannot do this), other parameters kept.
pub fn canonical(path: &str, search: &str) -> Option<String> {
    let trimmed = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    let pairs: Vec<&str> = search.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty()).collect();
    let moved = pairs.iter().find_map(|pair| routes::page_moved(trimmed, pair.strip_prefix("page=")?));
    if moved.is_none() && trimmed == path {
        return None;
    }
    let (path, pairs): (String, Vec<&str>) = match moved {
        Some(moved) => (moved, pairs.into_iter().filter(|pair| !pair.starts_with("page=")).collect()),
        None => (trimmed.to_string(), pairs),
    };
    let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
    Some(path + &query)
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn the_window_shows_the_canonical_address() {
        assert_eq!(canonical("/policy/x/", "").as_deref(), Some("/policy/x"));
        assert_eq!(canonical("/tag/ai//", "?utm_source=x").as_deref(), Some("/tag/ai?utm_source=x"));
        assert_eq!(canonical("/tag/ai", "?utm_source=x&page=2").as_deref(), Some("/tag/ai/page/2?utm_source=x"));
        assert_eq!(canonical("/policy/", "?page=3").as_deref(), Some("/policy/page/3"));
        assert_eq!(canonical("/policy", "?page=1").as_deref(), Some("/policy"));
        for (path, search) in
            [("/", ""), ("/policy", ""), ("/policy/x", "?page=2"), ("/tag/ai", "?page=x"), ("/tag/ai", "?utm_source=x")]
        {
            assert_eq!(canonical(path, search), None, "{path}{search}");
        }
    }
}
