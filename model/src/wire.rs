//! How body blocks and inlines are read from JSON.
//!
//! The JSON is internally tagged (`{"type": "paragraph", "inlines": …}`).
//! serde's derive for such enums buffers each object before reading its
//! tag, and its decoders for [`Block`] and [`Inline`] were a third of the
//! model's code in the wasm. Reading into one flat struct per enum and then
//! checking that the tag's fields are there reads the same JSON, with the
//! same errors for an unknown type or a missing field, in far less code.
//! Writing still uses the derived, tagged form.

use serde::Deserialize;

use crate::{Block, Image, Inline};

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum InlineKind {
    Text,
    Emphasis,
    Strong,
    Code,
    Link,
}

#[derive(Deserialize)]
pub(crate) struct WireInline {
    #[serde(rename = "type")]
    kind: InlineKind,
    text: Option<String>,
    children: Option<Vec<Inline>>,
    href: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum BlockKind {
    Paragraph,
    Subheading,
    Quote,
    List,
    Figure,
    Code,
    Divider,
}

#[derive(Deserialize)]
pub(crate) struct WireBlock {
    #[serde(rename = "type")]
    kind: BlockKind,
    inlines: Option<Vec<Inline>>,
    text: Option<String>,
    attribution: Option<String>,
    ordered: Option<bool>,
    items: Option<Vec<Vec<Inline>>>,
    image: Option<Image>,
    language: Option<String>,
    code: Option<String>,
}

fn required<T>(field: Option<T>, name: &str, kind: &str) -> Result<T, String> {
    field.ok_or_else(|| format!("missing field `{name}` in a {kind}"))
}

impl TryFrom<WireInline> for Inline {
    type Error = String;

    fn try_from(wire: WireInline) -> Result<Inline, String> {
        let WireInline { kind, text, children, href } = wire;
        Ok(match kind {
            InlineKind::Text => Inline::Text { text: required(text, "text", "text inline")? },
            InlineKind::Code => Inline::Code { text: required(text, "text", "code inline")? },
            InlineKind::Emphasis => Inline::Emphasis { children: required(children, "children", "emphasis")? },
            InlineKind::Strong => Inline::Strong { children: required(children, "children", "strong")? },
            InlineKind::Link => Inline::Link {
                href: required(href, "href", "link")?,
                children: required(children, "children", "link")?,
            },
        })
    }
}

impl TryFrom<WireBlock> for Block {
    type Error = String;

    fn try_from(wire: WireBlock) -> Result<Block, String> {
        let WireBlock { kind, inlines, text, attribution, ordered, items, image, language, code } = wire;
        Ok(match kind {
            BlockKind::Paragraph => Block::Paragraph { inlines: required(inlines, "inlines", "paragraph")? },
            BlockKind::Subheading => Block::Subheading { text: required(text, "text", "subheading")? },
            BlockKind::Quote => Block::Quote { inlines: required(inlines, "inlines", "quote")?, attribution },
            BlockKind::List => {
                Block::List { ordered: required(ordered, "ordered", "list")?, items: required(items, "items", "list")? }
            }
            BlockKind::Figure => Block::Figure { image: required(image, "image", "figure")? },
            BlockKind::Code => Block::Code { language, code: required(code, "code", "code block")? },
            BlockKind::Divider => Block::Divider,
        })
    }
}
