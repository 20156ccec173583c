//! The compiler against small content folders written by each test: one
//! test per validation error (file, line and message), and the shape and
//! determinism of the output.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::atomic::{AtomicUsize, Ordering},
};

use dispatch_model::{Article, Author, Block, IndexPage, Insights, Site};
use dispatch_press::{compile, problem::Problem, write::write};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A valid little newsroom in a fresh temporary folder.
struct Newsroom {
    root: PathBuf,
}

impl Drop for Newsroom {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

const SITE: &str = r#"name = "Dispatch"
tagline = "Cybersecurity news"
url = "https://dispatch.example"
language = "en"
page_size = 2

[[sections]]
slug = "policy"
name = "Policy & Regulation"

[[sections]]
slug = "threat-intelligence"
name = "Threat Intelligence"

[[regions]]
slug = "middle-east-africa"
name = "Middle East & Africa"

[[regions]]
slug = "asia-pacific"
name = "Asia Pacific"
"#;

const AUTHOR: &str = r#"name = "Amina Haddad"
role = "Senior Editor"
bio = "Covers the Gulf."

[photo]
src = "/content/images/amina.svg"
width = 160
height = 160
alt = "Portrait of Amina Haddad"
"#;

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"></svg>"#;

fn article(headline: &str, section: &str, tags: &str, published: &str) -> String {
    format!(
        r#"+++
headline = "{headline}"
deck = "A deck."
section = "{section}"
regions = ["middle-east-africa"]
tags = [{tags}]
published = "{published}"
authors = ["amina-haddad"]

[hero]
src = "/content/images/hero.svg"
width = 1200
height = 675
alt = "Illustration of a padlock"
credit = "Source: Dispatch illustration"
+++

First paragraph with *emphasis* and a [link](https://www.cisa.gov/).

## A subheading

> A quote.
>
> — An analyst

- one
- two
"#
    )
}

impl Newsroom {
    fn new() -> Newsroom {
        let root = std::env::temp_dir().join(format!(
            "dispatch-press-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&root);
        let newsroom = Newsroom { root };
        newsroom.put("site.toml", SITE);
        newsroom.put("authors/amina-haddad.toml", AUTHOR);
        newsroom.put("images/hero.svg", SVG);
        newsroom.put("images/amina.svg", SVG);
        newsroom.put(
            "insights.toml",
            "[[insights]]\nkind = \"webinar\"\ntitle = \"Hunting in OT\"\nsummary = \"S.\"\ndate = \"2026-12-04T15:00:00+00:00\"\nlink = \"https://events.example/ot\"\n",
        );
        newsroom.put(
            "articles/gulf-ports.md",
            &article(
                "Gulf ports hit",
                "threat-intelligence",
                r#""Ransomware", "Phishing""#,
                "2026-11-27T09:30:00+04:00",
            ),
        );
        newsroom.put(
            "articles/qatar-rwanda.md",
            &article("Qatar and Rwanda sign", "policy", r#""Regulation""#, "2026-11-20T09:30:00+03:00"),
        );
        newsroom.put(
            "articles/kenya-phishing.md",
            &article("Kenya phishing wave", "threat-intelligence", r#""Phishing""#, "2026-11-25T09:30:00+03:00"),
        );
        newsroom
    }

    fn put(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn file(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn problems(&self) -> Vec<Problem> {
        match compile(&self.root) {
            Ok(_) => panic!("expected problems, the content compiled"),
            Err(problems) => problems,
        }
    }

    /// Asserts exactly one problem, at `relative:line`, whose message
    /// contains `words`.
    fn assert_one(&self, relative: &str, line: usize, words: &str) {
        let problems = self.problems();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let problem = &problems[0];
        assert_eq!((problem.file.as_path(), problem.line), (self.file(relative).as_path(), line), "{problem}");
        assert!(problem.message.contains(words), "{problem}");
        assert!(problem.to_string().starts_with(&format!("{}:{line}: ", self.file(relative).display())));
    }
}

fn json<T: serde::de::DeserializeOwned>(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> T {
    serde_json::from_slice(files.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

#[test]
fn a_valid_newsroom_compiles_into_the_json_tree() {
    let newsroom = Newsroom::new();
    let edition = compile(&newsroom.root).unwrap();
    assert_eq!((edition.articles, edition.authors, edition.insights), (3, 1, 1));

    let article: Article = json(&edition.files, "content/articles/gulf-ports.json");
    assert_eq!(article.headline, "Gulf ports hit");
    assert_eq!(article.section.name, "Threat Intelligence");
    assert_eq!(article.tags.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), ["ransomware", "phishing"]);
    assert_eq!(article.authors[0].role, "Senior Editor");
    assert_eq!(article.reading_minutes, 1);
    assert!(matches!(
        &article.body[..],
        [
            Block::Paragraph { .. },
            Block::Subheading { .. },
            Block::Quote { attribution: Some(_), .. },
            Block::List { ordered: false, .. }
        ]
    ));
    let related: Vec<&str> = article.related.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(related, ["kenya-phishing", "qatar-rwanda"], "shared tag first, never itself");

    let latest: IndexPage = json(&edition.files, "content/latest/1.json");
    assert_eq!((latest.page, latest.items.len(), latest.older), (1, 2, None), "the front page's one page");
    assert_eq!(latest.items[0].slug, "gulf-ports", "newest first");
    assert!(!edition.files.contains_key("content/latest/2.json"), "no address shows older latest stories");
    let section: IndexPage = json(&edition.files, "content/sections/threat-intelligence/1.json");
    assert_eq!(section.items.len(), 2);
    let tag: IndexPage = json(&edition.files, "content/tags/phishing/1.json");
    assert_eq!((tag.items.len(), tag.title.as_str()), (2, "Phishing"));
    assert_eq!(section.title, "Threat Intelligence");
    let region: IndexPage = json(&edition.files, "content/regions/asia-pacific/1.json");
    assert_eq!((region.items.len(), region.older), (0, None), "an empty region still has its page");
    let author: Author = json(&edition.files, "content/authors/amina-haddad.json");
    assert_eq!(author.name, "Amina Haddad");
    let by_author: IndexPage = json(&edition.files, "content/authors/amina-haddad/1.json");
    assert_eq!((by_author.total, by_author.items.len()), (Some(3), 3));
    let site: Site = json(&edition.files, "content/site.json");
    assert_eq!(site.navigation[0].href, "/policy");
    let insights: Insights = json(&edition.files, "content/insights.json");
    assert_eq!(insights.items[0].title, "Hunting in OT");
    assert!(edition.files.contains_key("content/images/hero.svg"));

    let rss = String::from_utf8(edition.files["rss.xml"].clone()).unwrap();
    assert!(rss.contains("<link>https://dispatch.example/threat-intelligence/gulf-ports</link>"), "{rss}");
    assert!(rss.contains("<pubDate>Fri, 27 Nov 2026 09:30:00 +0400</pubDate>"));
    let feed: serde_json::Value = serde_json::from_slice(&edition.files["feed.json"]).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["items"][0]["url"], "https://dispatch.example/threat-intelligence/gulf-ports");
    assert_eq!(
        String::from_utf8(edition.files["robots.txt"].clone()).unwrap(),
        "User-agent: *\nAllow: /\n\nSitemap: https://dispatch.example/sitemap.xml\n"
    );
    let sitemap = String::from_utf8(edition.files["sitemap.xml"].clone()).unwrap();
    for url in [
        "https://dispatch.example/</loc>",
        "/policy/qatar-rwanda</loc>",
        "/tag/phishing</loc>",
        "/author/amina-haddad</loc>",
        "/region/middle-east-africa</loc>",
    ] {
        assert!(sitemap.contains(url), "{url} missing from {sitemap}");
    }
}

#[test]
fn output_is_byte_identical_on_a_rerun() {
    let newsroom = Newsroom::new();
    let first = compile(&newsroom.root).unwrap();
    let second = compile(&newsroom.root).unwrap();
    assert_eq!(first.files, second.files);

    let out = newsroom.root.join("out");
    let written = write(&first, &out).unwrap();
    assert_eq!(written.changed, written.files);
    let again = write(&second, &out).unwrap();
    assert_eq!((again.changed, again.removed), (0, 0));

    fs::remove_file(newsroom.file("articles/kenya-phishing.md")).unwrap();
    let smaller = compile(&newsroom.root).unwrap();
    let pruned = write(&smaller, &out).unwrap();
    assert!(pruned.removed >= 1);
    assert!(!out.join("content/articles/kenya-phishing.json").exists());
}

#[test]
fn unknown_author() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace(r#"authors = ["amina-haddad"]"#, r#"authors = ["nobody"]"#);
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 8, "unknown author `nobody`");
}

#[test]
fn unknown_section() {
    let newsroom = Newsroom::new();
    newsroom.put("articles/x.md", &article("H", "sports", "", "2026-11-20T09:30:00+03:00"));
    newsroom.assert_one("articles/x.md", 4, "unknown section `sports`");
}

#[test]
fn unknown_region() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00").replace("middle-east-africa", "atlantis");
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 5, "unknown region `atlantis`");
}

#[test]
fn duplicate_slug() {
    let newsroom = Newsroom::new();
    newsroom.put("articles/2025/gulf-ports.md", &article("Old", "policy", "", "2025-01-20T09:30:00+03:00"));
    newsroom.assert_one("articles/gulf-ports.md", 1, "duplicate slug `gulf-ports`");
}

#[test]
fn missing_alt_text() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace(r#"alt = "Illustration of a padlock""#, r#"alt = " ""#);
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 14, "hero has no alt text");
}

#[test]
fn missing_alt_text_on_a_body_image() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00") + "\n![](/content/images/hero.svg)\n";
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 29, "has no alt text");
}

#[test]
fn a_tag_too_long_for_a_file_name() {
    let newsroom = Newsroom::new();
    let tag = format!("\"{}\"", "Long ".repeat(50));
    newsroom.put("articles/x.md", &article("H", "policy", &tag, "2026-11-20T09:30:00+03:00"));
    newsroom.assert_one("articles/x.md", 6, "is too long: its address would be 249 bytes, and file names allow 200");
}

#[test]
fn a_page_bundle_serves_the_images_beside_it() {
    let newsroom = Newsroom::new();
    let text = article("Bundled", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace("src = \"/content/images/hero.svg\"", "src = \"hero.svg\"")
        .replace(
            "## A subheading",
            "![A chart of exposed servers](chart.svg \"Exposed servers | Source: Shodan\")\n\n## A subheading",
        );
    newsroom.put("articles/bundled-story/index.md", &text);
    newsroom.put("articles/bundled-story/hero.svg", SVG);
    newsroom.put("articles/bundled-story/chart.svg", SVG);
    let edition = compile(&newsroom.root).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let article: Article = json(&edition.files, "content/articles/bundled-story.json");
    assert_eq!(article.hero.unwrap().src, "/content/media/bundled-story/hero.svg");
    assert!(article.body.iter().any(|block| matches!(
        block,
        Block::Figure { image, .. } if image.src == "/content/media/bundled-story/chart.svg" && image.width == 1200
    )));
    assert!(edition.files.contains_key("content/media/bundled-story/chart.svg"));
    assert!(edition.files.contains_key("content/media/bundled-story/hero.svg"));

    newsroom.put("articles/bundled-story/index.md", &text.replace("(chart.svg", "(missing.svg"));
    let problems = newsroom.problems();
    assert!(problems[0].message.contains("image `missing.svg`: a path relative to the page"), "{problems:#?}");
}

#[test]
fn decomposed_and_precomposed_tags_are_one_tag() {
    let newsroom = Newsroom::new();
    newsroom.put(
        "articles/x.md",
        &article("Cafe\u{301} one", "policy", "\"Cafe\u{301} Tech\"", "2026-11-20T09:30:00+03:00"),
    );
    newsroom.put("articles/y.md", &article("Café two", "policy", "\"Café Tech\"", "2026-11-21T09:30:00+03:00"));
    let edition = compile(&newsroom.root).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let x: Article = json(&edition.files, "content/articles/x.json");
    let y: Article = json(&edition.files, "content/articles/y.json");
    assert_eq!(x.tags, y.tags);
    assert_eq!(x.tags[0].slug, "café-tech");
    assert_eq!(x.headline, "Café one");
}

#[test]
fn c_cpp_and_c_sharp_are_three_tags() {
    let newsroom = Newsroom::new();
    newsroom.put(
        "articles/x.md",
        &article(
            "H",
            "policy",
            "\"C\", \"C++\", \"C#\", \"İstanbul\", \"الأمن السيبراني\"",
            "2026-11-20T09:30:00+03:00",
        ),
    );
    let edition = compile(&newsroom.root).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let x: Article = json(&edition.files, "content/articles/x.json");
    let slugs: Vec<&str> = x.tags.iter().map(|tag| tag.slug.as_str()).collect();
    assert_eq!(slugs, ["c", "c-plus-plus", "c-sharp", "istanbul", "الأمن-السيبراني"]);
    assert_eq!(x.tags[1].name, "C++");
}

#[test]
fn two_spellings_of_one_address_are_refused_naming_both() {
    let newsroom = Newsroom::new();
    newsroom.put("articles/x.md", &article("H", "policy", "\"Zero-Day\"", "2026-11-20T09:30:00+03:00"));
    newsroom.put("articles/y.md", &article("H", "policy", "\"zero day\"", "2026-11-21T09:30:00+03:00"));
    let first = newsroom.file("articles/x.md");
    newsroom.assert_one(
        "articles/y.md",
        6,
        &format!("tag `zero day` and tag `Zero-Day` ({}:6) make the same address, /tag/zero-day", first.display()),
    );
}

#[test]
fn an_article_keeps_its_feed_identity_when_it_moves_or_is_renamed() {
    let identities = |newsroom: &Newsroom, file: &str| {
        let edition = compile(&newsroom.root).unwrap_or_else(|problems| panic!("{problems:#?}"));
        let article: Article = json(&edition.files, file);
        let feed: serde_json::Value = json(&edition.files, "feed.json");
        let rss = String::from_utf8(edition.files["rss.xml"].clone()).unwrap();
        let item = feed["items"].as_array().unwrap().iter().find(|item| item["title"] == "Moving").unwrap().clone();
        assert!(rss.contains(&format!("<guid isPermaLink=\"false\">{}</guid>", article.id)), "{rss}");
        (article.id, item["id"].as_str().unwrap().to_string(), item["url"].as_str().unwrap().to_string())
    };
    let newsroom = Newsroom::new();
    newsroom.put("articles/moving.md", &article("Moving", "policy", "", "2026-11-20T09:30:00+03:00"));
    let (before, before_feed, before_url) = identities(&newsroom, "content/articles/moving.json");
    assert_eq!(before, "tag:dispatch.example,2026-11-20:moving");
    assert_eq!(before_feed, before);

    newsroom.put("articles/moving.md", &article("Moving", "threat-intelligence", "", "2026-11-20T09:30:00+03:00"));
    let (moved, moved_feed, moved_url) = identities(&newsroom, "content/articles/moving.json");
    assert_ne!(moved_url, before_url, "the address follows the section");
    assert_eq!((moved, moved_feed), (before.clone(), before.clone()), "the identity does not");

    let _ = fs::remove_file(newsroom.file("articles/moving.md"));
    let renamed = article("Moving", "threat-intelligence", "", "2026-11-20T09:30:00+03:00")
        .replace("authors = [", "id = \"moving\"\nauthors = [");
    newsroom.put("articles/moved-and-renamed.md", &renamed);
    let (renamed, _, _) = identities(&newsroom, "content/articles/moved-and-renamed.json");
    assert_eq!(renamed, before, "a renamed article names its first slug as id");
}

#[test]
fn unparsable_date() {
    let newsroom = Newsroom::new();
    newsroom.put("articles/x.md", &article("H", "policy", "", "27/11/2026 09:30"));
    newsroom.assert_one("articles/x.md", 7, "published `27/11/2026 09:30` is not an RFC 3339 time");
}

#[test]
fn a_link_with_another_scheme() {
    let newsroom = Newsroom::new();
    let text =
        article("H", "policy", "", "2026-11-20T09:30:00+03:00").replace("https://www.cisa.gov/", "javascript:alert(1)");
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 18, "link `javascript:alert(1)`: the scheme `javascript:` is not allowed");
}

#[test]
fn an_image_with_another_scheme() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace("/content/images/hero.svg", "data:image/svg+xml,x");
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 11, "hero `data:image/svg+xml,x`: the scheme `data:` is not allowed");
}

#[test]
fn raw_html_in_markdown() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace("First paragraph with", "First <b>bold</b> paragraph with");
    newsroom.put("articles/x.md", &text);
    let problems = newsroom.problems();
    assert!(!problems.is_empty());
    for problem in &problems {
        assert_eq!((problem.file.as_path(), problem.line), (newsroom.file("articles/x.md").as_path(), 18), "{problem}");
        assert!(problem.message.starts_with("the HTML tag <b> is not allowed: write **bold**"), "{problem}");
    }
}

#[test]
fn an_html_block_in_markdown() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00") + "\n<script>alert(1)</script>\n";
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 29, "the HTML tag <script> is not allowed");
}

#[test]
fn broken_front_matter_points_at_its_line() {
    let newsroom = Newsroom::new();
    let text =
        article("H", "policy", "", "2026-11-20T09:30:00+03:00").replace("deck = \"A deck.\"", "deck = \"unclosed");
    newsroom.put("articles/x.md", &text);
    let problems = newsroom.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].line, 3, "{}", problems[0]);
}

#[test]
fn a_missing_field_and_no_front_matter() {
    let newsroom = Newsroom::new();
    newsroom.put("articles/x.md", "Just a body.\n");
    newsroom.assert_one("articles/x.md", 1, "the first line must be `+++`");
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00").replace("deck = \"A deck.\"\n", "");
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 2, "missing field `deck`");
}

#[test]
fn a_bad_insight_date_and_link() {
    let newsroom = Newsroom::new();
    newsroom.put(
        "insights.toml",
        "[[insights]]\nkind = \"report\"\ntitle = \"A report\"\nsummary = \"S.\"\ndate = \"soon\"\nlink = \"https://r.example\"\n",
    );
    newsroom.assert_one("insights.toml", 5, "date `soon` is not an RFC 3339 time");
}

#[test]
fn every_problem_is_reported_at_once() {
    let newsroom = Newsroom::new();
    newsroom.put("articles/a.md", &article("H", "sports", "", "2026-11-20T09:30:00+03:00"));
    newsroom.put("articles/b.md", &article("H", "policy", "", "never"));
    let problems = newsroom.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].file.ends_with("articles/a.md") && problems[1].file.ends_with("articles/b.md"));
}

#[test]
fn synthetic_newsrooms_compile_cleanly() {
    let root = std::env::temp_dir().join(format!("dispatch-synthetic-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    dispatch_press::synthetic::generate(&root, 30).unwrap();
    let edition = compile(&root).unwrap();
    assert_eq!(edition.articles, 30);
    let latest: IndexPage = json(&edition.files, "content/latest/1.json");
    assert_eq!((latest.older, latest.items.len()), (None, 12));
    fs::remove_dir_all(Path::new(&root)).unwrap();
}

#[test]
fn aliases_and_a_renamed_section_keep_old_addresses_working() {
    use dispatch_model::{Moved, Redirects};
    let newsroom = Newsroom::new();
    newsroom.put("site.toml", &SITE.replace("slug = \"policy\"", "slug = \"policy\"\naliases = [\"regulation\"]"));
    let moved = article("Moved", "threat-intelligence", "", "2026-11-20T09:30:00+03:00")
        .replace("authors = [", "aliases = [\"/analysis/old-moved\", \"/tag/caf%C3%A9-story\"]\nauthors = [");
    newsroom.put("articles/moved.md", &moved);
    let edition = compile(&newsroom.root).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let redirects: Redirects = json(&edition.files, "content/redirects.json");
    let pair = |from: &str, to: &str| Moved { from: from.into(), to: to.into() };
    assert_eq!(
        redirects.moved,
        vec![
            pair("/analysis/old-moved", "/threat-intelligence/moved"),
            pair("/regulation", "/policy"),
            pair("/regulation/qatar-rwanda", "/policy/qatar-rwanda"),
            pair("/tag/café-story", "/threat-intelligence/moved"),
        ]
    );
}

#[test]
fn an_alias_that_is_a_live_address_is_refused() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace("authors = [", "aliases = [\"/policy/qatar-rwanda\"]\nauthors = [");
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one(
        "articles/x.md",
        8,
        &format!(
            "alias `/policy/qatar-rwanda` is the address of the article {}",
            newsroom.file("articles/qatar-rwanda.md").display()
        ),
    );
}

#[test]
fn two_articles_claiming_one_alias_are_refused_naming_both() {
    let newsroom = Newsroom::new();
    let claiming = |headline: &str| {
        article(headline, "policy", "", "2026-11-20T09:30:00+03:00")
            .replace("authors = [", "aliases = [\"/old/story\"]\nauthors = [")
    };
    newsroom.put("articles/x.md", &claiming("X"));
    newsroom.put("articles/y.md", &claiming("Y"));
    newsroom.assert_one(
        "articles/y.md",
        8,
        &format!(
            "alias `/old/story` leads to /policy/y, but {}:8 sends it to /policy/x",
            newsroom.file("articles/x.md").display()
        ),
    );
}

#[test]
fn an_alias_with_a_query_is_refused() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace("authors = [", "aliases = [\"/story.php?id=12\"]\nauthors = [");
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one(
        "articles/x.md",
        8,
        "alias `/story.php?id=12`: hosts match a path, never its query or fragment",
    );
}

#[test]
fn a_section_alias_that_is_a_section_is_refused() {
    let newsroom = Newsroom::new();
    newsroom
        .put("site.toml", &SITE.replace("slug = \"policy\"", "slug = \"policy\"\naliases = [\"threat-intelligence\"]"));
    newsroom.assert_one("site.toml", 9, "section alias `threat-intelligence` is already a section's slug");
}

#[test]
fn a_key_under_the_hero_table_is_refused_not_dropped() {
    // TOML puts a key written after `[hero]` inside the hero.
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00").replace(
        "credit = \"Source: Dispatch illustration\"\n",
        "credit = \"Source: Dispatch illustration\"\naliases = [\"/old/h\"]\n",
    );
    newsroom.put("articles/x.md", &text);
    let problems = newsroom.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("unknown field `aliases`"), "{}", problems[0]);
}

#[test]
fn an_alias_on_a_later_page_of_a_listing_is_refused_naming_it() {
    let newsroom = Newsroom::new();
    let text = article("H", "policy", "", "2026-11-20T09:30:00+03:00")
        .replace("authors = [", "aliases = [\"/region/middle-east-africa/page/2\"]\nauthors = [");
    newsroom.put("articles/x.md", &text);
    newsroom.assert_one("articles/x.md", 8, "is the address of a later page of the region Middle East & Africa");
}
