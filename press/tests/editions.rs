//! The Arabic edition beside the English one (issue 17): its files under
//! `/ar/`, counterparts linked both ways, its own feeds and sitemap with
//! `hreflang`, its display time zone and reading speed, the images both
//! editions share, and each refusal as `file:line: message`.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::atomic::{AtomicUsize, Ordering},
};

use dispatch_model::{Article, Edition, Site};
use dispatch_press::{compile, publish};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh folder under the system's temporary one, removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new() -> Folder {
        let path = std::env::temp_dir().join(format!(
            "dispatch-editions-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Folder(path)
    }

    fn put(&self, relative: &str, text: &str) {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"></svg>"#;

fn site(name: &str, language: &str, extra: &str) -> String {
    format!(
        "name = \"{name}\"\ntagline = \"T\"\nurl = \"https://dispatch.example\"\nlanguage = \"{language}\"\n{extra}\n\
         [[sections]]\nslug = \"policy\"\nname = \"{name} policy\"\n\n[[regions]]\nslug = \"asia-pacific\"\nname = \"R\"\n"
    )
}

fn article(headline: &str, hero: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\nheadline = \"{headline}\"\ndeck = \"D\"\nsection = \"policy\"\nregions = [\"asia-pacific\"]\n\
         published = \"2026-11-27T23:30:00+00:00\"\nauthors = [\"a\"]\n{extra}\n[hero]\nsrc = \"/content/images/{hero}\"\n\
         alt = \"A drawing\"\n+++\n\n{body}\n"
    )
}

/// An English newsroom with one story, and an Arabic edition whose one
/// story names it as its counterpart; the Arabic hero is its own drawing.
fn newsroom() -> Folder {
    let content = Folder::new();
    content.put("site.toml", &site("Dispatch", "en", ""));
    content.put("authors/a.toml", "name = \"A\"\nrole = \"R\"\nbio = \"B.\"\n");
    content.put("images/english.svg", SVG);
    content.put("images/arabic.svg", SVG);
    content.put("articles/qatar-rwanda.md", &article("Qatar and Rwanda", "english.svg", "", "Words."));
    content.put("ar/site.toml", &site("ديسباتش", "ar", "time_zone = \"+03:00\"\ndigits = \"arabic-indic\"\n"));
    content.put("ar/authors/a.toml", "name = \"أ\"\nrole = \"محررة\"\nbio = \"نبذة.\"\n");
    // 150 words: two minutes at Arabic's 138 words a minute, where
    // English's 200 would make one.
    let words = vec!["كلمة"; 150].join(" ");
    content.put(
        "ar/articles/qatar-rwanda-ar.md",
        &article("قطر ورواندا", "arabic.svg", "counterpart = \"qatar-rwanda\"", &words),
    );
    content
}

fn json<T: serde::de::DeserializeOwned>(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> T {
    serde_json::from_slice(files.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

fn text(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}")).clone()).unwrap()
}

#[test]
fn the_arabic_edition_compiles_under_its_prefix_linked_to_its_counterparts() {
    let content = newsroom();
    let compiled = compile(&content.0).unwrap();
    assert_eq!(compiled.articles, 2);

    let arabic: Article = json(&compiled.files, "ar/content/articles/qatar-rwanda-ar.json");
    let english: Article = json(&compiled.files, "content/articles/qatar-rwanda.json");
    assert_eq!(
        arabic.counterpart.as_ref().map(|c| (c.edition, c.href.as_str())),
        Some((Edition::English, "/policy/qatar-rwanda"))
    );
    assert_eq!(
        english.counterpart.as_ref().map(|c| (c.edition, c.href.as_str())),
        Some((Edition::Arabic, "/ar/policy/qatar-rwanda-ar"))
    );
    assert_eq!(arabic.published, "2026-11-28T02:30:00+03:00", "written in the edition's time zone: the 28th there");
    assert_eq!(english.published, "2026-11-27T23:30:00+00:00", "the English edition keeps the desk's offset");
    assert_eq!(arabic.reading_minutes, 2, "150 Arabic words at 138 a minute");
    assert!(arabic.id.ends_with(":ar/qatar-rwanda-ar"), "{}", arabic.id);
    assert!(compiled.files.contains_key("ar/content/sections/policy/1.json"));
    assert!(compiled.files.contains_key("ar/content/latest/1.json"));
    assert!(compiled.files.contains_key("content/images/arabic.svg"), "images are shared, at the root");
    assert!(!compiled.files.keys().any(|path| path.starts_with("ar/content/images/") || path.starts_with("ar/img/")));
    assert!(!compiled.files.contains_key("ar/robots.txt"), "one robots.txt, at the root");

    let site: Site = json(&compiled.files, "ar/content/site.json");
    assert_eq!((site.language.as_str(), site.navigation[0].href.as_str()), ("ar", "/ar/policy"));

    let feed: serde_json::Value = serde_json::from_slice(&compiled.files["ar/feed.json"]).unwrap();
    assert_eq!(feed["language"], "ar");
    assert_eq!(feed["feed_url"], "https://dispatch.example/ar/feed.json");
    assert_eq!(feed["items"][0]["url"], "https://dispatch.example/ar/policy/qatar-rwanda-ar");
    let rss = text(&compiled.files, "ar/rss.xml");
    assert!(
        rss.contains("<language>ar</language>") && rss.contains("<link>https://dispatch.example/ar</link>"),
        "{rss}"
    );

    let robots = text(&compiled.files, "robots.txt");
    assert!(
        robots.ends_with(
            "Sitemap: https://dispatch.example/sitemap.xml\nSitemap: https://dispatch.example/ar/sitemap.xml\n"
        ),
        "{robots}"
    );
    let sitemap = text(&compiled.files, "sitemap.xml");
    assert!(
        sitemap.contains(
            r#"<xhtml:link rel="alternate" hreflang="ar" href="https://dispatch.example/ar/policy/qatar-rwanda-ar"/>"#
        ),
        "{sitemap}"
    );
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="ar" href="https://dispatch.example/ar"/>"#));
    let arabic_sitemap = text(&compiled.files, "ar/sitemap.xml");
    assert!(arabic_sitemap.contains("<loc>https://dispatch.example/ar/policy/qatar-rwanda-ar</loc>"));
    assert!(
        !arabic_sitemap.contains("<loc>https://dispatch.example/policy/"),
        "an edition's sitemap lists its own pages"
    );
}

/// The one problem of compiling `content`, as `file:line: message`.
fn refusal(content: &Folder) -> String {
    match compile(&content.0) {
        Ok(_) => panic!("expected a refusal"),
        Err(problems) => {
            assert_eq!(problems.len(), 1, "{problems:#?}");
            problems[0].to_string()
        }
    }
}

#[test]
fn each_edition_refusal_names_the_file_and_line() {
    let content = newsroom();
    content.put("ar/articles/bundled/index.md", &article("حزمة", "arabic.svg", "", "كلمات."));
    let said = refusal(&content);
    assert!(said.contains("bundled/index.md:1: a page bundle is for the English edition"), "{said}");

    let content = newsroom();
    let file = content.0.join("ar/articles/qatar-rwanda-ar.md");
    content.put("ar/articles/qatar-rwanda-ar.md", &article("قطر", "arabic.svg", "counterpart = \"qatar\"", "كلمات."));
    assert_eq!(
        refusal(&content),
        format!(
            "{}:8: counterpart `qatar` is not an article of the English edition: write the name of its file in content/articles/, without `.md`",
            file.display()
        )
    );

    // An English article in a subfolder, or a page bundle, is named by its slug too.
    let content = newsroom();
    fs::create_dir_all(content.0.join("articles/2026")).unwrap();
    fs::rename(content.0.join("articles/qatar-rwanda.md"), content.0.join("articles/2026/qatar-rwanda.md")).unwrap();
    let compiled = compile(&content.0).unwrap();
    let arabic: Article = json(&compiled.files, "ar/content/articles/qatar-rwanda-ar.json");
    assert_eq!(arabic.counterpart.map(|c| c.href), Some("/policy/qatar-rwanda".to_string()));

    let content = newsroom();
    content.put("ar/articles/again.md", &article("مرة أخرى", "arabic.svg", "counterpart = \"qatar-rwanda\"", "كلمات."));
    assert!(refusal(&content).contains("counterpart `qatar-rwanda` is named by"), "one counterpart per edition");

    let content = newsroom();
    content.put("articles/qatar-rwanda.md", &article("Q", "english.svg", "counterpart = \"x\"", "Words."));
    let said = refusal(&content);
    assert!(said.contains("qatar-rwanda.md:8: an English article names no counterpart"), "{said}");

    let content = newsroom();
    content.put("ar/site.toml", &site("ديسباتش", "en", ""));
    let said = refusal(&content);
    assert!(said.contains("ar/site.toml:4: language `en` is not this edition's"), "{said}");
    assert!(said.ends_with("write language = \"ar\""), "{said}");

    let content = newsroom();
    content.put("ar/site.toml", &site("ديسباتش", "ar", "time_zone = \"Asia/Riyadh\"\n"));
    let said = refusal(&content);
    assert!(said.contains("ar/site.toml:5: time_zone `Asia/Riyadh` is not an offset from UTC"), "{said}");
}

fn modified(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Both editions publish the shared images (every file under
/// content/images): a drawing only the Arabic edition prints is written
/// once and left untouched by later builds, with a record and without;
/// when it leaves content/images, it goes, and the Arabic story with it.
#[test]
fn images_one_edition_prints_are_kept_until_no_edition_does() {
    let content = newsroom();
    let out = Folder::new();
    let cache = Folder::new();
    let drawing = out.0.join("content/images/arabic.svg");
    let built = publish(&content.0, &out.0, Some(&cache.0)).unwrap();
    // Each file is counted once, an image both editions show too.
    let mut on_disk = 0;
    let mut pending = vec![out.0.clone()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(folder).unwrap().flatten() {
            match entry.file_type().unwrap().is_dir() {
                true => pending.push(entry.path()),
                false => on_disk += 1,
            }
        }
    }
    assert_eq!((built.written.files, built.written.changed), (on_disk, on_disk));
    let first = modified(&drawing);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = publish(&content.0, &out.0, Some(&cache.0)).unwrap();
    assert!(again.incremental, "{:?}", again.note);
    publish(&content.0, &out.0, None).unwrap();
    assert_eq!(modified(&drawing), first, "kept as it was, by a build from the record and by a full one");
    assert!(out.0.join("ar/content/articles/qatar-rwanda-ar.json").is_file());

    fs::remove_file(content.0.join("ar/articles/qatar-rwanda-ar.md")).unwrap();
    fs::remove_file(content.0.join("images/arabic.svg")).unwrap();
    let gone = publish(&content.0, &out.0, Some(&cache.0)).unwrap();
    assert!(!drawing.exists(), "no edition has it now");
    assert!(!out.0.join("ar/content/articles/qatar-rwanda-ar.json").exists());
    assert!(gone.written.gone.iter().any(|path| path == "content/images/arabic.svg"), "{:?}", gone.written.gone);
    let english: Article =
        serde_json::from_slice(&fs::read(out.0.join("content/articles/qatar-rwanda.json")).unwrap()).unwrap();
    assert_eq!(english.counterpart, None, "the English story lost its counterpart with it");
}
