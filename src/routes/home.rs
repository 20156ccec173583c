use dispatch_model::IndexPage;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{self, Freshness},
    components::{article_card::ArticleCard, error_notice::ErrorNotice, related::StoryRail, skeleton::Skeleton},
    text,
};

/// How many stories each region rail shows.
const RAIL_LENGTH: usize = 4;

/// The front page: the top story, the latest news, and a rail each for
/// the Middle East & Africa and the Asia Pacific.
#[component]
pub fn HomePage() -> impl IntoView {
    // Each Retry bumps the attempt, which reloads, bypassing the cache.
    let attempt = RwSignal::new(0);
    let latest = LocalResource::new(move || api::latest(1, Freshness::for_attempt(attempt.get())));
    view! {
        <Title text="" />
        <section class="front-page" aria-labelledby="latest-heading">
            <h1 id="latest-heading" class="page-heading" tabindex="-1">{text::LATEST_HEADING}</h1>
            <Suspense fallback=|| view! { <Skeleton label=text::LOADING_LATEST /> }>
                {move || Suspend::new(async move {
                    match latest.await {
                        Ok(page) if page.items.is_empty() => {
                            view! { <p>{text::NO_ARTICLES}</p> }.into_any()
                        }
                        Ok(page) => {
                            crate::focus::settle();
                            let mut items = page.items.into_iter();
                            let lead = items.next().map(|summary| view! { <ArticleCard summary=summary lead=true /> });
                            view! {
                                {lead}
                                <ol class="card-list">
                                    {items
                                        .map(|summary| view! { <li><ArticleCard summary=summary /></li> })
                                        .collect_view()}
                                </ol>
                            }
                            .into_any()
                        }
                        Err(error) => view! {
                            <ErrorNotice error=error on_retry=move || attempt.update(|n| *n += 1) />
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
        <RegionRail slug="middle-east-africa" />
        <RegionRail slug="asia-pacific" />
    }
}

/// A region's newest stories. A secondary rail: if it cannot load, the
/// front page reads whole without it, so it shows nothing.
#[component]
fn RegionRail(slug: &'static str) -> impl IntoView {
    let rail = LocalResource::new(move || api::listing("regions", slug.to_string(), 1, Freshness::Cached));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                rail.await.ok().map(|IndexPage { title, items, .. }| {
                    view! { <StoryRail heading=title stories=items.into_iter().take(RAIL_LENGTH).collect() /> }
                })
            })}
        </Suspense>
    }
}
