//! `cargo xtask <command>`: the project's own commands.
//!
//! - `dev [--port N]`  sets up what is missing, compiles the sample newsroom
//!                     in `content/`, then serves the site on
//!                     http://127.0.0.1:N (default 8080), recompiling and
//!                     rebuilding on every change.
//! - `test`            sets up what is missing, then runs every test layer and
//!                     ends with one line: `N passed, N failed`.
//! - `build`           the release build into `dist/`, with its size report.
//! - `bench`           the content compiler at 1,000 and 10,000 articles, and
//!                     the bytes a reader downloads (docs/benchmarks.md).
//! - `setup`           installs the pinned tools only.

mod bench;
mod build;
mod counts;
mod deploy;
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
            .and_then(|tools| build::release(&root, &tools).map(|_| ())),
        Some("test") => return test::run(&root),
        Some("bench") => setup::ensure(&root, setup::Needs::Build).and_then(|tools| bench::run(&root, &tools)),
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
    "usage: cargo xtask <dev [--port N] | test | build | bench | setup>".to_string()
}

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

fn dev(root: &Path, args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => 8080,
        [flag, value] if flag == "--port" => {
            value.parse().map_err(|_| format!("--port: not a port number: {value}"))?
        }
        _ => return Err(usage()),
    };
    let tools = setup::ensure(root, setup::Needs::Build)?;
    build::press(root)?;
    build::watch_content(root.to_path_buf());
    println!("\nDispatch will be at http://127.0.0.1:{port} once the first build finishes; it rebuilds on change. Ctrl-C stops it.\n");
    let mut serve = Command::new("trunk");
    serve
        .current_dir(root)
        .env("PATH", tools.path_with_tools())
        .args(["serve", "--address", "127.0.0.1", "--port", &port.to_string()])
        .args(["--dist", "target/dev-site"]);
    build::run(&mut serve, "trunk serve")
}
