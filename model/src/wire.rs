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

use crate::{Alignment, Block, Image, Inline, Phrase};

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum InlineKind {
    Text,
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    Code,
    Link,
    Break,
    NoteRef,
    Phrase,
}

#[derive(Deserialize)]
pub(crate) struct WireInline {
    #[serde(rename = "type")]
    tag: InlineKind,
    text: Option<String>,
    children: Option<Vec<Inline>>,
    href: Option<String>,
    number: Option<u32>,
    kind: Option<Phrase>,
    title: Option<String>,
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
    Table,
    Details,
    Notes,
    Divider,
}

#[derive(Deserialize)]
pub(crate) struct WireBlock {
    #[serde(rename = "type")]
    kind: BlockKind,
    inlines: Option<Vec<Inline>>,
    level: Option<u8>,
    text: Option<String>,
    blocks: Option<Vec<Block>>,
    attribution: Option<String>,
    ordered: Option<bool>,
    start: Option<u32>,
    items: Option<Vec<Vec<Block>>>,
    image: Option<Image>,
    link: Option<String>,
    language: Option<String>,
    code: Option<String>,
    alignments: Option<Vec<Alignment>>,
    head: Option<Vec<Vec<Inline>>>,
    rows: Option<Vec<Vec<Vec<Inline>>>>,
    caption: Option<String>,
    notes: Option<Vec<Vec<Block>>>,
    summary: Option<Vec<Inline>>,
}

fn required<T>(field: Option<T>, name: &str, kind: &str) -> Result<T, String> {
    field.ok_or_else(|| format!("missing field `{name}` in a {kind}"))
}

impl TryFrom<WireInline> for Inline {
    type Error = String;

    fn try_from(wire: WireInline) -> Result<Inline, String> {
        let WireInline { tag, text, children, href, number, kind, title } = wire;
        Ok(match tag {
            InlineKind::Text => Inline::Text { text: required(text, "text", "text inline")? },
            InlineKind::Code => Inline::Code { text: required(text, "text", "code inline")? },
            InlineKind::Emphasis => Inline::Emphasis { children: required(children, "children", "emphasis")? },
            InlineKind::Strong => Inline::Strong { children: required(children, "children", "strong")? },
            InlineKind::Strikethrough => {
                Inline::Strikethrough { children: required(children, "children", "strikethrough")? }
            }
            InlineKind::Superscript => Inline::Superscript { children: required(children, "children", "superscript")? },
            InlineKind::Subscript => Inline::Subscript { children: required(children, "children", "subscript")? },
            InlineKind::Break => Inline::Break,
            InlineKind::NoteRef => Inline::NoteRef { number: required(number, "number", "note reference")? },
            InlineKind::Link => Inline::Link {
                href: required(href, "href", "link")?,
                children: required(children, "children", "link")?,
            },
            InlineKind::Phrase => Inline::Phrase {
                kind: required(kind, "kind", "phrase")?,
                title,
                children: required(children, "children", "phrase")?,
            },
        })
    }
}

impl TryFrom<WireBlock> for Block {
    type Error = String;

    fn try_from(wire: WireBlock) -> Result<Block, String> {
        let WireBlock {
            kind,
            inlines,
            level,
            text,
            blocks,
            attribution,
            ordered,
            start,
            items,
            image,
            link,
            language,
            code,
            alignments,
            head,
            rows,
            caption,
            notes,
            summary,
        } = wire;
        Ok(match kind {
            BlockKind::Paragraph => Block::Paragraph { inlines: required(inlines, "inlines", "paragraph")? },
            BlockKind::Subheading => Block::Subheading {
                level: required(level, "level", "subheading")?,
                text: required(text, "text", "subheading")?,
            },
            BlockKind::Quote => Block::Quote { blocks: required(blocks, "blocks", "quote")?, attribution },
            BlockKind::List => Block::List {
                ordered: required(ordered, "ordered", "list")?,
                start,
                items: required(items, "items", "list")?,
            },
            BlockKind::Figure => Block::Figure { image: required(image, "image", "figure")?, link },
            BlockKind::Code => Block::Code { language, code: required(code, "code", "code block")? },
            BlockKind::Table => Block::Table {
                alignments: required(alignments, "alignments", "table")?,
                head: required(head, "head", "table")?,
                rows: required(rows, "rows", "table")?,
                caption,
            },
            BlockKind::Details => Block::Details {
                summary: required(summary, "summary", "details block")?,
                blocks: required(blocks, "blocks", "details block")?,
            },
            BlockKind::Notes => Block::Notes { notes: required(notes, "notes", "notes block")? },
            BlockKind::Divider => Block::Divider,
        })
    }
}
