//! Every string a reader sees, in one place.
//!
//! The English edition lives here as constants and small formatting
//! functions. The Arabic edition will turn this module into one table per
//! locale; nothing outside it spells out reader-facing words.

use dispatch_model::{parse_date, CalendarDate, InsightKind};

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
pub const UPDATED: &str = "Updated";
/// What stands between the last two names of a byline.
pub const BYLINE_LAST_SEPARATOR: &str = " and ";
pub const SECTIONS_LABEL: &str = "Sections";
pub const DARK_THEME: &str = "Dark theme";
pub const TAGS_LABEL: &str = "Topics in this article";
pub const ABOUT_THE_AUTHOR: &str = "About the Author";
pub const YOU_MAY_ALSO_LIKE: &str = "You May Also Like";
pub const MORE_INSIGHTS: &str = "More Insights";
pub const SHARE_LABEL: &str = "Share this article";
pub const COPY_LINK: &str = "Copy link";
pub const LINK_COPIED: &str = "Link copied";
pub const COPY_FAILED: &str = "Could not copy the link; copy it from the address bar.";
pub const SHARE_EMAIL: &str = "Email";
pub const SHARE_LINKEDIN: &str = "LinkedIn";
pub const SHARE_X: &str = "X";
pub const LOADING_LIST: &str = "Loading the articles…";
pub const LOADING_AUTHOR: &str = "Loading the author's page…";
pub const PAGINATION_LABEL: &str = "More articles";
pub const NEWER: &str = "Newer";
pub const OLDER: &str = "Older";

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

/// "Page 2 of 5".
pub fn page_of(page: u32, pages: u32) -> String {
    format!("Page {page} of {pages}")
}

/// "Articles by this author (12)".
pub fn all_by_author(count: u32) -> String {
    format!("Articles by this author ({count})")
}

pub fn insight_kind(kind: InsightKind) -> &'static str {
    match kind {
        InsightKind::Report => "Report",
        InsightKind::Webinar => "Webinar",
        InsightKind::Event => "Event",
        InsightKind::WhitePaper => "White Paper",
    }
}

/// The heading of a tag page: "Topic: Ransomware".
pub fn tag_heading(name: &str) -> String {
    format!("Topic: {name}")
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
    fn counts_pages_and_articles() {
        assert_eq!(page_of(2, 5), "Page 2 of 5");
        assert_eq!(all_by_author(12), "Articles by this author (12)");
        assert_eq!(insight_kind(InsightKind::WhitePaper), "White Paper");
        assert_eq!(tag_heading("Ransomware"), "Topic: Ransomware");
    }

    #[test]
    fn reading_time_never_says_zero() {
        assert_eq!(min_read(4), "4 Min Read");
        assert_eq!(min_read(0), "1 Min Read");
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
