//! Dangerous addresses in every URL field a newsroom writes: each one is
//! refused with the file and line it is on (issue 12). The same list goes
//! into body links and images, the hero, author links and photos, insight
//! links, the site's URL and the section slugs navigation links are made
//! of; deploy.toml's endpoint is checked by xtask's own tests.

use std::{
    fs,
    path::PathBuf,
    sync::atomic::{AtomicUsize, Ordering},
};

use dispatch_press::compile;

/// Protocol-relative forms in their disguises, script and data schemes,
/// hidden characters, and paths relative to the page.
const DANGEROUS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\u{0}script:alert(1)",
    "javascript\u{200B}:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    "/%5Cevil.example/x",
    "/%2F/evil.example/x",
    "https:/\\evil.example",
    "https:evil.example",
    "http://",
    "x.png",
    "mailto:a@b.example,evil@x.example",
];

static NEXT: AtomicUsize = AtomicUsize::new(0);

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"></svg>"#;

/// `value` as a TOML basic string (JSON's escapes are TOML's).
fn toml(value: &str) -> String {
    serde_json::to_string(value).unwrap()
}

/// `value` as a Markdown link destination that CommonMark reads back
/// exactly: in angle brackets, with every ASCII punctuation character
/// backslash-escaped.
fn destination(value: &str) -> String {
    let escaped: String =
        value.chars().map(|c| if c.is_ascii_punctuation() { format!("\\{c}") } else { c.to_string() }).collect();
    format!("<{escaped}>")
}

struct Field {
    name: &'static str,
    /// The file the address goes in, and the line a refusal must name.
    file: &'static str,
    line: usize,
    /// What the refusal says about the field.
    words: &'static str,
    place: fn(&str) -> Vec<(&'static str, String)>,
}

fn site(url: &str, extra_section: Option<&str>) -> String {
    let extra = extra_section.map(|slug| format!("\n[[sections]]\nslug = {}\nname = \"Extra\"\n", toml(slug)));
    format!(
        "name = \"Dispatch\"\ntagline = \"News\"\nurl = {}\nlanguage = \"en\"\n\n[[sections]]\nslug = \"policy\"\nname = \"Policy\"\n{}\n[[regions]]\nslug = \"asia-pacific\"\nname = \"Asia Pacific\"\n",
        toml(url),
        extra.unwrap_or_default()
    )
}

fn author(photo: &str, link: &str) -> String {
    format!(
        "name = \"Amina\"\nrole = \"Editor\"\nbio = \"Covers the Gulf.\"\n\n[photo]\nsrc = {}\nwidth = 160\nheight = 160\nalt = \"Portrait\"\n\n[[links]]\nlabel = \"Site\"\nhref = {}\n",
        toml(photo),
        toml(link)
    )
}

fn article(hero: &str, body: &str) -> String {
    format!(
        "+++\nheadline = \"H\"\ndeck = \"D\"\nsection = \"policy\"\npublished = \"2026-11-27T09:30:00+04:00\"\nauthors = [\"amina\"]\n\n[hero]\nsrc = {}\nwidth = 1200\nheight = 675\nalt = \"A padlock\"\n+++\n\nFirst paragraph.\n\n{body}\n",
        toml(hero)
    )
}

fn insights(link: &str) -> String {
    format!(
        "[[insights]]\nkind = \"report\"\ntitle = \"T\"\nsummary = \"S\"\ndate = \"2026-12-04T15:00:00+00:00\"\nlink = {}\n",
        toml(link)
    )
}

const OK_IMAGE: &str = "/content/images/x.svg";

fn fields() -> Vec<Field> {
    vec![
        Field {
            name: "body link",
            file: "articles/a.md",
            line: 17,
            words: "link `",
            place: |url| vec![("articles/a.md", article(OK_IMAGE, &format!("A [look]({}) here.", destination(url))))],
        },
        Field {
            name: "body image",
            file: "articles/a.md",
            line: 17,
            words: "image `",
            place: |url| vec![("articles/a.md", article(OK_IMAGE, &format!("![A chart]({})", destination(url))))],
        },
        Field {
            name: "hero",
            file: "articles/a.md",
            line: 9,
            words: "hero `",
            place: |url| vec![("articles/a.md", article(url, "Text."))],
        },
        Field {
            name: "author photo",
            file: "authors/amina.toml",
            line: 6,
            words: "photo `",
            place: |url| {
                vec![("authors/amina.toml", author(OK_IMAGE, "https://a.example").replace(&toml(OK_IMAGE), &toml(url)))]
            },
        },
        Field {
            name: "author link",
            file: "authors/amina.toml",
            line: 13,
            words: "link `",
            place: |url| vec![("authors/amina.toml", author(OK_IMAGE, url))],
        },
        Field {
            name: "insight link",
            file: "insights.toml",
            line: 6,
            words: "link `",
            place: |url| vec![("insights.toml", insights(url))],
        },
        Field {
            name: "site url",
            file: "site.toml",
            line: 3,
            words: "url `",
            place: |url| vec![("site.toml", site(url, None))],
        },
        Field {
            name: "section slug (navigation)",
            file: "site.toml",
            line: 11,
            words: "section slug `",
            place: |url| vec![("site.toml", site("https://dispatch.example", Some(url)))],
        },
    ]
}

#[test]
fn every_dangerous_address_in_every_url_field_is_refused_with_its_line() {
    let mut failures = Vec::new();
    for field in fields() {
        for url in DANGEROUS {
            let root = std::env::temp_dir().join(format!(
                "dispatch-hostile-urls-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            ));
            let mut files: Vec<(&str, String)> = vec![
                ("site.toml", site("https://dispatch.example", None)),
                ("authors/amina.toml", author(OK_IMAGE, "https://a.example")),
                ("articles/a.md", article(OK_IMAGE, "Text.")),
                ("insights.toml", insights("https://events.example/x")),
            ];
            for (file, text) in (field.place)(url) {
                files.retain(|(name, _)| *name != file);
                files.push((file, text));
            }
            for (file, text) in &files {
                let path: PathBuf = root.join(file);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, text).unwrap();
            }
            fs::create_dir_all(root.join("images")).unwrap();
            fs::write(root.join("images/x.svg"), SVG).unwrap();
            let expected = format!("{}:{}: ", root.join(field.file).display(), field.line);
            match compile(&root) {
                Ok(_) => failures.push(format!("{}: {url:?} was accepted", field.name)),
                Err(problems) => {
                    let found = problems.iter().any(|problem| {
                        let text = problem.to_string();
                        text.starts_with(&expected) && problem.message.contains(field.words)
                    });
                    if !found {
                        failures.push(format!("{}: {url:?} refused elsewhere: {problems:?}", field.name));
                    }
                }
            }
            let _ = fs::remove_dir_all(&root);
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_same_newsroom_with_safe_addresses_compiles() {
    let root = std::env::temp_dir().join(format!("dispatch-hostile-urls-ok-{}", std::process::id()));
    for (file, text) in [
        ("site.toml", site("https://dispatch.example", Some("extra"))),
        ("authors/amina.toml", author(OK_IMAGE, "mailto:amina@dispatch.example")),
        ("articles/a.md", article(OK_IMAGE, "A [look](/policy/a) and [mail](mailto:tips@dispatch.example).")),
        ("insights.toml", insights("https://events.example/x")),
        ("images/x.svg", SVG.to_string()),
    ] {
        let path = root.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let compiled = compile(&root);
    let _ = fs::remove_dir_all(&root);
    if let Err(problems) = compiled {
        panic!("{problems:#?}");
    }
}
