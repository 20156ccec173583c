//! Rendering the parts of a page below its first screen after the page
//! shows.

use leptos::prelude::*;

/// Renders `children` after the browser has painted the page around them
/// (in a task after the next animation frame), so that a reader who
/// followed a link sees the new page's first screen one render sooner
/// (issue 19: an article's render after a click was most of the time to
/// its headline, `docs/browser-speed.md`). Natively (the prerenderer) they
/// render at once, in place, so the HTML is as it was.
///
/// For parts below a page's first screen only (the rest of an article's
/// body, its rails): they appear a frame later. Until then each holds a
/// screen's height (`.later`, `100vh`), so that what follows them (the
/// footer) never shows on the first screen and then moves away. Their own
/// height replaces it, below the reader's sight.
///
/// They render at once when the page is about to be scrolled (Back or
/// Forward returning to where the reader was, [`crate::focus::returning`],
/// or the window's address has a `#fragment`: the app taking the page
/// over at one), which happens in the next frame and must find the page
/// whole. The router's own navigations put their address, fragment
/// included, in the window only after the render, so an in-app link to a
/// place in a later part lands at the page's top
/// (`docs/browser-speed.md`, "Where it stands, and what is left").
#[component]
pub fn Later(children: Children) -> impl IntoView {
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
    // Rendered once: `shown` only ever turns true.
    let children = StoredValue::new_local(Some(children));
    (move || match shown.get() {
        true => children.try_update_value(Option::take).flatten().map(|children| children()).into_any(),
        false => view! { <div class="later" aria-hidden="true"></div> }.into_any(),
    })
    .into_any()
}
