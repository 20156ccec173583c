//! JSON Feed 1.1, RSS 2.0 and the sitemap, all with absolute URLs. Each
//! edition has its own (`/feed.json`, `/ar/feed.json`), in its language.

use dispatch_model::{escape::xml, routes, Article, Edition, Site};
use serde_json::json;
use time::{format_description::well_known::Rfc2822, OffsetDateTime};

/// How many of the newest articles the feeds carry.
pub const FEED_ITEMS: usize = 30;

/// The edition's JSON Feed (jsonfeed.org, version 1.1), with its
/// `language`; `newest` first.
pub fn json_feed(site: &Site, newest: &[&Article]) -> Vec<u8> {
    let edition = site.edition();
    let items: Vec<_> = newest
        .iter()
        .take(FEED_ITEMS)
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
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.name,
        "description": site.tagline,
        "home_page_url": routes::absolute(&site.url, &edition.path("/")),
        "feed_url": routes::absolute(&site.url, &edition.path("/feed.json")),
        "language": site.language,
        "items": items,
    });
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

    #[test]
    fn a_large_site_gets_a_sitemap_index_of_files_within_the_protocol_limit() {
        let site: Site = serde_json::from_value(serde_json::json!({
            "schema_version": 2, "name": "D", "tagline": "T", "url": "https://d.example", "language": "en",
            "sections": [], "regions": [], "navigation": []
        }))
        .unwrap();
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
        let site: Site = serde_json::from_value(serde_json::json!({
            "schema_version": 2, "name": "D", "tagline": "T", "url": "https://d.example", "language": "ar",
            "sections": [], "regions": [], "navigation": []
        }))
        .unwrap();
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

    #[test]
    fn formats_rss_dates() {
        assert_eq!(rfc2822("2026-11-27T09:30:00+04:00"), "Fri, 27 Nov 2026 09:30:00 +0400");
    }
}
