//! The little HTML that writers and CMS exports put in Markdown, parsed by
//! a real HTML parser (html5ever, through scraper) and converted from an
//! allowlist into the typed model. Nothing is passed through as HTML:
//! every allowed element becomes a block or an inline, and every other
//! one is refused, naming the tag and the Markdown to write instead.
//!
//! Allowed: `sup`, `sub`, `kbd`, `abbr[title]`, `mark`, `cite`, `q`,
//! `small`, `br`, `em`, `strong`, `code`, `a[href]`, `img` (as a figure),
//! `figure` with `figcaption`, `details` with `summary`, `p`, and the table
//! elements (`table`, `caption`, `thead`, `tbody`, `tr`, `th`, `td`).

use dispatch_model::{Alignment, Block, Image, Inline, Phrase};
use scraper::{ElementRef, Html, Node};

/// One tag of inline HTML, as Markdown hands it over (`<abbr title="…">`,
/// then the text, then `</abbr>` on its own).
#[derive(Debug, PartialEq, Eq)]
pub enum InlineTag {
    Open(Opening),
    Close(String),
    Break,
    Image { src: String, alt: String, title: String },
}

/// An inline element that holds content.
#[derive(Debug, PartialEq, Eq)]
pub enum Opening {
    Emphasis,
    Strong,
    Code,
    Superscript,
    Subscript,
    Link(String),
    Phrase(Phrase, Option<String>),
}

impl Opening {
    /// The element's name, which its closing tag repeats.
    pub fn name(&self) -> &'static str {
        match self {
            Opening::Emphasis => "em",
            Opening::Strong => "strong",
            Opening::Code => "code",
            Opening::Superscript => "sup",
            Opening::Subscript => "sub",
            Opening::Link(_) => "a",
            Opening::Phrase(phrase, _) => phrase.tag(),
        }
    }
}

/// Reads one inline tag; the error says why it is refused and what to
/// write instead.
pub fn inline_tag(snippet: &str) -> Result<InlineTag, String> {
    let snippet = snippet.trim();
    if snippet.starts_with("<!--") {
        return Err(COMMENT.into());
    }
    if let Some(name) = snippet.strip_prefix("</") {
        let name = name.trim_end_matches('>').trim().to_ascii_lowercase();
        return match opening_for(&name, None, None) {
            Ok(_) => Ok(InlineTag::Close(name)),
            Err(message) => Err(message),
        };
    }
    let fragment = Html::parse_fragment(snippet);
    let Some(element) = fragment.root_element().child_elements().next() else {
        return Err(format!("`{snippet}` is not an HTML tag Dispatch can read: write it in Markdown"));
    };
    let name = element.value().name();
    match name {
        "br" => Ok(InlineTag::Break),
        "img" => Ok(InlineTag::Image {
            src: element.attr("src").unwrap_or_default().to_string(),
            alt: element.attr("alt").unwrap_or_default().to_string(),
            title: element.attr("title").unwrap_or_default().to_string(),
        }),
        _ => opening_for(name, element.attr("href"), element.attr("title")).map(InlineTag::Open),
    }
}

const COMMENT: &str = "an HTML comment would not be published, and its words would be lost: remove it, or keep the note outside the article";

fn opening_for(name: &str, href: Option<&str>, title: Option<&str>) -> Result<Opening, String> {
    Ok(match name {
        "em" => Opening::Emphasis,
        "strong" => Opening::Strong,
        "code" => Opening::Code,
        "sup" => Opening::Superscript,
        "sub" => Opening::Subscript,
        "a" => Opening::Link(href.unwrap_or_default().to_string()),
        other => match Phrase::from_tag(other) {
            Some(phrase) => Opening::Phrase(phrase, title.map(str::to_string)),
            None => return Err(refusal(other)),
        },
    })
}

/// Why `tag` is refused, and what to write instead.
pub fn refusal(tag: &str) -> String {
    let instead = match tag {
        "b" => "write **bold** in Markdown",
        "i" => "write *italic* in Markdown",
        "u" | "ins" => "use *emphasis* (underlined text reads as a link)",
        "s" | "strike" | "del" => "write ~~strikethrough~~ in Markdown",
        "h1" => "the headline is the page's only top heading; use ## for a subheading",
        "h2" | "h3" | "h4" => "write ##, ### or #### in Markdown",
        "h5" | "h6" => "headings go down to ####",
        "ul" | "ol" | "li" => "write a Markdown list (- item, or 1. item)",
        "blockquote" => "write a Markdown quote (> text)",
        "pre" => "write a fenced code block (```)",
        "hr" => "write *** on a line of its own",
        "div" | "span" | "section" | "article" | "font" | "center" => "remove the tag and keep its text",
        "figcaption" | "summary" | "caption" | "thead" | "tbody" | "tr" | "th" | "td" => {
            "it belongs inside its own block (figure, details or table), written as one HTML block"
        }
        _ => "it cannot be part of an article; write the text in Markdown",
    };
    format!("the HTML tag <{tag}> is not allowed: {instead}")
}

/// An HTML block converted into blocks; `image` turns an `<img>`'s source,
/// alt text and title into a figure, or refuses it itself. Problems are
/// messages, all reported at the block's first line.
pub fn blocks(html: &str, image: &mut dyn FnMut(&str, &str, &str) -> Option<Image>) -> (Vec<Block>, Vec<String>) {
    let fragment = Html::parse_fragment(html);
    let mut convert = Convert { problems: Vec::new(), image };
    let blocks = convert.blocks(fragment.root_element());
    (blocks, convert.problems)
}

struct Convert<'a> {
    problems: Vec<String>,
    image: &'a mut dyn FnMut(&str, &str, &str) -> Option<Image>,
}

impl Convert<'_> {
    /// The children of `parent` as blocks: runs of text and inline
    /// elements between block elements become paragraphs.
    fn blocks(&mut self, parent: ElementRef) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut run = Vec::new();
        for child in parent.children() {
            let block_element = ElementRef::wrap(child).filter(|element| is_block(element.value().name()));
            match block_element {
                Some(element) => {
                    self.paragraph(&mut run, &mut blocks);
                    if let Some(block) = self.block(element) {
                        blocks.push(block);
                    }
                }
                None => run.extend(self.inline_node(child)),
            }
        }
        self.paragraph(&mut run, &mut blocks);
        blocks
    }

    fn paragraph(&mut self, run: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
        let inlines = std::mem::take(run);
        if !crate::markdown::plain_text(&inlines).trim().is_empty() {
            blocks.push(Block::Paragraph { inlines: trim(inlines) });
        }
    }

    fn block(&mut self, element: ElementRef) -> Option<Block> {
        match element.value().name() {
            "p" => Some(Block::Paragraph { inlines: trim(self.inlines(element)) }),
            "img" => self.figure(element, None),
            "figure" => {
                let caption = element
                    .child_elements()
                    .find(|child| child.value().name() == "figcaption")
                    .map(|caption| text_of(caption));
                let images: Vec<ElementRef> =
                    element.child_elements().filter(|child| child.value().name() == "img").collect();
                let others =
                    element.child_elements().any(|child| !matches!(child.value().name(), "img" | "figcaption"));
                if images.len() != 1 || others {
                    self.problems.push(
                        "a <figure> holds one <img> and, optionally, a <figcaption>: put anything else outside it"
                            .into(),
                    );
                    return None;
                }
                self.figure(images[0], caption)
            }
            "details" => {
                let summary = element
                    .child_elements()
                    .find(|child| child.value().name() == "summary")
                    .map(|summary| trim(self.inlines(summary)));
                let Some(summary) = summary else {
                    self.problems.push("a <details> needs a <summary>, the line a reader clicks to open it".into());
                    return None;
                };
                let mut blocks = Vec::new();
                let mut run = Vec::new();
                for child in element.children() {
                    if ElementRef::wrap(child).is_some_and(|e| e.value().name() == "summary") {
                        continue;
                    }
                    match ElementRef::wrap(child).filter(|e| is_block(e.value().name())) {
                        Some(block) => {
                            self.paragraph(&mut run, &mut blocks);
                            blocks.extend(self.block(block));
                        }
                        None => run.extend(self.inline_node(child)),
                    }
                }
                self.paragraph(&mut run, &mut blocks);
                Some(Block::Details { summary, blocks })
            }
            "table" => self.table(element),
            other => {
                self.problems.push(refusal(other));
                None
            }
        }
    }

    fn figure(&mut self, img: ElementRef, caption: Option<String>) -> Option<Block> {
        let title = match (caption, img.attr("title")) {
            (Some(caption), _) => caption,
            (None, title) => title.unwrap_or_default().to_string(),
        };
        let image = (self.image)(img.attr("src").unwrap_or_default(), img.attr("alt").unwrap_or_default(), &title)?;
        Some(Block::Figure { image, link: None })
    }

    fn table(&mut self, table: ElementRef) -> Option<Block> {
        let mut caption = None;
        let mut head: Vec<Vec<Inline>> = Vec::new();
        let mut alignments = Vec::new();
        let mut rows = Vec::new();
        for part in table.child_elements() {
            match part.value().name() {
                "caption" => caption = Some(text_of(part)),
                "thead" | "tbody" | "tfoot" => {
                    for row in part.child_elements() {
                        if row.value().name() != "tr" {
                            self.problems.push(refusal(row.value().name()));
                            continue;
                        }
                        let cells: Vec<ElementRef> = row.child_elements().collect();
                        let is_head =
                            head.is_empty() && rows.is_empty() && cells.iter().all(|c| c.value().name() == "th");
                        let mut converted = Vec::new();
                        for cell in cells {
                            if !matches!(cell.value().name(), "th" | "td") {
                                self.problems.push(refusal(cell.value().name()));
                                continue;
                            }
                            if cell.attr("colspan").is_some() || cell.attr("rowspan").is_some() {
                                self.problems.push(
                                    "table cells that span rows or columns are not supported: repeat the text in each cell"
                                        .into(),
                                );
                            }
                            if is_head {
                                alignments.push(match cell.attr("align") {
                                    Some("left") => Alignment::Start,
                                    Some("center") => Alignment::Center,
                                    Some("right") => Alignment::End,
                                    _ => Alignment::None,
                                });
                            }
                            converted.push(trim(self.inlines(cell)));
                        }
                        if is_head {
                            head = converted;
                        } else {
                            rows.push(converted);
                        }
                    }
                }
                other => self.problems.push(refusal(other)),
            }
        }
        if head.is_empty() {
            self.problems.push("a <table> needs a header row of <th> cells, which name its columns".into());
            return None;
        }
        Some(Block::Table { alignments, head, rows, caption })
    }

    fn inlines(&mut self, parent: ElementRef) -> Vec<Inline> {
        parent.children().flat_map(|child| self.inline_node(child)).collect()
    }

    fn inline_node(&mut self, node: ego_tree::NodeRef<Node>) -> Vec<Inline> {
        match node.value() {
            Node::Text(text) => {
                let text = collapse(text);
                if text.is_empty() {
                    Vec::new()
                } else {
                    vec![Inline::Text { text }]
                }
            }
            Node::Element(_) => {
                let element = ElementRef::wrap(node).expect("an element node");
                let name = element.value().name();
                if name == "br" {
                    return vec![Inline::Break];
                }
                if is_block(name) {
                    self.problems
                        .push(format!("<{name}> cannot sit inside a line of text: give it a block of its own"));
                    return Vec::new();
                }
                let children = self.inlines(element);
                match opening_for(name, element.attr("href"), element.attr("title")) {
                    Ok(Opening::Emphasis) => vec![Inline::Emphasis { children }],
                    Ok(Opening::Strong) => vec![Inline::Strong { children }],
                    Ok(Opening::Code) => vec![Inline::Code { text: crate::markdown::plain_text(&children) }],
                    Ok(Opening::Superscript) => vec![Inline::Superscript { children }],
                    Ok(Opening::Subscript) => vec![Inline::Subscript { children }],
                    Ok(Opening::Link(href)) => match dispatch_model::check_href(&href) {
                        Ok(()) => vec![Inline::Link { href, children }],
                        Err(reason) => {
                            self.problems.push(format!("link `{href}`: {reason}"));
                            Vec::new()
                        }
                    },
                    Ok(Opening::Phrase(kind, title)) => vec![Inline::Phrase { kind, title, children }],
                    Err(message) => {
                        self.problems.push(message);
                        Vec::new()
                    }
                }
            }
            // Comments, and what HTML parses as one (`<?php … ?>`,
            // `<![CDATA[…]]>`): words no reader would see.
            Node::Comment(_) | Node::ProcessingInstruction(_) | Node::Doctype(_) => {
                self.problems.push(COMMENT.into());
                Vec::new()
            }
            Node::Document | Node::Fragment => Vec::new(),
        }
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "img"
            | "figure"
            | "details"
            | "table"
            | "div"
            | "section"
            | "article"
            | "ul"
            | "ol"
            | "li"
            | "blockquote"
            | "pre"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "script"
            | "style"
            | "iframe"
            | "object"
            | "embed"
            | "form"
            | "video"
            | "audio"
    )
}

/// HTML collapses runs of whitespace in text to one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The words of an element, whitespace collapsed.
fn text_of(element: ElementRef) -> String {
    collapse(&element.text().collect::<String>()).trim().to_string()
}

/// A paragraph's inlines without the space at its start and end.
fn trim(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|inline| !matches!(inline, Inline::Text { text } if text.is_empty()));
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Inline> {
        vec![Inline::Text { text: text.into() }]
    }

    fn no_images(_: &str, _: &str, _: &str) -> Option<Image> {
        None
    }

    #[test]
    fn inline_tags_are_read_by_the_parser() {
        assert_eq!(
            inline_tag("<abbr title=\"Common Vulnerability Scoring System\">"),
            Ok(InlineTag::Open(Opening::Phrase(Phrase::Abbr, Some("Common Vulnerability Scoring System".into()))))
        );
        assert_eq!(inline_tag("<SUP>"), Ok(InlineTag::Open(Opening::Superscript)));
        assert_eq!(inline_tag("</kbd>"), Ok(InlineTag::Close("kbd".into())));
        assert_eq!(inline_tag("<br/>"), Ok(InlineTag::Break));
        assert_eq!(
            inline_tag("<a href='https://x.example'>"),
            Ok(InlineTag::Open(Opening::Link("https://x.example".into())))
        );
        assert!(inline_tag("<b>").unwrap_err().contains("<b> is not allowed: write **bold**"));
        assert!(inline_tag("<script>").unwrap_err().contains("<script> is not allowed"));
        assert!(inline_tag("<span onclick=x>").unwrap_err().contains("remove the tag and keep its text"));
        assert!(inline_tag("<!-- note -->").unwrap_err().contains("comment"));
    }

    #[test]
    fn blocks_convert_the_allowlist() {
        let (blocks, problems) = blocks(
            "<details><summary>Indicators of <em>compromise</em></summary><p>Hash <code>abc</code></p>Loose text</details>\n\
             <table><caption>Scores</caption><thead><tr><th align=right>CVE</th></tr></thead><tbody><tr><td><mark>9.8</mark></td></tr></tbody></table>",
            &mut no_images,
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            blocks,
            vec![
                Block::Details {
                    summary: vec![
                        Inline::Text { text: "Indicators of ".into() },
                        Inline::Emphasis { children: words("compromise") }
                    ],
                    blocks: vec![
                        Block::Paragraph {
                            inlines: vec![Inline::Text { text: "Hash ".into() }, Inline::Code { text: "abc".into() }]
                        },
                        Block::Paragraph { inlines: words("Loose text") },
                    ],
                },
                Block::Table {
                    alignments: vec![Alignment::End],
                    head: vec![words("CVE")],
                    rows: vec![vec![vec![Inline::Phrase { kind: Phrase::Mark, title: None, children: words("9.8") }]]],
                    caption: Some("Scores".into()),
                },
            ]
        );
    }

    #[test]
    fn everything_else_is_refused_by_name() {
        let (_, problems) = blocks("<div><iframe src=x></iframe><p>ok <u>u</u></p></div><!-- c -->", &mut no_images);
        assert!(problems.iter().any(|p| p.contains("comment")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("<div> is not allowed")), "{problems:?}");
        let (_, problems) = blocks("<p><a href=\"javascript:alert(1)\">x</a></p>", &mut no_images);
        assert!(problems[0].contains("`javascript:` is not allowed"), "{problems:?}");
    }
}
