//! What happens between the HTML arriving and the app taking over.

/// `index.html` shows a static "Loading Dispatch…" line so that a reader on
/// a slow phone never stares at a blank page while the wasm downloads; the
/// app removes it just before it mounts.
pub fn clear_placeholder() {
    if let Some(placeholder) = leptos::prelude::document().get_element_by_id("boot") {
        placeholder.remove();
    }
}
