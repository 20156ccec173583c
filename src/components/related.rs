use dispatch_model::ArticleSummary;
use leptos::prelude::*;

use super::article_card::ArticleCard;

/// A titled rail of story cards: "You May Also Like", an author's latest.
#[component]
pub fn StoryRail(heading: &'static str, stories: Vec<ArticleSummary>) -> impl IntoView {
    (!stories.is_empty()).then(|| {
        view! {
            <section class="story-rail" aria-label=heading>
                <h2 class="rail-heading">{heading}</h2>
                <ul class="card-list">
                    {stories
                        .into_iter()
                        .map(|summary| view! { <li><ArticleCard summary=summary /></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
