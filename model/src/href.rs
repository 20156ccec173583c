/// Whether a link or image address from content may reach the page:
/// `http:` and `https:` URLs, and paths relative to the site. Anything
/// else (`javascript:`, `data:`, `vbscript:`, protocol-relative `//host`,
/// or a scheme hidden behind whitespace or control characters) is refused.
pub fn is_safe_href(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    if href.starts_with("//") || href.starts_with("\\") {
        return false;
    }
    match href.find(':') {
        None => true,
        Some(colon) => {
            // A colon after the first '/', '?' or '#' is part of the path,
            // not a scheme ("/search?q=a:b").
            if href[..colon].contains(['/', '?', '#']) {
                return true;
            }
            let scheme = href[..colon].to_ascii_lowercase();
            (scheme == "http" || scheme == "https") && href[colon + 1..].starts_with("//")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_safe_href;

    #[test]
    fn web_and_relative_links_pass() {
        for ok in [
            "https://www.cisa.gov/kev",
            "HTTP://example.org/a",
            "/threat-intelligence/x",
            "x.json",
            "#notes",
            "/search?q=a:b",
        ] {
            assert!(is_safe_href(ok), "{ok}");
        }
    }

    #[test]
    fn other_schemes_and_tricks_fail() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "java\tscript:x",
            " https://x",
            "https:evil",
            "mailto:a@b.c",
            "",
        ] {
            assert!(!is_safe_href(bad), "{bad}");
        }
    }
}
