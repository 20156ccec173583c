use dispatch_model::{is_safe_href, Alignment, Block, Inline};
use leptos::prelude::*;

use super::figure::Figure;
use crate::text;

/// The body of an article: each typed block becomes its semantic element,
/// nested as the writer nested it. Content is only ever text nodes and
/// attributes, never parsed as HTML.
#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    view! { <div class="article-body">{blocks_view(blocks)}</div> }
}

fn blocks_view(content: Vec<Block>) -> AnyView {
    content.into_iter().map(block).collect_view().into_any()
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph { inlines: content } => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::Subheading { level, text } => match level {
            3 => view! { <h3 class="article-subheading level-3">{text}</h3> }.into_any(),
            4 => view! { <h4 class="article-subheading level-4">{text}</h4> }.into_any(),
            _ => view! { <h2 class="article-subheading">{text}</h2> }.into_any(),
        },
        Block::Quote { blocks, attribution } => view! {
            <figure class="article-quote">
                <blockquote>{blocks_view(blocks)}</blockquote>
                {attribution.map(|who| view! { <figcaption>{who}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, start, items } => {
            let items = items.into_iter().map(|item| view! { <li>{blocks_view(item)}</li> }).collect_view();
            if ordered {
                view! { <ol start=start>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Figure { image, link } => view! { <Figure image=image link=link /> }.into_any(),
        Block::Code { language, code } => view! {
            <pre class="code-block" data-language=language>
                <code>{code}</code>
            </pre>
        }
        .into_any(),
        Block::Table { alignments, head, rows, caption } => table(alignments, head, rows, caption),
        Block::Notes { notes } => view! {
            <section class="article-notes" aria-labelledby="article-notes-heading">
                <h2 class="article-subheading" id="article-notes-heading">{text::NOTES_HEADING}</h2>
                <ol>
                    {notes
                        .into_iter()
                        .enumerate()
                        .map(|(index, note)| {
                            let number = index as u32 + 1;
                            view! {
                                <li id=note_id(number)>
                                    {blocks_view(note)}
                                    <a
                                        class="note-back"
                                        href=format!("#{}", note_ref_id(number))
                                        aria-label=text::note_back_label(number)
                                    >
                                        "↩"
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        }
        .into_any(),
        Block::Divider => view! { <hr /> }.into_any(),
    }
}

/// A table in its own box, which scrolls sideways on a narrow screen; the
/// box is focusable and named, so a keyboard can scroll it too (WCAG
/// 2.1.1) and a screen reader announces what it holds.
fn table(
    alignments: Vec<Alignment>,
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    caption: Option<String>,
) -> AnyView {
    let align = move |column: usize| match alignments.get(column).copied().unwrap_or_default() {
        Alignment::None => None,
        Alignment::Start => Some("align-start"),
        Alignment::Center => Some("align-center"),
        Alignment::End => Some("align-end"),
    };
    let label = caption.clone().unwrap_or_else(|| text::TABLE_LABEL.to_string());
    view! {
        <div class="table-box" role="region" tabindex="0" aria-label=label>
            <table>
                {caption.map(|caption| view! { <caption>{caption}</caption> })}
                <thead>
                    <tr>
                        {head
                            .into_iter()
                            .enumerate()
                            .map(|(column, cell)| view! { <th scope="col" class=align(column)>{inlines(cell)}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    {row
                                        .into_iter()
                                        .enumerate()
                                        .map(|(column, cell)| view! { <td class=align(column)>{inlines(cell)}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
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
    match node {
        Inline::Text { text } => text.into_any(),
        Inline::Emphasis { children } => view! { <em>{inlines(children)}</em> }.into_any(),
        Inline::Strong { children } => view! { <strong>{inlines(children)}</strong> }.into_any(),
        Inline::Strikethrough { children } => view! { <del>{inlines(children)}</del> }.into_any(),
        Inline::Superscript { children } => view! { <sup>{inlines(children)}</sup> }.into_any(),
        Inline::Subscript { children } => view! { <sub>{inlines(children)}</sub> }.into_any(),
        Inline::Code { text } => view! { <code>{text}</code> }.into_any(),
        Inline::Break => view! { <br /> }.into_any(),
        Inline::NoteRef { number } => view! {
            <sup class="note-ref">
                <a id=note_ref_id(number) href=format!("#{}", note_id(number)) aria-label=text::note_ref_label(number)>
                    {number}
                </a>
            </sup>
        }
        .into_any(),
        // The compiler already refuses unsafe links; refusing again here
        // keeps a hand-edited or tampered JSON file from injecting one.
        Inline::Link { href, children } if is_safe_href(&href) => {
            view! { <a href=href>{inlines(children)}</a> }.into_any()
        }
        Inline::Link { children, .. } => view! { <span>{inlines(children)}</span> }.into_any(),
    }
}
