use dispatch_model::Article;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::{
    api::{self, Freshness},
    components::{
        article_body::ArticleBody, article_header::ArticleHeader, author_card::AuthorCard,
        error_notice::ErrorNotice, figure::Figure, insights::MoreInsights, related::StoryRail,
        share_links::ShareLinks, skeleton::Skeleton, tag_list::TagList,
    },
    error::ApiError,
    routes::not_found::NotFound,
    text, SiteOrigin,
};

/// `/{section}/{slug}`: one article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // Each Retry bumps the attempt, which reloads, bypassing the cache.
    let attempt = RwSignal::new(0);
    let article = LocalResource::new(move || api::article(slug(), Freshness::for_attempt(attempt.get())));
    // "More Insights" is a secondary rail: without it the article still
    // reads whole, so a failed load shows nothing rather than an error.
    let insights = LocalResource::new(api::insights);
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
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                insights.await.ok().map(|insights| view! { <MoreInsights insights=insights.items.into_iter().take(4).collect() /> })
            })}
        </Suspense>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let url = format!("{}{}", use_context::<SiteOrigin>().map(|origin| origin.get()).unwrap_or_default(), article.href());
    let Article { headline, deck, section, tags, published, updated, reading_minutes, hero, authors, body, related, .. } =
        article;
    crate::focus::settle();
    let cards = authors.clone();
    let headline_for_share = headline.clone();
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
            <TagList tags=tags />
            <ShareLinks headline=headline_for_share url=url />
            <section class="about-authors" aria-label=text::ABOUT_THE_AUTHOR>
                <h2 class="rail-heading">{text::ABOUT_THE_AUTHOR}</h2>
                {cards.into_iter().map(|author| view! { <AuthorCard author=author /> }).collect_view()}
            </section>
        </article>
        <StoryRail heading=text::YOU_MAY_ALSO_LIKE stories=related />
    }
}
