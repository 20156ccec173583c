//! `dispatch-prerender [--root DIR]`: writes a static HTML file for every
//! page a crawler can reach into the built site (default `dist`), from its
//! shell `_shell.html` and its content JSON. See the library's docs.

// As in the app: its views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

use std::{fs, path::PathBuf, process::ExitCode, time::Instant};

use dispatch_model::Site;
use dispatch_prerender::{init, render, routes, Shell};
use rayon::prelude::*;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let root = match (args.next().as_deref(), args.next()) {
        (None, _) => PathBuf::from("dist"),
        (Some("--root"), Some(root)) => PathBuf::from(root),
        _ => {
            eprintln!("usage: dispatch-prerender [--root DIR]");
            return ExitCode::FAILURE;
        }
    };
    match run(&root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &std::path::Path) -> Result<(), String> {
    let started = Instant::now();
    init();
    let shell_path = root.join("_shell.html");
    let shell =
        fs::read_to_string(&shell_path).map_err(|err| format!("cannot read {}: {err}", shell_path.display()))?;
    let shell = Shell::parse(&shell)?;
    let site: Site = serde_json::from_str(
        &fs::read_to_string(root.join("content/site.json"))
            .map_err(|err| format!("cannot read content/site.json: {err}"))?,
    )
    .map_err(|err| format!("content/site.json: {err}"))?;
    let routes = routes(root)?;
    // Every core renders; a page whose file already holds the same bytes is
    // left alone, so its modification time stays and a CDN sync skips it.
    let results: Vec<Result<(usize, bool), String>> = routes
        .par_iter()
        .map_init(init, |(), route| {
            render(&shell, root, &site, route)
                .and_then(|html| {
                    let path = root.join(route.file());
                    if fs::read(&path).is_ok_and(|old| old == html.as_bytes()) {
                        return Ok((html.len(), false));
                    }
                    if let Some(parent) = path.parent() {
                        fs::create_dir_all(parent)
                            .map_err(|err| format!("cannot create {}: {err}", parent.display()))?;
                    }
                    fs::write(&path, &html).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
                    Ok((html.len(), true))
                })
                .map_err(|problem| format!("{}: {problem}", route.path))
        })
        .collect();
    let (mut bytes, mut changed, mut problems) = (0usize, 0usize, Vec::new());
    for result in results {
        match result {
            Ok((len, written)) => {
                bytes += len;
                changed += usize::from(written);
            }
            Err(problem) => problems.push(problem),
        }
    }
    println!(
        "prerender: {} pages ({changed} changed), {} bytes of HTML, in {} ms",
        routes.len() - problems.len(),
        bytes,
        started.elapsed().as_millis()
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} pages failed:\n  {}", problems.len(), problems.join("\n  ")))
    }
}
