use dispatch_model::{is_safe_href, ArticleSummary};
use leptos::prelude::*;

use super::figure::{picture, Place};
use crate::text::use_text;

/// A story card for lists and rails. The lead card (the front page's top
/// story) is larger and its picture loads first; other pictures load
/// lazily. The picture repeats what the headline says, so it is marked
/// decorative (empty alt) rather than read out twice.
#[component]
pub fn ArticleCard(summary: ArticleSummary, #[prop(default = false)] lead: bool) -> impl IntoView {
    let text = use_text();
    let href = text.edition.path(&summary.href());
    let place = if lead { Place::Lead } else { Place::Card };
    let picture = summary
        .thumbnail
        .filter(|image| is_safe_href(&image.src))
        .map(|image| picture(image, place, Some("card-image"), String::new()));
    view! {
        <article class=if lead { "article-card lead" } else { "article-card" }>
            {picture}
            <p class="card-section">{summary.section.name}</p>
            <h2 class="card-headline">
                <a href=href>{summary.headline}</a>
            </h2>
            <p class="card-deck">{summary.deck}</p>
            <p class="card-meta">
                <time datetime=summary.published.clone()>{text.date(&summary.published)}</time>
                {text.meta_separator}
                {text.min_read(summary.reading_minutes)}
            </p>
        </article>
    }
}
