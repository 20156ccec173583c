//! `cargo xtask test`: every test layer, then one summary line.
//!
//! 1. native: `cargo test --workspace` (models, formatting, validation,
//!    the servers, these tools, and the components rendered natively:
//!    dispatch-prerender turns on the app's `ssr` feature in the workspace,
//!    so `tests/render.rs` and the prerenderer's own tests run here);
//! 2. browser: wasm-bindgen-test in headless Chromium, mounting components
//!    and asserting on the DOM;
//! 3. end-to-end: the release build in `dist/`, served like the CDN by
//!    `dispatch-server`, driven in Chromium by playwright-core.
//!
//! A layer that runs zero tests, or cannot run at all, fails the run; one
//! that cannot run counts as one failed test in the summary.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Command, ExitCode, Stdio},
    time::{Duration, Instant},
};

use crate::{
    build,
    counts::{self, Counts},
    setup::{self, Needs},
};

pub fn run(root: &Path) -> ExitCode {
    let tools = match setup::ensure(root, Needs::All) {
        Ok(tools) => tools,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            println!("0 passed, 1 failed");
            return ExitCode::FAILURE;
        }
    };
    if let Some(version) = browser_version() {
        println!("test: browser is {version}");
    }

    // Each layer's wall-clock time, compiling included, is printed in the
    // summary: CI allows a cold run 45 minutes and its log must say where
    // they went.
    let mut layers: Vec<(&str, Result<Counts, String>, Duration)> = Vec::new();

    let started = Instant::now();
    let native =
        Command::new("cargo").current_dir(root).args(["test", "--workspace", "--color", "never"]).output_streamed();
    layers.push(("native", counted(native, counts::from_cargo), started.elapsed()));

    let started = Instant::now();
    let browser = Command::new("cargo")
        .current_dir(root)
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "csr",
            "--test",
            "components",
            "--color",
            "never",
        ])
        .output_streamed();
    layers.push(("browser", counted(browser, counts::from_cargo), started.elapsed()));

    let started = Instant::now();
    let end_to_end = end_to_end(root, &tools);
    layers.push(("end-to-end", end_to_end, started.elapsed()));

    let mut total = Counts::default();
    let mut ok = true;
    println!("\ntest layers:");
    for (name, result, took) in &layers {
        let took = format!("{:>5} s", took.as_secs());
        match result {
            Ok(counts) if counts.passed + counts.failed == 0 => {
                println!("  {name:<11} {took}  ran no tests: FAILED");
                total.failed += 1;
                ok = false;
            }
            Ok(counts) => {
                println!("  {name:<11} {took}  {} passed, {} failed", counts.passed, counts.failed);
                total += *counts;
                ok &= counts.failed == 0;
            }
            Err(message) => {
                println!("  {name:<11} {took}  could not run: {message}");
                total.failed += 1;
                ok = false;
            }
        }
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn end_to_end(root: &Path, tools: &setup::Tools) -> Result<Counts, String> {
    let started = Instant::now();
    let bins = build::bins(root, build::For::Tests)?;
    build::release(root, tools, &bins)?;
    println!("test: the release build and the tools took {} s", started.elapsed().as_secs());
    let mut specs: Vec<String> = std::fs::read_dir(root.join("tests/e2e"))
        .map_err(|err| format!("cannot list tests/e2e: {err}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    specs.sort();
    let mut node = Command::new("node");
    let output = build::browser_env(node.current_dir(root), root, &bins.server)
        .env("DISPATCH_NGINX", setup::NGINX)
        .env("DISPATCH_NGINX_BROTLI", setup::NGINX_BROTLI)
        .env("DISPATCH_PRESS", &bins.press)
        .env("DISPATCH_PRERENDER", &bins.prerender)
        .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&specs)
        .output_streamed();
    counted(output, counts::from_node)
}

/// The counts a runner printed; a runner that failed without reporting a
/// failed test (a crash, a compile error) is an error, never a pass.
fn counted(run: Result<Run, String>, parse: fn(&str) -> Counts) -> Result<Counts, String> {
    let run = run?;
    let counts = parse(&run.stdout);
    if !run.success && counts.failed == 0 {
        return Err(format!("{} failed without reporting a failed test", run.program));
    }
    Ok(counts)
}

struct Run {
    program: String,
    stdout: String,
    success: bool,
}

fn browser_version() -> Option<String> {
    let output = Command::new(setup::CHROMIUM).arg("--version").output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

trait Streamed {
    /// Runs the command, echoing its stdout line by line while keeping a
    /// copy for the counts. Only a command that cannot start is an error.
    fn output_streamed(&mut self) -> Result<Run, String>;
}

impl Streamed for Command {
    fn output_streamed(&mut self) -> Result<Run, String> {
        let program = self.get_program().to_string_lossy().into_owned();
        let mut child =
            self.stdout(Stdio::piped()).spawn().map_err(|err| format!("could not start {program}: {err}"))?;
        let mut stdout = String::new();
        if let Some(pipe) = child.stdout.take() {
            for line in BufReader::new(pipe).lines() {
                let line = line.map_err(|err| err.to_string())?;
                println!("{line}");
                stdout.push_str(&line);
                stdout.push('\n');
            }
        }
        let success = child.wait().map_err(|err| err.to_string())?.success();
        Ok(Run { program, stdout, success })
    }
}
