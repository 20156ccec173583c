//! The release build: Trunk with the size-oriented profile and wasm-opt,
//! the prerendered pages, then precompressed variants and the size report.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use crate::{deploy, setup::Tools, sizes};

/// Builds the site into `dist/` with the native tools in `bins` and
/// prints the size report.
pub fn release(root: &Path, tools: &Tools, bins: &Bins) -> Result<PathBuf, String> {
    let dist = root.join("dist");
    let started = Instant::now();
    press(root, &bins.press)?;
    println!("build: trunk build --release into dist/");
    run(trunk(root, tools).args(["build", "--release", "--dist", "dist"]), "trunk build --release")?;
    search_app(root, tools, &dist)?;
    page_module(root, tools, &dist)?;
    prerender(&bins.prerender, &dist)?;
    let settings = deploy::settings(root)?;
    deploy::finish(&dist, &settings)?;
    search_index(&dist, tools)?;
    sizes::precompress(&dist)?;
    println!("build: done in {} s", started.elapsed().as_secs());
    sizes::report(&dist)?;
    sizes::budget(root, &dist)?;
    Ok(dist)
}

/// Trunk, run in `root` with the project's tools and the release build's
/// path remapping ([`remap_paths`]).
fn trunk(root: &Path, tools: &Tools) -> Command {
    let mut command = Command::new("trunk");
    command.current_dir(root).env("PATH", tools.path_with_tools()).env("CARGO_ENCODED_RUSTFLAGS", remap_paths(root));
    command
}

/// Source paths end up in the wasm (panic locations). Remapping the
/// machine's own folders away makes the build the same byte for byte on
/// every machine, so the size budget means the same everywhere, and keeps
/// the builder's folders out of what readers download.
fn remap_paths(root: &Path) -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"));
    // One flag per 0x1f-separated field, so folders with spaces survive.
    format!(
        "--remap-path-prefix={}=crates\u{1f}--remap-path-prefix={}=dispatch",
        cargo_home.join("registry/src").display(),
        root.display()
    )
}

/// The search page's own app: Trunk builds `search.html` (`index.html`
/// with the `search` feature and none of its copies; a test keeps the two
/// alike) into `target/search-site`, and its files join `dist`: its page
/// (`index.html` there) becomes [`deploy::SEARCH_SHELL`], from which the prerenderer writes the
/// search pages. Every other page's app is built without search, about
/// 31 KB brotli smaller (docs/browser-speed.md); Trunk cannot split one
/// module into two (trunk-rs/trunk#1022), so the search page downloads an
/// app of its own.
///
/// The two builds share the stylesheet and the icon (the same bytes, so
/// the same hashed names); a file of the same name with other bytes is an
/// error, never overwritten.
pub fn search_app(root: &Path, tools: &Tools, dist: &Path) -> Result<(), String> {
    println!("build: trunk build --release search.html (the search page's app)");
    let shell = second_build(root, tools, dist, "search.html", "target/search-site")?;
    write_file(&dist.join(deploy::SEARCH_SHELL), shell.as_bytes())
}

/// A prerendered page's own module (`src/page.rs`): Trunk builds
/// `page.html` (`index.html` with the `dispatch-page` binary and none of
/// its copies; a test keeps the two alike) into `target/page-site`, and
/// its files join `dist`. Its page becomes [`deploy::PAGE_SHELL`], from
/// which the prerenderer writes the pages a reader comes to read (articles
/// and the newsletter page, `dispatch::page::starts_own_module`); it
/// names the app's module (the app `index.html` loads), which the page's
/// module fetches when a reader is about to need it, in
/// `<meta name="dispatch-app">` (`dispatch::page::APP_META`'s value,
/// checked by a test). About half the app's wasm (docs/browser-speed.md).
pub fn page_module(root: &Path, tools: &Tools, dist: &Path) -> Result<(), String> {
    let (_, app) = sizes::app_of(dist, "index.html")?;
    println!("build: trunk build --release page.html (a prerendered page's own module)");
    let mut shell = second_build(root, tools, dist, "page.html", "target/page-site")?;
    let head_end = shell.find("</head>").ok_or("page.html's build has no </head>; did Trunk's output change?")?;
    shell.insert_str(head_end, &format!("<meta name=\"{APP_META}\" content=\"/{app}\">\n"));
    write_file(&dist.join(deploy::PAGE_SHELL), shell.as_bytes())
}

/// The name of the `<meta>` that names the app's module, as
/// `dispatch::page::APP_META` reads it.
const APP_META: &str = "dispatch-app";

/// Builds `source` (a page beside `index.html`) with Trunk into `site`
/// and copies its files into `dist`, but its page (`index.html` there,
/// whatever its source's name), whose text is returned. The builds share
/// the stylesheet and the icon (the same bytes, so the same hashed names);
/// a file of the same name with other bytes is an error, never
/// overwritten.
fn second_build(root: &Path, tools: &Tools, dist: &Path, source: &str, site: &str) -> Result<String, String> {
    let site = root.join(site);
    run(
        trunk(root, tools).args(["build", source, "--release", "true", "--dist"]).arg(&site),
        &format!("trunk build --release {source}"),
    )?;
    let mut page = None;
    for file in sizes::files(&site)? {
        let relative = file.strip_prefix(&site).map_err(|err| err.to_string())?;
        let bytes = fs::read(&file).map_err(|err| format!("cannot read {}: {err}", file.display()))?;
        if relative.to_str() == Some("index.html") {
            page = Some(String::from_utf8(bytes).map_err(|err| format!("{source}'s build: {err}"))?);
            continue;
        }
        let target = dist.join(relative);
        match fs::read(&target) {
            Ok(there) if there == bytes => continue,
            Ok(_) => {
                return Err(format!(
                    "the builds of {source} and index.html both have {}, with other bytes",
                    relative.display()
                ))
            }
            Err(_) => write_file(&target, &bytes)?,
        }
    }
    page.ok_or_else(|| format!("{source}'s build wrote no page; did Trunk's output change?"))
}

fn write_file(target: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|err| format!("cannot make {}: {err}", parent.display()))?;
    }
    fs::write(target, bytes).map_err(|err| format!("cannot write {}: {err}", target.display()))
}

/// Trunk's `index.html` is the app shell: it becomes [`deploy::SHELL`], and
/// the prerenderer writes the real pages from it, the front page's
/// `index.html` and the "Page not found" of `404.html` among them.
pub fn prerender(prerender: &Path, dist: &Path) -> Result<(), String> {
    std::fs::rename(dist.join("index.html"), dist.join(deploy::SHELL))
        .map_err(|err| format!("cannot move Trunk's index.html to {}: {err}", deploy::SHELL))?;
    run(Command::new(prerender).arg("--root").arg(dist), "dispatch-prerender")
}

/// Indexes the prerendered pages for the site search: Pagefind (pinned in
/// package.json) reads every page that marks a searchable part
/// (`data-pagefind-body`: the articles) and writes its index and browser
/// code into [`dispatch_model::paths::SEARCH_BUNDLE`] under `dist`.
pub fn search_index(dist: &Path, tools: &Tools) -> Result<(), String> {
    let bundle = dist.join(dispatch_model::paths::SEARCH_BUNDLE.trim_matches('/'));
    println!("build: pagefind into {}", bundle.display());
    run(&mut pagefind(tools, dist, &bundle), "pagefind")?;
    drop_interfaces(&bundle)
}

/// Pagefind's command line indexing the site in `site` into `bundle`.
pub fn pagefind(tools: &Tools, site: &Path, bundle: &Path) -> Command {
    let mut command = Command::new(tools.pagefind());
    command.arg("--site").arg(site).arg("--output-path").arg(bundle).arg("--silent");
    command
}

/// Removes Pagefind's own search interfaces from `bundle`: the app is the
/// interface, so they would only be deployed, never loaded.
pub fn drop_interfaces(bundle: &Path) -> Result<(), String> {
    for name in PAGEFIND_INTERFACES {
        let path = bundle.join(name);
        fs::remove_file(&path).map_err(|err| format!("cannot remove {}: {err}", path.display()))?;
    }
    Ok(())
}

/// The files of Pagefind's bundle that only its ready-made interfaces
/// use (Pagefind 1.6: the default, modular and component UIs and the
/// highlighter).
const PAGEFIND_INTERFACES: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Compiles `content/` into `public/` (the JSON tree, feeds, sitemap), and
/// writes `public/newsletter.json` from deploy.toml for the dev loop
/// (the release build writes its own into `dist/`).
pub fn press(root: &Path, press: &Path) -> Result<(), String> {
    run(
        Command::new(press).current_dir(root).args([
            "--content",
            "content",
            "--out",
            "public",
            // The record of the last build and the processed photographs:
            // a rebuild reads only what changed and decodes no photograph
            // twice.
            "--cache",
            ".dispatch-cache",
        ]),
        "dispatch-press (fix the problems it lists in content/)",
    )?;
    // index.html has Trunk copy `public/ar/`, which a newsroom without an
    // Arabic edition does not have; Trunk fails on a folder that is missing.
    for edition in dispatch_model::Edition::ALL.into_iter().filter(|edition| !edition.folder().is_empty()) {
        let folder = root.join("public").join(edition.folder());
        std::fs::create_dir_all(&folder).map_err(|err| format!("cannot make {}: {err}", folder.display()))?;
    }
    let newsletter = deploy::newsletter_json(&deploy::settings(root)?);
    let path = root.join("public/newsletter.json");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(newsletter.as_str()) {
        std::fs::write(&path, newsletter).map_err(|err| format!("cannot write public/newsletter.json: {err}"))?;
    }
    Ok(())
}

/// Recompiles the content whenever a file under `content/` changes, for
/// the dev loop; Trunk then sees `public/` change and reloads the page.
pub fn watch_content(root: PathBuf, press_binary: PathBuf) {
    std::thread::spawn(move || {
        let mut seen = stamp(&root.join("content"));
        loop {
            std::thread::sleep(std::time::Duration::from_millis(700));
            let now = stamp(&root.join("content"));
            if now != seen {
                seen = now;
                // A failed compile has printed its problems; the site keeps
                // the last good content until the next save.
                let _ = press(&root, &press_binary);
            }
        }
    });
}

/// What changes when any file under `dir` is added, removed or saved.
fn stamp(dir: &Path) -> Vec<(PathBuf, Option<std::time::SystemTime>, u64)> {
    crate::sizes::files(dir)
        .unwrap_or_default()
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.map_or(0, |m| m.len());
            (path, modified, len)
        })
        .collect()
}

/// The native tools' binaries: the content compiler, the prerenderer and
/// `dispatch-server` (the CDN preview and the newsletter service).
pub struct Bins {
    pub press: PathBuf,
    pub prerender: PathBuf,
    pub server: PathBuf,
}

/// What the tools are built for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum For {
    /// The site: the workspace's binaries alone.
    Site,
    /// `cargo xtask test`, after `cargo test --workspace`: every target,
    /// so that Cargo resolves features as the test build did (test
    /// targets turn on dev-dependencies' features) and reuses what it
    /// compiled. Built package by package (`cargo run -p …`), each tool
    /// resolved features of its own, and a cold test run compiled the
    /// prerenderer and the compiler twice more, some ten minutes.
    Tests,
}

/// Builds the native tools in the dev profile, in one Cargo run over the
/// workspace, and returns their binaries.
pub fn bins(root: &Path, purpose: For) -> Result<Bins, String> {
    let targets = match purpose {
        For::Site => "--bins",
        For::Tests => "--all-targets",
    };
    run(
        Command::new("cargo").current_dir(root).args(["build", "--quiet", "--workspace", targets]),
        &format!("cargo build --workspace {targets}"),
    )?;
    let bin = |name: &str| root.join("target/debug").join(name);
    Ok(Bins { press: bin("dispatch-press"), prerender: bin("dispatch-prerender"), server: bin("dispatch-server") })
}

/// The environment that `tests/e2e/support.mjs` reads: the server, the
/// release build and the browser.
pub fn browser_env<'a>(command: &'a mut Command, root: &Path, server: &Path) -> &'a mut Command {
    command
        .env("DISPATCH_SERVER", server)
        .env("DISPATCH_DIST", root.join("dist"))
        .env("CHROMIUM", crate::setup::CHROMIUM)
}

/// Runs a command with inherited output; an error names it.
pub fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command.status().map_err(|err| format!("could not start {what}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_search_bundle_is_named_for_the_pinned_pagefind() {
        let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../package.json")).unwrap();
        let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
        let version = manifest["devDependencies"]["pagefind"].as_str().expect("package.json pins pagefind");
        assert_eq!(dispatch_model::paths::SEARCH_BUNDLE, format!("/pagefind/{version}/"));
    }

    /// A prerendered page's module is built from a page like the site's:
    /// `page.html` is `index.html` with the page's binary and without the
    /// files only the site's build copies. The `<meta>` the build writes is
    /// the one the module reads.
    #[test]
    fn the_page_modules_shell_is_the_sites_with_its_binary() {
        same_as_index("page.html", "data-bin=\"dispatch\"", "data-bin=\"dispatch-page\"");
        let page = read("src/page.rs");
        assert!(page.contains(&format!("pub const APP_META: &str = \"{}\";", super::APP_META)));
    }

    /// The search page's shell is the site's, so that the two kinds of
    /// page look and start alike: `search.html` is `index.html` with the
    /// `search` feature and without the files only the site's build copies.
    #[test]
    fn the_search_pages_shell_is_the_sites_with_the_search_feature() {
        same_as_index("search.html", "data-cargo-features=\"csr\"", "data-cargo-features=\"csr,search\"");
    }

    fn read(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// Asserts that the page `name` is `index.html` with `from` written as
    /// `to`, and without the files only the site's build copies.
    fn same_as_index(name: &str, from: &str, to: &str) {
        let index = read("index.html");
        assert!(index.contains(from), "index.html has {from}, as this test expects");
        let expected: String = index
            .lines()
            .filter(|line| !line.contains("rel=\"copy-dir\"") && !line.contains("rel=\"copy-file\""))
            .map(|line| line.replace(from, to) + "\n")
            .collect();
        assert_eq!(read(name), expected, "{name} drifted from index.html");
    }
}
