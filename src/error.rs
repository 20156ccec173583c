//! The one error type that reaches a page.

/// Why a piece of content could not be shown. Pages turn it into words
/// with [`crate::text::Text::error_message`] and offer a way forward.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The file does not exist: an unknown slug or a removed article.
    NotFound,
    /// The server answered with an error status.
    Server(u16),
    /// No answer at all: offline, DNS, a dropped connection.
    Network,
    /// The server took longer than [`crate::api::TIMEOUT_MS`].
    Timeout,
    /// An answer came, but it was not the JSON we expect.
    Malformed(String),
    /// The server refused the request and said why (a 4xx with a
    /// message, shown to the reader as text); empty when it did not say.
    Refused(String),
    /// Too many requests: come back after this many seconds, if the
    /// server said.
    TooMany(Option<u32>),
}

impl ApiError {
    /// Whether trying again at once might help. A missing file will still
    /// be missing and a refusal still refused; a rate limit wants waiting.
    /// Everything else can be a passing fault.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, ApiError::NotFound | ApiError::Refused(_) | ApiError::TooMany(_))
    }
}

/// Maps an HTTP status of an answer that was not a success.
pub fn from_status(status: u16) -> ApiError {
    match status {
        404 | 410 => ApiError::NotFound,
        other => ApiError::Server(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_are_not_found_and_not_retryable() {
        assert_eq!(from_status(404), ApiError::NotFound);
        assert_eq!(from_status(410), ApiError::NotFound);
        assert!(!ApiError::NotFound.is_retryable());
    }

    #[test]
    fn refusals_and_rate_limits_are_not_retried_at_once() {
        assert!(!ApiError::Refused("No.".into()).is_retryable());
        assert!(!ApiError::TooMany(Some(30)).is_retryable());
    }

    #[test]
    fn server_faults_are_retryable() {
        assert_eq!(from_status(503), ApiError::Server(503));
        assert!(ApiError::Server(500).is_retryable());
        assert!(ApiError::Timeout.is_retryable());
        assert!(ApiError::Network.is_retryable());
        assert!(ApiError::Malformed("eof".into()).is_retryable());
    }
}
