use dispatch_model::{is_safe_href, routes, Author, AuthorCard as Card, IndexPage};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::{
    api::{self, Freshness},
    components::{
        article_card::ArticleCard, author_card::AuthorCard, error_notice::ErrorNotice,
        pagination::Pagination, skeleton::Skeleton,
    },
    error::ApiError,
    routes::{listing::page_param, not_found::NotFound},
    text,
};

/// `/author/{slug}`: the full author card and their articles.
#[component]
pub fn AuthorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = page_param();
    let attempt = RwSignal::new(0);
    let profile = LocalResource::new(move || {
        let (slug, page, freshness) = (slug(), page.get(), Freshness::for_attempt(attempt.get()));
        async move {
            let author = api::author(slug.clone(), freshness).await?;
            let articles = api::listing("authors", slug, page, freshness).await?;
            Ok::<_, ApiError>((author, articles))
        }
    });
    view! {
        <Suspense fallback=|| view! { <Skeleton label=text::LOADING_AUTHOR lines=6 /> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok((author, articles)) => view! { <AuthorView author=author articles=articles /> }.into_any(),
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
fn AuthorView(author: Author, articles: IndexPage) -> impl IntoView {
    let Author { slug, name, role, bio, photo, links, articles: count, .. } = author;
    let base = routes::author(&slug);
    crate::focus::settle();
    view! {
        <Title text=name.clone() />
        <Meta name="description" content=bio.clone() />
        <section class="author-page">
            <AuthorCard author=Card { slug, name, role, bio, photo } main=true />
            <ul class="author-links">
                {links
                    .into_iter()
                    .filter(|link| is_safe_href(&link.href))
                    .map(|link| view! { <li><a href=link.href rel="me noopener">{link.label}</a></li> })
                    .collect_view()}
            </ul>
            <h2 class="rail-heading">{text::all_by_author(count)}</h2>
            <ol class="card-list">
                {articles.items.into_iter().map(|summary| view! { <li><ArticleCard summary=summary /></li> }).collect_view()}
            </ol>
            <Pagination base=base page=articles.page pages=articles.pages />
        </section>
    }
}
