//! After an in-app navigation, move focus to the new page's main heading
//! and announce it, as a full page load would for a screen reader. The
//! first page of a visit is left alone: the browser already announced it.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Set when the route changed and the new page has not settled yet.
#[derive(Clone, Copy)]
pub struct PendingFocus(RwSignal<bool>);

/// Watches the route (inside `<Router>`); provides [`PendingFocus`].
#[component]
pub fn RouteFocus() -> impl IntoView {
    let pending = PendingFocus(RwSignal::new(false));
    provide_context(pending);
    let location = use_location();
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
            use leptos::wasm_bindgen::JsCast;
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    });
}
