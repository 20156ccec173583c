//! "You May Also Like": relevance from shared tags, regions and section,
//! then recency, then slug, so ties always break the same way.

use std::collections::HashMap;

use rayon::prelude::*;

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

/// How related `b` is to `a`: the weights of what they share.
pub fn score(a: &Traits, b: &Traits) -> u32 {
    weigh((a.tags, b.tags), (a.regions, b.regions), a.section == b.section)
}

/// The one relevance rule, on names or on their numbers: each shared tag,
/// each shared region, and a shared section adds its weight.
fn weigh<T: PartialEq>(tags: (&[T], &[T]), regions: (&[T], &[T]), same_section: bool) -> u32 {
    let shared = |(x, y): (&[T], &[T])| x.iter().filter(|item| y.contains(item)).count() as u32;
    TAG_WEIGHT * shared(tags) + REGION_WEIGHT * shared(regions) + SECTION_WEIGHT * u32::from(same_section)
}

/// How many articles each tag's and pair's candidate list holds at most:
/// its newest. Per article, the work is bounded by these times its lists
/// (about ten for an article with three tags), whatever the archive's
/// size.
pub const CANDIDATES: usize = 400;
/// The same for a section's or a region's list, which only decide the
/// picks of an article with few others sharing a tag (a shared tag
/// outweighs a shared region and section together).
pub const BROAD_CANDIDATES: usize = 100;

/// For every article, the indexes of its `count` most related others.
///
/// At archive scale (issue 18) a section or a region holds a large share
/// of all articles, so scoring every article that shares one with every
/// other is quadratic. Candidates come instead from lists that are each
/// cut to their newest [`CANDIDATES`]: one per tag, region and section,
/// and one per pair of tags, which finds the articles that share several
/// tags (the best picks) however common each tag is. Among equal scores
/// the newer wins, so the newest of a list are the ones the exact answer
/// would take from it. Each candidate is then scored exactly
/// ([`score`]), and the best `count` are sorted; the rest of the list is
/// filled by recency. Where every list is shorter than the cut (the
/// sample newsroom), this is the exact answer; docs/benchmarks.md gives
/// how often the picks differ on larger synthetic newsrooms.
pub fn related_all(all: &[Traits], count: usize) -> Vec<Vec<usize>> {
    let mut newest_first: Vec<usize> = (0..all.len()).collect();
    newest_first.sort_by(|&a, &b| order(all, (0, a), (0, b)));
    // Every name as a number, so that scoring compares integers.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let interned: Vec<Interned> = all
        .iter()
        .map(|article| Interned {
            section: intern(&mut ids, article.section),
            regions: article.regions.iter().map(|r| intern(&mut ids, r)).collect(),
            tags: article.tags.iter().map(|t| intern(&mut ids, t)).collect(),
        })
        .collect();
    // Each article's lists, made once: they place it on them, then find
    // its candidates.
    let keys: Vec<Vec<Key>> = interned.iter().map(Interned::keys).collect();
    let mut lists: HashMap<Key, Vec<u32>> = HashMap::new();
    for &index in &newest_first {
        for &key in &keys[index] {
            let list = lists.entry(key).or_default();
            if list.len() < if key.0 < 3 { BROAD_CANDIDATES } else { CANDIDATES } {
                list.push(index as u32);
            }
        }
    }
    // Articles are picked for on every core, each thread with its own
    // marks of the candidates it has seen.
    interned
        .par_iter()
        .enumerate()
        .map_init(
            || vec![false; all.len()],
            |seen, (index, article)| {
                let mut scored: Vec<(u32, usize)> = Vec::new();
                for key in &keys[index] {
                    for &other in lists.get(key).into_iter().flatten() {
                        let other = other as usize;
                        if other != index && !seen[other] {
                            seen[other] = true;
                            scored.push((article.score(&interned[other]), other));
                        }
                    }
                }
                for &(_, other) in &scored {
                    seen[other] = false;
                }
                if scored.len() > count {
                    scored.select_nth_unstable_by(count, |&a, &b| order(all, a, b));
                    scored.truncate(count);
                }
                scored.sort_by(|&a, &b| order(all, a, b));
                let mut picks: Vec<usize> = scored.iter().map(|&(_, other)| other).collect();
                for &other in &newest_first {
                    if picks.len() >= count {
                        break;
                    }
                    if other != index && !picks.contains(&other) {
                        picks.push(other);
                    }
                }
                picks
            },
        )
        .collect()
}

/// `name`'s number, given it on first sight.
fn intern<'a>(ids: &mut HashMap<&'a str, u32>, name: &'a str) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(name).or_insert(next)
}

/// An article's traits with every name as a number.
struct Interned {
    section: u32,
    regions: Vec<u32>,
    tags: Vec<u32>,
}

/// A candidate list: a section, a region, a tag, or a pair or three of
/// tags (in order, so that each has one list).
type Key = (u8, u32, u32, u32);

/// How many of an article's tags (the first, which editors list as the
/// most important) make its pairs and its threes: at most 15 pair lists
/// and 4 three lists an article, however many tags it has.
pub const PAIRED_TAGS: usize = 6;
pub const TRIPLED_TAGS: usize = 4;

impl Interned {
    /// [`score`], on numbers.
    fn score(&self, other: &Interned) -> u32 {
        weigh((&self.tags, &other.tags), (&self.regions, &other.regions), self.section == other.section)
    }

    /// The lists the article is on: its section, regions and tags, each
    /// pair of its first [`PAIRED_TAGS`] tags, and each three of its first
    /// [`TRIPLED_TAGS`] (the articles sharing three tags are the best
    /// picks, and a list of them stays short at any scale).
    fn keys(&self) -> Vec<Key> {
        let first = |n: usize| {
            let mut tags = self.tags[..self.tags.len().min(n)].to_vec();
            tags.sort_unstable();
            tags.dedup();
            tags
        };
        let paired = first(PAIRED_TAGS);
        let pairs: Vec<Key> = (0..paired.len())
            .flat_map(|i| (i + 1..paired.len()).map(move |j| (i, j)))
            .map(|(i, j)| (3, paired[i], paired[j], 0))
            .collect();
        let tripled = first(TRIPLED_TAGS);
        let n = tripled.len();
        let triples: Vec<Key> = (0..n)
            .flat_map(|i| (i + 1..n).flat_map(move |j| (j + 1..n).map(move |k| (i, j, k))))
            .map(|(i, j, k)| (4, tripled[i], tripled[j], tripled[k]))
            .collect();
        std::iter::once((0, self.section, 0, 0))
            .chain(self.regions.iter().map(|&r| (1, r, 0, 0)))
            .chain(self.tags.iter().map(|&t| (2, t, 0, 0)))
            .chain(pairs)
            .chain(triples)
            .collect()
    }
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

    /// A newsroom shaped like `dispatch-press synthetic`'s: one of six
    /// sections, one of three regions, three of eighteen tags, one story an
    /// hour.
    fn synthetic(articles: usize) -> (Vec<String>, Vec<Vec<String>>, Vec<Vec<String>>) {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let (mut slugs, mut regions, mut tags) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..articles {
            slugs.push(format!("story-{i}"));
            regions.push(vec![format!("region-{}", next(3))]);
            let mut three: Vec<String> = (0..3).map(|_| format!("tag-{}", next(18))).collect();
            three.dedup();
            tags.push(three);
        }
        (slugs, regions, tags)
    }

    /// How far the picks are from the exact ones (every pair scored) on
    /// `articles` synthetic stories: the share of articles whose picks are
    /// the same in the same order, and the share of picks that are the
    /// exact answer's.
    pub fn agreement(articles: usize) -> (f64, f64) {
        let (slugs, regions, tags) = synthetic(articles);
        let sections = ["s1", "s2", "s3", "s4", "s5", "s6"];
        let all: Vec<Traits> = (0..articles)
            .map(|i| traits(&slugs[i], sections[(i * 7) % 6], &regions[i], &tags[i], i as i64 * 3600))
            .collect();
        let picks = related_all(&all, 4);
        let (mut same, mut kept) = (0, 0);
        for (index, picks) in picks.iter().enumerate() {
            let mut scored: Vec<(u32, usize)> =
                (0..all.len()).filter(|&o| o != index).map(|o| (score(&all[index], &all[o]), o)).collect();
            scored.select_nth_unstable_by(4, |&a, &b| order(&all, a, b));
            scored.truncate(4);
            scored.sort_by(|&a, &b| order(&all, a, b));
            let exact: Vec<usize> = scored.into_iter().map(|(_, o)| o).collect();
            same += usize::from(&exact == picks);
            kept += exact.iter().filter(|pick| picks.contains(pick)).count();
        }
        (same as f64 / articles as f64, kept as f64 / (articles * 4) as f64)
    }

    #[test]
    fn bounded_candidates_keep_the_exact_picks_of_a_mid_sized_newsroom() {
        let (same, kept) = agreement(3_000);
        eprintln!("3,000 synthetic articles: {:.1}% the same picks, {:.1}% of picks kept", same * 100.0, kept * 100.0);
        assert!(kept >= 0.95, "{kept}");
    }

    /// The figures docs/benchmarks.md gives, printed by `cargo xtask bench`.
    #[test]
    #[ignore = "a measurement: a minute in a release build"]
    fn agreement_at_scale() {
        for articles in [10_000, 30_000] {
            let (same, kept) = agreement(articles);
            eprintln!(
                "{articles} synthetic articles: {:.1}% the same picks, {:.1}% of picks kept",
                same * 100.0,
                kept * 100.0
            );
            assert!(kept >= 0.9, "{kept}");
        }
    }
}
