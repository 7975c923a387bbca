//! Properties of keyword statistics: deterministic, panic-free on any input, KWIC spans point
//! at what they say, and a corpus's statistics do not depend on document order.

use article_analyzer::keywords::{analyze_document, kwic, CorpusStats, KeywordConfig};
use proptest::prelude::*;

/// Text made of news-like words, acronyms, stopwords, punctuation and line breaks.
fn article() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "the",
        "The",
        "US",
        "IS",
        "is",
        "us",
        "coalition",
        "Syrian",
        "army",
        "Deir",
        "Ezzor",
        "strikes",
        "strike",
        "said",
        "Monday",
        "Konashenkov",
        "of",
        "and",
        ",",
        ".",
        "?",
        "\n",
        "\n\n",
        "US-led",
        "Dr.",
        "U.S.",
        "é",
        "Ézzor",
        "2017",
        "'s",
        "\"",
        "(AFP)",
        "—",
    ]);
    prop::collection::vec(word, 0..120).prop_map(|w| w.join(" "))
}

fn en() -> KeywordConfig {
    KeywordConfig { language: Some("en".into()), ..KeywordConfig::default() }
}

proptest! {
    #[test]
    fn same_input_same_output(text in article()) {
        let a = analyze_document(&text, None, &en());
        let b = analyze_document(&text, None, &en());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn any_unicode_is_safe(text in "\\PC{0,300}") {
        let d = analyze_document(&text, None, &KeywordConfig::default());
        prop_assert!(d.key_phrases.len() <= KeywordConfig::default().top);
        prop_assert!(d.key_phrases.iter().all(|k| k.score.is_finite() && k.score >= 0.0));
        let _ = kwic(&text, "a", &KeywordConfig::default());
    }

    #[test]
    fn kwic_spans_point_at_the_keyword(text in article()) {
        for hit in kwic(&text, "Syrian army", &en()).into_iter().chain(kwic(&text, "strike", &en())) {
            prop_assert_eq!(&text[hit.start..hit.end], hit.keyword.as_str());
        }
    }

    #[test]
    fn corpus_statistics_do_not_depend_on_order(docs in prop::collection::vec(article(), 1..6)) {
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let mut reversed = refs.clone();
        reversed.reverse();
        let a = CorpusStats::new(&refs, &en());
        let b = CorpusStats::new(&reversed, &en());
        let mut ta: Vec<_> = a.term_table().iter().map(|t| (t.term.clone(), t.count, t.documents)).collect();
        let mut tb: Vec<_> = b.term_table().iter().map(|t| (t.term.clone(), t.count, t.documents)).collect();
        ta.sort();
        tb.sort();
        prop_assert_eq!(ta, tb);
        // Same set, same key phrases for every document.
        for d in &refs {
            prop_assert_eq!(analyze_document(d, Some(&a), &en()).key_phrases, analyze_document(d, Some(&b), &en()).key_phrases);
        }
    }
}
