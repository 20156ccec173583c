//! The one slug rule: how a name (a tag, so far) becomes the path segment
//! of its page. The compiler makes slugs with it; everything else (the
//! app's router, the prerendered file names, the servers, the feeds) only
//! reads the slugs it made.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Symbols that carry meaning in technology names, as words, so that
/// `C`, `C++` and `C#` stay three tags. Applied in this order, before
/// anything else is read.
const SYMBOLS: &[(&str, &str)] =
    &[("++", " plus plus "), ("#", " sharp "), ("+", " plus "), ("&", " and "), ("@", " at ")];

/// The slug of `name`: NFC (UAX #15), lowercased by Unicode's rules, with
/// the letters, marks and digits of every script kept as they are (an
/// Arabic tag keeps its Arabic), the symbols of [`SYMBOLS`] and a leading
/// dot (`.NET`) as words, and every other run of characters as one hyphen.
/// Marks stay with their letter, so no stray hyphen splits a word, and the
/// dot that lowercasing the Turkish `İ` leaves (U+0307 after `i`) goes, so
/// `İstanbul` is `istanbul`, and so do the zero-width joiner and non-joiner
/// (U+200D, U+200C), which text keeps. Empty when the name has no letter or digit.
///
/// Slugs are path segments as Unicode; wherever a URL is written they are
/// percent-encoded (RFC 3986 §2.1), which the servers decode.
pub fn slug(name: &str) -> String {
    let mut spelled: String = name.nfc().collect();
    for (symbol, words) in SYMBOLS {
        spelled = spelled.replace(symbol, words);
    }
    let spelled: String = spelled
        .split_whitespace()
        .map(|word| match word.strip_prefix('.') {
            Some(rest) if rest.starts_with(char::is_alphanumeric) => format!("dot {rest}"),
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let lower: String = spelled.chars().flat_map(char::to_lowercase).collect::<String>().nfc().collect();
    let mut slug = String::with_capacity(lower.len());
    let mut previous = ' ';
    for c in lower.chars() {
        // The joiners only shape how Arabic, Persian and Indic letters
        // join. Invisible in an address, they would let two slugs look
        // alike, so they go, as IDNA (UTS #46) drops them from host names;
        // a hyphen in their place would split a word.
        if (c == '\u{307}' && previous == 'i') || c == '\u{200C}' || c == '\u{200D}' {
            continue;
        }
        if c.is_alphanumeric() || (is_combining_mark(c) && !slug.is_empty() && !slug.ends_with('-')) {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        previous = c;
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn symbols_in_technology_names_become_words() {
        assert_eq!(slug("C"), "c");
        assert_eq!(slug("C++"), "c-plus-plus");
        assert_eq!(slug("C#"), "c-sharp");
        assert_eq!(slug(".NET"), "dot-net");
        assert_eq!(slug("ASP.NET Core"), "asp-net-core");
        assert_eq!(slug("AT&T"), "at-and-t");
        assert_eq!(slug("Zero-Day"), "zero-day");
        assert_eq!(slug("  Policy & Regulation "), "policy-and-regulation");
    }

    #[test]
    fn every_script_keeps_its_letters_and_one_word_has_one_slug() {
        assert_eq!(slug("Comunicação"), "comunicação");
        assert_eq!(slug("Comunicac\u{327}a\u{303}o"), "comunicação");
        assert_eq!(slug("İstanbul"), "istanbul");
        assert_eq!(slug("الأمن السيبراني"), "الأمن-السيبراني");
        assert_eq!(slug("सुरक्षा"), "सुरक्षा", "Devanagari's vowel signs are marks, not breaks");
        assert_eq!(slug("Ünïcödé"), "ünïcödé");
        assert_eq!(slug("!!!"), "");
        assert_eq!(slug("امنیت\u{200C}سایبری"), "امنیتسایبری", "a Persian word with a non-joiner stays one word");
    }
}
