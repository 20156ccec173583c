use leptos::prelude::*;

use crate::{share, text};

/// Copy link, email, LinkedIn and X, with no third-party script: plain
/// links, and a button that writes the URL to the clipboard.
#[component]
pub fn ShareLinks(headline: String, url: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy_url = url.clone();
    let copy = move |_| {
        // The clipboard is browser-only, so it is touched in the handler.
        let clipboard = leptos::prelude::window().navigator().clipboard();
        let promise = clipboard.write_text(&copy_url);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(ok));
        });
    };
    view! {
        <nav class="share" aria-label=text::SHARE_LABEL>
            <ul>
                <li><button type="button" class="share-copy" on:click=copy>{text::COPY_LINK}</button></li>
                <li><a href=share::email(&headline, &url)>{text::SHARE_EMAIL}</a></li>
                <li><a href=share::linkedin(&url) rel="noopener noreferrer">{text::SHARE_LINKEDIN}</a></li>
                <li><a href=share::x(&headline, &url) rel="noopener noreferrer">{text::SHARE_X}</a></li>
            </ul>
            <p class="share-status" role="status">
                {move || match copied.get() {
                    Some(true) => text::LINK_COPIED,
                    Some(false) => text::COPY_FAILED,
                    None => "",
                }}
            </p>
        </nav>
    }
}
