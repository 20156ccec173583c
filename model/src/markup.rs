/// Text made safe for XML or HTML, as content or as a quoted attribute
/// value: the feeds and the prerendered pages' head tags write it.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_markup;

    #[test]
    fn markup_and_quotes_become_entities() {
        assert_eq!(escape_markup("Q&A <b> \"x\" 'y'"), "Q&amp;A &lt;b&gt; &quot;x&quot; &apos;y&apos;");
    }
}
