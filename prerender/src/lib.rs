//! The prerenderer: every page a crawler can reach, rendered natively by
//! the app's own components into a static HTML file, whose interactive
//! parts the browser's app then mounts (issues 7 and 19).
//!
//! It reads only the built site: the shells Trunk wrote (`_shell.html` once
//! the build has moved it there, and `_search_shell.html`, the search
//! page's, whose app has the search page's code) and the content JSON
//! under `content/`. Each
//! page is the shell with
//! - the rendered `App` as its body;
//! - the content files the app reads when it starts on the page, embedded
//!   as JSON (`dispatch::preload::to_embed`), so it fetches none of them;
//! - a head with the page's title and description (from its components,
//!   through leptos_meta), the canonical link, OpenGraph and X tags, and
//!   JSON-LD for an article ([`head`]).
//!
//! Pages: the front page, the newsletter page, every article at its
//! canonical address, every page of every author, section, region and tag
//! (the first at the listing's address, the others at
//! `{listing}/page/N`, linked with `rel=prev` and `rel=next`), and
//! `404.html`, the "Page not found" that hosts answer any other address
//! with.

// As in the app: its views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

pub mod head;
pub mod record;

use std::{
    fs,
    path::{Path, PathBuf},
    sync::Arc,
};

use dispatch::{preload, text::Text, App};
use dispatch_model::{escape, routes, Article, Author, Edition, IndexPage, Site};
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use head::Subject;

/// A page to prerender.
pub struct Route {
    /// The address a reader sees, such as `/policy/qatar-rwanda-partnership`.
    pub path: String,
    pub kind: Kind,
    /// The files, relative to the site's root, that the route itself was
    /// made from (an author's JSON, a listing's first page): the page
    /// depends on them besides what its render reads.
    pub made_from: Vec<String>,
}

pub enum Kind {
    Front,
    Newsletter,
    /// The search page: its form, and what to do without JavaScript (no
    /// query reaches a prerendered page).
    Search,
    /// An article: its JSON file, relative to the site's root, read when
    /// the page is rendered (a hundred thousand need not wait in memory).
    Article(String),
    /// An author's page: the author, and which page of their articles.
    Author(Box<Author>, head::Paging),
    /// A section, region or tag: the heading its page shows, and which
    /// page of it.
    Listing(String, head::Paging),
    /// `404.html`. Rendered at its own address, `/404.html`, which the app
    /// takes for a section that does not exist: so a visit to that address
    /// hydrates the same view, and at any other address the app renders
    /// its own "Page not found" (or finds a moved article).
    NotFound,
}

impl Route {
    /// Where the page's file goes under the site's root: `index.html` for
    /// the front page, else the path with `.html`, the "pretty URL" that
    /// Cloudflare Pages, Netlify, nginx (`try_files $uri.html`) and
    /// `dispatch-server` serve for the path without it.
    pub fn file(&self) -> String {
        match self.path.as_str() {
            "/" => "index.html".to_string(),
            path if path.ends_with(".html") => path.trim_start_matches('/').to_string(),
            path => format!("{}.html", path.trim_start_matches('/')),
        }
    }

    /// Which page of a listing this is, for an author, section, region or
    /// tag.
    fn paging(&self) -> Option<&head::Paging> {
        match &self.kind {
            Kind::Author(_, paging) | Kind::Listing(_, paging) => Some(paging),
            _ => None,
        }
    }

    fn subject<'a>(&'a self, text: Text, article: Option<&'a Article>) -> Option<Subject<'a>> {
        Some(match &self.kind {
            Kind::Front => head::front_page(text),
            Kind::Newsletter => head::newsletter_page(text),
            Kind::Search => head::search_page(text),
            Kind::Article(_) => Subject::Article(article?),
            Kind::Author(author, paging) => head::author_page(paging.title(text, &author.name), author.bio.clone()),
            Kind::Listing(heading, paging) => head::listing_page(text, heading, paging),
            Kind::NotFound => return None,
        })
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    serde_json::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
}

/// The entries directly in `dir` that `keep` accepts, sorted; none when
/// `dir` does not exist.
fn entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    let found = match fs::read_dir(dir) {
        Ok(found) => found,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("cannot list {}: {err}", dir.display())),
    };
    let mut paths: Vec<PathBuf> =
        found.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| keep(path)).collect();
    // By name: every entry has the same parent, and comparing whole paths
    // part by part was a tenth of publishing a story at 100,000 articles.
    paths.sort_unstable_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(paths)
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    entries(dir, |path| path.extension().is_some_and(|ext| ext == "json"))
}

/// The names of the folders in `dir`: one per section, region or tag.
fn folders(dir: &Path) -> Result<Vec<String>, String> {
    let found = entries(dir, Path::is_dir)?;
    Ok(found.iter().filter_map(|path| path.file_name()?.to_str().map(str::to_owned)).collect())
}

/// Every page to prerender, from the content under `root/content`. An
/// article's address is `address(file)` for its JSON file (relative to
/// `root`): [`article_address`] reads it, and an incremental run may know
/// it already.
pub fn routes(root: &Path, address: &mut dyn FnMut(&str) -> Result<String, String>) -> Result<Vec<Route>, String> {
    let mut pages = Vec::new();
    for edition in editions(root) {
        pages.extend(edition_routes(root, edition, address)?);
    }
    Ok(pages)
}

/// The editions the built site under `root` has: English, and each other
/// whose `content/site.json` is there (`ar/content/site.json`).
pub fn editions(root: &Path) -> Vec<Edition> {
    Edition::ALL
        .into_iter()
        .filter(|edition| {
            edition.folder().is_empty() || root.join(edition.folder()).join("content/site.json").is_file()
        })
        .collect()
}

/// [`routes`] of one edition: each address with the edition's prefix.
fn edition_routes(
    root: &Path,
    edition: Edition,
    address: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Result<Vec<Route>, String> {
    let content = root.join(edition.folder()).join("content");
    let text = Text::of(edition);
    let route = |path: &str, kind: Kind| Route { path: edition.path(path), kind, made_from: Vec::new() };
    let mut pages = vec![
        route("/", Kind::Front),
        route(routes::NEWSLETTER, Kind::Newsletter),
        route(routes::SEARCH, Kind::Search),
        route("/404.html", Kind::NotFound),
    ];
    for file in json_files(&content.join("articles"))? {
        let relative = relative(root, &file);
        pages.push(Route { path: address(&relative)?, kind: Kind::Article(relative), made_from: Vec::new() });
    }
    // Every page of a listing: page 1, then from the oldest (2) up to the
    // one its first page calls older.
    let paged = |kind: &str, slug: &str| -> Result<(IndexPage, String, Vec<head::Paging>), String> {
        let file = content.join(kind).join(slug).join("1.json");
        let first: IndexPage = read_json(&file)?;
        let base = edition.path(&routes::listing(kind)(slug));
        let pages = first.older.unwrap_or(1);
        let pagings = (1..=pages)
            .map(|page| {
                let (newer, older) = IndexPage::neighbours(page, pages);
                head::Paging { base: base.clone(), page, newer, older }
            })
            .collect();
        Ok((first, relative(root, &file), pagings))
    };
    for file in json_files(&content.join("authors"))? {
        let author: Author = read_json(&file)?;
        let (_, first, pagings) = paged("authors", &author.slug)?;
        for paging in pagings {
            // An older page's own file holds all it shows of the listing
            // (its neighbours included), so only page 1 depends on page 1.
            let mut made_from = vec![relative(root, &file)];
            if paging.page == 1 {
                made_from.push(first.clone());
            }
            pages.push(Route { path: paging.path(), kind: Kind::Author(Box::new(author.clone()), paging), made_from });
        }
    }
    for kind in ["sections", "regions", "tags"] {
        // A folder without a first page is what a listing that lost its
        // last story leaves: it has no pages.
        let listed = folders(&content.join(kind))?;
        for slug in listed.into_iter().filter(|slug| content.join(kind).join(slug).join("1.json").is_file()) {
            let (page, first, pagings) = paged(kind, &slug)?;
            let heading = if kind == "tags" { text.tag_heading(&page.title) } else { page.title };
            for paging in pagings {
                let made_from = if paging.page == 1 { vec![first.clone()] } else { Vec::new() };
                pages.push(Route { path: paging.path(), kind: Kind::Listing(heading.clone(), paging), made_from });
            }
        }
    }
    Ok(pages)
}

/// The address of the article whose JSON is `file` under `root`, in the
/// edition whose folder it is in (`ar/content/articles/x.json`).
pub fn article_address(root: &Path, file: &str) -> Result<String, String> {
    let article: Article = read_json(&root.join(file))?;
    Ok(Edition::split(&format!("/{file}")).0.path(&article.href()))
}

/// `file`'s path under `root`, with `/` between its parts.
fn relative(root: &Path, file: &Path) -> String {
    file.strip_prefix(root).unwrap_or(file).to_string_lossy().replace('\\', "/")
}

/// The shell a page is made from, split where the page's parts go.
pub struct Shell {
    /// Up to `</head>`, without the shell's own `<title>`.
    head: String,
    /// From `</head>` up to and including `<body…>`.
    between: String,
    /// From `</body>` on.
    tail: String,
}

/// What the shell (index.html) says of the English edition, which a page
/// of another edition says of its own.
const SHELL_LANGUAGE: &str = "<html lang=\"en\" dir=\"ltr\">";
const SHELL_FEEDS: [&str; 2] = [
    "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Dispatch\" href=\"/feed.json\">",
    "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Dispatch\" href=\"/rss.xml\">",
];

impl Shell {
    /// The head of a page of `edition`: its language and direction on
    /// `<html>` (WCAG 2.2 SC 3.1.1), and its own feeds.
    fn head_for(&self, edition: Edition, site: &Site) -> String {
        if edition == Edition::English {
            return self.head.clone();
        }
        let mut head = self.head.replacen(
            SHELL_LANGUAGE,
            &format!("<html lang=\"{}\" dir=\"{}\">", edition.code(), edition.direction()),
            1,
        );
        for (feed, (kind, file)) in
            SHELL_FEEDS.iter().zip([("application/feed+json", "/feed.json"), ("application/rss+xml", "/rss.xml")])
        {
            let own = format!(
                "<link rel=\"alternate\" type=\"{kind}\" title=\"{}\" href=\"{}\">",
                escape::html(&site.name),
                edition.path(file)
            );
            head = head.replacen(feed, &own, 1);
        }
        head
    }

    pub fn parse(html: &str) -> Result<Shell, String> {
        let missing = |what: &str| format!("the shell has no {what}; did Trunk's output change?");
        for part in std::iter::once(SHELL_LANGUAGE).chain(SHELL_FEEDS) {
            if !html.contains(part) {
                return Err(missing(part));
            }
        }
        let head_end = html.find("</head>").ok_or_else(|| missing("</head>"))?;
        let body_start = html.find("<body").ok_or_else(|| missing("<body>"))?;
        let body_open_end = body_start + html[body_start..].find('>').ok_or_else(|| missing("<body>"))? + 1;
        let body_end = html.rfind("</body>").ok_or_else(|| missing("</body>"))?;
        let mut head = html[..head_end].to_string();
        // The page's own title comes from its components.
        if let (Some(start), Some(end)) = (head.find("<title>"), head.find("</title>")) {
            head.replace_range(start..end + "</title>".len(), "");
        }
        content_first(&mut head)?;
        Ok(Shell { head, between: html[head_end..body_open_end].to_string(), tail: html[body_end..].to_string() })
    }
}

/// Trunk's loader suits the shell, where nothing shows before the app
/// runs: it preloads the JS and the wasm at high priority and starts them
/// at once. A prerendered page shows everything first, so its loader
/// waits for the page's `load` (the text, the stylesheet and the hero
/// image) before it fetches the app, which then cannot take a slow
/// phone's bandwidth from them; the preloads go. Links work meanwhile, as
/// plain links to prerendered pages, and the newsletter form waits for
/// the app (`src/newsletter.rs`).
///
/// It waits, too, for the page's lead image (`fetchpriority="high"`: an
/// article's hero, the front page's lead) to be decoded and for two
/// frames after it, so the page's largest paint has happened before any
/// of the app is asked for. Decoded off the main thread
/// (`decoding="async"`), the hero often painted after `load`, after the
/// app's JS and wasm were asked for; Lighthouse's simulation (Lantern)
/// counts every request that started before the largest paint it
/// observed, and estimated the article's LCP at 1,955 ms in those runs
/// against 1,203 in the others, scoring 99 (session 22,
/// `docs/benchmarks.md`). In a tab in the background, whose frames wait,
/// the app starts when the tab is shown. A decoding that never settles is
/// waited for a second at most.
fn content_first(head: &mut String) -> Result<(), String> {
    for preload in ["<link rel=\"modulepreload\"", "<link rel=\"preload\""] {
        while let Some(start) = head.find(preload) {
            let length = head[start..].find('>').ok_or("an unclosed preload link in the shell")?;
            head.replace_range(start..start + length + 1, "");
        }
    }
    let import = "import init, * as bindings from '";
    let start = head.find(import).ok_or("the shell's loader does not import the app as Trunk 0.21 writes it")?;
    let module_start = start + import.len();
    let module_end = module_start + head[module_start..].find("';").ok_or("an unterminated import in the shell")?;
    let module = head[module_start..module_end].to_string();
    head.replace_range(
        start..module_end + 2,
        &format!(
            "await new Promise((loaded) => document.readyState === \"complete\" ? loaded() : addEventListener(\"load\", loaded, {{ once: true }}));\n\
             const lead = document.querySelector('img[fetchpriority=high]');\n\
             if (lead) await Promise.race([lead.decode().catch(() => {{}}), new Promise((waited) => setTimeout(waited, 1000))]);\n\
             await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));\n\
             const bindings = await import('{module}');\nconst init = bindings.default;"
        ),
    );
    Ok(())
}

/// A page as rendered: its HTML, and every file its render read (each
/// path relative to the root, with its text; `None` for a file that was
/// not there).
pub struct Rendered {
    pub html: String,
    pub read: Vec<(String, Option<String>)>,
}

/// Renders `route` from the site under `root` into a whole HTML page.
pub fn render(shell: &Shell, root: &Path, site: &Site, route: &Route) -> Result<Rendered, String> {
    let files_root = root.to_path_buf();
    preload::read_through(move |path| fs::read_to_string(files_root.join(path.trim_start_matches('/'))).ok());
    let article: Option<Article> = match &route.kind {
        Kind::Article(file) => {
            let mut article: Article = read_json(&root.join(file))?;
            // The head needs the article's metadata only.
            article.body.clear();
            article.related.clear();
            Some(article)
        }
        _ => None,
    };
    let edition = Edition::split(&route.path).0;
    let text = Text::for_site(edition, site.digits);
    let (meta, meta_output) = ServerMetaContext::new();
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let body = owner.with(|| {
        provide_context(RequestUrl::new(&route.path));
        provide_context(meta);
        view! { <App edition=edition /> }.to_html()
    });
    drop(owner);
    let body = well_formed_markers(&body);
    let served = preload::served();
    let embedded = preload::embed(&route.path, &preload::to_embed(&route.path, &served))?;
    // The same page in the other editions: an article's counterpart, and
    // the pages every edition has.
    let within = Edition::split(&route.path).1;
    let alternates: Vec<(Edition, String)> = match &route.kind {
        Kind::Article(_) => {
            article.iter().flat_map(|article| &article.counterpart).map(|c| (c.edition, c.href.clone())).collect()
        }
        _ if routes::in_every_edition(within) => {
            site.editions.iter().filter(|&&other| other != edition).map(|&other| (other, other.path(within))).collect()
        }
        _ => Vec::new(),
    };
    let page = format!(
        "{head}<script type=\"application/json\" id=\"{id}\">{embedded}</script>{tags}<!--HEAD-->{between}{body}{tail}",
        head = shell.head_for(edition, site),
        id = preload::SCRIPT_ID,
        tags = match route.subject(text, article.as_ref()) {
            Some(subject) => head::tags(site, &route.path, &subject, route.paging(), &alternates),
            // Not a page to index or share.
            None => head::NOT_INDEXED.to_string(),
        },
        between = shell.between,
        tail = shell.tail,
    );
    // leptos_meta puts the title and the components' meta tags after the
    // `<!--HEAD-->` marker, where the browser's hydration looks for them.
    let html = on_this_thread::run(async move {
        use futures::StreamExt;
        meta_output.inject_meta_context(futures::stream::iter([page])).await.collect::<String>().await
    });
    let read = served.into_iter().map(|(path, text)| (path.trim_start_matches('/').to_string(), text)).collect();
    Ok(Rendered { html, read })
}

/// Leptos marks the places hydration needs in the rendered HTML with
/// `<!>`, which browsers parse as an empty comment but HTML calls a parse
/// error. `<!---->` is the same empty comment, written validly. Only
/// markup is touched: a `<!>` inside an attribute value stays as it is
/// (text content has its `<` escaped already).
pub fn well_formed_markers(html: &str) -> String {
    // Every byte that matters is ASCII, and UTF-8 never uses an ASCII
    // byte inside a longer character, so the scan is over bytes, jumping
    // with memchr from one that matters to the next (outside a tag only
    // `<`; inside one its quotes and `>`; inside a quoted value its
    // quote), and the runs between markers are copied whole. A page is
    // about 17 KB, and an archive's build renders 150,000 of them: a
    // byte-by-byte scan was 7% of the render (issue 18).
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + found;
        if bytes[open..].starts_with(b"<!>") {
            out.push_str(&html[copied..open]);
            out.push_str("<!---->");
            (copied, at) = (open + 3, open + 3);
            continue;
        }
        // A tag, to its `>` outside quoted values (or to the end).
        at = bytes.len();
        let mut from = open + 1;
        while let Some(found) = memchr::memchr3(b'"', b'\'', b'>', &bytes[from..]) {
            let stop = from + found;
            if bytes[stop] == b'>' {
                at = stop + 1;
                break;
            }
            match memchr::memchr(bytes[stop], &bytes[stop + 1..]) {
                Some(end) => from = stop + 1 + end + 1,
                None => break,
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Sets up what rendering needs once per process.
pub fn init() {
    // leptos_meta's head injection awaits a tick of Leptos' executor.
    let _ = any_spawner::Executor::init_custom_executor(on_this_thread::Executor);
}

/// Leptos' executor for the prerenderer: what a render spawns runs on the
/// thread that renders, when [`on_this_thread::run`] drives the page's
/// last step. Pages render on every core already (rayon); a thread pool
/// of the executor's own (`init_futures_executor`) made each page's head
/// injection, which awaits one executor tick, a wake across threads and
/// two context switches: 8% of a 100,000-article build's time in futex
/// waits (`docs/benchmarks.md`, session 15).
mod on_this_thread {
    use std::{cell::RefCell, future::Future};

    use any_spawner::{CustomExecutor, PinnedFuture, PinnedLocalFuture};
    use futures::{
        executor::{LocalPool, LocalSpawner},
        task::LocalSpawnExt,
    };

    thread_local! {
        static POOL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
        static SPAWNER: LocalSpawner = POOL.with_borrow(LocalPool::spawner);
    }

    /// Runs `future` to its end on this thread, with every task spawned
    /// on it so far, then whatever those left ready to run, so that no
    /// task of one page is left for the next.
    pub fn run<T>(future: impl Future<Output = T>) -> T {
        // The spawner is made from the pool, so not while the pool runs.
        SPAWNER.with(|_| ());
        POOL.with_borrow_mut(|pool| {
            let output = pool.run_until(future);
            pool.run_until_stalled();
            output
        })
    }

    pub struct Executor;

    impl CustomExecutor for Executor {
        fn spawn(&self, future: PinnedFuture<()>) {
            self.spawn_local(future);
        }

        fn spawn_local(&self, future: PinnedLocalFuture<()>) {
            // Only a thread being torn down has no pool left: its task is
            // dropped, and whoever awaited it (a tick) sees it cancelled.
            let _ = SPAWNER.try_with(|spawner| spawner.spawn_local(future));
        }

        fn poll_local(&self) {
            // Only `run` drives the pool: a poll from inside a task it
            // runs would borrow it twice.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{well_formed_markers, Shell};

    /// The parts of Trunk 0.21's index.html that the prerenderer changes.
    const TRUNK_SHELL: &str = "<!DOCTYPE html><html lang=\"en\" dir=\"ltr\"><head><title>Dispatch</title>\
        <link rel=\"alternate\" type=\"application/feed+json\" title=\"Dispatch\" href=\"/feed.json\">\
        <link rel=\"alternate\" type=\"application/rss+xml\" title=\"Dispatch\" href=\"/rss.xml\">\
        <script type=\"module\">\nimport init, * as bindings from '/app-1.js';\nconst wasm = await init({ module_or_path: '/app-1_bg.wasm' });\n</script>\
        <link rel=\"modulepreload\" href=\"/app-1.js\" crossorigin=\"anonymous\"><link rel=\"preload\" href=\"/app-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\"></head>\
        <body>\n<p id=\"boot\">Loading Dispatch…</p>\n</body></html>";

    #[test]
    fn a_page_loads_the_app_after_its_own_content() {
        let shell = Shell::parse(TRUNK_SHELL).unwrap();
        assert!(!shell.head.contains("<title>"), "the components set the title");
        assert!(!shell.head.contains("preload"), "{}", shell.head);
        let wait = shell.head.find("addEventListener(\"load\"").expect("waits for load");
        let decoded = shell.head.find("lead.decode()").expect("waits for the lead image");
        let painted = shell.head.find("requestAnimationFrame(painted)").expect("waits for its paint");
        let import = shell.head.find("await import('/app-1.js')").expect("imports the app");
        assert!(wait < decoded && decoded < painted && painted < import, "{}", shell.head);
        assert!(shell.head.contains("const init = bindings.default;\nconst wasm = await init("));
        assert!(shell.between.ends_with("<body>") && shell.tail.starts_with("</body>"));
        assert!(Shell::parse("<html><head></head><body></body></html>").is_err(), "a loader it does not know");
    }

    /// An Arabic page says its language and direction, and links its own
    /// feeds; an English page is the shell's.
    #[test]
    fn a_page_of_another_edition_says_its_language_and_links_its_feeds() {
        let shell = Shell::parse(TRUNK_SHELL).unwrap();
        let site: dispatch_model::Site = serde_json::from_value(serde_json::json!({
            "schema_version": 2, "name": "ديسباتش", "tagline": "t", "url": "https://d.example", "language": "ar",
            "sections": [], "regions": [], "navigation": []
        }))
        .unwrap();
        let arabic = shell.head_for(dispatch_model::Edition::Arabic, &site);
        assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"), "{arabic}");
        assert!(arabic.contains("title=\"ديسباتش\" href=\"/ar/feed.json\">"), "{arabic}");
        assert!(arabic.contains("href=\"/ar/rss.xml\">") && !arabic.contains("href=\"/rss.xml\""), "{arabic}");
        assert_eq!(shell.head_for(dispatch_model::Edition::English, &site), shell.head);
    }

    #[test]
    fn markers_become_valid_comments_and_attributes_stay() {
        assert_eq!(well_formed_markers("<p>a<!> b</p><!>"), "<p>a<!----> b</p><!---->");
        assert_eq!(well_formed_markers(r#"<img alt="<!>"><!>"#), r#"<img alt="<!>"><!---->"#);
        assert_eq!(well_formed_markers("<!-- kept -->"), "<!-- kept -->");
        assert_eq!(well_formed_markers("<p>سلام<!>é</p><!>"), "<p>سلام<!---->é</p><!---->");
        // Quotes in text are text; in a tag, each kind holds the other and `>`.
        assert_eq!(well_formed_markers(r#"it's<!>"#), "it's<!---->");
        assert_eq!(
            well_formed_markers(r#"<a title='"<!>' b="x>'">y</a><!>"#),
            r#"<a title='"<!>' b="x>'">y</a><!---->"#
        );
        // A tag or a value left open at the end keeps what follows as is.
        assert_eq!(well_formed_markers(r#"<!>a<b c="<!>"#), r#"<!---->a<b c="<!>"#);
        assert_eq!(well_formed_markers("<!><b <!>"), "<!----><b <!>");
    }
}
