use std::rc::Rc;

use dispatch_model::IndexPage;
use leptos::prelude::*;

use futures::future::join3;

use crate::{
    api,
    components::{article_card::ArticleCard, page_head::PageHead, related::StoryRail, skeleton::Shape},
    routes::loader::{Load, Loader, PageData},
    text::use_text,
};

/// How many stories each region rail shows.
const RAIL_LENGTH: usize = 4;

/// The regions whose rails follow the latest stories, in order: the
/// newsroom's first focus.
pub const RAILS: [&str; 2] = ["middle-east-africa", "asia-pacific"];

/// The front page: the top story, the latest news, and a rail each for
/// the Middle East & Africa and the Asia Pacific.
#[component]
pub fn HomePage() -> impl IntoView {
    let text = use_text();
    // The rails are secondary: if one cannot load, the front page reads
    // whole without it, so its failure is dropped rather than shown.
    let edition = text.edition;
    let load: Load = Rc::new(move |freshness| {
        Box::pin(async move {
            let rail = |slug: &str| api::listing(edition, "regions", slug.to_string(), 1, freshness);
            let [first, second] = RAILS;
            let (latest, middle_east_africa, asia_pacific) =
                join3(api::latest(edition, 1, freshness), rail(first), rail(second)).await;
            let rails = [middle_east_africa, asia_pacific].into_iter().filter_map(Result::ok).collect();
            Ok(PageData::Latest { latest: latest?, rails })
        })
    });
    view! {
        <PageHead title="" description=text.site_description />
        <Loader load=load loading=text.loading_latest shape=Shape::Cards />
    }
}

/// The front page once loaded: the latest stories, the first one leading,
/// then each region's rail.
#[component]
pub fn FrontPage(latest: IndexPage, rails: Vec<IndexPage>) -> impl IntoView {
    let text = use_text();
    crate::focus::settle();
    let mut items = latest.items.into_iter();
    let lead = items.next().map(|summary| view! { <ArticleCard summary=summary lead=true /> });
    let empty = lead.is_none().then(|| view! { <p>{text.no_articles}</p> });
    view! {
        <section class="front-page" aria-labelledby="latest-heading">
            <h1 id="latest-heading" class="page-heading" tabindex="-1">{text.latest_heading}</h1>
            {empty}
            {lead}
            <ol class="card-list">
                {items.map(|summary| view! { <li><ArticleCard summary=summary /></li> }).collect_view()}
            </ol>
        </section>
        {rails
            .into_iter()
            .map(|IndexPage { title, items, .. }| {
                view! { <StoryRail heading=title stories=items.into_iter().take(RAIL_LENGTH).collect() /> }
            })
            .collect_view()}
    }
}
