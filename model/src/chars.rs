//! Characters that change what a reader sees without being seen: the
//! email rule and the URL rule refuse them, since each makes one visible
//! address stand for another.

/// Unicode's general category Cf ("format"): zero-width spaces and joiners,
/// bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+061C, U+200E,
/// U+200F), the byte order mark U+FEFF, the soft hyphen U+00AD, tag
/// characters and the like.
///
/// The ranges are Unicode 16.0's (`DerivedGeneralCategory.txt`). A test
/// compares them, code point by code point, with the `unicode-properties`
/// crate, so they cannot drift from it; the crate itself is not linked
/// into the app because its table of every category would add kilobytes
/// of wasm for these 22 ranges.
pub fn is_format(c: char) -> bool {
    let c = c as u32;
    FORMAT
        .binary_search_by(|&(start, end)| {
            if end < c {
                std::cmp::Ordering::Less
            } else if start > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether `c` is a control character (Cc), a format character (Cf) or
/// whitespace: none of them belongs inside an address.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || c.is_whitespace() || is_format(c)
}

const FORMAT: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

#[cfg(test)]
mod tests {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

    use super::*;

    #[test]
    fn the_format_table_is_unicode_s() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_format(c), c.general_category() == GeneralCategory::Format, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn hidden_characters_include_the_usual_tricks() {
        for c in ['\u{200B}', '\u{200D}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}', ' ', '\u{A0}', '\u{0}'] {
            assert!(is_hidden(c), "U+{:04X}", c as u32);
        }
        for c in ['a', 'ë', 'ب', '中', '-', '.'] {
            assert!(!is_hidden(c), "{c}");
        }
    }
}
