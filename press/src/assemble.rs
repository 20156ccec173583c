//! Assembling the edition from its articles: related picks, the articles'
//! JSON, listings, author pages, feeds and sitemap, each file handed to
//! the [`Output`]. From a previous build's [`Record`], only what a change
//! reaches is made again; everything else is kept.

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    path::PathBuf,
};

use dispatch_model::{
    paths, routes, Article, ArticleSummary, Author, Block, IndexPage, Insight, Insights, SCHEMA_VERSION,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::{
    erased, feeds, paginate,
    record::{Record, Stored},
    related, Counts, Draft, LocalImages, Output, SiteSettings, RELATED,
};

/// What the previous build's record says of its articles: enough to
/// redo related picks and to find the listings a change reaches.
pub(crate) struct Before {
    articles: Vec<Past>,
    picks: Vec<Vec<usize>>,
    at: HashMap<String, usize>,
}

/// An article as the previous build had it.
struct Past {
    slug: String,
    section: String,
    regions: Vec<String>,
    tags: Vec<String>,
    authors: Vec<String>,
    published: i64,
}

impl Before {
    pub(crate) fn of(record: &Record) -> Before {
        let articles: Vec<Past> = record
            .articles
            .par_iter()
            .map(|stored| {
                let article = &stored.article;
                Past {
                    slug: article.slug.clone(),
                    section: article.section.slug.clone(),
                    regions: article.regions.iter().map(|r| r.slug.clone()).collect(),
                    tags: article.tags.iter().map(|t| t.slug.clone()).collect(),
                    authors: article.authors.iter().map(|a| a.slug.clone()).collect(),
                    published: crate::parse_time(&article.published).map_or(0, |time| time.unix_timestamp()),
                }
            })
            .collect();
        let at = articles.iter().enumerate().map(|(index, past)| (past.slug.clone(), index)).collect();
        let picks = record.picks.iter().map(|picks| picks.iter().map(|&p| p as usize).collect()).collect();
        Before { articles, picks, at }
    }
}

/// A listing: its kind (`sections`, `regions`, `tags` or `authors`) and
/// slug.
type Listing<'a> = (&'a str, String);

/// What changed on a listing: the publication times (seconds since the
/// Unix epoch) of its changed articles, as they are and as they were, and
/// how many of them it holds now and held before.
#[derive(Default)]
struct Reach {
    times: Vec<i64>,
    now: usize,
    before: usize,
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble(
    settings: &SiteSettings,
    authors: BTreeMap<String, Author>,
    insights: Vec<Insight>,
    mut drafts: Vec<Draft>,
    images: &LocalImages,
    redirects: &dispatch_model::Redirects,
    before: Option<Before>,
    reread: &(dyn Fn(&Draft) -> Option<Vec<Block>> + Sync),
    next: &mut Record,
    out: &mut dyn Output,
) -> Counts {
    let site = &settings.site;
    // Newest first; equal times by slug, so the order never depends on
    // the file system. The keys are sorted and the drafts then moved once:
    // a draft is most of a kilobyte.
    drafts.sort_by_cached_key(|d| (std::cmp::Reverse(d.published), d.article.slug.clone()));
    let read = drafts.iter().filter(|d| d.fresh).count();

    let region_slugs: Vec<Vec<String>> =
        drafts.iter().map(|d| d.article.regions.iter().map(|r| r.slug.clone()).collect()).collect();
    let tag_slugs: Vec<Vec<String>> =
        drafts.iter().map(|d| d.article.tags.iter().map(|t| t.slug.clone()).collect()).collect();
    let traits: Vec<related::Traits> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| related::Traits {
            slug: &d.article.slug,
            section: &d.article.section.slug,
            regions: &region_slugs[i],
            tags: &tag_slugs[i],
            published: d.published.unix_timestamp(),
        })
        .collect();
    let picks = match &before {
        Some(before) => {
            let old: Vec<related::Traits> = before
                .articles
                .iter()
                .map(|past| related::Traits {
                    slug: &past.slug,
                    section: &past.section,
                    regions: &past.regions,
                    tags: &past.tags,
                    published: past.published,
                })
                .collect();
            related::related_update(&old, &before.picks, &traits, RELATED)
        }
        None => related::related_all(&traits, RELATED),
    };
    drop(traits);

    // What another page shows of an article changed: it is new, gone, or
    // its file says something else of it than the record does.
    let changed: FxHashSet<&str> = match &before {
        None => FxHashSet::default(),
        Some(before) => {
            let now: FxHashSet<&str> = drafts.iter().map(|d| d.article.slug.as_str()).collect();
            let edited = drafts.iter().filter(|d| {
                d.fresh
                    && d.before.as_ref().is_none_or(|was| {
                        **was != Article { body: Vec::new(), related: Vec::new(), ..d.article.clone() }
                    })
            });
            edited
                .map(|d| d.article.slug.as_str())
                .chain(before.articles.iter().map(|past| past.slug.as_str()).filter(|slug| !now.contains(slug)))
                .collect()
        }
    };
    // Which articles' files are made again: all without a record; else
    // those read again, and those whose picks (or what they show of
    // them) changed.
    let remake: Vec<bool> = (0..drafts.len())
        .map(|i| {
            let Some(before) = &before else { return true };
            let slug = drafts[i].article.slug.as_str();
            let was = before.at.get(slug).map(|&o| &before.picks[o]);
            drafts[i].fresh
                || picks[i].iter().any(|&p| changed.contains(drafts[p].article.slug.as_str()))
                || was.is_none_or(|was| {
                    was.len() != picks[i].len()
                        || was.iter().zip(&picks[i]).any(|(&o, &p)| before.articles[o].slug != drafts[p].article.slug)
                })
        })
        .collect();
    let bodies: Vec<Option<Vec<Block>>> = (0..drafts.len())
        .into_par_iter()
        .map(|i| (remake[i] && !drafts[i].fresh).then(|| reread(&drafts[i])).flatten())
        .collect();

    // Every address of the edition, with when it last changed and its
    // counterpart in another edition: the front page's is the other
    // edition's front page (hreflang in the sitemap, Google's "Tell
    // Google about localized versions of your page").
    let edition = settings.edition;
    let mut sitemap = vec![feeds::Entry {
        path: edition.path("/"),
        lastmod: drafts.first().map(|d| d.article.updated.clone().unwrap_or_else(|| d.article.published.clone())),
        counterpart: settings.others.first().map(|other| other.path("/")),
    }];

    // Listings: latest, and each section, region, tag and author, as
    // indexes into the articles.
    let mut listings: BTreeMap<Listing, Vec<usize>> = BTreeMap::new();
    let mut titles: HashMap<Listing, String> = HashMap::new();
    for section in &site.sections {
        listings.insert(("sections", section.slug.clone()), Vec::new());
        titles.insert(("sections", section.slug.clone()), section.name.clone());
    }
    for region in &site.regions {
        listings.insert(("regions", region.slug.clone()), Vec::new());
        titles.insert(("regions", region.slug.clone()), region.name.clone());
    }
    for (slug, author) in &authors {
        listings.insert(("authors", slug.clone()), Vec::new());
        titles.insert(("authors", slug.clone()), author.name.clone());
    }
    // A tag's title is its last article's spelling (one spelling per tag
    // is checked when the articles are read).
    let mut tag_names: FxHashMap<&str, &str> = FxHashMap::default();
    for tag in drafts.iter().flat_map(|d| &d.article.tags) {
        tag_names.insert(&tag.slug, &tag.name);
    }
    for (slug, name) in tag_names {
        titles.insert(("tags", slug.to_string()), name.to_string());
    }
    let on = |article: &Article| -> Vec<Listing<'static>> {
        listed(article).map(|(kind, slug)| (kind, slug.to_string())).collect()
    };
    // Membership by borrowed slugs, hashed with FxHash, then into the
    // ordered map: at 100,000 articles a key made for every article and
    // listing was a twentieth of publishing a story.
    let mut members: FxHashMap<(&'static str, &str), Vec<usize>> = FxHashMap::default();
    for (index, draft) in drafts.iter().enumerate() {
        for key in listed(&draft.article) {
            members.entry(key).or_default().push(index);
        }
    }
    for ((kind, slug), items) in members {
        listings.insert((kind, slug.to_string()), items);
    }
    // The listings a change reaches (those its article is on, now or
    // before), each with the times of the changed articles on it, and how
    // many of those were on it before and are now.
    // The oldest of them all reaches the JSON Feed, which lists every
    // article.
    let mut reached: HashMap<Listing, Reach> = HashMap::new();
    let mut oldest_change = i64::MAX;
    if let Some(before) = &before {
        for draft in drafts.iter().filter(|d| changed.contains(d.article.slug.as_str())) {
            oldest_change = oldest_change.min(draft.published.unix_timestamp());
            for listing in on(&draft.article) {
                let reach = reached.entry(listing).or_default();
                reach.times.push(draft.published.unix_timestamp());
                reach.now += 1;
            }
        }
        for past in before.articles.iter().filter(|past| changed.contains(past.slug.as_str())) {
            oldest_change = oldest_change.min(past.published);
            let keys = std::iter::once(("sections", past.section.clone()))
                .chain(past.regions.iter().map(|r| ("regions", r.clone())))
                .chain(past.tags.iter().map(|t| ("tags", t.clone())))
                .chain(past.authors.iter().map(|a| ("authors", a.clone())));
            for listing in keys {
                let reach = reached.entry(listing).or_default();
                reach.times.push(past.published);
                reach.before += 1;
            }
        }
    }
    let everything = before.is_none();
    let put_json = |out: &mut dyn Output, path: String, value: &dyn erased::Json| {
        out.put(path.trim_start_matches('/').to_string(), value.bytes());
    };
    let keep = |out: &mut dyn Output, path: String| out.keep(path.trim_start_matches('/'));
    let size = settings.page_size;
    // Cards are made as pages need them: a large listing's untouched
    // pages never make theirs.
    let cards =
        |items: &[usize]| -> Vec<ArticleSummary> { items.iter().map(|&i| drafts[i].article.summary()).collect() };
    // The front page's newest stories: a page of them, and no more (no
    // address shows older ones; each listing has its own).
    let newest: Vec<usize> = (0..drafts.len().min(size.max(1))).collect();
    let front = IndexPage {
        schema_version: SCHEMA_VERSION,
        title: String::new(),
        page: 1,
        total: None,
        newer: None,
        older: None,
        items: cards(&newest),
    };
    put_json(out, paths::latest(1), &front);
    for ((kind, slug), items) in &listings {
        let title = titles.get(&(*kind, slug.clone())).map_or("", String::as_str);
        let pages = paginate::pages(items.len(), size);
        let remade: Box<dyn Fn(u32) -> bool> = match reached.get(&(*kind, slug.clone())) {
            _ if everything => Box::new(|_| true),
            None => Box::new(|_| false),
            Some(reach) => {
                let oldest_change = reach.times.iter().copied().min().unwrap_or(i64::MIN);
                let untouched =
                    items.iter().rev().take_while(|&&i| drafts[i].published.unix_timestamp() < oldest_change).count();
                let before = paginate::pages(items.len() + reach.before - reach.now, size);
                Box::new(move |page| paginate::remade(page, pages, before, untouched, size))
            }
        };
        for page in 1..=pages {
            if remade(page) {
                let made = paginate::page_of(title, items.len(), size, page, |range| cards(&items[range]));
                put_json(out, paths::listing(kind, slug, page), &made);
            } else {
                keep(out, paths::listing(kind, slug, page));
            }
        }
        sitemap.push(feeds::Entry {
            path: edition.path(&routes::listing(kind)(slug)),
            lastmod: items.first().map(|&i| drafts[i].article.published.clone()),
            counterpart: None,
        });
    }
    for (slug, author) in &authors {
        put_json(out, paths::author(slug), author);
    }
    drop(listings);

    // The JSON Feed's pages keep their bytes as a listing's do.
    let feed_pages_before = before.as_ref().map(|before| feeds::json_feed_pages(before.articles.len()));
    let feed_untouched = drafts.iter().rev().take_while(|d| d.published.unix_timestamp() < oldest_change).count();

    // The cards of the articles picked by those made again, made once.
    let mut picked = vec![false; drafts.len()];
    for (picks, _) in picks.iter().zip(&remake).filter(|(_, &remade)| remade) {
        picks.iter().for_each(|&p| picked[p] = true);
    }
    let picked: Vec<Option<ArticleSummary>> =
        picked.iter().zip(&drafts).map(|(&picked, draft)| picked.then(|| draft.article.summary())).collect();
    let mut media: Vec<(String, PathBuf)> = Vec::new();
    let mut stored: Vec<Stored> = Vec::with_capacity(drafts.len());
    for (index, (mut draft, body)) in drafts.into_iter().zip(bodies).enumerate() {
        let path = paths::article(&draft.article.slug);
        if remake[index] {
            if let Some(body) = body {
                draft.article.body = body;
            }
            if draft.fresh || !draft.article.body.is_empty() {
                draft.article.related = picks[index].iter().filter_map(|&p| picked[p].clone()).collect();
                put_json(out, path, &draft.article);
            } else {
                eprintln!(
                    "press: {} changed during the build; its page is as before: build again",
                    draft.file.display()
                );
                keep(out, path);
            }
        } else {
            keep(out, path);
        }
        if draft.fresh {
            media.extend(draft.media.iter().cloned());
        } else {
            for (served, _) in &draft.media {
                keep(out, served.clone());
            }
        }
        // What is left (the feeds, the record) needs no body.
        draft.article.body = Vec::new();
        draft.article.related = Vec::new();
        sitemap.push(feeds::Entry {
            path: edition.path(&draft.article.href()),
            lastmod: Some(draft.article.updated.clone().unwrap_or_else(|| draft.article.published.clone())),
            counterpart: draft.article.counterpart.as_ref().map(|counterpart| counterpart.href.clone()),
        });
        stored.push(Stored {
            file: draft.file,
            stamp: draft.stamp,
            article: draft.article,
            aliases: draft.aliases,
            media: draft.media,
            tags_line: draft.spellings.line,
            spellings: draft.spellings.names,
            line: draft.line,
        });
    }
    put_json(out, paths::SITE.to_string(), site);
    put_json(out, paths::REDIRECTS.to_string(), redirects);
    put_json(out, paths::INSIGHTS.to_string(), &Insights { schema_version: SCHEMA_VERSION, items: insights.clone() });

    let newest: Vec<&Article> = stored.iter().map(|stored| &stored.article).collect();
    let feed_pages = feeds::json_feed_pages(newest.len());
    for page in 1..=feed_pages {
        let path = feeds::json_feed_path(page);
        let remade = feed_pages_before
            .is_none_or(|before| paginate::remade(page, feed_pages, before, feed_untouched, feeds::FEED_ITEMS));
        if remade {
            out.put(path, feeds::json_feed(site, &newest, page));
        } else {
            out.keep(&path);
        }
    }
    out.put("rss.xml".to_string(), feeds::rss(site, &newest));
    for (name, bytes) in feeds::sitemaps(site, &sitemap) {
        out.put(name, bytes);
    }
    // One robots.txt, at the root, names every edition's sitemap.
    if edition.folder().is_empty() {
        let mut robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", site.url);
        for other in &settings.others {
            robots.push_str(&format!("Sitemap: {}{}\n", site.url, other.path("/sitemap.xml")));
        }
        out.put("robots.txt".to_string(), robots.into_bytes());
    }
    // Every image file: drawings as they are, photographs as their
    // variants (a photograph's own file, with its EXIF, is never served),
    // and the share cards pages name.
    let files = images.files.iter().map(|(relative, path)| (format!("/content/images/{relative}"), path.clone()));
    let cards: BTreeSet<&String> =
        stored.iter().filter_map(|stored| stored.article.share.as_ref()).chain(&site.card).collect();
    let cards: Vec<(String, PathBuf)> =
        cards.into_iter().filter_map(|card| Some((card.clone(), images.photos.file_of(card)?))).collect();
    for (served, path) in images.outputs(files.chain(media)).into_iter().chain(cards) {
        out.copy(served.trim_start_matches('/').to_string(), &path);
    }
    let counts = Counts { articles: stored.len(), authors: authors.len(), insights: insights.len(), read };
    next.picks = picks.into_iter().map(|picks| picks.into_iter().map(|p| p as u32).collect()).collect();
    next.articles = stored;
    counts
}

/// The listings `article` is on, as kinds and borrowed slugs: its
/// section, regions, tags and authors.
fn listed(article: &Article) -> impl Iterator<Item = (&'static str, &str)> {
    std::iter::once(("sections", article.section.slug.as_str()))
        .chain(article.regions.iter().map(|r| ("regions", r.slug.as_str())))
        .chain(article.tags.iter().map(|t| ("tags", t.slug.as_str())))
        .chain(article.authors.iter().map(|a| ("authors", a.slug.as_str())))
}
