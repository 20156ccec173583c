//! JSON Feed 1.1, RSS 2.0 and the sitemap, all with absolute URLs. Each
//! edition has its own (`/feed.json`, `/ar/feed.json`), in its language.

use dispatch_model::{escape::xml, routes, Article, Edition, IndexPage, Site};
use serde_json::json;
use time::{format_description::well_known::Rfc2822, OffsetDateTime};

/// How many of the newest articles RSS carries, and how many a page of
/// the JSON Feed holds (the first page holds up to twice as many less
/// one: see [`json_feed`]).
pub const FEED_ITEMS: usize = 30;

/// Where page `page` of the edition's JSON Feed is, relative to the
/// edition's folder: the first at `feed.json`, the address readers
/// subscribe to; older pages with the site's data files, at
/// `content/feed/{page}.json` (one folder for the writer to tidy, and the
/// data files' cache rule).
pub fn json_feed_path(page: u32) -> String {
    if page <= 1 {
        "feed.json".to_string()
    } else {
        format!("content/feed/{page}.json")
    }
}

/// How many pages the edition's JSON Feed has for `articles` articles.
pub fn json_feed_pages(articles: usize) -> u32 {
    crate::paginate::pages(articles, FEED_ITEMS)
}

/// Page `page` of the edition's JSON Feed (jsonfeed.org, version 1.1),
/// with its `language`, of the articles `newest` (all of them, newest
/// first). Each page's `next_url` names the page of the next older
/// stories ("the next n items", JSON Feed 1.1), so every article stays
/// reachable from the feed without any page growing with the archive.
/// Pages are counted as a listing's are ([`crate::paginate`]): the
/// oldest [`FEED_ITEMS`] on page 2, the next on page 3, and the first
/// page (`feed.json`) the newest: every story while there are fewer
/// than twice [`FEED_ITEMS`], else between that and twice that less one.
/// A full page never changes when a story is published, so a reader's
/// cache and a CDN keep it; an older story edited, deleted or backdated
/// changes every page newer than it.
pub fn json_feed(site: &Site, newest: &[&Article], page: u32) -> Vec<u8> {
    let edition = site.edition();
    let pages = json_feed_pages(newest.len());
    let range = crate::paginate::range(newest.len(), FEED_ITEMS, page);
    let items: Vec<_> = newest[range]
        .iter()
        .map(|article| {
            let url = routes::absolute(&site.url, &edition.path(&article.href()));
            let mut item = json!({
                "id": article.id,
                "url": url,
                "title": article.headline,
                "summary": article.deck,
                "content_text": article.deck,
                "date_published": article.published,
                "authors": article.authors.iter().map(|author| json!({
                    "name": author.name,
                    "url": routes::absolute(&site.url, &edition.path(&routes::author(&author.slug))),
                })).collect::<Vec<_>>(),
                "tags": article.tags.iter().map(|tag| tag.name.clone()).collect::<Vec<_>>(),
            });
            if let Some(updated) = &article.updated {
                item["date_modified"] = json!(updated);
            }
            if let Some(hero) = &article.hero {
                item["image"] = json!(routes::absolute(&site.url, &hero.src));
            }
            item
        })
        .collect();
    let address = |page: u32| routes::absolute(&site.url, &edition.path(&format!("/{}", json_feed_path(page))));
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.name,
        "description": site.tagline,
        "home_page_url": routes::absolute(&site.url, &edition.path("/")),
        // The feed's identity on every page (JSON Feed 1.1: "serves as
        // the unique identifier for the feed"), never a page's own.
        "feed_url": address(1),
        "language": site.language,
        "items": items,
    });
    if let (_, Some(older)) = IndexPage::neighbours(page, pages) {
        feed["next_url"] = json!(address(older));
    }
    serde_json::to_vec_pretty(&feed).expect("a JSON value always serialises")
}

/// The edition's RSS 2.0 feed, with its `language`; `newest` first.
pub fn rss(site: &Site, newest: &[&Article]) -> Vec<u8> {
    let edition = site.edition();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    out.push_str(&format!("<title>{}</title>\n", xml(&site.name)));
    out.push_str(&format!("<link>{}</link>\n", xml(&routes::absolute(&site.url, &edition.path("/")))));
    out.push_str(&format!("<description>{}</description>\n", xml(&site.tagline)));
    out.push_str(&format!("<language>{}</language>\n", xml(&site.language)));
    out.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&routes::absolute(&site.url, &edition.path("/rss.xml")))
    ));
    if let Some(newest) = newest.first() {
        out.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            rfc2822(newest.updated.as_ref().unwrap_or(&newest.published))
        ));
    }
    for article in newest.iter().take(FEED_ITEMS) {
        let url = routes::absolute(&site.url, &edition.path(&article.href()));
        out.push_str("<item>\n");
        out.push_str(&format!("<title>{}</title>\n", xml(&article.headline)));
        out.push_str(&format!("<link>{}</link>\n", xml(&url)));
        // The identity, not the URL: an article that moves is not new.
        out.push_str(&format!("<guid isPermaLink=\"false\">{}</guid>\n", xml(&article.id)));
        out.push_str(&format!("<description>{}</description>\n", xml(&article.deck)));
        out.push_str(&format!("<pubDate>{}</pubDate>\n", rfc2822(&article.published)));
        for author in &article.authors {
            out.push_str(&format!("<dc:creator>{}</dc:creator>\n", xml(&author.name)));
        }
        out.push_str(&format!("<category>{}</category>\n", xml(&article.section.name)));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out.into_bytes()
}

/// The most URLs one sitemap may list (sitemaps.org, the protocol).
pub const SITEMAP_URLS: usize = 50_000;

/// One address of an edition in its sitemap: its path (with the
/// edition's prefix), when it last changed (RFC 3339), and its
/// counterpart's path in another edition.
pub struct Entry {
    pub path: String,
    pub lastmod: Option<String>,
    pub counterpart: Option<String>,
}

/// The sitemap files, by name: `sitemap.xml` listing every route when
/// there are at most [`SITEMAP_URLS`]; beyond that, `sitemap.xml` is a
/// sitemap index of `sitemap-1.xml`, `sitemap-2.xml`… with at most that
/// many each, as the protocol requires (and robots.txt names
/// `sitemap.xml` either way).
pub fn sitemaps(site: &Site, entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    if entries.len() <= SITEMAP_URLS {
        return vec![("sitemap.xml".to_string(), sitemap(site, entries))];
    }
    let parts: Vec<(String, Vec<u8>)> = entries
        .chunks(SITEMAP_URLS)
        .enumerate()
        .map(|(index, chunk)| (format!("sitemap-{}.xml", index + 1), sitemap(site, chunk)))
        .collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (name, _) in &parts {
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml(&routes::absolute(&site.url, &site.edition().path(&format!("/{name}"))))
        ));
    }
    index.push_str("</sitemapindex>\n");
    let mut files = vec![("sitemap.xml".to_string(), index.into_bytes())];
    files.extend(parts);
    files
}

/// Every route of `entries`, with the date it last changed; each `<loc>`
/// is ASCII, its path percent-encoded, as sitemaps.org requires. An
/// address with a counterpart lists both versions and the English one as
/// `x-default`, as `xhtml:link` alternates (Google's sitemap form of
/// `hreflang`, which wants every version listed, itself included).
fn sitemap(site: &Site, entries: &[Entry]) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for Entry { path, lastmod, counterpart } in entries {
        out.push_str(&format!("<url><loc>{}</loc>", xml(&routes::absolute(&site.url, path))));
        if let Some(lastmod) = lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", xml(lastmod)));
        }
        if let Some(counterpart) = counterpart {
            let versions =
                [(Edition::split(path).0, path.as_str()), (Edition::split(counterpart).0, counterpart.as_str())];
            for (language, path) in Edition::hreflang(&versions) {
                out.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{language}\" href=\"{}\"/>",
                    xml(&routes::absolute(&site.url, path))
                ));
            }
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

fn rfc2822(stamp: &str) -> String {
    OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339)
        .ok()
        .and_then(|date| date.format(&Rfc2822).ok())
        .unwrap_or_else(|| stamp.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site at `https://d.example` in `language`.
    fn site(language: &str) -> Site {
        serde_json::from_value(serde_json::json!({
            "schema_version": 2, "name": "D", "tagline": "T", "url": "https://d.example", "language": language,
            "sections": [], "regions": [], "navigation": []
        }))
        .unwrap()
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index_of_files_within_the_protocol_limit() {
        let site = site("en");
        let entries: Vec<Entry> = (0..SITEMAP_URLS * 2 + 1)
            .map(|i| Entry { path: format!("/policy/story-{i}"), lastmod: None, counterpart: None })
            .collect();
        let files = sitemaps(&site, &entries);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        let text = |index: usize| String::from_utf8(files[index].1.clone()).unwrap();
        assert!(text(0).contains("<sitemapindex "), "{}", text(0));
        assert!(text(0).contains("<sitemap><loc>https://d.example/sitemap-3.xml</loc></sitemap>"));
        let urls = |index: usize| text(index).matches("<url>").count();
        assert_eq!((urls(1), urls(2), urls(3)), (SITEMAP_URLS, SITEMAP_URLS, 1));
        assert_eq!(sitemaps(&site, &entries[..SITEMAP_URLS]).len(), 1, "up to the limit, one sitemap");
    }

    /// An Arabic address with an English counterpart lists both, and the
    /// English one as the default, in its edition's sitemap.
    #[test]
    fn a_counterpart_is_an_hreflang_alternate_in_the_sitemap() {
        let site = site("ar");
        let entries = [Entry {
            path: "/ar/policy/qatar".into(),
            lastmod: None,
            counterpart: Some("/policy/qatar-rwanda".into()),
        }];
        let text = String::from_utf8(sitemaps(&site, &entries).remove(0).1).unwrap();
        assert!(text.contains(r#"xmlns:xhtml="http://www.w3.org/1999/xhtml""#), "{text}");
        for link in [
            r#"<xhtml:link rel="alternate" hreflang="en" href="https://d.example/policy/qatar-rwanda"/>"#,
            r#"<xhtml:link rel="alternate" hreflang="ar" href="https://d.example/ar/policy/qatar"/>"#,
            r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://d.example/policy/qatar-rwanda"/>"#,
        ] {
            assert!(text.contains(link), "missing {link} in {text}");
        }
        let index = sitemaps(
            &site,
            &(0..SITEMAP_URLS + 1)
                .map(|i| Entry { path: format!("/ar/x-{i}"), lastmod: None, counterpart: None })
                .collect::<Vec<_>>(),
        );
        assert!(String::from_utf8_lossy(&index[0].1).contains("<loc>https://d.example/ar/sitemap-1.xml</loc>"));
    }

    /// Following `next_url` from `feed.json` reaches every article once,
    /// newest to oldest, each page within twice [`FEED_ITEMS`]; and a new
    /// story changes the first page alone (a full page keeps its bytes).
    #[test]
    fn the_json_feed_pages_reach_every_article_once_and_full_pages_never_change() {
        let site = site("en");
        let article = |i: usize| -> Article {
            serde_json::from_value(serde_json::json!({
                "schema_version": 2, "id": format!("tag:d.example,2026-11-01:story-{i}"), "slug": format!("story-{i}"),
                "headline": format!("Story {i}"), "deck": "", "section": {"slug": "policy", "name": "Policy"},
                "regions": [], "tags": [], "published": "2026-11-01T00:00:00Z", "reading_minutes": 1,
                "authors": [], "body": [], "related": []
            }))
            .unwrap()
        };
        let read = |bytes: Vec<u8>| serde_json::from_slice::<serde_json::Value>(&bytes).unwrap();
        for total in [0, 1, 59, 60, 61, 95, 200] {
            let articles: Vec<Article> = (0..total).rev().map(article).collect();
            let newest: Vec<&Article> = articles.iter().collect();
            let mut seen = Vec::new();
            let mut page = 1;
            loop {
                let feed = read(json_feed(&site, &newest, page));
                assert_eq!(feed["feed_url"], "https://d.example/feed.json", "{total}: page {page}");
                let items = feed["items"].as_array().unwrap();
                assert!(items.len() < 2 * FEED_ITEMS, "{total}: page {page} holds {}", items.len());
                seen.extend(items.iter().map(|item| item["title"].as_str().unwrap().to_string()));
                let Some(next) = feed["next_url"].as_str() else { break };
                page = next
                    .strip_prefix("https://d.example/content/feed/")
                    .unwrap()
                    .trim_end_matches(".json")
                    .parse()
                    .unwrap();
                assert_eq!(next, format!("https://d.example/{}", json_feed_path(page)));
            }
            let expected: Vec<String> = (0..total).rev().map(|i| format!("Story {i}")).collect();
            assert_eq!(seen, expected, "{total} articles");

            let mut published = articles.clone();
            published.insert(0, article(total));
            let after: Vec<&Article> = published.iter().collect();
            for page in 2..=json_feed_pages(total) {
                assert_eq!(json_feed(&site, &newest, page), json_feed(&site, &after, page), "{total}: page {page}");
            }
        }
    }

    #[test]
    fn formats_rss_dates() {
        assert_eq!(rfc2822("2026-11-27T09:30:00+04:00"), "Fri, 27 Nov 2026 09:30:00 +0400");
    }
}
