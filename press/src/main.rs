//! `dispatch-press [--content DIR] [--out DIR] [--cache DIR]` compiles the
//! content folder (default `content`) into the site's JSON, feeds and
//! sitemap under the output folder (default `public`). Problems are
//! printed as `file:line: message`, and then nothing is written. With
//! `--cache`, the build keeps its dependency record there and the next
//! build makes only what changed (see `dispatch_press::record`); it
//! prints the files it wrote and removed. Photographs are processed into
//! the cache too (`dispatch_press::photos`), once for the same bytes;
//! without one, in a temporary folder, every build.
//!
//! `dispatch-press synthetic --articles N --out DIR` writes a content folder
//! of N generated articles, for benchmarks at scale.

use std::{path::PathBuf, process::ExitCode, time::Instant};

use dispatch_press::{publish, synthetic};

/// mimalloc, built without transparent huge pages (`Cargo.toml` says
/// what it saved and why without them).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: dispatch-press [--content DIR] [--out DIR] [--cache DIR]
       dispatch-press synthetic --articles N --out DIR
  --content DIR   the content folder to compile (default content)
  --out DIR       where the JSON, feeds and sitemap go (default public)
  --cache DIR     where the build keeps its record and processed photographs,
                  so that the next one makes only what changed (none by
                  default: a full build, every photograph processed)
  synthetic       writes a content folder of N generated articles, for benchmarks";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = if args.first().map(String::as_str) == Some("synthetic") {
        known(&args[1..], &["--articles", "--out"]).and_then(|()| run_synthetic(&args[1..]))
    } else {
        known(&args, &["--content", "--out", "--cache"]).and_then(|()| run_compile(&args))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Refuses anything but `flags`, each with its value: a mistyped flag
/// must not compile the default folder instead.
fn known(args: &[String], flags: &[&str]) -> Result<(), String> {
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if !flags.contains(&arg.as_str()) {
            return Err(format!("press: unknown argument `{arg}`\n{USAGE}"));
        }
        rest.next().ok_or_else(|| format!("press: {arg} needs a value"))?;
    }
    Ok(())
}

fn flag(args: &[String], name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|arg| arg == name) {
        None => Ok(None),
        Some(at) => args.get(at + 1).cloned().map(Some).ok_or_else(|| format!("{name} needs a value")),
    }
}

fn run_compile(args: &[String]) -> Result<(), String> {
    let content = PathBuf::from(flag(args, "--content")?.unwrap_or_else(|| "content".into()));
    let out = PathBuf::from(flag(args, "--out")?.unwrap_or_else(|| "public".into()));
    let cache = flag(args, "--cache")?.map(PathBuf::from);
    let started = Instant::now();
    let published = publish(&content, &out, cache.as_deref())?;
    if let Some(note) = &published.note {
        println!("press: {note}");
    }
    let written = &published.written;
    let (shown, more) =
        (written.written.iter().map(|path| ("wrote", path)), written.gone.iter().map(|path| ("removed", path)));
    let changes: Vec<(&str, &String)> = shown.chain(more).collect();
    for (what, path) in changes.iter().take(SHOWN) {
        println!("  {what} {path}");
    }
    if changes.len() > SHOWN {
        println!("  … and {} more", changes.len() - SHOWN);
    }
    let counts = published.counts;
    println!(
        "press: {} articles, {} authors, {} insights, {} photograph(s) processed; {} files, {} bytes ({} changed, {} removed){} in {} ms",
        counts.articles,
        counts.authors,
        counts.insights,
        published.photographs,
        written.files,
        written.bytes,
        written.changed,
        written.removed,
        if published.incremental {
            format!(", from the record ({} article file(s) new or changed)", counts.read)
        } else {
            String::new()
        },
        started.elapsed().as_millis()
    );
    Ok(())
}

/// How many changed files a build names; the count says the rest.
const SHOWN: usize = 20;

fn run_synthetic(args: &[String]) -> Result<(), String> {
    let count: usize = flag(args, "--articles")?
        .ok_or("synthetic needs --articles N")?
        .parse()
        .map_err(|_| "--articles: not a number".to_string())?;
    let out = PathBuf::from(flag(args, "--out")?.ok_or("synthetic needs --out DIR")?);
    synthetic::generate(&out, count).map_err(|err| format!("press: cannot write {}: {err}", out.display()))?;
    println!("press: wrote {count} synthetic articles to {}", out.display());
    Ok(())
}
