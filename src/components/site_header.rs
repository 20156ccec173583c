use dispatch_model::{routes, Edition, NavLink};
use leptos::prelude::*;

use super::{
    edition_switch::{edition_link, header_switch},
    theme_toggle::ThemeToggle,
};
use crate::text::{use_text, Text};

/// The masthead: site name, tagline, the switch to each other edition
/// (`editions`: every edition the newsroom has) and the sections.
#[component]
pub fn SiteHeader(
    #[prop(into)] navigation: Signal<Vec<NavLink>>,
    #[prop(into)] editions: Signal<Vec<Edition>>,
) -> impl IntoView {
    let text = use_text();
    let location = leptos_router::hooks::use_location();
    let switch = move || {
        let (other, href) = header_switch(&editions.read(), text.edition, &location.pathname.read())?;
        Some(edition_link(other, href, Text::of(other).edition_name, "header-link edition-switch"))
    };
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <a class="masthead" href=text.edition.path("/") aria-label=text.home_link_label>
                    {text.site_name}
                </a>
                <p class="tagline">{text.tagline}</p>
                // In the app built without the search page, its link loads
                // that page whole (the router follows no `rel="external"`).
                <a
                    class="header-link"
                    href=text.edition.path(routes::SEARCH)
                    rel=(!cfg!(feature = "search")).then_some("external")
                >
                    {text.search_link}
                </a>
                <a class="header-link" href=text.edition.path(routes::NEWSLETTER)>{text.newsletter_link}</a>
                {switch}
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
