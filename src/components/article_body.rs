use dispatch_model::{is_safe_href, Alignment, Block, Digits, Inline};
use leptos::prelude::*;

use super::{
    element::{classed, element, plain, Attrs},
    figure::Figure,
    later::Later,
};
use crate::text::use_text;

/// How many of an article's blocks render with its headline; the rest
/// render a frame later ([`Later`]). Under the headline, deck, byline and
/// hero, three blocks (two paragraphs and a subheading, or a long
/// paragraph) are more than a phone's first screen shows, and in the
/// seed article a quarter of the body's elements.
pub const FIRST_SCREEN_BLOCKS: usize = 3;

/// The body of an article: each typed block becomes its semantic element,
/// nested as the writer nested it. Content is only ever text nodes and
/// attributes, never parsed as HTML. The blocks after the first
/// [`FIRST_SCREEN_BLOCKS`] render a frame later, in the same element.
#[component]
pub fn ArticleBody(mut blocks: Vec<Block>) -> impl IntoView {
    // Ordered lists count in the edition's digits (CSS counter styles).
    let class = match use_text().digits {
        Digits::ArabicIndic => "article-body digits-arabic-indic",
        Digits::Latin => "article-body",
    };
    let rest = blocks.split_off(blocks.len().min(FIRST_SCREEN_BLOCKS));
    let rest = (!rest.is_empty()).then(|| view! { <Later>{blocks_view(rest)}</Later> });
    view! { <div class=class>{blocks_view(blocks)}{rest}</div> }
}

fn blocks_view(content: Vec<Block>) -> AnyView {
    content.into_iter().map(block).collect_view().into_any()
}

fn block(block: Block) -> AnyView {
    let text = use_text();
    match block {
        Block::Paragraph { inlines: content } => plain("p", inlines(content)),
        Block::Subheading { level, text } => match level {
            3 => classed("h3", "article-subheading level-3", text.into_any()),
            4 => classed("h4", "article-subheading level-4", text.into_any()),
            _ => classed("h2", "article-subheading", text.into_any()),
        },
        Block::Quote { blocks, attribution } => {
            let quote = plain("blockquote", blocks_view(blocks));
            let attribution = attribution.map(|who| plain("figcaption", who.into_any()));
            classed("figure", "article-quote", (quote, attribution).into_any())
        }
        Block::List { ordered, start, items } => {
            let items = items.into_iter().map(|item| plain("li", blocks_view(item))).collect_view().into_any();
            if ordered {
                element("ol", Attrs { start, ..Attrs::default() }, items)
            } else {
                plain("ul", items)
            }
        }
        Block::Figure { image, link } => view! { <Figure image=image link=link /> }.into_any(),
        Block::Code { language, code } => element(
            "pre",
            Attrs { class: Some("code-block"), language, ..Attrs::default() },
            plain("code", code.into_any()),
        ),
        Block::Table { alignments, head, rows, caption } => table(alignments, head, rows, caption),
        Block::Details { summary, blocks } => {
            classed("details", "article-details", (plain("summary", inlines(summary)), blocks_view(blocks)).into_any())
        }
        Block::Notes { notes } => {
            let notes = notes
                .into_iter()
                .enumerate()
                .map(|(index, note)| {
                    let number = index as u32 + 1;
                    let back = element(
                        "a",
                        Attrs {
                            class: Some("note-back"),
                            href: Some(format!("#{}", note_ref_id(number))),
                            label: Some(text.note_back_label(number)),
                            ..Attrs::default()
                        },
                        "↩".into_any(),
                    );
                    element(
                        "li",
                        Attrs { id: Some(note_id(number)), ..Attrs::default() },
                        (blocks_view(note), back).into_any(),
                    )
                })
                .collect_view()
                .into_any();
            let heading = element(
                "h2",
                Attrs { class: Some("article-subheading"), id: Some(NOTES_HEADING_ID.into()), ..Attrs::default() },
                text.notes_heading.into_any(),
            );
            element(
                "section",
                Attrs { class: Some("article-notes"), label: Some(text.notes_heading.into()), ..Attrs::default() },
                (heading, plain("ol", notes)).into_any(),
            )
        }
        Block::Divider => view! { <hr /> }.into_any(),
    }
}

const NOTES_HEADING_ID: &str = "article-notes-heading";

/// A table in its own box, which scrolls sideways on a narrow screen; the
/// box is focusable and named, so a keyboard can scroll it too (WCAG
/// 2.1.1) and a screen reader announces what it holds.
fn table(
    alignments: Vec<Alignment>,
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    caption: Option<String>,
) -> AnyView {
    let text = use_text();
    let align = move |column: usize| match alignments.get(column).copied().unwrap_or_default() {
        Alignment::None => None,
        Alignment::Start => Some("align-start"),
        Alignment::Center => Some("align-center"),
        Alignment::End => Some("align-end"),
    };
    let label = caption.clone().unwrap_or_else(|| text.table_label.to_string());
    let head = head
        .into_iter()
        .enumerate()
        .map(|(column, cell)| {
            element("th", Attrs { scope: Some("col"), class: align(column), ..Attrs::default() }, inlines(cell))
        })
        .collect_view()
        .into_any();
    let rows = rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(column, cell)| element("td", Attrs { class: align(column), ..Attrs::default() }, inlines(cell)))
                .collect_view()
                .into_any();
            plain("tr", cells)
        })
        .collect_view()
        .into_any();
    let table = plain(
        "table",
        (
            caption.map(|caption| plain("caption", caption.into_any())),
            plain("thead", plain("tr", head)),
            plain("tbody", rows),
        )
            .into_any(),
    );
    element("div", Attrs { class: Some("table-box"), label: Some(label), region: true, ..Attrs::default() }, table)
}

/// The element id of note `number`, which its reference links to.
fn note_id(number: u32) -> String {
    format!("note-{number}")
}

/// The element id of the reference to note `number`, which the note links back to.
fn note_ref_id(number: u32) -> String {
    format!("note-ref-{number}")
}

fn inlines(content: Vec<Inline>) -> AnyView {
    content.into_iter().map(inline).collect_view().into_any()
}

fn inline(node: Inline) -> AnyView {
    let text = use_text();
    match node {
        Inline::Text { text } => text.into_any(),
        Inline::Emphasis { children } => plain("em", inlines(children)),
        Inline::Strong { children } => plain("strong", inlines(children)),
        Inline::Strikethrough { children } => plain("del", inlines(children)),
        Inline::Superscript { children } => plain("sup", inlines(children)),
        Inline::Subscript { children } => plain("sub", inlines(children)),
        Inline::Phrase { kind, title, children } => {
            element(kind.tag(), Attrs { title, ..Attrs::default() }, inlines(children))
        }
        Inline::Code { text } => plain("code", text.into_any()),
        Inline::Break => view! { <br /> }.into_any(),
        Inline::NoteRef { number } => classed(
            "sup",
            "note-ref",
            element(
                "a",
                Attrs {
                    id: Some(note_ref_id(number)),
                    href: Some(format!("#{}", note_id(number))),
                    label: Some(text.note_ref_label(number)),
                    ..Attrs::default()
                },
                text.number(number).into_any(),
            ),
        ),
        // The compiler already refuses unsafe links; refusing again here
        // keeps a hand-edited or tampered JSON file from injecting one.
        Inline::Link { href, children } if is_safe_href(&href) => {
            element("a", Attrs { href: Some(href), ..Attrs::default() }, inlines(children))
        }
        Inline::Link { children, .. } => plain("span", inlines(children)),
    }
}
