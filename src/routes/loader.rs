//! The one loader behind every page's main content: a skeleton while it
//! loads, the page when it arrives, "not found" for a missing file, and an
//! error with Retry otherwise (a retry bypasses the HTTP cache).
//!
//! All pages share it, and their data travels as one [`PageData`] type,
//! so the wasm holds one copy of Leptos' resource and suspense machinery
//! instead of one per page.

use std::rc::Rc;

use dispatch_model::{Article, Author, IndexPage, Insights};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;

use crate::{
    api::Freshness,
    components::{
        error_notice::ErrorNotice,
        skeleton::{Shape, Skeleton},
    },
    error::ApiError,
    progress::Ticket,
    routes::{article::ArticleView, author::AuthorView, home::FrontPage, listing::ListingView, not_found::NotFound},
};

/// What a page loaded, with what it needs to render it.
#[derive(Clone)]
pub enum PageData {
    /// The front page: the latest stories and the region rails that loaded.
    Latest {
        latest: IndexPage,
        rails: Vec<IndexPage>,
    },
    /// An article, and "More Insights" if they loaded.
    Article(Box<Article>, Option<Insights>),
    Author(Box<Author>, IndexPage),
    /// A section, region or tag page: the kind ("sections", "regions",
    /// "tags") and the slug make its pagination links.
    Listing {
        kind: &'static str,
        slug: String,
        list: IndexPage,
    },
}

/// Starts a page's load; it reads its route parameters when called, so the
/// load runs again when they change.
pub type Load = Rc<dyn Fn(Freshness) -> LocalBoxFuture<'static, Result<PageData, ApiError>>>;

#[component]
pub fn Loader(load: Load, loading: &'static str, shape: Shape) -> impl IntoView {
    // Each Retry bumps the attempt, which loads again.
    let attempt = RwSignal::new(0);
    let data = LocalResource::new(move || {
        let ticket = Ticket::issue();
        let pending = load(Freshness::for_attempt(attempt.get()));
        async move {
            let data = pending.await;
            drop(ticket);
            data
        }
    });
    view! {
        <Suspense fallback=move || view! { <Skeleton label=loading shape=shape /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => render(data),
                    Err(ApiError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! {
                        <ErrorNotice error=error on_retry=move || attempt.update(|n| *n += 1) />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

fn render(data: PageData) -> AnyView {
    match data {
        PageData::Latest { latest, rails } => view! { <FrontPage latest=latest rails=rails /> }.into_any(),
        PageData::Article(article, insights) => view! { <ArticleView article=*article insights=insights /> }.into_any(),
        PageData::Author(author, articles) => view! { <AuthorView author=*author articles=articles /> }.into_any(),
        PageData::Listing { kind, slug, list } => view! { <ListingView kind=kind slug=slug list=list /> }.into_any(),
    }
}
