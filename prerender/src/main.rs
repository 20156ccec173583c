//! `dispatch-prerender [--root DIR] [--cache DIR]`: writes a static HTML
//! file for every page a crawler can reach into the built site (default
//! `dist`), from its shells (`_shell.html`, which starts the app;
//! `_page_shell.html` for articles and the newsletter page, which start a
//! page's own module, `dispatch::page`; and `_search_shell.html` for the
//! search page, which loads an app of its own) and its content JSON.
//! See the
//! library's docs. With `--cache`, it keeps a record of the files each
//! page read (see `dispatch_prerender::record`), and the next run renders
//! only the pages whose files changed, and removes the pages that are
//! gone.

// As in the app: its views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

use std::{
    collections::HashMap,
    fs,
    io::IsTerminal,
    path::{Path, PathBuf},
    process::ExitCode,
    sync::atomic::{AtomicUsize, Ordering},
    time::Instant,
};

use dispatch_model::{routes as paths, Edition, Site};
use dispatch_prerender::{
    article_address, editions, init,
    record::{self, Files, Page, Record},
    render, routes, Kind, Shell,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// Rendering makes and drops many small allocations per page, on every
/// core: mimalloc's per-thread heaps serve them faster than glibc's
/// arenas (`Cargo.toml` says what it saved).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: dispatch-prerender [--root DIR] [--cache DIR]";

/// How many changed pages a run names; the count says the rest.
const SHOWN: usize = 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut root, mut cache) = (PathBuf::from("dist"), None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (arg.as_str(), rest.next()) {
            ("--root", Some(dir)) => root = PathBuf::from(dir),
            ("--cache", Some(dir)) => cache = Some(PathBuf::from(dir)),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    match run(&root, cache.as_deref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, cache: Option<&Path>) -> Result<(), String> {
    let started = Instant::now();
    let run_started = record::now();
    init();
    let read_shell = |name: &str| {
        let path = root.join(name);
        fs::read_to_string(&path).map_err(|err| {
            format!(
                "cannot read {}: {err} (one of the site's three shells, `_shell.html`, `_page_shell.html` and \
                 `_search_shell.html`, which `cargo xtask build` writes into dist: copy them into {})",
                path.display(),
                root.display()
            )
        })
    };
    let (shell_text, page_shell_text, search_shell_text) =
        (read_shell("_shell.html")?, read_shell("_page_shell.html")?, read_shell("_search_shell.html")?);
    let (shell, page_shell, search_shell) =
        (Shell::parse(&shell_text)?, Shell::parse(&page_shell_text)?, Shell::parse(&search_shell_text)?);
    let mut sites: HashMap<Edition, Site> = HashMap::new();
    for edition in editions(root) {
        let file = edition.path("/content/site.json");
        let text = fs::read_to_string(root.join(file.trim_start_matches('/')))
            .map_err(|err| format!("cannot read {file}: {err}"))?;
        sites.insert(edition, serde_json::from_str(&text).map_err(|err| format!("{file}: {err}"))?);
    }
    let identity = identity(root, &[&shell_text, &page_shell_text, &search_shell_text]);
    // Any record says which pages the last run wrote; only one written
    // by a run like this one says which still stand.
    let taken = cache.and_then(Record::take);
    let (previous, earlier) = match taken {
        Some(record) if record.is_for(identity) => (Some(record), None),
        other => (None, other),
    };

    // What the record says still stands: the files no page's render saw
    // change, and each article file's address.
    let unchanged = previous.as_ref().map(|previous| previous.unchanged(root)).unwrap_or_default();
    let mut known: FxHashMap<&str, &str> = FxHashMap::default();
    if let Some(previous) = &previous {
        for (path, page) in &previous.pages {
            if let [.., article] = page.read.as_slice() {
                let file = &previous.files[*article as usize].path;
                if Edition::split(&format!("/{file}")).1.starts_with("/content/articles/")
                    && unchanged[*article as usize]
                {
                    known.insert(file, path);
                }
            }
        }
    }
    let routes = routes(root, &mut |file| match known.get(file) {
        Some(path) => Ok(path.to_string()),
        None => article_address(root, file),
    })?;
    let stands = |route: &dispatch_prerender::Route| -> Option<Page> {
        let previous = previous.as_ref()?;
        let page = previous.pages.get(&route.path)?;
        let same = page.read.iter().all(|&index| unchanged[index as usize])
            && route
                .made_from
                .iter()
                .all(|file| page.read.iter().any(|&index| &previous.files[index as usize].path == file));
        (same && root.join(&page.file).is_file()).then(|| page.clone())
    };

    // Every core renders; a page whose file already holds the same bytes is
    // left alone, so its modification time stays and a CDN sync skips it.
    // A full render of a large site in a terminal shows how far it is
    // (a minute at 100,000 articles); logs stay clean.
    let progress = previous.is_none() && routes.len() >= 500 && std::io::stderr().is_terminal();
    let done = AtomicUsize::new(0);
    type Done = Result<(Option<Page>, Option<(Vec<record::Seen>, usize, bool)>), String>;
    let results: Vec<Done> = routes
        .par_iter()
        .map_init(init, |(), route| -> Done {
            if let Some(page) = stands(route) {
                return Ok((Some(page), None));
            }
            let count = done.fetch_add(1, Ordering::Relaxed);
            if progress && count.is_multiple_of(500) {
                eprint!("\rprerender: page {count} of {}…", routes.len());
            }
            let edition = Edition::split(&route.path).0;
            let shell = if paths::is_search(&route.path) {
                &search_shell
            } else if dispatch::page::starts_own_module(&route.path) {
                &page_shell
            } else {
                &shell
            };
            let rendered =
                render(shell, root, &sites[&edition], route).map_err(|problem| format!("{}: {problem}", route.path))?;
            let path = root.join(route.file());
            let mut read: Vec<record::Seen> =
                rendered.read.iter().map(|(file, text)| record::seen(root, file, text.as_deref())).collect();
            for file in &route.made_from {
                if !read.iter().any(|seen| &seen.path == file) {
                    let text = fs::read_to_string(root.join(file)).ok();
                    read.push(record::seen(root, file, text.as_deref()));
                }
            }
            // The article's own file last: the next run finds its address
            // there.
            if let Kind::Article(file) = &route.kind {
                if let Some(at) = read.iter().position(|seen| &seen.path == file) {
                    let own = read.remove(at);
                    read.push(own);
                }
            }
            let html = rendered.html;
            if fs::read(&path).is_ok_and(|old| old == html.as_bytes()) {
                return Ok((None, Some((read, html.len(), false))));
            }
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|err| format!("cannot create {}: {err}", parent.display()))?;
            }
            fs::write(&path, &html).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
            stale_copies(&path)?;
            Ok((None, Some((read, html.len(), true))))
        })
        .collect();

    if progress {
        eprint!("\r\x1b[2K");
    }
    let mut next = Record::new(identity, run_started);
    let mut files = Files::default();
    // Each of the last record's files is added once, however many kept
    // pages read it (at 100,000 articles, adding it for every page was a
    // fifth of publishing a story).
    let mut added: Vec<Option<u32>> = vec![None; previous.as_ref().map_or(0, |previous| previous.files.len())];
    let (mut rendered, mut changed, mut bytes, mut problems) = (0usize, Vec::new(), 0usize, Vec::new());
    // Gathered, then made into the map at once: sorting them and building
    // it from the sorted list costs a fraction of inserting one by one.
    let mut pages = Vec::with_capacity(routes.len());
    for (route, result) in routes.iter().zip(results) {
        match result {
            Ok((Some(page), None)) => {
                let previous = previous.as_ref().expect("kept pages come from a record");
                let read = page
                    .read
                    .iter()
                    .map(|&index| {
                        *added[index as usize].get_or_insert_with(|| files.add(previous.files[index as usize].clone()))
                    })
                    .collect();
                pages.push((route.path.clone(), Page { file: page.file, read }));
            }
            Ok((_, Some((read, length, written)))) => {
                rendered += 1;
                bytes += length;
                if written {
                    changed.push(route.file());
                }
                let read = read.into_iter().map(|seen| files.add(seen)).collect();
                pages.push((route.path.clone(), Page { file: route.file(), read }));
            }
            Ok((None, None)) => unreachable!("a page is either kept or rendered"),
            Err(problem) => problems.push(problem),
        }
    }
    next.files = files.into_files();
    next.pages = pages.into_iter().collect();
    // The pages of routes that are gone (a deleted article), with their
    // compressed copies.
    let mut removed = Vec::new();
    if let Some(previous) = previous.as_ref().or(earlier.as_ref()) {
        let now: FxHashSet<&str> = routes.iter().map(|route| route.path.as_str()).collect();
        for (path, page) in &previous.pages {
            if !now.contains(path.as_str()) {
                let file = root.join(&page.file);
                match fs::remove_file(&file) {
                    Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                        return Err(format!("cannot remove {}: {err}", file.display()))
                    }
                    _ => {}
                }
                stale_copies(&file)?;
                removed.push(page.file.clone());
            }
        }
    }
    let shown = changed.iter().map(|file| ("wrote", file)).chain(removed.iter().map(|file| ("removed", file)));
    let shown: Vec<(&str, &String)> = shown.collect();
    if previous.is_some() {
        for (what, file) in shown.iter().take(SHOWN) {
            println!("  {what} {file}");
        }
        if shown.len() > SHOWN {
            println!("  … and {} more", shown.len() - SHOWN);
        }
    }
    println!(
        "prerender: {} pages ({rendered} rendered, {} changed, {} removed), {bytes} bytes rendered{}, in {} ms",
        routes.len() - problems.len(),
        changed.len(),
        removed.len(),
        if previous.is_some() { ", from the record" } else { "" },
        started.elapsed().as_millis()
    );
    if !problems.is_empty() {
        return Err(format!("{} pages failed:\n  {}", problems.len(), problems.join("\n  ")));
    }
    if let Some(cache) = cache {
        next.save(cache).map_err(|err| format!("cannot write the record in {}: {err}", cache.display()))?;
    }
    Ok(())
}

/// Removes the precompressed copies (`.br`, `.gz`) of a page that was
/// written again or removed: the build makes them from the page, and an
/// old one must never be served for a new page.
fn stale_copies(page: &Path) -> Result<(), String> {
    for extension in ["br", "gz"] {
        let copy = PathBuf::from(format!("{}.{extension}", page.display()));
        match fs::remove_file(&copy) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot remove {}: {err}", copy.display()))
            }
            _ => {}
        }
    }
    Ok(())
}

/// The shells' bytes, the running prerenderer (path, size, time: a
/// rebuilt one may render otherwise) and the root's path, as one hash.
fn identity(root: &Path, shells: &[&str]) -> u64 {
    let mut text = format!("{}\n", fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()).display());
    for shell in shells {
        text.push_str(shell);
        text.push('\n');
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some((size, modified, ..)) = record::stamp(&exe) {
            text.push_str(&format!("{}\n{size}\n{modified}\n", exe.display()));
        }
    }
    record::digest(text.as_bytes())
}
