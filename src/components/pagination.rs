use dispatch_model::routes;
use leptos::prelude::*;

use crate::text::use_text;

/// Newer / Older links for a listing at `base`: the page numbers of the
/// next newer and the next older stories (see `IndexPage`: pages count
/// from the oldest, so none says "of N", which would change with every
/// story published).
#[component]
pub fn Pagination(base: String, newer: Option<u32>, older: Option<u32>) -> impl IntoView {
    let text = use_text();
    let link = move |target: u32| routes::page(&base, target);
    (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=text.pagination_label>
                {newer.map(|page| view! { <a rel="prev" href=link(page)>{text.newer}</a> })}
                {older.map(|page| view! { <a rel="next" href=link(page)>{text.older}</a> })}
            </nav>
        }
    })
}
