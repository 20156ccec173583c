use leptos::prelude::*;

/// Which page is loading: each skeleton has that page's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Section label, headline, deck, byline, hero, paragraphs.
    Article,
    /// A heading over a grid of cards (front page, listings).
    Cards,
    /// An author card over a grid of cards.
    Author,
}

/// Grey blocks the shape of the page that is loading, so the layout does
/// not jump when the content arrives: the same widths, the hero's aspect
/// ratio, the card grid, and at least a screen's height, so nothing below
/// (the footer) moves into view and out again. The label is read to screen
/// readers.
#[component]
pub fn Skeleton(label: &'static str, shape: Shape) -> impl IntoView {
    let line = |class: &'static str| view! { <div class=class aria-hidden="true"></div> };
    let cards = || {
        view! {
            <div class="card-list skeleton-cards" aria-hidden="true">
                {(0..6)
                    .map(|_| view! {
                        <div class="skeleton-card">
                            <div class="skeleton-block skeleton-thumb"></div>
                            <div class="skeleton-line skeleton-short"></div>
                            <div class="skeleton-line"></div>
                            <div class="skeleton-line"></div>
                        </div>
                    })
                    .collect_view()}
            </div>
        }
    };
    let body = match shape {
        Shape::Article => view! {
            <div class="article skeleton-article">
                {line("skeleton-line skeleton-label")}
                {line("skeleton-line skeleton-headline")}
                {line("skeleton-line skeleton-headline skeleton-short")}
                {line("skeleton-line skeleton-deck")}
                {line("skeleton-line skeleton-deck skeleton-short")}
                {line("skeleton-line skeleton-meta")}
                {line("skeleton-block skeleton-hero")}
                {(0..8).map(|_| line("skeleton-line")).collect_view()}
            </div>
        }
        .into_any(),
        Shape::Cards => view! {
            {line("skeleton-line skeleton-heading")}
            {cards()}
        }
        .into_any(),
        Shape::Author => view! {
            <div class="skeleton-author" aria-hidden="true">
                <div class="skeleton-block skeleton-portrait"></div>
                <div class="skeleton-author-text">
                    <div class="skeleton-line skeleton-heading"></div>
                    <div class="skeleton-line skeleton-short"></div>
                    <div class="skeleton-line"></div>
                </div>
            </div>
            {cards()}
        }
        .into_any(),
    };
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{label}</p>
            {body}
        </div>
    }
}
