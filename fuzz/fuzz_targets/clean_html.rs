//! Fuzz HTML mode: any bytes, read as (lossy) UTF-8, must clean without panicking.
//! Run with `cargo +nightly fuzz run clean_html` from the repository root.
#![no_main]

use article_analyzer::clean::{clean, html, CleanConfig, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = html::extract_metadata(&text);
    let doc = clean(&text, InputFormat::Html, &CleanConfig::default());
    assert_eq!(doc.blocks.iter().filter(|b| b.kept).count(), doc.paragraphs.len());
});
