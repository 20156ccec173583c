use dispatch_model::{routes, NavLink};
use leptos::prelude::*;

use super::theme_toggle::ThemeToggle;
use crate::text;

/// The masthead: site name, tagline and the sections.
#[component]
pub fn SiteHeader(#[prop(into)] navigation: Signal<Vec<NavLink>>) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <a class="masthead" href="/" aria-label=text::HOME_LINK_LABEL>
                    {text::SITE_NAME}
                </a>
                <p class="tagline">{text::TAGLINE}</p>
                <a class="header-link" href=routes::SEARCH>{text::SEARCH_LINK}</a>
                <a class="header-link" href=routes::NEWSLETTER>{text::NEWSLETTER_LINK}</a>
                <ThemeToggle />
            </div>
            <nav class="section-nav" aria-label=text::SECTIONS_LABEL>
                <ul>
                    {move || {
                        navigation
                            .get()
                            .into_iter()
                            .map(|link| view! { <li><a href=link.href>{link.label}</a></li> })
                            .collect_view()
                    }}
                </ul>
            </nav>
        </header>
    }
}
