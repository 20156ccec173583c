use std::rc::Rc;

use dispatch_model::{routes, IndexPage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api,
    components::{article_card::ArticleCard, page_head::PageHead, pagination::Pagination, skeleton::Shape},
    error::ApiError,
    routes::loader::{Load, Loader, PageData},
    text::use_text,
};

/// `/{section}` and `/{section}/page/{n}`: one section's articles,
/// newest first.
#[component]
pub fn SectionPage() -> impl IntoView {
    view! { <Listing kind="sections" /> }
}

/// `/region/{slug}` and `/region/{slug}/page/{n}`.
#[component]
pub fn RegionPage() -> impl IntoView {
    view! { <Listing kind="regions" /> }
}

/// `/tag/{slug}` and `/tag/{slug}/page/{n}`.
#[component]
pub fn TagPage() -> impl IntoView {
    view! { <Listing kind="tags" /> }
}

/// Which listing, and which page of it, the address names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListingAddress {
    pub slug: String,
    /// 1 at the listing's own address, N at `{listing}/page/N`; `None`
    /// for anything else under it (`/page/1`, `/page/x`, `/x/y`), which
    /// shows "Page not found", as the hosts answer it.
    pub page: Option<u32>,
}

impl ListingAddress {
    /// From the route's parameters: a section's `section` and optional
    /// `page`, or the `rest` after `/region/`, `/tag/` or `/author/`
    /// (`{slug}` or `{slug}/page/{n}`; one wildcard route each keeps the
    /// router, and the wasm, smaller than two routes would).
    pub fn from_params(section: Option<String>, page: Option<String>, rest: Option<String>) -> ListingAddress {
        if let Some(slug) = section {
            let page = page.map_or(Some(1), |number| routes::page_number(&number));
            return ListingAddress { slug, page };
        }
        let rest = rest.unwrap_or_default();
        if !rest.contains('/') {
            return ListingAddress { slug: rest, page: Some(1) };
        }
        match routes::split_page(&rest) {
            Some((slug, page)) if !slug.contains('/') => ListingAddress { slug: slug.to_string(), page: Some(page) },
            _ => ListingAddress { slug: rest, page: None },
        }
    }
}

/// The listing the current route names ([`ListingAddress`]).
pub fn listing_address() -> Memo<ListingAddress> {
    let params = use_params_map();
    Memo::new(move |_| {
        let params = params.read();
        ListingAddress::from_params(params.get("section"), params.get("page"), params.get("rest"))
    })
}

#[component]
fn Listing(kind: &'static str) -> impl IntoView {
    let text = use_text();
    let address = listing_address();
    let edition = text.edition;
    let load: Load = Rc::new(move |freshness| {
        let ListingAddress { slug, page } = address.get();
        Box::pin(async move {
            let list = api::listing(edition, kind, slug.clone(), page.ok_or(ApiError::NotFound)?, freshness).await?;
            Ok(PageData::Listing { kind, slug, list })
        })
    });
    view! { <Loader load=load loading=text.loading_list shape=Shape::Cards /> }
}

/// A section, region or tag page once loaded.
#[component]
pub fn ListingView(kind: &'static str, slug: String, list: IndexPage) -> impl IntoView {
    let text = use_text();
    crate::focus::settle();
    let heading = if kind == "tags" { text.tag_heading(&list.title) } else { list.title.clone() };
    view! {
        <PageHead title=text.page_title(&heading, list.page) description=text.listing_description(&heading) />
        <section class="listing">
            <h1 class="page-heading" tabindex="-1">{heading}</h1>
            <ol class="card-list">
                {list.items.into_iter().map(|summary| view! { <li><ArticleCard summary=summary /></li> }).collect_view()}
            </ol>
            <Pagination base=text.edition.path(&routes::listing(kind)(&slug)) newer=list.newer older=list.older />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::ListingAddress;

    fn at(section: Option<&str>, page: Option<&str>, rest: Option<&str>) -> (String, Option<u32>) {
        let address = ListingAddress::from_params(section.map(Into::into), page.map(Into::into), rest.map(Into::into));
        (address.slug, address.page)
    }

    #[test]
    fn a_listing_address_names_its_page() {
        assert_eq!(at(Some("policy"), None, None), ("policy".into(), Some(1)));
        assert_eq!(at(Some("policy"), Some("3"), None), ("policy".into(), Some(3)));
        assert_eq!(at(Some("policy"), Some("1"), None), ("policy".into(), None));
        assert_eq!(at(None, None, Some("ai")), ("ai".into(), Some(1)));
        assert_eq!(at(None, None, Some("ai/page/2")), ("ai".into(), Some(2)));
        for not_a_page in ["ai/page/1", "ai/page/x", "ai/more", "ai/b/page/2"] {
            assert_eq!(at(None, None, Some(not_a_page)).1, None, "{not_a_page}");
        }
    }
}
