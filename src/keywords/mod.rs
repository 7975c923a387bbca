//! Keyword statistics: per-document counts and readability, candidate key phrases delimited by
//! stopwords and punctuation, and TF-IDF against the loaded set. Short all-caps tokens (IS, US,
//! UN) in text that is not all caps are names, never stopwords.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::text::{self, Stopwords};

/// Settings for keyword statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct KeywordConfig {
    /// How many key phrases and terms to return.
    pub top: usize,
    /// Longest key phrase in words.
    pub max_phrase_words: usize,
    /// Language override (ISO 639-1); detected when `None`.
    pub language: Option<String>,
}

/// Ten phrases: what fits in a glance and what the keyphrase benchmarks score (F1@10).
pub const TOP: usize = 10;
/// Four words: longer candidates are almost always clauses, not names of things.
pub const MAX_PHRASE_WORDS: usize = 4;

impl Default for KeywordConfig {
    fn default() -> Self {
        KeywordConfig { top: TOP, max_phrase_words: MAX_PHRASE_WORDS, language: None }
    }
}

/// One ranked key phrase or term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keyword {
    pub term: String,
    pub score: f64,
    pub count: usize,
}

/// Counts for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentStats {
    pub characters: usize,
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub unique_words: usize,
    pub lexical_diversity: f64,
    /// Minutes at 238 words per minute (the adult silent-reading mean, Brysbaert 2019).
    pub reading_minutes: f64,
}

/// Adult silent reading speed for non-fiction, words per minute (Brysbaert 2019).
const READING_WPM: f64 = 238.0;

/// Document statistics.
pub fn document_stats(text: &str) -> DocumentStats {
    let words = text::segment::words(text);
    let mut unique = std::collections::HashSet::new();
    for w in &words {
        unique.insert(w.text.to_lowercase());
    }
    DocumentStats {
        characters: text.chars().count(),
        words: words.len(),
        sentences: text::sentences(text).len(),
        paragraphs: text::paragraphs(text).len(),
        unique_words: unique.len(),
        lexical_diversity: if words.is_empty() { 0.0 } else { unique.len() as f64 / words.len() as f64 },
        reading_minutes: words.len() as f64 / READING_WPM,
    }
}

/// True when `word` is a stopword here: in the list, and not a short all-caps name (IS, US)
/// in a text that is not itself all caps.
fn is_stopword(word: &str, stopwords: Option<&Stopwords>, text_is_caps: bool) -> bool {
    let short_caps = word.chars().count() <= 4 && word.chars().all(|c| c.is_uppercase()) && word.chars().count() >= 2;
    if short_caps && !text_is_caps {
        return false;
    }
    stopwords.is_some_and(|s| s.contains(word)) || word.chars().all(|c| c.is_numeric())
}

/// Candidate phrases: runs of non-stopword words inside one sentence, up to `max` words.
fn candidates(text: &str, stopwords: Option<&Stopwords>, max: usize) -> Vec<String> {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).take(2000).collect();
    let text_is_caps = !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase());
    let mut out = Vec::new();
    for sentence in text::sentences(text) {
        let mut run: Vec<&str> = Vec::new();
        let mut last_end = 0;
        for w in text::segment::words(sentence.text) {
            let gap = &sentence.text[last_end..w.start];
            let punctuation_break = gap.chars().any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—'));
            if is_stopword(w.text, stopwords, text_is_caps) || punctuation_break {
                if run.len() <= max && !run.is_empty() {
                    out.push(run.join(" "));
                }
                run.clear();
            }
            if !is_stopword(w.text, stopwords, text_is_caps) {
                run.push(w.text);
            }
            last_end = w.end;
        }
        if run.len() <= max && !run.is_empty() {
            out.push(run.join(" "));
        }
    }
    out
}

/// Key phrases of one document, scored by frequency times length (a first, honest version),
/// optionally weighted by inverse document frequency from the loaded set.
pub fn key_phrases(text: &str, corpus: Option<&CorpusStats>, config: &KeywordConfig) -> Vec<Keyword> {
    let code = config.language.clone().or_else(|| text::detect_language(text).map(|l| l.code));
    let stopwords = code.as_deref().and_then(Stopwords::for_language);
    let mut counts: HashMap<String, (String, usize)> = HashMap::new();
    for phrase in candidates(text, stopwords, config.max_phrase_words) {
        let key = text::matching_form(&phrase);
        let entry = counts.entry(key).or_insert_with(|| (phrase.clone(), 0));
        entry.1 += 1;
    }
    let mut out: Vec<Keyword> = counts
        .into_iter()
        .map(|(key, (surface, count))| {
            let words = key.split(' ').count() as f64;
            let idf = corpus.map_or(1.0, |c| c.idf(&key));
            Keyword { term: surface, score: count as f64 * words.sqrt() * idf, count }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
    out.truncate(config.top);
    out
}

/// Document frequencies over the loaded set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusStats {
    documents: usize,
    document_frequency: HashMap<String, usize>,
}

impl CorpusStats {
    /// Builds document frequencies of candidate phrases and words from `texts`.
    pub fn new(texts: &[&str], config: &KeywordConfig) -> CorpusStats {
        let mut document_frequency = HashMap::new();
        for t in texts {
            let code = config.language.clone().or_else(|| text::detect_language(t).map(|l| l.code));
            let stopwords = code.as_deref().and_then(Stopwords::for_language);
            let mut seen = std::collections::HashSet::new();
            for phrase in candidates(t, stopwords, config.max_phrase_words) {
                seen.insert(text::matching_form(&phrase));
            }
            for key in seen {
                *document_frequency.entry(key).or_insert(0) += 1;
            }
        }
        CorpusStats { documents: texts.len(), document_frequency }
    }

    /// Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1.
    pub fn idf(&self, key: &str) -> f64 {
        let df = self.document_frequency.get(key).copied().unwrap_or(0) as f64;
        ((1.0 + self.documents as f64) / (1.0 + df)).ln() + 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_is_and_us_as_names() {
        let en = Stopwords::for_language("en");
        assert!(!is_stopword("IS", en, false) && !is_stopword("US", en, false));
        assert!(is_stopword("is", en, false) && is_stopword("IS", en, true));
        let k = key_phrases(
            "Officials said the US would act. The US said so. Fighters of IS left. IS was weaker.",
            None,
            &KeywordConfig { language: Some("en".into()), ..KeywordConfig::default() },
        );
        let terms: Vec<_> = k.iter().map(|k| k.term.as_str()).collect();
        let has = |w: &str| terms.iter().any(|t| t.split(' ').any(|x| x == w));
        assert!(has("US") && has("IS"), "{terms:?}");
    }
}
