use std::rc::Rc;

use dispatch_model::{is_safe_href, routes, Author, AuthorCard as Card, IndexPage};
use leptos::prelude::*;

use crate::{
    api,
    components::{
        article_card::ArticleCard, author_card::AuthorCard, page_head::PageHead, pagination::Pagination,
        skeleton::Shape,
    },
    error::ApiError,
    routes::{
        listing::{listing_address, ListingAddress},
        loader::{Load, Loader, PageData},
    },
    text::use_text,
};

/// `/author/{slug}` and `/author/{slug}/page/{n}`: the full author card
/// and their articles.
#[component]
pub fn AuthorPage() -> impl IntoView {
    let text = use_text();
    let address = listing_address();
    let edition = text.edition;
    let load: Load = Rc::new(move |freshness| {
        let ListingAddress { slug, page } = address.get();
        Box::pin(async move {
            let page = page.ok_or(ApiError::NotFound)?;
            let author = api::author(edition, slug.clone(), freshness).await?;
            let articles = api::listing(edition, "authors", slug, page, freshness).await?;
            Ok(PageData::Author(Box::new(author), articles))
        })
    });
    view! { <Loader load=load loading=text.loading_author shape=Shape::Author /> }
}

#[component]
pub fn AuthorView(author: Author, articles: IndexPage) -> impl IntoView {
    let text = use_text();
    let Author { slug, name, role, bio, photo, links, .. } = author;
    let base = text.edition.path(&routes::author(&slug));
    crate::focus::settle();
    view! {
        <PageHead title=text.page_title(&name, articles.page) description=bio.clone() />
        <section class="author-page">
            <AuthorCard author=Card { slug, name, role, bio, photo } main=true />
            <ul class="author-links">
                {links
                    .into_iter()
                    .filter(|link| is_safe_href(&link.href))
                    .map(|link| view! { <li><a href=link.href rel="me noopener">{link.label}</a></li> })
                    .collect_view()}
            </ul>
            <h2 class="rail-heading">{text.all_by_author(articles.total)}</h2>
            <ol class="card-list">
                {articles.items.into_iter().map(|summary| view! { <li><ArticleCard summary=summary /></li> }).collect_view()}
            </ol>
            <Pagination base=base newer=articles.newer older=articles.older />
        </section>
    }
}
