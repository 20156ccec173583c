//! All network code of the app: one JSON fetch that every loader calls.

use std::{cell::Cell, rc::Rc};

use dispatch_model::{paths, Article, Author, IndexPage, Insights, Site};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;

use crate::error::{from_status, ApiError};

/// How long a reader waits for one content file before being told so.
/// Long enough for a slow 3G phone to fetch a large article, short enough
/// that nobody watches a skeleton forever.
pub const TIMEOUT_MS: u32 = 15_000;

/// How a load may use the browser's HTTP cache. Content JSON may be
/// cached for a minute, so a Retry after a damaged or failed answer must
/// ask the server again rather than get the same bytes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// A first load: the cache is welcome.
    Cached,
    /// A retry: revalidate with the server.
    Revalidate,
}

impl Freshness {
    /// `Cached` for the first attempt, `Revalidate` for every retry.
    pub fn for_attempt(attempt: u32) -> Freshness {
        if attempt == 0 {
            Freshness::Cached
        } else {
            Freshness::Revalidate
        }
    }
}

pub async fn article(slug: String, freshness: Freshness) -> Result<Article, ApiError> {
    fetch_json(&paths::article(&slug), freshness).await
}

pub async fn latest(page: u32, freshness: Freshness) -> Result<IndexPage, ApiError> {
    fetch_json(&paths::latest(page), freshness).await
}

/// A listing page: `kind` is "sections", "regions", "tags" or "authors".
pub async fn listing(kind: &'static str, slug: String, page: u32, freshness: Freshness) -> Result<IndexPage, ApiError> {
    fetch_json(&paths::listing(kind, &slug, page), freshness).await
}

pub async fn author(slug: String, freshness: Freshness) -> Result<Author, ApiError> {
    fetch_json(&paths::author(&slug), freshness).await
}

pub async fn site() -> Result<Site, ApiError> {
    fetch_json(paths::SITE, Freshness::Cached).await
}

pub async fn insights() -> Result<Insights, ApiError> {
    fetch_json(paths::INSIGHTS, Freshness::Cached).await
}

/// Fetches `path` and decodes it as `T`, aborting after [`TIMEOUT_MS`].
pub async fn fetch_json<T: DeserializeOwned>(path: &str, freshness: Freshness) -> Result<T, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    // Dropping the timer cancels it, so it lives until the body is read.
    let _timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let failed = |_| {
        if timed_out.get() {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    };

    let cache = match freshness {
        Freshness::Cached => web_sys::RequestCache::Default,
        Freshness::Revalidate => web_sys::RequestCache::NoCache,
    };
    let response = Request::get(path)
        .abort_signal(Some(&controller.signal()))
        .cache(cache)
        .send()
        .await
        .map_err(failed)?;
    if !response.ok() {
        return Err(from_status(response.status()));
    }
    // A host that answers every unknown path with the app shell (some CDN
    // set-ups do) has not found the file either.
    let is_html = response
        .headers()
        .get("content-type")
        .is_some_and(|kind| kind.starts_with("text/html"));
    if is_html {
        return Err(ApiError::NotFound);
    }
    let body = response.text().await.map_err(failed)?;
    serde_json::from_str(&body).map_err(|err| ApiError::Malformed(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::Freshness;

    #[test]
    fn only_a_retry_bypasses_the_cache() {
        assert_eq!(Freshness::for_attempt(0), Freshness::Cached);
        assert_eq!(Freshness::for_attempt(1), Freshness::Revalidate);
        assert_eq!(Freshness::for_attempt(7), Freshness::Revalidate);
    }
}
