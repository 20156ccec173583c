//! "You May Also Like": relevance from shared tags, regions and section,
//! then recency, then slug, so ties always break the same way.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

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
/// would take from it. Each candidate is then scored exactly (the
/// weights of what they share), and the best `count` are sorted; the rest
/// of the list is filled by recency. Where every list is shorter than the cut (the
/// sample newsroom), this is the exact answer; docs/benchmarks.md gives
/// how often the picks differ on larger synthetic newsrooms.
pub fn related_all(all: &[Traits], count: usize) -> Vec<Vec<usize>> {
    let index = Index::new(all);
    (0..all.len())
        .into_par_iter()
        .map_init(|| vec![false; all.len()], |seen, article| index.picks(article, count, seen))
        .collect()
}

/// The picks of [`related_all`] for `all`, made from the picks it gave
/// `old` (a previous build's articles, each pick an index into `old`)
/// by redoing only the articles a change can reach: the same answer, in
/// a small part of the time when a few articles were added, edited or
/// deleted (issue 18: one article published into a 100,000-article
/// archive).
///
/// An article's picks are the best `count` of its candidates, the
/// members of its lists. They can only change when
/// - the article itself changed;
/// - a list of its own lost one of its picks, or gained a candidate that
///   outranks its weakest pick;
/// - one of its picks changed (its score may have);
/// - it has fewer than `count` candidates, and was filled by recency,
///   which any change can move.
///
/// Every other article keeps its picks, and only the lists that hold a
/// changed article are compared, so the work grows with the change, not
/// with the archive (beyond one pass to build the lists).
pub fn related_update(old: &[Traits], old_picks: &[Vec<usize>], all: &[Traits], count: usize) -> Vec<Vec<usize>> {
    let index = Index::new(all);
    let new_at: FxHashMap<&str, usize> = all.iter().enumerate().map(|(i, t)| (t.slug, i)).collect();
    let old_at: FxHashMap<&str, usize> = old.iter().enumerate().map(|(i, t)| (t.slug, i)).collect();
    let same = |a: &Traits, b: &Traits| {
        a.section == b.section && a.regions == b.regions && a.tags == b.tags && a.published == b.published
    };
    let changed_new: Vec<usize> =
        (0..all.len()).filter(|&i| old_at.get(all[i].slug).is_none_or(|&o| !same(&old[o], &all[i]))).collect();
    let changed_old: Vec<usize> =
        (0..old.len()).filter(|&o| new_at.get(old[o].slug).is_none_or(|&i| !same(&old[o], &all[i]))).collect();
    let changed: FxHashSet<&str> =
        changed_new.iter().map(|&i| all[i].slug).chain(changed_old.iter().map(|&o| old[o].slug)).collect();

    // Every list a changed article is on, before or after.
    let mut touched: FxHashMap<Key, Touched> = FxHashMap::default();
    let mut gone: FxHashMap<&str, u32> = FxHashMap::default();
    for &i in &changed_new {
        for &key in &index.keys[i] {
            touched.entry(key).or_default().new.push((all[i].published, all[i].slug));
        }
    }
    for &o in &changed_old {
        for key in index.intern_old(&old[o], &mut gone).keys() {
            touched.entry(key).or_default().old.push((old[o].published, old[o].slug));
        }
    }
    // Each touched list's members, all of them, newest first: the list
    // is their newest, and every member gets its candidates from it.
    let mut members: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    for &article in &index.newest_first {
        for key in index.keys[article].iter().filter(|key| touched.contains_key(key)) {
            members.entry(*key).or_default().push(article);
        }
    }
    // What each touched list gained and lost: the candidates an
    // unchanged article on it must weigh again.
    let mut shifts: FxHashMap<Key, (FxHashSet<&str>, Vec<usize>)> = FxHashMap::default();
    for (key, touched) in &touched {
        let cut = cut(key);
        let everyone = members.get(key).map_or(&[][..], Vec::as_slice);
        let now: Vec<usize> = everyone.iter().copied().take(cut).collect();
        let mut before: Vec<(i64, &str)> = everyone
            .iter()
            .filter(|&&a| !changed.contains(all[a].slug))
            .take(cut)
            .map(|&a| (all[a].published, all[a].slug))
            .chain(touched.old.iter().copied())
            .collect();
        before.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        before.truncate(cut);
        let before_slugs: FxHashSet<&str> = before.iter().map(|&(_, slug)| slug).collect();
        let now_slugs: FxHashSet<&str> = now.iter().map(|&a| all[a].slug).collect();
        let lost: FxHashSet<&str> =
            before_slugs.iter().filter(|s| !now_slugs.contains(*s) || changed.contains(*s)).copied().collect();
        let gained: Vec<usize> = now
            .iter()
            .copied()
            .filter(|&a| !before_slugs.contains(all[a].slug) || changed.contains(all[a].slug))
            .collect();
        if !(lost.is_empty() && gained.is_empty()) {
            shifts.insert(*key, (lost, gained));
        }
    }

    // Each article keeps its picks unless it changed, has fewer than
    // `count`, has a pick that is gone, changed or was filled in by
    // recency (no score), or is on a list that lost one of its picks or
    // gained a candidate that outranks its weakest.
    (0..all.len())
        .into_par_iter()
        .map_init(
            || vec![false; all.len()],
            |seen, article| {
                let kept = old_at.get(all[article].slug).filter(|_| !changed.contains(all[article].slug)).and_then(
                    |&o| -> Option<Vec<usize>> {
                        let kept: Vec<usize> =
                            old_picks[o].iter().map(|&p| new_at.get(old[p].slug).copied()).collect::<Option<_>>()?;
                        let scored = |p: usize| index.score(article, p);
                        let whole = kept.len() == count
                            && kept.iter().all(|&p| !changed.contains(all[p].slug) && scored(p) > 0);
                        if !whole {
                            return None;
                        }
                        let weakest = *kept.last().expect("count picks");
                        let weakest = index.rank_key(scored(weakest), weakest);
                        let moved =
                            index.keys[article].iter().filter_map(|key| shifts.get(key)).any(|(lost, gained)| {
                                kept.iter().any(|&p| lost.contains(all[p].slug))
                                    || gained.iter().any(|&candidate| {
                                        candidate != article && index.rank_key(scored(candidate), candidate) < weakest
                                    })
                            });
                        (!moved).then_some(kept)
                    },
                );
                kept.unwrap_or_else(|| index.picks(article, count, seen))
            },
        )
        .collect()
}

/// A touched list's changed members: as they are now, and as they were.
#[derive(Default)]
struct Touched<'a> {
    new: Vec<(i64, &'a str)>,
    old: Vec<(i64, &'a str)>,
}

/// How long `key`'s list is at most.
fn cut(key: &Key) -> usize {
    if key.0 < 3 {
        BROAD_CANDIDATES
    } else {
        CANDIDATES
    }
}

/// Every article's lists, and each list's newest members.
struct Index<'a> {
    ids: FxHashMap<&'a str, u32>,
    /// Every article's traits as numbers, one after another, for
    /// [`Index::score`]: section, how many regions, the regions, the
    /// tags. Scoring reads one candidate's traits from one place (it
    /// runs a few thousand times an article, on candidates all over the
    /// archive; a `Vec` of `Interned` cost three reads far apart).
    packed: Vec<u32>,
    /// Where each article's traits start in `packed`, and the end.
    starts: Vec<u32>,
    /// Each article's place in `newest_first`.
    rank: Vec<u32>,
    keys: Vec<Vec<Key>>,
    lists: FxHashMap<Key, Vec<u32>>,
    newest_first: Vec<usize>,
}

impl<'a> Index<'a> {
    fn new(all: &[Traits<'a>]) -> Index<'a> {
        let mut newest_first: Vec<usize> = (0..all.len()).collect();
        newest_first.sort_by(|&a, &b| order(all, (0, a), (0, b)));
        // Every name as a number, so that scoring compares integers.
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let interned: Vec<Interned> = all
            .iter()
            .map(|article| Interned {
                section: intern(&mut ids, article.section),
                regions: article.regions.iter().map(|r| intern(&mut ids, r)).collect(),
                tags: article.tags.iter().map(|t| intern(&mut ids, t)).collect(),
            })
            .collect();
        // Each article's lists, made once: they place it on them, then
        // find its candidates.
        let keys: Vec<Vec<Key>> = interned.iter().map(Interned::keys).collect();
        let mut packed = Vec::new();
        let mut starts = Vec::with_capacity(all.len() + 1);
        for article in &interned {
            starts.push(packed.len() as u32);
            packed.extend([article.section, article.regions.len() as u32]);
            packed.extend(article.regions.iter().chain(&article.tags));
        }
        starts.push(packed.len() as u32);
        let mut rank = vec![0; all.len()];
        for (place, &article) in newest_first.iter().enumerate() {
            rank[article] = place as u32;
        }
        let mut lists: FxHashMap<Key, Vec<u32>> = FxHashMap::default();
        for &index in &newest_first {
            for key in &keys[index] {
                let list = lists.entry(*key).or_default();
                if list.len() < cut(key) {
                    list.push(index as u32);
                }
            }
        }
        Index { ids, packed, starts, rank, keys, lists, newest_first }
    }

    /// [`weigh`] of articles `a` and `b`.
    fn score(&self, a: usize, b: usize) -> u32 {
        let traits = |article: usize| {
            let traits = &self.packed[self.starts[article] as usize..self.starts[article + 1] as usize];
            let regions = 2 + traits[1] as usize;
            (traits[0], &traits[2..regions], &traits[regions..])
        };
        let ((section_a, regions_a, tags_a), (section_b, regions_b, tags_b)) = (traits(a), traits(b));
        weigh((tags_a, tags_b), (regions_a, regions_b), section_a == section_b)
    }

    /// A candidate's place in [`order`] as one number, smaller first:
    /// its `score` from the top, then its place newest first (which
    /// [`order`] made: newer, then slug A to Z).
    fn rank_key(&self, score: u32, article: usize) -> u64 {
        (u64::from(u32::MAX - score) << 32) | u64::from(self.rank[article])
    }

    /// An old article's traits in this index's numbers. A name no
    /// article has now gets a number of its own from `gone` (counting
    /// down from the top), so its lists hold no article now.
    fn intern_old<'b>(&self, article: &Traits<'b>, gone: &mut FxHashMap<&'b str, u32>) -> Interned {
        let mut number = |name: &'b str| {
            self.ids.get(name).copied().unwrap_or_else(|| {
                let next = u32::MAX - gone.len() as u32;
                *gone.entry(name).or_insert(next)
            })
        };
        Interned {
            section: number(article.section),
            regions: article.regions.iter().map(|r| number(r)).collect(),
            tags: article.tags.iter().map(|t| number(t)).collect(),
        }
    }

    /// `article`'s best `count` candidates, filled by recency; `seen` is
    /// all false, and is left so.
    fn picks(&self, article: usize, count: usize, seen: &mut [bool]) -> Vec<usize> {
        let mut scored: Vec<u64> = Vec::new();
        for key in &self.keys[article] {
            for &other in self.lists.get(key).into_iter().flatten() {
                let other = other as usize;
                if other != article && !seen[other] {
                    seen[other] = true;
                    scored.push(self.rank_key(self.score(article, other), other));
                }
            }
        }
        let of = |key: u64| self.newest_first[(key & u64::from(u32::MAX)) as usize];
        for &key in &scored {
            seen[of(key)] = false;
        }
        if scored.len() > count {
            scored.select_nth_unstable(count);
            scored.truncate(count);
        }
        scored.sort_unstable();
        let mut picks: Vec<usize> = scored.iter().map(|&key| of(key)).collect();
        for &other in &self.newest_first {
            if picks.len() >= count {
                break;
            }
            if other != article && !picks.contains(&other) {
                picks.push(other);
            }
        }
        picks
    }
}

/// `name`'s number, given it on first sight.
fn intern<'a>(ids: &mut FxHashMap<&'a str, u32>, name: &'a str) -> u32 {
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

    /// How related `b` is to `a`, on names: the exact answer's score.
    fn score(a: &Traits, b: &Traits) -> u32 {
        weigh((a.tags, b.tags), (a.regions, b.regions), a.section == b.section)
    }

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

    /// One stored article of [`an_update_gives_what_a_full_build_gives`].
    #[derive(Clone)]
    struct Owned {
        slug: String,
        section: String,
        regions: Vec<String>,
        tags: Vec<String>,
        published: i64,
    }

    fn borrowed(all: &[Owned]) -> Vec<Traits<'_>> {
        all.iter().map(|a| traits(&a.slug, &a.section, &a.regions, &a.tags, a.published)).collect()
    }

    #[test]
    fn an_update_gives_what_a_full_build_gives() {
        // Large enough that section, region and tag lists are cut.
        let (slugs, regions, tags) = synthetic(2_500);
        let mut articles: Vec<Owned> = (0..slugs.len())
            .map(|i| Owned {
                slug: slugs[i].clone(),
                section: format!("s{}", (i * 7) % 6),
                regions: regions[i].clone(),
                tags: tags[i].clone(),
                published: i as i64 * 3600,
            })
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut picks = related_all(&borrowed(&articles), 4);
        for edit in 0..36 {
            let old = articles.clone();
            let at = next(articles.len());
            match edit % 6 {
                // Breaking news: the newest story.
                0 => articles.push(Owned {
                    slug: format!("new-{edit}"),
                    published: 10_000 * 3600 + edit,
                    ..articles[at].clone()
                }),
                1 => {
                    articles.remove(at);
                }
                2 => articles[at].tags = vec![format!("tag-{}", next(18)), format!("fresh-{edit}")],
                3 => articles[at].published = next(3_000) as i64 * 3600 + 1,
                4 => articles[at].section = format!("s{}", next(6)),
                // A story from the archive, added late.
                _ => articles.push(Owned { slug: format!("old-{edit}"), published: 5, ..articles[at].clone() }),
            }
            let (before, now) = (borrowed(&old), borrowed(&articles));
            let updated = related_update(&before, &picks, &now, 4);
            assert!(updated == related_all(&now, 4), "edit {edit} (kind {}) gives other picks", edit % 6);
            picks = updated;
        }
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
