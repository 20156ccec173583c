use dispatch_model::{routes, AuthorCard, SectionRef};
use leptos::prelude::*;

use crate::text::use_text;

/// Section label, headline, deck, and the byline row with reading time
/// and dates.
#[component]
pub fn ArticleHeader(
    section: SectionRef,
    headline: String,
    deck: String,
    reading_minutes: u32,
    published: String,
    updated: Option<String>,
    authors: Vec<AuthorCard>,
) -> impl IntoView {
    let text = use_text();
    let count = authors.len();
    // "By A, B and C", each name linking to the author's page.
    let names = authors
        .into_iter()
        .enumerate()
        .map(|(index, author)| {
            let separator = match count - index {
                1 => "",
                2 => text.byline_last_separator,
                _ => ", ",
            };
            let separator = if separator == ", " { text.list_separator } else { separator };
            view! { <a href=text.edition.path(&routes::author(&author.slug))>{author.name}</a> {separator} }
        })
        .collect_view();
    let byline = (count > 0).then(|| {
        view! {
            <p class="article-byline">
                {text.by} " " <span class="byline-names">{names}</span>
            </p>
        }
    });
    let updated = updated.filter(|stamp| text.date(stamp) != text.date(&published));
    view! {
        <header class="article-header">
            <p class="article-section"><a href=text.edition.path(&routes::section(&section.slug))>{section.name}</a></p>
            <h1 class="article-headline" tabindex="-1">{headline}</h1>
            <p class="article-deck">{deck}</p>
            <div class="article-meta">
                <span class="byline-reading-time">{text.min_read(reading_minutes)}</span>
                <span class="article-dates">
                    <time datetime=published.clone()>{text.date(&published)}</time>
                    {updated.map(|stamp| view! {
                        {text.meta_separator} {text.updated} " "
                        <time class="article-updated" datetime=stamp.clone()>{text.date(&stamp)}</time>
                    })}
                </span>
            </div>
            {byline}
        </header>
    }
}
