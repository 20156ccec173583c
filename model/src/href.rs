//! The one URL rule: which addresses may reach a page as a link or an
//! image, shared by the content compiler (which refuses the rest with
//! `file:line`), the app (which renders the rest as plain text), and the
//! deploy settings.

use crate::{chars::is_hidden, newsletter::check_email};

/// What a writer may use, for the messages that refuse the rest.
pub const HREF_RULE: &str =
    "use an https: or http: URL, a mailto: address, or a path on this site that starts with one /";

/// Checks a link or image address against the URL rule; the error says
/// what is wrong with it, in words for a writer.
///
/// Allowed:
/// - `https://host…` and `http://host…` (a host must follow the `//`);
/// - `mailto:address`, optionally with `?subject=…`, where the address
///   passes [`check_email`];
/// - site-relative paths: exactly one `/` and then a character that is
///   neither `/` nor `\` (or `/` alone, the front page);
/// - `#fragment`, a place on the same page (footnotes), which cannot
///   leave it.
///
/// Refused: protocol-relative addresses in any disguise (`//host`, `/\host`,
/// `\\host`, `\/host`, `/%5Chost`, `/%2Fhost`: browsers and servers read
/// each as another host, per the WHATWG URL standard's handling of `\` in
/// special schemes), any backslash, whitespace or control character (which
/// browsers strip or reinterpret, hiding a scheme), paths relative to the
/// current page (they break when a page moves), and every other scheme
/// (`javascript:`, `data:`, `vbscript:`, `file:`…).
pub fn check_href(href: &str) -> Result<(), String> {
    if href.is_empty() {
        return Err("the address is empty".into());
    }
    if let Some(c) = href.chars().find(|&c| is_hidden(c)) {
        return Err(if c == ' ' {
            "the address holds a space: write it as %20".into()
        } else {
            format!("the address holds the invisible or control character U+{:04X}; remove it", c as u32)
        });
    }
    if href.contains('\\') {
        return Err("the address holds a backslash, which browsers read as /; write / instead".into());
    }
    if let Some(fragment) = href.strip_prefix('#') {
        return if fragment.is_empty() { Err("`#` alone points nowhere; name the place".into()) } else { Ok(()) };
    }
    if let Some(rest) = href.strip_prefix('/') {
        let decoded_start = rest.get(..3).map(str::to_ascii_uppercase);
        return if rest.starts_with('/') || matches!(decoded_start.as_deref(), Some("%2F" | "%5C")) {
            Err("the address leaves the site while looking like a path on it; for another site write \
                 https://host/…, for this site start the path with one /"
                .into())
        } else {
            Ok(())
        };
    }
    let Some((scheme, rest)) = href.split_once(':') else {
        return Err("a path relative to the page breaks when the page moves; start it with / for this site".into());
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !is_scheme || scheme.contains(['/', '?', '#']) {
        return Err("a path relative to the page breaks when the page moves; start it with / for this site".into());
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let host = rest.strip_prefix("//").map(|after| after.split(['/', '?', '#']).next().unwrap_or(""));
            match host {
                Some(host) if !host.is_empty() && !host.starts_with('@') => Ok(()),
                _ => Err(format!("`{scheme}:` must be followed by // and a host, as in {scheme}://example.org/page")),
            }
        }
        "mailto" => {
            let address = rest.split_once('?').map_or(rest, |(address, _)| address);
            check_email(address)
                .map_err(|_| "mailto: needs one valid email address, as in mailto:tips@example.org".to_string())
        }
        other => Err(format!("the scheme `{other}:` is not allowed: {HREF_RULE}")),
    }
}

/// Whether `href` passes [`check_href`]: what the app asks before it makes
/// a link or loads an image.
pub fn is_safe_href(href: &str) -> bool {
    check_href(href).is_ok()
}

#[cfg(test)]
mod tests {
    use super::{check_href, is_safe_href};

    #[test]
    fn web_mail_site_and_fragment_links_pass() {
        for ok in [
            "https://www.cisa.gov/kev",
            "HTTP://example.org/a",
            "https://example.org",
            "https://user@example.org/x",
            "https://[2001:db8::1]/x",
            "/threat-intelligence/x",
            "/",
            "/search?q=a:b",
            "/a//b",
            "/content/images/x.png",
            "#notes",
            "#fn-1",
            "mailto:tips@dispatch.example",
            "MAILTO:tips@dispatch.example?subject=Tip",
            "mailto:zoë@bücher.de",
        ] {
            assert_eq!(check_href(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn protocol_relative_addresses_fail_in_every_disguise() {
        for bad in [
            "//evil.example",
            "/\\evil.example/x",
            "\\\\evil.example",
            "\\/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2Fevil.example",
            "/%2f/evil.example",
            "https:/\\evil.example",
            "https:\\\\evil.example",
            "https:evil",
            "https:/evil.example",
            "https://",
            "https:///x",
            "https://@",
        ] {
            assert!(!is_safe_href(bad), "{bad}");
        }
        assert!(check_href("/\\evil.example/x").unwrap_err().contains("backslash"));
        assert!(check_href("/%5Cevil.example").unwrap_err().contains("leaves the site"));
    }

    #[test]
    fn other_schemes_controls_and_page_relative_paths_fail() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\u{0}script:alert(1)",
            "javascript&colon;alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "ftp://example.org",
            "x.json",
            "policy/x",
            "../x",
            "?q=1",
            "#",
            "",
            " https://x",
            "https://x\u{200B}.example",
            "https://x.example/\u{202E}fdp.exe",
            "mailto:",
            "mailto:a@b.c,evil@x.example",
            "mailto:not an address",
            "mailto:ana\u{200B}@example.com",
        ] {
            assert!(!is_safe_href(bad), "{bad:?}");
        }
        assert!(check_href("javascript:alert(1)").unwrap_err().contains("`javascript:` is not allowed"));
        assert!(check_href("x.json").unwrap_err().contains("start it with /"));
        assert!(check_href("https://x\u{200B}.example").unwrap_err().contains("U+200B"));
    }
}
