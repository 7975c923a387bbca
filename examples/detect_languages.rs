//! Prints the detected language of each text of a JSONL stream (`{"id": ..., "text": ...}` per
//! line), to compare detectors before and after a change (`tools/language_agreement.py`):
//! `id <TAB> detect_language code, confidence <TAB> detect_language_with_stopwords on the
//! keyword sample (600 bytes) code, confidence`.
//!
//!     cargo run --release --example detect_languages < texts.jsonl > detected.tsv

use std::io::{BufRead, Write};

use article_analyzer::text::language::{detect_language, detect_language_with_stopwords, prefix_at_char_boundary};

fn main() -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let id = value["id"].as_str().unwrap_or("");
        let text = value["text"].as_str().unwrap_or("");
        let show = |l: Option<article_analyzer::text::Language>| {
            l.map_or("-\t0".to_string(), |l| format!("{}\t{:.2}", l.code, l.confidence))
        };
        let all = show(detect_language(text));
        let keywords = show(detect_language_with_stopwords(prefix_at_char_boundary(text, 600)));
        writeln!(out, "{id}\t{all}\t{keywords}")?;
    }
    Ok(())
}
