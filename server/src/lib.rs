//! The static side of the CDN, as the end-to-end tests and the preview see
//! it. It reads the same `_headers` and `_redirects` files that Netlify and
//! Cloudflare Pages read from the build output, and applies them the way
//! those hosts do:
//!
//! - one canonical address per page, as Cloudflare Pages' and Netlify's
//!   "pretty URLs" give it: a path with a trailing slash redirects (308)
//!   to the path without it, and a page's `{path}.html` to `{path}`
//!   (`/index.html` to `/`), the query kept;
//! - paths are percent-decoded before files are looked up, so a page whose
//!   address is not ASCII (an Arabic or accented tag) is found at its
//!   percent-encoded URL;
//! - a file that exists is served, its precompressed `.br`/`.gz` twin
//!   chosen by `Accept-Encoding`;
//! - else `{path}.html`, if it exists: the "pretty URL" of a prerendered
//!   page (`/policy` serves `policy.html`), as Cloudflare Pages and Netlify
//!   do;
//! - otherwise the first `_redirects` rule whose pattern matches decides:
//!   status 200 serves the target in place (the app shell for client
//!   routes), 404 serves the target with that status, 301/302 redirect;
//! - headers come from every `_headers` rule whose pattern matches the
//!   requested path (`*` matches any run of characters); a header set by
//!   two rules is joined with ", ";
//! - a response no rule gives a `Cache-Control` gets the hosts' default
//!   for HTML, `public, max-age=0, must-revalidate`.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, StatusCode, Uri},
    response::{IntoResponse, Response},
    Router,
};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// What hosts send when no rule names a cache policy.
pub const DEFAULT_CACHE: &str = "public, max-age=0, must-revalidate";

pub mod newsletter;

use newsletter::{Newsletter, NewsletterSettings};

#[derive(Clone, Debug)]
pub struct Settings {
    /// The built site to serve; `None` runs the newsletter service alone
    /// (the dev loop, where Trunk serves the site).
    pub root: Option<PathBuf>,
    pub port: u16,
    pub newsletter: Option<NewsletterSettings>,
}

pub const USAGE: &str = "usage: dispatch-server [--root DIR] [--port N] [--data DIR --list UUID... [--rate-limit N]]
  --root DIR        the built site to serve, like a CDN
  --port N          where to listen (default 8081; 0 picks a free port)
  --data DIR        also run the newsletter service, storing signups in DIR/newsletter.sqlite3
  --list UUID       a newsletter list that may be subscribed to (repeat for each)
  --rate-limit N    signup requests a minute from one client address (default 10; 0 for none)";

impl Settings {
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Result<Settings, String> {
        let mut root = None;
        let mut port = 8081;
        let mut data = None;
        let mut lists = Vec::new();
        let mut rate_limit = 10;
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--root" => root = Some(PathBuf::from(value()?)),
                "--port" => port = number(&flag, &value()?)?,
                "--data" => data = Some(PathBuf::from(value()?)),
                "--list" => lists.push(value()?),
                "--rate-limit" => rate_limit = number(&flag, &value()?)?,
                other => return Err(format!("unknown argument: {other}")),
            }
        }
        if let Some(root) = &root {
            if !root.join("index.html").is_file() {
                return Err(format!("{} has no index.html: build the site first", root.display()));
            }
        }
        let newsletter = match data {
            Some(_) if lists.is_empty() => return Err("--data needs at least one --list".into()),
            Some(data) => Some(NewsletterSettings { data, lists, rate_limit }),
            None if !lists.is_empty() => return Err("--list needs --data".into()),
            None => None,
        };
        if root.is_none() && newsletter.is_none() {
            return Err("nothing to serve: give --root, --data, or both".into());
        }
        Ok(Settings { root, port, newsletter })
    }
}

fn number<T: std::str::FromStr>(flag: &str, raw: &str) -> Result<T, String> {
    raw.parse().map_err(|_| format!("{flag}: not a number: {raw}"))
}

/// `_headers`: each path pattern with its headers, in file order.
type HeaderRules = Vec<(String, Vec<(String, String)>)>;

/// The host rules read from the build output.
#[derive(Debug, Default)]
pub struct Rules {
    headers: HeaderRules,
    redirects: Vec<Redirect>,
}

#[derive(Debug, PartialEq, Eq)]
struct Redirect {
    from: String,
    to: String,
    status: u16,
}

impl Rules {
    /// Reads `_headers` and `_redirects` from `root`; a missing file means
    /// no rules of that kind.
    pub fn load(root: &Path) -> Result<Rules, String> {
        let read = |name: &str| match std::fs::read_to_string(root.join(name)) {
            Ok(text) => Ok(text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Err(err) => Err(format!("cannot read {name}: {err}")),
        };
        Ok(Rules { headers: parse_headers(&read("_headers")?)?, redirects: parse_redirects(&read("_redirects")?)? })
    }

    pub fn headers_for(&self, path: &str) -> Vec<(String, String)> {
        let mut merged: Vec<(String, String)> = Vec::new();
        for (pattern, headers) in &self.headers {
            if !matches(pattern, path) {
                continue;
            }
            for (name, value) in headers {
                match merged.iter_mut().find(|(existing, _)| existing.eq_ignore_ascii_case(name)) {
                    Some((_, joined)) => {
                        joined.push_str(", ");
                        joined.push_str(value);
                    }
                    None => merged.push((name.clone(), value.clone())),
                }
            }
        }
        merged
    }

    fn redirect_for(&self, path: &str) -> Option<(String, u16)> {
        self.redirects.iter().find(|rule| matches(&rule.from, path)).map(|rule| {
            let splat = rule.from.strip_suffix('*').and_then(|prefix| path.strip_prefix(prefix)).unwrap_or("");
            (rule.to.replace(":splat", splat), rule.status)
        })
    }
}

fn parse_headers(text: &str) -> Result<HeaderRules, String> {
    let mut rules: HeaderRules = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            rules.push((line.trim().to_string(), Vec::new()));
            continue;
        }
        let (name, value) =
            line.trim().split_once(':').ok_or_else(|| format!("_headers:{}: expected `Name: value`", number + 1))?;
        let rule = rules.last_mut().ok_or_else(|| format!("_headers:{}: a header before any path", number + 1))?;
        rule.1.push((name.trim().to_string(), value.trim().to_string()));
    }
    Ok(rules)
}

fn parse_redirects(text: &str) -> Result<Vec<Redirect>, String> {
    let mut rules = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [from, to, status] = parts[..] else {
            return Err(format!("_redirects:{}: expected `from to status`", number + 1));
        };
        let status = status.parse().map_err(|_| format!("_redirects:{}: `{status}` is not a status", number + 1))?;
        rules.push(Redirect { from: from.to_string(), to: to.to_string(), status });
    }
    Ok(rules)
}

/// `*` matches any run of characters; everything else literally.
pub fn matches(pattern: &str, path: &str) -> bool {
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    let Some((last, middle)) = pieces.split_last() else { return rest.is_empty() };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[derive(Clone)]
struct Site {
    root: PathBuf,
    rules: Arc<Rules>,
}

/// The site (when there is a root) and the newsletter service (when
/// there is a data folder) on one origin, as a CDN that routes `/api/` to
/// listmonk would present them.
pub fn app(settings: Settings) -> Result<Router, String> {
    let mut router = Router::new();
    if let Some(newsletter) = &settings.newsletter {
        router = router.merge(newsletter::routes(Arc::new(Newsletter::open(newsletter)?)));
    }
    if let Some(root) = settings.root {
        let rules = Rules::load(&root)?;
        let site = Router::new().fallback(serve).with_state(Site { root, rules: Arc::new(rules) });
        router = router.fallback_service(site);
    }
    Ok(router)
}

async fn serve(State(site): State<Site>, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(|query| format!("?{query}")).unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(&path).decode_utf8_lossy().into_owned();
    let mut status = None;
    let mut response = if let Some(canonical) = canonical(&site.root, &path, &decoded) {
        (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, format!("{canonical}{query}"))]).into_response()
    } else {
        if !exists(&site.root, &decoded) {
            let page = format!("{path}.html");
            if exists(&site.root, &format!("{decoded}.html")) {
                *request.uri_mut() = Uri::try_from(page.as_str()).unwrap_or_else(|_| Uri::from_static("/404.html"));
            } else if let Some((target, code)) = site.rules.redirect_for(&path) {
                match code {
                    200 | 404 => {
                        *request.uri_mut() =
                            Uri::try_from(target.as_str()).unwrap_or_else(|_| Uri::from_static("/404.html"));
                        status = StatusCode::from_u16(code).ok();
                    }
                    _ => {
                        let code = StatusCode::from_u16(code).unwrap_or(StatusCode::FOUND);
                        return (code, [(header::LOCATION, target)]).into_response();
                    }
                }
            }
        }
        let files = ServeDir::new(&site.root).precompressed_br().precompressed_gzip();
        match files.oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        }
    };
    if let Some(status) = status {
        if response.status().is_success() {
            *response.status_mut() = status;
        }
    }
    let headers = response.headers_mut();
    for (name, value) in site.rules.headers_for(&path) {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            headers.insert(name, value);
        }
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(DEFAULT_CACHE));
    }
    response
}

/// The canonical address of a page requested at another one: `path`
/// without its trailing slashes, or a prerendered page's `{path}.html`
/// without `.html` (`/index.html` is `/`). `None` when `path` is canonical
/// already. `404.html` and the `_` files are not pages.
fn canonical(root: &Path, path: &str, decoded: &str) -> Option<String> {
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        return Some(if trimmed.is_empty() { "/".to_string() } else { trimmed.to_string() });
    }
    let page = path.strip_suffix(".html")?;
    let not_a_page = decoded == "/404.html" || decoded.starts_with("/_");
    if not_a_page || !exists(root, decoded) {
        return None;
    }
    Some(if page == "/index" { "/".to_string() } else { page.to_string() })
}

/// Whether `path` names a file (or the root, whose index.html ServeDir serves).
fn exists(root: &Path, path: &str) -> bool {
    let relative = path.trim_start_matches('/');
    if relative.split('/').any(|part| part == "..") {
        return false;
    }
    let target = root.join(relative);
    target.is_file() || (target.is_dir() && target.join("index.html").is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_canonical_address_per_page() {
        let root = std::env::temp_dir().join(format!("dispatch-canonical-{}", std::process::id()));
        std::fs::create_dir_all(root.join("tag")).unwrap();
        for file in ["index.html", "404.html", "_shell.html", "policy.html", "tag/café.html"] {
            std::fs::write(root.join(file), "x").unwrap();
        }
        let at = |path: &str| canonical(&root, path, &percent_encoding::percent_decode_str(path).decode_utf8_lossy());
        assert_eq!(at("/policy/"), Some("/policy".into()));
        assert_eq!(at("/policy/x//"), Some("/policy/x".into()));
        assert_eq!(at("/policy.html"), Some("/policy".into()));
        assert_eq!(at("/index.html"), Some("/".into()));
        assert_eq!(at("/tag/caf%C3%A9.html"), Some("/tag/caf%C3%A9".into()));
        for canonical in ["/", "/policy", "/404.html", "/_shell.html", "/nope.html", "/tag/caf%C3%A9"] {
            assert_eq!(at(canonical), None, "{canonical}");
        }
        assert!(exists(&root, "/tag/café.html"));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn stars_match_any_run_of_characters() {
        assert!(matches("/*", "/"));
        assert!(matches("/*", "/policy/qatar"));
        assert!(matches("/*.wasm", "/dispatch-1a2b_bg.wasm"));
        assert!(!matches("/*.wasm", "/dispatch.js"));
        assert!(matches("/content/*", "/content/articles/x.json"));
        assert!(!matches("/content/*", "/contents"));
        assert!(matches("/", "/"));
        assert!(!matches("/", "/x"));
        assert!(matches("/favicon-*", "/favicon-123.svg"));
    }

    #[test]
    fn headers_merge_in_file_order() {
        let rules = Rules {
            headers: parse_headers("# c\n/*\n  X-A: 1\n/content/*\n  Cache-Control: short\n  x-a: 2\n").unwrap(),
            redirects: vec![],
        };
        assert_eq!(rules.headers_for("/"), vec![("X-A".to_string(), "1".to_string())]);
        assert_eq!(
            rules.headers_for("/content/a.json"),
            vec![("X-A".to_string(), "1, 2".to_string()), ("Cache-Control".to_string(), "short".to_string())]
        );
    }

    #[test]
    fn the_first_matching_redirect_wins_and_splats_carry_over() {
        let rules = Rules {
            headers: vec![],
            redirects: parse_redirects("/content/*  /404.html  404\n/old/*  /new/:splat  301\n/*  /index.html  200\n")
                .unwrap(),
        };
        assert_eq!(rules.redirect_for("/content/x.json"), Some(("/404.html".into(), 404)));
        assert_eq!(rules.redirect_for("/old/a/b"), Some(("/new/a/b".into(), 301)));
        assert_eq!(rules.redirect_for("/policy/x"), Some(("/index.html".into(), 200)));
        assert!(parse_redirects("/a /b").is_err());
        assert!(parse_headers("  X: 1\n").is_err());
    }
}
