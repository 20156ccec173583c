//! A listing's pages, counted from its oldest stories so that a full page
//! never changes: see [`IndexPage`].

use dispatch_model::{ArticleSummary, IndexPage, SCHEMA_VERSION};

/// How many pages a listing of `items` cards has, `size` a page: one
/// while there are fewer than two pages' worth, else one a whole `size`
/// (the newest page holds the rest).
pub fn pages(items: usize, size: usize) -> u32 {
    (items / size.max(1)).max(1) as u32
}

/// The cards (newest first) of page `page` of a listing of `items`, as a
/// range of indexes into them.
pub fn range(items: usize, size: usize, page: u32) -> std::ops::Range<usize> {
    let (size, pages) = (size.max(1), pages(items, size) as usize);
    if page <= 1 {
        // The newest: everything not on an older page.
        return 0..items - (pages - 1) * size;
    }
    // Page 2 holds the oldest `size`, page 3 the next, and so on.
    let from_oldest = page as usize - 1;
    items - from_oldest * size..items - (from_oldest - 1) * size
}

/// Whether page `page` of a paginated list (a listing, the JSON Feed) of
/// `pages` pages, `size` a page, is made again after a change, when it
/// had `before` pages and its `untouched` oldest items are all older
/// than every change. Pages made of those items keep their bytes; page
/// 1, the newest older page now (whose "newer" link may move), and every
/// page from the newest older page before (its "newer" link too) up are
/// made again: many stories published at once add pages that were not
/// there to keep.
pub fn remade(page: u32, pages: u32, before: u32, untouched: usize, size: usize) -> bool {
    page == 1 || page == pages || page >= before || (page as usize - 1) * size > untouched
}

/// Page `page` of a listing of `items` (newest first), `size` a page.
pub fn page(title: &str, items: &[ArticleSummary], size: usize, page: u32) -> IndexPage {
    page_of(title, items.len(), size, page, |range| items[range].to_vec())
}

/// Page `page` of a listing of `count` cards, `size` a page, taking the
/// page's cards from `cards` (given their range, newest first): a large
/// listing's other cards are never made.
pub fn page_of(
    title: &str,
    count: usize,
    size: usize,
    page: u32,
    cards: impl FnOnce(std::ops::Range<usize>) -> Vec<ArticleSummary>,
) -> IndexPage {
    let (newer, older) = IndexPage::neighbours(page, pages(count, size));
    IndexPage {
        schema_version: SCHEMA_VERSION,
        title: title.to_string(),
        page,
        total: (page == 1).then_some(count as u32),
        newer,
        older,
        items: cards(range(count, size, page)),
    }
}

/// Every page of a listing of `items` (newest first), `size` a page:
/// page 1, then from the oldest up. An empty listing still has its page,
/// with no items, so a new section reads "no articles yet" rather than
/// "not found".
pub fn paginate(title: &str, items: &[ArticleSummary], size: usize) -> Vec<IndexPage> {
    (1..=pages(items.len(), size)).map(|number| page(title, items, size, number)).collect()
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

    /// Each page as (number, cards, newer, older).
    fn shape(n: usize, size: usize) -> Vec<(u32, usize, Option<u32>, Option<u32>)> {
        paginate("T", &cards(n), size).into_iter().map(|p| (p.page, p.items.len(), p.newer, p.older)).collect()
    }

    #[test]
    fn fewer_than_two_pages_worth_is_one_page() {
        assert_eq!(shape(0, 12), vec![(1, 0, None, None)]);
        assert_eq!(shape(1, 12), vec![(1, 1, None, None)]);
        assert_eq!(shape(23, 12), vec![(1, 23, None, None)]);
    }

    #[test]
    fn older_pages_count_from_the_oldest() {
        assert_eq!(shape(24, 12), vec![(1, 12, None, Some(2)), (2, 12, Some(1), None)]);
        assert_eq!(shape(41, 12), vec![(1, 17, None, Some(3)), (2, 12, Some(3), None), (3, 12, Some(1), Some(2))]);
        let pages = paginate("T", &cards(41), 12);
        assert_eq!(pages[1].items.last().unwrap().slug, "story-40", "page 2 ends with the oldest");
        assert_eq!(pages[2].items[0].slug, "story-17", "page 3 follows page 1");
    }

    #[test]
    fn a_new_story_changes_the_first_page_alone() {
        // One more story at the top: every older page keeps its cards.
        for total in 24..60 {
            let (before, mut after) = (cards(total), cards(total));
            after.insert(0, ArticleSummary { slug: "breaking".into(), ..after[0].clone() });
            let (before, after) = (paginate("T", &before, 12), paginate("T", &after, 12));
            for page in before.iter().skip(1) {
                let same = after.iter().find(|p| p.page == page.page).unwrap();
                // The newest older page may point at a new one.
                assert_eq!(same.items, page.items, "{total} stories, page {}", page.page);
                if after.len() == before.len() {
                    assert_eq!(same, page);
                }
            }
        }
    }
}
