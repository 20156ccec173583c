//! All network code of the app: one JSON fetch that every loader calls.

use std::{cell::Cell, rc::Rc};

use dispatch_model::{paths, Article, IndexPage};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;

use crate::error::{from_status, ApiError};

/// How long a reader waits for one content file before being told so.
/// Long enough for a slow 3G phone to fetch a large article, short enough
/// that nobody watches a skeleton forever.
pub const TIMEOUT_MS: u32 = 15_000;

pub async fn article(slug: String) -> Result<Article, ApiError> {
    fetch_json(&paths::article(&slug)).await
}

pub async fn latest(page: u32) -> Result<IndexPage, ApiError> {
    fetch_json(&paths::latest(page)).await
}

/// Fetches `path` and decodes it as `T`, aborting after [`TIMEOUT_MS`].
pub async fn fetch_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
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

    let response = Request::get(path)
        .abort_signal(Some(&controller.signal()))
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
