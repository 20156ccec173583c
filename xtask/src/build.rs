//! The release build: Trunk with the size-oriented profile and wasm-opt,
//! then precompressed variants and the size report.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use crate::{deploy, setup::Tools, sizes};

/// Builds the site into `dist/` and prints the size report.
pub fn release(root: &Path, tools: &Tools) -> Result<PathBuf, String> {
    let dist = root.join("dist");
    let started = Instant::now();
    press(root)?;
    println!("build: trunk build --release into dist/");
    run(
        Command::new("trunk")
            .current_dir(root)
            .env("PATH", tools.path_with_tools())
            .args(["build", "--release", "--dist", "dist"]),
        "trunk build --release",
    )?;
    let settings = deploy::settings(root)?;
    deploy::finish(&dist, &settings)?;
    sizes::precompress(&dist)?;
    println!("build: done in {} s", started.elapsed().as_secs());
    sizes::report(&dist)?;
    sizes::budget(root, &dist)?;
    Ok(dist)
}

/// Compiles `content/` into `public/` (the JSON tree, feeds, sitemap).
pub fn press(root: &Path) -> Result<(), String> {
    run(
        Command::new("cargo").current_dir(root).args([
            "run", "--quiet", "--package", "dispatch-press", "--", "--content", "content", "--out", "public",
        ]),
        "dispatch-press (fix the problems it lists in content/)",
    )
}

/// Recompiles the content whenever a file under `content/` changes, for
/// the dev loop; Trunk then sees `public/` change and reloads the page.
pub fn watch_content(root: PathBuf) {
    std::thread::spawn(move || {
        let mut seen = stamp(&root.join("content"));
        loop {
            std::thread::sleep(std::time::Duration::from_millis(700));
            let now = stamp(&root.join("content"));
            if now != seen {
                seen = now;
                // A failed compile has printed its problems; the site keeps
                // the last good content until the next save.
                let _ = press(&root);
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

/// Runs a command with inherited output; an error names it.
pub fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|err| format!("could not start {what}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}
