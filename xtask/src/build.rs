//! The release build: Trunk with the size-oriented profile and wasm-opt,
//! then precompressed variants and the size report.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use crate::{setup::Tools, sizes};

/// Builds the site into `dist/` and prints the size report.
pub fn release(root: &Path, tools: &Tools) -> Result<PathBuf, String> {
    let dist = root.join("dist");
    let started = Instant::now();
    println!("build: trunk build --release into dist/");
    run(
        Command::new("trunk")
            .current_dir(root)
            .env("PATH", tools.path_with_tools())
            .args(["build", "--release", "--dist", "dist"]),
        "trunk build --release",
    )?;
    sizes::precompress(&dist)?;
    println!("build: done in {} s", started.elapsed().as_secs());
    sizes::report(&dist)?;
    Ok(dist)
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
