//! `cargo xtask <command>`: the project's own commands.
//!
//! ```text
//! dev [--port N] [--newsletter-port N] [--data DIR]
//!         sets up what is missing, compiles the sample newsroom in
//!         `content/`, then serves the site on http://127.0.0.1:N (default
//!         8080), recompiling and rebuilding on every change. The newsletter
//!         service runs beside it (default port 8090, signups kept in
//!         `.data/`), reached through the site's `/api/`.
//! test    sets up what is missing, then runs every test layer and ends
//!         with one line: `N passed, N failed`.
//! build   the release build into `dist/`, with its size report.
//! configure [--dist DIR]
//!         applies deploy.toml to a built site (headers, nginx snippet,
//!         newsletter.json) without rebuilding it.
//! screenshots
//!         the release build, then the README's screenshots of it into
//!         docs/screenshots/.
//! bench [archive | photos | search | browser]
//!         the content compiler and prerenderer at 10,000 to 100,000
//!         articles, the photograph pipeline beside vipsthumbnail, and the
//!         bytes a reader downloads (docs/benchmarks.md); `photos` runs
//!         the photograph pipeline's part alone, `search` the site search
//!         at 10,000 and 100,000 articles (docs/search.md), `browser`
//!         the app in Chromium beside static HTML (docs/browser-speed.md).
//! setup   installs the pinned tools only.
//! sample-photos
//!         draws the sample newsroom's photographs into
//!         content/images/photos/ (see photos.rs).
//! ```

mod bench;
mod build;
mod counts;
mod deploy;
mod photos;
mod setup;
mod sizes;
mod test;

use std::{
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::ensure(&root, setup::Needs::All).map(|_| ()),
        Some("dev") => dev(&root, &args[1..]),
        Some("build") => setup::ensure(&root, setup::Needs::Build)
            .and_then(|tools| build::release(&root, &tools, &build::bins(&root, build::For::Site)?).map(|_| ())),
        Some("configure") => configure(&root, &args[1..]),
        Some("screenshots") => setup::ensure(&root, setup::Needs::All).and_then(|tools| screenshots(&root, &tools)),
        Some("test") => return test::run(&root),
        Some("sample-photos") => photos::write(&root),
        Some("bench") if args.get(1).map(String::as_str) == Some("photos") => bench::photos_only(&root),
        Some("bench") if args.get(1).map(String::as_str) == Some("search") => {
            setup::ensure(&root, setup::Needs::All).and_then(|tools| bench::search(&root, &tools))
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("browser") => {
            setup::ensure(&root, setup::Needs::All).and_then(|tools| bench::browser(&root, &tools))
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("archive") => {
            setup::ensure(&root, setup::Needs::Build).and_then(|tools| bench::run(&root, &tools, bench::Parts::Archive))
        }
        Some("bench") => {
            setup::ensure(&root, setup::Needs::Build).and_then(|tools| bench::run(&root, &tools, bench::Parts::All))
        }
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    "usage: cargo xtask <dev [--port N] [--newsletter-port N] [--data DIR] | test | build | configure [--dist DIR] | screenshots | bench [archive | photos | search | browser] | setup | sample-photos>"
        .to_string()
}

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}

fn screenshots(root: &Path, tools: &setup::Tools) -> Result<(), String> {
    let bins = build::bins(root, build::For::Site)?;
    build::release(root, tools, &bins)?;
    let mut node = Command::new("node");
    build::browser_env(node.current_dir(root), root, &bins.server).arg("scripts/screenshots.mjs");
    build::run(&mut node, "scripts/screenshots.mjs")
}

fn configure(root: &Path, args: &[String]) -> Result<(), String> {
    let dist = match args {
        [] => root.join("dist"),
        [flag, value] if flag == "--dist" => PathBuf::from(value),
        _ => return Err(usage()),
    };
    deploy::finish(&dist, &deploy::settings(root)?)?;
    sizes::precompress(&dist)?;
    println!("configure: applied deploy.toml to {}", dist.display());
    Ok(())
}

fn dev(root: &Path, args: &[String]) -> Result<(), String> {
    let (mut port, mut newsletter_port, mut data) = (8080u16, 8090u16, root.join(".data"));
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(usage)?;
        let number = || value.parse::<u16>().map_err(|_| format!("{flag}: not a port number: {value}"));
        match flag.as_str() {
            "--port" => port = number()?,
            "--newsletter-port" => newsletter_port = number()?,
            "--data" => data = PathBuf::from(value),
            _ => return Err(usage()),
        }
    }
    let tools = setup::ensure(root, setup::Needs::Build)?;
    let bins = build::bins(root, build::For::Site)?;
    build::press(root, &bins.press)?;
    build::watch_content(root.to_path_buf(), bins.press.clone());
    let _newsletter = start_newsletter(root, &bins.server, newsletter_port, &data)?;
    println!("\nDispatch will be at http://127.0.0.1:{port} once the first build finishes; it rebuilds on change. Ctrl-C stops it.\n");
    let mut serve = Command::new("trunk");
    serve
        .current_dir(root)
        .env("PATH", tools.path_with_tools())
        .args(["serve", "--address", "127.0.0.1", "--port", &port.to_string()])
        .args(["--dist", "target/dev-site"])
        .args(["--proxy-backend", &format!("http://127.0.0.1:{newsletter_port}/api/")]);
    build::run(&mut serve, "trunk serve")
}

/// The newsletter service of the dev loop: `dispatch-server` with the lists
/// from deploy.toml, killed when the dev loop ends.
fn start_newsletter(root: &Path, server: &Path, port: u16, data: &Path) -> Result<ChildGuard, String> {
    let settings = deploy::settings(root)?;
    let child = Command::new(server)
        .args(["--port", &port.to_string(), "--data"])
        .arg(data)
        .args(settings.lists().into_iter().flat_map(|list| ["--list", list]))
        .spawn()
        .map_err(|err| format!("could not start the newsletter service: {err}"))?;
    println!("dev: newsletter signups are kept in {}; confirmation links appear in this log", data.display());
    Ok(ChildGuard(child))
}

/// Kills the child when dropped.
struct ChildGuard(std::process::Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
