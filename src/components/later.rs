//! Rendering a page's heavy, out-of-the-way part after the page shows.

use leptos::prelude::*;

/// Renders `children` after the browser has painted the page around them
/// (in a task after the next animation frame), so that a reader who
/// followed a link sees the new page one render sooner (issue 19: the
/// newsletter form is about a third of an article's render on a phone,
/// `docs/browser-speed.md`). Natively (the prerenderer) they render at once,
/// in place, so the HTML is as it was.
///
/// For a part below the page's first screen only: it appears a frame
/// later, and anything under it moves down then. Layout shifts within
/// 500 ms of the reader's click are not counted against the page (W3C
/// Layout Instability, `hadRecentInput`).
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    if cfg!(feature = "ssr") {
        return children().into_any();
    }
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        request_animation_frame(move || {
            // The page may be gone by then (the reader moved on).
            set_timeout(
                move || {
                    let _ = shown.try_set(true);
                },
                std::time::Duration::ZERO,
            );
        });
    });
    (move || shown.get().then(|| children())).into_any()
}
