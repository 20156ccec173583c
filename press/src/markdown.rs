//! Markdown body to typed blocks: CommonMark plus the GFM constructs a
//! newsroom uses (tables, strikethrough, footnotes) and `^superscript^` and
//! `~subscript~`, nested as the writer nested them. What the model cannot
//! hold is refused with its line and what to write instead, never dropped:
//! raw HTML, `#` headings (the headline is the page's only `#`), headings
//! below `####`, task lists, images inside text, and footnotes that are
//! never referenced.

use std::collections::HashMap;

use dispatch_model::{is_safe_href, Alignment, Block, Image, Inline, Phrase};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::{
    html::{self, InlineTag, Opening},
    problem::Report,
    source::line_of,
    validate,
};

/// A local image as a page shows it: for a photograph, the JPEG a
/// browser without `srcset` loads and its size in pixels,
/// the variants' widths and the placeholder colour (see
/// `dispatch_model::Image`); for a drawing, its own path and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Looks {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub widths: Vec<u32>,
    pub placeholder: Option<u8>,
}

/// What the converter needs to know about local images: where a source
/// is served from, and how it looks once processed.
pub trait ImageSizes {
    /// The image served at `src`: `None` when there is no such file, and
    /// `Some(Err(why))` when the file is refused (`crate::photo::inspect`
    /// says why and what to do).
    fn look(&self, src: &str) -> Option<Result<Looks, String>>;

    /// The served path of an image written relative to the article, such
    /// as `chart.png` in a page bundle (`articles/my-story/index.md`);
    /// `None` when the article is not a bundle or has no such file.
    fn resolve(&self, _relative: &str) -> Option<String> {
        None
    }

    /// The 1200×630 share card of the photograph served at `src`, cropped
    /// around `focus`: its served path. `None` for a drawing or a file
    /// that is not there.
    fn share(&self, _src: &str, _focus: (f64, f64)) -> Option<Result<String, String>> {
        None
    }
}

pub struct Body {
    pub blocks: Vec<Block>,
    pub words: usize,
}

/// The extensions Dispatch reads. Not smart punctuation (it would change
/// the writer's characters), nor GFM's alert syntax, math or definition
/// lists (the model has no place for them; their text stays text).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
}

pub fn convert(markdown: &str, first_line: usize, sizes: &dyn ImageSizes, report: &mut Report) -> Body {
    let mut state = State { containers: vec![Container::Root(Vec::new())], ..State::default() };
    let mut last_line = first_line;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let line = first_line + line_of(markdown, range.start);
        last_line = line;
        state.event(event, line, sizes, report);
    }
    state.finish(last_line, report)
}

/// A block that holds blocks, open while its content is read.
enum Container {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        ordered: bool,
        start: Option<u32>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Note {
        label: String,
        line: usize,
        blocks: Vec<Block>,
    },
    /// A `<details>` opened by one HTML block and closed by a later one,
    /// with Markdown between.
    Details {
        summary: Vec<Inline>,
        blocks: Vec<Block>,
    },
    Table {
        alignments: Vec<Alignment>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
}

/// An inline that holds inlines, open while its content is read.
enum Frame {
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Superscript(Vec<Inline>),
    Subscript(Vec<Inline>),
    /// `<code>` written as HTML: its content becomes code text.
    Code(Vec<Inline>),
    Phrase(Phrase, Option<String>, Vec<Inline>),
    /// The link, and how many figures the paragraph had when it opened.
    Link {
        href: String,
        children: Vec<Inline>,
        figures_before: usize,
    },
}

/// An image being read: everything inside its brackets is its alt text,
/// with any markup flattened to its words.
struct OpenImage {
    src: String,
    title: String,
    alt: String,
    /// Spans opened inside the alt text and not yet closed.
    depth: usize,
}

#[derive(Default)]
struct State {
    containers: Vec<Container>,
    words: usize,
    frames: Vec<Frame>,
    inlines: Vec<Inline>,
    figures: Vec<(Image, Option<String>)>,
    image: Option<OpenImage>,
    heading: Option<u8>,
    code: Option<(Option<String>, String)>,
    /// The text of the HTML block being read, and its first line.
    html_block: Option<(usize, String)>,
    /// Inline HTML elements open, innermost last: each one's name, and how
    /// many frames were open beneath it.
    html_open: Vec<(&'static str, usize)>,
    /// Footnote labels in the order of their first reference; a note's
    /// number is its place here, from 1.
    references: Vec<String>,
    notes: HashMap<String, (usize, Vec<Block>)>,
}

impl State {
    fn event(&mut self, event: Event, line: usize, sizes: &dyn ImageSizes, report: &mut Report) {
        match event {
            Event::Start(tag) => self.start(tag, line, report),
            Event::End(tag) => self.end(tag, line, sizes, report),
            Event::Text(text) => {
                validate::text(report, line, "the text", &text);
                if let Some((_, code)) = &mut self.code {
                    code.push_str(&text);
                } else if let Some(image) = &mut self.image {
                    image.alt.push_str(&text);
                } else {
                    self.words += text.split_whitespace().count();
                    self.push(Inline::Text { text: text.into_string() });
                }
            }
            Event::Code(text) => {
                validate::text(report, line, "the code", &text);
                if let Some(image) = &mut self.image {
                    image.alt.push_str(&text);
                } else {
                    self.words += text.split_whitespace().count();
                    self.push(Inline::Code { text: text.into_string() });
                }
            }
            Event::SoftBreak => self.push_space_or(Inline::Text { text: " ".into() }),
            Event::HardBreak => self.push_space_or(Inline::Break),
            Event::Rule => {
                self.flush_loose(line, report);
                self.push_block(Block::Divider);
            }
            Event::FootnoteReference(label) => {
                let label = label.into_string();
                if self.references.contains(&label) {
                    report.at(
                        line,
                        format!("footnote [^{label}] is referenced twice: give the second place a note of its own"),
                    );
                } else {
                    self.references.push(label);
                    self.push(Inline::NoteRef { number: self.references.len() as u32 });
                }
            }
            Event::TaskListMarker(_) => {
                report.at(line, "task lists (`- [ ]`, `- [x]`) are not supported: write the items as a plain list");
            }
            Event::Html(text) => {
                if let Some((_, block)) = &mut self.html_block {
                    block.push_str(&text);
                }
            }
            Event::InlineHtml(snippet) => self.inline_html(&snippet, line, sizes, report),
            _ => {}
        }
    }

    /// A line break: a space inside alt text, else `inline`.
    fn push_space_or(&mut self, inline: Inline) {
        if let Some(image) = &mut self.image {
            image.alt.push(' ');
        } else {
            self.push(inline);
        }
    }

    fn start(&mut self, tag: Tag, line: usize, report: &mut Report) {
        if let Some(image) = &mut self.image {
            // Markup inside alt text: only its words count.
            if matches!(
                tag,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
                    | Tag::Link { .. }
                    | Tag::Image { .. }
            ) {
                image.depth += 1;
                return;
            }
        }
        match tag {
            Tag::Emphasis => self.frames.push(Frame::Emphasis(Vec::new())),
            Tag::Strong => self.frames.push(Frame::Strong(Vec::new())),
            Tag::Strikethrough => self.frames.push(Frame::Strikethrough(Vec::new())),
            Tag::Superscript => self.frames.push(Frame::Superscript(Vec::new())),
            Tag::Subscript => self.frames.push(Frame::Subscript(Vec::new())),
            Tag::Link { link_type, dest_url, .. } => {
                // `<tips@dispatch.example>` is an address, not a path.
                let href = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.into_string(),
                };
                self.frames.push(Frame::Link { href, children: Vec::new(), figures_before: self.figures.len() });
            }
            Tag::Image { dest_url, title, .. } => {
                self.image = Some(OpenImage {
                    src: dest_url.into_string(),
                    title: title.into_string(),
                    alt: String::new(),
                    depth: 0,
                });
            }
            Tag::Paragraph => self.flush_loose(line, report),
            Tag::Heading { level, .. } => {
                self.flush_loose(line, report);
                match level {
                    HeadingLevel::H1 => {
                        report.at(line, "a `#` heading would compete with the headline: use `##` for subheadings")
                    }
                    HeadingLevel::H2 | HeadingLevel::H3 | HeadingLevel::H4 => {}
                    _ => report.at(line, "headings go down to `####`: use `####` or bold text for a deeper level"),
                }
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(_) => {
                self.flush_loose(line, report);
                self.containers.push(Container::Quote(Vec::new()));
            }
            Tag::List(start) => {
                self.flush_loose(line, report);
                let ordered = start.is_some();
                let start = start.filter(|&n| n != 1).map(|n| u32::try_from(n).unwrap_or(u32::MAX));
                self.containers.push(Container::List { ordered, start, items: Vec::new() });
            }
            Tag::Item => self.containers.push(Container::Item(Vec::new())),
            Tag::CodeBlock(kind) => {
                self.flush_loose(line, report);
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((language, String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_loose(line, report);
                self.html_block = Some((line, String::new()));
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_loose(line, report);
                self.containers.push(Container::Note { label: label.into_string(), line, blocks: Vec::new() });
            }
            Tag::Table(alignments) => {
                self.flush_loose(line, report);
                let alignments = alignments
                    .into_iter()
                    .map(|alignment| match alignment {
                        pulldown_cmark::Alignment::None => Alignment::None,
                        pulldown_cmark::Alignment::Left => Alignment::Start,
                        pulldown_cmark::Alignment::Center => Alignment::Center,
                        pulldown_cmark::Alignment::Right => Alignment::End,
                    })
                    .collect();
                self.containers.push(Container::Table {
                    alignments,
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, line: usize, sizes: &dyn ImageSizes, report: &mut Report) {
        if let Some(image) = &mut self.image {
            if image.depth > 0 {
                image.depth -= 1;
                return;
            }
            if tag == TagEnd::Image {
                let OpenImage { src, title, alt, .. } = self.image.take().expect("an open image");
                self.close_image(src, &title, alt, line, sizes, report);
                return;
            }
        }
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => {
                if self.html_open.last().is_some_and(|&(_, beneath)| beneath + 1 == self.frames.len()) {
                    let (name, _) = self.html_open.pop().expect("an open tag");
                    report.at(
                        line,
                        format!("<{name}> must be closed before the Markdown around it ends: close </{name}> first"),
                    );
                    self.close_frame(line, report);
                }
                self.close_frame(line, report)
            }
            TagEnd::Paragraph => self.end_paragraph(line, report),
            TagEnd::Heading(_) => {
                self.unclosed_html(line, report);
                let inlines = std::mem::take(&mut self.inlines);
                if !self.figures.is_empty() {
                    self.figures.clear();
                    report.at(line, "an image cannot be part of a heading: put it on its own line below");
                }
                let level = self.heading.take().unwrap_or(2);
                self.push_block(Block::Subheading { level, text: plain_text(&inlines).trim().to_string() });
            }
            TagEnd::BlockQuote(_) => {
                self.flush_loose(line, report);
                let Some(Container::Quote(mut blocks)) = self.containers.pop() else { return };
                let attribution = blocks.last().and_then(attribution);
                if attribution.is_some() {
                    blocks.pop();
                }
                self.push_block(Block::Quote { blocks, attribution });
            }
            TagEnd::Item => {
                self.flush_loose(line, report);
                let Some(Container::Item(blocks)) = self.containers.pop() else { return };
                if let Some(Container::List { items, .. }) = self.containers.last_mut() {
                    items.push(blocks);
                }
            }
            TagEnd::List(_) => {
                let Some(Container::List { ordered, start, items }) = self.containers.pop() else { return };
                self.push_block(Block::List { ordered, start, items });
            }
            TagEnd::CodeBlock => {
                if let Some((language, code)) = self.code.take() {
                    self.words += code.split_whitespace().count();
                    let code = code.strip_suffix('\n').unwrap_or(&code).to_string();
                    self.push_block(Block::Code { language, code });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((first, block)) = self.html_block.take() {
                    self.html_block(first, &block, sizes, report);
                }
            }
            TagEnd::FootnoteDefinition => {
                self.flush_loose(line, report);
                let Some(Container::Note { label, line: defined, blocks }) = self.containers.pop() else { return };
                if self.notes.insert(label.clone(), (defined, blocks)).is_some() {
                    report.at(defined, format!("footnote [^{label}] is defined twice: give each note its own label"));
                }
            }
            TagEnd::TableCell => {
                self.unclosed_html(line, report);
                let cell = merge(std::mem::take(&mut self.inlines));
                if !self.figures.is_empty() {
                    self.figures.clear();
                    report.at(line, "an image cannot sit in a table cell: put it below the table");
                }
                if let Some(Container::Table { row, .. }) = self.containers.last_mut() {
                    row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(Container::Table { head, row, .. }) = self.containers.last_mut() {
                    *head = std::mem::take(row);
                }
            }
            TagEnd::TableRow => {
                if let Some(Container::Table { rows, row, .. }) = self.containers.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::Table => {
                let Some(Container::Table { alignments, head, rows, .. }) = self.containers.pop() else { return };
                self.push_block(Block::Table { alignments, head, rows, caption: None });
            }
            _ => {}
        }
    }

    /// Text read outside a paragraph (a tight list item's) becomes one
    /// when a block starts after it or its container ends.
    fn flush_loose(&mut self, line: usize, report: &mut Report) {
        if !self.inlines.is_empty() || !self.figures.is_empty() {
            self.end_paragraph(line, report);
        }
    }

    fn end_paragraph(&mut self, line: usize, report: &mut Report) {
        self.unclosed_html(line, report);
        let inlines = merge(std::mem::take(&mut self.inlines));
        let figures = std::mem::take(&mut self.figures);
        let has_text = !plain_text(&inlines).trim().is_empty();
        if !figures.is_empty() {
            if has_text || figures.len() > 1 {
                report.at(line, "an image must stand alone in its paragraph: put it on a line of its own");
            } else {
                self.push_block_all(figures.into_iter().map(|(image, link)| Block::Figure { image, link }));
            }
            return;
        }
        if !has_text && !inlines.iter().any(|inline| matches!(inline, Inline::Break | Inline::NoteRef { .. })) {
            return;
        }
        if let Some(caption) = table_caption(&inlines) {
            if let Some(Block::Table { caption: slot @ None, .. }) = self.blocks().and_then(|blocks| blocks.last_mut())
            {
                *slot = Some(caption);
                return;
            }
        }
        self.push_block(Block::Paragraph { inlines });
    }

    fn close_frame(&mut self, line: usize, report: &mut Report) {
        let Some(frame) = self.frames.pop() else { return };
        match frame {
            Frame::Emphasis(children) => self.push(Inline::Emphasis { children: merge(children) }),
            Frame::Strong(children) => self.push(Inline::Strong { children: merge(children) }),
            Frame::Strikethrough(children) => self.push(Inline::Strikethrough { children: merge(children) }),
            Frame::Superscript(children) => self.push(Inline::Superscript { children: merge(children) }),
            Frame::Subscript(children) => self.push(Inline::Subscript { children: merge(children) }),
            Frame::Code(children) => self.push(Inline::Code { text: plain_text(&children) }),
            Frame::Phrase(kind, title, children) => {
                self.push(Inline::Phrase { kind, title, children: merge(children) })
            }
            Frame::Link { href, children, figures_before } => {
                if !is_safe_href(&href) {
                    validate::href(report, line, "link", &href);
                    children.into_iter().for_each(|child| self.push(child));
                } else if children.is_empty() && self.figures.len() == figures_before + 1 {
                    // `[![alt](src)](href)`: the figure links.
                    if let Some((_, link)) = self.figures.last_mut() {
                        *link = Some(href);
                    }
                } else {
                    self.push(Inline::Link { href, children: merge(children) });
                }
            }
        }
    }

    fn close_image(
        &mut self,
        src: String,
        title: &str,
        alt: String,
        line: usize,
        sizes: &dyn ImageSizes,
        report: &mut Report,
    ) {
        if let Some(image) = figure(src, title, alt, line, sizes, report) {
            self.figures.push((image, None));
        }
    }

    fn push(&mut self, inline: Inline) {
        let target = match self.frames.last_mut() {
            Some(
                Frame::Emphasis(children)
                | Frame::Strong(children)
                | Frame::Strikethrough(children)
                | Frame::Superscript(children)
                | Frame::Subscript(children)
                | Frame::Code(children)
                | Frame::Phrase(_, _, children)
                | Frame::Link { children, .. },
            ) => children,
            None => &mut self.inlines,
        };
        target.push(inline);
    }

    /// The blocks of the innermost container that holds blocks.
    fn blocks(&mut self) -> Option<&mut Vec<Block>> {
        match self.containers.last_mut()? {
            Container::Root(blocks)
            | Container::Quote(blocks)
            | Container::Item(blocks)
            | Container::Note { blocks, .. }
            | Container::Details { blocks, .. } => Some(blocks),
            Container::List { .. } | Container::Table { .. } => None,
        }
    }

    fn push_block(&mut self, block: Block) {
        if let Some(blocks) = self.blocks() {
            blocks.push(block);
        }
    }

    fn push_block_all(&mut self, new: impl Iterator<Item = Block>) {
        if let Some(blocks) = self.blocks() {
            blocks.extend(new);
        }
    }

    /// One tag of inline HTML: an allowed element opens or closes like its
    /// Markdown twin; anything else is refused.
    fn inline_html(&mut self, snippet: &str, line: usize, sizes: &dyn ImageSizes, report: &mut Report) {
        let tag = match html::inline_tag(snippet) {
            Ok(tag) => tag,
            Err(message) => return report.at(line, format!("{message} (`{}`)", one_line(snippet))),
        };
        if let Some(image) = &mut self.image {
            // Tags inside alt text: their words are already there.
            if let InlineTag::Image { alt, .. } = tag {
                image.alt.push_str(&alt);
            }
            return;
        }
        match tag {
            InlineTag::Break => self.push(Inline::Break),
            InlineTag::Image { src, alt, title } => self.close_image(src, &title, alt, line, sizes, report),
            InlineTag::Open(opening) => {
                self.html_open.push((opening.name(), self.frames.len()));
                self.frames.push(match opening {
                    Opening::Emphasis => Frame::Emphasis(Vec::new()),
                    Opening::Strong => Frame::Strong(Vec::new()),
                    Opening::Code => Frame::Code(Vec::new()),
                    Opening::Superscript => Frame::Superscript(Vec::new()),
                    Opening::Subscript => Frame::Subscript(Vec::new()),
                    Opening::Phrase(kind, title) => Frame::Phrase(kind, title, Vec::new()),
                    Opening::Link(href) => {
                        Frame::Link { href, children: Vec::new(), figures_before: self.figures.len() }
                    }
                });
            }
            InlineTag::Close(name) => match self.html_open.last() {
                Some(&(open, beneath)) if open == name && beneath + 1 == self.frames.len() => {
                    self.html_open.pop();
                    self.close_frame(line, report);
                }
                _ => report.at(
                    line,
                    format!(
                        "</{name}> does not close the element opened last: close tags in the order they were opened"
                    ),
                ),
            },
        }
    }

    /// Inline HTML left open where its paragraph, heading or cell ends.
    fn unclosed_html(&mut self, line: usize, report: &mut Report) {
        if let Some(&(name, _)) = self.html_open.first() {
            report.at(line, format!("<{name}> is not closed in its paragraph: add </{name}>"));
            self.html_open.clear();
            while !self.frames.is_empty() {
                self.close_frame(line, report);
            }
        }
    }

    /// An HTML block: its allowed elements as blocks. A `<details>` left
    /// open holds the Markdown that follows, up to a block `</details>`.
    fn html_block(&mut self, first: usize, block: &str, sizes: &dyn ImageSizes, report: &mut Report) {
        let lower = block.to_ascii_lowercase();
        let (opens, closes) = (lower.matches("<details").count(), lower.matches("</details>").count());
        if closes > opens {
            if lower.trim() != "</details>" {
                return report.at(first, "put </details> on a line of its own, after a blank line");
            }
            match self.containers.pop() {
                Some(Container::Details { summary, blocks }) => self.push_block(Block::Details { summary, blocks }),
                Some(other) => {
                    self.containers.push(other);
                    report.at(first, "</details> closes no <details>");
                }
                None => {}
            }
            return;
        }
        let (mut blocks, problems) = html::blocks(block, &mut |src: &str, alt: &str, title: &str| {
            figure(src.to_string(), title, alt.to_string(), first, sizes, report)
        });
        for problem in problems {
            report.at(first, format!("{problem} (in the HTML from this line on)"));
        }
        if opens > closes {
            match blocks.pop() {
                Some(Block::Details { summary, blocks: opened }) if blocks.is_empty() => {
                    self.containers.push(Container::Details { summary, blocks: opened });
                }
                _ => report.at(first, "a <details> left open must stand alone: start it in an HTML block of its own"),
            }
            return;
        }
        self.push_block_all(blocks.into_iter());
    }

    /// The body, with the referenced notes last, in the order of their
    /// first reference; a note never referenced would never show, so it
    /// is refused.
    fn finish(mut self, last_line: usize, report: &mut Report) -> Body {
        self.flush_loose(last_line, report);
        let mut notes = Vec::new();
        for label in &self.references {
            match self.notes.remove(label) {
                Some((_, blocks)) => notes.push(blocks),
                None => report.at(last_line, format!("footnote [^{label}] has no text: add a line `[^{label}]: …`")),
            }
        }
        let mut unreferenced: Vec<(usize, String)> =
            self.notes.into_iter().map(|(label, (line, _))| (line, label)).collect();
        unreferenced.sort();
        for (line, label) in unreferenced {
            report.at(
                line,
                format!(
                    "footnote [^{label}] is never referenced, so it would not show: add [^{label}] where it belongs"
                ),
            );
        }
        let mut blocks = match self.containers.into_iter().next() {
            Some(Container::Root(blocks)) => blocks,
            _ => Vec::new(),
        };
        if !notes.is_empty() {
            blocks.push(Block::Notes { notes });
        }
        Body { blocks, words: self.words }
    }
}

/// A quote's last paragraph as its attribution, when it is plain text
/// that starts with "— " or "-- ".
fn attribution(block: &Block) -> Option<String> {
    let Block::Paragraph { inlines } = block else { return None };
    let [Inline::Text { text }] = inlines.as_slice() else { return None };
    let text = text.trim();
    text.strip_prefix("— ").or_else(|| text.strip_prefix("-- ")).map(|who| who.trim().to_string())
}

/// A paragraph that is plain text starting with "Table: ", right after a
/// table, is that table's caption (Pandoc's convention).
fn table_caption(inlines: &[Inline]) -> Option<String> {
    let [Inline::Text { text }] = inlines else { return None };
    text.strip_prefix("Table: ").map(|caption| caption.trim().to_string())
}

/// `![alt](src "Caption | Source: credit")` as a figure.
fn figure(
    src: String,
    title: &str,
    alt: String,
    line: usize,
    sizes: &dyn ImageSizes,
    report: &mut Report,
) -> Option<Image> {
    if alt.trim().is_empty() {
        report.at(line, format!("image `{src}` has no alt text: describe it in the brackets of ![…]"));
    }
    let src = sizes.resolve(&src).unwrap_or(src);
    if !is_safe_href(&src) {
        validate::href(report, line, "image", &src);
        return None;
    }
    validate::text(report, line, "the image's caption", title);
    let looks = match sizes.look(&src) {
        Some(Ok(looks)) => looks,
        Some(Err(why)) => {
            report.at(line, format!("image `{src}` {why}"));
            return None;
        }
        None => {
            report.at(
                line,
                format!("image `{src}` was not found under content/images (or beside the article, in a page bundle)"),
            );
            return None;
        }
    };
    let (caption, credit) = match title.split_once(" | ") {
        Some((caption, credit)) => (caption.trim(), credit.trim()),
        None => (title.trim(), ""),
    };
    let some = |text: &str| (!text.is_empty()).then(|| text.to_string());
    Some(Image {
        src: looks.src,
        width: looks.width,
        height: looks.height,
        alt: alt.trim().to_string(),
        caption: some(caption),
        credit: some(credit),
        widths: looks.widths,
        placeholder: looks.placeholder,
    })
}

/// Source quoted in a message: on one line, and at most 60 characters, so
/// that each problem stays one `file:line: message` line.
fn one_line(source: &str) -> String {
    let flat = source.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &flat[..end]),
        None => flat,
    }
}

/// Adjacent text runs joined, so the JSON stays small.
fn merge(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut merged: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (merged.last_mut(), inline) {
            (Some(Inline::Text { text: previous }), Inline::Text { text }) => previous.push_str(&text),
            (_, inline) => merged.push(inline),
        }
    }
    merged
}

/// The words of inline content, markup flattened.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Break => out.push(' '),
            Inline::NoteRef { number } => out.push_str(&number.to_string()),
            Inline::Emphasis { children }
            | Inline::Strong { children }
            | Inline::Strikethrough { children }
            | Inline::Superscript { children }
            | Inline::Subscript { children }
            | Inline::Phrase { children, .. }
            | Inline::Link { children, .. } => out.push_str(&plain_text(children)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sizes;
    impl ImageSizes for Sizes {
        fn look(&self, src: &str) -> Option<Result<Looks, String>> {
            src.starts_with("/content/").then(|| {
                Ok(Looks { src: src.to_string(), width: 800, height: 600, widths: Vec::new(), placeholder: None })
            })
        }
        fn resolve(&self, relative: &str) -> Option<String> {
            (relative == "chart.png").then(|| "/content/media/story/chart.png".to_string())
        }
    }

    fn body(markdown: &str) -> Result<Vec<Block>, Vec<String>> {
        let mut problems = Vec::new();
        let mut report = Report::new(std::path::Path::new("a.md"), &mut problems);
        let body = convert(markdown, 1, &Sizes, &mut report);
        if problems.is_empty() {
            Ok(body.blocks)
        } else {
            Err(problems.iter().map(ToString::to_string).collect())
        }
    }

    fn text(value: &str) -> Inline {
        Inline::Text { text: value.into() }
    }

    fn paragraph(value: &str) -> Block {
        Block::Paragraph { inlines: vec![text(value)] }
    }

    #[test]
    fn tables_keep_alignment_header_cells_and_caption() {
        let blocks = body("| CVE | Score |\n|:--|--:|\n| `CVE-1` | 9.8 |\n\nTable: Affected versions\n").unwrap();
        assert_eq!(
            blocks,
            vec![Block::Table {
                alignments: vec![Alignment::Start, Alignment::End],
                head: vec![vec![text("CVE")], vec![text("Score")]],
                rows: vec![vec![vec![Inline::Code { text: "CVE-1".into() }], vec![text("9.8")]]],
                caption: Some("Affected versions".into()),
            }]
        );
    }

    #[test]
    fn lists_nest_three_deep_and_items_keep_their_blocks_in_order() {
        let blocks = body("- a\n  - b\n    - c\n- d\n\n  ```\n  code\n  ```\n\n  > q\n").unwrap();
        let Block::List { items, .. } = &blocks[0] else { panic!("{blocks:?}") };
        let Block::List { items: second, .. } = &items[0][1] else { panic!("{items:?}") };
        let Block::List { items: third, .. } = &second[0][1] else { panic!("{second:?}") };
        assert_eq!(third[0], vec![paragraph("c")]);
        assert_eq!(items[1][0], paragraph("d"));
        assert!(matches!(items[1][1], Block::Code { .. }), "{:?}", items[1]);
        assert!(matches!(items[1][2], Block::Quote { .. }), "{:?}", items[1]);
    }

    #[test]
    fn nested_quotes_keep_the_outer_text_and_the_attribution() {
        let blocks = body("> outer\n>\n> > inner\n>\n> — An analyst\n").unwrap();
        assert_eq!(
            blocks,
            vec![Block::Quote {
                blocks: vec![paragraph("outer"), Block::Quote { blocks: vec![paragraph("inner")], attribution: None }],
                attribution: Some("An analyst".into()),
            }]
        );
    }

    #[test]
    fn footnotes_are_numbered_in_order_and_collected_last() {
        let blocks = body("One[^b] two[^a].\n\n[^a]: Note A.\n[^b]: Note B.\n").unwrap();
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph {
                    inlines: vec![
                        text("One"),
                        Inline::NoteRef { number: 1 },
                        text(" two"),
                        Inline::NoteRef { number: 2 },
                        text(".")
                    ]
                },
                Block::Notes { notes: vec![vec![paragraph("Note B.")], vec![paragraph("Note A.")]] },
            ]
        );
        let refused = body("Text.\n\n[^x]: Never used.\n").unwrap_err();
        assert!(refused[0].starts_with("a.md:3: footnote [^x] is never referenced"), "{refused:?}");
    }

    #[test]
    fn inline_extensions_and_breaks() {
        let blocks = body("~~old~~ ^10^ x ~2~ a  \nb <tips@dispatch.example> 2^10^").unwrap();
        let Block::Paragraph { inlines } = &blocks[0] else { panic!() };
        assert_eq!(inlines[0], Inline::Strikethrough { children: vec![text("old")] });
        assert!(inlines.contains(&Inline::Superscript { children: vec![text("10")] }));
        assert!(inlines.contains(&Inline::Subscript { children: vec![text("2")] }));
        assert!(inlines.contains(&Inline::Break));
        assert!(inlines.contains(&Inline::Link {
            href: "mailto:tips@dispatch.example".into(),
            children: vec![text("tips@dispatch.example")]
        }));
    }

    #[test]
    fn alt_text_keeps_every_word_and_figures_link_and_resolve_in_bundles() {
        let blocks =
            body("[![Screenshot of the *LockBit* leak site with `config.json`](chart.png)](https://x.example)")
                .unwrap();
        let [Block::Figure { image, link }] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert_eq!(image.alt, "Screenshot of the LockBit leak site with config.json");
        assert_eq!(image.src, "/content/media/story/chart.png");
        assert_eq!(link.as_deref(), Some("https://x.example"));
    }

    #[test]
    fn allowed_html_becomes_the_typed_model() {
        let blocks = body("Press <kbd>Ctrl</kbd>, see <abbr title=\"Common Vulnerability Scoring System\">CVSS</abbr> 10<sup>3</sup><br>end\n").unwrap();
        let Block::Paragraph { inlines } = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(inlines[1], Inline::Phrase { kind: Phrase::Kbd, title: None, children: vec![text("Ctrl")] });
        assert_eq!(
            inlines[3],
            Inline::Phrase {
                kind: Phrase::Abbr,
                title: Some("Common Vulnerability Scoring System".into()),
                children: vec![text("CVSS")]
            }
        );
        assert!(inlines.contains(&Inline::Superscript { children: vec![text("3")] }));
        assert!(inlines.contains(&Inline::Break));
        let blocks =
            body("<details>\n<summary>Indicators</summary>\n\n- `203.0.113.7`\n- `evil.example`\n\n</details>\n")
                .unwrap();
        let [Block::Details { summary, blocks }] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert_eq!(summary, &vec![text("Indicators")]);
        assert!(matches!(blocks.as_slice(), [Block::List { .. }]), "{blocks:?}");
    }

    #[test]
    fn headings_keep_their_level_and_what_cannot_be_kept_is_refused() {
        assert_eq!(body("### Three\n").unwrap(), vec![Block::Subheading { level: 3, text: "Three".into() }]);
        for (markdown, words) in [
            ("# Title\n", "a.md:1: a `#` heading"),
            ("##### Five\n", "a.md:1: headings go down to `####`"),
            ("- [ ] task\n", "a.md:1: task lists"),
            ("Text <b>bold</b>\n", "a.md:1: the HTML tag <b> is not allowed: write **bold** in Markdown"),
            ("Text <sup>open\n", "a.md:1: <sup> is not closed in its paragraph"),
            ("*a <sup>b* c</sup>\n", "a.md:1: <sup> must be closed before the Markdown around it ends"),
            ("<div>\nx\n</div>\n", "a.md:1: the HTML tag <div> is not allowed"),
            ("Text ![a](/content/x.png) text\n", "a.md:1: an image must stand alone"),
        ] {
            let problems = body(markdown).unwrap_err();
            assert!(problems[0].starts_with(words), "{markdown:?}: {problems:?}");
        }
    }
}
