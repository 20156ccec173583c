use dispatch_model::ArticleSummary;
use leptos::prelude::*;

use crate::text;

/// A story card for lists and rails.
#[component]
pub fn ArticleCard(summary: ArticleSummary) -> impl IntoView {
    let href = summary.href();
    view! {
        <article class="article-card">
            <p class="card-section">{summary.section.name}</p>
            <h2 class="card-headline">
                <a href=href>{summary.headline}</a>
            </h2>
            <p class="card-deck">{summary.deck}</p>
            <p class="card-meta">
                <time datetime=summary.published.clone()>{text::date(&summary.published)}</time>
                " · "
                {text::min_read(summary.reading_minutes)}
            </p>
        </article>
    }
}
