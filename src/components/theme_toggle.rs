use leptos::prelude::*;

use crate::text;

/// Where the reader's choice is remembered; index.html's early script
/// reads the same key, so the page never flashes the other theme.
const STORAGE_KEY: &str = "dispatch-theme";

/// A switch between the light and dark themes, remembered across visits.
/// The theme lives on `<html data-theme>`; this only reads and flips it,
/// in an effect and a handler, so it also renders natively.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(false);
    Effect::new(move |_| {
        let current = document().document_element().and_then(|html| html.get_attribute("data-theme"));
        dark.set(current.as_deref() == Some("dark"));
    });
    let flip = move |_| {
        let next = !dark.get_untracked();
        let theme = if next { "dark" } else { "light" };
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-theme", theme);
        }
        // Private modes may refuse storage: the switch still works for
        // this page, it is only not remembered.
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, theme);
        }
        dark.set(next);
    };
    view! {
        <button type="button" class="theme-toggle" aria-pressed=move || if dark.get() { "true" } else { "false" } on:click=flip>
            {text::DARK_THEME}
        </button>
    }
}
