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
//!   a forced rule (`301!`) is tried before any file, as Netlify's
//!   "shadowing" does;
//! - a `_redirects` pattern matches the percent-decoded path, and may hold
//!   `*` (its match is `:splat` in the target), `:name` segments (one
//!   segment each, `:name` in the target) and, after it, Netlify's query
//!   conditions `key=:name` (the rule applies when the query has `key`;
//!   the query is not carried over). The target is written
//!   percent-encoded, as Location must be ASCII;
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
    /// Percent-decoded, as it is matched.
    from: String,
    /// Each query key the rule needs, with the placeholder its value binds.
    query: Vec<(String, String)>,
    to: String,
    status: u16,
    /// `!`: applies even where a file exists.
    force: bool,
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

    /// The target and status of the first rule that matches the decoded
    /// `path` and `query` (without `?`), among the forced rules only when
    /// `forced_only`.
    fn redirect_for(&self, path: &str, query: &str, forced_only: bool) -> Option<(String, u16)> {
        let pairs: Vec<(&str, &str)> =
            query.split('&').filter_map(|pair| pair.split_once('=').or(Some((pair, "")))).collect();
        self.redirects.iter().filter(|rule| rule.force || !forced_only).find_map(|rule| {
            let mut bound = bind(&rule.from, path)?;
            for (key, name) in &rule.query {
                let value = pairs.iter().find(|(k, _)| k == key)?.1;
                bound
                    .push((name.clone(), percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned()));
            }
            // Each piece is encoded on its own, so that a `/` in a bound
            // value stays inside its segment.
            let encode = dispatch_model::routes::encode;
            let to = rule
                .to
                .split('/')
                .map(|segment| match segment.strip_prefix(':') {
                    Some(name) => match bound.iter().find(|(bound, _)| bound == name) {
                        Some((_, value)) if name == "splat" => encode(value),
                        Some((_, value)) => encode(value).replace('/', "%2F"),
                        None => encode(&decode(segment)),
                    },
                    None => encode(&decode(segment)),
                })
                .collect::<Vec<_>>()
                .join("/");
            Some((to, rule.status))
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
        let [from, ref conditions @ .., to, status] = parts[..] else {
            return Err(format!("_redirects:{}: expected `from [key=:value…] to status`", number + 1));
        };
        let (status, force) = status.strip_suffix('!').map_or((status, false), |status| (status, true));
        let status = status.parse().map_err(|_| format!("_redirects:{}: `{status}` is not a status", number + 1))?;
        let query = conditions
            .iter()
            .map(|condition| match condition.split_once("=:") {
                Some((key, name)) => Ok((key.to_string(), name.to_string())),
                None => Err(format!("_redirects:{}: `{condition}` is not a query condition `key=:name`", number + 1)),
            })
            .collect::<Result<_, _>>()?;
        rules.push(Redirect { from: decode(from), query, to: to.to_string(), status, force });
    }
    Ok(rules)
}

/// The placeholders `pattern` binds in `path` (both decoded): `:name`
/// segments, and `splat` for a final `*`; `None` when it does not match.
/// A pattern without `:` segments matches as [`matches`] does.
fn bind(pattern: &str, path: &str) -> Option<Vec<(String, String)>> {
    if !pattern.split('/').any(|segment| segment.starts_with(':')) {
        if !matches(pattern, path) {
            return None;
        }
        let splat = pattern.strip_suffix('*').and_then(|prefix| path.strip_prefix(prefix)).unwrap_or("");
        return Some(vec![("splat".to_string(), splat.to_string())]);
    }
    let (wanted, given): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    if wanted.len() != given.len() {
        return None;
    }
    let mut bound = Vec::new();
    for (want, give) in wanted.iter().zip(&given) {
        match want.strip_prefix(':') {
            Some(name) if !give.is_empty() => bound.push((name.to_string(), give.to_string())),
            None if want == give => {}
            _ => return None,
        }
    }
    Some(bound)
}

fn decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned()
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
    let raw_query = request.uri().query().unwrap_or_default().to_owned();
    let mut response = if let Some(canonical) = canonical(&site.root, &path, &decoded) {
        (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, format!("{canonical}{query}"))]).into_response()
    } else if let Some((target, code)) = site.rules.redirect_for(&decoded, &raw_query, true) {
        redirect(code, target)
    } else {
        if !exists(&site.root, &decoded) {
            let page = format!("{path}.html");
            if exists(&site.root, &format!("{decoded}.html")) {
                *request.uri_mut() = Uri::try_from(page.as_str()).unwrap_or_else(|_| Uri::from_static("/404.html"));
            } else if let Some((target, code)) = site.rules.redirect_for(&decoded, &raw_query, false) {
                match code {
                    200 | 404 => {
                        *request.uri_mut() =
                            Uri::try_from(target.as_str()).unwrap_or_else(|_| Uri::from_static("/404.html"));
                        status = StatusCode::from_u16(code).ok();
                    }
                    _ => return redirect(code, target),
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

/// A redirect to `target`, with `code` if it is a status (else 302, as
/// Netlify defaults).
fn redirect(code: u16, target: String) -> Response {
    let code = StatusCode::from_u16(code).unwrap_or(StatusCode::FOUND);
    (code, [(header::LOCATION, target)]).into_response()
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
    fn placeholders_queries_and_forced_rules_as_netlify_reads_them() {
        let rules = Rules {
            headers: vec![],
            redirects: parse_redirects(
                "/tag/:slug  page=:page  /tag/:slug/page/:page  301!\n\
                 /tag/:slug/page/1  /tag/:slug  301\n\
                 /analysis/caf%C3%A9  /policy/caf%C3%A9  301\n\
                 /*  /404.html  404\n",
            )
            .unwrap(),
        };
        let forced = |path: &str, query: &str| rules.redirect_for(path, query, true);
        assert_eq!(
            forced("/tag/الأمن", "utm=x&page=2"),
            Some(("/tag/%D8%A7%D9%84%D8%A3%D9%85%D9%86/page/2".into(), 301))
        );
        assert_eq!(forced("/tag/ai", "utm=x"), None, "the query lacks page");
        assert_eq!(forced("/tag/ai/more", "page=2"), None, "a placeholder is one segment");
        assert_eq!(forced("/tag/ai", "page=..%2F..%2Fx"), Some(("/tag/ai/page/..%2F..%2Fx".into(), 301)));
        let unforced = |path: &str| rules.redirect_for(path, "", false);
        assert_eq!(unforced("/tag/ai/page/1"), Some(("/tag/ai".into(), 301)));
        assert_eq!(unforced("/analysis/café"), Some(("/policy/caf%C3%A9".into(), 301)), "matched decoded");
        assert_eq!(unforced("/tag/ai/page/2"), Some(("/404.html".into(), 404)));
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
        assert_eq!(rules.redirect_for("/content/x.json", "", false), Some(("/404.html".into(), 404)));
        assert_eq!(rules.redirect_for("/old/a/b", "", false), Some(("/new/a/b".into(), 301)));
        assert_eq!(rules.redirect_for("/policy/x", "", false), Some(("/index.html".into(), 200)));
        assert_eq!(rules.redirect_for("/policy/x", "", true), None, "no rule is forced");
        assert!(parse_redirects("/a /b").is_err());
        assert!(parse_redirects("/a page /b 301").is_err());
        assert!(parse_headers("  X: 1\n").is_err());
    }
}
