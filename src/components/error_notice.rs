use leptos::prelude::*;

use crate::{error::ApiError, text::use_text};

/// A failed load, in words, with a way forward: Retry when trying again
/// can help, and always a way back to the front page.
#[component]
pub fn ErrorNotice(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let text = use_text();
    let retry = error.is_retryable().then(|| {
        view! {
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {text.retry}
            </button>
        }
    });
    view! {
        <section class="notice notice-error" role="alert">
            <h1 class="notice-title" tabindex="-1">{text.error_title}</h1>
            <p class="notice-message">{text.error_message(&error)}</p>
            <p class="notice-actions">
                {retry}
                <a href=text.edition.path("/")>{text.back_to_front_page}</a>
            </p>
        </section>
    }
}
