//! Checks every text and address field shares: what may not reach a
//! reader, refused with the line it is on and what to write instead.

use dispatch_model::{check_href, escape::is_xml_char, Image};

use crate::problem::Report;

/// A control character (C0 other than tab, line feed and carriage
/// return, DEL, or C1) or a noncharacter XML forbids. None is visible, and
/// none can travel in the RSS feed or the sitemap (XML 1.0 §2.2), so a
/// field holding one is refused rather than changed.
pub fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || !is_xml_char(c))
}

/// Refuses `value` when it holds a [`forbidden_char`].
pub fn text(report: &mut Report, line: usize, field: &str, value: &str) {
    if let Some(c) = forbidden_char(value) {
        report.at(line, format!("{field} holds the invisible control character U+{:04X}: remove it", c as u32));
    }
}

/// Refuses `href` unless it passes the URL rule ([`check_href`]).
pub fn href(report: &mut Report, line: usize, field: &str, href: &str) {
    if let Err(reason) = check_href(href) {
        report.at(line, format!("{field} `{}`: {reason}", shown(href)));
    }
}

/// The text fields of an image: alt text, caption, credit.
pub fn image_text(report: &mut Report, line: usize, field: &str, image: &Image) {
    text(report, line, &format!("{field} alt"), &image.alt);
    for (part, value) in [("caption", &image.caption), ("credit", &image.credit)] {
        if let Some(value) = value {
            text(report, line, &format!("{field} {part}"), value);
        }
    }
}

/// A value as a message quotes it: control characters written as
/// escapes, so that the message itself shows what is there.
pub fn shown(href: &str) -> String {
    href.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_forbidden_and_layout_whitespace_and_format_characters_are_not() {
        assert_eq!(forbidden_char("tab\tline\ncr\r"), None);
        assert_eq!(forbidden_char("zero\u{200B}width joiner\u{200D} rtl\u{202B}"), None);
        assert_eq!(forbidden_char("bell\u{7}"), Some('\u{7}'));
        assert_eq!(forbidden_char("c1\u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_char("x\u{FFFF}"), Some('\u{FFFF}'));
    }

    #[test]
    fn messages_name_the_field_and_show_hidden_characters() {
        let mut problems = Vec::new();
        let mut report = Report::new(std::path::Path::new("a.md"), &mut problems);
        href(&mut report, 3, "link", "java\u{0}script:alert(1)");
        text(&mut report, 4, "headline", "x\u{1b}[2J");
        assert_eq!(problems.len(), 2);
        assert!(problems[0].to_string().starts_with("a.md:3: link `java\\u{0}script:alert(1)`: "), "{}", problems[0]);
        assert_eq!(problems[1].to_string(), "a.md:4: headline holds the invisible control character U+001B: remove it");
    }
}
