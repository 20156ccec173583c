//! The same components rendered natively (the `ssr` feature), as the
//! prerenderer renders pages: nothing in a render path may need a browser, and
//! the HTML must hold the whole article with content escaped as text.

// As in lib.rs: the views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

use std::sync::Arc;

use dispatch::{routes::article::ArticleView, text::Text};
use dispatch_model::{Article, AuthorCard, Block, Edition, Image, Inline, SectionRef, Tag, SCHEMA_VERSION};
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    location::RequestUrl,
    path,
};

fn words(text: &str) -> Vec<Inline> {
    vec![Inline::Text { text: text.into() }]
}

fn article() -> Article {
    Article {
        schema_version: SCHEMA_VERSION,
        id: "tag:dispatch.example,2026-11-27:qatar-rwanda-partnership".into(),
        slug: "qatar-rwanda-partnership".into(),
        headline: "Qatar and Rwanda Sign a <Cybersecurity> Partnership".into(),
        deck: "Six areas of cooperation & one AI clause.".into(),
        section: SectionRef { slug: "policy".into(), name: "Policy & Regulation".into() },
        regions: vec![],
        tags: vec![Tag { slug: "ai".into(), name: "AI".into() }],
        published: "2026-11-27T09:30:00+04:00".into(),
        updated: None,
        reading_minutes: 3,
        hero: Some(Image {
            src: "/content/images/heroes/x.svg".into(),
            width: 1200,
            height: 675,
            alt: "A document with a seal beside a globe".into(),
            caption: None,
            credit: Some("Source: Dispatch illustration".into()),
            widths: Vec::new(),
            placeholder: None,
        }),
        share: None,
        authors: vec![AuthorCard {
            slug: "amina-haddad".into(),
            name: "Amina Haddad".into(),
            role: "Middle East Correspondent".into(),
            bio: "Covers Gulf cyber policy.".into(),
            photo: None,
        }],
        body: vec![
            Block::Paragraph {
                inlines: vec![
                    Inline::Text { text: "The deal <script>alert(1)</script> lists ".into() },
                    Inline::Link { href: "javascript:alert(2)".into(), children: words("six areas") },
                ],
            },
            Block::Subheading { level: 2, text: "What is on the table".into() },
            Block::Quote {
                blocks: vec![Block::Paragraph { inlines: words("Patch now.") }],
                attribution: Some("CERT".into()),
            },
        ],
        related: vec![],
        counterpart: None,
    }
}

/// Renders `view` at `url` the way the prerenderer will: in a root owner
/// with the shared context of native rendering, under the app's router.
fn render_at(url: &str, article: Article) -> String {
    render_in(Text::of(Edition::English), url, article)
}

/// [`render_at`] in the words `text` of an edition.
fn render_in(text: Text, url: &str, article: Article) -> String {
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    owner.with(|| {
        provide_context(text);
        provide_context(RequestUrl::new(url));
        leptos_meta::provide_meta_context();
        let page = move || view! { <ArticleView article=article.clone() insights=None /> };
        view! {
            <Router>
                <Routes fallback=|| "not found">
                    <Route path=path!("/:section/:slug") view=page />
                </Routes>
            </Router>
        }
        .to_html()
    })
}

#[test]
fn an_address_with_a_trailing_slash_is_the_same_page() {
    // Leptos' router matches `/x/` as `/x`: the app never shows "Page not
    // found" for it (issue 14), and the browser's address loses the slash
    // in `boot::prepare`.
    let html = render_at("/policy/qatar-rwanda-partnership/", article());
    assert!(html.contains("Qatar and Rwanda Sign"), "{html}");
    assert!(!html.contains("not found"), "{html}");
}

#[test]
fn an_article_renders_natively_with_every_part() {
    let html = render_at("/policy/qatar-rwanda-partnership", article());
    for part in [
        "Qatar and Rwanda Sign a &lt;Cybersecurity&gt; Partnership",
        "Six areas of cooperation &amp; one AI clause.",
        "3 Min Read",
        "Nov 27, 2026",
        r#"href="/author/amina-haddad""#,
        r#"width="1200""#,
        r#"alt="A document with a seal beside a globe""#,
        "Source: Dispatch illustration",
        "What is on the table",
        "Patch now.",
        r#"href="/tag/ai""#,
        "About the Author",
        "Middle East Correspondent",
        "Get the Dispatch digest",
        r#"id="signup-article-email""#,
    ] {
        assert!(html.contains(part), "missing {part:?} in\n{html}");
    }
}

/// The same article in the Arabic edition's words and digits: its reading
/// time, dateline and every label are Arabic, and the writer's words and
/// addresses stay as they are.
#[test]
fn an_article_renders_in_the_arabic_editions_words() {
    let html = render_in(Text::of(Edition::Arabic), "/policy/qatar-rwanda-partnership", article());
    for part in ["٣ دقائق للقراءة", "٢٧ نوفمبر ٢٠٢٦", "عن الكاتب", "بقلم", "اشترك في موجز ديسباتش", "Patch now."]
    {
        assert!(html.contains(part), "missing {part:?} in\n{html}");
    }
    for english in ["Min Read", "About the Author", "Nov 27", "Get the Dispatch digest", "Share this article"] {
        assert!(!html.contains(english), "English {english:?} on an Arabic page:\n{html}");
    }
}

#[test]
fn content_stays_text_natively_too() {
    let html = render_at("/policy/qatar-rwanda-partnership", article());
    assert!(html.contains("The deal &lt;script&gt;alert(1)&lt;/script&gt; lists"), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("javascript:"), "an unsafe link is dropped: {html}");
}
