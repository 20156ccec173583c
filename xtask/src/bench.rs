//! `cargo xtask bench`: the content compiler and the prerenderer at scale
//! (10,000, 30,000 and 100,000 synthetic articles: issue 18), with peak
//! memory from GNU time; publishing one change (a new article, an edited
//! headline, a deletion) from the dependency records; the same 10,000
//! articles built by Hugo (Debian's, installed when missing); how often
//! "You May Also Like" differs from the exact answer; what a reader
//! downloads; and Lighthouse on the article page beside the same page as
//! bare static HTML. Timings are one
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

/// Builds the content compiler and the prerenderer in the `tools`
/// profile, as the figures are taken.
fn tools_profile(root: &Path) -> Result<(), String> {
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
    )
}

/// `cargo xtask bench photos`: the photograph pipeline alone.
pub fn photos_only(root: &Path) -> Result<(), String> {
    crate::setup::gnu_time()?;
    tools_profile(root)?;
    photographs(root, &root.join("target/tools/dispatch-press"))
}

/// Which parts of `cargo xtask bench` run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// Everything.
    All,
    /// `cargo xtask bench archive`: the archive-scale parts (issue 18)
    /// alone: compile, prerender, publish, Hugo, related picks and the
    /// bytes a reader downloads, without the photographs (about 20
    /// minutes) and Lighthouse.
    Archive,
}

pub fn run(root: &Path, tools: &Tools, parts: Parts) -> Result<(), String> {
    crate::setup::gnu_time()?;
    let bins = build::bins(root, build::For::Site)?;
    let dist = build::release(root, tools, &bins)?;
    tools_profile(root)?;
    let press = root.join("target/tools/dispatch-press");
    let prerender = root.join("target/tools/dispatch-prerender");
    let scratch = root.join("target/bench");
    let (mut compiled, mut prerendered, mut published) = (Vec::new(), Vec::new(), Vec::new());
    let mut hugo_rows = Vec::new();
    let mut made = Vec::new();
    for count in [10_000, 30_000, 100_000] {
        let content = scratch.join(format!("content-{count}"));
        let out = scratch.join(format!("out-{count}"));
        let cache = scratch.join(format!("cache-{count}"));
        for dir in [&content, &out, &cache] {
            let _ = fs::remove_dir_all(dir);
        }
        build::run(
            Command::new(&press).args(["synthetic", "--articles", &count.to_string(), "--out"]).arg(&content),
            "dispatch-press synthetic",
        )?;
        let compile = || {
            let mut command = Command::new(&press);
            command.arg("--content").arg(&content).arg("--out").arg(&out).arg("--cache").arg(&cache);
            command
        };
        let (first, peak, _) = timed(&mut compile())?;
        let (rerun, _, _) = timed(&mut compile())?;
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
        deploy::copy_shells(&dist, &out)?;
        let render = || {
            let mut command = Command::new(&prerender);
            command.arg("--root").arg(&out).arg("--cache").arg(&cache);
            command
        };
        let (took, peak, _) = timed(&mut render())?;
        let pages: Vec<_> = sizes::files(&out)?
            .into_iter()
            .filter(|path| {
                path.extension().is_some_and(|ext| ext == "html")
                    && !deploy::SHELLS.iter().any(|shell| path.ends_with(shell))
            })
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

        // Publishing into the built site from the records: a breaking
        // story, a corrected headline, a story taken down.
        let articles = content.join("articles");
        let template = fs::read_to_string(articles.join("synthetic-00005.md")).map_err(|e| e.to_string())?;
        let edits: [(&str, Box<dyn Fn() -> Result<(), String>>); 3] = [
            (
                "a new article",
                Box::new(|| {
                    let text = template
                        .replacen("headline = \"Synthetic story 5\"", "headline = \"Breaking news\"", 1)
                        .replacen("published = \"", "published = \"2026-11-28T09:00:00Z\"\n# was \"", 1);
                    fs::write(articles.join("breaking-news.md"), text).map_err(|e| e.to_string())
                }),
            ),
            (
                "an edited headline",
                Box::new(|| {
                    let file = articles.join(format!("synthetic-{:05}.md", count / 2));
                    let text = fs::read_to_string(&file).map_err(|e| e.to_string())?;
                    let text =
                        text.replacen("headline = \"Synthetic story", "headline = \"Corrected: synthetic story", 1);
                    fs::write(file, text).map_err(|e| e.to_string())
                }),
            ),
            (
                "a deleted article",
                Box::new(|| {
                    fs::remove_file(articles.join(format!("synthetic-{:05}.md", count / 3))).map_err(|e| e.to_string())
                }),
            ),
        ];
        for (what, edit) in &edits {
            edit()?;
            let (compiled, peak, said) = timed(&mut compile())?;
            let (rendered, _, told) = timed(&mut render())?;
            published.push(format!(
                "| {count} articles | {what} | {:.2} s | {:.2} s | **{:.2} s** | {:.2} GB | {} | {} |",
                compiled.as_secs_f64(),
                rendered.as_secs_f64(),
                (compiled + rendered).as_secs_f64(),
                peak as f64 / 1e9,
                changed(&said, "changed,"),
                changed(&told, "changed,"),
            ));
        }
        if count == 10_000 {
            hugo_rows = hugo(root, &press, &prerender, &dist, &content, &scratch)?;
        }
        made.extend([content, out, cache]);
    }
    // Each size's files stay until every size is measured. On a file
    // system without a journal (this VM's ext4), inodes freed in the last
    // minutes are skipped one by one when new files are made (the kernel's
    // `recently_deleted`, in `find_inode_bit`): removing the 30,000-article
    // site just before building the 100,000-article one put a quarter of
    // the prerenderer's samples there (session 16, docs/benchmarks.md).
    for dir in &made {
        let _ = fs::remove_dir_all(dir);
    }

    let brotli = |relative: &str| -> Result<u64, String> {
        Ok(sizes::measure(&fs::read(dist.join(relative)).map_err(|e| format!("{relative}: {e}"))?).brotli)
    };
    let top = top_article(&dist)?;
    let (front, front_assets) = (brotli("index.html")?, asset_bytes(&dist, "index.html")?);
    let (article, article_assets) = (brotli(&format!("{top}.html"))?, asset_bytes(&dist, &format!("{top}.html"))?);

    println!("\n## Content compiler (synthetic newsroom, profile `tools`)\n");
    println!("| input | first compile | rerun from the record (nothing changes) | peak memory | files | bytes |");
    println!("|---|---|---|---|---|---|");
    compiled.iter().for_each(|row| println!("{row}"));
    println!("\n## Prerenderer (the same newsrooms, profile `tools`)\n");
    println!("| input | time | peak memory | pages | HTML bytes | bytes per page |");
    println!("|---|---|---|---|---|---|");
    prerendered.iter().for_each(|row| println!("{row}"));
    println!("\n## Publishing one change from the records (`--cache`), profile `tools`\n");
    println!(
        "| archive | change | compile | prerender | total | compile peak memory | files written | pages written |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    published.iter().for_each(|row| println!("{row}"));
    println!("\n## Beside Hugo (Debian's), 10,000 synthetic articles, medians of {ROUNDS} (related on: one run)\n");
    println!("| build | time | peak memory | against Dispatch |");
    println!("|---|---|---|---|");
    hugo_rows.iter().for_each(|row| println!("{row}"));
    println!("\n## What a reader downloads (brotli bytes, before images)\n");
    println!("| view | prerendered page (content and data) | JS, wasm, CSS | total |");
    println!("|---|---|---|---|");
    println!("| front page (the app) | {front} | {front_assets} | {} |", front + front_assets);
    println!(
        "| one article (`/{top}`, its own module) | {article} | {article_assets} | {} |",
        article + article_assets
    );

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

    if parts == Parts::Archive {
        return Ok(());
    }
    photographs(root, &press)?;

    browser_bench(root, &bins.server)
}

/// `cargo xtask bench browser`: the release build, then
/// `scripts/browser-bench.mjs` alone (Lighthouse and Playwright on the top
/// article beside its static copy; issue 19, docs/browser-speed.md).
pub fn browser(root: &Path, tools: &Tools) -> Result<(), String> {
    let bins = build::bins(root, build::For::Site)?;
    build::release(root, tools, &bins)?;
    browser_bench(root, &bins.server)
}

fn browser_bench(root: &Path, server: &Path) -> Result<(), String> {
    let mut node = Command::new("node");
    build::browser_env(node.current_dir(root), root, server).arg("scripts/browser-bench.mjs");
    build::run(&mut node, "scripts/browser-bench.mjs")
}

/// `cargo xtask bench search`: the site search at archive scale. For
/// 10,000 and 100,000 synthetic articles: the newsroom compiled and
/// prerendered (profile `tools`), then Pagefind's index of it, timed with
/// its peak memory, and its files and bytes; then the release build's app
/// copied in and `scripts/search-bench.mjs` searching it in Chromium at a
/// 4x slower CPU: bytes, requests and Enter-to-count time of a first and a
/// second search, medians of fresh visits. The synthetic articles share
/// one small vocabulary, so a word of it matches every article (the worst
/// case for the chunks a search loads); a headline's number matches one.
pub fn search(root: &Path, tools: &Tools) -> Result<(), String> {
    crate::setup::gnu_time()?;
    let bins = build::bins(root, build::For::Site)?;
    let dist = build::release(root, tools, &bins)?;
    tools_profile(root)?;
    let server = bins.server;
    let press = root.join("target/tools/dispatch-press");
    let prerender = root.join("target/tools/dispatch-prerender");
    let scratch = root.join("target/bench");
    let mut indexed = Vec::new();
    let mut searched = Vec::new();
    for count in [10_000, 100_000] {
        let content = scratch.join(format!("search-content-{count}"));
        let out = scratch.join(format!("search-out-{count}"));
        for dir in [&content, &out] {
            let _ = fs::remove_dir_all(dir);
        }
        build::run(
            Command::new(&press).args(["synthetic", "--articles", &count.to_string(), "--out"]).arg(&content),
            "dispatch-press synthetic",
        )?;
        build::run(Command::new(&press).arg("--content").arg(&content).arg("--out").arg(&out), "dispatch-press")?;
        // The app as built: its shell, wasm, JS, CSS and host rules.
        for entry in fs::read_dir(&dist).map_err(|err| err.to_string())? {
            let path = entry.map_err(|err| err.to_string())?.path();
            if path.is_file() && !path.extension().is_some_and(|ext| ext == "html" || ext == "br" || ext == "gz") {
                fs::copy(&path, out.join(path.file_name().unwrap_or_default())).map_err(|err| err.to_string())?;
            }
        }
        deploy::copy_shells(&dist, &out)?;
        build::run(Command::new(&prerender).arg("--root").arg(&out), "dispatch-prerender")?;
        let bundle = out.join(dispatch_model::paths::SEARCH_BUNDLE.trim_matches('/'));
        let (took, peak, _) = timed(&mut build::pagefind(tools, &out, &bundle))?;
        // As the release build deploys it: without Pagefind's own
        // interfaces, its JS and JSON precompressed.
        build::drop_interfaces(&bundle)?;
        sizes::precompress(&bundle)?;
        let files = sizes::files(&bundle)?;
        let bytes: u64 = files.iter().filter_map(|f| fs::metadata(f).ok()).map(|m| m.len()).sum();
        indexed.push(format!(
            "| {count} articles | {:.1} s | {:.2} GB | {} | {:.1} MB |",
            took.as_secs_f64(),
            peak as f64 / 1e9,
            files.len(),
            bytes as f64 / 1e6
        ));
        let queries = serde_json::json!([
            ["one article", (count / 2).to_string(), (count / 3).to_string()],
            ["common words", "attackers", "firmware"],
        ]);
        let output = Command::new("node")
            .current_dir(root)
            .env("DISPATCH_SERVER", &server)
            .env("DISPATCH_DIST", &dist)
            .env("CHROMIUM", crate::setup::CHROMIUM)
            .env("SEARCH_ROOT", &out)
            .env("SEARCH_ARTICLES", count.to_string())
            .env("SEARCH_QUERIES", queries.to_string())
            .arg("scripts/search-bench.mjs")
            .output()
            .map_err(|err| format!("could not start node: {err}"))?;
        if !output.status.success() {
            return Err(format!("scripts/search-bench.mjs failed: {}", String::from_utf8_lossy(&output.stderr)));
        }
        searched.extend(String::from_utf8_lossy(&output.stdout).lines().map(str::to_string));
        for dir in [&content, &out] {
            let _ = fs::remove_dir_all(dir);
        }
    }
    println!("\n## Pagefind's index (synthetic newsroom)\n");
    println!("| input | index time | peak memory | files | bytes |");
    println!("|---|---|---|---|---|");
    indexed.iter().for_each(|row| println!("{row}"));
    println!("\n## Searching it: Chromium, CPU slowed 4x, medians of 5 fresh visits\n");
    println!(
        "| archive | searches | opening /search: requests / bytes | first: requests / bytes | first: Enter to count | second: requests / bytes | second: Enter to count |"
    );
    println!("|---|---|---|---|---|---|---|");
    searched.iter().for_each(|row| println!("{row}"));
    Ok(())
}

/// How many photographs the pipeline's benchmark processes.
const PHOTOGRAPHS: u64 = 100;

/// The photograph pipeline (issue 15): [`PHOTOGRAPHS`] phone-sized JPEGs
/// (4032×3024) as the heroes of as many articles, compiled with an empty
/// cache and again from it, beside libvips' `vipsthumbnail` (Debian's
/// libvips-tools, installed when missing) writing the same widths at the
/// same qualities and a 1200×630 card from each: medians of alternating
/// rounds, and the bytes each writes.
fn photographs(root: &Path, press: &Path) -> Result<(), String> {
    crate::setup::vips()?;
    let scratch = root.join("target/bench/photos");
    let (content, out, cache, vips_out) =
        (scratch.join("content"), scratch.join("out"), scratch.join("cache"), scratch.join("vips"));
    let _ = fs::remove_dir_all(&scratch);
    build::run(
        Command::new(press).args(["synthetic", "--articles", &PHOTOGRAPHS.to_string(), "--out"]).arg(&content),
        "dispatch-press synthetic",
    )?;
    let photos = content.join("images/photos");
    fs::create_dir_all(&photos).map_err(|err| err.to_string())?;
    // Drawn on both cores: a 12-megapixel scene takes a second or two.
    std::thread::scope(|scope| {
        let halves: Vec<_> = (0..2u64)
            .map(|half| {
                let photos = &photos;
                scope.spawn(move || -> Result<(), String> {
                    for number in (half..PHOTOGRAPHS).step_by(2) {
                        let bytes = crate::photos::large(number)?;
                        fs::write(photos.join(format!("photo-{number:03}.jpg")), bytes).map_err(|e| e.to_string())?;
                    }
                    Ok(())
                })
            })
            .collect();
        halves.into_iter().try_for_each(|half| half.join().map_err(|_| "a drawing thread panicked".to_string())?)
    })?;
    let articles: Vec<_> = sizes::files(&content.join("articles"))?;
    for (number, article) in articles.iter().enumerate() {
        let text = fs::read_to_string(article).map_err(|err| err.to_string())?;
        let text = text.replacen(
            "src = \"/content/images/synthetic.svg\"\nwidth = 1200\nheight = 675",
            &format!("src = \"/content/images/photos/photo-{number:03}.jpg\""),
            1,
        );
        fs::write(article, text).map_err(|err| err.to_string())?;
    }
    let source_bytes: u64 = sizes::files(&photos)?.iter().filter_map(|f| fs::metadata(f).ok()).map(|m| m.len()).sum();

    let compile = || {
        let mut command = Command::new(press);
        command.arg("--content").arg(&content).arg("--out").arg(&out).arg("--cache").arg(&cache);
        command
    };
    // vipsthumbnail takes many files at once; one run per output kind.
    let vips = || -> Result<Duration, String> {
        let _ = fs::remove_dir_all(&vips_out);
        fs::create_dir_all(&vips_out).map_err(|err| err.to_string())?;
        let inputs: Vec<_> = sizes::files(&photos)?;
        let started = Instant::now();
        let run = |size: &str, target: String| -> Result<(), String> {
            let mut command = Command::new("vipsthumbnail");
            command.args(["--size", size, "-o"]).arg(vips_out.join(target)).args(&inputs);
            if size.contains('x') && !size.ends_with('x') {
                command.args(["--smartcrop", "centre"]);
            }
            build::run(&mut command, "vipsthumbnail")
        };
        for width in [320, 640, 960, 1280, 1600, 2000] {
            run(&format!("{width}x"), format!("%s-{width}.webp[Q=76,strip]"))?;
            run(&format!("{width}x"), format!("%s-{width}.jpg[Q=80,strip,interlace,optimize_coding]"))?;
        }
        run("1200x630", "%s-share.jpg[Q=80,strip,interlace,optimize_coding]".to_string())?;
        Ok(started.elapsed())
    };
    let (mut first, mut reference) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for dir in [&out, &cache] {
            let _ = fs::remove_dir_all(dir);
        }
        first.push(timed(&mut compile())?.0);
        reference.push(vips()?);
    }
    let (rebuild, _, said) = timed(&mut compile())?;
    let bytes = |dir: &Path| -> Result<u64, String> {
        Ok(sizes::files(dir)?.iter().filter_map(|f| fs::metadata(f).ok()).map(|m| m.len()).sum())
    };
    let (ours, theirs) = (bytes(&out.join("img"))?, bytes(&vips_out)?);
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (first, reference) = (median(&mut first), median(&mut reference));
    println!(
        "\n## Photographs: {PHOTOGRAPHS} JPEGs of 4032×3024 ({source_bytes} bytes), medians of {ROUNDS} alternating rounds\n"
    );
    println!("| run | time | output bytes | against vipsthumbnail |");
    println!("|---|---|---|---|");
    println!(
        "| dispatch-press, empty cache (6 widths × WebP and JPEG, a share card, the articles) | {:.2} s | {ours} | {:.2}× |",
        first.as_secs_f64(),
        first.as_secs_f64() / reference.as_secs_f64()
    );
    println!(
        "| vipsthumbnail 8.14, the same widths, qualities and cards | {:.2} s | {theirs} | 1.00× |",
        reference.as_secs_f64()
    );
    println!(
        "| dispatch-press again, from its cache ({} photograph(s) processed) | {:.2} s | {ours} | {:.2}× |",
        changed(&said, "photograph"),
        rebuild.as_secs_f64(),
        rebuild.as_secs_f64() / reference.as_secs_f64()
    );
    Ok(())
}

/// Runs `command` under GNU time: its wall-clock time, its peak
/// resident memory in bytes, and what it printed.
fn timed(command: &mut Command) -> Result<(Duration, u64, String), String> {
    let report = std::env::temp_dir().join(format!("dispatch-bench-time-{}", std::process::id()));
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped.arg("-f").arg("%M").arg("-o").arg(&report).arg(command.get_program()).args(command.get_args());
    let what = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let output = wrapped.output().map_err(|err| format!("could not start {what}: {err}"))?;
    let took = started.elapsed();
    if !output.status.success() {
        return Err(format!("{what} failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr)));
    }
    let kilobytes: u64 = fs::read_to_string(&report)
        .map_err(|err| format!("GNU time wrote no report: {err}"))?
        .trim()
        .parse()
        .map_err(|err| format!("GNU time's report: {err}"))?;
    Ok((took, kilobytes * 1024, String::from_utf8_lossy(&output.stdout).into_owned()))
}

/// The number before `word` in the last line of a tool's report, such as
/// 3 in "(3 changed, 0 removed)".
fn changed(report: &str, word: &str) -> String {
    let last = report.lines().last().unwrap_or_default();
    let before = last.split(word).next().unwrap_or_default();
    before.rsplit([' ', '(']).find(|part| !part.is_empty()).unwrap_or("?").to_string()
}

/// Rounds of each build in the comparison with Hugo.
const ROUNDS: usize = 3;

/// The same newsroom built by Dispatch (compiler and prerenderer, in full)
/// and by Hugo with a comparable site (`bench/hugo`), related content off,
/// in alternating rounds, then Hugo with related content on once; the
/// rows of the table, with each build's median as a ratio to Dispatch's.
fn hugo(
    root: &Path,
    press: &Path,
    prerender: &Path,
    dist: &Path,
    content: &Path,
    scratch: &Path,
) -> Result<Vec<String>, String> {
    crate::setup::hugo()?;
    let site = root.join("bench/hugo");
    let out = scratch.join("compare");
    let dispatch = || -> Result<(Duration, u64), String> {
        let _ = fs::remove_dir_all(&out);
        let (compiled, peak, _) = timed(Command::new(press).arg("--content").arg(content).arg("--out").arg(&out))?;
        deploy::copy_shells(dist, &out)?;
        let (rendered, rendering, _) = timed(Command::new(prerender).arg("--root").arg(&out))?;
        Ok((compiled + rendered, peak.max(rendering)))
    };
    let hugo = |config: &str| -> Result<(Duration, u64), String> {
        let _ = fs::remove_dir_all(&out);
        let (took, peak, _) = timed(
            Command::new("hugo")
                .arg("--quiet")
                .arg("--source")
                .arg(&site)
                .arg("--config")
                .arg(config)
                .arg("--contentDir")
                .arg(content.join("articles"))
                .arg("--destination")
                .arg(&out),
        )?;
        Ok((took, peak))
    };
    let (mut ours, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        ours.push(dispatch()?);
        plain.push(hugo("hugo.toml")?);
    }
    // Hugo's related content takes minutes here (9 minutes measured with
    // a build beside it): one run.
    let mut related = vec![hugo("hugo.toml,related.toml")?];
    let _ = fs::remove_dir_all(&out);
    let median = |runs: &mut Vec<(Duration, u64)>| {
        runs.sort();
        runs[runs.len() / 2]
    };
    let base = median(&mut ours);
    let row = |what: &str, (took, peak): (Duration, u64)| {
        format!(
            "| {what} | {:.2} s | {:.2} GB | {:.2}× |",
            took.as_secs_f64(),
            peak as f64 / 1e9,
            took.as_secs_f64() / base.0.as_secs_f64()
        )
    };
    Ok(vec![
        row("Dispatch: compiler and prerenderer, related picks on", base),
        row("Hugo 0.111, related content off", median(&mut plain)),
        row("Hugo 0.111, related content on", median(&mut related)),
    ])
}

/// Brotli bytes of the JS, wasm and CSS that the first view of `page` (a
/// prerendered page in `dist`) loads: the module it starts (the app, or
/// a page's own module, which fetches the app only when the reader is
/// about to need it) and the stylesheet.
fn asset_bytes(dist: &Path, page: &str) -> Result<u64, String> {
    let (wasm, js) = sizes::app_of(dist, page)?;
    let mut files = vec![dist.join(wasm), dist.join(js)];
    for entry in fs::read_dir(dist).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "css") {
            files.push(path);
        }
    }
    let mut total = 0;
    for path in files {
        total += sizes::measure(&fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?).brotli;
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
