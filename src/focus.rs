//! After an in-app navigation, move focus to the new page's main heading
//! and announce it, as a full page load would for a screen reader. The
//! first page of a visit is left alone: the browser already announced it.
//! The app's first render after it took a prerendered page over is a
//! navigation too (`crate::boot::took_over`).
//!
//! Also the scroll position: a new page starts at the top (the router
//! scrolls there), and Back or Forward returns to where the reader was on
//! that page. The browser cannot do that itself here, because the page's
//! content arrives after the navigation, so its own restoration is turned
//! off and the position is put back once the page has settled.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Set when the route changed and the new page has not settled yet.
#[derive(Clone, Copy)]
pub struct PendingFocus(RwSignal<bool>);

impl PendingFocus {
    /// Whether the page being shown came from an in-app navigation (and
    /// has not settled yet); never while rendering natively.
    pub fn is_set(self) -> bool {
        self.0.get_untracked()
    }
}

/// Watches the route (inside `<Router>`); provides [`PendingFocus`].
#[component]
pub fn RouteFocus() -> impl IntoView {
    let pending = PendingFocus(RwSignal::new(crate::boot::took_over()));
    provide_context(pending);
    let location = use_location();
    Effect::new(move |_| scroll::remember());
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            pending.0.set(true);
        }
        path
    });
}

/// Called by each page once its content is ready. The work waits for the
/// next animation frame, by which time the new view is in the document.
pub fn settle() {
    settle_at("main h1");
}

/// As [`settle`], announcing the page's heading but moving focus to the
/// element `selector` finds: the search page's field, where a reader who
/// followed the "Search" link means to type.
pub fn settle_at(selector: &'static str) {
    let Some(PendingFocus(pending)) = use_context::<PendingFocus>() else { return };
    // Effects run in the browser only, never while rendering natively.
    Effect::new(move |_| {
        if !pending.get_untracked() {
            return;
        }
        request_animation_frame(move || {
            let document = document();
            let Ok(Some(heading)) = document.query_selector("main h1") else { return };
            pending.set(false);
            if let Some(announcer) = document.get_element_by_id("route-announcer") {
                announcer.set_text_content(heading.text_content().as_deref());
            }
            focus_in_place(document.query_selector(selector).ok().flatten().unwrap_or(heading));
            scroll::restore();
        });
    });
}

/// Moves focus to `element` without scrolling to it: the page's scroll
/// position is the router's or the reader's to set.
pub fn focus_in_place(element: web_sys::Element) {
    use leptos::wasm_bindgen::JsCast;
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

pub use scroll::{remember_here, returning};

/// Scroll positions by URL, kept for this tab while it lives.
mod scroll {
    use std::{cell::RefCell, collections::HashMap};

    use leptos::prelude::*;

    thread_local! {
        static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
        /// Where to return after a Back or Forward, until the page settles.
        static PENDING: RefCell<Option<f64>> = const { RefCell::new(None) };
    }

    fn here() -> String {
        let location = window().location();
        location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
    }

    /// Records the position of every page as the reader scrolls, and on
    /// Back or Forward looks up where the reader was on the page returned to
    /// (before the new page's scroll events overwrite it).
    pub fn remember() {
        if let Ok(history) = window().history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let on_scroll = window_event_listener(leptos::ev::scroll, |_| remember_here());
        let on_history = window_event_listener(leptos::ev::popstate, |_| {
            let saved = POSITIONS.with_borrow(|positions| positions.get(&here()).copied());
            PENDING.set(saved);
        });
        on_cleanup(move || {
            on_scroll.remove();
            on_history.remove();
        });
    }

    /// Records the position on the page in the window now: on every
    /// scroll, and for the prerendered page the app takes over, which was
    /// scrolled before the app listened (`crate::boot`), so that Back
    /// returns there.
    pub fn remember_here() {
        let y = window().scroll_y().unwrap_or_default();
        POSITIONS.with_borrow_mut(|positions| positions.insert(here(), y));
    }

    /// Whether the page being rendered was returned to by Back or
    /// Forward, and will be scrolled to where the reader was once it
    /// settles.
    pub fn returning() -> bool {
        PENDING.with_borrow(Option::is_some)
    }

    /// Puts back the position remembered for a page returned to.
    pub fn restore() {
        if let Some(y) = PENDING.take() {
            window().scroll_to_with_x_and_y(0.0, y);
        }
    }
}
