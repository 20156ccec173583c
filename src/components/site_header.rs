use leptos::prelude::*;

use crate::text;

/// The masthead: site name and tagline.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <a class="masthead" href="/" aria-label=text::HOME_LINK_LABEL>
                    {text::SITE_NAME}
                </a>
                <p class="tagline">{text::TAGLINE}</p>
            </div>
        </header>
    }
}
