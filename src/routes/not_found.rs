use leptos::prelude::*;

use crate::{components::page_head::PageHead, text::use_text};

/// The page for unknown routes.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound /> }
}

/// "Page not found", also shown by pages whose content file is missing.
///
/// Reached by an in-app link, the address is handed to the host with a
/// full load: the host may know it as a moved address (an article's
/// `aliases`) and redirect it, and otherwise answers 404 with this same
/// page. A first load is the host's answer already, so it stays.
#[component]
pub fn NotFound() -> impl IntoView {
    let text = use_text();
    let pending = use_context::<crate::focus::PendingFocus>();
    Effect::new(move |_| {
        if pending.is_some_and(|pending| pending.is_set()) {
            let _ = window().location().reload();
        }
    });
    crate::focus::settle();
    view! {
        <PageHead title=text.not_found_title />
        <section class="notice notice-not-found">
            <h1 class="notice-title" tabindex="-1">{text.not_found_title}</h1>
            <p class="notice-message">{text.not_found_body}</p>
            <p class="notice-actions">
                <a href=text.edition.path("/")>{text.back_to_front_page}</a>
            </p>
        </section>
    }
}
