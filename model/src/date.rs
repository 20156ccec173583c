//! Dates as the desk wrote them.
//!
//! A dateline shows the calendar day in the publishing desk's own offset
//! (an article filed in Dubai at 01:00 on the 28th is dated the 28th even
//! for a reader in London), so only the date part of the RFC 3339 stamp is
//! needed, and no time-zone database ships in the wasm.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    pub day: u8,
}

/// Reads the calendar date of an RFC 3339 timestamp such as
/// `2026-11-27T09:30:00+04:00`. Returns `None` for anything else.
pub fn parse_date(stamp: &str) -> Option<CalendarDate> {
    let bytes = stamp.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    if bytes.len() > 10 && !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = stamp.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let year = number(0..4)? as i32;
    let month = number(5..7)? as u8;
    let day = number(8..10)? as u8;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(CalendarDate { year, month, day })
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_date_in_the_desks_offset() {
        assert_eq!(parse_date("2026-11-28T01:00:00+04:00"), Some(CalendarDate { year: 2026, month: 11, day: 28 }));
        assert_eq!(parse_date("2024-02-29"), Some(CalendarDate { year: 2024, month: 2, day: 29 }));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "2026-13-01",
            "2025-02-29",
            "2026-11-31T00:00:00Z",
            "20261127",
            "2026-1-27",
            "2026-11-27X",
            "abcd-ef-gh",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
