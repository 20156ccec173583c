use dispatch_model::{routes, NavLink};
use leptos::prelude::*;

use super::theme_toggle::ThemeToggle;
use crate::text::use_text;

/// The masthead: site name, tagline and the sections.
#[component]
pub fn SiteHeader(#[prop(into)] navigation: Signal<Vec<NavLink>>) -> impl IntoView {
    let text = use_text();
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <a class="masthead" href="/" aria-label=text.home_link_label>
                    {text.site_name}
                </a>
                <p class="tagline">{text.tagline}</p>
                <a class="header-link" href=routes::SEARCH>{text.search_link}</a>
                <a class="header-link" href=routes::NEWSLETTER>{text.newsletter_link}</a>
                <ThemeToggle />
            </div>
            <nav class="section-nav" aria-label=text.sections_label>
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
