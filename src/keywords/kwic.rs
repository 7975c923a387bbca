//! KWIC (key word in context): every occurrence of a term with its left and right context, for
//! the page's concordance view. A term matches by stems, so "strike" finds "strikes" and "Air
//! Strikes"; a phrase matches word by word without crossing punctuation.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::tokens::{Tokenized, BREAK_BEFORE};
use super::KeywordConfig;

/// One occurrence of a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KwicLine {
    /// Byte span of the occurrence in the text.
    pub start: usize,
    pub end: usize,
    /// Up to `kwic_context_chars` characters before, line breaks as spaces.
    pub left: String,
    /// The occurrence as written.
    pub keyword: String,
    pub right: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
}

/// Every occurrence of `term` in `text`, in text order.
pub fn kwic(text: &str, term: &str, config: &KeywordConfig) -> Vec<KwicLine> {
    let t = Tokenized::new(text, config.language.as_deref());
    let wanted: Vec<String> = term
        .unicode_words()
        .map(|w| {
            let lower = w.to_lowercase();
            let lower = lower.strip_suffix("'s").or_else(|| lower.strip_suffix("’s")).unwrap_or(&lower).to_string();
            match &t.stemmer {
                Some(s) => s.stem(&lower).into_owned(),
                None => lower,
            }
        })
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let stem_text = |s: u32| t.stems.get(s as usize).unwrap_or("");
    let mut out = Vec::new();
    let n = wanted.len();
    let mut i = 0;
    while i + n <= t.tokens.len() {
        let span = &t.tokens[i..i + n];
        let matches = span.iter().zip(&wanted).all(|(k, w)| stem_text(k.stem) == w.as_str())
            && span.iter().skip(1).all(|k| !k.has(BREAK_BEFORE));
        if !matches {
            i += 1;
            continue;
        }
        let (start, end) = (span[0].start, span[n - 1].end);
        out.push(KwicLine {
            start,
            end,
            left: context_before(text, start, config.kwic_context_chars),
            keyword: text.get(start..end).unwrap_or("").to_string(),
            right: context_after(text, end, config.kwic_context_chars),
            sentence: span[0].sentence as usize,
        });
        i += n;
    }
    out
}

fn flatten(s: &str) -> String {
    s.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect()
}

fn context_before(text: &str, start: usize, chars: usize) -> String {
    let before = text.get(..start).unwrap_or("");
    let from = before.char_indices().rev().nth(chars.saturating_sub(1)).map_or(0, |(i, _)| i);
    flatten(if chars == 0 { "" } else { &before[from..] })
}

fn context_after(text: &str, end: usize, chars: usize) -> String {
    let after = text.get(end..).unwrap_or("");
    let to = after.char_indices().nth(chars).map_or(after.len(), |(i, _)| i);
    flatten(&after[..to])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> KeywordConfig {
        KeywordConfig { language: Some("en".into()), kwic_context_chars: 10, ..KeywordConfig::default() }
    }

    #[test]
    fn finds_variants_with_spans_and_context() {
        let text = "Air strikes fell.\nThe strike hit hard, said the US-led coalition.";
        let hits = kwic(text, "strike", &en());
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].start..hits[0].end], "strikes");
        assert_eq!(hits[1].keyword, "strike");
        assert_eq!(hits[1].left, "fell. The ");
        assert_eq!(hits[1].right, " hit hard,");
    }

    #[test]
    fn phrases_match_word_by_word_not_across_punctuation() {
        let text = "The US-led coalition struck. The US, led by others, waited.";
        let hits = kwic(text, "US-led coalition", &en());
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].keyword, "US-led coalition");
        assert!(kwic(text, "", &en()).is_empty());
    }

    #[test]
    fn context_is_cut_on_character_boundaries() {
        let text = "ééééé Ézzor ééééé";
        let hits = kwic(text, "Ézzor", &KeywordConfig { kwic_context_chars: 3, ..KeywordConfig::default() });
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].left, "éé ");
    }
}
