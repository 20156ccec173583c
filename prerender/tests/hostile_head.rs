//! A headline holding `</title><script>…` stays text in the prerendered
//! page's head (issue 12, finding 1): the title, the meta tags and the
//! JSON-LD each escape it for their own context.

// As in the app: its views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

mod support;

use std::fs;

use dispatch_prerender::{article_address, render, routes, Kind, Shell};

use support::{sample_into, SHELL};

const HOSTILE: &str = "</title><script>alert(1)</script><!-- & \"'";

#[test]
fn a_hostile_headline_stays_text_in_the_head() {
    let root = std::env::temp_dir().join(format!("dispatch-prerender-hostile-{}", std::process::id()));
    let site = sample_into(&root);
    let latest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.join("content/latest/1.json")).unwrap()).unwrap();
    let slug = latest["items"][0]["slug"].as_str().unwrap().to_string();
    let file = root.join(format!("content/articles/{slug}.json"));
    let mut article: serde_json::Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    article["headline"] = HOSTILE.into();
    fs::write(&file, serde_json::to_string(&article).unwrap()).unwrap();

    let shell = Shell::parse(SHELL).unwrap();
    let routes = routes(&root, &mut |file| article_address(&root, file)).unwrap();
    let route = routes
        .iter()
        .find(|route| matches!(&route.kind, Kind::Article(file) if file.ends_with(&format!("/{slug}.json"))))
        .expect("the article's route");
    let html = render(&shell, &root, &site, route).unwrap().html;
    let _ = fs::remove_dir_all(&root);

    let head = &html[..html.find("</head>").unwrap()];
    assert!(
        head.contains(
            "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;&#39; | Dispatch</title>"
        ),
        "{head}"
    );
    // The shell's one module script, the preloaded files and the JSON-LD.
    assert_eq!(head.matches("<script").count(), 3, "{head}");
    assert!(!head.contains("<script>alert"));
    assert!(head.contains(
        "<meta property=\"og:title\" content=\"&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;&#39;\">"
    ));
    let body = &html[html.find("<body").unwrap()..];
    assert!(body.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the headline as text in the body");
    assert!(!body.contains("<script>alert"));
}
