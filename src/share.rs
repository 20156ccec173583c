//! Share links that need no third-party script: plain URLs the reader's
//! own mail client or the network's share page opens.

/// Percent-encodes everything but RFC 3986's unreserved characters, as
/// `encodeURIComponent` does, without calling into the browser (so the
/// links also render natively).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The address an article is shared at: the site's public `origin` (from
/// `site.json`, such as `https://dispatch.example`) and its canonical path.
pub fn article_url(origin: &str, href: &str) -> String {
    format!("{origin}{href}")
}

/// `text` as a page's text holds it once parsed: HTML's parser turns
/// every CR LF pair and every lone CR into LF (HTML Standard,
/// "Preprocessing the input stream"). The share links mounted in the
/// browser take the headline from the page (`src/islands.rs`), so the
/// prerendered links encode the same text.
fn as_parsed(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

pub fn email(headline: &str, url: &str) -> String {
    format!("mailto:?subject={}&body={}", encode_component(&as_parsed(headline)), encode_component(url))
}

pub fn linkedin(url: &str) -> String {
    format!("https://www.linkedin.com/sharing/share-offsite/?url={}", encode_component(url))
}

pub fn x(headline: &str, url: &str) -> String {
    format!("https://x.com/intent/post?text={}&url={}", encode_component(&as_parsed(headline)), encode_component(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component("Qatar & Rwanda: 6 areas?"), "Qatar%20%26%20Rwanda%3A%206%20areas%3F");
        assert_eq!(encode_component("é"), "%C3%A9");
        assert_eq!(encode_component("a-b_c.d~e"), "a-b_c.d~e");
    }

    #[test]
    fn builds_the_share_urls() {
        let url = "https://dispatch.example/policy/qatar-rwanda";
        assert_eq!(
            email("Deal signed", url),
            "mailto:?subject=Deal%20signed&body=https%3A%2F%2Fdispatch.example%2Fpolicy%2Fqatar-rwanda"
        );
        assert_eq!(linkedin(url), "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fdispatch.example%2Fpolicy%2Fqatar-rwanda");
        assert!(x("Deal signed", url).starts_with("https://x.com/intent/post?text=Deal%20signed&url=https%3A%2F%2F"));
    }

    #[test]
    fn a_headline_s_line_breaks_are_encoded_as_the_parsed_page_holds_them() {
        let url = "https://dispatch.example/policy/a";
        assert_eq!(email("Deal\r\nsigned\rin\nDoha", url), email("Deal\nsigned\nin\nDoha", url));
        assert_eq!(x("Deal\r\nsigned\rin\nDoha", url), x("Deal\nsigned\nin\nDoha", url));
        assert!(email("a\r\nb", url).starts_with("mailto:?subject=a%0Ab&"));
    }
}
