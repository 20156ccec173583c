//! Links to the app's own pages, and their content fetched when a reader
//! shows the intent to follow one, so that the page is on screen as soon
//! as the click lands (issue 19; `docs/browser-speed.md`).
//!
//! Intent is a pointer pressed on a link (about 100 ms before the click
//! completes), a pointer resting on it for [`HOVER_MS`], or keyboard focus.
//! Nothing is fetched ahead when the reader's browser says to save data or
//! the connection is slow (the Network Information API's `saveData` and
//! `effectiveType`; browsers without it are not held back). The fetching
//! itself, and what a failed fetch means, is [`crate::api::fetch_ahead`]'s.

use std::cell::RefCell;

use dispatch_model::{routes, Edition};
use gloo_timers::callback::Timeout;
use leptos::{ev, prelude::*, wasm_bindgen::JsCast};

use crate::{api, routes::files::files_for};

/// How long a pointer rests on a link before its page is fetched, in
/// milliseconds: long enough that a pointer crossing the page fetches
/// nothing, short against the 300 ms or more between a hover and a click.
pub const HOVER_MS: u32 = 65;

thread_local! {
    /// The link the pointer rests on, and its timer; dropping it cancels.
    static HOVER: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

/// The path (decoded, as the router sees it) and the address (with its
/// query and fragment, as the window will show it: canonical, so
/// `/policy/` shows as `/policy`, as on a first load) of the page a link
/// leads to, when the app can show it: a link to another page of this
/// site, to be opened here, that is not a file (a feed, an image) and not
/// only a fragment of the page in the window.
pub fn in_app(target: Option<web_sys::EventTarget>) -> Option<(String, String)> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    let link = element.closest("a[href]").ok()??.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    let here = window().location();
    let elsewhere = !link.target().is_empty() && link.target() != "_self";
    if elsewhere || link.has_attribute("download") || link.rel().split_whitespace().any(|rel| rel == "external") {
        return None;
    }
    if link.origin() != here.origin().ok()? {
        return None;
    }
    let (path, search) = (link.pathname(), link.search());
    let file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    let same_page = path == here.pathname().ok()? && search == here.search().ok()?;
    if file || same_page {
        return None;
    }
    let decoded = js_sys::decode_uri_component(&path).map(String::from).unwrap_or_else(|_| path.clone());
    // Another edition is another app's: its page loads whole. So is the
    // search page, in the app built without it (the `search` feature).
    if Edition::split(&decoded).0 != crate::boot::page_edition()
        || (!cfg!(feature = "search") && routes::is_search(&decoded))
    {
        return None;
    }
    let address = crate::boot::canonical(&path, &search).unwrap_or_else(|| format!("{path}{search}"));
    Some((decoded, address + &link.hash()))
}

/// Fetches what the page at `path` loads (see [`files_for`]) ahead of it;
/// the future ends when all of it is in hand or has failed.
pub async fn fetch(path: &str) {
    futures::future::join_all(files_for(path).iter().map(|file| api::fetch_ahead(file))).await;
}

/// Listens, for the life of the tab, for a reader's intent to follow a
/// link, before and after the app has taken the page over.
///
/// `on_intent` runs at each intent the connection allows fetching ahead
/// for, before anything is fetched; when it answers `false` the intent is
/// ignored. The page's module ([`crate::page`]) starts fetching the app
/// there, and stops fetching once it has handed the page to the app,
/// whose own listeners fetch from then on. `on_fetched` runs with the
/// page's path ([`in_app`]) once its files are in hand or have failed:
/// the app rehearses its first article there (`crate::boot::rehearse`).
pub fn listen(on_intent: fn() -> bool, on_fetched: fn(&str)) {
    let now = move |event: web_sys::Event| intent(event.target(), on_intent, on_fetched);
    window_event_listener(ev::pointerdown, move |event| now(event.into()));
    window_event_listener(ev::focusin, move |event| now(event.into()));
    window_event_listener(ev::mouseover, move |event| {
        let target = event.target();
        HOVER.set(
            in_app(target.clone())
                .is_some()
                .then(|| Timeout::new(HOVER_MS, move || intent(target, on_intent, on_fetched))),
        );
    });
    window_event_listener(ev::mouseout, |_| HOVER.set(None));
}

fn intent(target: Option<web_sys::EventTarget>, on_intent: fn() -> bool, on_fetched: fn(&str)) {
    if let Some((path, _)) = in_app(target) {
        if !thrifty() && on_intent() {
            leptos::task::spawn_local(async move {
                fetch(&path).await;
                on_fetched(&path);
            });
        }
    }
}

/// Whether the reader's connection asks not to fetch what may go unused:
/// `navigator.connection.saveData`, or an `effectiveType` of `slow-2g`,
/// `2g` or `3g` (WICG Network Information API; Chromium implements it,
/// Firefox and Safari do not, and are treated as fast).
pub fn thrifty() -> bool {
    let Ok(connection) = js_sys::Reflect::get(&window().navigator(), &"connection".into()) else { return false };
    if connection.is_undefined() {
        return false;
    }
    let field = |name: &str| js_sys::Reflect::get(&connection, &name.into()).ok();
    let save_data = field("saveData").and_then(|value| value.as_bool()).unwrap_or(false);
    let slow = field("effectiveType")
        .and_then(|value| value.as_string())
        .is_some_and(|kind| ["slow-2g", "2g", "3g"].contains(&kind.as_str()));
    save_data || slow
}
