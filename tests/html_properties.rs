//! Properties of HTML mode: no panic on any input, kept blocks are a subsequence of the page's
//! blocks (nothing invented, order kept), and cleaning is deterministic.

use article_analyzer::clean::html::{extract_blocks, extract_metadata};
use article_analyzer::clean::{clean, CleanConfig, InputFormat};
use proptest::prelude::*;

/// Fragments that exercise the tree builder: misnesting, tables, formatting, raw text, entities.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=content>".to_string()),
        Just("</div>".to_string()),
        Just("<nav><a href=/>Home</a>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<b><i>".to_string()),
        Just("</b>".to_string()),
        Just("<script>".to_string()),
        Just("<br>".to_string()),
        Just("<h2>".to_string()),
        Just("<template>".to_string()),
        Just("&amp;&#0;&#x110000;&bogus;".to_string()),
        "[a-zA-Z ,.]{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = extract_blocks(&text);
        let _ = extract_metadata(&text);
        let _ = clean(&text, InputFormat::Html, &CleanConfig::default());
    }

    #[test]
    fn kept_blocks_are_a_subsequence_of_page_blocks(parts in proptest::collection::vec(fragment(), 0..60)) {
        let html = parts.concat();
        let all: Vec<String> = extract_blocks(&html).into_iter().map(|b| b.text).collect();
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        prop_assert_eq!(doc.blocks.len(), all.len());
        let mut it = all.iter();
        for kept in &doc.paragraphs {
            prop_assert!(it.any(|b| b == kept), "kept block {:?} not in page order", kept);
        }
        for b in &doc.blocks {
            prop_assert!(!b.text.is_empty());
            prop_assert_eq!(b.kept, b.reason.is_none());
        }
        let again = clean(&html, InputFormat::Html, &CleanConfig::default());
        prop_assert_eq!(again.body, doc.body);
    }
}
