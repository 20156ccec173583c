//! Reading source files: front matter, TOML, and where things are in them.

use serde::de::DeserializeOwned;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A source file's text, normalised to Unicode NFC (UAX #15): the same
/// words typed with combining marks (NFD, as macOS file names and some
/// keyboards produce) and precomposed are then the same text, so tags,
/// slugs and search agree. NFC changes no visible character and no line
/// break, so every line number stays true.
///
/// Most text is NFC already (all of it ASCII, often): UAX #15's quick
/// check says so in one pass, and the text is kept as read. Rebuilding
/// every file character by character was 14% of a 100,000-article
/// compile (docs/benchmarks.md, session 15).
pub fn read_text(file: &std::path::Path) -> std::io::Result<String> {
    let text = std::fs::read_to_string(file)?;
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Ok(text);
    }
    Ok(text.nfc().collect())
}

/// A Markdown file split at its `+++` front matter fences.
pub struct Document<'a> {
    pub front: &'a str,
    /// Line number of the first front matter line.
    pub front_line: usize,
    pub body: &'a str,
    /// Line number of the first body line.
    pub body_line: usize,
}

pub fn split(text: &str) -> Result<Document<'_>, (usize, String)> {
    let missing = || (1, "expected front matter: the first line must be `+++`".to_string());
    let first_end = text.find('\n').ok_or_else(missing)?;
    if text[..first_end].trim_end() != "+++" {
        return Err(missing());
    }
    let mut offset = first_end + 1;
    // The front matter starts on line 2, after the opening `+++`.
    for (line, raw) in (2..).zip(text[offset..].split_inclusive('\n')) {
        if raw.trim_end() == "+++" {
            return Ok(Document {
                front: &text[first_end + 1..offset],
                front_line: 2,
                body: &text[offset + raw.len()..],
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err((1, "front matter is not closed: add a line `+++` after it".to_string()))
}

/// Decodes TOML; an error carries the line it points at.
pub fn decode<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, (usize, String)> {
    toml::from_str(text).map_err(|err| {
        let line = err.span().map_or(0, |span| line_of(text, span.start));
        (first_line + line, err.message().trim().to_string())
    })
}

/// 0-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|b| *b == b'\n').count()
}

/// The line of `key = …` inside `[table]` (or at the top level for
/// `None`), so a problem with a value points at it; the first line when
/// the key is absent.
pub fn key_line(text: &str, first_line: usize, table: Option<&str>, key: &str) -> usize {
    let mut current: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            current = Some(trimmed.trim_matches(['[', ']']).trim().to_string());
            continue;
        }
        let in_table = match table {
            None => current.is_none(),
            Some(name) => current.as_deref() == Some(name),
        };
        let is_key = trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
        if in_table && is_key {
            return first_line + index;
        }
    }
    first_line
}

/// The line of `key = …` in the `index`-th (from 0) `[[table]]` entry of
/// an array of tables, so a problem with one entry points at it;
/// `first_line` when that entry or its key is absent.
pub fn entry_key_line(text: &str, first_line: usize, table: &str, index: usize, key: &str) -> usize {
    let header = format!("[[{table}]]");
    // How many `[[table]]` headers came so far, while still inside one.
    let mut entries_seen = 0;
    let mut inside = false;
    for (line, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.starts_with('[') {
            inside = trimmed == header;
            if inside {
                entries_seen += 1;
            }
            continue;
        }
        let is_key = trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
        if inside && entries_seen == index + 1 && is_key {
            return first_line + line;
        }
    }
    first_line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let doc = split("+++\ntitle = 1\n+++\n\nBody\n").unwrap();
        assert_eq!(doc.front, "title = 1\n");
        assert_eq!(doc.front_line, 2);
        assert_eq!(doc.body, "\nBody\n");
        assert_eq!(doc.body_line, 4);
    }

    #[test]
    fn text_is_read_as_nfc() {
        let file = std::env::temp_dir().join(format!("dispatch-nfc-{}.md", std::process::id()));
        std::fs::write(&file, "Zoe\u{308} Cafe\u{301}\nline 2\n").unwrap();
        let text = read_text(&file).unwrap();
        std::fs::remove_file(&file).unwrap();
        assert_eq!(text, "Zoë Café\nline 2\n");
    }

    #[test]
    fn text_the_quick_check_passes_or_doubts_reads_as_its_full_nfc() {
        let file = std::env::temp_dir().join(format!("dispatch-nfc-quick-{}.md", std::process::id()));
        // ASCII; NFC already (Arabic, Latin, Hangul); a lone combining mark
        // (the quick check's "maybe", NFC as it is); a Hangul syllable as
        // its jamo; a singleton (U+212B ANGSTROM SIGN is U+00C5 in NFC).
        for text in ["plain\n", "أمن سيبراني Zoë 한국\n", "\u{301} starts\n", "\u{1100}\u{1161}\n", "\u{212B}\n"]
        {
            std::fs::write(&file, text).unwrap();
            assert_eq!(read_text(&file).unwrap(), text.nfc().collect::<String>(), "{text:?}");
        }
        std::fs::remove_file(&file).unwrap();
    }

    #[test]
    fn front_matter_must_open_and_close() {
        assert_eq!(split("title = 1\n").err().unwrap().0, 1);
        assert!(split("+++\ntitle = 1\n").err().unwrap().1.contains("not closed"));
    }

    #[test]
    fn finds_keys_in_tables() {
        let front = "headline = \"x\"\nalt = \"top\"\n\n[hero]\nsrc = \"a\"\nalt = \"\"\n";
        assert_eq!(key_line(front, 2, None, "alt"), 3);
        assert_eq!(key_line(front, 2, Some("hero"), "alt"), 7);
        assert_eq!(key_line(front, 2, Some("hero"), "missing"), 2);
    }

    #[test]
    fn finds_keys_in_one_entry_of_an_array_of_tables() {
        let text =
            "name = \"n\"\n[[links]]\nhref = \"a\"\n[photo]\nhref = \"p\"\n[[links]]\nlabel = \"b\"\nhref = \"b\"\n";
        assert_eq!(entry_key_line(text, 1, "links", 0, "href"), 3);
        assert_eq!(entry_key_line(text, 1, "links", 1, "href"), 8);
        assert_eq!(entry_key_line(text, 1, "links", 2, "href"), 1);
    }
}
