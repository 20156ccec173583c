//! `cargo xtask bench`: the content compiler and the prerenderer at scale
//! (10,000, 30,000 and 100,000 synthetic articles: issue 18), with peak
//! memory from GNU time; how often "You May Also Like" differs from the
//! exact answer; what a reader downloads; and Lighthouse on the article
//! page beside the same page as bare static HTML. Timings are one
//! wall-clock run each on this machine and vary (Lighthouse takes medians
//! of alternating runs); byte counts are exact. Results go to stdout as
//! Markdown tables for docs/benchmarks.md.

use std::{
    fs,
    path::Path,
    process::Command,
    time::{Duration, Instant},
};

use crate::{build, deploy, setup::Tools, sizes};

pub fn run(root: &Path, tools: &Tools) -> Result<(), String> {
    crate::setup::gnu_time()?;
    let dist = build::release(root, tools)?;
    build::run(
        Command::new("cargo").current_dir(root).args([
            "build",
            "--profile",
            "tools",
            "--package",
            "dispatch-press",
            "--package",
            "dispatch-prerender",
        ]),
        "cargo build --profile tools --package dispatch-press --package dispatch-prerender",
    )?;
    let press = root.join("target/tools/dispatch-press");
    let prerender = root.join("target/tools/dispatch-prerender");
    let scratch = root.join("target/bench");
    let (mut compiled, mut prerendered) = (Vec::new(), Vec::new());
    for count in [10_000, 30_000, 100_000] {
        let content = scratch.join(format!("content-{count}"));
        let out = scratch.join(format!("out-{count}"));
        let _ = fs::remove_dir_all(&content);
        let _ = fs::remove_dir_all(&out);
        build::run(
            Command::new(&press).args(["synthetic", "--articles", &count.to_string(), "--out"]).arg(&content),
            "dispatch-press synthetic",
        )?;
        let (first, peak) = timed(Command::new(&press).arg("--content").arg(&content).arg("--out").arg(&out))?;
        let (rerun, _) = timed(Command::new(&press).arg("--content").arg(&content).arg("--out").arg(&out))?;
        let files = sizes::files(&out)?;
        let bytes: u64 = files.iter().filter_map(|f| fs::metadata(f).ok()).map(|m| m.len()).sum();
        compiled.push(format!(
            "| {count} articles | {:.2} s | {:.2} s | {:.2} GB | {} | {} |",
            first.as_secs_f64(),
            rerun.as_secs_f64(),
            peak as f64 / 1e9,
            files.len(),
            bytes
        ));

        // The prerenderer on the compiled newsroom, with the real shell.
        fs::copy(dist.join(deploy::SHELL), out.join(deploy::SHELL)).map_err(|err| err.to_string())?;
        let (took, peak) = timed(Command::new(&prerender).arg("--root").arg(&out))?;
        let pages: Vec<_> = sizes::files(&out)?
            .into_iter()
            .filter(|path| path.extension().is_some_and(|ext| ext == "html") && !path.ends_with(deploy::SHELL))
            .collect();
        let html: u64 = pages.iter().filter_map(|f| fs::metadata(f).ok()).map(|m| m.len()).sum();
        prerendered.push(format!(
            "| {count} articles | {:.2} s | {:.2} GB | {} | {} | {} |",
            took.as_secs_f64(),
            peak as f64 / 1e9,
            pages.len(),
            html,
            html / pages.len().max(1) as u64
        ));
    }

    let assets = asset_bytes(&dist)?;
    let brotli = |relative: &str| -> Result<u64, String> {
        Ok(sizes::measure(&fs::read(dist.join(relative)).map_err(|e| format!("{relative}: {e}"))?).brotli)
    };
    let top = top_article(&dist)?;
    let front = brotli("index.html")?;
    let article = brotli(&format!("{top}.html"))?;

    println!("\n## Content compiler (synthetic newsroom, profile `tools`)\n");
    println!("| input | first compile | rerun (nothing changes) | peak memory | files | bytes |");
    println!("|---|---|---|---|---|---|");
    compiled.iter().for_each(|row| println!("{row}"));
    println!("\n## Prerenderer (the same newsrooms, profile `tools`)\n");
    println!("| input | time | peak memory | pages | HTML bytes | bytes per page |");
    println!("|---|---|---|---|---|---|");
    prerendered.iter().for_each(|row| println!("{row}"));
    println!("\n## What a reader downloads (brotli bytes, before images)\n");
    println!("| view | prerendered page (content and data) | JS, wasm, CSS | total |");
    println!("|---|---|---|---|");
    println!("| front page | {front} | {assets} | {} |", front + assets);
    println!("| one article (`/{top}`) | {article} | {assets} | {} |", article + assets);

    // "You May Also Like" against every pair scored (press/src/related.rs).
    println!("\n## Related picks against the exact answer\n");
    build::run(
        Command::new("cargo").current_dir(root).args([
            "test",
            "--release",
            "--package",
            "dispatch-press",
            "--lib",
            "related::tests::agreement_at_scale",
            "--",
            "--ignored",
            "--nocapture",
        ]),
        "the related picks' agreement",
    )?;

    let server = build::server(root)?;
    let mut node = Command::new("node");
    build::browser_env(node.current_dir(root), root, &server).arg("scripts/lighthouse.mjs");
    build::run(&mut node, "scripts/lighthouse.mjs")
}

/// Runs `command` under GNU time: its wall-clock time, and its peak
/// resident memory in bytes.
fn timed(command: &mut Command) -> Result<(Duration, u64), String> {
    let report = std::env::temp_dir().join(format!("dispatch-bench-time-{}", std::process::id()));
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped.arg("-f").arg("%M").arg("-o").arg(&report).arg(command.get_program()).args(command.get_args());
    let started = Instant::now();
    build::run(&mut wrapped, &format!("{}", command.get_program().to_string_lossy()))?;
    let took = started.elapsed();
    let kilobytes: u64 = fs::read_to_string(&report)
        .map_err(|err| format!("GNU time wrote no report: {err}"))?
        .trim()
        .parse()
        .map_err(|err| format!("GNU time's report: {err}"))?;
    Ok((took, kilobytes * 1024))
}

/// Brotli bytes of the JS, wasm and CSS that every first view loads.
fn asset_bytes(dist: &Path) -> Result<u64, String> {
    let mut total = 0;
    for entry in fs::read_dir(dist).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("js" | "wasm" | "css")) {
            total += sizes::measure(&fs::read(&path).map_err(|e| e.to_string())?).brotli;
        }
    }
    Ok(total)
}

/// `{section}/{slug}` of the newest article.
fn top_article(dist: &Path) -> Result<String, String> {
    let latest = fs::read_to_string(dist.join("content/latest/1.json")).map_err(|e| e.to_string())?;
    let latest: serde_json::Value = serde_json::from_str(&latest).map_err(|e| e.to_string())?;
    let top = &latest["items"][0];
    match (top["section"]["slug"].as_str(), top["slug"].as_str()) {
        (Some(section), Some(slug)) => Ok(format!("{section}/{slug}")),
        _ => Err("latest/1.json lists no article".into()),
    }
}
