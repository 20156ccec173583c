use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::{self, Freshness},
    components::{
        article_card::ArticleCard, error_notice::ErrorNotice, pagination::Pagination, skeleton::Skeleton,
    },
    error::ApiError,
    routes::not_found::NotFound,
    text,
};
use dispatch_model::routes;

/// `/{section}`: one section's articles, newest first.
#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    view! { <Listing kind="sections" slug=Signal::derive(move || params.read().get("section").unwrap_or_default()) /> }
}

/// `/region/{slug}`.
#[component]
pub fn RegionPage() -> impl IntoView {
    let params = use_params_map();
    view! { <Listing kind="regions" slug=Signal::derive(move || params.read().get("slug").unwrap_or_default()) /> }
}

/// `/tag/{slug}`.
#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    view! { <Listing kind="tags" slug=Signal::derive(move || params.read().get("slug").unwrap_or_default()) /> }
}

/// The page number from `?page=N`; anything else is the first page.
pub fn page_param() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.read().get("page").and_then(|page| page.parse().ok()).filter(|page: &u32| *page >= 1).unwrap_or(1)
    })
}

#[component]
fn Listing(kind: &'static str, slug: Signal<String>) -> impl IntoView {
    let page = page_param();
    let attempt = RwSignal::new(0);
    let listing = LocalResource::new(move || {
        api::listing(kind, slug.get(), page.get(), Freshness::for_attempt(attempt.get()))
    });
    view! {
        <Suspense fallback=|| view! { <Skeleton label=text::LOADING_LIST lines=6 /> }>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok(list) => {
                        crate::focus::settle();
                        let heading = if kind == "tags" { text::tag_heading(&list.title) } else { list.title.clone() };
                        let base = match kind {
                            "sections" => routes::section(&slug.get_untracked()),
                            "regions" => routes::region(&slug.get_untracked()),
                            _ => routes::tag(&slug.get_untracked()),
                        };
                        view! {
                            <Title text=heading.clone() />
                            <section class="listing">
                                <h1 class="page-heading" tabindex="-1">{heading}</h1>
                                <ol class="card-list">
                                    {list.items.into_iter()
                                        .map(|summary| view! { <li><ArticleCard summary=summary /></li> })
                                        .collect_view()}
                                </ol>
                                <Pagination base=base page=list.page pages=list.pages />
                            </section>
                        }
                        .into_any()
                    }
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
