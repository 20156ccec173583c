//! Dispatch: the reader-facing site of a cybersecurity newsroom.
//!
//! Layout: `routes/` holds one file per page (pages fetch through `api`);
//! `components/` holds pieces that take data as props and only render;
//! `error` and `text` are pure and tested natively.

pub mod api;
pub mod boot;
pub mod components;
pub mod error;
pub mod routes;
pub mod text;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use components::site_header::SiteHeader;
use routes::{article::ArticlePage, home::HomePage, not_found::NotFoundPage};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| text::document_title(&page) />
        <Router>
            <a class="skip-link" href="#main">{text::SKIP_TO_CONTENT}</a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/:section/:slug") view=ArticlePage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{text::FOOTER_NOTE}</p>
            </footer>
        </Router>
    }
}
