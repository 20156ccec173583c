use std::rc::Rc;

use dispatch_model::{routes, IndexPage};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api,
    components::{article_card::ArticleCard, pagination::Pagination, skeleton::Shape},
    routes::loader::{Load, Loader, PageData},
    text,
};

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

/// The page number from `?page=N`.
pub fn page_param() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| page_number(query.read().get("page").as_deref()))
}

/// The value of a `page` parameter as a page number; anything but a whole
/// number from 1 up is the first page.
pub fn page_number(value: Option<&str>) -> u32 {
    value.and_then(|page| page.parse().ok()).filter(|page: &u32| *page >= 1).unwrap_or(1)
}

#[component]
fn Listing(kind: &'static str, slug: Signal<String>) -> impl IntoView {
    let page = page_param();
    let load: Load = Rc::new(move |freshness| {
        let (slug, page) = (slug.get(), page.get());
        Box::pin(async move {
            let list = api::listing(kind, slug.clone(), page, freshness).await?;
            Ok(PageData::Listing { kind, slug, list })
        })
    });
    view! { <Loader load=load loading=text::LOADING_LIST shape=Shape::Cards /> }
}

/// A section, region or tag page once loaded.
#[component]
pub fn ListingView(kind: &'static str, slug: String, list: IndexPage) -> impl IntoView {
    crate::focus::settle();
    let heading = if kind == "tags" { text::tag_heading(&list.title) } else { list.title.clone() };
    let base = match kind {
        "sections" => routes::section(&slug),
        "regions" => routes::region(&slug),
        _ => routes::tag(&slug),
    };
    view! {
        <Title text=heading.clone() />
        <Meta name="description" content=text::listing_description(&heading) />
        <section class="listing">
            <h1 class="page-heading" tabindex="-1">{heading}</h1>
            <ol class="card-list">
                {list.items.into_iter().map(|summary| view! { <li><ArticleCard summary=summary /></li> }).collect_view()}
            </ol>
            <Pagination base=base page=list.page pages=list.pages />
        </section>
    }
}
