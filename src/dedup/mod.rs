//! Near-duplicate scoring. Texts are compared in their matching form (case folded, quotes and
//! dashes unified, punctuation dropped) as sets of word k-shingles: exact Jaccard, containment
//! each way, and a headline score. Corpus clustering links documents whose score passes the
//! threshold.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::text;

/// Settings for dedup scoring and clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DedupConfig {
    /// Words per shingle.
    pub shingle_size: usize,
    /// Score at or above which two documents are the same story.
    pub threshold: f64,
}

/// Five words per shingle: long enough that shared function-word runs do not match, short
/// enough that a one-word house edit breaks only five shingles.
pub const SHINGLE_SIZE: usize = 5;
/// Same-story threshold on the headline score.
pub const THRESHOLD: f64 = 0.5;

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig { shingle_size: SHINGLE_SIZE, threshold: THRESHOLD }
    }
}

/// The set of hashed word shingles of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShingleSet {
    hashes: HashSet<u64>,
}

impl ShingleSet {
    /// Shingles of `k` words of the matching form of `text`. A text shorter than `k` words
    /// yields one shingle of all its words, so short texts can still match exactly.
    pub fn new(text: &str, k: usize) -> ShingleSet {
        let folded = text::matching_form(text);
        let words: Vec<&str> = text::segment::words(&folded).into_iter().map(|w| w.text).collect();
        let k = k.max(1);
        let mut hashes = HashSet::new();
        if words.is_empty() {
            return ShingleSet { hashes };
        }
        if words.len() < k {
            hashes.insert(xxh3_64(words.join(" ").as_bytes()));
        } else {
            for window in words.windows(k) {
                hashes.insert(xxh3_64(window.join(" ").as_bytes()));
            }
        }
        ShingleSet { hashes }
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    fn intersection(&self, other: &ShingleSet) -> usize {
        let (small, large) = if self.len() <= other.len() { (self, other) } else { (other, self) };
        small.hashes.iter().filter(|h| large.hashes.contains(h)).count()
    }
}

/// Scores of one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Similarity {
    /// The headline similarity in [0, 1].
    pub score: f64,
    pub jaccard: f64,
    /// Share of A's shingles found in B.
    pub containment_a_in_b: f64,
    /// Share of B's shingles found in A.
    pub containment_b_in_a: f64,
    pub shingles_a: usize,
    pub shingles_b: usize,
    pub shared_shingles: usize,
    pub verdict: Verdict,
    /// The verdict in one sentence, with its evidence.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    SameStory,
    Related,
    Different,
}

/// Compares two texts.
pub fn similarity(a: &str, b: &str, config: &DedupConfig) -> Similarity {
    let sa = ShingleSet::new(a, config.shingle_size);
    let sb = ShingleSet::new(b, config.shingle_size);
    similarity_of_sets(&sa, &sb, config)
}

/// Compares two shingle sets.
pub fn similarity_of_sets(sa: &ShingleSet, sb: &ShingleSet, config: &DedupConfig) -> Similarity {
    let shared = sa.intersection(sb);
    let union = sa.len() + sb.len() - shared;
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let jaccard = if union == 0 { 1.0 } else { ratio(shared, union) };
    let (ca, cb) = if sa.is_empty() && sb.is_empty() { (1.0, 1.0) } else { (ratio(shared, sa.len()), ratio(shared, sb.len())) };
    let score = jaccard;
    let verdict = if score >= config.threshold {
        Verdict::SameStory
    } else if ca.max(cb) >= 0.2 {
        Verdict::Related
    } else {
        Verdict::Different
    };
    let reason = match verdict {
        Verdict::SameStory => format!("same story: {:.0}% of word {}-shingles shared", jaccard * 100.0, config.shingle_size),
        Verdict::Related => format!("related: {:.0}% of the shorter text's shingles appear in the other", ca.max(cb) * 100.0),
        Verdict::Different => format!("different: {:.0}% of shingles shared", jaccard * 100.0),
    };
    Similarity {
        score,
        jaccard,
        containment_a_in_b: ca,
        containment_b_in_a: cb,
        shingles_a: sa.len(),
        shingles_b: sb.len(),
        shared_shingles: shared,
        verdict,
        reason,
    }
}

/// One document's place in the clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterAssignment {
    /// Index of the document in the input.
    pub doc: usize,
    /// Cluster id: the index of the cluster's representative document.
    pub cluster: usize,
    /// Score against the representative (1 for the representative itself).
    pub score: f64,
}

/// Clusters texts: all pairs compared, pairs at or above the threshold linked (union-find), the
/// earliest document of each cluster is its representative.
pub fn cluster(texts: &[&str], config: &DedupConfig) -> Vec<ClusterAssignment> {
    let sets: Vec<ShingleSet> = texts.iter().map(|t| ShingleSet::new(t, config.shingle_size)).collect();
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            if similarity_of_sets(&sets[i], &sets[j], config).score >= config.threshold {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }
    }
    (0..sets.len())
        .map(|doc| {
            let cluster = find(&mut parent, doc);
            let score = if cluster == doc { 1.0 } else { similarity_of_sets(&sets[doc], &sets[cluster], config).score };
            ClusterAssignment { doc, cluster, score }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one_and_disjoint_zero() {
        let c = DedupConfig::default();
        let a = "Moscow accused the US on Tuesday of reducing air strikes.";
        assert_eq!(similarity(a, a, &c).score, 1.0);
        assert_eq!(similarity(a, "Nothing at all in common here today folks.", &c).score, 0.0);
    }

    #[test]
    fn quotes_and_case_do_not_matter() {
        let c = DedupConfig::default();
        let s = similarity("“That’s absolutely false,” Manning said today.", "\"That's absolutely FALSE,\" Manning said today.", &c);
        assert_eq!(s.score, 1.0);
    }
}
