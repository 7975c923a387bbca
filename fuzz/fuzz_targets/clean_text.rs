//! Fuzz target: cleaning must not panic on any input, in text, HTML or auto mode, and the kept
//! paragraphs must be a subsequence of the input's blocks.
#![no_main]

use article_analyzer::clean::{self, clean, CleanConfig, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let config = CleanConfig::default();
    for format in [InputFormat::Text, InputFormat::Html, InputFormat::Auto] {
        let _ = clean(&text, format, &config);
    }
    let doc = clean(&text, InputFormat::Text, &config);
    let blocks: Vec<String> =
        clean::text_blocks(&article_analyzer::text::normalize_display(&text)).into_iter().map(|b| b.text).collect();
    let mut rest = blocks.iter();
    assert!(
        doc.paragraphs.iter().all(|p| rest.any(|b| b == p)),
        "kept paragraphs are not a subsequence of the input blocks"
    );
});
