//! Content files already in hand when a page renders, so that it renders
//! at once instead of through a skeleton.
//!
//! A prerendered page (issue 7) carries, in a `<script type="application/json">`,
//! the content files the app reads when it starts there ([`to_embed`]).
//! The browser holds them when the app starts: the page's interactive
//! parts render from them (`crate::islands`), and so does the search page,
//! which the app renders at once, without a second fetch. Natively, the
//! prerenderer lends a file reader instead and records what was read,
//! from which it then embeds.
//!
//! Each held file is served once, and all are let go once the app has
//! taken the page over ([`release`]): a later visit to the same page in
//! this tab fetches it like any other.

use std::{
    cell::RefCell,
    collections::HashMap,
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

use futures::{future::LocalBoxFuture, task::noop_waker_ref};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The id of the script element that holds a prerendered page's files.
pub const SCRIPT_ID: &str = "preloaded";

/// What a prerendered page embeds: the route it was rendered for, and each
/// content file by path, `null` for a file that does not exist.
#[derive(Deserialize)]
pub struct Preloaded {
    pub route: String,
    pub files: HashMap<String, Option<Box<RawValue>>>,
}

impl Preloaded {
    pub fn parse(json: &str) -> Result<Preloaded, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// Reads a built site's file by its path; `None` when it is not there.
#[cfg(feature = "ssr")]
type Reader = Box<dyn Fn(&str) -> Option<String>>;

#[derive(Default)]
struct Files {
    held: HashMap<String, Option<String>>,
    /// The prerenderer's reader of the built site's files.
    #[cfg(feature = "ssr")]
    source: Option<Reader>,
    /// What the render read, in order, for the page to embed.
    #[cfg(feature = "ssr")]
    served: Vec<(String, Option<String>)>,
}

thread_local! {
    static FILES: RefCell<Files> = RefCell::new(Files::default());
}

/// Holds a prerendered page's files for the first render.
pub fn hold(preloaded: Preloaded) {
    let held = preloaded.files.into_iter().map(|(path, body)| (path, body.map(|raw| raw.get().to_owned())));
    FILES.with_borrow_mut(|files| files.held.extend(held));
}

/// Lets go of every file still in hand. Called once the app has rendered
/// its first page after taking a prerendered page over: what that page
/// embedded must not stand in, later in the visit, for files that may
/// have changed since.
pub fn release() {
    FILES.with_borrow_mut(|files| files.held.clear());
}

/// Whether the file at `path` is in hand, without taking it.
pub fn holds(path: &str) -> bool {
    FILES.with_borrow(|files| files.held.contains_key(path))
}

/// The file at `path` if it is in hand, left in hand for the page that
/// will take it: what the interactive parts of a prerendered page read
/// their props from (`src/islands.rs`). `None` when it is not in hand or
/// is known not to exist.
pub fn peek(path: &str) -> Option<String> {
    FILES.with_borrow(|files| files.held.get(path).cloned().flatten())
}

/// The file at `path` if it is in hand (`Some(None)`: it is known not to
/// exist); `None` means the network must be asked.
pub fn take(path: &str) -> Option<Option<String>> {
    FILES.with_borrow_mut(|files| {
        if let Some(body) = files.held.remove(path) {
            return Some(body);
        }
        #[cfg(feature = "ssr")]
        if let Some(source) = &files.source {
            let body = source(path);
            files.served.push((path.to_owned(), body.clone()));
            return Some(body);
        }
        None
    })
}

/// Polls `future` once: its output when everything it needs is in hand,
/// else the future, to be awaited. Renders that can complete at once do,
/// which is what lets a prerendered page hydrate without a skeleton.
pub fn now_or_later<T>(mut future: LocalBoxFuture<'static, T>) -> Result<T, LocalBoxFuture<'static, T>> {
    match Pin::new(&mut future).poll(&mut Context::from_waker(noop_waker_ref())) {
        Poll::Ready(output) => Ok(output),
        Poll::Pending => Err(future),
    }
}

/// Lends the renderer a reader of content files (the prerenderer reads the
/// built site), recording what it reads until [`served`].
#[cfg(feature = "ssr")]
pub fn read_through(source: impl Fn(&str) -> Option<String> + 'static) {
    FILES.with_borrow_mut(|files| {
        files.source = Some(Box::new(source));
        files.served.clear();
    });
}

/// The files read since [`read_through`], each once, in the order read.
#[cfg(feature = "ssr")]
pub fn served() -> Vec<(String, Option<String>)> {
    FILES.with_borrow_mut(|files| {
        let mut seen = std::collections::HashSet::new();
        std::mem::take(&mut files.served).into_iter().filter(|(path, _)| seen.insert(path.clone())).collect()
    })
}

/// Of the files the render of `route` read ([`served`]), those its page
/// embeds: what the app reads when it starts there. The search page is
/// rendered whole at start, so it keeps every file. Any other page keeps
/// its edition's site settings alone, all its interactive parts read
/// (`crate::islands`: the words and digits, the site's address for the
/// share links; the headline comes from the page itself). The rest (an
/// article's own file is about 10 KB, a listing's 20 KB) would be parsed
/// by every reader's phone for nothing: the app renders the whole page
/// only at the first in-app navigation, for another page, and fetches
/// that page's files then (issue 19, `docs/browser-speed.md`).
#[cfg(feature = "ssr")]
pub fn to_embed(route: &str, served: &[(String, Option<String>)]) -> Vec<(String, Option<String>)> {
    use dispatch_model::{paths, routes, Edition};
    if routes::is_search(route) {
        return served.to_vec();
    }
    let site = Edition::split(route).0.path(paths::SITE);
    served.iter().filter(|(path, _)| *path == site).cloned().collect()
}

/// The script body a prerendered page embeds for `route`: the JSON of
/// [`Preloaded`], escaped by `dispatch_model::escape::script_json` so that
/// no file can close the script element. A file that is not valid JSON is an error:
/// embedding it would break the page's data as a whole.
#[cfg(feature = "ssr")]
pub fn embed(route: &str, files: &[(String, Option<String>)]) -> Result<String, String> {
    let mut out = format!("{{\"route\":{},\"files\":{{", serde_json::to_string(route).expect("a string serialises"));
    for (index, (path, body)) in files.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(path).expect("a string serialises"));
        out.push(':');
        match body {
            Some(body) => {
                let raw = RawValue::from_string(body.trim().to_owned()).map_err(|err| format!("{path}: {err}"))?;
                out.push_str(raw.get());
            }
            None => out.push_str("null"),
        }
    }
    out.push_str("}}");
    Ok(dispatch_model::escape::script_json(&out))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_round_trip_and_cannot_close_the_script() {
        let files = vec![
            ("/content/a.json".to_string(), Some(r#"{"headline":"</script><b>"}"#.to_string())),
            ("/content/missing.json".to_string(), None),
        ];
        let script = embed("/policy/a", &files).unwrap();
        assert!(!script.contains('<'), "{script}");
        let preloaded = Preloaded::parse(&script).unwrap();
        assert_eq!(preloaded.route, "/policy/a");
        hold(preloaded);
        let held = take("/content/a.json").flatten().unwrap();
        let value: serde_json::Value = serde_json::from_str(&held).unwrap();
        assert_eq!(value["headline"], "</script><b>");
        assert_eq!(take("/content/missing.json"), Some(None));
        assert_eq!(take("/content/a.json"), None, "each file is served once");
        assert!(embed("/x", &[("/content/bad.json".into(), Some("{".into()))]).is_err());
    }

    #[test]
    fn a_page_embeds_its_editions_site_settings_and_the_search_page_everything_it_read() {
        let file = |path: &str| (path.to_string(), Some("{}".to_string()));
        let read = vec![file("/content/site.json"), file("/content/articles/a.json"), file("/ar/content/site.json")];
        let paths = |route| to_embed(route, &read).into_iter().map(|(path, _)| path).collect::<Vec<_>>();
        assert_eq!(paths("/policy/a"), ["/content/site.json"]);
        assert_eq!(paths("/ar/policy/a"), ["/ar/content/site.json"]);
        assert_eq!(paths("/search"), ["/content/site.json", "/content/articles/a.json", "/ar/content/site.json"]);
        assert_eq!(paths("/ar/search"), paths("/search"));
    }
}
