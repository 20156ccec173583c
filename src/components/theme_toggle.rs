use leptos::prelude::*;

use crate::{storage, text::use_text};

/// A switch between the light and dark themes, remembered across visits.
/// The theme lives on `<html data-theme>`; this only reads and flips it,
/// in an effect and a handler, so it also renders natively.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let text = use_text();
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
        // index.html's early script reads it back, so the next page never
        // flashes the other theme.
        storage::write(storage::THEME, theme);
        dark.set(next);
    };
    view! {
        <button type="button" class="theme-toggle" aria-pressed=move || if dark.get() { "true" } else { "false" } on:click=flip>
            {text.dark_theme}
        </button>
    }
}
