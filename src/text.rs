//! Every string a reader sees, in one place.
//!
//! The English edition lives here as constants and small formatting
//! functions. The Arabic edition will turn this module into one table per
//! locale; nothing outside it spells out reader-facing words.

use dispatch_model::{parse_date, CalendarDate};

use crate::error::ApiError;

pub const SITE_NAME: &str = "Dispatch";
pub const TAGLINE: &str = "Cybersecurity news, analysis and commentary from around the world";
pub const SKIP_TO_CONTENT: &str = "Skip to content";
pub const HOME_LINK_LABEL: &str = "Dispatch, front page";
pub const FOOTER_NOTE: &str =
    "Dispatch reports on threats, vulnerabilities and breaches, with a focus on the Middle East & Africa and the Asia Pacific.";

pub const LATEST_HEADING: &str = "Latest News";
pub const LOADING_LATEST: &str = "Loading the latest news…";
pub const LOADING_ARTICLE: &str = "Loading the article…";
pub const NO_ARTICLES: &str = "No articles have been published yet.";

pub const BY: &str = "By";
pub const AND: &str = "and";
pub const PUBLISHED: &str = "Published";
pub const UPDATED: &str = "Updated";
pub const UNSAFE_IMAGE: &str = "This image could not be shown.";

pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str =
    "We could not find that page. It may have moved, or the link may be mistyped.";
pub const BACK_TO_FRONT_PAGE: &str = "Go to the front page";
pub const ERROR_TITLE: &str = "This page did not load";
pub const RETRY: &str = "Try again";

/// The `<title>` of a page: "Headline | Dispatch", or the site name alone.
pub fn document_title(page: &str) -> String {
    if page.is_empty() {
        SITE_NAME.to_string()
    } else {
        format!("{page} | {SITE_NAME}")
    }
}

/// "4 Min Read".
pub fn min_read(minutes: u32) -> String {
    format!("{} Min Read", minutes.max(1))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "Nov 27, 2026", from an RFC 3339 timestamp; the stamp itself if it is
/// not one, so a bad date never hides the article.
pub fn date(stamp: &str) -> String {
    match parse_date(stamp) {
        Some(CalendarDate { year, month, day }) => {
            format!("{} {day}, {year}", MONTHS[usize::from(month - 1)])
        }
        None => stamp.to_string(),
    }
}

/// "Amina Haddad", "A and B", "A, B and C".
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {AND} {}", rest.join(", "), last.as_ref())
        }
    }
}

/// What went wrong, in words a reader can act on.
pub fn error_message(error: &ApiError) -> String {
    match error {
        ApiError::NotFound => NOT_FOUND_BODY.to_string(),
        ApiError::Server(status) => format!(
            "Our server had a problem (error {status}). It is usually brief: please try again in a moment."
        ),
        ApiError::Network => {
            "We could not reach Dispatch. Check your connection, then try again.".to_string()
        }
        ApiError::Timeout => {
            "The server is taking too long to answer. Please try again.".to_string()
        }
        ApiError::Malformed(_) => {
            "This page arrived damaged and could not be shown. Please try again.".to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_dateline() {
        assert_eq!(date("2026-11-27T09:30:00+04:00"), "Nov 27, 2026");
        assert_eq!(date("2027-01-03T23:59:00-05:00"), "Jan 3, 2027");
        assert_eq!(date("yesterday"), "yesterday");
    }

    #[test]
    fn reading_time_never_says_zero() {
        assert_eq!(min_read(4), "4 Min Read");
        assert_eq!(min_read(0), "1 Min Read");
    }

    #[test]
    fn joins_bylines_like_an_editor() {
        assert_eq!(join_names::<&str>(&[]), "");
        assert_eq!(join_names(&["A"]), "A");
        assert_eq!(join_names(&["A", "B"]), "A and B");
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn every_error_has_words_and_names_the_status() {
        assert!(error_message(&ApiError::Server(503)).contains("503"));
        for error in [ApiError::NotFound, ApiError::Network, ApiError::Timeout, ApiError::Malformed("x".into())] {
            let message = error_message(&error);
            assert!(message.ends_with('.'), "{message}");
            assert!(!message.contains("x\""), "no library text leaks: {message}");
        }
        assert_eq!(document_title(""), "Dispatch");
        assert_eq!(document_title("Headline"), "Headline | Dispatch");
    }
}
