//! The tags a prerendered page adds to its head for those who read the
//! HTML without running it: search engines and link unfurlers (Slack,
//! LinkedIn, X, WhatsApp). The canonical link, OpenGraph, X card tags and,
//! for an article, JSON-LD `NewsArticle`.
//!
//! The title and meta description are not here: the page's own components
//! set them through leptos_meta, in the browser as in the prerenderer.
//! These tags describe the page as it was fetched; after an in-app
//! navigation the document's title and description follow the new page
//! while these stay, which is how a crawler and an unfurler meet a page
//! anyway (each fetches one URL).

use dispatch::text::Text;
use dispatch_model::{escape, routes, Article, Edition, Image, Site, SHARE_HEIGHT, SHARE_WIDTH};
use serde_json::json;

/// The site's logo: the publisher's logo in JSON-LD, and the shared image
/// of pages that have none of their own.
pub const LOGO: &str = "/content/images/site-logo.svg";
const LOGO_SIZE: u32 = 512;

/// The head of "Page not found": nothing to index, share or call canonical.
pub const NOT_INDEXED: &str = "<meta name=\"robots\" content=\"noindex\">";

/// What a page is, as far as its head is concerned.
pub enum Subject<'a> {
    /// The front page, listings, author pages, the newsletter page.
    Page {
        title: String,
        description: String,
    },
    Article(&'a Article),
}

impl Subject<'_> {
    /// The title an unfurler shows (the document's title carries the site
    /// name besides).
    pub fn title(&self) -> &str {
        match self {
            Subject::Page { title, .. } => title,
            Subject::Article(article) => &article.headline,
        }
    }

    /// The same description as the page's `<meta name="description">`.
    pub fn description(&self) -> &str {
        match self {
            Subject::Page { description, .. } => description,
            Subject::Article(article) => &article.deck,
        }
    }
}

/// `path` on the site's public origin: `dispatch_model::routes::absolute`.
pub fn absolute(site: &Site, path: &str) -> String {
    dispatch_model::routes::absolute(&site.url, path)
}

/// Which page of a listing (an author, section, region or tag) a page is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paging {
    /// The listing's own address, its first page's.
    pub base: String,
    /// 1 for the newest stories, from 2 (the oldest) up for the others
    /// (see `IndexPage`).
    pub page: u32,
    /// The pages of the next newer and the next older stories.
    pub newer: Option<u32>,
    pub older: Option<u32>,
}

impl Paging {
    /// This page's address: [`routes::page`].
    pub fn path(&self) -> String {
        routes::page(&self.base, self.page)
    }

    /// The page's title: the heading, with the page number after the first.
    pub fn title(&self, text: Text, heading: &str) -> String {
        text.page_title(heading, self.page)
    }
}

/// The head tags for the page at `path`, as HTML; a page of a listing
/// (`paging`) links its neighbours with `rel=prev` and `rel=next`. A page
/// with versions in other editions (`alternates`, each edition with its
/// path) names every version, itself included, with `hreflang`, and the
/// English one as `x-default` (Google's "Tell Google about localized
/// versions of your page"), and their Open Graph locales.
pub fn tags(
    site: &Site,
    path: &str,
    subject: &Subject,
    paging: Option<&Paging>,
    alternates: &[(Edition, String)],
) -> String {
    let url = absolute(site, path);
    let edition = site.edition();
    let mut out = String::new();
    // `attributes` are this function's literals; the address is escaped.
    let mut link = |attributes: &str, href: &str| {
        out.push_str(&format!("<link {attributes} href=\"{}\">", escape::html(href)));
    };
    link("rel=\"canonical\"", &url);
    if !alternates.is_empty() {
        let mut versions: Vec<(Edition, &str)> = vec![(edition, path)];
        versions.extend(alternates.iter().map(|(edition, path)| (*edition, path.as_str())));
        for (language, path) in Edition::hreflang(&versions) {
            link(&format!("rel=\"alternate\" hreflang=\"{language}\""), &absolute(site, path));
        }
    }
    if let Some(Paging { base, newer, older, .. }) = paging {
        if let Some(newer) = newer {
            link("rel=\"prev\"", &absolute(site, &routes::page(base, *newer)));
        }
        if let Some(older) = older {
            link("rel=\"next\"", &absolute(site, &routes::page(base, *older)));
        }
    }
    let mut meta = |key: &str, name: &str, value: &str| {
        out.push_str(&format!("<meta {key}=\"{name}\" content=\"{}\">", escape::html(value)));
    };
    let article = match subject {
        Subject::Article(article) => Some(*article),
        Subject::Page { .. } => None,
    };
    meta("property", "og:type", if article.is_some() { "article" } else { "website" });
    meta("property", "og:site_name", &site.name);
    meta("property", "og:locale", edition.locale());
    for (other, _) in alternates {
        meta("property", "og:locale:alternate", other.locale());
    }
    meta("property", "og:title", subject.title());
    meta("property", "og:description", subject.description());
    meta("property", "og:url", &url);
    // Unfurlers (Facebook, LinkedIn, X, WhatsApp, Slack) show raster
    // images only: the hero's share card, else the site's; a hero drawing
    // or the logo only on a site without a card.
    let hero = article.and_then(|article| article.hero.as_ref());
    let share = article.and_then(|article| article.share.as_ref());
    let card = (share.map(|share| (share, hero.map_or(site.name.as_str(), |hero| hero.alt.as_str()))))
        .or_else(|| site.card.as_ref().map(|card| (card, site.name.as_str())));
    let (image, width, height, alt) = match (card, hero) {
        (Some((card, alt)), _) => (absolute(site, card), SHARE_WIDTH, SHARE_HEIGHT, alt),
        (None, Some(Image { src, width, height, alt, .. })) => (absolute(site, src), *width, *height, alt.as_str()),
        (None, None) => (absolute(site, LOGO), LOGO_SIZE, LOGO_SIZE, site.name.as_str()),
    };
    let large = card.is_some() || hero.is_some();
    meta("property", "og:image", &image);
    meta("property", "og:image:width", &width.to_string());
    meta("property", "og:image:height", &height.to_string());
    meta("property", "og:image:alt", alt);
    if let Some(article) = article {
        meta("property", "article:published_time", &article.published);
        meta("property", "article:modified_time", article.updated.as_ref().unwrap_or(&article.published));
        for author in &article.authors {
            meta("property", "article:author", &absolute(site, &edition.path(&routes::author(&author.slug))));
        }
        meta("property", "article:section", &article.section.name);
        for tag in &article.tags {
            meta("property", "article:tag", &tag.name);
        }
    }
    // A large card for an article with a hero; the logo is a small square.
    meta("name", "twitter:card", if large { "summary_large_image" } else { "summary" });
    meta("name", "twitter:title", subject.title());
    meta("name", "twitter:description", subject.description());
    meta("name", "twitter:image", &image);
    meta("name", "twitter:image:alt", alt);
    if let Some(article) = article {
        out.push_str(&search_tags(path, article));
        out.push_str("<script type=\"application/ld+json\">");
        out.push_str(&json_ld(site, &url, article));
        out.push_str("</script>");
    }
    out
}

/// What the site search (Pagefind, run over the built pages) keeps of an
/// article besides its text, which the page marks with
/// `data-pagefind-body`: a result's headline, deck, section name, address
/// (`path`), RFC 3339 date and reading minutes (`data-pagefind-meta`, read
/// by `dispatch::search::FragmentMeta`); its section and region slugs to
/// filter by (`data-pagefind-filter`, one tag a value); and its published
/// time in Unix seconds, UTC, to sort by (`data-pagefind-sort`: Pagefind
/// compares numbers as numbers, while dates with different UTC offsets do
/// not sort as text). Pagefind reads these from the head as from anywhere
/// (its documentation: "Sorting results", "Filtering", "Setting metadata");
/// each is a `<meta name="search-{meta|filter|sort}-{field}">`.
pub fn search_tags(path: &str, article: &Article) -> String {
    let mut out = String::new();
    // HTML wants a `name` on a `<meta>` that has `content`; this one says
    // what the tag is for.
    let mut tag = |kind: &str, name: &str, value: &str| {
        out.push_str(&format!(
            "<meta name=\"search-{kind}-{name}\" data-pagefind-{kind}=\"{name}[content]\" content=\"{}\">",
            escape::html(value)
        ));
    };
    tag("meta", "headline", &article.headline);
    tag("meta", "deck", &article.deck);
    tag("meta", "section", &article.section.name);
    tag("meta", "href", path);
    tag("meta", "published", &article.published);
    tag("meta", "minutes", &article.reading_minutes.to_string());
    tag("filter", "section", &article.section.slug);
    for region in &article.regions {
        tag("filter", "region", &region.slug);
    }
    if let Ok(published) =
        time::OffsetDateTime::parse(&article.published, &time::format_description::well_known::Rfc3339)
    {
        tag("sort", "published", &published.unix_timestamp().to_string());
    }
    out
}

/// schema.org `NewsArticle`, escaped by [`escape::script_json`] so that
/// no text can close the script element.
pub fn json_ld(site: &Site, url: &str, article: &Article) -> String {
    let authors: Vec<_> = article
        .authors
        .iter()
        .map(|author| {
            json!({
                "@type": "Person",
                "name": author.name,
                "url": absolute(site, &site.edition().path(&routes::author(&author.slug))),
            })
        })
        .collect();
    let images: Vec<_> = article
        .hero
        .iter()
        .map(|image| {
            json!({
                "@type": "ImageObject",
                "url": absolute(site, &image.src),
                "width": image.width,
                "height": image.height,
                "caption": image.alt,
            })
        })
        .collect();
    let keywords: Vec<&str> = article.tags.iter().map(|tag| tag.name.as_str()).collect();
    let data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": article.id,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "headline": article.headline,
        "description": article.deck,
        "image": images,
        "datePublished": article.published,
        "dateModified": article.updated.as_ref().unwrap_or(&article.published),
        "author": authors,
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "url": absolute(site, "/"),
            "logo": { "@type": "ImageObject", "url": absolute(site, LOGO), "width": LOGO_SIZE, "height": LOGO_SIZE },
        },
        "articleSection": article.section.name,
        "keywords": keywords,
        "inLanguage": site.language,
    });
    escape::script_json(&data.to_string())
}

/// The head's title and description for the pages that are not articles,
/// in the words their components use.
pub fn front_page(text: Text) -> Subject<'static> {
    Subject::Page { title: text.site_name.to_string(), description: text.site_description.to_string() }
}

pub fn newsletter_page(text: Text) -> Subject<'static> {
    Subject::Page {
        title: text.newsletter_page_title.to_string(),
        description: text.newsletter_page_description.to_string(),
    }
}

pub fn search_page(text: Text) -> Subject<'static> {
    Subject::Page { title: text.search_page_title.to_string(), description: text.search_page_description.to_string() }
}

pub fn listing_page(text: Text, heading: &str, paging: &Paging) -> Subject<'static> {
    Subject::Page { description: text.listing_description(heading), title: paging.title(text, heading) }
}

pub fn author_page(name: String, bio: String) -> Subject<'static> {
    Subject::Page { title: name, description: bio }
}

#[cfg(test)]
mod tests {
    use dispatch_model::{AuthorCard, SectionRef, SCHEMA_VERSION};

    use super::*;

    fn site() -> Site {
        serde_json::from_str(
            r#"{"schema_version":1,"name":"Dispatch","tagline":"t","url":"https://dispatch.example","language":"en","sections":[],"regions":[],"navigation":[]}"#,
        )
        .unwrap()
    }

    fn article() -> Article {
        Article {
            schema_version: SCHEMA_VERSION,
            id: "tag:dispatch.example,2026-11-27:x".into(),
            slug: "x".into(),
            headline: "Patch \"now\" </script><b>".into(),
            deck: "A & B".into(),
            section: SectionRef { slug: "policy".into(), name: "Policy".into() },
            regions: vec![],
            tags: vec![],
            published: "2026-11-27T09:30:00+04:00".into(),
            updated: None,
            reading_minutes: 3,
            hero: None,
            share: None,
            authors: vec![AuthorCard {
                slug: "amina".into(),
                name: "Amina".into(),
                role: "r".into(),
                bio: "b".into(),
                photo: None,
            }],
            body: vec![],
            related: vec![],
            counterpart: None,
        }
    }

    #[test]
    fn text_stays_text_in_attributes_and_json_ld() {
        let article = article();
        let html = tags(&site(), "/policy/x", &Subject::Article(&article), None, &[]);
        assert!(
            html.contains(r#"<meta property="og:title" content="Patch &quot;now&quot; &lt;/script&gt;&lt;b&gt;">"#),
            "{html}"
        );
        assert!(html.contains(r#"<meta property="og:description" content="A &amp; B">"#));
        let script = html.split("<script type=\"application/ld+json\">").nth(1).unwrap();
        let script = &script[..script.find("</script>").unwrap()];
        assert!(!script.contains('<'), "{script}");
        let data: serde_json::Value = serde_json::from_str(script).unwrap();
        assert_eq!(data["headline"], article.headline);
        assert_eq!(data["dateModified"], article.published, "modified defaults to published");
        assert_eq!(data["author"][0]["url"], "https://dispatch.example/author/amina");
    }

    #[test]
    fn an_article_tells_the_search_index_its_card_filters_and_utc_sort_key() {
        let mut article = article();
        article.regions = vec![
            dispatch_model::RegionRef { slug: "middle-east-africa".into(), name: "Middle East & Africa".into() },
            dispatch_model::RegionRef { slug: "asia-pacific".into(), name: "Asia Pacific".into() },
        ];
        let html = tags(&site(), "/policy/x", &Subject::Article(&article), None, &[]);
        for tag in [
            r#"<meta name="search-meta-headline" data-pagefind-meta="headline[content]" content="Patch &quot;now&quot; &lt;/script&gt;&lt;b&gt;">"#,
            r#"<meta name="search-meta-deck" data-pagefind-meta="deck[content]" content="A &amp; B">"#,
            r#"<meta name="search-meta-section" data-pagefind-meta="section[content]" content="Policy">"#,
            r#"<meta name="search-meta-href" data-pagefind-meta="href[content]" content="/policy/x">"#,
            r#"<meta name="search-meta-published" data-pagefind-meta="published[content]" content="2026-11-27T09:30:00+04:00">"#,
            r#"<meta name="search-meta-minutes" data-pagefind-meta="minutes[content]" content="3">"#,
            r#"<meta name="search-filter-section" data-pagefind-filter="section[content]" content="policy">"#,
            r#"<meta name="search-filter-region" data-pagefind-filter="region[content]" content="middle-east-africa">"#,
            r#"<meta name="search-filter-region" data-pagefind-filter="region[content]" content="asia-pacific">"#,
            // 2026-11-27T05:30:00Z.
            r#"<meta name="search-sort-published" data-pagefind-sort="published[content]" content="1795757400">"#,
        ] {
            assert!(html.contains(tag), "{tag} in {html}");
        }
        let page = tags(&site(), "/", &front_page(Text::of(Edition::English)), None, &[]);
        assert!(!page.contains("data-pagefind"), "only articles are searched: {page}");
    }

    #[test]
    fn pages_without_a_hero_share_the_logo_as_a_small_card() {
        let html = tags(&site(), "/", &front_page(Text::of(Edition::English)), None, &[]);
        assert!(html.contains(r#"<meta property="og:type" content="website">"#));
        assert!(html
            .contains(r#"<meta property="og:image" content="https://dispatch.example/content/images/site-logo.svg">"#));
        assert!(html.contains(r#"<meta name="twitter:card" content="summary">"#));
        assert!(html.contains(r#"<link rel="canonical" href="https://dispatch.example/">"#));
        assert!(!html.contains("ld+json"));
        assert_eq!(absolute(&site(), "https://cdn.example/a.png"), "https://cdn.example/a.png");
    }

    /// An Arabic article with an English counterpart names both versions
    /// and the English one as the default, and both locales.
    #[test]
    fn a_page_with_a_counterpart_names_every_version() {
        let arabic = Site { language: "ar".into(), ..site() };
        let page = Subject::Page { title: "t".into(), description: "d".into() };
        let html = tags(&arabic, "/ar/policy/x", &page, None, &[(Edition::English, "/policy/y".into())]);
        for tag in [
            r#"<link rel="alternate" hreflang="en" href="https://dispatch.example/policy/y">"#,
            r#"<link rel="alternate" hreflang="ar" href="https://dispatch.example/ar/policy/x">"#,
            r#"<link rel="alternate" hreflang="x-default" href="https://dispatch.example/policy/y">"#,
            r#"<meta property="og:locale" content="ar_AR">"#,
            r#"<meta property="og:locale:alternate" content="en_GB">"#,
        ] {
            assert!(html.contains(tag), "missing {tag} in {html}");
        }
        assert!(!tags(&site(), "/", &page, None, &[]).contains("hreflang"), "a page without versions names none");
    }

    #[test]
    fn a_listing_page_links_its_neighbours_and_has_its_own_title() {
        // Three pages: 1 the newest, then 3, then 2 the oldest.
        let at = |page: u32| {
            let (newer, older) = match page {
                1 => (None, Some(3)),
                3 => (Some(1), Some(2)),
                _ => (Some(3), None),
            };
            let paging = Paging { base: "/tag/الأمن".into(), page, newer, older };
            tags(
                &site(),
                &paging.path(),
                &listing_page(Text::of(Edition::English), "Topic: الأمن", &paging),
                Some(&paging),
                &[],
            )
        };
        let tag = "https://dispatch.example/tag/%D8%A7%D9%84%D8%A3%D9%85%D9%86";
        let first = at(1);
        assert!(first.contains(&format!(r#"<link rel="canonical" href="{tag}">"#)), "{first}");
        assert!(first.contains(&format!(r#"<link rel="next" href="{tag}/page/3">"#)), "{first}");
        assert!(!first.contains(r#"rel="prev""#));
        let middle = at(3);
        assert!(middle.contains(&format!(r#"<link rel="canonical" href="{tag}/page/3">"#)), "{middle}");
        assert!(middle.contains(&format!(r#"<link rel="prev" href="{tag}">"#)), "{middle}");
        assert!(middle.contains(&format!(r#"<link rel="next" href="{tag}/page/2">"#)), "{middle}");
        assert!(middle.contains(r#"<meta property="og:title" content="Topic: الأمن, page 3">"#), "{middle}");
        let oldest = at(2);
        assert!(
            oldest.contains(&format!(r#"<link rel="prev" href="{tag}/page/3">"#)) && !oldest.contains(r#"rel="next""#)
        );
    }
}
