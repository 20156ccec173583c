use dispatch_model::{ArticleSummary, IndexPage, SCHEMA_VERSION};

/// How many pages [`paginate`] makes of `items` cards, `size` a page.
pub fn pages(items: usize, size: usize) -> u32 {
    items.div_ceil(size.max(1)).max(1) as u32
}

/// Splits cards (already newest first) into pages of `size`. An empty list
/// still has one page, with no items, so a new section reads "no articles
/// yet" rather than "not found".
pub fn paginate(title: &str, items: &[ArticleSummary], size: usize, path: impl Fn(u32) -> String) -> Vec<IndexPage> {
    let pages = pages(items.len(), size);
    let size = size.max(1);
    (1..=pages)
        .map(|page| {
            let start = (page as usize - 1) * size;
            IndexPage {
                schema_version: SCHEMA_VERSION,
                title: title.to_string(),
                page,
                pages,
                total: items.len() as u32,
                items: items[start.min(items.len())..(start + size).min(items.len())].to_vec(),
                next: (page < pages).then(|| path(page + 1)),
                previous: (page > 1).then(|| path(page - 1)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dispatch_model::SectionRef;

    fn cards(n: usize) -> Vec<ArticleSummary> {
        (0..n)
            .map(|i| ArticleSummary {
                slug: format!("story-{i}"),
                headline: format!("Story {i}"),
                deck: String::new(),
                section: SectionRef { slug: "policy".into(), name: "Policy".into() },
                published: "2026-11-01T00:00:00Z".into(),
                reading_minutes: 1,
                thumbnail: None,
                authors: vec![],
            })
            .collect()
    }

    fn shape(n: usize, size: usize) -> Vec<(u32, u32, usize, Option<String>, Option<String>)> {
        paginate("T", &cards(n), size, |p| format!("/p/{p}"))
            .into_iter()
            .map(|page| (page.page, page.pages, page.items.len(), page.previous, page.next))
            .collect()
    }

    #[test]
    fn zero_items_is_one_empty_page() {
        assert_eq!(shape(0, 12), vec![(1, 1, 0, None, None)]);
    }

    #[test]
    fn one_item_and_exactly_one_page() {
        assert_eq!(shape(1, 12), vec![(1, 1, 1, None, None)]);
        assert_eq!(shape(12, 12), vec![(1, 1, 12, None, None)]);
    }

    #[test]
    fn one_more_than_a_page_spills_onto_a_second() {
        assert_eq!(shape(13, 12), vec![(1, 2, 12, None, Some("/p/2".into())), (2, 2, 1, Some("/p/1".into()), None)]);
        let pages = paginate("T", &cards(13), 12, |p| format!("/p/{p}"));
        assert_eq!(pages[1].items[0].slug, "story-12");
        assert!(pages.iter().all(|page| page.total == 13));
    }
}
