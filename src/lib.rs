//! Dispatch: the reader-facing site of a cybersecurity newsroom.
//!
//! Layout: `routes/` holds one file per page (pages fetch through `api`);
//! `components/` holds pieces that take data as props and only render;
//! `error` and `text` are pure and tested natively.

// The article view's type nests deeper than rustc's default allows when
// it is rendered natively (the `ssr` feature).
#![recursion_limit = "256"]

pub mod api;
pub mod boot;
pub mod components;
pub mod error;
pub mod focus;
pub mod islands;
pub mod newsletter;
pub mod page;
pub mod prefetch;
pub mod preload;
pub mod progress;
pub mod routes;
pub mod search;
pub mod share;
pub mod storage;
pub mod text;

use dispatch_model::{Edition, Site};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use text::{use_text, Text};

use components::site_header::SiteHeader;
use routes::{
    article::{ArticleLoader, ArticlePage},
    author::AuthorPage,
    home::HomePage,
    listing::{RegionPage, SectionPage, TagPage},
    newsletter::NewsletterPage,
    not_found::NotFoundPage,
};
// The search page's code is in the builds with the `search` feature: the
// prerenderer's and the search page's own app (docs/browser-speed.md).
#[cfg(not(feature = "search"))]
use routes::search::SearchElsewhere as SearchRoute;
#[cfg(feature = "search")]
use routes::search::SearchPage as SearchRoute;

/// Provided (Leptos context) to a render that is a rehearsal
/// (`boot::rehearse`), which must leave the page, the browser and the
/// network as they were:
/// - every load started under it ([`api::fetch_json`], whose first poll
///   runs in the render, as the pages' loader polls it) is answered at
///   once by decoding a copy of a file in hand (fetched ahead, or held
///   from the page), so the next load of that file still finds it
///   (decoded, for one fetched ahead); a file not in hand fails as
///   [`error::ApiError::Network`] would, and nothing is fetched. A copy
///   of the text rather than of the decoded value: cloning the content
///   types would add their `Clone` code to the wasm, for one render a
///   visit;
/// - its images wait to load until they are near the reader's sight,
///   which they never come (`components::figure::picture`);
/// - its pages write no title or description into the document's head
///   (`components::page_head::PageHead`).
#[derive(Clone, Copy)]
pub struct Rehearsal;

/// Whether the render under way is a rehearsal ([`Rehearsal`]).
pub fn rehearsing() -> bool {
    use_context::<Rehearsal>().is_some()
}

/// The site's public origin from `site.json` (empty until it loads), for
/// absolute share links.
pub type SiteOrigin = Signal<String>;

/// The site's settings from `site.json` (`None` until they load), for
/// pages that list its sections and regions.
pub type SiteSettings = Signal<Option<Site>>;

/// The whole site for one edition's pages: `edition` is the address's
/// (`dispatch_model::Edition::split`), fixed for the page's life, since a
/// link to another edition loads that edition's page.
///
/// With `kept_header`, the document's skip link, header and route
/// announcer are a prerendered page's, kept when the app takes the page
/// over ([`boot`]), and the app renders the rest after them: a click's
/// render is then the page's and the footer's only (issue 19: the header
/// was about a fifth of the first click's work on a phone,
/// `docs/browser-speed.md`). The header's one part that follows the page,
/// the switch to the other edition, is kept up to date ([`KeptHeader`]).
///
/// With `rehearsed` (an article's section and slug), the article is
/// rendered after the router's page by its route's loader and view
/// ([`routes::article::ArticleLoader`]), with no address of its own: what
/// the app renders out of sight to rehearse its first takeover
/// (`boot::rehearse`), without putting the article's address in the
/// window for the router to read.
#[component]
pub fn App(
    edition: Edition,
    #[prop(optional)] kept_header: bool,
    #[prop(optional)] rehearsed: Option<(String, String)>,
) -> impl IntoView {
    provide_meta_context();
    // Site settings shape the header on every page, so the shell loads them;
    // a prerendered page has them in hand and renders its header at once.
    let site = RwSignal::new(None::<Site>);
    match preload::now_or_later(Box::pin(api::site(edition))) {
        Ok(loaded) => site.set(loaded.ok()),
        Err(pending) => leptos::task::spawn_local(async move {
            site.try_set(pending.await.ok());
        }),
    }
    // The digits come with the site's settings, which every prerendered
    // page has in hand; before they load the edition writes its default.
    let text = Text::for_site(edition, site.with_untracked(|site| site.as_ref().and_then(|site| site.digits)));
    provide_context(text);
    let navigation =
        Signal::derive(move || site.read().as_ref().map(|site| site.navigation.clone()).unwrap_or_default());
    let editions = Signal::derive(move || site.read().as_ref().map(|site| site.editions.clone()).unwrap_or_default());
    let origin: SiteOrigin =
        Signal::derive(move || site.read().as_ref().map(|site| site.url.clone()).unwrap_or_default());
    provide_context(origin);
    provide_context::<SiteSettings>(site.into());
    let loads = progress::Loads::provide();
    view! {
        // The pages' titles (`components::page_head`), formatted.
        {(!rehearsing()).then(|| view! { <Title formatter=move |page| document_title(text, page) /> })}
        <Router base=edition.prefix()>
            <focus::RouteFocus />
            <progress::RouteProgress loads=loads />
            {if kept_header {
                view! { <KeptHeader editions=editions /> }.into_any()
            } else {
                view! {
                    <a class="skip-link" href="#main">{text.skip_to_content}</a>
                    <SiteHeader navigation=navigation editions=editions />
                }
                    .into_any()
            }}
            <SiteMain />
            {rehearsed.map(|address| {
                view! { <ArticleLoader address=Signal::stored(address) moved=RwSignal::new(None) /> }
            })}
            {(!kept_header)
                .then(|| view! { <p id="route-announcer" class="visually-hidden" role="status" aria-live="polite"></p> })}
            <SiteFooter />
        </Router>
    }
}

/// The page's own content: the router's table.
#[component]
fn SiteMain() -> impl IntoView {
    view! {
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/region/*rest") view=RegionPage />
                <Route path=path!("/tag/*rest") view=TagPage />
                <Route path=path!("/author/*rest") view=AuthorPage />
                <Route path=path!("/newsletter") view=NewsletterPage />
                <Route path=path!("/search") view=SearchRoute />
                <Route path=path!("/:section") view=SectionPage />
                <Route path=path!("/:section/page/:page") view=SectionPage />
                <Route path=path!("/:section/:slug") view=ArticlePage />
            </Routes>
        </main>
    }
}

/// A prerendered page's header, kept by the app ([`App`]'s `kept_header`),
/// which renders nothing of it: the switch to the other edition is made to
/// lead where [`SiteHeader`]'s would from the page in the window, and the
/// search link is marked as the app's render marks it (see there). Its
/// theme switch is mounted on its own ([`islands::mount_theme_toggle`]).
#[component]
fn KeptHeader(editions: Signal<Vec<Edition>>) -> impl IntoView {
    let text = use_text();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let switch =
            components::edition_switch::header_switch(&editions.read(), text.edition, &location.pathname.read());
        let Some((_, href)) = switch else { return };
        if let Ok(Some(link)) = document().query_selector(".site-header .edition-switch") {
            let _ = link.set_attribute("href", &href);
        }
    });
    // Once: the search link leads to the same page from every page.
    Effect::new(move |_| {
        if cfg!(feature = "search") {
            return;
        }
        let search = text.edition.path(dispatch_model::routes::SEARCH);
        if let Ok(Some(link)) = document().query_selector(&format!(".site-header a[href=\"{search}\"]")) {
            let _ = link.set_attribute("rel", "external");
        }
    });
}

/// The footer: the newsletter form on pages without one of their own.
#[component]
fn SiteFooter() -> impl IntoView {
    let text = use_text();
    let location = leptos_router::hooks::use_location();
    view! {
        <footer class="site-footer">
            <Show when=move || !newsletter::page_has_own_form(&location.pathname.read())>
                <newsletter::NewsletterForm placement=newsletter::Placement::Footer />
            </Show>
            <p class="footer-note">{text.footer_note}</p>
        </footer>
    }
}

/// The document title of a page whose own title is `page`. leptos_meta
/// 0.8 writes the formatted title into prerendered HTML exactly as given
/// (`ServerMetaContextOutput::inject_meta_context`), while the browser
/// sets `document.title`, which takes text: so the native render escapes
/// it for `<title>`, and the browser must not.
pub fn document_title(text: Text, page: String) -> String {
    let title = text.document_title(&page);
    if cfg!(feature = "ssr") {
        dispatch_model::escape::html(&title)
    } else {
        title
    }
}
