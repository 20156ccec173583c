//! Incremental publishing end to end (issue 18): the compiler and the
//! prerenderer, each from its record, after edits to the sample newsroom,
//! give the very files that a full build and a full prerender give; the
//! pages nothing reached keep their modification time; and a deleted
//! article's page is removed.

// As in the app: its views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, SystemTime},
};

mod support;

use support::SHELL;

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

/// Compiles `content` into `site` and prerenders it, each from its record
/// in `cache` when one is given; what the prerenderer printed.
fn publish(content: &Path, site: &Path, cache: Option<&Path>) -> String {
    if !site.join("_shell.html").exists() {
        fs::create_dir_all(site).unwrap();
        fs::write(site.join("_shell.html"), SHELL).unwrap();
        fs::write(site.join("_search_shell.html"), support::search_shell()).unwrap();
        fs::write(site.join("_page_shell.html"), support::page_shell()).unwrap();
    }
    dispatch_press::publish(content, site, cache).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_dispatch-prerender"));
    command.arg("--root").arg(site);
    if let Some(cache) = cache {
        command.arg("--cache").arg(cache);
    }
    let output = command.output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{said}{}", String::from_utf8_lossy(&output.stderr));
    said
}

fn set_line(file: &Path, key: &str, line: &str) {
    let text = fs::read_to_string(file).unwrap();
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if !done && l.starts_with(&format!("{key} =")) {
                done = true;
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    fs::write(file, lines.join("\n") + "\n").unwrap();
}

#[test]
fn published_from_the_records_the_site_is_what_a_full_build_makes() {
    let root = std::env::temp_dir().join(format!("dispatch-publish-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let (content, site, cache, full) = (root.join("content"), root.join("site"), root.join("cache"), root.join("full"));
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    for relative in tree(&sample).into_keys() {
        let to = content.join(&relative);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(sample.join(&relative), &to).unwrap();
    }
    // Every file written well before the first build, each edit at a time
    // of its own (a file changed within two seconds of a build is always
    // read again, which would hide a wrong check).
    let mut ago = 7_200;
    let stamp = |file: &Path, ago: u64| {
        let time = SystemTime::now() - Duration::from_secs(ago);
        fs::File::options().write(true).open(file).unwrap().set_modified(time).unwrap();
    };
    for relative in tree(&content).into_keys() {
        stamp(&content.join(relative), ago);
    }
    publish(&content, &site, Some(&cache));

    let articles = content.join("articles");
    let mut plain: Vec<PathBuf> = fs::read_dir(&articles)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    plain.sort();
    /// An edit's name, and the edit, which returns the file it changed.
    type Edit<'a> = (&'a str, Box<dyn Fn() -> PathBuf>);
    let edits: Vec<Edit> = vec![
        ("a new headline", {
            let file = plain[3].clone();
            Box::new(move || {
                set_line(&file, "headline", "headline = \"A headline the desk rewrote\"");
                file.clone()
            })
        }),
        ("breaking news", {
            let (from, to) = (plain[5].clone(), articles.join("breaking-news-from-the-desk.md"));
            Box::new(move || {
                fs::copy(&from, &to).unwrap();
                set_line(&to, "headline", "headline = \"Breaking news from the desk\"");
                set_line(&to, "published", "published = \"2026-12-01T06:00:00Z\"");
                set_line(&to, "updated", "updated = \"2026-12-01T07:00:00Z\"");
                set_line(&to, "aliases", "aliases = []");
                to.clone()
            })
        }),
        ("a body edit", {
            let file = plain[8].clone();
            Box::new(move || {
                fs::write(&file, fs::read_to_string(&file).unwrap() + "\nA correction, appended.\n").unwrap();
                file.clone()
            })
        }),
        ("new tags", {
            let file = plain[11].clone();
            Box::new(move || {
                set_line(&file, "tags", "tags = [\"Ransomware\", \"Fresh Topic\"]");
                file.clone()
            })
        }),
        ("a deletion", {
            let file = articles.join("breaking-news-from-the-desk.md");
            Box::new(move || {
                fs::remove_file(&file).unwrap();
                file.parent().unwrap().to_path_buf()
            })
        }),
    ];
    for (what, edit) in &edits {
        ago -= 60;
        let touched = edit();
        if touched.is_file() {
            stamp(&touched, ago);
        }
        let before = tree(&site);
        let said = publish(&content, &site, Some(&cache));
        assert!(said.contains("from the record"), "{what}: rendered in full:\n{said}");
        let _ = fs::remove_dir_all(&full);
        publish(&content, &full, None);
        let (incremental, complete) = (tree(&site), tree(&full));
        let paths = |tree: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>| tree.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(&incremental), paths(&complete), "{what}: other files");
        let mut untouched = 0;
        for (path, (bytes, modified)) in &incremental {
            assert!(bytes == &complete[path].0, "{what}: {} differs from a full build", path.display());
            if let Some((old, was)) = before.get(path) {
                if old == bytes {
                    assert_eq!(modified, was, "{what}: {} was written with the same bytes", path.display());
                    untouched += 1;
                }
            }
        }
        assert!(untouched * 2 > incremental.len(), "{what}: most files are as they were ({untouched})");
    }

    // A new shell (a new release of the app) renders every page again;
    // the page of an article deleted meanwhile still goes.
    let gone = plain[14].clone();
    fs::remove_file(&gone).unwrap();
    let shell = SHELL.replace("<title>Dispatch</title>", "<title>Dispatch, again</title>");
    fs::write(site.join("_shell.html"), &shell).unwrap();
    let said = publish(&content, &site, Some(&cache));
    assert!(!said.contains("from the record") && said.contains("1 removed"), "{said}");
    let _ = fs::remove_dir_all(&full);
    fs::create_dir_all(&full).unwrap();
    fs::write(full.join("_shell.html"), &shell).unwrap();
    fs::write(full.join("_search_shell.html"), support::search_shell()).unwrap();
    fs::write(full.join("_page_shell.html"), support::page_shell()).unwrap();
    publish(&content, &full, None);
    let (incremental, complete) = (tree(&site), tree(&full));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        complete.keys().collect::<Vec<_>>(),
        "a full run after a deletion"
    );
    fs::remove_dir_all(&root).unwrap();
}

/// The search page loads an app of its own (built with the `search`
/// feature, `_search_shell.html`); articles and the newsletter page start
/// a page's own module (`_page_shell.html`), which names the site's app;
/// every other page loads the site's app (issue 19). A site folder
/// without one of the shells is refused with a message naming it, rather
/// than given pages that cannot start.
#[test]
fn each_page_is_made_from_its_kind_of_shell() {
    let root = std::env::temp_dir().join(format!("dispatch-search-shell-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let (content, site) = (Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"), root.join("site"));
    publish(&content, &site, None);
    let pages = tree(&site);
    let searches: Vec<&PathBuf> = pages.keys().filter(|page| page.ends_with("search.html")).collect();
    assert_eq!(searches.len(), 2, "the English and the Arabic search page: {searches:?}");
    for (page, _) in pages.iter().filter(|(page, _)| page.extension().is_some_and(|e| e == "html")) {
        let html = fs::read_to_string(site.join(page)).unwrap();
        let shell = page.to_str().unwrap().starts_with('_');
        let search = page.ends_with("search.html") && !shell;
        if !shell {
            let address = format!("/{}", page.with_extension("").to_str().unwrap());
            let own = dispatch::page::starts_own_module(&address);
            assert_eq!(html.contains("'/search-app-1.js'"), search, "{}", page.display());
            assert_eq!(html.contains("'/page-1.js'"), own, "{}", page.display());
            assert_eq!(html.contains("'/app-1.js'"), !search && !own, "{}", page.display());
            assert_eq!(html.contains("<meta name=\"dispatch-app\" content=\"/app-1.js\">"), own, "{}", page.display());
        }
    }
    let own = |address: &str| {
        pages.contains_key(Path::new(address))
            && dispatch::page::starts_own_module(&format!("/{}", address.trim_end_matches(".html")))
    };
    assert!(own("newsletter.html") && own("ar/newsletter.html"), "the newsletter pages start their own module");
    assert!(pages.keys().any(|page| page.components().count() == 2 && own(page.to_str().unwrap())), "an article does");
    assert!(!own("index.html") && !own("404.html"), "the front page and the 404 page start the app");

    for shell in ["_search_shell.html", "_page_shell.html"] {
        let kept = fs::read(site.join(shell)).unwrap();
        fs::remove_file(site.join(shell)).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_dispatch-prerender")).arg("--root").arg(&site).output().unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && said.contains(shell) && said.contains("copy them"), "{said}");
        fs::write(site.join(shell), kept).unwrap();
    }
    let _ = fs::remove_dir_all(&root);
}
