use leptos::prelude::*;

use crate::{error::ApiError, text};

/// A failed load, in words, with a way forward: Retry when trying again
/// can help, and always a way back to the front page.
#[component]
pub fn ErrorNotice(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let retry = error.is_retryable().then(|| {
        view! {
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {text::RETRY}
            </button>
        }
    });
    view! {
        <section class="notice notice-error" role="alert">
            <h1 class="notice-title" tabindex="-1">{text::ERROR_TITLE}</h1>
            <p class="notice-message">{text::error_message(&error)}</p>
            <p class="notice-actions">
                {retry}
                <a href="/">{text::BACK_TO_FRONT_PAGE}</a>
            </p>
        </section>
    }
}
