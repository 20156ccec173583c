//! The newsletter service of the dev loop and the tests: listmonk's public
//! subscription API, backed by SQLite in a data folder.
//!
//! - `POST /api/public/subscription` takes `{email, name, list_uuids}` and
//!   answers `{"data": {"has_optin": true}}`, as listmonk does for lists
//!   with double opt-in, or `{"message": "…"}` with a 4xx or 5xx status.
//! - The same address and list stored twice is one subscription, and the
//!   answer is the same, so a retried request is harmless and the answer
//!   does not reveal who is already subscribed.
//! - Each client address may send `rate_limit` requests a minute; past
//!   that the answer is 429 with `Retry-After`.
//! - Instead of sending the double opt-in mail, it prints the confirmation
//!   link to its log; `GET /api/public/optin/{token}` confirms.

use std::{
    collections::{HashMap, VecDeque},
    net::{IpAddr, SocketAddr},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    body::Bytes,
    extract::{ConnectInfo, Path as UrlPath, Request, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use dispatch_model::newsletter::{normalise_email, Problem, SubscriptionRequest};
use rusqlite::{params, Connection, OptionalExtension};

/// Where the app posts, as in listmonk.
pub const SUBSCRIBE_PATH: &str = "/api/public/subscription";
/// Where a confirmation link points; under `/api/` so that the dev loop's
/// one proxy rule reaches it.
pub const OPTIN_PATH: &str = "/api/public/optin";

const WINDOW: Duration = Duration::from_secs(60);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewsletterSettings {
    /// The folder that holds `newsletter.sqlite3`.
    pub data: PathBuf,
    /// The list UUIDs that may be subscribed to.
    pub lists: Vec<String>,
    /// Requests a minute from one client address; 0 turns the limit off.
    pub rate_limit: u32,
}

pub struct Newsletter {
    store: Mutex<Connection>,
    lists: Vec<String>,
    limiter: Mutex<Limiter>,
}

impl Newsletter {
    pub fn open(settings: &NewsletterSettings) -> Result<Newsletter, String> {
        std::fs::create_dir_all(&settings.data)
            .map_err(|err| format!("cannot create the data folder {}: {err}", settings.data.display()))?;
        let path = database_path(&settings.data);
        let store = Connection::open(&path).map_err(|err| format!("cannot open {}: {err}", path.display()))?;
        store.execute_batch(SCHEMA).map_err(|err| format!("cannot prepare {}: {err}", path.display()))?;
        Ok(Newsletter {
            store: Mutex::new(store),
            lists: settings.lists.clone(),
            limiter: Mutex::new(Limiter::new(settings.rate_limit)),
        })
    }

    /// Stores the subscription; the token of the subscriber when it added
    /// a list that still waits for confirmation.
    fn subscribe(&self, request: &SubscriptionRequest) -> rusqlite::Result<Stored> {
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let transaction = store.transaction()?;
        let email = normalise_email(&request.email);
        transaction.execute(
            "INSERT INTO subscribers (email, name, token, created_at)
             VALUES (?1, ?2, lower(hex(randomblob(16))), datetime('now'))
             ON CONFLICT (email) DO NOTHING",
            params![email, request.name.trim()],
        )?;
        let (id, token, confirmed): (i64, String, bool) = transaction.query_row(
            "SELECT id, token, confirmed_at IS NOT NULL FROM subscribers WHERE email = ?1",
            params![email],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let mut added = 0;
        for list in &request.list_uuids {
            added += transaction.execute(
                "INSERT OR IGNORE INTO subscriptions (subscriber_id, list_uuid, created_at) VALUES (?1, ?2, datetime('now'))",
                params![id, list],
            )?;
        }
        transaction.commit()?;
        Ok(Stored { email, token, newly_pending: added > 0 && !confirmed })
    }

    fn confirm(&self, token: &str) -> rusqlite::Result<bool> {
        let store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let found: Option<i64> = store
            .query_row("SELECT id FROM subscribers WHERE token = ?1", params![token], |row| row.get(0))
            .optional()?;
        if found.is_some() {
            store.execute(
                "UPDATE subscribers SET confirmed_at = datetime('now') WHERE token = ?1 AND confirmed_at IS NULL",
                params![token],
            )?;
        }
        Ok(found.is_some())
    }
}

pub fn database_path(data: &Path) -> PathBuf {
    data.join("newsletter.sqlite3")
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS subscribers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    confirmed_at TEXT
);
CREATE TABLE IF NOT EXISTS subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    list_uuid TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, list_uuid)
);
";

struct Stored {
    email: String,
    token: String,
    newly_pending: bool,
}

/// A sliding window of request times per client address.
struct Limiter {
    per_minute: u32,
    seen: HashMap<IpAddr, VecDeque<Instant>>,
}

impl Limiter {
    fn new(per_minute: u32) -> Limiter {
        Limiter { per_minute, seen: HashMap::new() }
    }

    /// `None` if `client` may go ahead (and counts the request), else how
    /// long until it may.
    fn check(&mut self, client: IpAddr, now: Instant) -> Option<Duration> {
        if self.per_minute == 0 {
            return None;
        }
        // Forget quiet clients so the table cannot grow without bound.
        if self.seen.len() > 10_000 {
            self.seen.retain(|_, times| times.back().is_some_and(|last| now.duration_since(*last) < WINDOW));
        }
        let times = self.seen.entry(client).or_default();
        while times.front().is_some_and(|first| now.duration_since(*first) >= WINDOW) {
            times.pop_front();
        }
        if times.len() < self.per_minute as usize {
            times.push_back(now);
            return None;
        }
        times.front().map(|first| WINDOW - now.duration_since(*first))
    }
}

pub fn routes(newsletter: Arc<Newsletter>) -> Router {
    Router::new()
        .route(SUBSCRIBE_PATH, post(subscribe))
        .route(&format!("{OPTIN_PATH}/{{token}}"), get(confirm))
        .with_state(newsletter)
}

async fn subscribe(State(newsletter): State<Arc<Newsletter>>, headers: HeaderMap, request: Request) -> Response {
    let client =
        request.extensions().get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::from([127, 0, 0, 1]), |info| info.0.ip());
    let wait = newsletter.limiter.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).check(client, Instant::now());
    if let Some(wait) = wait {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut response = message(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("Too many signups from your address. Try again in {seconds} seconds."),
        );
        response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        return response;
    }
    let body = match axum::body::to_bytes(request.into_body(), 64 * 1024).await {
        Ok(body) => body,
        Err(_) => return message(StatusCode::PAYLOAD_TOO_LARGE, "The request is too large."),
    };
    let request = match parse(&body) {
        Ok(request) => request,
        Err(response) => return response,
    };
    if let Some(unknown) = request.list_uuids.iter().find(|list| !newsletter.lists.contains(list)) {
        return message(StatusCode::BAD_REQUEST, &format!("There is no newsletter list {unknown}."));
    }
    let store = newsletter.clone();
    let stored = tokio::task::spawn_blocking(move || store.subscribe(&request)).await;
    match stored {
        Ok(Ok(stored)) => {
            if stored.newly_pending {
                println!(
                    "newsletter: to confirm {}, open {}{OPTIN_PATH}/{}",
                    stored.email,
                    public_origin(&headers),
                    stored.token
                );
            }
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], r#"{"data":{"has_optin":true}}"#)
                .into_response()
        }
        Ok(Err(err)) => {
            eprintln!("newsletter: cannot store a subscription: {err}");
            message(StatusCode::INTERNAL_SERVER_ERROR, "The subscription could not be saved. Please try again.")
        }
        Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, "The subscription could not be saved. Please try again."),
    }
}

/// Where the reader's browser reached this service: the `Origin` a
/// browser sends with every POST (behind the dev loop's proxy that is the
/// site's address, not this server's), else the `Host`.
fn public_origin(headers: &HeaderMap) -> String {
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    match (header(header::ORIGIN), header(header::HOST)) {
        (Some(origin), _) if origin.starts_with("http") => origin.to_string(),
        (_, Some(host)) => format!("http://{host}"),
        _ => "http://127.0.0.1".to_string(),
    }
}

#[allow(clippy::result_large_err)]
fn parse(body: &Bytes) -> Result<SubscriptionRequest, Response> {
    let request: SubscriptionRequest = serde_json::from_slice(body).map_err(|_| {
        message(StatusCode::BAD_REQUEST, "The request is not a subscription (expected JSON with email and list_uuids).")
    })?;
    match request.problem() {
        None => Ok(request),
        Some(problem) => Err(message(StatusCode::BAD_REQUEST, refusal(problem))),
    }
}

/// The server's words for a refused request, which the form shows as they
/// are (listmonk's answers are English too).
fn refusal(problem: Problem) -> &'static str {
    match problem {
        Problem::EmailMissing => "An email address is required.",
        Problem::EmailTooLong => "That email address is too long.",
        Problem::EmailInvalid => "That is not a valid email address.",
        Problem::NoDigest => "Choose at least one newsletter.",
        Problem::NoConsent => "Consent is required.",
    }
}

async fn confirm(State(newsletter): State<Arc<Newsletter>>, UrlPath(token): UrlPath<String>) -> Response {
    let store = newsletter.clone();
    match tokio::task::spawn_blocking(move || store.confirm(&token)).await {
        Ok(Ok(true)) => (StatusCode::OK, "Subscription confirmed. Thank you.\n").into_response(),
        Ok(Ok(false)) => (StatusCode::NOT_FOUND, "This confirmation link is not valid.\n").into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "The confirmation could not be saved. Please try again.\n")
            .into_response(),
    }
}

fn message(status: StatusCode, text: &str) -> Response {
    let body = serde_json::json!({ "message": text }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    const DAILY: &str = "daily-list";
    const WEEKLY: &str = "weekly-list";

    struct Fixture {
        data: PathBuf,
        newsletter: Arc<Newsletter>,
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.data);
        }
    }

    fn fixture(name: &str, rate_limit: u32) -> Fixture {
        let data = std::env::temp_dir().join(format!("dispatch-newsletter-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        let settings = NewsletterSettings { data: data.clone(), lists: vec![DAILY.into(), WEEKLY.into()], rate_limit };
        Fixture { newsletter: Arc::new(Newsletter::open(&settings).unwrap()), data }
    }

    async fn post_from(
        newsletter: &Arc<Newsletter>,
        client: [u8; 4],
        body: &str,
    ) -> (StatusCode, HeaderMap, serde_json::Value) {
        let mut request = Request::post(SUBSCRIBE_PATH)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        request.extensions_mut().insert(ConnectInfo(SocketAddr::from((client, 40000))));
        let response = routes(newsletter.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, headers, serde_json::from_slice(&bytes).unwrap())
    }

    fn count(fixture: &Fixture, sql: &str) -> i64 {
        let store = Connection::open(database_path(&fixture.data)).unwrap();
        store.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    #[tokio::test]
    async fn a_valid_signup_is_stored_and_asks_for_confirmation() {
        let fixture = fixture("valid", 0);
        let (status, _, answer) = post_from(
            &fixture.newsletter,
            [10, 0, 0, 1],
            r#"{"email":"Ana@Example.com","name":"Ana","list_uuids":["daily-list","weekly-list"]}"#,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer, serde_json::json!({ "data": { "has_optin": true } }));
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscribers WHERE email = 'ana@example.com'"), 1);
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscriptions"), 2);
    }

    #[tokio::test]
    async fn the_server_refuses_what_the_form_refuses() {
        let fixture = fixture("invalid", 0);
        for (body, expected) in [
            (r#"{"email":"ana@","list_uuids":["daily-list"]}"#, "That is not a valid email address."),
            (r#"{"email":"","list_uuids":["daily-list"]}"#, "An email address is required."),
            (r#"{"email":"ana@example.com","list_uuids":[]}"#, "Choose at least one newsletter."),
            (r#"{"email":"ana@example.com","list_uuids":["monthly"]}"#, "There is no newsletter list monthly."),
            (
                r#"{"email":"ana@example.com""#,
                "The request is not a subscription (expected JSON with email and list_uuids).",
            ),
        ] {
            let (status, _, answer) = post_from(&fixture.newsletter, [10, 0, 0, 2], body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(answer["message"], expected, "{body}");
        }
        let long = format!(r#"{{"email":"{}@example.com","list_uuids":["daily-list"]}}"#, "a".repeat(250));
        let (status, _, answer) = post_from(&fixture.newsletter, [10, 0, 0, 2], &long).await;
        assert_eq!(
            (status, answer["message"].as_str()),
            (StatusCode::BAD_REQUEST, Some("That email address is too long."))
        );
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscribers"), 0);
    }

    /// Issue 12, finding 3: each of these looks like ana@example.com and
    /// was stored as a subscriber of its own.
    #[tokio::test]
    async fn addresses_with_invisible_characters_are_refused_and_nothing_is_stored() {
        let fixture = fixture("invisible", 0);
        for email in [
            "ana\u{200B}@example.com",
            "\u{202E}ana@example.com",
            "ana@example.com\u{2069}",
            "\u{FEFF}ana@example.com",
            "an\u{AD}a@example.com",
            "ana@exam\u{200C}ple.com",
            "ana\u{2060}@example.com",
        ] {
            let body = serde_json::json!({ "email": email, "list_uuids": ["daily-list"] }).to_string();
            let (status, _, answer) = post_from(&fixture.newsletter, [10, 0, 0, 4], &body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{email:?}");
            assert_eq!(answer["message"], "That is not a valid email address.", "{email:?}");
        }
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscribers"), 0);
        let visible = r#"{"email":"ana@example.com","list_uuids":["daily-list"]}"#;
        assert_eq!(post_from(&fixture.newsletter, [10, 0, 0, 4], visible).await.0, StatusCode::OK);
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscribers"), 1);
    }

    #[tokio::test]
    async fn the_same_address_and_list_is_stored_once() {
        let fixture = fixture("idempotent", 0);
        let body = r#"{"email":"ana@example.com","name":"ana","list_uuids":["daily-list"]}"#;
        let first = post_from(&fixture.newsletter, [10, 0, 0, 3], body).await;
        let again = post_from(&fixture.newsletter, [10, 0, 0, 3], body).await;
        let shouted = post_from(&fixture.newsletter, [10, 0, 0, 3], &body.replace("ana@", "ANA@")).await;
        assert_eq!(first.2, again.2, "a repeat gets the same answer");
        assert_eq!((again.0, shouted.0), (StatusCode::OK, StatusCode::OK));
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscribers"), 1);
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscriptions"), 1);
        // Adding the other digest later adds a list to the same subscriber.
        post_from(&fixture.newsletter, [10, 0, 0, 3], &body.replace("daily-list", "weekly-list")).await;
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscribers"), 1);
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscriptions"), 2);
    }

    #[tokio::test]
    async fn each_client_address_is_limited_and_told_when_to_come_back() {
        let fixture = fixture("limit", 3);
        let body = r#"{"email":"ana@example.com","list_uuids":["daily-list"]}"#;
        for _ in 0..3 {
            assert_eq!(post_from(&fixture.newsletter, [10, 0, 0, 4], body).await.0, StatusCode::OK);
        }
        let (status, headers, answer) = post_from(&fixture.newsletter, [10, 0, 0, 4], body).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        let seconds: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&seconds), "Retry-After: {seconds}");
        assert!(answer["message"].as_str().unwrap().contains(&format!("{seconds} seconds")));
        // Another reader is not held up by the first one.
        assert_eq!(post_from(&fixture.newsletter, [10, 0, 0, 5], body).await.0, StatusCode::OK);
    }

    #[test]
    fn the_window_slides() {
        let mut limiter = Limiter::new(2);
        let client = IpAddr::from([10, 0, 0, 6]);
        let start = Instant::now();
        assert_eq!(limiter.check(client, start), None);
        assert_eq!(limiter.check(client, start + Duration::from_secs(10)), None);
        assert_eq!(limiter.check(client, start + Duration::from_secs(20)), Some(Duration::from_secs(40)));
        assert_eq!(
            limiter.check(client, start + Duration::from_secs(60)),
            None,
            "the first request has left the window"
        );
        assert_eq!(Limiter::new(0).check(client, start), None, "0 turns the limit off");
    }

    #[tokio::test]
    async fn a_confirmation_link_confirms_once_and_signups_survive_a_restart() {
        let fixture = fixture("confirm", 0);
        post_from(&fixture.newsletter, [10, 0, 0, 7], r#"{"email":"ana@example.com","list_uuids":["daily-list"]}"#)
            .await;
        let token: String = Connection::open(database_path(&fixture.data))
            .unwrap()
            .query_row("SELECT token FROM subscribers", [], |row| row.get(0))
            .unwrap();
        assert_eq!(token.len(), 32);
        let confirm = |token: String| {
            let app = routes(fixture.newsletter.clone());
            async move {
                app.oneshot(Request::get(format!("{OPTIN_PATH}/{token}")).body(Body::empty()).unwrap())
                    .await
                    .unwrap()
                    .status()
            }
        };
        assert_eq!(confirm(token.clone()).await, StatusCode::OK);
        assert_eq!(confirm("nope".into()).await, StatusCode::NOT_FOUND);
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscribers WHERE confirmed_at IS NOT NULL"), 1);
        let settings = NewsletterSettings { data: fixture.data.clone(), lists: vec![DAILY.into()], rate_limit: 0 };
        drop(Newsletter::open(&settings).unwrap());
        assert_eq!(count(&fixture, "SELECT count(*) FROM subscriptions"), 1, "reopening keeps what was stored");
    }
}
