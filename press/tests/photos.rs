//! Photographs through the whole compiler (issue 15): a phone's JPEG in
//! `content/`, upright and stripped variants, a share card and the cache
//! out; and each refusal as `file:line: message`.

use std::{
    fs,
    path::{Path, PathBuf},
};

use dispatch_model::{Article, Site};
use dispatch_press::publish;

#[path = "../../photo/tests/support/mod.rs"]
mod support;

/// A fresh folder under the system's temporary one, removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("dispatch-photos-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Folder(path)
    }

    fn put(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const SITE: &str = "name = \"Dispatch\"\ntagline = \"T\"\nurl = \"https://dispatch.example\"\nlanguage = \"en\"\n\
card = \"/content/images/card.jpg\"\n\n[[sections]]\nslug = \"policy\"\nname = \"Policy\"\n\n\
[[regions]]\nslug = \"asia-pacific\"\nname = \"Asia Pacific\"\n";

const AUTHOR: &str = "name = \"Amina Haddad\"\nrole = \"Editor\"\nbio = \"Covers the Gulf.\"\n";

fn article(hero: &str) -> String {
    format!(
        "+++\nheadline = \"A harbour\"\ndeck = \"D\"\nsection = \"policy\"\nregions = [\"asia-pacific\"]\n\
         published = \"2026-11-20T09:30:00+03:00\"\nauthors = [\"amina-haddad\"]\n\n[hero]\n{hero}\n\
         alt = \"A harbour at dusk\"\ncredit = \"Source: Dispatch staff\"\n+++\n\nBody.\n"
    )
}

/// A JPEG as a phone stores it: `width`×`height` stored pixels, the
/// left half (as stored) sky blue and the right dark, with EXIF
/// orientation `orientation` and a GPS block holding
/// [`support::GPS_MARKER`].
fn phone_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    support::halves(width, height, [90, 150, 230], [30, 30, 40], &[support::exif(orientation)])
}

fn every_file(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(every_file(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn newsroom(content: &Folder, hero: &str) {
    content.put("site.toml", SITE);
    content.put("authors/amina-haddad.toml", AUTHOR);
    content.put("articles/harbour.md", article(hero));
}

#[test]
fn a_phone_photo_is_published_upright_stripped_and_cached() {
    let (content, out, cache) = (Folder::new("content"), Folder::new("out"), Folder::new("cache"));
    newsroom(&content, "src = \"/content/images/harbour.jpg\"");
    // Stored 2400×1200 with the sky on the left; orientation 6 turns it a
    // quarter clockwise: 1200 wide, 2400 tall, the sky on top.
    content.put("images/harbour.jpg", phone_jpeg(2400, 1200, 6));
    content.put("images/card.jpg", phone_jpeg(1600, 900, 1));
    let published = publish(&content.0, &out.0, Some(&cache.0)).unwrap();
    assert_eq!(published.photographs, 2);

    let article: Article =
        serde_json::from_slice(&fs::read(out.0.join("content/articles/harbour.json")).unwrap()).unwrap();
    let hero = article.hero.unwrap();
    assert_eq!(hero.widths, vec![320, 640, 960, 1200]);
    assert_eq!((hero.width, hero.height), (1200, 2400), "upright, the size of src");
    assert!(hero.src.starts_with("/img/") && hero.src.ends_with("/harbour-1200.jpg"), "{}", hero.src);
    assert_eq!(hero.placeholder.map(|colour| colour < 64), Some(true));
    for width in &hero.widths {
        for extension in ["webp", "jpg"] {
            let served = hero.src.replace("-1200.jpg", &format!("-{width}.{extension}"));
            let image = image::open(out.0.join(served.trim_start_matches('/'))).unwrap();
            assert_eq!((image.width(), image.height()), (*width, width * 2), "{served}");
            let top = image.to_rgb8().get_pixel(width / 2, width / 4).0;
            assert!(top[2] > 180, "sky on top in {served}: {top:?}");
        }
    }
    // The share card and the site's card: 1200×630 JPEGs that are there.
    let share = article.share.unwrap();
    let card = image::open(out.0.join(share.trim_start_matches('/'))).unwrap();
    assert_eq!((card.width(), card.height()), (1200, 630));
    let site: Site = serde_json::from_slice(&fs::read(out.0.join("content/site.json")).unwrap()).unwrap();
    assert!(out.0.join(site.card.unwrap().trim_start_matches('/')).is_file());

    // Nothing served carries the GPS block, and the source is not served.
    for file in every_file(&out.0) {
        let bytes = fs::read(&file).unwrap();
        assert!(!bytes.windows(support::GPS_MARKER.len()).any(|w| w == support::GPS_MARKER), "{}", file.display());
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{}", file.display());
    }
    assert!(!every_file(&out.0).iter().any(|file| file.extension().is_some_and(|e| e == "jpg")
        && file.file_name().is_some_and(|name| name == "harbour.jpg")));

    // A second build with the cache processes nothing and writes nothing;
    // what a stopped build left half-written in the cache goes.
    let leftover = cache.0.join("photos/0123456789abcdef.4242-0.partial");
    fs::create_dir_all(&leftover).unwrap();
    let again = publish(&content.0, &out.0, Some(&cache.0)).unwrap();
    assert_eq!((again.photographs, again.written.changed), (0, 0));
    assert!(!leftover.exists(), "a stopped build's leftovers are removed");
    let key_of = |src: &str| src.trim_start_matches("/img/").split('/').next().unwrap().to_string();
    let old_key = key_of(&hero.src);
    assert!(cache.0.join("photos").join(&old_key).join("photo.json").is_file());

    // New bytes are a new name; the old variants go.
    content.put("images/harbour.jpg", phone_jpeg(2400, 1200, 1));
    let edited = publish(&content.0, &out.0, Some(&cache.0)).unwrap();
    assert_eq!(edited.photographs, 1);
    let article: Article =
        serde_json::from_slice(&fs::read(out.0.join("content/articles/harbour.json")).unwrap()).unwrap();
    let new_src = article.hero.unwrap().src;
    assert_ne!(new_src, hero.src);
    assert!(!out.0.join(hero.src.trim_start_matches('/')).exists(), "the old variant is removed");
    assert!(out.0.join(new_src.trim_start_matches('/')).is_file());
    // The cache keeps the new photograph's folder, not the old one's.
    assert!(!cache.0.join("photos").join(&old_key).exists(), "the cache is pruned");
    assert!(cache.0.join("photos").join(key_of(&new_src)).join("photo.json").is_file());
}

fn refused(content: &Folder, out: &Folder) -> String {
    match publish(&content.0, &out.0, None) {
        Ok(_) => panic!("published"),
        Err(problems) => problems,
    }
}

#[test]
fn each_refusal_names_the_file_and_line() {
    let (content, out) = (Folder::new("refused"), Folder::new("refused-out"));
    newsroom(&content, "src = \"/content/images/print.jpg\"");
    content.put("images/card.jpg", phone_jpeg(1600, 900, 1));
    // A print agency's CMYK JPEG: a frame header with four components.
    let mut cmyk = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 10, 0, 10, 4];
    cmyk.extend_from_slice(&[1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
    content.put("images/print.jpg", cmyk);
    let problems = refused(&content, &out);
    assert!(problems.contains("articles/harbour.md:10: hero `/content/images/print.jpg` is a CMYK JPEG"), "{problems}");
    assert!(problems.contains("convert it to sRGB"), "{problems}");

    content.put("articles/harbour.md", article("src = \"/content/images/loop.gif\""));
    content.put("images/loop.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00");
    let problems = refused(&content, &out);
    assert!(problems.contains("harbour.md:10: hero `/content/images/loop.gif` GIF is not published"), "{problems}");

    // A drawing whose share card cannot be drawn is refused, not left to
    // fall back to the site's card unsaid.
    content.put("articles/harbour.md", article("src = \"/content/images/broken.svg\""));
    content.put("images/broken.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect"#);
    let problems = refused(&content, &out);
    assert!(problems.contains("harbour.md:10: hero `/content/images/broken.svg` cannot be read as SVG"), "{problems}");
    fs::remove_file(content.0.join("images/broken.svg")).unwrap();

    content.put("articles/harbour.md", article("src = \"/content/images/harbour.jpg\"\nwidth = 1200\nheight = 600"));
    content.put("images/harbour.jpg", phone_jpeg(400, 200, 1));
    let problems = refused(&content, &out);
    assert!(problems.contains("harbour.md:11: hero is a photograph: remove width and height"), "{problems}");
    assert!(!out.0.join("content").exists(), "nothing was written");
}
