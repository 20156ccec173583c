//! "You May Also Like": relevance from shared tags, regions and section,
//! then recency, then slug, so ties always break the same way.

use std::collections::HashMap;

/// What relevance is computed from, per article.
pub struct Traits<'a> {
    pub slug: &'a str,
    pub section: &'a str,
    pub regions: &'a [String],
    pub tags: &'a [String],
    /// Seconds since the epoch; larger is newer.
    pub published: i64,
}

const TAG_WEIGHT: u32 = 3;
const REGION_WEIGHT: u32 = 2;
const SECTION_WEIGHT: u32 = 1;

pub fn score(a: &Traits, b: &Traits) -> u32 {
    let shared = |x: &[String], y: &[String]| x.iter().filter(|item| y.contains(item)).count() as u32;
    TAG_WEIGHT * shared(a.tags, b.tags)
        + REGION_WEIGHT * shared(a.regions, b.regions)
        + SECTION_WEIGHT * u32::from(a.section == b.section)
}

/// For every article, the indexes of its `count` most related others.
///
/// Scores are summed through an index of tags, regions and sections (each
/// shared trait adds its weight), so only articles that share something
/// are touched, and only the best `count` of them are sorted; the rest of
/// the list is filled by recency.
pub fn related_all(all: &[Traits], count: usize) -> Vec<Vec<usize>> {
    let mut by_trait: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (index, article) in all.iter().enumerate() {
        for key in keys(article) {
            by_trait.entry((key.0, key.1)).or_default().push(index);
        }
    }
    let mut newest_first: Vec<usize> = (0..all.len()).collect();
    newest_first.sort_by(|&a, &b| order(all, (0, a), (0, b)));

    let mut scores = vec![0_u32; all.len()];
    all.iter()
        .enumerate()
        .map(|(index, article)| {
            let mut touched = Vec::new();
            for (kind, value, weight) in keys(article) {
                for &other in by_trait.get(&(kind, value)).into_iter().flatten() {
                    if other != index {
                        if scores[other] == 0 {
                            touched.push(other);
                        }
                        scores[other] += weight;
                    }
                }
            }
            let mut scored: Vec<(u32, usize)> = touched.iter().map(|&other| (scores[other], other)).collect();
            for &other in &touched {
                scores[other] = 0;
            }
            if scored.len() > count {
                scored.select_nth_unstable_by(count, |&a, &b| order(all, a, b));
                scored.truncate(count);
            }
            scored.sort_by(|&a, &b| order(all, a, b));
            let mut picks: Vec<usize> = scored.into_iter().map(|(_, other)| other).collect();
            for &other in &newest_first {
                if picks.len() >= count {
                    break;
                }
                if other != index && !picks.contains(&other) {
                    picks.push(other);
                }
            }
            picks
        })
        .collect()
}

/// An article's traits with their weights; each is listed once per
/// article, so summing over them equals [`score`].
fn keys<'a>(article: &'a Traits) -> impl Iterator<Item = (&'static str, &'a str, u32)> {
    std::iter::once(("section", article.section, SECTION_WEIGHT))
        .chain(article.regions.iter().map(|r| ("region", r.as_str(), REGION_WEIGHT)))
        .chain(article.tags.iter().map(|t| ("tag", t.as_str(), TAG_WEIGHT)))
}

/// Higher score first, then newer, then slug A to Z.
fn order(all: &[Traits], (score_a, a): (u32, usize), (score_b, b): (u32, usize)) -> std::cmp::Ordering {
    score_b
        .cmp(&score_a)
        .then_with(|| all[b].published.cmp(&all[a].published))
        .then_with(|| all[a].slug.cmp(all[b].slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traits<'a>(
        slug: &'a str,
        section: &'a str,
        regions: &'a [String],
        tags: &'a [String],
        published: i64,
    ) -> Traits<'a> {
        Traits { slug, section, regions, tags, published }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn prefers_shared_tags_then_regions_then_recency_and_never_itself() {
        let (mea, apac) = (strings(&["middle-east-africa"]), strings(&["asia-pacific"]));
        let (ransomware, both, none) = (strings(&["ransomware"]), strings(&["ransomware", "phishing"]), strings(&[]));
        let all = vec![
            traits("origin", "breaches", &mea, &both, 100),
            traits("shares-two-tags", "policy", &apac, &both, 10),
            traits("shares-one-tag", "policy", &apac, &ransomware, 50),
            traits("shares-region-new", "policy", &mea, &none, 90),
            traits("shares-region-old", "policy", &mea, &none, 20),
            traits("nothing-in-common", "policy", &apac, &none, 99),
        ];
        let related = related_all(&all, 4);
        let names: Vec<&str> = related[0].iter().map(|&i| all[i].slug).collect();
        assert_eq!(names, ["shares-two-tags", "shares-one-tag", "shares-region-new", "shares-region-old"]);
        for (index, picks) in related.iter().enumerate() {
            assert!(!picks.contains(&index), "{} relates to itself", all[index].slug);
            assert_eq!(picks.len(), 4);
        }
    }

    #[test]
    fn the_index_agrees_with_pairwise_scoring() {
        let tags: Vec<Vec<String>> =
            (0..40).map(|i| strings(&[["a", "b", "c", "d"][i % 4], ["x", "y", "z"][i % 3]])).collect();
        let regions: Vec<Vec<String>> = (0..40).map(|i| strings(&[["mea", "apac"][i % 2]])).collect();
        let slugs: Vec<String> = (0..40).map(|i| format!("story-{i:02}")).collect();
        let sections = ["s1", "s2", "s3"];
        let all: Vec<Traits> = (0..40)
            .map(|i| traits(&slugs[i], sections[i % 3], &regions[i], &tags[i], (i as i64 * 7919) % 97))
            .collect();
        let related = related_all(&all, 5);
        for (index, picks) in related.iter().enumerate() {
            let mut expected: Vec<usize> = (0..all.len()).filter(|&o| o != index).collect();
            expected.sort_by(|&a, &b| order(&all, (score(&all[index], &all[a]), a), (score(&all[index], &all[b]), b)));
            expected.truncate(5);
            assert_eq!(picks, &expected, "article {index}");
        }
    }

    #[test]
    fn fills_with_recent_stories_and_breaks_ties_by_slug() {
        let (none, one) = (strings(&[]), strings(&["x"]));
        let all = vec![
            traits("a", "s1", &none, &none, 5),
            traits("c", "s2", &none, &none, 7),
            traits("b", "s3", &none, &none, 7),
            traits("d", "s4", &none, &one, 1),
        ];
        let related = related_all(&all, 2);
        assert_eq!(related[0], vec![2, 1], "same date: b before c");
        assert_eq!(related, related_all(&all, 2), "deterministic");
    }
}
