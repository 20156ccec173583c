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
/// Only articles that share something are scored (through an index of
/// tags, regions and sections), so 10,000 articles take a moment rather
/// than a hundred million comparisons; the rest of the list is filled by
/// recency.
pub fn related_all(all: &[Traits], count: usize) -> Vec<Vec<usize>> {
    let mut by_trait: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (index, article) in all.iter().enumerate() {
        by_trait.entry(("section", article.section)).or_default().push(index);
        for region in article.regions {
            by_trait.entry(("region", region)).or_default().push(index);
        }
        for tag in article.tags {
            by_trait.entry(("tag", tag)).or_default().push(index);
        }
    }
    let mut newest_first: Vec<usize> = (0..all.len()).collect();
    newest_first.sort_by(|&a, &b| order(all, (0, a), (0, b)));

    let mut seen = vec![false; all.len()];
    all.iter()
        .enumerate()
        .map(|(index, article)| {
            let mut touched = Vec::new();
            let keys = std::iter::once(("section", article.section))
                .chain(article.regions.iter().map(|r| ("region", r.as_str())))
                .chain(article.tags.iter().map(|t| ("tag", t.as_str())));
            for key in keys {
                for &other in by_trait.get(&key).into_iter().flatten() {
                    if other != index && !seen[other] {
                        seen[other] = true;
                        touched.push(other);
                    }
                }
            }
            let mut scored: Vec<(u32, usize)> =
                touched.iter().map(|&other| (score(article, &all[other]), other)).collect();
            for &other in &touched {
                seen[other] = false;
            }
            scored.sort_by(|&a, &b| order(all, a, b));
            let mut picks: Vec<usize> = scored.into_iter().take(count).map(|(_, other)| other).collect();
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

/// Higher score first, then newer, then slug A to Z.
fn order(all: &[Traits], (score_a, a): (u32, usize), (score_b, b): (u32, usize)) -> std::cmp::Ordering {
    score_b
        .cmp(&score_a)
        .then(all[b].published.cmp(&all[a].published))
        .then(all[a].slug.cmp(all[b].slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traits<'a>(slug: &'a str, section: &'a str, regions: &'a [String], tags: &'a [String], published: i64) -> Traits<'a> {
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
