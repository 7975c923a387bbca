//! Properties of dedup scoring and clustering: self-similarity is 1, symmetric measures are
//! symmetric, every score is in [0, 1], a document's cluster does not depend on the input order,
//! and batch results equal one-at-a-time results.

use article_analyzer::dedup::{
    self, cluster, cluster_sketches, score_fingerprints, similarity, sketch, DedupConfig, Fingerprint,
};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Text from a small vocabulary (so texts overlap) with punctuation, case and quote variants.
fn text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "the",
        "Moscow",
        "accused",
        "US",
        "of",
        "air",
        "strikes",
        "“IS”",
        "jihadists",
        "militants",
        "said,",
        "Tuesday.",
        "in",
        "Iraq",
        "Syria!",
        "coalition",
        "that’s",
        "don't",
        "1,000",
        "3.5%",
        "—",
        "Deir",
        "Ezzor",
        "\n\n",
        "U.S.",
        "東京",
        "café",
    ]);
    prop::collection::vec(word, 0..60).prop_map(|w| w.join(" "))
}

fn in_unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn self_similarity_is_one(a in text()) {
        let c = DedupConfig::default();
        let s = similarity(&a, &a, &c);
        prop_assert_eq!(s.score, 1.0);
        prop_assert_eq!(s.jaccard, 1.0);
        prop_assert_eq!(s.minhash_jaccard, 1.0);
    }

    #[test]
    fn measures_are_symmetric_and_in_range(a in text(), b in text()) {
        let c = DedupConfig::default();
        let ab = similarity(&a, &b, &c);
        let ba = similarity(&b, &a, &c);
        prop_assert_eq!(ab.score, ba.score);
        prop_assert_eq!(ab.jaccard, ba.jaccard);
        prop_assert_eq!(ab.minhash_jaccard, ba.minhash_jaccard);
        prop_assert_eq!(ab.lead, ba.lead);
        prop_assert_eq!(ab.containment_a_in_b, ba.containment_b_in_a);
        prop_assert_eq!(ab.matched_sentences_a, ba.matched_sentences_b);
        prop_assert_eq!(ab.verdict, ba.verdict);
        for x in [ab.score, ab.jaccard, ab.containment_a_in_b, ab.containment_b_in_a, ab.minhash_jaccard, ab.lead] {
            prop_assert!(in_unit(x), "{} out of [0, 1]", x);
        }
        for p in &ab.passages {
            prop_assert!(a.get(p.a_start..p.a_end).is_some() && b.get(p.b_start..p.b_end).is_some());
        }
    }

    #[test]
    fn batch_scores_equal_one_at_a_time(a in text(), b in text()) {
        let c = DedupConfig::default();
        let fast = score_fingerprints(&Fingerprint::new(&a, &c), &Fingerprint::new(&b, &c), &c).score;
        prop_assert_eq!(fast, similarity(&a, &b, &c).score);
        prop_assert_eq!(fast, dedup::score(&a, &b, &c));
    }

    #[test]
    fn ascii_tokens_are_unicode_words(a in "[a-zA-Z0-9 .,;:'_!?\\-\\n]{0,80}") {
        let ours: Vec<&str> = dedup::shingles::tokens(&a).iter().map(|t| &a[t.start..t.end]).collect();
        let uax: Vec<&str> = a.unicode_words().collect();
        prop_assert_eq!(ours, uax);
    }
}

/// A small corpus: three stories, copies with edits and cuts, and unrelated texts.
fn corpus() -> impl Strategy<Value = Vec<String>> {
    let story = |seed: usize| -> Vec<String> {
        (0..8)
            .map(|i| {
                format!(
                    "Story {seed} sentence {i} tells how item {} met item {} at place {}.",
                    seed * 31 + i,
                    i * 7 + seed,
                    seed + 3 * i
                )
            })
            .collect()
    };
    let doc = (0usize..5, 0usize..4, any::<bool>()).prop_map(move |(s, cut, edit)| {
        let mut sentences = story(s);
        sentences.truncate(8 - cut);
        if edit {
            sentences[1] = sentences[1].replace("tells", "explains");
        }
        sentences.join(" ")
    });
    prop::collection::vec(doc, 1..14)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn clusters_do_not_depend_on_input_order(texts in corpus(), seed in any::<u64>()) {
        let c = DedupConfig::default();
        let ids: Vec<String> = (0..texts.len()).map(|i| format!("doc{i}")).collect();
        let sketches: Vec<_> = texts.iter().zip(&ids).map(|(t, id)| sketch(id.clone(), t, &c)).collect();
        // A deterministic shuffle from the seed.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        let mut x = seed | 1;
        for i in (1..order.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            order.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<_> = order.iter().map(|&i| sketches[i].clone()).collect();
        let a = cluster_sketches(&sketches, &c).unwrap();
        let b = cluster_sketches(&shuffled, &c).unwrap();
        // Cluster of each document, named by the representative's id.
        let mut by_id_a: Vec<(String, String)> = a.iter().map(|x| (ids[x.doc].clone(), ids[x.cluster].clone())).collect();
        let mut by_id_b: Vec<(String, String)> = b.iter().map(|x| (ids[order[x.doc]].clone(), ids[order[x.cluster]].clone())).collect();
        by_id_a.sort();
        by_id_b.sort();
        prop_assert_eq!(by_id_a, by_id_b);
    }

    #[test]
    fn receipts_from_shingle_orders_equal_those_from_the_texts(
        texts in corpus(),
        tail in text(),
        ascii in "[a-zA-Z0-9 .,;:'_!?\\-\\n]{0,80}",
    ) {
        // The corpus's copies with tails of random text: ASCII words, joiners and words that
        // are only "_" (where the order's checkpoints restart the scanner), or non-ASCII words
        // (a text without an order takes the other path).
        let c = DedupConfig::default();
        let texts: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| match i % 3 {
                0 => format!("{t} {tail}"),
                1 => format!("{ascii} {t} {ascii}"),
                _ => t.clone(),
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (sketches, orders): (Vec<_>, Vec<_>) = refs.iter().map(|t| dedup::cluster::sketch_ordered("", t, &c)).unzip();
        let mut plain = cluster_sketches(&sketches, &c).unwrap();
        let mut ordered = plain.clone();
        dedup::cluster::add_passages(&refs, &mut plain, &c);
        dedup::cluster::add_passages_ordered(&refs, &sketches, &orders, &mut ordered, &c);
        prop_assert_eq!(plain, ordered);
    }

    #[test]
    fn separately_made_sketches_cluster_like_one_batch(texts in corpus()) {
        let c = DedupConfig::default();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let batch = cluster(&refs, &c);
        // As the page does: sketches made one by one (in workers), merged, then clustered.
        let merged: Vec<_> = texts.iter().map(|t| sketch("", t, &c)).collect();
        let one = cluster_sketches(&merged, &c).unwrap();
        let key = |v: &[dedup::ClusterAssignment]| v.iter().map(|a| (a.doc, a.cluster, a.size)).collect::<Vec<_>>();
        prop_assert_eq!(key(&batch), key(&one));
        for a in &batch {
            prop_assert!(in_unit(a.score));
        }
    }
}
