//! The one loader behind every page's main content: a skeleton while it
//! loads, the page when it arrives, "not found" for a missing file, and an
//! error with Retry otherwise (a retry bypasses the HTTP cache).
//!
//! All pages share it, and their data travels as one [`PageData`] type,
//! so the wasm holds one copy of the loading machinery instead of one per
//! page. It is a plain signal rather than Leptos' `Suspense`: a page whose
//! files are in hand ([`crate::preload`], or fetched ahead by
//! [`crate::api::fetch_ahead`]) renders in the same pass, which is how the
//! prerenderer renders it and how the app's first page after taking a
//! prerendered page over renders without a skeleton.

use std::rc::Rc;

use dispatch_model::{Article, Author, IndexPage, Insights};
use futures::future::LocalBoxFuture;
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::Freshness,
    components::{
        error_notice::ErrorNotice,
        skeleton::{Shape, Skeleton},
    },
    error::ApiError,
    preload::now_or_later,
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

/// Where a page's load stands.
#[derive(Clone)]
enum Stage {
    Loading,
    Done(Result<PageData, ApiError>),
}

#[component]
pub fn Loader(load: Load, loading: &'static str, shape: Shape) -> impl IntoView {
    let stage = RwSignal::new(Stage::Loading);
    // Each start bumps the generation; an answer to an older one (the
    // reader has moved on) is dropped.
    let generation = StoredValue::new(0u32);
    let start = move |pending: LocalBoxFuture<'static, Result<PageData, ApiError>>| {
        generation.update_value(|n| *n += 1);
        let this = generation.get_value();
        match now_or_later(pending) {
            Ok(data) => stage.set(Stage::Done(data)),
            Err(pending) => {
                stage.set(Stage::Loading);
                let ticket = Ticket::issue();
                spawn_local(async move {
                    let data = pending.await;
                    drop(ticket);
                    if generation.try_get_value() == Some(this) {
                        stage.try_set(Stage::Done(data));
                    }
                });
            }
        }
    };
    // The first load starts while rendering: with its files in hand (a
    // prerendered page, or the prerenderer itself) it completes at once and
    // the page renders whole, with no skeleton in between.
    untrack(|| start(load(Freshness::Cached)));
    // Later loads follow the route's parameters and each Retry. The first
    // run only subscribes: its load has started above.
    let attempt = RwSignal::new(0);
    Effect::new(move |subscribed: Option<()>| {
        let pending = load(Freshness::for_attempt(attempt.get()));
        if subscribed.is_some() {
            start(pending);
        }
    });
    move || match stage.get() {
        Stage::Loading => view! { <Skeleton label=loading shape=shape /> }.into_any(),
        Stage::Done(Ok(data)) => render(data),
        Stage::Done(Err(ApiError::NotFound)) => view! { <NotFound /> }.into_any(),
        Stage::Done(Err(error)) => {
            view! { <ErrorNotice error=error on_retry=move || attempt.update(|n| *n += 1) /> }.into_any()
        }
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
