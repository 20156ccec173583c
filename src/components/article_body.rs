use dispatch_model::{is_safe_href, Block, Inline};
use leptos::prelude::*;

use super::figure::Figure;

/// The body of an article: each typed block becomes its semantic element.
/// Content is only ever text nodes and attributes, never parsed as HTML.
#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    view! { <div class="article-body">{blocks.into_iter().map(block).collect_view()}</div> }
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph { inlines: content } => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::Subheading { text } => view! { <h2 class="article-subheading">{text}</h2> }.into_any(),
        Block::Quote { inlines: content, attribution } => view! {
            <figure class="article-quote">
                <blockquote>
                    <p>{inlines(content)}</p>
                </blockquote>
                {attribution.map(|who| view! { <figcaption>{who}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|item| view! { <li>{inlines(item)}</li> }).collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Figure { image } => view! { <Figure image=image /> }.into_any(),
        Block::Code { language, code } => view! {
            <pre class="code-block" data-language=language>
                <code>{code}</code>
            </pre>
        }
        .into_any(),
        Block::Divider => view! { <hr /> }.into_any(),
    }
}

fn inlines(content: Vec<Inline>) -> AnyView {
    content.into_iter().map(inline).collect_view().into_any()
}

fn inline(node: Inline) -> AnyView {
    match node {
        Inline::Text { text } => text.into_any(),
        Inline::Emphasis { children } => view! { <em>{inlines(children)}</em> }.into_any(),
        Inline::Strong { children } => view! { <strong>{inlines(children)}</strong> }.into_any(),
        Inline::Code { text } => view! { <code>{text}</code> }.into_any(),
        // The compiler already refuses unsafe links; refusing again here
        // keeps a hand-edited or tampered JSON file from injecting one.
        Inline::Link { href, children } if is_safe_href(&href) => {
            view! { <a href=href>{inlines(children)}</a> }.into_any()
        }
        Inline::Link { children, .. } => view! { <span>{inlines(children)}</span> }.into_any(),
    }
}
