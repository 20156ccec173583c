use dispatch_model::routes;
use leptos::prelude::*;

use crate::text;

/// Newer / Older links for a paginated listing at `base`: each page has
/// its own address ([`routes::page`]).
#[component]
pub fn Pagination(base: String, page: u32, pages: u32) -> impl IntoView {
    let link = move |target: u32| routes::page(&base, target);
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=text::PAGINATION_LABEL>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{text::NEWER}</a> })}
                <span class="pagination-status">{text::page_of(page, pages)}</span>
                {(page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{text::OLDER}</a> })}
            </nav>
        }
    })
}
