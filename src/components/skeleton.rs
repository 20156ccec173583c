use leptos::prelude::*;

/// Grey blocks the shape of the page that is loading, so the layout does
/// not jump when the content arrives. The label is read to screen readers.
#[component]
pub fn Skeleton(label: &'static str, #[prop(default = 4)] lines: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{label}</p>
            <div class="skeleton-line skeleton-headline" aria-hidden="true"></div>
            {(0..lines)
                .map(|_| view! { <div class="skeleton-line" aria-hidden="true"></div> })
                .collect_view()}
        </div>
    }
}
