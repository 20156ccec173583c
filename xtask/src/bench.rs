//! `cargo xtask bench`: the content compiler at scale, and what a reader
//! downloads. Timings are one wall-clock run each on this machine and
//! vary; byte counts are exact. Results go to stdout as a Markdown table
//! for docs/benchmarks.md.

use std::{fs, path::Path, process::Command, time::Instant};

use crate::{build, setup::Tools, sizes};

pub fn run(root: &Path, tools: &Tools) -> Result<(), String> {
    build::run(
        Command::new("cargo").current_dir(root).args(["build", "--profile", "tools", "--package", "dispatch-press"]),
        "cargo build --profile tools --package dispatch-press",
    )?;
    let press = root.join("target/tools/dispatch-press");
    let scratch = root.join("target/bench");
    let mut rows = Vec::new();
    for count in [1_000, 10_000] {
        let content = scratch.join(format!("content-{count}"));
        let out = scratch.join(format!("out-{count}"));
        let _ = fs::remove_dir_all(&content);
        let _ = fs::remove_dir_all(&out);
        build::run(
            Command::new(&press).args(["synthetic", "--articles", &count.to_string(), "--out"]).arg(&content),
            "dispatch-press synthetic",
        )?;
        let started = Instant::now();
        build::run(Command::new(&press).arg("--content").arg(&content).arg("--out").arg(&out), "dispatch-press")?;
        let first = started.elapsed();
        let started = Instant::now();
        build::run(Command::new(&press).arg("--content").arg(&content).arg("--out").arg(&out), "dispatch-press")?;
        let rerun = started.elapsed();
        let files = sizes::files(&out)?;
        let bytes: u64 = files.iter().filter_map(|f| fs::metadata(f).ok()).map(|m| m.len()).sum();
        rows.push(format!(
            "| {count} articles | {:.2} s | {:.2} s | {} | {} |",
            first.as_secs_f64(),
            rerun.as_secs_f64(),
            files.len(),
            bytes
        ));
    }

    let dist = build::release(root, tools)?;
    let shell = shell_bytes(&dist)?;
    let latest = sizes::measure(&fs::read(dist.join("content/latest/1.json")).map_err(|e| e.to_string())?);
    let top = top_article(&dist)?;
    let article =
        sizes::measure(&fs::read(dist.join(format!("content/articles/{top}.json"))).map_err(|e| e.to_string())?);

    println!("\n## Content compiler (synthetic newsroom, profile `tools`)\n");
    println!("| input | first compile | rerun (nothing changes) | files | bytes |");
    println!("|---|---|---|---|---|");
    rows.iter().for_each(|row| println!("{row}"));
    println!("\n## What a reader downloads (brotli bytes, before images)\n");
    println!("| view | app shell (HTML, JS, wasm, CSS) | content JSON | total |");
    println!("|---|---|---|---|");
    println!("| front page | {shell} | {} (`latest/1.json`) | {} |", latest.brotli, shell + latest.brotli);
    println!("| one article | {shell} | {} (`articles/{top}.json`) | {} |", article.brotli, shell + article.brotli);
    Ok(())
}

/// Brotli bytes of the HTML, JS, wasm and CSS that every first view loads.
fn shell_bytes(dist: &Path) -> Result<u64, String> {
    let mut total = 0;
    for entry in fs::read_dir(dist).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "js" | "wasm" | "css")) {
            total += sizes::measure(&fs::read(&path).map_err(|e| e.to_string())?).brotli;
        }
    }
    Ok(total)
}

fn top_article(dist: &Path) -> Result<String, String> {
    let latest = fs::read_to_string(dist.join("content/latest/1.json")).map_err(|e| e.to_string())?;
    let at = latest.find("\"slug\":\"").ok_or("latest/1.json lists no article")? + 8;
    Ok(latest[at..at + latest[at..].find('"').ok_or("unterminated slug")?].to_string())
}
