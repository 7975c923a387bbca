//! Clusters on a generated corpus with issue 4's hard negatives (the benchmark's generator with
//! `--hard`, `benches/common/news_corpus.rs`): follow-up stories that reuse their original's
//! background paragraphs word for word, stories of one topic sharing entities and stock
//! sentences, stories of one site sharing in-body boilerplate (byline, prompt, tagline), and
//! round-ups that open with another story's first paragraph.
//! Each document is cleaned and then clustered, as `article-analyzer dedup` does, and the
//! clusters are checked against the generator's true stories.

#[path = "../benches/common/news_corpus.rs"]
mod news_corpus;

use std::collections::HashMap;

use article_analyzer::clean::{self, CleanConfig, InputFormat};
use article_analyzer::dedup::{self, DedupConfig};
use news_corpus::Corpus;

/// Documents per generated corpus: about 520 stories, 60 of them follow-ups.
const DOCS: usize = 800;

fn comb2(n: usize) -> f64 {
    (n * n.saturating_sub(1) / 2) as f64
}

/// The adjusted Rand index of two labellings of the same documents.
fn ari(truth: &[usize], predicted: &[usize]) -> f64 {
    let mut both: HashMap<(usize, usize), usize> = HashMap::new();
    let (mut a, mut b): (HashMap<usize, usize>, HashMap<usize, usize>) = (HashMap::new(), HashMap::new());
    for (&t, &p) in truth.iter().zip(predicted) {
        *both.entry((t, p)).or_default() += 1;
        *a.entry(t).or_default() += 1;
        *b.entry(p).or_default() += 1;
    }
    let index: f64 = both.values().map(|&n| comb2(n)).sum();
    let (sa, sb): (f64, f64) = (a.values().map(|&n| comb2(n)).sum(), b.values().map(|&n| comb2(n)).sum());
    let expected = sa * sb / comb2(truth.len());
    let top = (sa + sb) / 2.0;
    if top == expected {
        1.0
    } else {
        (index - expected) / (top - expected)
    }
}

/// One generated corpus: its seed, the corpus, each document's true story and its cluster.
type Clustered = (u64, Corpus, Vec<usize>, Vec<usize>);

/// Seeds of the generated corpora.
const SEEDS: [u64; 2] = [2024, 7];

/// Each seed's corpus, true stories and clusters, made once for both tests (cleaning them is
/// most of the tests' time).
fn corpora() -> &'static [Clustered] {
    static MADE: std::sync::OnceLock<Vec<Clustered>> = std::sync::OnceLock::new();
    MADE.get_or_init(|| {
        SEEDS
            .iter()
            .map(|&seed| {
                let (corpus, truth, predicted) = clustered(seed);
                (seed, corpus, truth, predicted)
            })
            .collect()
    })
}

/// The corpus's true stories and the clusters found (each document's representative).
fn clustered(seed: u64) -> (Corpus, Vec<usize>, Vec<usize>) {
    let corpus = Corpus::new(DOCS, seed).with_hard_negatives();
    let (texts, truth): (Vec<String>, Vec<usize>) = (0..DOCS).map(|i| corpus.document(i)).unzip();
    let cc = CleanConfig::default();
    let bodies: Vec<String> = texts.iter().map(|t| clean::clean_body(t, InputFormat::Auto, &cc)).collect();
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let assignments = dedup::cluster(&refs, &DedupConfig::default());
    let predicted = assignments.iter().map(|a| a.cluster).collect();
    (corpus, truth, predicted)
}

#[test]
fn follow_ups_stay_apart_from_their_originals() {
    for (seed, corpus, truth, predicted) in corpora() {
        let mut follow_ups = 0;
        for (i, &sid) in truth.iter().enumerate() {
            let Some(("followUp", Some(original))) = corpus.story_kind(sid) else { continue };
            follow_ups += 1;
            for (j, &other) in truth.iter().enumerate() {
                assert!(
                    other != original || predicted[i] != predicted[j],
                    "seed {seed}: document {i} (a follow-up of story {original}) is clustered with {j}, a copy of it"
                );
            }
        }
        // The check above means something only if the corpus has follow-ups with their originals.
        assert!(follow_ups >= 50, "seed {seed}: only {follow_ups} follow-up documents");
    }
}

/// Round-ups (the first paragraph of each of 3-6 stories) open as their first story does; before
/// the round-up test every one of them joined that story's cluster. Those cut to their first two
/// or three paragraphs still can (docs/dedup.md), so the check is on the share: 6 of 16 and
/// 2 of 25 join here (16 of 16 and 25 of 25 without the round-up test).
#[test]
fn round_ups_mostly_stay_apart_from_their_first_story() {
    for (seed, corpus, truth, predicted) in corpora() {
        let (mut round_ups, mut joined) = (0, 0);
        for (i, &sid) in truth.iter().enumerate() {
            let Some(("roundUp", Some(first))) = corpus.story_kind(sid) else { continue };
            round_ups += 1;
            if truth.iter().zip(predicted).any(|(&t, &p)| t == first && p == predicted[i]) {
                joined += 1;
            }
        }
        assert!(round_ups >= 10, "seed {seed}: only {round_ups} round-up documents");
        assert!(
            joined * 2 <= round_ups,
            "seed {seed}: {joined} of {round_ups} round-ups clustered with their first story"
        );
    }
}

#[test]
fn hard_negative_corpus_clusters_match_the_stories() {
    for (seed, corpus, truth, predicted) in corpora() {
        let score = ari(truth, predicted);
        // Issue 4's goal at 10,000 documents of other stories and sites.
        assert!(score >= 0.95, "seed {seed}: ARI {score:.4}");
        // The same-site pairs: no cluster joins different stories only through their site's
        // boilerplate (pairs of one cluster that are of different stories, by site).
        let mut mixed_same_site = 0;
        for i in 0..truth.len() {
            for j in i + 1..truth.len() {
                if predicted[i] == predicted[j] && truth[i] != truth[j] && corpus.site_of(i) == corpus.site_of(j) {
                    mixed_same_site += 1;
                }
            }
        }
        assert_eq!(mixed_same_site, 0, "seed {seed}: stories of one site clustered together");
    }
}
