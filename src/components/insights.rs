use dispatch_model::{is_safe_href, Insight};
use leptos::prelude::*;

use crate::text::use_text;

/// "More Insights": reports, webinars, events and white papers.
#[component]
pub fn MoreInsights(insights: Vec<Insight>) -> impl IntoView {
    let text = use_text();
    (!insights.is_empty()).then(|| {
        view! {
            <section class="insights" aria-label=text.more_insights>
                <h2 class="rail-heading">{text.more_insights}</h2>
                <ul class="insight-list">
                    {insights.into_iter().map(|insight| view! { <li><InsightCard insight=insight /></li> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn InsightCard(insight: Insight) -> impl IntoView {
    let text = use_text();
    let Insight { kind, title, summary, date, link } = insight;
    let title = if is_safe_href(&link) { view! { <a href=link>{title}</a> }.into_any() } else { title.into_any() };
    view! {
        <article class="insight-card">
            <p class="insight-kind">{text.insight_kind(kind)}</p>
            <h3 class="insight-title">{title}</h3>
            <p class="insight-summary">{summary}</p>
            <p class="card-meta"><time datetime=date.clone()>{text.date(&date)}</time></p>
        </article>
    }
}
