//! Browser component tests: each mounts a component into a real DOM in
//! headless Chromium and asserts on what a reader would get.
#![cfg(target_arch = "wasm32")]

use dispatch::{
    components::{
        article_body::{ArticleBody, FIRST_SCREEN_BLOCKS},
        article_card::ArticleCard,
        article_header::ArticleHeader,
        author_card::AuthorCard as AuthorCardView,
        error_notice::ErrorNotice,
        figure::Figure,
        insights::MoreInsights,
        pagination::Pagination,
        related::StoryRail,
        share_links::ShareLinks,
        tag_list::TagList,
    },
    error::ApiError,
    newsletter::{NewsletterForm, Placement},
    text::Text,
};
use dispatch_model::{
    Alignment, ArticleSummary, AuthorCard, Block, Edition, Image, Inline, Insight, InsightKind, Phrase, SectionRef, Tag,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a fresh element of the page and returns that element.
fn mount<F, V>(view: F) -> HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(Text::of(Edition::English));
        view()
    })
    .forget();
    host
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default().trim().to_string()
}

fn section() -> SectionRef {
    SectionRef { slug: "threat-intelligence".into(), name: "Threat Intelligence".into() }
}

fn author(name: &str) -> AuthorCard {
    AuthorCard {
        slug: name.to_lowercase().replace(' ', "-"),
        name: name.into(),
        role: "Contributing Writer".into(),
        bio: "Covers APAC threat actors.".into(),
        photo: None,
    }
}

fn image(src: &str) -> Image {
    Image {
        src: src.into(),
        width: 1200,
        height: 675,
        alt: "A server room lit in blue".into(),
        caption: Some("Data centres in Singapore were probed first.".into()),
        credit: Some("Source: Wire photo via Alamy".into()),
        widths: Vec::new(),
        placeholder: None,
    }
}

fn words(text: &str) -> Vec<Inline> {
    vec![Inline::Text { text: text.into() }]
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph { inlines: words(text) }
}

#[wasm_bindgen_test]
fn article_header_shows_section_headline_deck_reading_time_dates_and_byline() {
    let host = mount(|| {
        view! {
            <ArticleHeader
                section=section()
                headline="APT Group Probes Singapore Data Centres".to_string()
                deck="Scans hit exposed management interfaces.".to_string()
                reading_minutes=6
                published="2026-11-20T08:00:00+08:00".to_string()
                updated=Some("2026-11-22T10:00:00+08:00".to_string())
                authors=vec![author("Kenji Mori"), author("Priya Nair")]
            />
        }
    });
    assert_eq!(text(&host, ".article-section"), "Threat Intelligence");
    assert_eq!(text(&host, "h1.article-headline"), "APT Group Probes Singapore Data Centres");
    assert_eq!(text(&host, ".article-deck"), "Scans hit exposed management interfaces.");
    assert_eq!(text(&host, ".byline-reading-time"), "6 Min Read");
    assert_eq!(text(&host, "time"), "Nov 20, 2026");
    assert_eq!(find(&host, "time").get_attribute("datetime").unwrap(), "2026-11-20T08:00:00+08:00");
    assert_eq!(text(&host, ".article-updated"), "Nov 22, 2026");
    assert_eq!(text(&host, ".article-byline"), "By Kenji Mori and Priya Nair");
    assert_eq!(find(&host, ".article-byline a").get_attribute("href").unwrap(), "/author/kenji-mori");
    assert_eq!(find(&host, ".article-section a").get_attribute("href").unwrap(), "/threat-intelligence");
}

#[wasm_bindgen_test]
fn an_update_on_the_same_day_is_not_repeated() {
    let host = mount(|| {
        view! {
            <ArticleHeader
                section=section()
                headline="H".to_string()
                deck="D".to_string()
                reading_minutes=1
                published="2026-11-20T08:00:00+08:00".to_string()
                updated=Some("2026-11-20T18:00:00+08:00".to_string())
                authors=vec![author("Kenji Mori")]
            />
        }
    });
    assert_eq!(count(&host, ".article-updated"), 0);
    assert_eq!(count(&host, "time"), 1);
}

#[wasm_bindgen_test]
fn hero_figure_has_alt_size_priority_caption_and_credit() {
    let host = mount(|| view! { <Figure image=image("/content/images/dc.svg") hero=true /> });
    let img = find(&host, "figure.hero img");
    assert_eq!(img.get_attribute("alt").unwrap(), "A server room lit in blue");
    assert_eq!(img.get_attribute("width").unwrap(), "1200");
    assert_eq!(img.get_attribute("height").unwrap(), "675");
    assert_eq!(img.get_attribute("fetchpriority").unwrap(), "high");
    assert_eq!(img.get_attribute("loading").unwrap(), "eager");
    assert_eq!(text(&host, "figcaption .figure-caption"), "Data centres in Singapore were probed first.");
    assert_eq!(text(&host, "figcaption .figure-credit"), "Source: Wire photo via Alamy");
}

#[wasm_bindgen_test]
fn a_figure_with_an_unsafe_source_shows_no_image() {
    let host = mount(|| view! { <Figure image=image("javascript:alert(1)") /> });
    assert_eq!(count(&host, "img"), 0);
    assert_eq!(text(&host, ".figure-missing"), "This image could not be shown.");
}

/// Waits for the parts a view defers past its first screen
/// (`components/later.rs`: a task after the next animation frame).
async fn after_first_screen() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
    // Two tasks: the deferred part's own timer may be queued after the
    // first.
    gloo_timers::future::TimeoutFuture::new(0).await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn body_renders_every_block_type_as_semantic_html() {
    let blocks = vec![
        Block::Paragraph {
            inlines: vec![
                Inline::Text { text: "Patch ".into() },
                Inline::Emphasis { children: words("now") },
                Inline::Text { text: ", ".into() },
                Inline::Strong { children: words("not later") },
                Inline::Text { text: ": run ".into() },
                Inline::Code { text: "apt upgrade".into() },
                Inline::Text { text: " and read the ".into() },
                Inline::Link { href: "https://example.org/advisory".into(), children: words("advisory") },
            ],
        },
        Block::Subheading { level: 2, text: "Who is affected".into() },
        Block::Quote { blocks: vec![paragraph("We saw it everywhere.")], attribution: Some("A CERT analyst".into()) },
        Block::List { ordered: false, start: None, items: vec![vec![paragraph("one")], vec![paragraph("two")]] },
        Block::List {
            ordered: true,
            start: None,
            items: vec![vec![paragraph("first")], vec![paragraph("second")], vec![paragraph("third")]],
        },
        Block::Figure { image: image("/content/images/chart.svg"), link: None },
        Block::Code { language: Some("bash".into()), code: "grep -r beacon /var/log".into() },
        Block::Divider,
    ];
    let host = mount(move || view! { <ArticleBody blocks=blocks /> });
    let body = find(&host, ".article-body");
    // The first screen's blocks at once, the rest a frame later in the
    // same element, a screen's height held for them until then.
    assert_eq!(body.child_element_count(), FIRST_SCREEN_BLOCKS as u32 + 1, "{}", body.inner_html());
    assert_eq!(count(&body, ".later"), 1);
    after_first_screen().await;
    assert_eq!(count(&body, ".later"), 0);
    assert_eq!(count(&body, "ol > li"), 3, "{}", body.inner_html());
    assert_eq!(text(&body, "p em"), "now");
    assert_eq!(text(&body, "p strong"), "not later");
    assert_eq!(text(&body, "p code"), "apt upgrade");
    assert_eq!(find(&body, "p a").get_attribute("href").unwrap(), "https://example.org/advisory");
    assert_eq!(text(&body, "h2"), "Who is affected");
    assert_eq!(text(&body, "blockquote p"), "We saw it everywhere.");
    assert_eq!(text(&body, "figure.article-quote figcaption"), "A CERT analyst");
    assert_eq!(count(&body, "ul > li"), 2);
    assert_eq!(count(&body, "ol > li"), 3);
    assert_eq!(find(&body, "figure.article-image img").get_attribute("loading").unwrap(), "lazy");
    assert_eq!(text(&body, "pre code"), "grep -r beacon /var/log");
    assert_eq!(find(&body, "pre").get_attribute("data-language").unwrap(), "bash");
    assert_eq!(count(&body, "hr"), 1);
}

#[wasm_bindgen_test]
async fn body_renders_tables_notes_nesting_and_inline_extensions() {
    let blocks = vec![
        Block::Paragraph {
            inlines: vec![
                Inline::Strikethrough { children: words("old") },
                Inline::Superscript { children: words("10") },
                Inline::Subscript { children: words("2") },
                Inline::Break,
                Inline::Text { text: "Patched".into() },
                Inline::NoteRef { number: 1 },
            ],
        },
        Block::Subheading { level: 3, text: "Versions".into() },
        Block::Table {
            alignments: vec![Alignment::Start, Alignment::End],
            head: vec![words("Product"), words("CVSS")],
            rows: vec![vec![words("Gateway"), words("9.8")]],
            caption: Some("Affected versions".into()),
        },
        Block::List {
            ordered: true,
            start: Some(3),
            items: vec![vec![
                paragraph("outer"),
                Block::List { ordered: false, start: None, items: vec![vec![paragraph("inner")]] },
                Block::Code { language: None, code: "ls".into() },
            ]],
        },
        Block::Quote {
            blocks: vec![paragraph("outer"), Block::Quote { blocks: vec![paragraph("inner")], attribution: None }],
            attribution: None,
        },
        Block::Figure { image: image("/content/images/chart.svg"), link: Some("https://example.org/full".into()) },
        Block::Details {
            summary: words("Indicators"),
            blocks: vec![Block::Paragraph {
                inlines: vec![
                    Inline::Text { text: "Press ".into() },
                    Inline::Phrase { kind: Phrase::Kbd, title: None, children: words("Ctrl") },
                    Inline::Text { text: " and read the ".into() },
                    Inline::Phrase {
                        kind: Phrase::Abbr,
                        title: Some("Common Vulnerability Scoring System".into()),
                        children: words("CVSS"),
                    },
                ],
            }],
        },
        Block::Notes { notes: vec![vec![paragraph("The vendor's advisory.")]] },
    ];
    let host = mount(move || view! { <ArticleBody blocks=blocks /> });
    after_first_screen().await;
    let body = find(&host, ".article-body");
    assert_eq!(text(&body, "p del"), "old");
    assert_eq!(text(&body, "p sup:not(.note-ref)"), "10");
    assert_eq!(text(&body, "p sub"), "2");
    assert_eq!(count(&body, "p br"), 1);
    assert_eq!(text(&body, "h3"), "Versions");
    let table_box = find(&body, ".table-box");
    assert_eq!(table_box.get_attribute("tabindex").unwrap(), "0");
    assert_eq!(table_box.get_attribute("aria-label").unwrap(), "Affected versions");
    assert_eq!(text(&body, "table caption"), "Affected versions");
    assert_eq!(find(&body, "thead th").get_attribute("scope").unwrap(), "col");
    assert_eq!(find(&body, "tbody td:last-child").get_attribute("class").unwrap(), "align-end");
    assert_eq!(find(&body, "ol").get_attribute("start").unwrap(), "3");
    assert_eq!(text(&body, "ol > li > ul > li > p"), "inner");
    assert_eq!(count(&body, "ol > li > pre"), 1);
    assert_eq!(text(&body, "blockquote > p"), "outer");
    assert_eq!(text(&body, "blockquote blockquote p"), "inner");
    assert_eq!(find(&body, "figure a.figure-link").get_attribute("href").unwrap(), "https://example.org/full");
    let reference = find(&body, "sup.note-ref a");
    assert_eq!(reference.get_attribute("href").unwrap(), "#note-1");
    assert_eq!(reference.get_attribute("id").unwrap(), "note-ref-1");
    assert_eq!(text(&body, "#note-1 p"), "The vendor's advisory.");
    assert_eq!(find(&body, "#note-1 a.note-back").get_attribute("href").unwrap(), "#note-ref-1");
    assert_eq!(text(&body, "#article-notes-heading"), "Notes");
    assert_eq!(text(&body, "details.article-details > summary"), "Indicators");
    assert_eq!(text(&body, "details p kbd"), "Ctrl");
    assert_eq!(find(&body, "details p abbr").get_attribute("title").unwrap(), "Common Vulnerability Scoring System");
}

#[wasm_bindgen_test]
fn content_is_text_never_markup_and_unsafe_links_are_dropped() {
    let blocks = vec![Block::Paragraph {
        inlines: vec![
            Inline::Text { text: "<img src=x onerror=alert(1)><script>alert(2)</script>".into() },
            Inline::Link { href: "javascript:alert(3)".into(), children: words("click me") },
        ],
    }];
    let host = mount(move || view! { <ArticleBody blocks=blocks /> });
    assert_eq!(count(&host, "script"), 0);
    assert_eq!(count(&host, "img"), 0);
    assert_eq!(count(&host, "a"), 0);
    let paragraph = text(&host, "p");
    assert!(paragraph.starts_with("<img src=x onerror=alert(1)>"), "{paragraph}");
    assert!(paragraph.ends_with("click me"), "{paragraph}");
}

#[wasm_bindgen_test]
fn error_notice_explains_and_retry_calls_back() {
    let retried = RwSignal::new(0);
    let host = mount(move || {
        view! { <ErrorNotice error=ApiError::Server(503) on_retry=move || retried.update(|n| *n += 1) /> }
    });
    assert_eq!(find(&host, ".notice").get_attribute("role").unwrap(), "alert");
    assert!(text(&host, ".notice-message").contains("error 503"));
    let button: HtmlElement = find(&host, "button").unchecked_into();
    assert_eq!(button.text_content().unwrap().trim(), "Try again");
    button.click();
    button.click();
    assert_eq!(retried.get_untracked(), 2);
    assert_eq!(find(&host, ".notice-actions a").get_attribute("href").unwrap(), "/");
}

#[wasm_bindgen_test]
fn a_missing_page_offers_no_pointless_retry() {
    let host = mount(|| view! { <ErrorNotice error=ApiError::NotFound on_retry=|| {} /> });
    assert_eq!(count(&host, "button"), 0);
    assert!(text(&host, ".notice-message").starts_with("We could not find that page"));
}

fn summary(slug: &str, headline: &str) -> ArticleSummary {
    ArticleSummary {
        slug: slug.into(),
        headline: headline.into(),
        deck: "Deck.".into(),
        section: section(),
        published: "2026-11-20T08:00:00+08:00".into(),
        reading_minutes: 3,
        thumbnail: None,
        authors: vec!["Kenji Mori".into()],
    }
}

#[wasm_bindgen_test]
fn author_card_shows_photo_name_role_bio_and_links_to_the_author() {
    let mut card = author("Priya Nair");
    card.photo = Some(Image {
        width: 160,
        height: 160,
        alt: "Portrait of Priya Nair".into(),
        caption: None,
        credit: None,
        ..image("/content/images/priya.svg")
    });
    let host = mount(move || view! { <AuthorCardView author=card /> });
    assert_eq!(find(&host, "img.portrait").get_attribute("alt").unwrap(), "Portrait of Priya Nair");
    assert_eq!(find(&host, ".author-name a").get_attribute("href").unwrap(), "/author/priya-nair");
    assert_eq!(text(&host, ".author-name"), "Priya Nair");
    assert_eq!(text(&host, ".author-role"), "Contributing Writer");
    assert_eq!(text(&host, ".author-bio"), "Covers APAC threat actors.");
}

#[wasm_bindgen_test]
fn related_rail_lists_cards_and_disappears_when_empty() {
    let stories = vec![summary("a-story", "A story"), summary("b-story", "B story")];
    let host = mount(move || view! { <StoryRail heading="You May Also Like" stories=stories /> });
    assert_eq!(text(&host, "h2.rail-heading"), "You May Also Like");
    assert_eq!(count(&host, "li .article-card"), 2);
    assert_eq!(find(&host, "li a").get_attribute("href").unwrap(), "/threat-intelligence/a-story");
    let empty = mount(|| view! { <StoryRail heading="You May Also Like" stories=vec![] /> });
    assert_eq!(count(&empty, "section"), 0);
}

#[wasm_bindgen_test]
fn insights_show_kind_title_link_and_date() {
    let insights = vec![Insight {
        kind: InsightKind::WhitePaper,
        title: "Securing OT in the Gulf".into(),
        summary: "A field guide.".into(),
        date: "2026-12-04T15:00:00+00:00".into(),
        link: "https://events.dispatch.example/ot".into(),
    }];
    let host = mount(move || view! { <MoreInsights insights=insights /> });
    assert_eq!(text(&host, "h2"), "More Insights");
    assert_eq!(text(&host, ".insight-kind"), "White Paper");
    assert_eq!(find(&host, ".insight-title a").get_attribute("href").unwrap(), "https://events.dispatch.example/ot");
    assert_eq!(text(&host, ".insight-card time"), "Dec 4, 2026");
}

#[wasm_bindgen_test]
fn tags_link_to_their_pages() {
    let tags = vec![
        Tag { slug: "ransomware".into(), name: "Ransomware".into() },
        Tag { slug: "ai-security".into(), name: "AI Security".into() },
    ];
    let host = mount(move || view! { <TagList tags=tags /> });
    assert_eq!(find(&host, "nav").get_attribute("aria-label").unwrap(), "Topics in this article");
    assert_eq!(find(&host, "li:last-child a").get_attribute("href").unwrap(), "/tag/ai-security");
}

#[wasm_bindgen_test]
fn share_links_need_no_script_of_a_third_party() {
    let host = mount(
        || view! { <ShareLinks headline="Deal signed".to_string() url="https://dispatch.example/policy/deal".to_string() /> },
    );
    let hrefs: Vec<String> = (0..3)
        .map(|i| {
            host.query_selector_all("a")
                .unwrap()
                .item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    assert!(hrefs[0].starts_with("mailto:?subject=Deal%20signed&body=https%3A%2F%2Fdispatch.example"));
    assert!(hrefs[1].starts_with("https://www.linkedin.com/sharing/share-offsite/?url="));
    assert!(hrefs[2].starts_with("https://x.com/intent/post?text=Deal%20signed"));
    assert_eq!(text(&host, "button"), "Copy link");
    assert_eq!(find(&host, ".share-status").get_attribute("role").unwrap(), "status");
}

#[wasm_bindgen_test]
fn pagination_links_newer_and_older_pages() {
    // Page 3 of a listing whose pages count from the oldest (2).
    let host = mount(|| view! { <Pagination base="/tag/ransomware".to_string() newer=Some(1) older=Some(2) /> });
    assert_eq!(find(&host, "a[rel=prev]").get_attribute("href").unwrap(), "/tag/ransomware");
    assert_eq!(find(&host, "a[rel=next]").get_attribute("href").unwrap(), "/tag/ransomware/page/2");
    assert_eq!(text(&host, "a[rel=next]"), "Older");
    let oldest = mount(|| view! { <Pagination base="/x".to_string() newer=Some(3) older=None /> });
    assert_eq!((count(&oldest, "a[rel=prev]"), count(&oldest, "a[rel=next]")), (1, 0));
    let single = mount(|| view! { <Pagination base="/x".to_string() newer=None older=None /> });
    assert_eq!(count(&single, "nav"), 0);
}

#[wasm_bindgen_test]
fn article_card_links_to_the_section_path() {
    let summary = ArticleSummary {
        slug: "apt-probes-singapore".into(),
        headline: "APT Group Probes Singapore Data Centres".into(),
        deck: "Scans hit exposed management interfaces.".into(),
        section: section(),
        published: "2026-11-20T08:00:00+08:00".into(),
        reading_minutes: 6,
        thumbnail: None,
        authors: vec!["Kenji Mori".into()],
    };
    let host = mount(move || view! { <ArticleCard summary=summary /> });
    let link = find(&host, "h2 a");
    assert_eq!(link.get_attribute("href").unwrap(), "/threat-intelligence/apt-probes-singapore");
    assert_eq!(link.text_content().unwrap(), "APT Group Probes Singapore Data Centres");
    assert_eq!(text(&host, ".card-meta"), "Nov 20, 2026 · 6 Min Read");
}

/// Lets the reactive system apply pending updates to the DOM.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn newsletter_form_names_each_problem_next_to_its_field() {
    dispatch::storage::remove(dispatch::storage::PENDING_SIGNUP);
    dispatch::storage::remove(&dispatch::storage::subscribed(Edition::English));
    let host = mount(|| view! { <NewsletterForm placement=Placement::Page /> });
    settle().await;
    let email = find(&host, "#signup-page-email");
    assert_eq!(find(&host, "label[for=signup-page-email]").text_content().unwrap(), "Email address");
    assert_eq!(email.get_attribute("type").unwrap(), "email");
    assert_eq!(email.get_attribute("autocomplete").unwrap(), "email");
    let consent = find(&host, "label[for=signup-page-consent]");
    assert!(consent.text_content().unwrap().starts_with("I agree to receive the digests I choose"));
    assert_eq!(consent.query_selector("a").unwrap().unwrap().get_attribute("href").unwrap(), "/newsletter#privacy");
    assert_eq!(email.get_attribute("aria-invalid").unwrap(), "false", "no error before the reader tries");

    let submit: HtmlElement = find(&host, "button[type=submit]").unchecked_into();
    submit.click();
    settle().await;
    assert_eq!(email.get_attribute("aria-invalid").unwrap(), "true");
    assert_eq!(email.get_attribute("aria-describedby").unwrap(), "signup-page-email-error");
    assert_eq!(text(&host, "#signup-page-email-error"), "Enter your email address.");
    assert_eq!(text(&host, "#signup-page-digests-error"), "Choose the daily digest, the weekly digest, or both.");
    assert_eq!(text(&host, "#signup-page-consent-error"), "Tick this box to agree, so that we may email you.");
    assert_eq!(text(&host, "[role=status]"), "Please correct the fields marked above.");
    assert_eq!(document().active_element().unwrap().id(), "signup-page-email");

    // Choosing a digest names it in the consent line.
    let weekly: HtmlElement = find(&host, "input[name=weekly]").unchecked_into();
    weekly.click();
    settle().await;
    assert_eq!(text(&host, "#signup-page-digests-error"), "");
    assert!(text(&host, "label[for=signup-page-consent]").contains("the weekly digest from Dispatch"));
}

#[wasm_bindgen_test]
async fn newsletter_honeypot_is_hidden_from_people_and_drops_the_signup() {
    dispatch::storage::remove(dispatch::storage::PENDING_SIGNUP);
    let host = mount(|| view! { <NewsletterForm placement=Placement::Footer /> });
    settle().await;
    let trap = find(&host, ".newsletter-trap");
    assert_eq!(trap.get_attribute("aria-hidden").unwrap(), "true");
    let input: web_sys::HtmlInputElement = find(&host, "#signup-footer-website").unchecked_into();
    assert_eq!(input.get_attribute("tabindex").unwrap(), "-1");
    input.set_value("https://spam.example");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    let submit: HtmlElement = find(&host, "button[type=submit]").unchecked_into();
    submit.click();
    settle().await;
    assert!(text(&host, "[role=status]").starts_with("Almost done"));
    assert_eq!(count(&host, "form"), 0, "the form gives way to the message");
    assert_eq!(dispatch::storage::read(dispatch::storage::PENDING_SIGNUP), None, "nothing was queued to send");
}
