//! A page's title and description in the document's head.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The page's title (`title`; the app's formatter adds the site's name,
/// [`crate::document_title`]) and, with `description`, its
/// `<meta name="description">`, as leptos_meta writes them into the
/// document's head (natively, into the prerendered page's).
///
/// Nothing in a rehearsal ([`crate::Rehearsal`]): leptos_meta writes the
/// title into the document as soon as it renders, and the browser passes
/// each change on to the tab's title and to its history, so a render
/// that must leave the page as it was writes none.
#[component]
pub fn PageHead(#[prop(into)] title: String, #[prop(optional, into)] description: Option<String>) -> impl IntoView {
    (!crate::rehearsing()).then(|| {
        view! {
            <Title text=title />
            {description.map(|description| view! { <Meta name="description" content=description /> })}
        }
    })
}
