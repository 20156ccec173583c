//! All network code of the app: content loads (and the same files fetched
//! ahead of a click) and the newsletter signup, all through one exchange
//! that times out, and the search, through Pagefind's browser side (which
//! fetches its index files itself).

use std::{
    any::Any,
    cell::{Cell, RefCell},
    collections::HashMap,
    rc::Rc,
};

use dispatch_model::{
    newsletter::{self, NewsletterConfig, SubscriptionRequest},
    paths, Article, Author, Edition, IndexPage, Insights, Site,
};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Request, RequestBuilder};
use gloo_timers::callback::Timeout;
use js_sys::Promise;
use serde::{de::DeserializeOwned, Deserialize};
use wasm_bindgen::{prelude::wasm_bindgen, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::{
    error::{from_status, ApiError},
    search::{Hit, SearchQuery},
};

/// How long a reader waits for one content file before being told so.
/// Long enough for a slow 3G phone to fetch a large article, short enough
/// that nobody watches a skeleton forever.
pub const TIMEOUT_MS: u32 = 15_000;

/// How a load may use the browser's HTTP cache. Content JSON may be
/// cached for a minute, so a Retry after a damaged or failed answer must
/// ask the server again rather than get the same bytes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// A first load: the cache is welcome.
    Cached,
    /// A retry: revalidate with the server.
    Revalidate,
}

impl Freshness {
    /// `Cached` for the first attempt, `Revalidate` for every retry.
    pub fn for_attempt(attempt: u32) -> Freshness {
        if attempt == 0 {
            Freshness::Cached
        } else {
            Freshness::Revalidate
        }
    }
}

// Each content file is its edition's: `/ar/content/…` for Arabic.

pub async fn article(edition: Edition, slug: String, freshness: Freshness) -> Result<Article, ApiError> {
    fetch_json(&edition.path(&paths::article(&slug)), freshness).await
}

pub async fn latest(edition: Edition, page: u32, freshness: Freshness) -> Result<IndexPage, ApiError> {
    fetch_json(&edition.path(&paths::latest(page)), freshness).await
}

/// A listing page: `kind` is "sections", "regions", "tags" or "authors".
pub async fn listing(
    edition: Edition,
    kind: &'static str,
    slug: String,
    page: u32,
    freshness: Freshness,
) -> Result<IndexPage, ApiError> {
    fetch_json(&edition.path(&paths::listing(kind, &slug, page)), freshness).await
}

pub async fn author(edition: Edition, slug: String, freshness: Freshness) -> Result<Author, ApiError> {
    fetch_json(&edition.path(&paths::author(&slug)), freshness).await
}

pub async fn site(edition: Edition) -> Result<Site, ApiError> {
    fetch_json(&edition.path(paths::SITE), Freshness::Cached).await
}

pub async fn insights(edition: Edition) -> Result<Insights, ApiError> {
    fetch_json(&edition.path(paths::INSIGHTS), Freshness::Cached).await
}

/// Fetches `path` and decodes it as `T`, aborting after [`TIMEOUT_MS`];
/// a file fetched ahead and decoded already ([`decode_ahead_with`]) is
/// taken as it is. In a rehearsal ([`crate::Rehearsal`]) it decodes a copy of
/// what is in hand, or fails with [`ApiError::Network`], asking nothing
/// of the network.
pub async fn fetch_json<T: DeserializeOwned + 'static>(path: &str, freshness: Freshness) -> Result<T, ApiError> {
    if crate::rehearsing() {
        return body_in_hand(path).map_or(Err(ApiError::Network), |body| decode(&body));
    }
    if let Some(value) = decoded_ahead(path, freshness) {
        return Ok(value);
    }
    decode(&fetch_body(path, freshness).await?)
}

/// The content file `path` fetched ahead and decoded as `T` when it
/// arrived, taken for the first load of its page ([`fetch_body`]'s rules:
/// not for a retry, not once out of date). One decoded as another type,
/// or not decoded (it failed to, or is still on its way), is `None`: the
/// load decodes the body itself, and reports what is wrong with it.
fn decoded_ahead<T: 'static>(path: &str, freshness: Freshness) -> Option<T> {
    if freshness != Freshness::Cached {
        return None;
    }
    let now = now_ms();
    AHEAD.with_borrow_mut(|ahead| {
        let value = ahead.get(path).filter(|file| file.until_ms > now)?.decoded.take()?.downcast::<T>().ok()?;
        ahead.remove(path);
        Some(*value)
    })
}

/// Whether the content file `path` was fetched ahead, is in date and is
/// decoded, waiting for its page's load.
pub fn decoded_in_hand(path: &str) -> bool {
    let now = now_ms();
    AHEAD.with_borrow(|ahead| {
        ahead.get(path).filter(|file| file.until_ms > now).is_some_and(|file| {
            let decoded = file.decoded.take();
            let is_in = decoded.is_some();
            file.decoded.set(decoded);
            is_in
        })
    })
}

/// A copy of the text of the content file `path`, if it is in hand
/// (fetched ahead and arrived, or held from the page), left in hand: what
/// a load in a [`crate::Rehearsal`] decodes.
fn body_in_hand(path: &str) -> Option<String> {
    let now = now_ms();
    let fetched = AHEAD.with_borrow(|ahead| {
        let file = ahead.get(path).filter(|file| file.until_ms > now)?;
        match file.body.peek() {
            Some(Ok(body)) => Some(body.clone()),
            _ => None,
        }
    });
    fetched.or_else(|| crate::preload::peek(path))
}

/// The body of a content file. Kept apart from the decoding, so that the
/// request's code exists once in the wasm rather than once per content
/// type.
///
/// A first load takes the file from [`crate::preload`] when it is in hand;
/// natively nothing else is (there is no network to ask).
async fn fetch_body(path: &str, freshness: Freshness) -> Result<String, ApiError> {
    if freshness == Freshness::Cached {
        if let Some(held) = crate::preload::take(path) {
            return held.ok_or(ApiError::NotFound);
        }
        // Fetched ahead: its answer. One that had already failed is as if
        // never fetched, and the file is asked for again; one still on its
        // way is waited for, failure included, rather than asked twice.
        let fetching = AHEAD.with_borrow_mut(|ahead| ahead.remove(path)).filter(|ahead| ahead.until_ms > now_ms());
        if let Some(ahead) = fetching {
            let failed_before = matches!(ahead.body.peek(), Some(Err(_)));
            if !failed_before {
                return ahead.body.await;
            }
        }
    }
    if cfg!(not(target_arch = "wasm32")) {
        return Err(ApiError::Network);
    }
    network_body(path, freshness).await
}

/// How long a file fetched ahead of its page is used for it, in
/// milliseconds: the minute for which the hosts let browsers cache content
/// JSON (`max-age=60`, `SHORT_LIVED` in `xtask/src/deploy.rs`), so that a page shown
/// from a file fetched ahead is no staler than one from the HTTP cache.
pub const AHEAD_MS: f64 = 60_000.0;

/// A content file fetched ahead of a click: its body, until when it may
/// be used (milliseconds since the epoch), and, in the app, the body
/// decoded as soon as it arrived ([`decode_ahead_with`]).
struct Ahead {
    until_ms: f64,
    body: Shared<LocalBoxFuture<'static, Result<String, ApiError>>>,
    decoded: Rc<Cell<Option<Box<dyn Any>>>>,
}

/// Decodes the content file at a path (its first argument) from its body
/// (the second) as the type its page loads it as, boxed; `None` when it
/// does not decode.
pub type DecodeAhead = fn(&str, &str) -> Option<Box<dyn Any>>;

thread_local! {
    /// By site-root path; each is used once, by the next load of its page.
    static AHEAD: RefCell<HashMap<String, Ahead>> = RefCell::new(HashMap::new());
    /// How files fetched ahead are decoded as they arrive: set by the app
    /// ([`decode_ahead_with`]); the page's module ([`crate::page`]) hands
    /// its files to the app as text, and links no decoder of its own.
    static DECODE_AHEAD: Cell<Option<DecodeAhead>> = const { Cell::new(None) };
}

/// Has every file fetched ahead from now on decoded by `decode` as soon
/// as it arrives, so that its page, at the click, renders without
/// decoding it (issue 19: an article's decoding was about a tenth of a
/// click's work on a phone, `docs/browser-speed.md`). The page's load
/// takes the decoded value ([`fetch_json`]).
pub fn decode_ahead_with(decode: DecodeAhead) {
    DECODE_AHEAD.set(Some(decode));
}

/// Starts fetching the content file `path` ahead of the page that needs
/// it (see `src/prefetch.rs`), unless it is in hand already (embedded in
/// the page, or fetched in the last [`AHEAD_MS`]). The returned future
/// ends when the file is in hand or the fetch has failed; the next
/// [`fetch_json`] of `path` takes it from there, with no request. A
/// failure by the time that load starts changes nothing: it fetches the
/// file as usual. A load that starts while the fetch is under way waits
/// for it instead, failure included, so that nothing is asked twice.
pub fn fetch_ahead(path: &str) -> LocalBoxFuture<'static, ()> {
    if cfg!(not(target_arch = "wasm32")) || crate::preload::holds(path) {
        return Box::pin(async {});
    }
    let now = now_ms();
    let body = AHEAD.with_borrow_mut(|ahead| {
        ahead.retain(|_, file| file.until_ms > now);
        let file = ahead.entry(path.to_owned()).or_insert_with(|| {
            let path = path.to_owned();
            let decoded: Rc<Cell<Option<Box<dyn Any>>>> = Rc::default();
            let (slot, decode, file) = (decoded.clone(), DECODE_AHEAD.get(), path.clone());
            let body = async move { network_body(&path, Freshness::Cached).await }.boxed_local().shared();
            let arrived = body.clone();
            // Started now, whether or not anyone waits for it.
            leptos::task::spawn_local(async move {
                let text = arrived.await;
                // Only a file still waiting for its page: one whose load
                // took it while it was on its way is decoded by that load.
                let waiting =
                    AHEAD.with_borrow(|ahead| ahead.get(&file).is_some_and(|entry| Rc::ptr_eq(&entry.decoded, &slot)));
                if let (Ok(text), Some(decode), true) = (text, decode, waiting) {
                    slot.set(decode(&file, &text));
                }
            });
            Ahead { until_ms: now + AHEAD_MS, body, decoded }
        });
        file.body.clone()
    });
    Box::pin(body.map(drop))
}

/// Every file fetched ahead and still in date, for the app taking the page
/// over from the page's module ([`crate::page`]): an array of `[path,
/// until_ms, body]`, `until_ms` as [`Ahead`] keeps it and `body` a
/// promise of the file's text, which rejects with `404` when the file is
/// not there and with `undefined` on any other failure. Files that failed
/// already are left out, as a load here would leave them. This module's
/// own copy is dropped: the app fetches from here on.
pub fn ahead_for_app() -> js_sys::Array {
    let now = now_ms();
    let files = js_sys::Array::new();
    for (path, ahead) in AHEAD.take() {
        if ahead.until_ms <= now || matches!(ahead.body.peek(), Some(Err(_))) {
            continue;
        }
        let body = ahead.body;
        let body = wasm_bindgen_futures::future_to_promise(async move {
            match body.await {
                Ok(text) => Ok(JsValue::from(text)),
                Err(ApiError::NotFound) => Err(JsValue::from(404)),
                Err(_) => Err(JsValue::UNDEFINED),
            }
        });
        files.push(&js_sys::Array::of3(&JsValue::from(path), &JsValue::from(ahead.until_ms), &body));
    }
    files
}

/// The app's side of [`ahead_for_app`]: each file in `files` is as if
/// fetched ahead here, used once by the next load of its page. What is not
/// an entry of that shape is skipped (the next load then fetches it).
pub fn adopt_ahead(files: &js_sys::Array) {
    for file in files.iter() {
        let file: js_sys::Array = file.unchecked_into();
        let (Some(path), Some(until_ms)) = (file.get(0).as_string(), file.get(1).as_f64()) else { continue };
        let Ok(body) = file.get(2).dyn_into::<Promise>() else { continue };
        let body = async move {
            match JsFuture::from(body).await {
                Ok(text) => text.as_string().ok_or(ApiError::Network),
                Err(status) if status.as_f64() == Some(404.0) => Err(ApiError::NotFound),
                Err(_) => Err(ApiError::Network),
            }
        };
        let ahead = Ahead { until_ms, body: body.boxed_local().shared(), decoded: Rc::default() };
        AHEAD.with_borrow_mut(|files| files.insert(path, ahead));
    }
}

#[wasm_bindgen]
extern "C" {
    /// JavaScript's `import()`: loads an ES module by its URL.
    #[wasm_bindgen(js_name = "import")]
    fn import_module(url: &str) -> Promise;
}

/// The app as a prerendered page's own module loads it ([`crate::page`]):
/// its JS glue, an ES module at the address `js` (Trunk 0.21's
/// `dispatch-{hash}.js`, wasm-bindgen's `web` target), and its wasm beside
/// it (`dispatch-{hash}_bg.wasm`), compiled while it downloads
/// (`WebAssembly.compileStreaming`). Both are fetched once a visit; a
/// load that failed is forgotten, so that the next asks again (for the
/// JS at a new address: browsers keep a failed `import()` of an address
/// for the document's life).
pub mod app {
    use std::cell::{Cell, RefCell};

    use futures::future::{FutureExt, LocalBoxFuture, Shared};
    use js_sys::{Function, Object, Promise, Reflect, WebAssembly};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::{import_module, ApiError};

    /// The app fetched: its module's exports, and its wasm as a compiled
    /// `WebAssembly.Module`, or as its address when compiling as it came
    /// failed (a host that sends it without `application/wasm`:
    /// wasm-bindgen's loader then fetches it again, and copes).
    #[derive(Clone)]
    struct Fetched {
        exports: JsValue,
        wasm: JsValue,
    }

    type Loading<T> = Shared<LocalBoxFuture<'static, Result<T, ApiError>>>;

    thread_local! {
        static FETCHED: RefCell<Option<Loading<Fetched>>> = const { RefCell::new(None) };
        static STARTED: RefCell<Option<Loading<JsValue>>> = const { RefCell::new(None) };
        /// Imports of the app's JS that failed so far.
        static FAILURES: Cell<u32> = const { Cell::new(0) };
    }

    /// Starts fetching and compiling the app at `js`, unless it is under
    /// way or done.
    pub fn fetch(js: &str) {
        drop(fetched(js));
    }

    fn fetched(js: &str) -> Loading<Fetched> {
        FETCHED.with_borrow_mut(|fetched| {
            fetched
                .get_or_insert_with(|| {
                    let js = js.to_owned();
                    let module = match FAILURES.get() {
                        0 => js.clone(),
                        failures => format!("{js}?retry={failures}"),
                    };
                    let load = async move {
                        let exports = JsFuture::from(import_module(&module)).await.map_err(|_| {
                            FAILURES.set(FAILURES.get() + 1);
                            ApiError::Network
                        })?;
                        let address = format!("{}_bg.wasm", js.strip_suffix(".js").unwrap_or(&js));
                        let response = leptos::prelude::window().fetch_with_str(&address);
                        let wasm = JsFuture::from(WebAssembly::compile_streaming(&response))
                            .await
                            .unwrap_or_else(|_| JsValue::from(address));
                        Ok(Fetched { exports, wasm })
                    }
                    .boxed_local()
                    .shared();
                    leptos::task::spawn_local(load.clone().map(forget_failure(&FETCHED)));
                    load
                })
                .clone()
        })
    }

    /// The app at `js`, fetched, instantiated and started (its `main`,
    /// `boot::start`), as its module's exports. Started once a visit,
    /// however often it is asked for.
    pub async fn start(js: &str) -> Result<JsValue, ApiError> {
        let started = STARTED.with_borrow_mut(|started| {
            started
                .get_or_insert_with(|| {
                    let fetched = fetched(js);
                    let start = async move {
                        let Fetched { exports, wasm } = fetched.await?;
                        let init: Function = Reflect::get(&exports, &"default".into())
                            .ok()
                            .and_then(|init| init.dyn_into().ok())
                            .ok_or_else(|| ApiError::Malformed("the app's module has no loader".into()))?;
                        let options = Object::new();
                        let _ = Reflect::set(&options, &"module_or_path".into(), &wasm);
                        let running = init.call1(&JsValue::UNDEFINED, &options).map_err(|_| ApiError::Network)?;
                        JsFuture::from(Promise::resolve(&running)).await.map_err(|_| ApiError::Network)?;
                        Ok(exports)
                    }
                    .boxed_local()
                    .shared();
                    leptos::task::spawn_local(start.clone().map(forget_failure(&STARTED)));
                    start
                })
                .clone()
        });
        started.await
    }

    /// Forgets a load that failed, so that the next asks again.
    fn forget_failure<T>(
        slot: &'static std::thread::LocalKey<RefCell<Option<Loading<T>>>>,
    ) -> impl FnOnce(Result<T, ApiError>) {
        move |result| {
            if result.is_err() {
                slot.set(None);
            }
        }
    }
}

/// The browser's clock in milliseconds since the epoch (`Date.now()`);
/// natively nothing is fetched ahead, so nothing needs one.
fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}

/// A content file's body from the network.
async fn network_body(path: &str, freshness: Freshness) -> Result<String, ApiError> {
    let cache = match freshness {
        Freshness::Cached => web_sys::RequestCache::Default,
        Freshness::Revalidate => web_sys::RequestCache::NoCache,
    };
    let answer = exchange(Request::get(path).cache(cache), None).await?;
    if !(200..300).contains(&answer.status) {
        return Err(from_status(answer.status));
    }
    // A host that answers every unknown path with the app shell (some CDN
    // set-ups do) has not found the file either.
    if answer.content_type.starts_with("text/html") {
        return Err(ApiError::NotFound);
    }
    Ok(answer.body)
}

/// The newsletter settings chosen at deploy time.
pub async fn newsletter_config() -> Result<NewsletterConfig, ApiError> {
    fetch_json(newsletter::CONFIG_PATH, Freshness::Cached).await
}

/// Posts a signup to listmonk's public subscription API; `Ok(true)` when
/// the reader must confirm by mail (double opt-in).
pub async fn subscribe(endpoint: &str, request: &SubscriptionRequest) -> Result<bool, ApiError> {
    let body = serde_json::to_string(request).map_err(|err| ApiError::Malformed(err.to_string()))?;
    let answer = exchange(Request::post(endpoint).header("content-type", "application/json"), Some(body)).await?;
    match answer.status {
        200..=299 => {
            // listmonk answers `{"data": {"has_optin": …}}`; older versions
            // answer `{"data": true}`, which says nothing about opt-in.
            let accepted: Result<Accepted, _> = serde_json::from_str(&answer.body);
            Ok(accepted.is_ok_and(|accepted| accepted.data.has_optin))
        }
        429 => Err(ApiError::TooMany(answer.retry_after)),
        400..=499 => {
            let refusal: Option<Refusal> = serde_json::from_str(&answer.body).ok();
            Err(ApiError::Refused(refusal.map(|refusal| refusal.message).unwrap_or_default()))
        }
        status => Err(ApiError::Server(status)),
    }
}

/// One page of results: how many articles matched in all, and the first
/// `count` of them that have a safe address to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Searches the site's Pagefind index for `query` (which must have
/// [`SearchQuery::words`]) and loads the first `count` results.
///
/// The first search of a visit loads `pagefind.js` from
/// [`dispatch_model::paths::SEARCH_BUNDLE`] with `import()`, and
/// Pagefind then fetches its wasm, the index chunks for the words and one
/// fragment file per result shown; a later search reuses what came. The
/// whole search gives up after [`TIMEOUT_MS`] with `ApiError::Timeout`.
/// A search that fails for any other reason is `ApiError::Network` (a file
/// did not come) or `ApiError::Malformed` (Pagefind threw, or answered in a
/// shape it does not document); the loaded module is then dropped, so that
/// the next search, a Retry, starts again from `pagefind.js` with a fresh
/// address (a browser keeps a module that failed to load as failed).
pub async fn search(query: &SearchQuery, count: usize) -> Result<Found, ApiError> {
    use futures::future::{select, Either};

    if cfg!(not(target_arch = "wasm32")) {
        return Err(ApiError::Network);
    }
    let words = query.words().unwrap_or_default().to_string();
    let options = query.pagefind_options();
    let work = Box::pin(pagefind::search(words, options, count));
    let answer = match select(work, gloo_timers::future::TimeoutFuture::new(TIMEOUT_MS)).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => Err(ApiError::Timeout),
    };
    if answer.is_err() {
        pagefind::forget();
    }
    answer
}

/// Starts loading the search engine while the reader is on the search
/// page and has not searched yet: `pagefind.js`, its wasm and the index's
/// metadata (about 160 KB at 10,000 articles), so that the first search
/// waits only for the chunks of its words. Only the search page calls it;
/// no other page loads anything of the search. A failure shows nothing
/// here: the module is dropped (as by a failed [`search`]), and the search
/// that follows loads it again, and shows its own error with Retry.
pub async fn prepare_search() {
    if cfg!(target_arch = "wasm32") && pagefind::prepare().await.is_err() {
        pagefind::forget();
    }
}

/// The bridge to Pagefind's JavaScript API (`pagefind.js`, an ES module):
/// `options()`, `init()`, `search(words, {filters, sort})`, and each
/// result's `data()`. Options go in as JSON text; results are read field by field.
mod pagefind {
    use std::cell::{Cell, RefCell};

    use js_sys::{Array, Function, Promise, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use dispatch_model::paths::SEARCH_BUNDLE;

    use super::{import_module, ApiError, Found};
    use crate::search::EXCERPT_WORDS;
    use crate::search::{Fragment, FragmentMeta, Hit};

    thread_local! {
        /// The loaded module, kept for the visit.
        static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
        /// Failed searches so far: each load after one asks for a new
        /// address.
        static FAILURES: Cell<u32> = const { Cell::new(0) };
    }

    pub fn forget() {
        MODULE.set(None);
        FAILURES.set(FAILURES.get() + 1);
    }

    async fn module() -> Result<JsValue, ApiError> {
        if let Some(module) = MODULE.with_borrow(Clone::clone) {
            return Ok(module);
        }
        let url = match FAILURES.get() {
            0 => format!("{SEARCH_BUNDLE}pagefind.js"),
            failures => format!("{SEARCH_BUNDLE}pagefind.js?retry={failures}"),
        };
        let module = JsFuture::from(import_module(&url)).await.map_err(|_| ApiError::Network)?;
        // Pagefind's own excerpt is not used (the page marks words itself,
        // as text), but a short one is less work for it.
        call(&module, "options", &[json(&format!("{{\"excerptLength\":{EXCERPT_WORDS}}}"))?]).await?;
        MODULE.set(Some(module.clone()));
        Ok(module)
    }

    /// Loads the module and has Pagefind load its wasm and metadata.
    pub async fn prepare() -> Result<(), ApiError> {
        let module = module().await?;
        call(&module, "init", &[]).await.map(|_| ())
    }

    pub async fn search(words: String, options: String, count: usize) -> Result<Found, ApiError> {
        let module = module().await?;
        let answer = call(&module, "search", &[JsValue::from_str(&words), json(&options)?]).await?;
        let results: Array = Reflect::get(&answer, &JsValue::from_str("results"))
            .ok()
            .and_then(|results| results.dyn_into().ok())
            .ok_or_else(|| ApiError::Malformed("Pagefind's answer has no results".into()))?;
        let total = results.length() as usize;
        // Every shown result's fragment at once.
        let loads = Array::new();
        for result in results.iter().take(count) {
            let data: Function = Reflect::get(&result, &JsValue::from_str("data"))
                .ok()
                .and_then(|data| data.dyn_into().ok())
                .ok_or_else(|| malformed("result"))?;
            loads.push(&data.call0(&result).map_err(|_| malformed("result"))?);
        }
        let all: Array = settled(Promise::all(&loads).into(), "data").await?.into();
        // Read field by field rather than through serde: the wasm is
        // smaller so, and every page downloads it.
        let fragments = all.iter().map(|data| {
            let meta = Reflect::get(&data, &JsValue::from_str("meta")).unwrap_or(JsValue::UNDEFINED);
            let locations: Vec<usize> = Reflect::get(&data, &JsValue::from_str("locations"))
                .ok()
                .filter(Array::is_array)
                .map(|locations| {
                    Array::from(&locations).iter().filter_map(|at| at.as_f64()).map(|at| at as usize).collect()
                })
                .unwrap_or_default();
            Fragment {
                url: text(&data, "url"),
                content: text(&data, "content"),
                locations,
                meta: FragmentMeta {
                    headline: text(&meta, "headline"),
                    title: text(&meta, "title"),
                    deck: text(&meta, "deck"),
                    section: text(&meta, "section"),
                    href: text(&meta, "href"),
                    published: text(&meta, "published"),
                    minutes: text(&meta, "minutes"),
                },
            }
        });
        Ok(Found { total, hits: fragments.filter_map(Hit::from_fragment).collect() })
    }

    /// `object[key]` when it is a string, else empty.
    fn text(object: &JsValue, key: &str) -> String {
        Reflect::get(object, &JsValue::from_str(key)).ok().and_then(|value| value.as_string()).unwrap_or_default()
    }

    fn json(text: &str) -> Result<JsValue, ApiError> {
        JSON::parse(text).map_err(|_| malformed("options"))
    }

    fn malformed(what: &str) -> ApiError {
        ApiError::Malformed(format!("Pagefind's {what} could not be read"))
    }

    /// Calls `target.name(...args)` and waits for its promise, if it
    /// returns one (see [`settled`]).
    async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, ApiError> {
        let function: Function = Reflect::get(target, &JsValue::from_str(name))
            .ok()
            .and_then(|function| function.dyn_into().ok())
            .ok_or_else(|| ApiError::Malformed(format!("Pagefind has no {name}()")))?;
        let args: Array = args.iter().collect();
        match function.apply(target, &args) {
            Ok(value) => settled(value, name).await,
            Err(thrown) => Err(reason(thrown, name)),
        }
    }

    /// `value`, or what its promise resolves to. A rejection because a
    /// fetch failed is `Network`; anything else Pagefind throws (in `what`)
    /// is `Malformed`.
    async fn settled(value: JsValue, what: &str) -> Result<JsValue, ApiError> {
        JsFuture::from(Promise::resolve(&value)).await.map_err(|thrown| reason(thrown, what))
    }

    fn reason(thrown: JsValue, what: &str) -> ApiError {
        let message = Reflect::get(&thrown, &JsValue::from_str("message")).ok().and_then(|message| message.as_string());
        let message = message.unwrap_or_default();
        if thrown.is_instance_of::<js_sys::TypeError>() && message.to_lowercase().contains("fetch") {
            ApiError::Network
        } else {
            ApiError::Malformed(format!("Pagefind {what}: {message}"))
        }
    }
}

#[derive(Deserialize)]
struct Accepted {
    data: Optin,
}

#[derive(Deserialize)]
struct Optin {
    has_optin: bool,
}

#[derive(Deserialize)]
struct Refusal {
    message: String,
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|err| ApiError::Malformed(err.to_string()))
}

/// An answer read whole.
struct Answer {
    status: u16,
    content_type: String,
    /// `Retry-After` in seconds, when the server sent it as a number.
    retry_after: Option<u32>,
    body: String,
}

/// Sends a request and reads the whole answer, aborting both after
/// [`TIMEOUT_MS`]. Every request of the app goes through here.
async fn exchange(builder: RequestBuilder, body: Option<String>) -> Result<Answer, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    // Dropping the timer cancels it, so it lives until the body is read.
    let _timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let failed = |_| {
        if timed_out.get() {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    };
    let builder = builder.abort_signal(Some(&controller.signal()));
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(failed)?;
    let header = |name: &str| response.headers().get(name);
    let content_type = header("content-type").unwrap_or_default();
    let retry_after = header("retry-after").and_then(|value| value.trim().parse().ok());
    let status = response.status();
    let body = response.text().await.map_err(failed)?;
    Ok(Answer { status, content_type, retry_after, body })
}

#[cfg(test)]
mod tests {
    use super::Freshness;

    #[test]
    fn only_a_retry_bypasses_the_cache() {
        assert_eq!(Freshness::for_attempt(0), Freshness::Cached);
        assert_eq!(Freshness::for_attempt(1), Freshness::Revalidate);
        assert_eq!(Freshness::for_attempt(7), Freshness::Revalidate);
    }
}
