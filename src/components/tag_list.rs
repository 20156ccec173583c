use dispatch_model::{routes, Tag};
use leptos::prelude::*;

use crate::text::use_text;

/// The article's topics, each linking to its tag page.
#[component]
pub fn TagList(tags: Vec<Tag>) -> impl IntoView {
    let text = use_text();
    (!tags.is_empty()).then(|| {
        view! {
            <nav class="tag-list" aria-label=text.tags_label>
                <ul>
                    {tags
                        .into_iter()
                        // A name in another script than the page's (a Latin
                        // "C++" on an Arabic page) takes its own direction.
                        .map(|tag| {
                            view! { <li><a href=text.edition.path(&routes::tag(&tag.slug)) dir="auto">{tag.name}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}
