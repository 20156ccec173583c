//! All network code of the app: content loads and the newsletter signup,
//! both through one exchange that times out.

use std::{cell::Cell, rc::Rc};

use dispatch_model::{
    newsletter::{self, NewsletterConfig, SubscriptionRequest},
    paths, Article, Author, IndexPage, Insights, Site,
};
use gloo_net::http::{Request, RequestBuilder};
use gloo_timers::callback::Timeout;
use serde::{de::DeserializeOwned, Deserialize};

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
    decode(&fetch_body(path, freshness).await?)
}

/// The body of a content file. Kept apart from the decoding, so that the
/// request's code exists once in the wasm rather than once per content
/// type.
///
/// A first load takes the file from [`crate::preload`] when it is in hand;
/// natively nothing else is (there is no network to ask).
async fn fetch_body(path: &str, freshness: Freshness) -> Result<String, ApiError> {
    if freshness == Freshness::Cached {
        if let Some(held) = crate::preload::take(path) {
            return held.ok_or(ApiError::NotFound);
        }
    }
    if cfg!(not(target_arch = "wasm32")) {
        return Err(ApiError::Network);
    }
    let cache = match freshness {
        Freshness::Cached => web_sys::RequestCache::Default,
        Freshness::Revalidate => web_sys::RequestCache::NoCache,
    };
    let answer = exchange(Request::get(path).cache(cache), None).await?;
    if !(200..300).contains(&answer.status) {
        return Err(from_status(answer.status));
    }
    // A host that answers every unknown path with the app shell (some CDN
    // set-ups do) has not found the file either.
    if answer.content_type.starts_with("text/html") {
        return Err(ApiError::NotFound);
    }
    Ok(answer.body)
}

/// The newsletter settings chosen at deploy time.
pub async fn newsletter_config() -> Result<NewsletterConfig, ApiError> {
    fetch_json(newsletter::CONFIG_PATH, Freshness::Cached).await
}

/// Posts a signup to listmonk's public subscription API; `Ok(true)` when
/// the reader must confirm by mail (double opt-in).
pub async fn subscribe(endpoint: &str, request: &SubscriptionRequest) -> Result<bool, ApiError> {
    let body = serde_json::to_string(request).map_err(|err| ApiError::Malformed(err.to_string()))?;
    let answer = exchange(Request::post(endpoint).header("content-type", "application/json"), Some(body)).await?;
    match answer.status {
        200..=299 => {
            // listmonk answers `{"data": {"has_optin": …}}`; older versions
            // answer `{"data": true}`, which says nothing about opt-in.
            let accepted: Result<Accepted, _> = serde_json::from_str(&answer.body);
            Ok(accepted.is_ok_and(|accepted| accepted.data.has_optin))
        }
        429 => Err(ApiError::TooMany(answer.retry_after)),
        400..=499 => {
            let refusal: Option<Refusal> = serde_json::from_str(&answer.body).ok();
            Err(ApiError::Refused(refusal.map(|refusal| refusal.message).unwrap_or_default()))
        }
        status => Err(ApiError::Server(status)),
    }
}

#[derive(Deserialize)]
struct Accepted {
    data: Optin,
}

#[derive(Deserialize)]
struct Optin {
    has_optin: bool,
}

#[derive(Deserialize)]
struct Refusal {
    message: String,
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|err| ApiError::Malformed(err.to_string()))
}

/// An answer read whole.
struct Answer {
    status: u16,
    content_type: String,
    /// `Retry-After` in seconds, when the server sent it as a number.
    retry_after: Option<u32>,
    body: String,
}

/// Sends a request and reads the whole answer, aborting both after
/// [`TIMEOUT_MS`]. Every request of the app goes through here.
async fn exchange(builder: RequestBuilder, body: Option<String>) -> Result<Answer, ApiError> {
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
    let builder = builder.abort_signal(Some(&controller.signal()));
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(failed)?;
    let header = |name: &str| response.headers().get(name);
    let content_type = header("content-type").unwrap_or_default();
    let retry_after = header("retry-after").and_then(|value| value.trim().parse().ok());
    let status = response.status();
    let body = response.text().await.map_err(failed)?;
    Ok(Answer { status, content_type, retry_after, body })
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
