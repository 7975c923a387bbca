//! Corpus-aware cleaning. With many documents loaded, one more piece of evidence exists: a block
//! repeated verbatim in documents that tell *different* stories is the site's boilerplate (a
//! footer, a newsletter prompt, an "Opinion / Editorial" rail), while a passage shared by
//! documents that also share their surrounding text is the same story syndicated, and stays.
//!
//! "Same story" is decided per pair of documents from the word 4-gram shingles of their content
//! blocks (blocks of at least [`CleanConfig::corpus_content_words`] words): two documents sharing
//! at least [`CleanConfig::same_story_overlap`] of the smaller one's shingles are one story. A
//! block is boilerplate in a document when other documents repeat it and none of them tells that
//! document's story (so another story's first sentence shown as a teaser in a rail goes from the
//! rail and stays in that story's copies). The decision depends only on the *set* of documents,
//! never on their order.

use super::{block_key, clean_blocks, read_blocks, CleanConfig, CleanOverrides, CleanedDocument, InputFormat};

/// One document of a corpus to clean.
#[derive(Debug, Clone, Copy)]
pub struct CorpusInput<'a> {
    pub text: &'a str,
    pub format: InputFormat,
    /// The page's "keep this line" choices for this document.
    pub overrides: Option<&'a CleanOverrides>,
}

impl<'a> CorpusInput<'a> {
    pub fn new(text: &'a str, format: InputFormat) -> Self {
        CorpusInput { text, format, overrides: None }
    }
}

/// Cleans every document, using repeats across documents as evidence. With one document this is
/// [`super::clean_with_overrides`].
pub fn clean_corpus(docs: &[CorpusInput<'_>], config: &CleanConfig) -> Vec<CleanedDocument> {
    let empty = CleanOverrides::default();
    let read: Vec<_> = docs.iter().map(|d| read_blocks(d.text, d.format, config)).collect();
    let keys: Vec<Vec<u64>> = read.iter().map(|r| r.blocks.iter().map(|b| block_key(&b.text)).collect()).collect();

    // Word 4-gram shingles of each document's content blocks (sorted, distinct), for the
    // same-story test: copies of a story keep most of them through a site's house edits
    // (synonyms, merged paragraphs), different stories share almost none.
    let shingles: Vec<Vec<u64>> = read
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            for b in &r.blocks {
                let mut hashes = Vec::new();
                super::features::for_each_word(&b.text, |w| hashes.push(super::features::word_hash(w)));
                if hashes.len() < config.corpus_content_words {
                    continue;
                }
                out.extend(
                    hashes.windows(SHINGLE_WORDS).map(|w| w.iter().fold(0u64, |acc, h| acc.rotate_left(17) ^ h)),
                );
            }
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect();

    // Which documents hold each block: (block, document) for each distinct block of each
    // document, sorted by block (stable, so each block's holders stay in index order), makes
    // each block's holders one run. A flat list instead of a map of lists: one allocation, and no
    // tree walk per block (the map's inserts grew faster than the corpus).
    let mut held: Vec<(u64, usize)> = Vec::with_capacity(keys.iter().map(Vec::len).sum());
    for (d, k) in keys.iter().enumerate() {
        let mut distinct = k.clone();
        distinct.sort_unstable();
        distinct.dedup();
        held.extend(distinct.into_iter().map(|key| (key, d)));
    }
    crate::sort::sort_by_key(&mut held, |&(key, _)| key);
    let mut holder_docs: Vec<usize> = held.iter().map(|&(_, d)| d).collect();

    // A block is the site's boilerplate in document `d` when other documents repeat it and none
    // of them tells d's story; where another holder is a copy of d's story, the block is part of
    // that story (a syndicated passage) and stays.
    //
    // A block held by k documents would need k² story comparisons (a site footer in 100,000
    // documents: 10^10). Up to `corpus_max_compared` holders every pair is compared; beyond that
    // the holders are put in an order defined by their content (story signature first: the
    // smallest shingle hash, which copies of one story share with a probability equal to their
    // overlap, so copies sit next to each other) and each document is compared with its
    // `corpus_max_compared` nearest holders in that order. The work grows as k × cap, and the
    // result depends only on the set of documents, never on their order.
    let order_key: Vec<(u64, u64)> = shingles
        .iter()
        .zip(&keys)
        .map(|(s, k)| (s.first().copied().unwrap_or(u64::MAX), content_fingerprint(s, k)))
        .collect();
    let cap = config.corpus_max_compared.max(1);
    // Per document, its boilerplate blocks and their holder counts.
    let mut boilerplate: Vec<Vec<(u64, usize)>> = vec![Vec::new(); docs.len()];
    let sketches: Vec<StorySketch> = shingles.iter().map(|s| StorySketch::new(s)).collect();
    let compare = |d: usize, o: usize| -> bool {
        let (a, b) = (&shingles[d], &shingles[o]);
        // The sketch bounds the shared count from above: when even the bound falls short, the
        // merge would answer "no" too, so most pairs (different stories) skip it.
        let need = shared_needed(a.len().min(b.len()), config.same_story_overlap);
        sketches[d].max_shared(&sketches[o]) >= need && shares_story(a, b, config.same_story_overlap)
    };
    if !config.disabled {
        let mut start = 0;
        while start < held.len() {
            let key = held[start].0;
            let end = start + held[start..].iter().take_while(|&&(k, _)| k == key).count();
            let docs_with = &mut holder_docs[start..end];
            start = end;
            if docs_with.len() < 2 {
                continue;
            }
            if docs_with.len() <= cap.saturating_add(1) {
                for &d in docs_with.iter() {
                    if !docs_with.iter().any(|&o| o != d && compare(d, o)) {
                        boilerplate[d].push((key, docs_with.len()));
                    }
                }
                continue;
            }
            // Identical order keys mean identical content, so ties broken by index change nothing.
            crate::sort::sort_by_key(docs_with, |&d| (order_key[d], d));
            let half = cap.div_ceil(2);
            for p in 0..docs_with.len() {
                let d = docs_with[p];
                let from = p.saturating_sub(half);
                let to = (p + half + 1).min(docs_with.len());
                if !(from..to).any(|q| q != p && compare(d, docs_with[q])) {
                    boilerplate[d].push((key, docs_with.len()));
                }
            }
        }
    }

    read.into_iter()
        .zip(&keys)
        .zip(docs)
        .enumerate()
        .map(|(index, ((r, k), d))| {
            let mut found = std::mem::take(&mut boilerplate[index]);
            crate::sort::sort_by_key(&mut found, |&(key, _)| key);
            let repeats: Vec<Option<usize>> =
                k.iter().map(|key| found.binary_search_by_key(key, |&(k, _)| k).ok().map(|i| found[i].1)).collect();
            clean_blocks(r, config, d.overrides.unwrap_or(&empty), &repeats)
        })
        .collect()
}

/// A hash of a document's content (its shingles and block keys), to order documents by what they
/// hold rather than by where they were loaded.
fn content_fingerprint(shingles: &[u64], keys: &[u64]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &v in shingles.iter().chain(keys) {
        hash = (hash ^ v).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    hash
}

/// Shingles of four words: long enough that different stories on one topic rarely share them.
const SHINGLE_WORDS: usize = 4;

/// How many shingles two documents must share to tell one story, the smaller holding `smaller`.
fn shared_needed(smaller: usize, overlap: f64) -> usize {
    // `both >= ceil(x)` is `both as f64 >= x` for a whole count.
    (overlap * smaller as f64).ceil() as usize
}

/// Words of [`StorySketch::bits`]: 4,096 bits, so that two different stories of a few hundred
/// shingles each light few common bits (about n²/4096) and the bound stays well under the
/// same-story threshold; 512 bytes per document.
const SKETCH_WORDS: usize = 64;

/// A fixed-size summary of a shingle set that bounds its intersection with another from above,
/// exactly: shingles fall into 4,096 buckets by hash; a shared shingle lands in the same bucket
/// in both sets, so the shared count is at most the buckets both sets occupy, plus at most the
/// shingles either set has beyond the first in each occupied bucket.
struct StorySketch {
    bits: [u64; SKETCH_WORDS],
    /// Shingles beyond the first in their bucket.
    excess: usize,
}

impl StorySketch {
    fn new(shingles: &[u64]) -> Self {
        let mut bits = [0u64; SKETCH_WORDS];
        for &h in shingles {
            // A multiplicative mix so that the bucket reads well-spread high bits.
            let bucket = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize;
            if let Some(word) = bits.get_mut(bucket / 64) {
                *word |= 1u64 << (bucket % 64);
            }
        }
        let occupied: usize = bits.iter().map(|w| w.count_ones() as usize).sum();
        StorySketch { bits, excess: shingles.len().saturating_sub(occupied) }
    }

    /// An upper bound on the shingles the two sets share.
    fn max_shared(&self, other: &StorySketch) -> usize {
        let both: u32 = self.bits.iter().zip(&other.bits).map(|(a, b)| (a & b).count_ones()).sum();
        both as usize + self.excess.min(other.excess)
    }
}

/// True when two sorted, distinct shingle lists share at least `overlap` of the smaller.
fn shares_story(a: &[u64], b: &[u64], overlap: f64) -> bool {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return false;
    }
    // The merge stops as soon as the answer is known: enough shared shingles found, or too few
    // left on the shorter side to reach the threshold (most pairs are different stories and
    // stop early).
    let need = shared_needed(smaller, overlap);
    if need == 0 {
        return true;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if both >= need {
            return true;
        }
        if both + (a.len() - i).min(b.len() - j) < need {
            return false;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both >= need
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::RemovalReason;

    const HOUSING: &str = "The council voted on Tuesday to expand the housing programme across the whole region.\n\n\
        Officials said the plan would cost less than the previous one and reach more families.\n\n\
        Critics argued that the budget had not been debated in public before the vote.\n";
    const TRANSPORT: &str =
        "A new tram line will link the airport with the old town from next spring, the operator said.\n\n\
        Trains will run every ten minutes during the day and every half hour at night.\n\n\
        Tickets bought for the bus network will also be valid on the new line, which cost two hundred million.\n";
    const SITE_ONE_PROMPT: &str =
        "Sign up for our daily briefing and get the news that matters to you every morning.\n";
    const SITE_TWO_PROMPT: &str =
        "Our reporters cover the region every day, and your support keeps local journalism alive.\n";

    #[test]
    fn site_prompt_is_boilerplate_but_syndicated_story_stays() {
        // One site publishes two stories with its prompt; another site syndicates the first story.
        let a = format!("{HOUSING}\n{SITE_ONE_PROMPT}");
        let b = format!("{TRANSPORT}\n{SITE_ONE_PROMPT}");
        let c = format!("{HOUSING}\n{SITE_TWO_PROMPT}");
        let docs = [
            CorpusInput::new(&a, InputFormat::Text),
            CorpusInput::new(&b, InputFormat::Text),
            CorpusInput::new(&c, InputFormat::Text),
        ];
        let out = clean_corpus(&docs, &CleanConfig::default());
        for doc in &out[..2] {
            assert_eq!(doc.paragraphs.len(), 3, "{:?}", doc.removed);
            assert!(matches!(
                doc.removed.last().map(|r| &r.reason),
                Some(RemovalReason::RepeatedAcrossDocuments { count: 2 })
            ));
        }
        // The shared story stays whole in both copies; the second site's prompt is seen once.
        assert_eq!(out[0].paragraphs, out[2].paragraphs[..3].to_vec());
        // Order does not matter.
        let reversed = [docs[2], docs[1], docs[0]];
        let back = clean_corpus(&reversed, &CleanConfig::default());
        assert_eq!(back[0], out[2]);
        assert_eq!(back[2], out[0]);
    }

    #[test]
    fn capped_comparison_is_order_independent_and_still_finds_boilerplate() {
        // Eight documents share the prompt; each compares with at most two others.
        let config = CleanConfig { corpus_max_compared: 2, ..CleanConfig::default() };
        // Eight different stories: sentences of words drawn by a small generator per story.
        const VOCABULARY: &[&str] = &[
            "the",
            "council",
            "voted",
            "to",
            "build",
            "a",
            "bridge",
            "over",
            "river",
            "and",
            "said",
            "it",
            "would",
            "cost",
            "less",
            "than",
            "planned",
            "officials",
            "argued",
            "that",
            "budget",
            "was",
            "not",
            "debated",
            "in",
            "public",
            "before",
            "vote",
            "families",
            "school",
            "hospital",
            "road",
            "train",
            "station",
            "market",
            "farmers",
            "prices",
            "rain",
            "storm",
            "ferry",
        ];
        let stories: Vec<String> = (0..8u64)
            .map(|i| {
                let mut state = i * 7919 + 13;
                let mut paragraph = || {
                    let words: Vec<&str> = (0..18)
                        .map(|_| {
                            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                            VOCABULARY[(state >> 33) as usize % VOCABULARY.len()]
                        })
                        .collect();
                    format!("{}.", words.join(" "))
                };
                format!("{}\n\n{}\n\n{}\n\n{SITE_ONE_PROMPT}", paragraph(), paragraph(), paragraph())
            })
            .collect();
        let docs: Vec<CorpusInput<'_>> = stories.iter().map(|s| CorpusInput::new(s, InputFormat::Text)).collect();
        let out = clean_corpus(&docs, &config);
        for doc in &out {
            assert!(
                matches!(
                    doc.removed.last().map(|r| &r.reason),
                    Some(RemovalReason::RepeatedAcrossDocuments { count: 8 })
                ),
                "{:?}",
                doc.removed
            );
        }
        let reversed: Vec<CorpusInput<'_>> = docs.iter().rev().copied().collect();
        let back = clean_corpus(&reversed, &config);
        for (i, doc) in back.iter().enumerate() {
            assert_eq!(*doc, out[out.len() - 1 - i]);
        }
    }

    #[test]
    fn sketch_bound_is_never_below_the_shared_count() {
        // Sets from a few to thousands of shingles (past 4,096, so buckets hold several), with
        // a varying share in common: the bound must hold for every pair, or a same-story pair
        // would be missed.
        let mut state = 7u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            state ^ (state >> 29)
        };
        for size in [3usize, 40, 250, 1_000, 6_000] {
            for shared_per_mille in [0usize, 100, 300, 900] {
                let common: Vec<u64> = (0..size * shared_per_mille / 1000).map(|_| next()).collect();
                let mut a: Vec<u64> = common.iter().copied().chain((0..size).map(|_| next())).collect();
                let mut b: Vec<u64> = common.iter().copied().chain((0..size / 2).map(|_| next())).collect();
                for v in [&mut a, &mut b] {
                    v.sort_unstable();
                    v.dedup();
                }
                let shared = a.iter().filter(|h| b.binary_search(h).is_ok()).count();
                let bound = StorySketch::new(&a).max_shared(&StorySketch::new(&b));
                assert!(bound >= shared, "size {size}: bound {bound} < shared {shared}");
                // And it is tight enough to matter for a few hundred shingles of different stories.
                if size == 250 && shared_per_mille == 0 {
                    assert!(bound < shared_needed(b.len(), SAME_STORY_OVERLAP_FOR_TEST), "bound {bound}");
                }
            }
        }
    }

    const SAME_STORY_OVERLAP_FOR_TEST: f64 = crate::clean::SAME_STORY_OVERLAP;
}
