use dispatch_model::{routes, AuthorCard as Card, Image};
use leptos::prelude::*;

use super::figure::Portrait;
use crate::text::use_text;

/// "About the Author": photo, name, role and bio, linking to the author's
/// page. `heading_level` lets the author page use it as its main heading.
#[component]
pub fn AuthorCard(author: Card, #[prop(default = false)] main: bool) -> impl IntoView {
    let href = use_text().edition.path(&routes::author(&author.slug));
    let photo: Option<Image> = author.photo;
    let name = if main {
        view! { <h1 class="author-name" tabindex="-1">{author.name}</h1> }.into_any()
    } else {
        view! { <h3 class="author-name"><a href=href>{author.name}</a></h3> }.into_any()
    };
    view! {
        <div class="author-card">
            {photo.map(|image| view! { <Portrait image=image /> })}
            <div class="author-text">
                {name}
                <p class="author-role">{author.role}</p>
                <p class="author-bio">{author.bio}</p>
            </div>
        </div>
    }
}
