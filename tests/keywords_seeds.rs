//! The seed story (one AFP wire story copied by Pulse Nigeria and Dawn): what a reader expects
//! the key phrases of the cleaned copies to be (tests/data/keywords-seeds/, from
//! ../shared/fixtures/seeds/).

use article_analyzer::clean::{self, InputFormat};
use article_analyzer::keywords::{analyze_document, key_phrases, KeywordConfig};
use article_analyzer::text::Stopwords;
use article_analyzer::CleanConfig;

const PULSE: &str = include_str!("data/keywords-seeds/pulse-afp-2017-10-10.txt");
const PULSE_BODY: &str = include_str!("data/keywords-seeds/pulse-afp-2017-10-10.body.txt");
const DAWN: &str = include_str!("data/keywords-seeds/dawn-afp-2017-10-11.txt");
const DAWN_BODY: &str = include_str!("data/keywords-seeds/dawn-afp-2017-10-11.body.txt");

fn top10(raw: &str) -> Vec<String> {
    let body = clean::clean(raw, InputFormat::Auto, &CleanConfig::default()).body;
    key_phrases(&body, None, &KeywordConfig::default()).into_iter().map(|k| k.term).collect()
}

fn has(terms: &[String], wanted: &[&str]) -> bool {
    terms.iter().any(|t| wanted.contains(&t.as_str()))
}

#[test]
fn pulse_top_ten_names_the_story() {
    let t = top10(PULSE);
    assert_eq!(t.len(), 10, "{t:?}");
    assert!(has(&t, &["Islamic State", "Islamic State group", "IS"]), "{t:?}");
    // The coalition as the story names it, not the bare word or a fragment ("led coalition").
    assert!(has(&t, &["US-led coalition"]), "{t:?}");
    assert!(has(&t, &["Syrian army"]), "{t:?}");
    assert!(has(&t, &["Deir Ezzor"]), "{t:?}");
    assert!(t.iter().any(|x| x.contains("Konashenkov")), "{t:?}");
}

#[test]
fn dawn_top_ten_names_the_same_story() {
    let t = top10(DAWN);
    assert!(has(&t, &["Islamic State", "Islamic State group", "IS"]), "{t:?}");
    assert!(has(&t, &["Syrian army"]) && has(&t, &["Deir Ezzor"]), "{t:?}");
}

#[test]
fn no_phrase_is_stopword_only_or_from_boilerplate() {
    let en = Stopwords::for_language("en").expect("English stopwords");
    for (raw, body) in [(PULSE, PULSE_BODY), (DAWN, DAWN_BODY)] {
        for term in top10(raw) {
            let words: Vec<&str> = term.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert!(words.iter().any(|w| !en.contains(w) || w.chars().all(char::is_uppercase)), "{term}");
            assert!(body.contains(&term), "{term} is not in the article body");
        }
    }
}

#[test]
fn is_and_us_are_never_dropped_as_stopwords() {
    let body = clean::clean(PULSE, InputFormat::Auto, &CleanConfig::default()).body;
    let doc = analyze_document(&body, None, &KeywordConfig::default());
    let terms: Vec<&str> = doc.terms.iter().map(|t| t.term.as_str()).collect();
    assert!(terms.contains(&"US") && terms.contains(&"IS"), "{terms:?}");
    let names: Vec<&str> = doc.names.iter().map(|n| n.term.as_str()).collect();
    for n in ["US", "IS", "Igor Konashenkov", "Deir Ezzor", "Rob Manning"] {
        assert!(names.iter().any(|x| x.contains(n)), "{n} missing from {names:?}");
    }
    // The question "Is this change ..." keeps "Is" a stopword.
    assert!(!terms.contains(&"Is"), "{terms:?}");
}

#[test]
fn the_expected_body_and_the_cleaned_copy_agree() {
    // What cleaning leaves over should not change the story's top phrases much.
    let from_body: Vec<String> =
        key_phrases(PULSE_BODY, None, &KeywordConfig::default()).into_iter().map(|k| k.term).collect();
    let from_clean = top10(PULSE);
    let shared = from_body.iter().filter(|t| from_clean.contains(t)).count();
    assert!(shared >= 8, "{from_body:?} vs {from_clean:?}");
}

#[test]
fn stats_and_readability_of_the_body() {
    let doc = analyze_document(PULSE_BODY, None, &KeywordConfig::default());
    assert_eq!(doc.language.as_deref(), Some("en"));
    assert_eq!(doc.stats.paragraphs, 13);
    assert!(doc.stats.words > 300 && doc.stats.words < 400, "{}", doc.stats.words);
    assert!(doc.stats.sentences >= 13, "{}", doc.stats.sentences);
    let r = &doc.stats.readability;
    assert_eq!(r.formula.as_deref(), Some("Flesch Reading Ease"));
    // Wire copy: long sentences, "fairly difficult" to "difficult".
    assert!(r.score.is_some_and(|s| (20.0..70.0).contains(&s)), "{r:?}");
}
