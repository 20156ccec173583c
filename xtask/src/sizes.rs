//! Precompression and the size report of a release build.
//!
//! Sizes are deterministic for a given build, so tests may check them;
//! the compressors run at their highest settings, as a CDN's static
//! precompression would.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

/// Files worth compressing: everything textual, and the wasm.
const COMPRESSIBLE: &[&str] = &["html", "js", "css", "wasm", "json", "svg", "xml", "txt"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    // No file name and a zero mtime in the header: the output depends on
    // the input alone.
    let mut encoder = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory cannot fail");
    out
}

pub fn measure(bytes: &[u8]) -> Sizes {
    Sizes { raw: bytes.len() as u64, gzip: gzip(bytes).len() as u64, brotli: brotli(bytes).len() as u64 }
}

/// Writes `x.br` and `x.gz` beside every compressible file of `dist`.
pub fn precompress(dist: &Path) -> Result<(), String> {
    for path in files(dist)? {
        let compressible = path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| COMPRESSIBLE.contains(&ext));
        if !compressible {
            continue;
        }
        let bytes = fs::read(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        for (suffix, packed) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let mut target = path.clone().into_os_string();
            target.push(".");
            target.push(suffix);
            fs::write(&target, packed).map_err(|err| format!("cannot write {target:?}: {err}"))?;
        }
    }
    Ok(())
}

/// Every file under `dir`, sorted, so reports read the same on each run.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = fs::read_dir(&current).map_err(|err| format!("cannot list {}: {err}", current.display()))?;
        for entry in entries {
            let path = entry.map_err(|err| err.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The wasm, JS glue and CSS of the build, with raw, gzip and brotli bytes.
pub fn report(dist: &Path) -> Result<(), String> {
    let mut rows = Vec::new();
    for path in fs::read_dir(dist).map_err(|err| format!("cannot list {}: {err}", dist.display()))? {
        let path = path.map_err(|err| err.to_string())?.path();
        let kind = match path.extension().and_then(|ext| ext.to_str()) {
            Some(ext @ ("wasm" | "js" | "css")) => ext,
            _ => continue,
        };
        let bytes = fs::read(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        rows.push((kind.to_string(), name, measure(&bytes)));
    }
    rows.sort();
    println!("\nsize report (bytes)        raw       gzip     brotli  file");
    for (kind, name, size) in &rows {
        println!("  {kind:<18} {:>10} {:>10} {:>10}  {name}", size.raw, size.gzip, size.brotli);
    }
    println!();
    Ok(())
}

/// Limits in brotli bytes, from `size-budget.json`.
#[derive(serde::Deserialize)]
struct Budget {
    wasm: u64,
    js: u64,
    css: u64,
    app_wasm: u64,
    search_wasm: u64,
    article_first_view: u64,
}

/// The hashed wasm and JS glue (`{bin}-{hash}_bg.wasm`, `{bin}-{hash}.js`,
/// Trunk 0.21's names) that the page `page` of `dist` starts with, as its
/// loader names them (Trunk's, or the prerenderer's after `load`): a
/// prerendered page's own module, the app (in a shell Trunk wrote for
/// it), or the search page's own app. Paths relative to `dist`.
pub fn app_of(dist: &Path, page: &str) -> Result<(String, String), String> {
    let html = fs::read_to_string(dist.join(page)).map_err(|err| format!("cannot read dist/{page}: {err}"))?;
    let quoted = |marker: &str| -> Option<String> {
        let rest = &html[html.find(marker)? + marker.len()..];
        Some(rest[..rest.find('\'')?].trim_start_matches('/').to_string())
    };
    let missing = |what: &str| format!("dist/{page}'s loader names no {what}; did Trunk's output change?");
    let wasm = quoted("module_or_path: '").ok_or_else(|| missing("wasm"))?;
    let js = quoted("import init, * as bindings from '")
        .or_else(|| quoted("await import('"))
        .ok_or_else(|| missing("JS"))?;
    Ok((wasm, js))
}

/// Prints how far each size is from its limit. The end-to-end budget
/// test fails the run when one is over; the build itself only reports.
pub fn budget(root: &Path, dist: &Path) -> Result<(), String> {
    let text = fs::read_to_string(root.join("size-budget.json"))
        .map_err(|err| format!("cannot read size-budget.json: {err}"))?;
    let budget: Budget = serde_json::from_str(&text).map_err(|err| format!("size-budget.json: {err}"))?;
    let brotli_of = |path: &Path| -> u64 {
        let mut packed = path.as_os_str().to_owned();
        packed.push(".br");
        fs::metadata(&packed).map_or(0, |meta| meta.len())
    };
    let css: u64 = fs::read_dir(dist)
        .map_err(|err| err.to_string())?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "css"))
        .map(|path| brotli_of(&path))
        .sum();
    let latest = fs::read_to_string(dist.join("content/latest/1.json")).map_err(|err| err.to_string())?;
    let latest: serde_json::Value = serde_json::from_str(&latest).map_err(|err| err.to_string())?;
    // The top story's prerendered page holds its content and data.
    let top = &latest["items"][0];
    let page = format!(
        "{}/{}.html",
        top["section"]["slug"].as_str().unwrap_or_default(),
        top["slug"].as_str().unwrap_or_default()
    );
    // An article starts a page's own module; the front page, the app.
    let (wasm, js) = app_of(dist, &page)?;
    let (app_wasm, _) = app_of(dist, "index.html")?;
    let (search_wasm, _) = app_of(dist, "search.html")?;
    let (wasm, js, app_wasm, search_wasm) = (
        brotli_of(&dist.join(wasm)),
        brotli_of(&dist.join(js)),
        brotli_of(&dist.join(app_wasm)),
        brotli_of(&dist.join(search_wasm)),
    );
    // An article's first view: its own module, not the app it fetches
    // when the reader is about to need it.
    let assets = wasm + js + css;
    let mut rows = vec![
        ("wasm".to_string(), wasm, budget.wasm),
        ("js".to_string(), js, budget.js),
        ("css".to_string(), css, budget.css),
        ("app's wasm".to_string(), app_wasm, budget.app_wasm),
        ("search page's wasm".to_string(), search_wasm, budget.search_wasm),
    ];
    let mut article = assets + brotli_of(&dist.join(page));
    if let Some(src) = top["thumbnail"]["src"].as_str() {
        article += match first_view_variant(src, &top["thumbnail"]["widths"]) {
            // A photograph: the variant a phone loads, as it is sent.
            Some(variant) => fs::metadata(dist.join(variant.trim_start_matches('/'))).map_or(0, |meta| meta.len()),
            None => brotli_of(&dist.join(src.trim_start_matches('/'))),
        };
    }
    rows.push(("article first view".to_string(), article, budget.article_first_view));
    println!("size budget (brotli bytes)   used      limit   headroom");
    for (name, used, limit) in rows {
        let verdict = if used > limit { "  OVER BUDGET" } else { "" };
        println!("  {name:<22} {used:>8} {limit:>10} {:>10}{verdict}", limit as i64 - used as i64);
    }
    println!();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_is_deterministic_and_round_trips() {
        let text = "Ransomware crews target Gulf ports. ".repeat(200);
        assert_eq!(gzip(text.as_bytes()), gzip(text.as_bytes()));
        assert_eq!(brotli(text.as_bytes()), brotli(text.as_bytes()));

        let mut unpacked = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..]), &mut unpacked)
            .unwrap();
        assert_eq!(unpacked, text);

        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(text.as_bytes())[..], &mut unbrotli).unwrap();
        assert_eq!(unbrotli, text.as_bytes());

        let sizes = measure(text.as_bytes());
        assert_eq!(sizes.raw, text.len() as u64);
        assert!(sizes.brotli < sizes.gzip && sizes.gzip < sizes.raw, "{sizes:?}");
    }
}

/// The device pixels a phone draws the article's hero at in Lighthouse's
/// mobile preset: a 412 px viewport at 1.75× with the column's 2rem of
/// margin, (412 - 32) × 1.75.
pub const PHONE_HERO_PIXELS: u64 = 665;

/// The WebP variant of a photograph (`src` ends `-{width}.jpg`, with its
/// `widths`) a phone loads for the hero: the narrowest at least
/// [`PHONE_HERO_PIXELS`] wide, else the widest. `None` for a drawing.
pub fn first_view_variant(src: &str, widths: &serde_json::Value) -> Option<String> {
    let widths: Vec<u64> = widths.as_array()?.iter().filter_map(serde_json::Value::as_u64).collect();
    let width = widths.iter().copied().find(|&w| w >= PHONE_HERO_PIXELS).or(widths.last().copied())?;
    Some(format!("{}-{width}.webp", src.rsplit_once('-')?.0))
}
