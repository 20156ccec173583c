//! Every string a reader sees, in one place.
//!
//! The English edition lives here as constants and small formatting
//! functions. The Arabic edition will turn this module into one table per
//! locale; nothing outside it spells out reader-facing words.

use dispatch_model::{newsletter::Problem, parse_date, CalendarDate, InsightKind};

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

/// The heading of an article's footnotes.
pub const NOTES_HEADING: &str = "Notes";
/// What a table without a caption is called, for the box it scrolls in.
pub const TABLE_LABEL: &str = "Table";

/// A screen reader's name for the reference to note `number` (the visible
/// text is the bare number).
pub fn note_ref_label(number: u32) -> String {
    format!("Note {number}")
}

/// A screen reader's name for the link from note `number` back to the text.
pub fn note_back_label(number: u32) -> String {
    format!("Back to the text of note {number}")
}

pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str = "We could not find that page. It may have moved, or the link may be mistyped.";
pub const BACK_TO_FRONT_PAGE: &str = "Go to the front page";
pub const ERROR_TITLE: &str = "This page did not load";
pub const RETRY: &str = "Try again";

pub const NEWSLETTER_LINK: &str = "Newsletters";
pub const NEWSLETTER_TITLE: &str = "Get the Dispatch digest";
pub const NEWSLETTER_PITCH: &str =
    "The latest threats, newly found vulnerabilities, breaches and trends, delivered to your inbox every weekday morning or once a week.";
pub const NEWSLETTER_PAGE_TITLE: &str = "Newsletters";
pub const NEWSLETTER_PAGE_DESCRIPTION: &str =
    "Sign up for Dispatch's daily or weekly digest of cybersecurity news from the Middle East & Africa, the Asia Pacific and the world.";
pub const EMAIL_LABEL: &str = "Email address";
pub const DIGESTS_LEGEND: &str = "Digests";
pub const DAILY_DIGEST: &str = "Daily digest";
pub const DAILY_HINT: &str = "Every weekday morning";
pub const WEEKLY_DIGEST: &str = "Weekly digest";
pub const WEEKLY_HINT: &str = "The week's top stories, on Fridays";
pub const PRIVACY_NOTICE_LINK: &str = "privacy notice";
pub const HONEYPOT_LABEL: &str = "Leave this field empty";
pub const SUBSCRIBE: &str = "Subscribe";
pub const SUBSCRIBING: &str = "Subscribing…";
pub const SUBSCRIBE_ANOTHER: &str = "Sign up another address";
pub const SIGNUP_SENDING: &str = "Sending your signup…";
pub const SIGNUP_CONFIRM: &str =
    "Almost done: we have sent you an email. Open the link in it to confirm your subscription.";
pub const SIGNUP_DONE: &str = "You are subscribed. Thank you for reading Dispatch.";
pub const SIGNUP_OFFLINE: &str =
    "You are offline. Your signup is saved on this device and will be sent when you are back online.";
pub const SIGNUP_RESUMED: &str = "Your signup from your last visit had not gone through; sending it now…";
pub const SIGNUP_FIX: &str = "Please correct the fields marked above.";
pub const PRIVACY_HEADING: &str = "Privacy notice";
pub const PRIVACY_NOTICE: [&str; 3] = [
    "We use your email address only to send the digests you chose. We do not sell it or share it with advertisers.",
    "Every digest has a link to unsubscribe at once. Until your subscription is confirmed we keep your address for at most 30 days.",
    "Your browser keeps a signup that could not be sent yet, so that it is not lost, and remembers which digests you chose; nothing else about you is stored.",
];

/// The consent line names exactly what the reader is agreeing to.
pub fn consent(daily: bool, weekly: bool) -> String {
    let what = match (daily, weekly) {
        (true, true) => "the daily and weekly digests",
        (true, false) => "the daily digest",
        (false, true) => "the weekly digest",
        (false, false) => "the digests I choose",
    };
    format!("I agree to receive {what} from Dispatch by email, as described in the ")
}

/// Said next to the field that has the problem.
pub fn signup_problem(problem: Problem) -> &'static str {
    match problem {
        Problem::EmailMissing => "Enter your email address.",
        Problem::EmailTooLong => "This address is too long: an email address has at most 254 characters.",
        Problem::EmailInvalid => "Enter an email address like name@example.com.",
        Problem::NoDigest => "Choose the daily digest, the weekly digest, or both.",
        Problem::NoConsent => "Tick this box to agree, so that we may email you.",
    }
}

/// What the call to action says to a reader who has signed up before.
pub fn subscribed_already(daily: bool, weekly: bool) -> String {
    let what = match (daily, weekly) {
        (true, true) => "the daily and weekly digests",
        (true, false) => "the daily digest",
        _ => "the weekly digest",
    };
    format!("You have signed up for {what} on this device. Thank you for reading Dispatch.")
}

/// A signup that did not go through, and what happens next.
pub fn signup_failed(error: &ApiError, retry_in: Option<u32>) -> String {
    let next = match retry_in {
        Some(seconds) => format!(" We will try again in {seconds} seconds, or you can try now."),
        None => String::new(),
    };
    let why = match error {
        ApiError::Refused(message) if !message.is_empty() => format!("The newsletter service said: {message}"),
        ApiError::Refused(_) => "The newsletter service did not accept this signup.".to_string(),
        ApiError::TooMany(Some(seconds)) => {
            format!("Too many signups from your connection. Please try again in {}.", wait(*seconds))
        }
        ApiError::TooMany(None) => "Too many signups from your connection. Please try again later.".to_string(),
        ApiError::Server(status) => {
            format!("The newsletter service had a problem (error {status}). Your signup is saved on this device.")
        }
        ApiError::Timeout => {
            "The newsletter service is taking too long to answer. Your signup is saved on this device.".to_string()
        }
        ApiError::NotFound | ApiError::Malformed(_) => {
            "The newsletter service is not answering as it should. Your signup is saved on this device.".to_string()
        }
        ApiError::Network => {
            "We could not reach the newsletter service. Your signup is saved on this device.".to_string()
        }
    };
    why + &next
}

/// "45 seconds", "2 minutes".
fn wait(seconds: u32) -> String {
    match seconds {
        0..=1 => "a second".to_string(),
        2..=90 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

/// The `<title>` of a page: "Headline | Dispatch", or the site name alone.
pub fn document_title(page: &str) -> String {
    if page.is_empty() {
        SITE_NAME.to_string()
    } else {
        format!("{page} | {SITE_NAME}")
    }
}

pub const SEARCH_LINK: &str = "Search";
pub const SEARCH_PAGE_TITLE: &str = "Search";
pub const SEARCH_PAGE_DESCRIPTION: &str =
    "Search Dispatch's cybersecurity news, analysis and commentary by word, section and region.";
pub const SEARCH_WORDS_LABEL: &str = "Search for";
pub const SEARCH_WORDS_HINT: &str = "A threat actor, a vulnerability, a company or a country";
pub const SEARCH_SECTION_LABEL: &str = "Section";
pub const SEARCH_REGION_LABEL: &str = "Region";
pub const ALL_SECTIONS: &str = "All sections";
pub const ALL_REGIONS: &str = "All regions";
pub const SEARCH_ORDER_LABEL: &str = "Order";
pub const ORDER_RELEVANCE: &str = "Best match";
pub const ORDER_NEWEST: &str = "Newest first";
pub const SEARCH_BUTTON: &str = "Search";
pub const SEARCH_RESULTS_LABEL: &str = "Search results";
pub const SEARCHING: &str = "Searching…";
pub const SEARCH_START: &str =
    "Type a word or a phrase to search every article, then narrow the results by section or region.";
/// Said before the app starts (or where JavaScript is off): the search
/// runs in the browser.
pub const SEARCH_NEEDS_SCRIPT: &str =
    "Search runs in your browser and needs JavaScript. Meanwhile, every article is in its section:";
pub const NO_RESULTS_HINT: &str = "Check the spelling, or try fewer or other words.";
pub const SEARCH_EVERYWHERE: &str = "Search all sections and regions";
pub const MORE_RESULTS: &str = "More results";

/// What the search found, announced to screen readers as it changes:
/// "12 results for “ransomware”", "1 result for …", "No results for …".
pub fn search_count(total: usize, words: &str) -> String {
    match total {
        0 => format!("No results for \u{201c}{words}\u{201d}"),
        1 => format!("1 result for \u{201c}{words}\u{201d}"),
        _ => format!("{total} results for \u{201c}{words}\u{201d}"),
    }
}

/// Which results are shown, when there are more than fit at once.
pub fn search_shown(shown: usize, total: usize) -> String {
    format!("Showing {shown} of {total}.")
}

/// A search that did not finish. Every cause is worth a retry: the index
/// is static files, so a failure is a connection's or a deploy's.
pub fn search_failed(error: &ApiError) -> &'static str {
    match error {
        ApiError::Timeout => "The search is taking too long. Check your connection and try again.",
        ApiError::Network => "The search could not load. Check your connection and try again.",
        _ => "The search index could not be read. Try again; if it keeps failing, come back later.",
    }
}

/// The front page's meta description. Every page sets its own through
/// leptos_meta, so index.html carries none (two would disagree).
pub const SITE_DESCRIPTION: &str = "Cybersecurity news, analysis and commentary from around the world, with a focus on the Middle East & Africa and the Asia Pacific.";

/// The meta description of a section, region or tag page.
pub fn listing_description(heading: &str) -> String {
    format!("{heading}: the latest cybersecurity news, analysis and commentary from Dispatch.")
}

/// A listing's document title: its heading on page 1, and
/// "Threat Intelligence, page 7" on an older page, so that each page's
/// title is its own in search results and tabs. (Older pages count from
/// the oldest and never change, so no "of N".)
pub fn page_title(heading: &str, page: u32) -> String {
    if page <= 1 {
        heading.to_string()
    } else {
        format!("{heading}, page {page}")
    }
}

/// "Articles by this author (12)"; without the count on an older page,
/// which says nothing that changes when a story is published.
pub fn all_by_author(count: Option<u32>) -> String {
    match count {
        Some(count) => format!("Articles by this author ({count})"),
        None => "Articles by this author".to_string(),
    }
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

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

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
        ApiError::Server(status) => {
            format!("Our server had a problem (error {status}). It is usually brief: please try again in a moment.")
        }
        ApiError::Network => "We could not reach Dispatch. Check your connection, then try again.".to_string(),
        ApiError::Timeout => "The server is taking too long to answer. Please try again.".to_string(),
        ApiError::Malformed(_) => "This page arrived damaged and could not be shown. Please try again.".to_string(),
        ApiError::Refused(_) | ApiError::TooMany(_) => signup_failed(error, None),
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
        assert_eq!(page_title("Policy", 1), "Policy");
        assert_eq!(page_title("Policy", 7), "Policy, page 7");
        assert_eq!(all_by_author(Some(12)), "Articles by this author (12)");
        assert_eq!(all_by_author(None), "Articles by this author");
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
    }

    #[test]
    fn signup_failures_say_what_happens_next() {
        assert_eq!(
            signup_failed(&ApiError::Refused("That is not a valid email address.".into()), None),
            "The newsletter service said: That is not a valid email address."
        );
        assert!(signup_failed(&ApiError::TooMany(Some(40)), None).ends_with("try again in 40 seconds."));
        assert!(signup_failed(&ApiError::TooMany(Some(600)), None).ends_with("try again in 10 minutes."));
        let waiting = signup_failed(&ApiError::Server(503), Some(4));
        assert!(
            waiting.contains("503")
                && waiting.contains("saved on this device")
                && waiting.ends_with("in 4 seconds, or you can try now.")
        );
        assert!(signup_failed(&ApiError::Network, None).contains("could not reach"));
    }

    #[test]
    fn consent_names_the_frequency() {
        assert!(consent(true, false).contains("the daily digest from"));
        assert!(consent(false, true).contains("the weekly digest from"));
        assert!(consent(true, true).contains("daily and weekly digests"));
        assert!(subscribed_already(true, true).contains("daily and weekly"));
        assert!(signup_problem(Problem::NoConsent).ends_with('.'));
        assert_eq!(document_title("Headline"), "Headline | Dispatch");
    }
}
