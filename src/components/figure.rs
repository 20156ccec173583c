use dispatch_model::{is_safe_href, Image};
use leptos::prelude::*;

use super::element::{classed, element, plain, Attrs};
use crate::text::use_text;

/// Where a picture sits, which says how wide it is drawn (the `sizes`
/// attribute, from `style/main.css`'s layout) and whether it loads first.
#[derive(Clone, Copy)]
pub enum Place {
    /// The article's hero, the page's largest paint: eager, high priority.
    Hero,
    /// A figure in the article's column.
    Column,
    /// The front page's lead card: eager.
    Lead,
    /// A card in a list of one, two or three columns.
    Card,
    /// An author's 80 px portrait.
    Portrait,
}

impl Place {
    /// The column is `--measure` (42rem) wide with 1rem of page margin on
    /// each side below it; card lists have 2 columns from 48rem and 3 from
    /// 68rem in a 72rem page; the lead card's picture is 3/5 of the page.
    fn sizes(self) -> &'static str {
        match self {
            Place::Hero | Place::Column => "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
            Place::Lead => "(min-width: 72rem) 43rem, (min-width: 48rem) 60vw, 100vw",
            Place::Card => "(min-width: 68rem) 23rem, (min-width: 48rem) 50vw, 100vw",
            Place::Portrait => "80px",
        }
    }

    fn eager(self) -> bool {
        matches!(self, Place::Hero | Place::Lead)
    }
}

/// An image as `img`, in a `picture` for a photograph: its WebP variants
/// for browsers that take WebP, its JPEG variants for the rest, chosen by
/// the width it is drawn at ([`Place`]). Width and height reserve the
/// space before it arrives, and a photograph's placeholder colour fills
/// it meanwhile. `class` goes on the `img`; `alt` is its text alternative
/// (empty for a picture that repeats what a headline says).
pub fn picture(image: Image, place: Place, class: Option<&'static str>, alt: String) -> AnyView {
    let sizes = place.sizes();
    let webp = image.srcset("webp");
    let jpeg = image.srcset("jpg");
    let has_variants = jpeg.is_some();
    let class = match (class, image.placeholder) {
        (Some(class), Some(colour)) => Some(format!("{class} placeholder-{colour}")),
        (None, Some(colour)) => Some(format!("placeholder-{colour}")),
        (class, None) => class.map(String::from),
    };
    // In a rehearsal (`crate::Rehearsal`) nothing loads: a lazy image
    // outside the document never comes near the reader's sight, where an
    // eager one loads wherever it is.
    let eager = place.eager() && !crate::rehearsing();
    view! {
        <picture>
            {webp.map(|srcset| view! { <source type="image/webp" srcset=srcset sizes=sizes /> })}
            // How and when to load before what: Firefox and Safari start
            // loading as `src` is set, even outside the document, so a
            // `loading="lazy"` set after it comes too late (MDN's `img`,
            // Firefox bug 1647077).
            <img
                loading=if eager { "eager" } else { "lazy" }
                fetchpriority=if eager { "high" } else { "auto" }
                decoding="async"
                sizes=has_variants.then_some(sizes)
                srcset=jpeg
                src=image.src
                class=class
                width=image.width
                height=image.height
                alt=alt
            />
        </picture>
    }
    .into_any()
}

/// An image with its caption and "Source: …" credit; with `link`, the
/// image is a link (the Markdown `[![alt](src)](href)`), named by its alt
/// text. The hero loads first; figures further down load lazily.
#[component]
pub fn Figure(
    image: Image,
    #[prop(optional)] hero: bool,
    #[prop(default = None)] link: Option<String>,
) -> impl IntoView {
    let text = use_text();
    let caption = image.caption.clone();
    let credit = image.credit.clone();
    let picture = if is_safe_href(&image.src) {
        let alt = image.alt.clone();
        picture(image, if hero { Place::Hero } else { Place::Column }, None, alt)
    } else {
        classed("p", "figure-missing", text.unsafe_image.into_any())
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
        let alt = image.alt.clone();
        picture(image, Place::Portrait, Some("portrait"), alt)
    })
}
