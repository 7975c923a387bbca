//! Key phrases: what a document is about, in its own words.
//!
//! Candidates are runs of content words delimited by stopwords, numbers and punctuation, and
//! every 1..=`max_phrase_words` sub-sequence of a run ("US-led coalition", "led coalition",
//! "coalition"). Variants group by their stems; a phrase shows its most frequent surface form.
//!
//! Each candidate is scored with statistical features of the document alone (the YAKE family of
//! ideas, measured on news):
//! frequency × position × casing × word length × phrase boundary × common-word damping, and
//! × an inverse-document-frequency damping when a set is loaded ([`super::tfidf`]). Every factor is
//! returned in [`KeywordFeatures`], so the page can say why a phrase ranks where it does.
//!
//! Then the ranking is made readable: a word whose uses nearly all sit inside one name or phrase
//! gives its place to that phrase ("Deir" → "Deir Ezzor"), and a phrase that is a variant, a
//! sub-phrase or a super-phrase of a better one is dropped unless it mostly occurs on its own.

use serde::{Deserialize, Serialize};

use super::tfidf::{phrase_hash, CorpusStats};
use super::tokens::{
    fast_map, fast_map_with_capacity, FastMap, Token, Tokenized, ACRONYM, BREAK_BEFORE, CAPITALIZED, CAP_EVIDENCE,
    COMMON,
};
use super::{KeywordConfig, MAX_SUPPORTED_PHRASE_WORDS};

/// One ranked key phrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keyword {
    /// The most frequent surface form.
    pub term: String,
    pub score: f64,
    /// Occurrences of the phrase (all variants).
    pub count: usize,
    pub words: usize,
    /// Byte offset of the first occurrence.
    pub first: usize,
    pub features: KeywordFeatures,
}

/// The factors of a key phrase's score (their product is the score).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeywordFeatures {
    pub frequency: f64,
    pub position: f64,
    pub casing: f64,
    pub length: f64,
    pub boundary: f64,
    pub common: f64,
    /// Inverse document frequency damping against the loaded set (1 without one).
    pub corpus: f64,
    /// The word this phrase took the place of ("army" for "Syrian army"), if any.
    pub absorbed: Option<String>,
}

/// A phrase key: the stems of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PhraseKey {
    pub len: u8,
    pub stems: [u32; MAX_SUPPORTED_PHRASE_WORDS],
}

impl PhraseKey {
    pub fn of(tokens: &[Token]) -> PhraseKey {
        let mut stems = [u32::MAX; MAX_SUPPORTED_PHRASE_WORDS];
        let len = tokens.len().min(MAX_SUPPORTED_PHRASE_WORDS);
        for (slot, t) in stems.iter_mut().zip(tokens) {
            *slot = t.stem;
        }
        PhraseKey { len: len as u8, stems }
    }

    pub fn stems(&self) -> &[u32] {
        &self.stems[..self.len as usize]
    }

    /// True when `self` occurs as a contiguous part of `other`.
    fn is_within(&self, other: &PhraseKey) -> bool {
        let (a, b) = (self.stems(), other.stems());
        a.len() <= b.len() && b.windows(a.len()).any(|w| w == a)
    }

    /// True when both have the same stems in another order ("strikes air" / "air strikes").
    fn same_stems(&self, other: &PhraseKey) -> bool {
        if self.len != other.len {
            return false;
        }
        let mut a = self.stems().to_vec();
        let mut b = other.stems().to_vec();
        a.sort_unstable();
        b.sort_unstable();
        a == b
    }
}

/// A candidate phrase with what the features need.
pub(crate) struct Candidate {
    pub key: PhraseKey,
    pub count: u32,
    /// Token index of the first occurrence.
    pub first: u32,
    /// Occurrences capitalised with evidence.
    pub capitalized: u32,
    /// Occurrences that open a run (after a stopword or punctuation).
    pub opening: u32,
    /// Every word is a common word.
    pub all_common: bool,
    /// The first or last word is a lowercase common word ("Konashenkov said", "last week"):
    /// such phrases are a name or term plus filler.
    pub common_edge: bool,
    /// Mean characters per word.
    pub mean_chars: f64,
}

/// Every candidate of the document, in order of first occurrence.
pub(crate) fn candidates(t: &Tokenized, max_words: usize, config_acronym_chars: usize) -> Vec<Candidate> {
    let max_words = max_words.clamp(1, MAX_SUPPORTED_PHRASE_WORDS);
    let tokens = &t.tokens;
    // Roughly two candidates per token (a word and the phrases it starts).
    let mut index: FastMap<PhraseKey, u32> = fast_map_with_capacity(tokens.len() * 2);
    let mut out: Vec<Candidate> = Vec::with_capacity(tokens.len() * 2);
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].is_content() {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len() && tokens[end].is_content() && !tokens[end].has(BREAK_BEFORE) {
            end += 1;
        }
        for start in i..end {
            for len in 1..=max_words.min(end - start) {
                let span = &tokens[start..start + len];
                let key = PhraseKey::of(span);
                let capitalized = span.iter().all(|k| k.has(CAPITALIZED)) && span.iter().any(|k| k.has(CAP_EVIDENCE));
                let idx = match index.get(&key) {
                    Some(&idx) => idx as usize,
                    None => {
                        let chars: u32 = span
                            .iter()
                            .map(|k| {
                                if k.has(ACRONYM) {
                                    (config_acronym_chars as u32).max(t.chars(k))
                                } else {
                                    t.chars(k)
                                }
                            })
                            .sum();
                        out.push(Candidate {
                            key,
                            count: 0,
                            first: start as u32,
                            capitalized: 0,
                            opening: 0,
                            all_common: span.iter().all(|k| k.has(COMMON)),
                            common_edge: [&span[0], &span[len - 1]]
                                .iter()
                                .any(|k| k.has(COMMON) && !k.has(CAPITALIZED)),
                            mean_chars: chars as f64 / len as f64,
                        });
                        index.insert(key, (out.len() - 1) as u32);
                        out.len() - 1
                    }
                };
                let c = &mut out[idx];
                c.count += 1;
                c.capitalized += u32::from(capitalized);
                // An occurrence opens a phrase after a stopword or punctuation, or where a
                // capitalised name starts after a lowercase word ("eastern Deir Ezzor").
                let opens_name = start > i && tokens[start].has(CAPITALIZED) && !tokens[start - 1].has(CAPITALIZED);
                c.opening += u32::from(start == i || opens_name);
            }
        }
        i = end;
    }
    out
}

/// Token indices where `key`'s stems occur in a row without punctuation between them. Only
/// called for the handful of phrases that are shown, so candidates need not store occurrences.
pub(crate) fn occurrences_of(t: &Tokenized, key: &PhraseKey) -> Vec<u32> {
    let stems = key.stems();
    let Some(&head) = stems.first() else { return Vec::new() };
    let tokens = &t.tokens;
    let mut out = Vec::new();
    for i in t.positions_of(head) {
        let Some(span) = tokens.get(i..i + stems.len()) else { break };
        if span.iter().zip(stems).all(|(k, &s)| k.stem == s) && span.iter().skip(1).all(|k| !k.has(BREAK_BEFORE)) {
            out.push(i as u32);
        }
    }
    out
}

/// The most frequent surface form of a phrase; ties go to the earliest.
pub(crate) fn surface_of(t: &Tokenized, key: &PhraseKey) -> String {
    let len = key.len as usize;
    let mut forms: Vec<(String, u32)> = Vec::new();
    for o in occurrences_of(t, key) {
        let s = t.surface(o as usize, o as usize + len - 1);
        match forms.iter_mut().find(|(f, _)| *f == s) {
            Some(entry) => entry.1 += 1,
            None => forms.push((s, 1)),
        }
    }
    let mut best: Option<(String, u32)> = None;
    for (f, n) in forms {
        if best.as_ref().map_or(true, |(_, m)| n > *m) {
            best = Some((f, n));
        }
    }
    best.map(|(f, _)| f).unwrap_or_default()
}

/// Scores a candidate; returns the score and its factors.
fn score(t: &Tokenized, c: &Candidate, corpus: Option<&CorpusStats>, config: &KeywordConfig) -> (f64, KeywordFeatures) {
    let count = f64::from(c.count);
    let total = t.tokens.len().max(1) as f64;
    let frequency = count;
    let position = 1.0 / (1.0 + config.position_weight * f64::from(c.first) / total);
    let casing = 1.0 + config.casing_weight * f64::from(c.capitalized) / count;
    // A phrase is as specific as a word of its mean length × words^e, up to the same cap. A
    // multi-word name is one unit ("Deir" means nothing alone), so it counts its full length.
    let name = c.capitalized * 2 >= c.count;
    let exponent = if name { config.name_words_exponent } else { config.phrase_words_exponent };
    let length = (c.mean_chars * f64::from(c.key.len).powf(exponent)).min(config.max_word_chars as f64);
    let boundary = 1.0 + config.boundary_weight * f64::from(c.opening) / count;
    let common = if c.key.len == 1 && c.all_common { config.common_word_weight } else { 1.0 };
    let corpus_factor = corpus.map_or(1.0, |cs| cs.common_damping(phrase_hash(t, c.key.stems()), config));
    let features = KeywordFeatures {
        frequency,
        position,
        casing,
        length,
        boundary,
        common,
        corpus: corpus_factor,
        absorbed: None,
    };
    (frequency * position * casing * length * boundary * common * corpus_factor, features)
}

/// True when a candidate may be a key phrase at all.
fn eligible(c: &Candidate, config: &KeywordConfig) -> bool {
    if c.key.len == 1 {
        return true;
    }
    !c.all_common && !c.common_edge && (c.count as usize >= config.min_phrase_count || c.capitalized > 0)
}

/// Ranked key phrases of a tokenized document.
pub(crate) fn rank(t: &Tokenized, corpus: Option<&CorpusStats>, config: &KeywordConfig) -> Vec<Keyword> {
    let cands = candidates(t, config.max_phrase_words, config.acronym_chars);
    let mut scored: Vec<(f64, usize, KeywordFeatures)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| eligible(c, config))
        .map(|(i, c)| {
            let (s, f) = score(t, c, corpus, config);
            (s, i, f)
        })
        .collect();
    // Stable order: score, then first occurrence, then shorter first.
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| cands[a.1].first.cmp(&cands[b.1].first))
            .then_with(|| cands[a.1].key.len.cmp(&cands[b.1].key.len))
    });

    // For each stem, the phrase of two or more words that holds it most often.
    let mut best_phrase: FastMap<u32, usize> = fast_map();
    for (i, c) in cands.iter().enumerate() {
        if c.key.len < 2 || !eligible(c, config) {
            continue;
        }
        for &s in c.key.stems() {
            let better = match best_phrase.get(&s) {
                None => true,
                Some(&j) => {
                    let o = &cands[j];
                    (c.count, std::cmp::Reverse(c.key.len), std::cmp::Reverse(c.first))
                        > (o.count, std::cmp::Reverse(o.key.len), std::cmp::Reverse(o.first))
                }
            };
            if better {
                best_phrase.insert(s, i);
            }
        }
    }

    let mut kept: Vec<(usize, f64, KeywordFeatures)> = Vec::new();
    for (s, i, mut features) in scored {
        if kept.len() >= config.top {
            break;
        }
        let mut chosen = i;
        let c = &cands[i];
        if c.key.len == 1 {
            if let Some(&p) = best_phrase.get(&c.key.stems[0]) {
                let phrase = &cands[p];
                let share = f64::from(phrase.count) / f64::from(c.count);
                let capitalized_word = c.capitalized * 2 >= c.count;
                let absorb = if capitalized_word && phrase.capitalized > 0 {
                    share >= config.name_absorb_share
                } else if capitalized_word {
                    share >= config.adjective_absorb_share
                } else {
                    share >= config.phrase_absorb_share && phrase.count as usize >= config.phrase_absorb_min_count
                };
                if absorb {
                    features.absorbed = Some(surface_of(t, &c.key));
                    chosen = p;
                }
            }
        }
        let cand = &cands[chosen];
        let redundant = kept.iter().any(|(k, _, _)| {
            let other = &cands[*k];
            *k == chosen
                || cand.key.same_stems(&other.key)
                || other.key.is_within(&cand.key)
                || cand.key.is_within(&other.key)
                    && f64::from(cand.count) < config.distinct_ratio * f64::from(other.count)
        });
        if !redundant {
            kept.push((chosen, s, features));
        }
    }
    kept.into_iter()
        .map(|(i, score, features)| {
            let c = &cands[i];
            let len = c.key.len as usize;
            Keyword {
                term: surface_of(t, &c.key),
                score,
                count: c.count as usize,
                words: len,
                first: t.tokens.get(c.first as usize).map_or(0, |k| k.start),
                features,
            }
        })
        .collect()
}

/// Key phrases of one document, best first; `corpus` adds inverse document frequency.
pub fn key_phrases(text: &str, corpus: Option<&CorpusStats>, config: &KeywordConfig) -> Vec<Keyword> {
    let t = Tokenized::new(text, config.language.as_deref());
    rank(&t, corpus, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> KeywordConfig {
        KeywordConfig { language: Some("en".into()), ..KeywordConfig::default() }
    }

    fn terms(text: &str) -> Vec<String> {
        key_phrases(text, None, &en()).into_iter().map(|k| k.term).collect()
    }

    #[test]
    fn keeps_is_and_us_as_names() {
        let t = terms("Officials said the US would act. The US said so. Fighters of IS left. IS was weaker.");
        assert!(t.iter().any(|x| x == "US") && t.iter().any(|x| x == "IS"), "{t:?}");
    }

    #[test]
    fn names_absorb_their_words_and_sub_phrases_go() {
        let t = terms(
            "Fighting raged in eastern Deir Ezzor province. Troops moved towards Deir Ezzor city. \
             The Islamic State group lost ground. Officials said the Islamic State group was weaker.",
        );
        assert!(t.iter().any(|x| x == "Deir Ezzor"), "{t:?}");
        assert!(!t.iter().any(|x| x == "Deir" || x == "Ezzor"), "{t:?}");
        let islamic: Vec<_> = t.iter().filter(|x| x.contains("Islamic")).collect();
        assert_eq!(islamic.len(), 1, "{t:?}");
    }

    #[test]
    fn no_stopword_only_or_numeric_phrases() {
        let t = terms("It was the 2015 plan, and it is what it was. The plan failed in 2016.");
        assert!(t.iter().all(|x| x != "it" && x != "was" && !x.chars().any(|c| c.is_ascii_digit())), "{t:?}");
        assert!(t.iter().any(|x| x == "plan"), "{t:?}");
    }

    #[test]
    fn variants_group_under_the_most_frequent_form() {
        let k = key_phrases("Air strikes fell. The strike hit. More strikes came. Strikes again.", None, &en());
        let strike = k.iter().find(|k| k.term.to_lowercase().starts_with("strike"));
        assert_eq!(strike.map(|k| (k.term.as_str(), k.count)), Some(("strikes", 4)), "{k:?}");
    }

    #[test]
    fn empty_and_punctuation_only_inputs() {
        assert!(terms("").is_empty());
        assert!(terms("... !!! ,,, ").is_empty());
    }
}
