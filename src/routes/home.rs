use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{self, Freshness},
    components::{article_card::ArticleCard, error_notice::ErrorNotice, skeleton::Skeleton},
    text,
};

/// The front page: the latest stories, newest first.
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
                            view! {
                                <ol class="card-list">
                                    {page.items.into_iter()
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
    }
}
