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
    COMMON, CONNECTOR, CONNECTOR_ARTICLE, CONNECTOR_NAMES_ONLY, LOW_CONTENT,
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
    /// Sentences it occurs in per occurrence, to a power: a term repeated inside one sentence
    /// ("a rider can be something that ... a rider") is less central than one spread across many.
    pub spread: f64,
    /// Bonus for occurring in the headline or first sentence.
    pub lead: f64,
    /// Inverse document frequency damping against the loaded set (1 without one).
    pub corpus: f64,
    /// How rare its words are in general text (1: rarer than a language's top thousand words;
    /// lower for frequent words; 1 for languages without a table).
    pub background: f64,
    /// Damping of a phrase of several words seen only once (1 otherwise).
    pub mention: f64,
    /// Damping of a phrase found only in passages cleaning kept with a low content score (a
    /// byline, a "Listen to this article" line); 1 otherwise.
    pub low_content: f64,
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

    /// True when the end of one is the start of the other ("City Council Public Safety" /
    /// "Council Public Safety Committee"): two windows on one longer name or term.
    fn overlaps(&self, other: &PhraseKey) -> bool {
        let (a, b) = (self.stems(), other.stems());
        let shorter = a.len().min(b.len());
        (1..shorter).any(|n| a[a.len() - n..] == b[..n] || b[b.len() - n..] == a[..n])
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
struct Candidate {
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
    /// The first or last word is a common word not capitalised with evidence ("Konashenkov
    /// said", "last week", a sentence-initial "Although Gunn"): such phrases are a name or term
    /// plus filler.
    pub common_edge: bool,
    /// Mean characters per content word.
    pub mean_chars: f64,
    /// Mean over content words of how far each word's general-text Zipf value falls below the
    /// ceiling (0 for common words; the full ceiling for words outside the background table).
    pub rarity: f64,
    /// Content words (a connector such as "de" is not one).
    pub words: u8,
    /// Sentences the phrase occurs in.
    pub sentences: u32,
    /// Occurrences in low-content passages.
    pub low: u32,
    /// Sentence of the latest occurrence (counts `sentences`).
    last_sentence: u32,
}

/// Ranked candidates sorted up front per requested phrase: de-duplication and absorption skip
/// a few candidates for each phrase kept, rarely more than a handful.
const RANKED_HEAD_PER_PHRASE: usize = 8;
/// The head is never shorter than this.
const MIN_RANKED_HEAD: usize = 64;

/// Content words of a joined phrase on each side of its connector: "chefe de Estado",
/// "Forças Armadas de Portugal"; longer sides make clauses, not terms.
const MAX_JOINED_SIDE_WORDS: usize = 2;

/// Every candidate of the document, in order of first occurrence, and the index from each key
/// to its place in the list.
fn candidates(t: &Tokenized, config: &KeywordConfig) -> (Vec<Candidate>, FastMap<PhraseKey, u32>) {
    // Roughly two candidates per token (a word and the phrases it starts).
    let mut found = Found {
        index: fast_map_with_capacity(t.tokens.len() * 2),
        out: Vec::with_capacity(t.tokens.len() * 2),
        acronym_chars: config.acronym_chars as u32,
        ceiling_zipf: config.background_ceiling_zipf,
    };
    candidate_spans(t, config.max_phrase_words, |from, to, opening| found.add(t, from, to, opening));
    (found.out, found.index)
}

/// Calls `f(from, to, opening)` for every occurrence of a candidate, as token range `from..to`
/// in text order: runs of content words delimited by stopwords, numbers and punctuation, their
/// 1..=`max_words` sub-sequences, and runs joined by a connector. `opening` is true where the
/// occurrence opens a phrase (after a stopword or punctuation, or a name after a lowercase
/// word). Shared by key phrases and the set's document frequencies, so both see the same terms.
pub(crate) fn candidate_spans(t: &Tokenized, max_words: usize, mut f: impl FnMut(usize, usize, bool)) {
    let max_words = max_words.clamp(1, MAX_SUPPORTED_PHRASE_WORDS);
    let tokens = &t.tokens;
    let run_end = |from: usize| {
        let mut end = from + 1;
        while end < tokens.len() && tokens[end].is_content() && !tokens[end].has(BREAK_BEFORE) {
            end += 1;
        }
        end
    };
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].is_content() {
            i += 1;
            continue;
        }
        let end = run_end(i);
        for start in i..end {
            // An occurrence opens a phrase after a stopword or punctuation, or where a
            // capitalised name starts after a lowercase word ("eastern Deir Ezzor").
            let opens_name = start > i && tokens[start].has(CAPITALIZED) && !tokens[start - 1].has(CAPITALIZED);
            for len in 1..=max_words.min(end - start) {
                f(start, start + len, start == i || opens_name);
            }
        }
        // A connector (and an article) between this run and the next joins them into one
        // term: "base de Maceda", "ministre de la Santé", "Bank of England".
        if let Some(next) = joined_run_start(tokens, end) {
            let next_end = run_end(next);
            let names_only = tokens[end].has(CONNECTOR_NAMES_ONLY);
            for a in 1..=MAX_JOINED_SIDE_WORDS.min(end - i) {
                for b in 1..=MAX_JOINED_SIDE_WORDS.min(next_end - next) {
                    let (from, to) = (end - a, next + b);
                    if a + b > max_words || to - from > MAX_SUPPORTED_PHRASE_WORDS {
                        continue;
                    }
                    if names_only && !(tokens[from..end].iter().chain(&tokens[next..to]).all(|k| k.has(CAPITALIZED))) {
                        continue;
                    }
                    f(from, to, from == i);
                }
            }
        }
        i = end;
    }
}

/// Where the next run of content words starts when a connector (and an optional article)
/// right after `end` joins it to the run that ends there.
fn joined_run_start(tokens: &[Token], end: usize) -> Option<usize> {
    tokens.get(end).filter(|k| k.has(CONNECTOR) && !k.has(BREAK_BEFORE))?;
    let mut next = end + 1;
    if tokens.get(next).is_some_and(|k| k.has(CONNECTOR_ARTICLE) && !k.has(BREAK_BEFORE)) {
        next += 1;
    }
    tokens.get(next).filter(|k| k.is_content() && !k.has(BREAK_BEFORE)).map(|_| next)
}

/// Candidates as they are found, keyed by their stems.
struct Found {
    index: FastMap<PhraseKey, u32>,
    out: Vec<Candidate>,
    acronym_chars: u32,
    ceiling_zipf: f64,
}

impl Found {
    /// Counts one occurrence of tokens `from..to`; connectors and articles inside it are not
    /// content words and do not count for the word-level features.
    fn add(&mut self, t: &Tokenized, from: usize, to: usize, opening: bool) {
        let Some(span) = t.tokens.get(from..to) else { return };
        let (Some(head), Some(tail)) = (span.first(), span.last()) else { return };
        let key = PhraseKey::of(span);
        // One pass over the content words: all capitalised, and one of them with evidence.
        let (mut all_capitalized, mut evidence) = (true, false);
        for k in span.iter().filter(|k| k.is_content()) {
            all_capitalized &= k.has(CAPITALIZED);
            evidence |= k.has(CAP_EVIDENCE);
        }
        // Look up first: most occurrences repeat a known key, and `get` is cheaper than `entry`.
        let known = self.index.get(&key).copied();
        let idx = known.map_or(self.out.len(), |i| i as usize);
        if known.is_none() {
            self.index.insert(key, idx as u32);
            let (mut words, mut chars, mut all_common, mut rarity) = (0u32, 0u32, true, 0.0);
            for k in span.iter().filter(|k| k.is_content()) {
                words += 1;
                chars += if k.has(ACRONYM) { self.acronym_chars.max(t.chars(k)) } else { t.chars(k) };
                all_common &= k.has(COMMON);
                // Common words are frequent by definition (they are left out of the table).
                if !k.has(COMMON) {
                    let zipf = t
                        .words
                        .get(k.word as usize)
                        .and_then(|w| w.roles.zipf_quarters)
                        .map_or(0.0, |q| f64::from(q) / 4.0);
                    rarity += (self.ceiling_zipf - zipf).max(0.0);
                }
            }
            self.out.push(Candidate {
                key,
                count: 0,
                first: from as u32,
                capitalized: 0,
                opening: 0,
                all_common,
                common_edge: [head, tail].iter().any(|k| k.has(COMMON) && !k.has(CAP_EVIDENCE)),
                mean_chars: f64::from(chars) / f64::from(words.max(1)),
                rarity: rarity / f64::from(words.max(1)),
                words: words as u8,
                sentences: 0,
                low: 0,
                last_sentence: u32::MAX,
            });
        }
        let Some(c) = self.out.get_mut(idx) else { return };
        c.count += 1;
        if c.last_sentence != head.sentence {
            c.last_sentence = head.sentence;
            c.sentences += 1;
        }
        c.capitalized += u32::from(all_capitalized && evidence);
        c.opening += u32::from(opening);
        c.low += u32::from(head.has(LOW_CONTENT));
    }
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
        if best.as_ref().is_none_or(|(_, m)| n > *m) {
            best = Some((f, n));
        }
    }
    best.map(|(f, _)| f).unwrap_or_default()
}

/// `x` to the power `e`, without the cost of `powf` for the usual exponents 0 and 1 (it was a
/// twentieth of the per-document time).
fn power(x: f64, e: f64) -> f64 {
    if e == 0.0 {
        1.0
    } else if e == 1.0 {
        x
    } else {
        x.powf(e)
    }
}

/// Scores a candidate; returns the score and its factors.
fn score(t: &Tokenized, c: &Candidate, corpus: Option<&CorpusStats>, config: &KeywordConfig) -> (f64, KeywordFeatures) {
    let count = f64::from(c.count);
    let total = t.tokens.len().max(1) as f64;
    let frequency = power(count, config.frequency_exponent);
    let position = 1.0 / (1.0 + config.position_weight * f64::from(c.first) / total);
    let casing = 1.0 + config.casing_weight * f64::from(c.capitalized) / count;
    // A phrase is as specific as a word of its mean length × words^e, up to the same cap. A
    // multi-word name is one unit ("Deir" means nothing alone), so it counts its full length.
    let name = c.capitalized * 2 >= c.count;
    let exponent = if name { config.name_words_exponent } else { config.phrase_words_exponent };
    let length = (c.mean_chars * power(f64::from(c.words), exponent)).min(config.max_word_chars as f64);
    let boundary = 1.0 + config.boundary_weight * f64::from(c.opening) / count;
    let common = if c.key.len == 1 && c.all_common { config.common_word_weight } else { 1.0 };
    let spread = power(f64::from(c.sentences) / count, config.spread_exponent);
    let lead = if (c.first as usize) < t.lead_tokens { 1.0 + config.lead_weight } else { 1.0 };
    let corpus_factor = corpus.map_or(1.0, |cs| cs.common_damping(phrase_hash(t, c.key.stems()), config));
    let background = if t.has_background {
        let (floor, ceiling) = (config.background_floor, config.background_ceiling_zipf);
        power(((floor + c.rarity) / (floor + ceiling).max(f64::MIN_POSITIVE)).max(0.0), config.background_exponent)
    } else {
        1.0
    };
    let mention = if c.key.len >= 2 && c.count == 1 { config.single_mention_weight } else { 1.0 };
    let low_content = if c.low == c.count { config.low_content_weight } else { 1.0 };
    let features = KeywordFeatures {
        frequency,
        position,
        casing,
        length,
        boundary,
        common,
        spread,
        lead,
        corpus: corpus_factor,
        background,
        mention,
        low_content,
        absorbed: None,
    };
    let product = frequency * position * casing * length * boundary * common * spread * lead * corpus_factor;
    (product * background * mention * low_content, features)
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
    let (cands, index) = candidates(t, config);
    // For each stem, the phrase of two or more words that holds it most often; of phrases as
    // frequent, the longest ("US-led coalition" rather than its fragment "led coalition").
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
                    (c.count, c.key.len, std::cmp::Reverse(c.first)) > (o.count, o.key.len, std::cmp::Reverse(o.first))
                }
            };
            if better {
                best_phrase.insert(s, i);
            }
        }
    }

    // The phrase that takes the place of single word `i`, if any: a capitalised word gives its
    // place to a name holding most of its uses ("Deir" → "Deir Ezzor"), a proper adjective or a
    // noun modified by a name to the phrase holding half ("Syrian" → "Syrian army"), a lowercase
    // word to a phrase holding all its uses, seen often enough.
    let absorber = |i: usize| -> Option<usize> {
        let c = cands.get(i).filter(|c| c.key.len == 1)?;
        let p = *best_phrase.get(&c.key.stems[0])?;
        let phrase = cands.get(p)?;
        let share = f64::from(phrase.count) / f64::from(c.count);
        let capitalized_word = c.capitalized * 2 >= c.count;
        // A noun modified by a name ("US-led coalition", "Syrian army") names that one
        // entity, like a proper adjective with its noun.
        let name_modified = t.tokens.get(phrase.first as usize).is_some_and(|k| k.has(CAP_EVIDENCE) || k.has(ACRONYM))
            && phrase.key.stems().last() == Some(&c.key.stems[0]);
        let absorb = if capitalized_word && phrase.capitalized > 0 {
            share >= config.name_absorb_share
        } else if capitalized_word || name_modified {
            share >= config.adjective_absorb_share
        } else {
            share >= config.phrase_absorb_share && phrase.count as usize >= config.phrase_absorb_min_count
        };
        absorb.then_some(p)
    };
    let mut scored: Vec<(f64, usize, KeywordFeatures)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| eligible(c, config))
        .map(|(i, c)| {
            let (mut s, mut f) = score(t, c, corpus, config);
            // A word that will stand for a name seen once is that mention ("Natacha" of a photo
            // credit's "Natacha Pisarenko"): damped like the name.
            if absorber(i).is_some_and(|p| cands[p].count == 1) {
                s *= config.single_mention_weight;
                f.mention = config.single_mention_weight;
            }
            (s, i, f)
        })
        .collect();
    // Stable order: score, then first occurrence, then shorter first (a total order: two
    // candidates with the same first token and length are the same span). Only the head of the
    // ranking is usually read, so only the head is sorted at first; the rest is sorted if the
    // de-duplication below runs past it (sorting every candidate was a twentieth of the time).
    let order = |a: &(f64, usize, KeywordFeatures), b: &(f64, usize, KeywordFeatures)| {
        b.0.total_cmp(&a.0)
            .then_with(|| cands[a.1].first.cmp(&cands[b.1].first))
            .then_with(|| cands[a.1].key.len.cmp(&cands[b.1].key.len))
    };
    let head = (RANKED_HEAD_PER_PHRASE * config.top).max(MIN_RANKED_HEAD);
    let mut tail_sorted = scored.len() <= head;
    if tail_sorted {
        crate::sort::sort_by(&mut scored, order);
    } else {
        crate::sort::select_nth_by(&mut scored, head, order);
        crate::sort::sort_by(&mut scored[..head], order);
    }

    let mut kept: Vec<(usize, f64, KeywordFeatures)> = Vec::new();
    let mut next = 0;
    while next < scored.len() {
        if kept.len() >= config.top {
            break;
        }
        if next == head && !tail_sorted {
            crate::sort::sort_by(&mut scored[head..], order);
            tail_sorted = true;
        }
        let (s, i, mut features) = (scored[next].0, scored[next].1, scored[next].2.clone());
        next += 1;
        let mut chosen = i;
        let c = &cands[i];
        if let Some(p) = absorber(i) {
            features.absorbed = Some(surface_of(t, &c.key));
            chosen = p;
        }
        if cands[chosen].key.len >= 2 {
            chosen = extend(t, &cands, &index, chosen, config);
        }
        let cand = &cands[chosen];
        let redundant = kept.iter().any(|(k, _, _)| {
            let other = &cands[*k];
            // A sub-phrase of a better phrase stands on its own only where it mostly occurs
            // outside it. A super-phrase of a better phrase is a variant of it, unless it took
            // the place of another word ("US-led coalition" for "coalition", after "US") and the
            // better phrase mostly occurs outside it.
            let super_phrase = other.key.is_within(&cand.key)
                && (features.absorbed.is_none()
                    || f64::from(other.count) < config.distinct_ratio * f64::from(cand.count));
            *k == chosen
                || cand.key.same_stems(&other.key)
                || cand.key.overlaps(&other.key)
                || super_phrase
                || cand.key.is_within(&other.key)
                    && f64::from(cand.count) < config.distinct_ratio * f64::from(other.count)
        });
        if !redundant {
            kept.push((chosen, s, features));
            continue;
        }
        // A phrase that holds every use of a word kept earlier takes that word's place: the
        // word was only ever part of this term ("ministre" → "ministre de la Santé").
        if cand.key.len >= 2 && features.absorbed.is_some() {
            let holds = |o: &Candidate| o.key.len == 1 && o.key.is_within(&cand.key) && o.count <= cand.count;
            let conflicts = kept.iter().filter(|(k, _, _)| !holds(&cands[*k])).any(|(k, _, _)| {
                let other = &cands[*k];
                *k == chosen
                    || other.key.is_within(&cand.key)
                    || cand.key.is_within(&other.key)
                    || cand.key.overlaps(&other.key)
            });
            if !conflicts {
                if let Some(slot) = kept.iter().position(|(k, _, _)| holds(&cands[*k])) {
                    let (word, score, _) = kept[slot];
                    features.absorbed = Some(surface_of(t, &cands[word].key));
                    kept[slot] = (chosen, score, features);
                    // Any other word it holds goes too.
                    let mut i = slot + 1;
                    while i < kept.len() {
                        if holds(&cands[kept[i].0]) {
                            kept.remove(i);
                        } else {
                            i += 1;
                        }
                    }
                }
            }
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

/// The longest phrase that always surrounds candidate `i`: while every occurrence has the same
/// word right after it (or right before it), of the same case class as the phrase's edge there,
/// the phrase grows ("University of Rhode" → "University of Rhode Island", "led coalition" →
/// "US-led coalition"). A phrase cut short of its constant neighbour is a fragment of the term
/// the text uses.
fn extend(
    t: &Tokenized,
    cands: &[Candidate],
    index: &FastMap<PhraseKey, u32>,
    i: usize,
    config: &KeywordConfig,
) -> usize {
    let mut current = i;
    // Each step adds one token; a phrase cannot outgrow the supported length.
    for _ in 0..MAX_SUPPORTED_PHRASE_WORDS {
        let Some(c) = cands.get(current) else { break };
        let len = c.key.len as usize;
        let occurrences = occurrences_of(t, &c.key);
        let neighbour = |offset: isize| -> Option<u32> {
            let mut stem = None;
            for &o in &occurrences {
                let o = o as isize;
                let (at, edge) = if offset > 0 { (o + len as isize, o + len as isize - 1) } else { (o - 1, o) };
                let (Ok(at), Ok(edge)) = (usize::try_from(at), usize::try_from(edge)) else { return None };
                let (k, e) = (t.tokens.get(at)?, t.tokens.get(edge)?);
                // The joint between the two tokens must not be broken by punctuation.
                let joint_ok = if offset > 0 { !k.has(BREAK_BEFORE) } else { !e.has(BREAK_BEFORE) };
                if !k.is_content() || !joint_ok || k.has(CAPITALIZED) != e.has(CAPITALIZED) {
                    return None;
                }
                match stem {
                    None => stem = Some(k.stem),
                    Some(s) if s == k.stem => {}
                    Some(_) => return None,
                }
            }
            stem
        };
        let grown = if let Some(next) = neighbour(1) {
            let mut stems = c.key.stems().to_vec();
            stems.push(next);
            Some(stems)
        } else {
            neighbour(-1).map(|prev| {
                let mut stems = vec![prev];
                stems.extend_from_slice(c.key.stems());
                stems
            })
        };
        let Some(stems) = grown.filter(|s| s.len() <= MAX_SUPPORTED_PHRASE_WORDS) else { break };
        let mut key = PhraseKey { len: stems.len() as u8, stems: [u32::MAX; MAX_SUPPORTED_PHRASE_WORDS] };
        key.stems[..stems.len()].copy_from_slice(&stems);
        match index.get(&key).map(|&j| j as usize) {
            Some(j) if cands.get(j).is_some_and(|g| eligible(g, config)) => current = j,
            _ => break,
        }
    }
    current
}

/// Key phrases of one document, best first; `corpus` adds inverse document frequency.
pub fn key_phrases(text: &str, corpus: Option<&CorpusStats>, config: &KeywordConfig) -> Vec<Keyword> {
    key_phrases_marked(text, &[], corpus, config)
}

/// [`key_phrases`] of a text whose byte ranges `low_content` (in order) cleaning kept with a
/// low content score: phrases found only there are damped (see
/// [`crate::report::keyword_text_marked`]).
pub fn key_phrases_marked(
    text: &str,
    low_content: &[std::ops::Range<usize>],
    corpus: Option<&CorpusStats>,
    config: &KeywordConfig,
) -> Vec<Keyword> {
    let mut t = Tokenized::new(text, config.language.as_deref());
    t.mark_low_content(low_content);
    rank(&t, corpus, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SINGLE_MENTION: f64 = crate::keywords::SINGLE_MENTION_WEIGHT;

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

    fn terms_in(text: &str, language: &str) -> Vec<String> {
        let config = KeywordConfig { language: Some(language.into()), ..KeywordConfig::default() };
        key_phrases(text, None, &config).into_iter().map(|k| k.term).collect()
    }

    #[test]
    fn romance_terms_join_nouns_with_de() {
        let t = terms_in(
            "O chefe de Estado chegou hoje. O chefe de Estado falou com os soldados. \
             Os soldados portugueses voltaram da base de Maceda. A base de Maceda recebeu os corpos.",
            "pt",
        );
        assert!(t.iter().any(|x| x == "chefe de Estado"), "{t:?}");
        assert!(t.iter().any(|x| x == "base de Maceda"), "{t:?}");
        let fr =
            terms_in("La ministre de la Santé a parlé. Le plan de la ministre de la Santé déçoit les syndicats.", "fr");
        assert!(fr.iter().any(|x| x == "ministre de la Santé"), "{fr:?}");
    }

    #[test]
    fn english_of_joins_names_only() {
        let t = terms(
            "The Bank of England raised rates. Economists at the Bank of England expect a rise of prices. \
             The rise of prices worried the Bank of England.",
        );
        assert!(t.iter().any(|x| x == "Bank of England"), "{t:?}");
        assert!(!t.iter().any(|x| x == "rise of prices"), "{t:?}");
    }

    #[test]
    fn phrases_grow_to_their_constant_neighbours() {
        let t = terms(
            "The US-led coalition struck again. Moscow said the US-led coalition was pretending. \
             The US-led coalition denied it. The coalition said the US acted within the law. \
             The US said so twice, and the US repeated it.",
        );
        assert!(t.iter().any(|x| x == "US-led coalition"), "{t:?}");
        assert!(!t.iter().any(|x| x == "led coalition"), "{t:?}");
        let r = terms(
            "Researchers at the University of Rhode Island found the compounds. \
             The University of Rhode Island team will publish the compounds.",
        );
        assert!(r.iter().any(|x| x == "University of Rhode Island"), "{r:?}");
        assert!(!r.iter().any(|x| x == "University of Rhode"), "{r:?}");
    }

    #[test]
    fn general_text_frequency_ranks_specific_words_above_vague_ones() {
        // Same count, same length class, same position class: "treadmill" is rarer in general
        // text than "business".
        let k = key_phrases("The business bought a treadmill. The treadmill helped the business grow.", None, &en());
        let rank = |w: &str| k.iter().position(|x| x.term == w);
        assert!(rank("treadmill") < rank("business"), "{k:?}");
        let b = k.iter().find(|x| x.term == "business").map(|x| x.features.background);
        assert!(b.is_some_and(|b| b < 1.0), "{k:?}");
        let off = KeywordConfig { background_exponent: 0.0, ..en() };
        let k = key_phrases("The business bought a treadmill. The treadmill helped the business grow.", None, &off);
        assert!(k.iter().all(|x| x.features.background == 1.0), "{k:?}");
    }

    #[test]
    fn a_name_mentioned_once_is_damped() {
        let k = key_phrases(
            "Photo by Natacha Pisarenko. Farmers harvested maple syrup. The syrup price rose as farmers sold syrup.",
            None,
            &en(),
        );
        let name = k.iter().find(|x| x.term == "Natacha Pisarenko");
        assert_eq!(name.map(|x| x.features.mention), Some(SINGLE_MENTION), "{k:?}");
        let syrup = k.iter().find(|x| x.term == "syrup");
        assert_eq!(syrup.map(|x| x.features.mention), Some(1.0), "{k:?}");
    }

    #[test]
    fn phrases_found_only_in_low_content_passages_are_damped() {
        let byline = "Globe Herald staff and agencies";
        let text = format!(
            "{byline}\n\nMidwives save mothers. A shortage of midwives costs lives. Trained midwives help \
             mothers in Kabul. Globe Herald readers may know the agencies."
        );
        let plain = key_phrases(&text, None, &en());
        // One marked range: the byline (the function takes any number).
        let marked = key_phrases_marked(&text, std::slice::from_ref(&(0..byline.len())), None, &en());
        let find = |k: &[Keyword], w: &str| k.iter().find(|x| x.term == w).map(|x| x.features.low_content);
        // "Globe Herald" also occurs in the body: not damped. "staff" occurs only in the byline.
        assert_eq!(find(&marked, "Globe Herald"), Some(1.0), "{marked:?}");
        assert_eq!(find(&marked, "midwives"), Some(1.0), "{marked:?}");
        let staff = |k: &[Keyword]| k.iter().find(|x| x.term == "staff").map(|x| x.score);
        assert!(staff(&marked) < staff(&plain), "{plain:?} {marked:?}");
        assert!(plain.iter().all(|x| x.features.low_content == 1.0));
    }

    #[test]
    fn overlapping_windows_of_one_long_name_are_one_phrase() {
        let t = terms(
            "Speaking to City Council Public Safety Committee Chairman Peter Vallone, the commissioner \
             agreed. Later City Council Public Safety Committee Chairman Peter Vallone left.",
        );
        let windows: Vec<&String> = t.iter().filter(|x| x.contains("Safety")).collect();
        assert_eq!(windows.len(), 1, "{t:?}");
    }
}
