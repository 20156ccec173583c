use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{
    newsletter::{NewsletterForm, Placement},
    text,
};

/// Where the consent line's link leads: the notice on this page
/// ([`dispatch_model::routes::NEWSLETTER`] and the section's id).
pub const PRIVACY_HREF: &str = "/newsletter#privacy";

/// `/newsletter`: the signup form and the privacy notice it links to.
#[component]
pub fn NewsletterPage() -> impl IntoView {
    crate::focus::settle();
    view! {
        <Title text=text::NEWSLETTER_PAGE_TITLE />
        <Meta name="description" content=text::NEWSLETTER_PAGE_DESCRIPTION />
        <div class="newsletter-page">
            <h1 class="page-heading">{text::NEWSLETTER_PAGE_TITLE}</h1>
            <NewsletterForm placement=Placement::Page />
            <section class="privacy" id="privacy" aria-labelledby="privacy-heading">
                <h2 id="privacy-heading" class="rail-heading">{text::PRIVACY_HEADING}</h2>
                {text::PRIVACY_NOTICE.iter().map(|paragraph| view! { <p>{*paragraph}</p> }).collect_view()}
            </section>
        </div>
    }
}
