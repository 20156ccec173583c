//! Rendering a page's heavy, out-of-the-way part after the page shows.

use leptos::prelude::*;

/// Renders `children` after the browser has painted the page around them
/// (in a task after the next animation frame), so that a reader who
/// followed a link sees the new page one render sooner (issue 19: the
/// newsletter form is about a third of an article's render on a phone,
/// `docs/browser-speed.md`). Natively (the prerenderer) they render at once,
/// in place, so the HTML is as it was.
///
/// For a part well below a long page's first screen only (an article's
/// call to action, after its body): it appears a frame later, and what is
/// under it moves down then, out of the reader's sight. It renders at once
/// when the page is about to be scrolled (Back or Forward returning to
/// where the reader was, [`crate::focus::returning`], or an address with a
/// `#fragment`), which happens in the next frame and must find the page
/// whole.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    if cfg!(feature = "ssr") {
        return children().into_any();
    }
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        let fragment = window().location().hash().is_ok_and(|hash| !hash.is_empty());
        if crate::focus::returning() || fragment {
            shown.set(true);
            return;
        }
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
