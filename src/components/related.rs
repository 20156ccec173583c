use dispatch_model::ArticleSummary;
use leptos::prelude::*;

use super::article_card::ArticleCard;

/// A titled rail of story cards: "You May Also Like", an author's latest.
#[component]
pub fn StoryRail(#[prop(into)] heading: String, stories: Vec<ArticleSummary>) -> impl IntoView {
    (!stories.is_empty()).then(|| {
        let label = heading.clone();
        view! {
            <section class="story-rail" aria-label=label>
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
