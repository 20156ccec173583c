//! One element type for the markup the content decides: every body block
//! and inline, and the figure around an image. Its tag is a value, so the
//! wasm holds one copy of the code that renders an element
//! instead of one per tag (this took 11.8 KB of brotli off the wasm when
//! the body grew tables, notes and nesting). Tags are always literals of
//! the callers, and children are views, so text stays text.

use leptos::{html::custom, prelude::*};

/// The attributes an element may carry; each is left out when `None`.
#[derive(Default)]
pub(crate) struct Attrs {
    pub(crate) class: Option<&'static str>,
    pub(crate) id: Option<String>,
    pub(crate) href: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) start: Option<u32>,
    pub(crate) scope: Option<&'static str>,
    pub(crate) language: Option<String>,
    pub(crate) label: Option<String>,
    /// A scrolling region a keyboard can reach: `role="region"` and
    /// `tabindex="0"`.
    pub(crate) region: bool,
}

/// Every element of the body with content goes through here, as one
/// element type whose tag is a value: the wasm then holds one copy of the
/// code that renders an element, not one per tag. The tag is
/// always a literal of its caller, and children are views, so text
/// stays text (the element escapes its children).
pub(crate) fn element(tag: &'static str, attrs: Attrs, children: AnyView) -> AnyView {
    custom(tag)
        .attr("class", attrs.class)
        .attr("id", attrs.id)
        .attr("href", attrs.href)
        .attr("title", attrs.title)
        .attr("start", attrs.start)
        .attr("scope", attrs.scope)
        .attr("data-language", attrs.language)
        .attr("aria-label", attrs.label)
        .attr("role", attrs.region.then_some("region"))
        .attr("tabindex", attrs.region.then_some("0"))
        .child(children)
        .into_any()
}

pub(crate) fn plain(tag: &'static str, children: AnyView) -> AnyView {
    element(tag, Attrs::default(), children)
}

pub(crate) fn classed(tag: &'static str, class: &'static str, children: AnyView) -> AnyView {
    element(tag, Attrs { class: Some(class), ..Attrs::default() }, children)
}
