use leptos::prelude::*;
use leptos_meta::Title;

use crate::text;

/// The page for unknown routes.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound /> }
}

/// "Page not found", also shown by pages whose content file is missing.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::focus::settle();
    view! {
        <Title text=text::NOT_FOUND_TITLE />
        <section class="notice notice-not-found">
            <h1 class="notice-title" tabindex="-1">{text::NOT_FOUND_TITLE}</h1>
            <p class="notice-message">{text::NOT_FOUND_BODY}</p>
            <p class="notice-actions">
                <a href="/">{text::BACK_TO_FRONT_PAGE}</a>
            </p>
        </section>
    }
}
