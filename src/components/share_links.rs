use leptos::prelude::*;

use crate::{share, text::use_text};

/// Copy link, email, LinkedIn and X, with no third-party script: plain
/// links, and a button that writes the URL to the clipboard.
#[component]
pub fn ShareLinks(headline: String, url: String) -> impl IntoView {
    let text = use_text();
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
        <nav class="share" aria-label=text.share_label>
            <ul>
                <li><button type="button" class="share-copy" on:click=copy>{text.copy_link}</button></li>
                <li><a href=share::email(&headline, &url)>{text.share_email}</a></li>
                <li><a href=share::linkedin(&url) rel="noopener noreferrer">{text.share_linkedin}</a></li>
                <li><a href=share::x(&headline, &url) rel="noopener noreferrer">{text.share_x}</a></li>
            </ul>
            <p class="share-status" role="status">
                {move || match copied.get() {
                    Some(true) => text.link_copied,
                    Some(false) => text.copy_failed,
                    None => "",
                }}
            </p>
        </nav>
    }
}
