//! Properties of cleaning (proptest): the kept blocks are a subsequence of the input blocks
//! (nothing invented, order kept); cleaning its own output removes nothing more; no input, not
//! even invalid UTF-8 made lossy, makes it panic.

use article_analyzer::clean::{self, clean, CleanConfig, InputFormat};
use article_analyzer::text::normalize_display;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "the", "council", "voted", "on", "Tuesday", "to", "build", "a", "new", "bridge", "over", "river", "and", "said",
    "it", "would", "cost", "less", "than", "planned", "Moscow", "accused", "US", "of", "in", "Iraq", "strikes",
    "against", "group", "claims", "Pentagon", "denied", "from", "with", "by", "for", "was", "were",
];

// On a salad of words the detected language (and so the stopword list) can change between a
// text and its cleaned copy, which is not a property of cleaning: the idempotence property fixes
// the language.

/// A line with the shape of page text: sentences, headlines, menu items, prompts, dates.
fn line() -> impl Strategy<Value = String> {
    let words = prop::collection::vec(prop::sample::select(WORDS), 1..30).prop_map(|w| w.join(" "));
    prop_oneof![
        words.clone().prop_map(|s| format!("{s}.")),
        words.clone(),
        words.clone().prop_map(|s| format!("\"{s},\" he said.")),
        prop::sample::select(vec![
            "Home > News > World".to_string(),
            "Subscribe to our newsletter".to_string(),
            "Read more: the bridge".to_string(),
            "October 11th, 2017".to_string(),
            "Published in Dawn, October 11th, 2017".to_string(),
            "(AFP/File)".to_string(),
            "Author".to_string(),
            "Follow us @news".to_string(),
            "...".to_string(),
        ]),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), prop::bool::ANY), 0..40).prop_map(|lines| {
        let mut out = String::new();
        for (l, blank) in lines {
            out.push_str(&l);
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out
    })
}

fn is_subsequence(kept: &[String], all: &[String]) -> bool {
    let mut it = all.iter();
    kept.iter().all(|k| it.any(|a| a == k))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn kept_blocks_are_a_subsequence_of_input_blocks(doc in document()) {
        let cleaned = clean(&doc, InputFormat::Text, &CleanConfig::default());
        let blocks: Vec<String> = clean::text_blocks(&normalize_display(&doc)).into_iter().map(|b| b.text).collect();
        prop_assert!(is_subsequence(&cleaned.paragraphs, &blocks));
    }

    // The rules alone: relaxation is off here, since it is decided on the amount of prose a
    // document has and a short document's cleaned copy can fall on the other side of that line
    // (the strict rules themselves are idempotent).
    #[test]
    fn the_rules_alone_clean_their_own_output_to_itself(doc in document()) {
        let config = CleanConfig {
            min_body_words: 0,
            content_model: false,
            language: Some("en".into()),
            ..CleanConfig::default()
        };
        let once = clean(&doc, InputFormat::Text, &config);
        let twice = clean(&once.body, InputFormat::Text, &config);
        prop_assert_eq!(&twice.paragraphs, &once.paragraphs, "removed on the second pass: {:?}", twice.removed);
    }

    // The default configuration (learned decision and relaxation on, settled): what the cleaner
    // prints, the title and then the body, cleans to the same title and body. The learned
    // decision reads the neighbourhood, which the removals change, so the cleaner settles its
    // result itself (src/clean/settle.rs); with `maxCleaningPasses: 1` (`clean --one-pass`) this
    // fails.
    #[test]
    fn cleaning_its_own_output_removes_nothing_more(doc in document()) {
        let config = CleanConfig { language: Some("en".into()), ..CleanConfig::default() };
        let once = clean(&doc, InputFormat::Text, &config);
        let printed = match &once.title {
            Some(title) => format!("{title}\n\n{}", once.body),
            None => once.body.clone(),
        };
        let twice = clean(&printed, InputFormat::Text, &config);
        prop_assert_eq!(&twice.paragraphs, &once.paragraphs, "removed on the second pass: {:?}", twice.removed);
        prop_assert_eq!(&twice.title, &once.title);
    }

    #[test]
    fn body_alone_is_the_body_of_the_full_result(doc in document()) {
        for format in [InputFormat::Text, InputFormat::Auto] {
            let full = clean(&doc, format, &CleanConfig::default());
            prop_assert_eq!(clean::clean_body(&doc, format, &CleanConfig::default()), full.body);
        }
    }

    #[test]
    fn no_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        for format in [InputFormat::Text, InputFormat::Html, InputFormat::Auto] {
            let _ = clean(&text, format, &CleanConfig::default());
        }
    }

    #[test]
    fn no_panic_on_any_string(text in "\\PC{0,600}") {
        let _ = clean(&text, InputFormat::Text, &CleanConfig::default());
        let _ = clean(&text, InputFormat::Html, &CleanConfig::default());
    }
}
