//! What happens between the HTML arriving and the app taking over.
//!
//! Two kinds of page arrive. A prerendered page (issue 7) already holds
//! its content and the files it was rendered from. It is not hydrated
//! (issue 19, `docs/browser-speed.md`): its interactive parts are mounted
//! on their own ([`crate::islands`]), and the app renders the whole page
//! only at the reader's first in-app navigation ([`take_over`]), with the
//! next page's files fetched first, so that it renders in one pass. The
//! search page, whose form is all it prerenders, is rendered by the app
//! at once.
//!
//! An article or the newsletter page does not load the app at first: it
//! loads the page's own module ([`crate::page`]), which mounts the same
//! parts and hands the page to the app at the first in-app navigation
//! ([`taken_from_page`]). Every other page starts the app itself.
//!
//! The app shell (`404.html`, and every page of the dev server) holds a
//! "Loading Dispatch…" line, so that a reader on a slow phone never
//! stares at a blank page while the wasm downloads; the app replaces it.

use std::cell::{Cell, RefCell};

use gloo_timers::callback::Timeout;
use leptos::{ev, prelude::*};

use dispatch_model::{paths, routes, Edition};

use crate::{
    api, islands, prefetch,
    preload::{self, Preloaded},
    progress,
};

/// How the app should take over the page in the window.
pub enum Start {
    /// The page was prerendered for this very address (the path, decoded),
    /// and its files are now held: mount its interactive parts.
    Enhance(String),
    /// Anything else (the shell, answering for an address with no page of
    /// its own, and the search page): render from scratch.
    Render,
}

thread_local! {
    /// Whether the app has taken the page over.
    static TAKEN: Cell<bool> = const { Cell::new(false) };
    /// The address of the last in-app link followed before the app took
    /// over: only its page is shown, if the reader clicks again meanwhile.
    static WANTED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether the document was loaded for the search page.
    static AT_SEARCH: Cell<bool> = const { Cell::new(false) };
    /// Whether [`followed_to_search`] has answered.
    static SEARCH_ASKED: Cell<bool> = const { Cell::new(false) };
    /// What stops the parts of the page's own module, when it handed the
    /// page over ([`taken_from_page`]).
    static RELEASE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Whether the app has rehearsed a takeover ([`rehearse`]).
    static REHEARSED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the document in the window was loaded for the search page (of
/// any edition), rather than reaching it by an in-app navigation.
pub fn loaded_at_search() -> bool {
    AT_SEARCH.get()
}

/// Whether the search page's document was loaded by following a link of
/// the site (a same-origin referrer, and a navigation, not a reload or
/// Back: Navigation Timing's `type`), and this is the first time it is
/// asked. The search page has an app of its own, so the site's "Search"
/// link loads it whole; a reader who followed it means to type, and the
/// page puts focus in its field, as an in-app navigation to it would.
pub fn followed_to_search() -> bool {
    if !AT_SEARCH.get() || SEARCH_ASKED.replace(true) {
        return false;
    }
    let origin = window().location().origin().unwrap_or_default();
    let referrer = document().referrer();
    let from_site = !origin.is_empty() && referrer.strip_prefix(&origin).is_some_and(|rest| rest.starts_with('/'));
    from_site && navigation_type().as_deref() == Some("navigate")
}

/// The `type` of the document's navigation entry (W3C Navigation Timing
/// Level 2: `navigate`, `reload`, `back_forward` or `prerender`), read
/// through JS reflection rather than three more web-sys features.
fn navigation_type() -> Option<String> {
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use web_sys::js_sys::{Function, Reflect};
    let performance = Reflect::get(&window(), &JsValue::from_str("performance")).ok()?;
    let entries: Function = Reflect::get(&performance, &JsValue::from_str("getEntriesByType")).ok()?.dyn_into().ok()?;
    let list = entries.call1(&performance, &JsValue::from_str("navigation")).ok()?;
    let first = Reflect::get_u32(&list, 0).ok()?;
    Reflect::get(&first, &JsValue::from_str("type")).ok()?.as_string()
}

/// Starts the app in the page in the window: the app's entry point, run
/// as the app's module is instantiated (by its own loader, or by the
/// page's module at a handover, which then calls [`taken_from_page`]).
pub fn start() {
    // Effects and tasks run on wasm-bindgen's executor; Leptos' own mount
    // functions start it, and the page's parts are mounted without them.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    api::decode_ahead_with(crate::routes::files::decode_ahead);
    prefetch::listen(
        || true,
        |path| {
            if leaving() || REHEARSED.get() {
                return;
            }
            let path = path.to_owned();
            // In a task of the event loop's own: the files' decoding (in
            // the futures their arrival woke) is done by then, and each is
            // a task apart.
            set_timeout(move || leptos::task::spawn_local(rehearse(path)), std::time::Duration::ZERO);
        },
    );
    match prepare() {
        Start::Enhance(path) => {
            window_event_listener(ev::click, follow);
            islands::mount(&path, ready);
        }
        Start::Render => {
            // What the page showed gives way to the app, which keeps what
            // the reader typed into its forms.
            crate::newsletter::keep_early_input();
            if let Some(body) = document().body() {
                body.set_text_content(None);
            }
            // The shell is the English edition's page; an address of
            // another edition it answers (one with no page of its own) is
            // that edition's, in its language and direction.
            if let Some(html) = document().document_element() {
                let edition = page_edition();
                let _ = html.set_attribute("lang", edition.code());
                let _ = html.set_attribute("dir", edition.direction());
            }
            TAKEN.set(true);
            leptos::mount::mount_to_body(|| view! { <crate::App edition=page_edition() /> });
            ready();
        }
    }
}

/// The edition of the page in the window, by its address.
/// Read once: a page's edition never changes (a link to another edition
/// loads that edition's page), and intent to follow a link asks on every
/// pointer move.
pub fn page_edition() -> Edition {
    thread_local! {
        static EDITION: Edition = Edition::split(&window().location().pathname().unwrap_or_default()).0;
    }
    EDITION.with(|edition| *edition)
}

/// Marks the document once every part of the page responds to the reader
/// (`<html data-app="ready">`), or waits to mount until the reader comes
/// near it (the newsletter form, [`crate::islands`]): what tests wait for,
/// since the parts of a prerendered page mount one task after another,
/// after the app's start.
pub(crate) fn ready() {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "ready");
    }
}

/// Whether the app renders the whole page (it has taken the page over, or
/// rendered it from the start); in the page's module, whether it has
/// handed the page to the app.
pub fn whole_page() -> bool {
    TAKEN.get()
}

/// Whether the page is being left for the app's render: a takeover (or a
/// handover, in the page's module) has begun or is done. Parts not yet
/// mounted then never mount: they would be dropped in a moment.
pub fn leaving() -> bool {
    TAKEN.get() || WANTED.with_borrow(Option::is_some)
}

/// Marks the page as the app's from here, in the page's module, once it
/// has handed the page over ([`crate::page`]).
pub(crate) fn handed_over() {
    TAKEN.set(true);
}

/// Asks for the page at `address` to be shown, when the app is ready to
/// show it: the last address asked for wins ([`wanted`]).
pub(crate) fn want(address: &str) {
    WANTED.set(Some(address.to_owned()));
}

/// Forgets the page asked for, and that the page was handed to the app,
/// and hides the route-progress bar: the click is answered by a page load
/// instead ([`crate::page`]).
pub(crate) fn unwant() {
    WANTED.set(None);
    TAKEN.set(false);
    if let Ok(Some(bar)) = document().query_selector(".route-progress") {
        bar.set_class_name("route-progress");
    }
}

/// Whether `address` is the last page asked for, and the page is not the
/// app's yet.
pub(crate) fn wanted(address: &str) -> bool {
    !TAKEN.get() && WANTED.with_borrow(|wanted| wanted.as_deref() == Some(address))
}

/// Whether the page in the window is the app's own render, taken over
/// from a prerendered page by an in-app navigation: its first page is
/// then announced and focused like any navigation's ([`crate::focus`]).
pub fn took_over() -> bool {
    TAKEN.get() && WANTED.with_borrow(Option::is_some)
}

/// Reads a prerendered page's embedded files, if they were rendered for
/// the address in the window, and holds them for the first render.
///
/// The address in the window becomes canonical first ([`canonical`]), for
/// hosts that do not redirect it themselves.
pub(crate) fn prepare() -> Start {
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
    // the prerendered page.
    let here = web_sys::js_sys::decode_uri_component(&path).map(String::from).unwrap_or(path);
    let search_page = routes::is_search(&here);
    AT_SEARCH.set(search_page);
    match embedded.as_deref().map(Preloaded::parse) {
        Some(Ok(preloaded)) if preloaded.route == here && !search_page => {
            preload::hold(preloaded);
            Start::Enhance(here)
        }
        embedded => {
            if let Some(Ok(preloaded)) = embedded.filter(|_| search_page) {
                preload::hold(preloaded);
            }
            Start::Render
        }
    }
}

/// A click anywhere before the app has taken over: a link to another of
/// its pages (and no modifier key, which asks for a new tab or window)
/// becomes the takeover.
fn follow(event: web_sys::MouseEvent) {
    if let Some((path, address)) = followed(&event) {
        leptos::task::spawn_local(take_over(path, address));
    }
}

/// The page (its path and address, [`prefetch::in_app`]) that a click on
/// the page leads to, when the app should show it: a plain click (no
/// modifier key, which asks for a new tab or window) on a link to another
/// of its pages, before the app has the page. The click's default, a page
/// load, is then prevented.
pub(crate) fn followed(event: &web_sys::MouseEvent) -> Option<(String, String)> {
    let modified = event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
    if TAKEN.get() || event.default_prevented() || event.button() != 0 || modified {
        return None;
    }
    let followed = prefetch::in_app(event.target())?;
    event.prevent_default();
    Some(followed)
}

/// Shows the route-progress bar if the page still has not changed after
/// [`progress::DELAY_MS`], as the app's own navigations show it; dropping
/// the timer before then shows nothing.
pub(crate) fn progress_later() -> Timeout {
    Timeout::new(progress::DELAY_MS, || {
        if let Ok(Some(bar)) = document().query_selector(".route-progress") {
            bar.set_class_name("route-progress route-progress-on");
        }
    })
}

/// The app's side of a handover from the page's module ([`crate::page`]),
/// which has just instantiated the app: the files it fetched ahead
/// (`ahead`, [`api::adopt_ahead`]) become the app's, and the app takes
/// the page over to show `address` (its path `path`). Where the app
/// replaces the page, it calls `release`, which stops that module's parts
/// and returns its signup on its way, if any
/// ([`crate::newsletter::adopt_send`]).
pub fn taken_from_page(path: String, address: String, ahead: js_sys::Array, release: js_sys::Function) {
    api::adopt_ahead(&ahead);
    RELEASE.set(Some(release));
    want(&address);
    leptos::task::spawn_local(take_over(path, address));
}

/// How long the app waits for the next page's files before it takes over
/// anyway, in milliseconds. Past it the reader sees the page's skeleton
/// (with its "Loading" line for screen readers) rather than a click that
/// seems to do nothing; the files still on their way are waited for, not
/// asked for again ([`api::fetch_ahead`]).
pub const TAKEOVER_WAIT_MS: u32 = 1_000;

/// The app takes the page over to show `address` (its path `path`, as the
/// router sees it): once the page's files are in hand, or failed (the app
/// then shows the failure with Retry, as for any navigation), or after
/// [`TAKEOVER_WAIT_MS`], the address goes into the history and the app
/// renders in place of the prerendered page. The route-progress bar shows
/// if the files take a while, as the app's own navigations show it. What
/// the reader typed in the page's newsletter form, and where they had
/// scrolled to (for Back), are kept.
async fn take_over(path: String, address: String) {
    want(&address);
    let _progress = progress_later();
    let site = page_edition().path(paths::SITE);
    let files = futures::future::join(prefetch::fetch(&path), api::fetch_ahead(&site));
    futures::future::select(Box::pin(files), gloo_timers::future::TimeoutFuture::new(TAKEOVER_WAIT_MS)).await;
    if !wanted(&address) {
        return;
    }
    TAKEN.set(true);
    let window = window();
    crate::focus::remember_here();
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
    crate::newsletter::keep_early_input();
    islands::unmount();
    if let Some(release) = RELEASE.take() {
        crate::newsletter::adopt_send(release.call0(&wasm_bindgen::JsValue::UNDEFINED).unwrap_or_default());
    }
    let document = document();
    // The app's pages write their own description (leptos_meta adds it).
    if let Ok(Some(description)) = document.query_selector("head meta[name=description]") {
        description.remove();
    }
    // The live region that announces each page stays the one in the
    // document since it loaded: screen readers watch the regions a page
    // has, and often miss what is said in one added with the change.
    // It never leaves the document (a node taken out loses its place in
    // the accessibility tree). The skip link and the header stay too (the
    // app keeps them, [`crate::App`]'s `kept_header`); everything else in
    // the body goes, and the app renders it after them.
    let announcer = document.get_element_by_id("route-announcer");
    if let Some(body) = document.body() {
        let nodes = body.child_nodes();
        for at in (0..nodes.length()).rev() {
            let Some(node) = nodes.item(at) else { continue };
            let kept_part = wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&node)
                .is_some_and(|element| element.matches(".skip-link, .site-header").unwrap_or(false));
            if !kept_part && announcer.as_ref().is_none_or(|kept| !kept.is_same_node(Some(&node))) {
                let _ = body.remove_child(&node);
            }
        }
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    leptos::mount::mount_to_body(|| view! { <crate::App edition=page_edition() kept_header=true /> });
    // The kept header's theme switch, as a part of its own (its words
    // need none of the site's settings).
    islands::mount_theme_toggle();
    preload::release();
    // A link to a place in the page (`/newsletter#privacy`): the router
    // scrolls there on its own navigations only.
    if let Some((_, id)) = address.split_once('#') {
        let id = js_sys::decode_uri_component(id).map(String::from).unwrap_or_else(|_| id.to_string());
        request_animation_frame(move || {
            if let Some(target) = document.get_element_by_id(&id) {
                target.scroll_into_view();
            }
        });
    }
}

/// The name of the User Timing mark ([`rehearse`]) set when the app has
/// rehearsed a takeover: in the browser's performance timeline, where a
/// profile shows it, and what the tests wait for.
pub const REHEARSED_MARK: &str = "dispatch-rehearsed";

/// How many turns of the microtask queue a rehearsal waits at most for
/// the router to render the page in the window (it takes one or two).
const REHEARSAL_TURNS: usize = 8;

/// Once a visit, before the app has taken a prerendered page over: renders
/// the app as it would take the page over to show the article at `path`,
/// out of sight, and drops the render, once the article's files are in
/// hand (fetched ahead at an intent, decoded).
///
/// Why: V8 compiles each wasm function when it is first called (lazy
/// compilation, Chromium's default). The front page runs its parts only,
/// so the first click ran some 650 functions for the first time (the
/// router, the loader, the views), and compiling them took a third to two
/// thirds of the click at 4x CPU (issue 19, `docs/browser-speed.md`).
/// Compiled code stays for the module's life: rehearsed once, every
/// takeover and navigation after it runs compiled code.
///
/// What is rendered: the app with the page's header kept, as
/// [`take_over`] mounts it, with its router at the address in the window
/// (the router reads it from there, and the window's address is never
/// touched: Chromium records even a `history.replaceState` in the
/// browser's history, session 21), and the article rendered after the
/// router's page by the same loader and view as its route's
/// ([`crate::App`]'s `rehearsed`). The router's own code (its start, its
/// table's matching, its page's render) runs for the page in the window;
/// the article's, for the article.
///
/// What it must not do, and how it does not:
/// - be seen: the render goes into an element outside the document, and
///   is unmounted, with its reactive owner disposed, before the event
///   loop's next task (the router renders its page in a future it spawns,
///   which the rehearsal awaits through microtasks only: no event and no
///   paint comes in between). The effects the mount scheduled are paused
///   and never run (the header's, the focus and scroll keepers); those
///   the router's render creates run once, and each waits for something
///   that never comes before the disposal (a frame, a pending focus, a
///   later load). The router's listeners go with its owner. A copy of
///   the render's nodes is then laid out once in the document, hidden,
///   in a task of its own ([`lay_out_unseen`]);
/// - take what the click will need: its loads decode copies of the files
///   in hand, and ask nothing of the network ([`crate::Rehearsal`]);
/// - change the page: its pages write no title or description into the
///   head, and its images load nothing ([`crate::Rehearsal`]).
///
/// A reader on a touch screen, whose intent (a pointer pressed) comes
/// about 100 ms before the click, usually clicks before the files arrive:
/// the takeover has begun by then, and nothing is rehearsed.
///
/// Traced at 4x CPU (session 22), the render is one task of about 100 ms
/// and the layout another of about 40, once a visit: a click that comes
/// during one waits for it.
///
/// The mark [`REHEARSED_MARK`] is set when it is done, with `{rendered}`
/// as its detail: whether the article and the router's page (for the
/// front page, whose files are not in hand, the notice that they failed
/// to load) rendered within [`REHEARSAL_TURNS`].
async fn rehearse(path: String) {
    let in_hand = || crate::routes::files::files_for(&path).iter().all(|file| api::decoded_in_hand(file));
    let Some(article) = crate::routes::files::article_address(&path) else { return };
    if leaving() || REHEARSED.get() || !in_hand() {
        return;
    }
    REHEARSED.set(true);
    let document = document();
    let Ok(host) = document.create_element("div") else { return };
    let owner = Owner::new();
    owner.with(|| provide_context(crate::Rehearsal));
    // The rehearsal's router also sets the one global redirect hook of
    // Leptos' server functions, which Dispatch does not use; the hook
    // keeps the rehearsal's owner (emptied by its cleanup) for the page's
    // life.
    let app = owner.with(|| {
        let host = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&host).clone();
        leptos::mount::mount_to(
            host,
            move || view! { <crate::App edition=page_edition() kept_header=true rehearsed=article /> },
        )
    });
    owner.pause();
    let rendered = || {
        let found = |selector: &str| host.query_selector(selector).ok().flatten().is_some();
        found("article.article h1") && found("main > *")
    };
    for _ in 0..REHEARSAL_TURNS {
        if rendered() {
            break;
        }
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)).await;
        owner.pause();
    }
    let rendered = rendered();
    // What rendered, as inert nodes: none of the app's listeners or
    // reactivity come with a copy.
    let copy = host.clone_node_with_deep(true);
    drop(app);
    owner.cleanup();
    set_timeout(
        move || {
            match copy {
                Ok(copy) if !leaving() => lay_out_unseen(&copy),
                _ => {}
            }
            mark(REHEARSED_MARK, &[("rendered", rendered.into())]);
        },
        std::time::Duration::ZERO,
    );
}

/// Lays `nodes` out once in the document, never shown (`.rehearsal`:
/// hidden, out of the page's flow and scrolling), and takes them out
/// again, within one task: no paint or event comes in between (a
/// `MutationObserver` on the body sees them come and go).
/// An article's first layout is slow for what Blink then keeps for the
/// renderer's life (the fonts matched at each size and weight, text
/// shaped in them): in session 22's traces at 4x CPU, the click's layout
/// took 0.9 and 5 ms after this against 27 to 36 ms without it. In a task apart
/// from the render: a click may come in between, when these nodes are
/// not in the document.
fn lay_out_unseen(nodes: &web_sys::Node) {
    let Some(body) = document().body() else { return };
    let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(nodes.clone()) else { return };
    element.set_class_name("rehearsal");
    if body.append_child(&element).is_ok() {
        element.client_height();
        let _ = body.remove_child(&element);
    }
}

/// Sets the User Timing mark `name` (`performance.mark`, W3C User Timing
/// Level 3) with `detail` as an object of its fields, through JS
/// reflection rather than two more web-sys features.
fn mark(name: &str, detail: &[(&str, wasm_bindgen::JsValue)]) {
    use js_sys::{Function, Object, Reflect};
    let Ok(performance) = Reflect::get(&window(), &"performance".into()) else { return };
    let Ok(mark) = Reflect::get(&performance, &"mark".into()) else { return };
    let (options, fields) = (Object::new(), Object::new());
    for (key, value) in detail {
        let _ = Reflect::set(&fields, &(*key).into(), value);
    }
    let _ = Reflect::set(&options, &"detail".into(), &fields);
    let _ = Function::from(mark).call2(&performance, &name.into(), &options);
}

/// The canonical form of `path` and `search` (its `?query`, or empty),
/// when they are not canonical already:
/// - without trailing slashes (the app's router would show the same page,
///   and the reader should share one address; an edition's front page is
///   `/ar`);
/// - a listing's old `?page=N` as its page's own address
///   ([`routes::page_moved`]; Cloudflare Pages matches no queries, so its
///   `_redirects` cannot do this), other parameters kept.
pub fn canonical(path: &str, search: &str) -> Option<String> {
    let (edition, within) = Edition::split(path);
    let trimmed = match within.trim_end_matches('/') {
        "" => edition.path("/"),
        trimmed => edition.path(trimmed),
    };
    let trimmed = trimmed.as_str();
    let pairs: Vec<&str> = search.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty()).collect();
    let moved = pairs.iter().find_map(|pair| {
        routes::page_moved(Edition::split(trimmed).1, pair.strip_prefix("page=")?).map(|moved| edition.path(&moved))
    });
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
        assert_eq!(canonical("/ar/", "").as_deref(), Some("/ar"));
        assert_eq!(canonical("/ar", ""), None);
        assert_eq!(canonical("/ar/policy/x/", "").as_deref(), Some("/ar/policy/x"));
        assert_eq!(canonical("/ar/tag/أمن", "?page=2").as_deref(), Some("/ar/tag/أمن/page/2"));
        for (path, search) in
            [("/", ""), ("/policy", ""), ("/policy/x", "?page=2"), ("/tag/ai", "?page=x"), ("/tag/ai", "?utm_source=x")]
        {
            assert_eq!(canonical(path, search), None, "{path}{search}");
        }
    }
}
