use dispatch_model::Article;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::{
    api::{self, Freshness},
    components::{
        article_body::ArticleBody, article_header::ArticleHeader, error_notice::ErrorNotice,
        figure::Figure, skeleton::Skeleton,
    },
    error::ApiError,
    routes::not_found::NotFound,
    text,
};

/// `/{section}/{slug}`: one article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // Each Retry bumps the attempt, which reloads, bypassing the cache.
    let attempt = RwSignal::new(0);
    let article = LocalResource::new(move || api::article(slug(), Freshness::for_attempt(attempt.get())));
    view! {
        <Suspense fallback=|| view! { <Skeleton label=text::LOADING_ARTICLE lines=8 /> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(article) => view! { <ArticleView article=article /> }.into_any(),
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

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let Article { headline, deck, section, published, updated, reading_minutes, hero, authors, body, .. } =
        article;
    view! {
        <Title text=headline.clone() />
        <Meta name="description" content=deck.clone() />
        <article class="article">
            <ArticleHeader
                section=section
                headline=headline
                deck=deck
                reading_minutes=reading_minutes
                published=published
                updated=updated
                authors=authors
            />
            {hero.map(|image| view! { <Figure image=image hero=true /> })}
            <ArticleBody blocks=body />
        </article>
    }
}
