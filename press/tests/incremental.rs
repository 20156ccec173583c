//! Incremental builds (issue 18): after random edits to a newsroom, a
//! build from the dependency record (`--cache`) gives the very files a
//! full build gives, and leaves the files it did not change untouched
//! (same modification time), so a CDN sync uploads only what changed.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, SystemTime},
};

/// Every file under `dir`, by path relative to it, with its bytes and
/// modification time.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let modified = fs::metadata(&path).unwrap().modified().unwrap();
                found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), (fs::read(&path).unwrap(), modified));
            }
        }
    }
    found
}

/// The folders under `dir` with nothing in them.
fn empty_folders(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries: Vec<PathBuf> = fs::read_dir(&current).unwrap().flatten().map(|e| e.path()).collect();
        // `img/` stays when the site has no photographs (see `publish`).
        if entries.is_empty() && current != dir.join("img") {
            found.push(current.clone());
        }
        pending.extend(entries.into_iter().filter(|path| path.is_dir()));
    }
    found
}

/// Runs the compiler; its output on success.
fn press(args: &[&Path], flags: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dispatch-press"));
    for (flag, value) in flags.iter().zip(args) {
        command.arg(flag).arg(value);
    }
    let output = command.output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{text}{}", String::from_utf8_lossy(&output.stderr));
    text
}

/// Sets `file`'s modification time `ago` seconds back: each edit gets a
/// time of its own, well before the build (a file changed in the last two
/// seconds is always read again, which would hide a wrong stamp check).
fn stamp(file: &Path, ago: u64) {
    let time = SystemTime::now() - Duration::from_secs(ago);
    fs::File::options().write(true).open(file).unwrap().set_modified(time).unwrap();
}

fn replace_line(file: &Path, key: &str, line: &str) {
    let text = fs::read_to_string(file).unwrap();
    let replaced: Vec<String> = text
        .lines()
        .map(|l| if l.starts_with(&format!("{key} =")) { line.to_string() } else { l.to_string() })
        .collect();
    fs::write(file, replaced.join("\n") + "\n").unwrap();
}

#[test]
fn a_build_from_the_record_gives_what_a_full_build_gives() {
    let root = std::env::temp_dir().join(format!("dispatch-incremental-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let (content, out, cache, full) = (root.join("content"), root.join("out"), root.join("cache"), root.join("full"));
    dispatch_press::synthetic::generate(&content, 240).unwrap();
    // A page bundle, whose image is one of its inputs.
    let bundle = content.join("articles/bundled-story");
    fs::create_dir_all(&bundle).unwrap();
    let article = fs::read_to_string(content.join("articles/synthetic-00007.md")).unwrap();
    fs::write(bundle.join("index.md"), article.replace("Synthetic story 7", "Bundled story")).unwrap();
    let chart = |fill: &str| {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"{fill}\"/></svg>")
    };
    fs::write(bundle.join("chart.svg"), chart("#123456")).unwrap();
    let mut ago = 7_200;
    for relative in tree(&content).into_keys() {
        stamp(&content.join(relative), ago);
    }
    press(&[&content, &out, &cache], &["--content", "--out", "--cache"]);

    let mut dice = 0x2545_f491_4f6c_dd1d_u64;
    let mut roll = |n: usize| {
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        (dice % n as u64) as usize
    };
    for edit in 0..18 {
        let files: Vec<PathBuf> = fs::read_dir(content.join("articles"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        let mut files = files;
        files.sort();
        let file = files[roll(files.len())].clone();
        ago -= 60;
        let touched = match edit % 9 {
            // Breaking news, the newest story.
            0 => {
                let new = content.join(format!("articles/breaking-{edit}.md"));
                fs::copy(&file, &new).unwrap();
                replace_line(&new, "published", &format!("published = \"2026-11-28T{:02}:00:00Z\"", edit % 24));
                replace_line(&new, "headline", &format!("headline = \"Breaking {edit}\""));
                new
            }
            1 => {
                fs::remove_file(&file).unwrap();
                continue_with(&content, &out, &cache, &full, edit);
                continue;
            }
            2 => {
                fs::write(&file, fs::read_to_string(&file).unwrap() + "\nA late paragraph.\n").unwrap();
                file
            }
            3 => {
                replace_line(&file, "headline", &format!("headline = \"Rewritten headline {edit}\""));
                file
            }
            4 => {
                let tags = ["\"Cloud\"", "\"Identity\"", "\"Fresh Topic\"", "\"Zero-Day\""];
                replace_line(&file, "tags", &format!("tags = [{}, {}]", tags[roll(4)], tags[roll(4)]));
                file
            }
            5 => {
                replace_line(
                    &file,
                    "published",
                    &format!("published = \"2026-0{}-1{}T08:00:00Z\"", 1 + roll(9), roll(10)),
                );
                file
            }
            6 => {
                let renamed = content.join(format!("articles/renamed-{edit}.md"));
                fs::rename(&file, &renamed).unwrap();
                renamed
            }
            // Saved again as it was: a new time, the same words.
            7 => file,
            _ => {
                fs::write(bundle.join("chart.svg"), chart(&format!("#{:06x}", roll(0xffffff)))).unwrap();
                bundle.join("chart.svg")
            }
        };
        stamp(&touched, ago);
        continue_with(&content, &out, &cache, &full, edit);
    }

    let mut files: Vec<PathBuf> = fs::read_dir(content.join("articles")).unwrap().flatten().map(|e| e.path()).collect();
    files.retain(|path| path.extension().is_some_and(|e| e == "md"));
    files.sort();

    // A day's wire stories published at once, on the same listings: each
    // listing and the JSON Feed gain more than one page, none of them
    // there before to keep.
    for n in 0..61 {
        let wire = content.join(format!("articles/wire-{n:02}.md"));
        fs::copy(&files[2], &wire).unwrap();
        replace_line(&wire, "published", &format!("published = \"2026-11-29T{:02}:{:02}:00Z\"", n / 60, n % 60));
        replace_line(&wire, "headline", &format!("headline = \"Wire {n}\""));
        stamp(&wire, 55);
    }
    continue_with(&content, &out, &cache, &full, 97);
    assert!(out.join("content/feed/9.json").is_file() && out.join("content/feed/10.json").is_file());

    // A topic's one story retagged: the topic's listing goes, folder and
    // all (the prerenderer takes every folder for a listing).
    replace_line(&files[1], "tags", "tags = [\"Cloud\", \"Solo Topic\"]");
    stamp(&files[1], 50);
    continue_with(&content, &out, &cache, &full, 98);
    assert!(out.join("content/tags/solo-topic/1.json").is_file());
    replace_line(&files[1], "tags", "tags = [\"Cloud\"]");
    stamp(&files[1], 40);
    continue_with(&content, &out, &cache, &full, 99);

    // A build that stops on a problem writes nothing and keeps the
    // record: the next one, the problem fixed, still starts from it.
    let broken = content.join("articles/broken.md");
    fs::write(&broken, "+++\nheadline = \"\"\n+++\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_dispatch-press"))
        .arg("--content")
        .arg(&content)
        .arg("--out")
        .arg(&out)
        .arg("--cache")
        .arg(&cache)
        .output()
        .unwrap();
    assert!(!output.status.success(), "a file with no section is refused");
    fs::remove_file(&broken).unwrap();
    continue_with(&content, &out, &cache, &full, 100);

    // Another build into the folder without the cache makes the record
    // untrue: the next cached build sees that and builds in full.
    let file = files[0].clone();
    let before = fs::read_to_string(&file).unwrap();
    replace_line(&file, "headline", "headline = \"Written by a build without the record\"");
    stamp(&file, 30);
    press(&[&content, &out], &["--content", "--out"]);
    fs::write(&file, before).unwrap();
    stamp(&file, 20);
    let said = press(&[&content, &out, &cache], &["--content", "--out", "--cache"]);
    assert!(said.contains("built in full"), "{said}");
    let _ = fs::remove_dir_all(&full);
    press(&[&content, &full], &["--content", "--out"]);
    let (incremental, complete) = (tree(&out), tree(&full));
    assert!(
        incremental.len() == complete.len() && incremental.iter().all(|(path, (bytes, _))| &complete[path].0 == bytes)
    );
    fs::remove_dir_all(&root).unwrap();
}

/// Builds from the record into `out` and in full into `full`; the two
/// must be the same files, and what the incremental build did not write
/// keeps its time.
fn continue_with(content: &Path, out: &Path, cache: &Path, full: &Path, edit: usize) {
    let before = tree(out);
    let said = press(&[content, out, cache], &["--content", "--out", "--cache"]);
    assert!(said.contains("from the record"), "edit {edit} built in full:\n{said}");
    let _ = fs::remove_dir_all(full);
    press(&[content, full], &["--content", "--out"]);
    let (incremental, complete) = (tree(out), tree(full));
    let paths = |tree: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>| tree.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&incremental), paths(&complete), "edit {edit}: other files");
    assert_eq!(empty_folders(out), Vec::<PathBuf>::new(), "edit {edit}: a listing with no story left its folder");
    for (path, (bytes, modified)) in &incremental {
        assert!(bytes == &complete[path].0, "edit {edit}: {} differs from a full build", path.display());
        if let Some((old, was)) = before.get(path) {
            if old == bytes {
                assert_eq!(modified, was, "edit {edit}: {} was written with the same bytes", path.display());
            }
        }
    }
}

/// The folders named as a newsroom's CI names them, relative to where the
/// compiler runs, with the output folder made by the first build: the
/// next build still starts from the record, and a build whose settings
/// changed says why it is a full one.
#[test]
fn the_first_publish_after_a_build_into_a_new_folder_uses_the_record() {
    let root = std::env::temp_dir().join(format!("dispatch-relative-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    dispatch_press::synthetic::generate(&root.join("content"), 12).unwrap();
    for relative in tree(&root.join("content")).into_keys() {
        stamp(&root.join("content").join(relative), 600);
    }
    let run = || {
        let output = Command::new(env!("CARGO_BIN_EXE_dispatch-press"))
            .current_dir(&root)
            .args(["--content", "content", "--out", "site/out", "--cache", "cache"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(!run().contains("from the record"), "a first build has no record");
    let story = root.join("content/articles/synthetic-00003.md");
    replace_line(&story, "headline", "headline = \"A corrected headline\"");
    stamp(&story, 300);
    let said = run();
    assert!(said.contains("from the record (1 article file(s) new or changed)"), "{said}");

    let site = root.join("content/site.toml");
    fs::write(&site, fs::read_to_string(&site).unwrap() + "\n").unwrap();
    let said = run();
    assert!(said.contains("changed since the record was written: site.toml; built in full"), "{said}");

    // The same newsroom named by its absolute path: the record's
    // articles are still its files.
    replace_line(&story, "headline", "headline = \"A headline corrected again\"");
    stamp(&story, 200);
    let output = Command::new(env!("CARGO_BIN_EXE_dispatch-press"))
        .current_dir(&root)
        .arg("--content")
        .arg(root.join("content"))
        .args(["--out", "site/out", "--cache", "cache"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("from the record (1 article file(s) new or changed)"), "{said}");
    fs::remove_dir_all(&root).unwrap();
}
