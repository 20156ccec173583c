//! Markdown body to typed blocks. Only the constructs a news article
//! needs are accepted; raw HTML is an error, never passed through.

use dispatch_model::{is_safe_href, Block, Image, Inline};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::{problem::Report, source::line_of, validate};

/// What the converter needs to know about local images: their size.
pub trait ImageSizes {
    fn size_of(&self, src: &str) -> Option<(u32, u32)>;
}

pub struct Body {
    pub blocks: Vec<Block>,
    pub words: usize,
}

pub fn convert(markdown: &str, first_line: usize, sizes: &dyn ImageSizes, report: &mut Report) -> Body {
    let mut state = State::default();
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        let line = first_line + line_of(markdown, range.start);
        state.event(event, line, sizes, report);
    }
    Body { blocks: state.blocks, words: state.words }
}

enum Frame {
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link(String, Vec<Inline>),
    Image { src: String, title: String, alt: String },
}

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    words: usize,
    frames: Vec<Frame>,
    inlines: Vec<Inline>,
    figures: Vec<Image>,
    quote: Option<Vec<Vec<Inline>>>,
    list: Option<(bool, Vec<Vec<Inline>>)>,
    item: Option<Vec<Inline>>,
    code: Option<(Option<String>, String)>,
    in_html_block: bool,
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
                } else if let Some(Frame::Image { alt, .. }) = self.frames.last_mut() {
                    alt.push_str(&text);
                } else if !self.in_html_block {
                    self.words += text.split_whitespace().count();
                    self.push(Inline::Text { text: text.into_string() });
                }
            }
            Event::Code(text) => {
                validate::text(report, line, "the code", &text);
                self.words += text.split_whitespace().count();
                self.push(Inline::Code { text: text.into_string() });
            }
            Event::SoftBreak | Event::HardBreak => self.push(Inline::Text { text: " ".into() }),
            Event::Rule => self.blocks.push(Block::Divider),
            Event::InlineHtml(html) | Event::Html(html) if !self.in_html_block => {
                report.at(line, format!("raw HTML is not allowed (`{}`): write it in Markdown", html.trim()));
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, line: usize, report: &mut Report) {
        match tag {
            Tag::Emphasis => self.frames.push(Frame::Emphasis(Vec::new())),
            Tag::Strong => self.frames.push(Frame::Strong(Vec::new())),
            Tag::Link { dest_url, .. } => self.frames.push(Frame::Link(dest_url.into_string(), Vec::new())),
            Tag::Image { dest_url, title, .. } => self.frames.push(Frame::Image {
                src: dest_url.into_string(),
                title: title.into_string(),
                alt: String::new(),
            }),
            Tag::BlockQuote(_) => self.quote = Some(Vec::new()),
            Tag::List(start) => {
                if self.list.is_some() {
                    report.at(line, "nested lists are not supported: flatten the list");
                } else {
                    self.list = Some((start.is_some(), Vec::new()));
                }
            }
            Tag::Item => self.item = Some(Vec::new()),
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((language, String::new()));
            }
            Tag::HtmlBlock => {
                self.in_html_block = true;
                report.at(line, "raw HTML is not allowed: write it in Markdown");
            }
            Tag::Heading { level: HeadingLevel::H1, .. } => {
                report.at(line, "a `#` heading would compete with the headline: use `##` for subheadings");
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, line: usize, sizes: &dyn ImageSizes, report: &mut Report) {
        match tag {
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image => self.close_frame(line, sizes, report),
            TagEnd::Paragraph => self.end_paragraph(line, report),
            TagEnd::Heading(_) => {
                let text = plain_text(&std::mem::take(&mut self.inlines));
                self.blocks.push(Block::Subheading { text: text.trim().to_string() });
            }
            TagEnd::BlockQuote(_) => {
                let mut paragraphs = self.quote.take().unwrap_or_default();
                let attribution = paragraphs.last().and_then(|last| {
                    let text = plain_text(last);
                    let text = text.trim();
                    text.strip_prefix("— ").or_else(|| text.strip_prefix("-- ")).map(|who| who.trim().to_string())
                });
                if attribution.is_some() {
                    paragraphs.pop();
                }
                let mut inlines = Vec::new();
                for paragraph in paragraphs {
                    if !inlines.is_empty() {
                        inlines.push(Inline::Text { text: " ".into() });
                    }
                    inlines.extend(paragraph);
                }
                self.blocks.push(Block::Quote { inlines: merge(inlines), attribution });
            }
            TagEnd::Item => {
                let mut item = self.item.take().unwrap_or_default();
                item.append(&mut self.inlines);
                if let Some((_, items)) = &mut self.list {
                    items.push(merge(item));
                }
            }
            TagEnd::List(_) => {
                if let Some((ordered, items)) = self.list.take() {
                    self.blocks.push(Block::List { ordered, items });
                }
            }
            TagEnd::CodeBlock => {
                if let Some((language, code)) = self.code.take() {
                    self.words += code.split_whitespace().count();
                    let code = code.strip_suffix('\n').unwrap_or(&code).to_string();
                    self.blocks.push(Block::Code { language, code });
                }
            }
            TagEnd::HtmlBlock => self.in_html_block = false,
            _ => {}
        }
    }

    fn end_paragraph(&mut self, line: usize, report: &mut Report) {
        let inlines = merge(std::mem::take(&mut self.inlines));
        let figures = std::mem::take(&mut self.figures);
        let has_text = !plain_text(&inlines).trim().is_empty();
        if !figures.is_empty() {
            if has_text || figures.len() > 1 {
                report.at(line, "an image must stand alone in its paragraph");
            }
            if self.quote.is_some() || self.item.is_some() {
                report.at(line, "images cannot sit inside a quote or a list");
            } else {
                self.blocks.extend(figures.into_iter().map(|image| Block::Figure { image }));
            }
            return;
        }
        if let Some(paragraphs) = &mut self.quote {
            paragraphs.push(inlines);
        } else if let Some(item) = &mut self.item {
            if !item.is_empty() {
                item.push(Inline::Text { text: " ".into() });
            }
            item.extend(inlines);
        } else if has_text {
            self.blocks.push(Block::Paragraph { inlines });
        }
    }

    fn close_frame(&mut self, line: usize, sizes: &dyn ImageSizes, report: &mut Report) {
        let Some(frame) = self.frames.pop() else { return };
        match frame {
            Frame::Emphasis(children) => self.push(Inline::Emphasis { children: merge(children) }),
            Frame::Strong(children) => self.push(Inline::Strong { children: merge(children) }),
            Frame::Link(href, children) => {
                if is_safe_href(&href) {
                    self.push(Inline::Link { href, children: merge(children) });
                } else {
                    validate::href(report, line, "link", &href);
                    children.into_iter().for_each(|child| self.push(child));
                }
            }
            Frame::Image { src, title, alt } => {
                if let Some(image) = figure(src, &title, alt, line, sizes, report) {
                    self.figures.push(image);
                }
            }
        }
    }

    fn push(&mut self, inline: Inline) {
        let target = match self.frames.last_mut() {
            Some(Frame::Emphasis(children) | Frame::Strong(children) | Frame::Link(_, children)) => children,
            Some(Frame::Image { .. }) => return,
            None => &mut self.inlines,
        };
        target.push(inline);
    }
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
    if !is_safe_href(&src) {
        validate::href(report, line, "image", &src);
        return None;
    }
    validate::text(report, line, "the image's caption", title);
    let Some((width, height)) = sizes.size_of(&src) else {
        report.at(line, format!("image `{src}` was not found under content/images, or its size is unknown"));
        return None;
    };
    let (caption, credit) = match title.split_once(" | ") {
        Some((caption, credit)) => (caption.trim(), credit.trim()),
        None => (title.trim(), ""),
    };
    let some = |text: &str| (!text.is_empty()).then(|| text.to_string());
    Some(Image { src, width, height, alt: alt.trim().to_string(), caption: some(caption), credit: some(credit) })
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

pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emphasis { children } | Inline::Strong { children } | Inline::Link { children, .. } => {
                out.push_str(&plain_text(children))
            }
        }
    }
    out
}
