//! A prerendered page's own module (issue 19; `docs/browser-speed.md`):
//! the wasm an article or the newsletter page loads, built from this crate
//! without the router and the pages (`src/bin/page.rs`), about half the
//! app.
//!
//! It does what a page needs before the reader leaves it: mounts the
//! page's interactive parts ([`crate::islands`]), fetches the next page's
//! files when the reader shows the intent to follow a link
//! ([`crate::prefetch`]), and fetches the app ([`api::app`]), which it
//! hands the page to at the first in-app navigation: the app is then
//! instantiated and started, and takes the page over with the files
//! fetched ahead ([`boot::taken_from_page`]); this module's parts stop as
//! the app replaces them. A page this module cannot show (one not
//! prerendered for the address in the window) is the app's at once.
//!
//! Which pages start it rather than the app: [`starts_own_module`]. When
//! the app is fetched, on a connection that allows fetching ahead (not
//! `Save-Data`, not a slow one: [`prefetch::thrifty`]): at the reader's
//! first intent to follow a link, and when the reader comes within a
//! screen of the page's end (its footer), where the links onward are, so
//! that a reader who follows one does not wait for it. A reader who reads
//! one page and leaves never downloads it. With `Save-Data` or a slow
//! connection it is fetched at the click. If the app cannot be fetched
//! within [`APP_WAIT_MS`], the click loads the page it leads to, as a
//! plain link would.

use leptos::{ev, prelude::*};

use crate::{
    api,
    boot::{self, Start},
    islands, newsletter, prefetch,
};

/// Whether the prerendered page at `path` starts this module rather than
/// the app: the pages a reader comes to read, an article or the newsletter
/// page (those with a newsletter form of their own,
/// [`newsletter::page_has_own_form`]), where most readers arrive from a
/// search, a social post or a newsletter, and many leave from. The front
/// page and the listings are made of links a reader came to follow: they
/// start the app itself, so that the first click is as quick as any.
pub fn starts_own_module(path: &str) -> bool {
    newsletter::page_has_own_form(path)
}

/// The `<meta>` of a prerendered page whose `content` is the address of
/// the app's module (its JS glue), which the build writes into the page's
/// shell (`xtask/src/build.rs`).
pub const APP_META: &str = "dispatch-app";

/// Starts the page's module in the page in the window: its entry point.
pub fn start() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    match boot::prepare() {
        Start::Enhance(path) => {
            prefetch::listen(
                || {
                    if boot::whole_page() {
                        return false;
                    }
                    fetch_app();
                    true
                },
                |_| {},
            );
            window_event_listener(ev::click, |event| {
                if let Some((path, address)) = boot::followed(&event) {
                    leptos::task::spawn_local(hand_over(path, address));
                }
            });
            islands::mount(&path, || {
                boot::ready();
                // Near the page's end, where the links onward are.
                let footer = document().query_selector("footer.site-footer").ok().flatten();
                if let Some(footer) = footer.filter(|_| !prefetch::thrifty()) {
                    islands::when_near(footer, |_| fetch_app());
                }
            });
        }
        Start::Render => leptos::task::spawn_local(async {
            if let Err(error) = start_app().await {
                // The shell's "Loading Dispatch…" line says so instead.
                if let Some(line) = document().get_element_by_id("boot") {
                    let text = crate::text::Text::for_site(boot::page_edition(), None);
                    line.set_text_content(Some(&text.error_message(&error)));
                }
            }
        }),
    }
}

/// The address of the app's module, from the page's [`APP_META`].
fn app_address() -> Option<String> {
    let meta = document().query_selector(&format!("meta[name=\"{APP_META}\"]")).ok()??;
    meta.get_attribute("content").filter(|address| !address.is_empty())
}

fn fetch_app() {
    if let Some(js) = app_address() {
        api::app::fetch(&js);
    }
}

async fn start_app() -> Result<wasm_bindgen::JsValue, crate::error::ApiError> {
    let js = app_address().ok_or(crate::error::ApiError::Network)?;
    api::app::start(&js).await
}

/// How long a click waits for the app, in milliseconds, when it was not
/// fetched ahead (`Save-Data`, a slow connection, a click soon after the
/// first intent), before the link loads its page whole instead: on a
/// connection that slow, the prerendered page, a tenth of the app's
/// bytes, comes sooner.
pub const APP_WAIT_MS: u32 = 3_000;

/// Hands the page to the app to show `address` (its path `path`): the
/// next page's files are fetched while the app starts; then the app takes
/// the page over with the files. This module's parts keep working until
/// the app replaces them: the app then calls the `release` given to it,
/// which stops them and hands over any signup on its way
/// ([`newsletter::send_for_app`]). Only the last link clicked is
/// followed. If the app cannot start within [`APP_WAIT_MS`], the page at
/// `address` loads whole.
async fn hand_over(path: String, address: String) {
    boot::want(&address);
    let progress = boot::progress_later();
    // Started now, kept for the app (`api::ahead_for_app`).
    leptos::task::spawn_local({
        let path = path.clone();
        async move { prefetch::fetch(&path).await }
    });
    let waited = gloo_timers::future::TimeoutFuture::new(APP_WAIT_MS);
    let started = match futures::future::select(Box::pin(start_app()), waited).await {
        futures::future::Either::Left((started, _)) => started,
        futures::future::Either::Right(_) => Err(crate::error::ApiError::Timeout),
    };
    if !boot::wanted(&address) {
        return;
    }
    let Ok(exports) = started else { return load_whole(&address, progress) };
    boot::handed_over();
    let take: Option<js_sys::Function> = js_sys::Reflect::get(&exports, &"hand_over".into())
        .ok()
        .and_then(|take| wasm_bindgen::JsCast::dyn_into(take).ok());
    let release = wasm_bindgen::closure::Closure::once_into_js(|| {
        islands::unmount();
        newsletter::send_for_app()
    });
    let arguments = js_sys::Array::of4(&path.into(), &address.clone().into(), &api::ahead_for_app(), &release);
    let taken = take.map(|take| take.apply(&wasm_bindgen::JsValue::UNDEFINED, &arguments));
    if !matches!(taken, Some(Ok(_))) {
        load_whole(&address, progress);
    }
}

/// Loads the page at `address` whole, as a plain link would, when the app
/// cannot take the page: what this module wanted is forgotten first, so
/// that this page, if the browser brings it back on Back (its
/// back/forward cache), works as before the click.
fn load_whole(address: &str, progress: gloo_timers::callback::Timeout) {
    drop(progress);
    boot::unwant();
    let _ = window().location().assign(address);
}
