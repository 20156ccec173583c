//! What happens between the HTML arriving and the app taking over.
//!
//! Two kinds of page arrive. A prerendered page (issue 7) already holds
//! its content and the files it was rendered from; the app hydrates it.
//! The app shell (`404.html`, and every page of the dev server) holds a
//! "Loading Dispatch…" line, so that a reader on a slow phone never
//! stares at a blank page while the wasm downloads; the app replaces it.

use leptos::prelude::*;

use crate::preload::{self, Preloaded};

/// How the app should take over the page in the window.
pub enum Start {
    /// The page was prerendered for this very address, and its files are
    /// now held: hydrate it.
    Hydrate,
    /// Anything else (the shell, or a prerendered page answering another
    /// address, such as `?page=2` of a listing): render from scratch.
    Render,
}

/// Reads a prerendered page's embedded files, if they were rendered for
/// the address in the window, and holds them for the first render.
pub fn prepare() -> Start {
    let document = document();
    let embedded = document.get_element_by_id(preload::SCRIPT_ID).and_then(|script| script.text_content());
    let location = window().location();
    let here = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    match embedded.as_deref().map(Preloaded::parse) {
        Some(Ok(preloaded)) if preloaded.route == here => {
            preload::hold(preloaded);
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
