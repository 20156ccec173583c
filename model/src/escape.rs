//! Escaping for every output Dispatch writes outside `view!`: one function
//! per context, each with its own tests. Text from content or
//! configuration reaches these outputs, and a newsroom that covers
//! security writes `<script>`, `javascript:` and `</title>` every week.
//!
//! | context | function | where |
//! |---|---|---|
//! | HTML text and quoted attribute values | [`html`] | the prerendered head's `<link>` and `<meta>` tags (`prerender/src/head.rs`) |
//! | `<title>` (escapable raw text: entities are decoded, `</title>` ends it) | [`html`] | the document title in the native render (`src/lib.rs`); leptos_meta 0.8 writes the title it is given into the HTML unescaped |
//! | JSON inside `<script>` (raw text: nothing is decoded, `</script>` ends it) | [`script_json`] | JSON-LD (`prerender/src/head.rs`) and the preloaded content files (`src/preload.rs`) |
//! | XML 1.0 text and attributes | [`xml`] | `rss.xml` and `sitemap.xml` (`press/src/feeds.rs`) |
//! | an HTTP header value | [`header_value`] | `_headers` (`xtask/src/deploy.rs`): the CSP carries the newsletter's origin from deploy.toml |
//! | an nginx quoted string | [`nginx_string`] | `_nginx.conf` (`xtask/src/deploy.rs`): the same headers |
//!
//! `_redirects` holds one fixed rule and no value from content or
//! configuration. Everything a page's body shows goes through `view!`,
//! whose renderer (tachys) escapes text and attribute values itself; the
//! app has no raw-HTML sink (`inner_html` is never used).

/// Text made safe as HTML text or as a double- or single-quoted attribute
/// value, and as the text of `<title>` (HTML's "escapable raw text", where
/// character references are decoded): `& < > " '` become references.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text made safe as XML 1.0 character data or a quoted attribute value:
/// `& < > " '` become the predefined entities.
///
/// XML 1.0 (§2.2, `Char`) cannot carry C0 control characters other than
/// tab, line feed and carriage return, nor U+FFFE and U+FFFF, even as
/// character references: a feed holding one does not parse. The content
/// compiler refuses them in every field with `file:line`, so none reaches
/// here from content; any that still does is written as U+FFFD, so the
/// document always parses.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document (§2.2, production `Char`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// JSON text made safe inside a `<script>` element, whose content HTML
/// does not decode and ends at the first `</script` (HTML, "script data
/// state"). `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`, and the
/// line and paragraph separators U+2028 and U+2029 their escapes too (for
/// readers that treat the block as JavaScript). Outside strings, JSON has
/// none of these characters, so the result is the same JSON value.
pub fn script_json(json: &str) -> String {
    // Over bytes, copying the runs between escapes whole: an article's
    // embedded JSON is several KB, on each of an archive's pages (issue
    // 18). `<`, `>` and `&` are ASCII, and U+2028 and U+2029 are the only
    // characters whose UTF-8 starts E2 80 A8 and E2 80 A9; neither can
    // start inside another character.
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        let (escape, width) = match bytes[at] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes[at + 1..].starts_with(&[0x80, 0xA8]) => ("\\u2028", 3),
            0xE2 if bytes[at + 1..].starts_with(&[0x80, 0xA9]) => ("\\u2029", 3),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&json[copied..at]);
        out.push_str(escape);
        at += width;
        copied = at;
    }
    out.push_str(&json[copied..]);
    out
}

/// `value` as an HTTP field value (RFC 9110 §5.5): visible characters,
/// spaces and tabs. A line break would end the header and start another
/// (header injection), and other control characters are refused by
/// hosts, so any control character is an error that names it; nothing is
/// rewritten, since a changed security header is worse than none.
pub fn header_value(value: &str) -> Result<&str, String> {
    match value.chars().find(|&c| c.is_control() && c != '\t') {
        Some(c) => Err(format!("a header value cannot hold the control character U+{:04X}", c as u32)),
        None => Ok(value),
    }
}

/// `value` as a double-quoted nginx string, quotes included: `"` and `\`
/// are escaped with `\`. nginx expands `$name` in such strings and has no
/// escape for `$`, and a line break would split the directive, so a value
/// holding `$` or a control character is refused.
pub fn nginx_string(value: &str) -> Result<String, String> {
    if value.contains('$') {
        return Err("an nginx string cannot hold `$` (nginx reads it as a variable)".into());
    }
    let value = header_value(value)?;
    Ok(format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_text_and_both_quotes() {
        assert_eq!(html("Q&A <b> \"x\" 'y'"), "Q&amp;A &lt;b&gt; &quot;x&quot; &#39;y&#39;");
        assert_eq!(html("Why `</script>` Still Breaks Sites"), "Why `&lt;/script&gt;` Still Breaks Sites");
        assert_eq!(html("plain Ünïcode نص"), "plain Ünïcode نص");
    }

    #[test]
    fn html_keeps_a_title_closed() {
        let title = html("</title><script>alert(1)</script>");
        assert!(!title.contains('<') && !title.contains('>'), "{title}");
        assert_eq!(title, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    #[test]
    fn xml_escapes_and_never_writes_a_character_xml_forbids() {
        assert_eq!(xml("a<b & 'c' \"d\">"), "a&lt;b &amp; &apos;c&apos; &quot;d&quot;&gt;");
        assert_eq!(xml("tab\tline\nend"), "tab\tline\nend");
        assert_eq!(xml("bell\u{7}\u{0}x\u{FFFE}"), "bell\u{FFFD}\u{FFFD}x\u{FFFD}");
        assert!(!is_xml_char('\u{1}') && !is_xml_char('\u{FFFF}') && is_xml_char('\u{10FFFF}'));
    }

    #[test]
    fn script_json_cannot_close_the_script_and_stays_the_same_json() {
        let json = r#"{"headline":"</script><!-- & \u2028 >","n":1}"#.replace("\\u2028", "\u{2028}");
        let safe = script_json(&json);
        for bad in ['<', '>', '&', '\u{2028}'] {
            assert!(!safe.contains(bad), "{safe}");
        }
        assert_eq!(safe, r#"{"headline":"\u003c/script\u003e\u003c!-- \u0026 \u2028 \u003e","n":1}"#);
        // Other characters, those that share U+2028's first bytes among
        // them (an en dash, an ellipsis), stay as they are.
        let text = "{\"deck\":\"– … \u{2029} أمن\"}";
        assert_eq!(script_json(text), "{\"deck\":\"– … \\u2029 أمن\"}");
    }

    #[test]
    fn header_values_refuse_line_breaks_and_controls() {
        assert_eq!(header_value("default-src 'none'; img-src 'self'"), Ok("default-src 'none'; img-src 'self'"));
        assert_eq!(header_value("a\tb"), Ok("a\tb"));
        for bad in ["a\r\nSet-Cookie: x=1", "a\nb", "a\u{0}", "a\u{7f}", "a\u{85}"] {
            assert!(header_value(bad).is_err(), "{bad:?}");
        }
        assert!(header_value("x\r\ny").unwrap_err().contains("U+000D"));
    }

    #[test]
    fn nginx_strings_are_quoted_and_refuse_variables() {
        assert_eq!(nginx_string("default-src 'none'").unwrap(), "\"default-src 'none'\"");
        assert_eq!(nginx_string(r#"a"b\c"#).unwrap(), r#""a\"b\\c""#);
        assert!(nginx_string("https://$host").is_err());
        assert!(nginx_string("a\";\nadd_header X y").is_err());
    }
}
