use leptos::prelude::*;

use crate::{
    components::page_head::PageHead,
    newsletter::{NewsletterForm, Placement},
    text::use_text,
};

/// Where the consent line's link leads: the notice on this page
/// ([`dispatch_model::routes::NEWSLETTER`] and the section's id).
pub const PRIVACY_HREF: &str = "/newsletter#privacy";

/// `/newsletter`: the signup form and the privacy notice it links to.
#[component]
pub fn NewsletterPage() -> impl IntoView {
    let text = use_text();
    crate::focus::settle();
    view! {
        <PageHead title=text.newsletter_page_title description=text.newsletter_page_description />
        <div class="newsletter-page">
            <h1 class="page-heading">{text.newsletter_page_title}</h1>
            <NewsletterForm placement=Placement::Page />
            <section class="privacy" id="privacy" aria-labelledby="privacy-heading">
                <h2 id="privacy-heading" class="rail-heading">{text.privacy_heading}</h2>
                {text.privacy_notice.iter().map(|paragraph| view! { <p>{*paragraph}</p> }).collect_view()}
            </section>
        </div>
    }
}
