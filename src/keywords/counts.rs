//! Counts of one document: sizes and readability ([`DocumentStats`]), the most frequent content
//! terms ([`TermCount`], variants grouped by stem), 2–3-grams that neither start nor end with a
//! stopword ([`Ngram`]: "Bank of England" yes, "of the" no), and proper-noun phrases ([`Name`]).
//!
//! A name is a run of capitalised words where each word is capitalised with evidence somewhere in
//! the document (not only as the first word of a sentence or in a title-case headline), so
//! "Igor Konashenkov" and "Deir Ezzor" are names and a sentence-initial "Officials" is not.

use serde::{Deserialize, Serialize};

use super::phrases::{surface_of, PhraseKey};
use super::readability::{self, Readability};
use super::tokens::{
    fast_map, FastMap, Tokenized, BREAK_BEFORE, CAPITALIZED, CAP_EVIDENCE, ELIDED, NUMBER, SHORT, STOP,
};
use super::KeywordConfig;
use crate::text;

/// Sizes of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentStats {
    pub characters: usize,
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    /// Distinct words, case-folded.
    pub unique_words: usize,
    /// Unique words / words (type-token ratio; falls with length, compare like with like).
    pub lexical_diversity: f64,
    /// Minutes at the configured reading speed (238 words per minute by default).
    pub reading_minutes: f64,
    pub readability: Readability,
}

/// A content term and how often it occurs (all variants of its stem).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TermCount {
    pub term: String,
    pub stem: String,
    pub count: usize,
}

/// A 2–3-word sequence seen at least twice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ngram {
    pub term: String,
    pub words: usize,
    pub count: usize,
}

/// A proper-noun phrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Name {
    pub term: String,
    pub words: usize,
    pub count: usize,
    /// Byte offset of the first occurrence.
    pub first: usize,
}

/// Two occurrences: a sequence seen once is not a pattern.
const MIN_NGRAM_COUNT: u32 = 2;
/// Longest name in words ("Federal Office of Criminal Investigation" is split at "of").
const MAX_NAME_WORDS: usize = 6;

/// Statistics of `text` with default settings (language detected).
pub fn document_stats(text: &str) -> DocumentStats {
    let config = KeywordConfig::default();
    stats_of(&Tokenized::new(text, None), &config)
}

pub(crate) fn stats_of(t: &Tokenized, config: &KeywordConfig) -> DocumentStats {
    // An elided "l'" or "qu'" is part of the word it is written with.
    let words = t.tokens.iter().filter(|k| !k.has(ELIDED)).count();
    let mut seen = vec![false; t.words.len()];
    let mut unique = 0;
    for k in t.tokens.iter().filter(|k| !k.has(ELIDED)) {
        if let Some(s) = seen.get_mut(k.word as usize) {
            if !*s {
                *s = true;
                unique += 1;
            }
        }
    }
    let wpm = if config.reading_wpm > 0.0 { config.reading_wpm } else { super::READING_WPM };
    DocumentStats {
        characters: t.text.chars().count(),
        words,
        sentences: t.sentences,
        paragraphs: text::paragraphs(t.text).len(),
        unique_words: unique,
        lexical_diversity: if words == 0 { 0.0 } else { unique as f64 / words as f64 },
        reading_minutes: words as f64 / wpm,
        readability: readability::readability(t),
    }
}

/// Content terms by stem, most frequent first (ties: first occurrence).
pub(crate) fn top_terms(t: &Tokenized, top: usize) -> Vec<TermCount> {
    // Count per stem id; the order of first occurrence breaks ties.
    let mut counts = vec![0u32; t.stems.len()];
    let mut first = vec![u32::MAX; t.stems.len()];
    for (i, k) in t.tokens.iter().enumerate() {
        if !k.is_content() {
            continue;
        }
        if let (Some(c), Some(f)) = (counts.get_mut(k.stem as usize), first.get_mut(k.stem as usize)) {
            *c += 1;
            if *f == u32::MAX {
                *f = i as u32;
            }
        }
    }
    let mut ranked: Vec<(u32, u32, u32)> =
        (0..counts.len()).filter(|&s| counts[s] > 0).map(|s| (counts[s], first[s], s as u32)).collect();
    crate::sort::sort_by(&mut ranked, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked
        .into_iter()
        .take(top)
        .map(|(count, first, stem)| {
            let key = PhraseKey::of(std::slice::from_ref(&t.tokens[first as usize]));
            TermCount {
                term: surface_of(t, &key),
                stem: t.stems.get(stem as usize).unwrap_or_default().to_string(),
                count: count as usize,
            }
        })
        .collect()
}

/// 2–3-grams inside one sentence and clause whose first and last words are content words.
/// A bigram inside a kept trigram with the same count is left out (it says nothing more).
pub(crate) fn ngrams(t: &Tokenized, top: usize) -> Vec<Ngram> {
    let tokens = &t.tokens;
    let mut index: FastMap<PhraseKey, usize> = fast_map();
    let mut found: Vec<(PhraseKey, u32)> = Vec::new();
    for start in 0..tokens.len() {
        if !tokens[start].is_content() {
            continue;
        }
        for len in 2..=3usize {
            let Some(span) = tokens.get(start..start + len) else { break };
            if span[1..].iter().any(|k| k.has(BREAK_BEFORE) || k.has(NUMBER)) {
                break;
            }
            if !span[len - 1].is_content() {
                continue;
            }
            let key = PhraseKey::of(span);
            let idx = *index.entry(key).or_insert_with(|| {
                found.push((key, 0));
                found.len() - 1
            });
            found[idx].1 += 1;
        }
    }
    let mut ranked: Vec<usize> = (0..found.len()).filter(|&i| found[i].1 >= MIN_NGRAM_COUNT).collect();
    crate::sort::sort_by(&mut ranked, |&a, &b| {
        found[b].1.cmp(&found[a].1).then(found[b].0.len.cmp(&found[a].0.len)).then(a.cmp(&b))
    });
    let mut kept: Vec<usize> = Vec::new();
    for i in ranked {
        if kept.len() >= top {
            break;
        }
        let (key, count) = &found[i];
        let inside = kept.iter().any(|&k| {
            let (other, other_count) = &found[k];
            other_count == count && other.stems().windows(key.len as usize).any(|w| w == key.stems())
        });
        if !inside {
            kept.push(i);
        }
    }
    kept.into_iter()
        .map(|i| {
            let (key, count) = &found[i];
            Ngram { term: surface_of(t, key), words: key.len as usize, count: *count as usize }
        })
        .collect()
}

/// Proper-noun phrases, most frequent first (ties: first occurrence).
pub(crate) fn names(t: &Tokenized, top: usize) -> Vec<Name> {
    let tokens = &t.tokens;
    // Stems capitalised with evidence somewhere in the document.
    let mut evidence = vec![false; t.stems.len()];
    for k in tokens {
        if k.has(CAP_EVIDENCE) {
            if let Some(e) = evidence.get_mut(k.stem as usize) {
                *e = true;
            }
        }
    }
    let is_name_word = |i: usize| {
        let k = &tokens[i];
        k.has(CAPITALIZED)
            && k.flags & (STOP | NUMBER | SHORT) == 0
            && evidence.get(k.stem as usize).copied().unwrap_or(false)
    };
    let mut index: FastMap<PhraseKey, usize> = fast_map();
    let mut found: Vec<(PhraseKey, u32, u32)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name_word(i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len() && end - i < MAX_NAME_WORDS && is_name_word(end) && !tokens[end].has(BREAK_BEFORE) {
            end += 1;
        }
        let key = PhraseKey::of(&tokens[i..end]);
        let idx = *index.entry(key).or_insert_with(|| {
            found.push((key, 0, i as u32));
            found.len() - 1
        });
        found[idx].1 += 1;
        i = end;
    }
    let mut ranked: Vec<usize> = (0..found.len()).collect();
    crate::sort::sort_by(&mut ranked, |&a, &b| found[b].1.cmp(&found[a].1).then(a.cmp(&b)));
    ranked
        .into_iter()
        .take(top)
        .map(|i| {
            let (key, count, first) = &found[i];
            let first = tokens.get(*first as usize).map_or(0, |k| k.start);
            Name { term: surface_of(t, key), words: key.len as usize, count: *count as usize, first }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(text: &str) -> Tokenized<'_> {
        Tokenized::new(text, Some("en"))
    }

    #[test]
    fn stats_count_words_sentences_paragraphs() {
        let s = stats_of(&tok("The army moved. The army stopped.\n\nIt rained."), &KeywordConfig::default());
        assert_eq!((s.words, s.sentences, s.paragraphs, s.unique_words), (8, 3, 2, 6));
        assert!((s.lexical_diversity - 0.75).abs() < 1e-9);
    }

    #[test]
    fn names_skip_sentence_initial_words() {
        let t = tok("Officials said Igor Konashenkov spoke. Russian military spokesman Igor Konashenkov said more. \
                     Later in Deir Ezzor, fighting. Officials left.");
        let n: Vec<_> = names(&t, 10).into_iter().map(|n| n.term).collect();
        assert!(n.contains(&"Igor Konashenkov".to_string()) && n.contains(&"Deir Ezzor".to_string()), "{n:?}");
        assert!(!n.iter().any(|x| x.contains("Officials")), "{n:?}");
    }

    #[test]
    fn ngrams_are_not_bounded_by_stopwords() {
        let t = tok("The Bank of England raised rates. The Bank of England said so. Of the banks, few.");
        let g: Vec<_> = ngrams(&t, 10).into_iter().map(|n| n.term).collect();
        assert_eq!(g, vec!["Bank of England"]);
    }

    #[test]
    fn top_terms_group_variants() {
        let t = tok("Strikes rose. The strike ended. Strikes resumed.");
        let top = top_terms(&t, 1);
        assert_eq!((top[0].term.as_str(), top[0].count), ("Strikes", 3));
    }
}
