use dispatch_model::{is_safe_href, Image};
use leptos::prelude::*;

use super::element::{classed, element, plain, Attrs};
use crate::text;

/// An image with its caption and "Source: …" credit; with `link`, the
/// image is a link (the Markdown `[![alt](src)](href)`), named by its alt
/// text.
///
/// The hero is the page's largest paint, so it loads eagerly at high
/// priority; figures further down load lazily. Width and height reserve
/// the space before the image arrives, so nothing below it moves.
#[component]
pub fn Figure(
    image: Image,
    #[prop(optional)] hero: bool,
    #[prop(default = None)] link: Option<String>,
) -> impl IntoView {
    let Image { src, width, height, alt, caption, credit } = image;
    let picture = if is_safe_href(&src) {
        view! {
            <img
                src=src
                width=width
                height=height
                alt=alt
                decoding="async"
                loading=if hero { "eager" } else { "lazy" }
                fetchpriority=if hero { "high" } else { "auto" }
            />
        }
        .into_any()
    } else {
        classed("p", "figure-missing", text::UNSAFE_IMAGE.into_any())
    };
    let picture = match link.filter(|href| is_safe_href(href)) {
        Some(href) => element("a", Attrs { class: Some("figure-link"), href: Some(href), ..Attrs::default() }, picture),
        None => picture,
    };
    let has_caption = caption.is_some() || credit.is_some();
    let figcaption = has_caption.then(|| {
        let caption = caption.map(|caption| classed("span", "figure-caption", caption.into_any()));
        let credit = credit.map(|credit| classed("span", "figure-credit", credit.into_any()));
        plain("figcaption", (caption, credit).into_any())
    });
    classed("figure", if hero { "article-image hero" } else { "article-image" }, (picture, figcaption).into_any())
}

/// A small square photo (author portraits), lazy and without caption.
#[component]
pub fn Portrait(image: Image) -> impl IntoView {
    is_safe_href(&image.src).then(|| {
        view! {
            <img
                class="portrait"
                src=image.src
                width=image.width
                height=image.height
                alt=image.alt
                loading="lazy"
                decoding="async"
            />
        }
    })
}
