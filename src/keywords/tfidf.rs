//! The loaded set: document frequencies counted once per story, TF-IDF per document, and the
//! corpus term table.
//!
//! One wire story printed by thirty sites would otherwise make its words look like the set's
//! vocabulary (high document frequency, low IDF) and its counts dominate the term table. So
//! documents are grouped by their dedup cluster ([`CorpusStats::with_clusters`], cluster ids from
//! `crate::dedup::cluster`): a story's copies count as one document, with each term's count
//! taken from the copy that uses it most.
//!
//! Keys are 64-bit hashes of stem sequences (xxh3), so the table for 100,000 documents stays a
//! few hundred megabytes at most and is built in parallel natively (rayon).

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::phrases::candidate_spans;
use super::tokens::{fast_map, FastMap, Tokenized, ACRONYM, CAP_EVIDENCE};
use super::KeywordConfig;

/// Hash of a stem sequence: the key of a term or phrase across documents.
pub(crate) fn key_hash<'s>(stems: impl Iterator<Item = &'s str>) -> u64 {
    combine(stems.map(|s| xxh3_64(s.as_bytes())))
}

/// Combines per-stem hashes into an order-sensitive sequence hash (rotate, xor, multiply by the
/// 64-bit golden ratio), so phrase keys cost no string building.
pub(crate) fn combine(hashes: impl Iterator<Item = u64>) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3;
    for x in hashes {
        h = (h.rotate_left(23) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h
}

/// The cross-document key of a phrase of a tokenized document.
pub(crate) fn phrase_hash(t: &Tokenized, stems: &[u32]) -> u64 {
    combine(stems.iter().map(|&s| t.stem_hashes.get(s as usize).copied().unwrap_or(0)))
}

/// One row of the corpus term table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CorpusTerm {
    pub term: String,
    /// Occurrences over the set, each story counted once.
    pub count: usize,
    /// Stories (clusters of copies) that use the term.
    pub documents: usize,
    /// count × idf.
    pub tfidf: f64,
}

/// A term that sets one document apart from the set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DistinctiveTerm {
    pub term: String,
    pub count: usize,
    pub documents: usize,
    pub tfidf: f64,
}

/// What one document contributes.
struct DocumentTerms {
    /// Every candidate key (terms and phrases), once.
    keys: Vec<u64>,
    /// Unigram terms: key, count, and the span of its most frequent lowercase form in `forms`.
    terms: Vec<(u64, u32, u32, u32)>,
    /// The forms, one string per document instead of one allocation per term.
    forms: String,
}

impl DocumentTerms {
    fn form(&self, start: u32, end: u32) -> &str {
        self.forms.get(start as usize..end as usize).unwrap_or("")
    }
}

fn document_terms(text: &str, config: &KeywordConfig) -> DocumentTerms {
    let t = Tokenized::new(text, config.language.as_deref());
    // Every candidate's key, hashed straight from the spans: no candidate records, since the
    // set only needs which terms a story uses (a third of the per-document time otherwise).
    let mut keys: Vec<u64> = Vec::with_capacity(t.tokens.len() * 3);
    candidate_spans(&t, config.max_phrase_words, |from, to, _| {
        let stems = t.tokens.get(from..to).unwrap_or(&[]).iter().map(|k| k.stem);
        keys.push(combine(stems.map(|s| t.stem_hashes.get(s as usize).copied().unwrap_or(0))));
    });
    keys.sort_unstable();
    keys.dedup();
    // Content words per stem in order of first use, with their most frequent lowercase form
    // (ties: the earlier word type), and a name-like token of each word type (acronym or
    // capitalised mid-sentence), whose casing the table shows ("US", "Moscow"); other words
    // show lowercase.
    let mut stem_counts = vec![0u32; t.stems.len()];
    let mut stem_order: Vec<u32> = Vec::new();
    let mut word_counts = vec![0u32; t.words.len()];
    let mut cased = vec![u32::MAX; t.words.len()];
    for (i, k) in t.tokens.iter().enumerate().filter(|(_, k)| k.is_content()) {
        if let Some(c) = stem_counts.get_mut(k.stem as usize) {
            if *c == 0 {
                stem_order.push(k.stem);
            }
            *c += 1;
        }
        if let Some(c) = word_counts.get_mut(k.word as usize) {
            *c += 1;
        }
        if k.has(ACRONYM) || k.has(CAP_EVIDENCE) {
            if let Some(f) = cased.get_mut(k.word as usize).filter(|f| **f == u32::MAX) {
                *f = i as u32;
            }
        }
    }
    let mut best_word = vec![(u32::MAX, 0u32); t.stems.len()];
    for (w, &n) in word_counts.iter().enumerate() {
        let Some(stem) = t.words.get(w).map(|x| x.stem as usize) else { continue };
        if let Some(e) = best_word.get_mut(stem) {
            if n > e.1 {
                *e = (w as u32, n);
            }
        }
    }
    let mut forms = String::new();
    let terms = stem_order
        .iter()
        .map(|&stem| {
            let start = forms.len() as u32;
            if let Some(&(w, _)) = best_word.get(stem as usize) {
                let named = cased.get(w as usize).and_then(|&i| t.tokens.get(i as usize));
                match (named, t.lowers.get(w as usize)) {
                    (Some(k), _) => forms.push_str(t.text.get(k.start..k.end).unwrap_or("")),
                    (None, Some(lower)) => forms.push_str(lower),
                    (None, None) => {}
                }
            }
            let count = stem_counts.get(stem as usize).copied().unwrap_or(0);
            (phrase_hash(&t, &[stem]), count, start, forms.len() as u32)
        })
        .collect();
    DocumentTerms { keys, terms, forms }
}

/// Stories analysed per batch: enough to keep both cores busy, few enough that the per-document
/// key lists of a batch stay in the tens of megabytes.
const CORPUS_BATCH_STORIES: usize = 4096;

/// Document frequencies and the term table of a loaded set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusStats {
    /// Stories: clusters of near-duplicate copies, each counted once.
    stories: usize,
    documents: usize,
    document_frequency: FastMapWrapper,
    terms: Vec<CorpusTerm>,
}

/// `FastMap` with `PartialEq`/`Default` for the derive.
#[derive(Debug, Clone, Default)]
struct FastMapWrapper(FastMap<u64, u32>);

impl PartialEq for FastMapWrapper {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn map_documents(texts: &[&str], config: &KeywordConfig) -> Vec<DocumentTerms> {
    use rayon::prelude::*;
    texts.par_iter().map(|t| document_terms(t, config)).collect()
}

#[cfg(target_arch = "wasm32")]
fn map_documents(texts: &[&str], config: &KeywordConfig) -> Vec<DocumentTerms> {
    texts.iter().map(|t| document_terms(t, config)).collect()
}

/// Runs `a` and `b` at once natively (rayon), one after the other in wasm.
#[cfg(not(target_arch = "wasm32"))]
fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    rayon::join(a, b)
}

#[cfg(target_arch = "wasm32")]
fn join<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    let b = b();
    (a(), b)
}

/// Term aggregate: count, stories, best form, its count, first-seen order.
type TableRow = (u64, u32, String, u32, usize);

/// Adds one batch of stories (`analysed` holds their members' terms, in order) to the
/// document frequencies and the term table.
fn merge_batch(
    batch: &[Vec<usize>],
    analysed: &[DocumentTerms],
    df: &mut FastMap<u64, u32>,
    table: &mut FastMap<u64, TableRow>,
    seen: &mut FastMap<u64, ()>,
) {
    let mut story_terms: FastMap<u64, (u32, &str)> = fast_map();
    let mut terms: Vec<(u64, u32, &str)> = Vec::new();
    let mut next = 0usize;
    for group in batch {
        let docs = analysed.get(next..next + group.len()).unwrap_or(&[]);
        next += group.len();
        terms.clear();
        if let [d] = docs {
            // A story of one document (most of them): its keys and terms are already unique, so
            // they go straight into the counts, without the union of several copies.
            for k in &d.keys {
                *df.entry(*k).or_insert(0) += 1;
            }
            terms.extend(d.terms.iter().map(|&(key, count, start, end)| (key, count, d.form(start, end))));
        } else {
            seen.clear();
            story_terms.clear();
            for d in docs {
                for k in &d.keys {
                    seen.insert(*k, ());
                }
                for &(key, count, start, end) in &d.terms {
                    let form = d.form(start, end);
                    let e = story_terms.entry(key).or_insert((0, form));
                    // Ties go to the smaller form, so the result does not depend on input order.
                    if count > e.0 || count == e.0 && form < e.1 {
                        *e = (count, form);
                    }
                }
            }
            for k in seen.keys() {
                *df.entry(*k).or_insert(0) += 1;
            }
            terms.extend(story_terms.iter().map(|(&key, &(count, form))| (key, count, form)));
        }
        // Table rows are created in key order within a story, so the first-seen order that
        // breaks ties does not depend on hash-map iteration.
        crate::sort::sort_by_key(&mut terms, |t| t.0);
        for &(key, count, form) in &terms {
            let order = table.len();
            let e = table.entry(key).or_insert_with(|| (0, 0, form.to_string(), 0, order));
            e.0 += u64::from(count);
            e.1 += 1;
            if count > e.3 || count == e.3 && form < e.2.as_str() {
                e.2 = form.to_string();
                e.3 = count;
            }
        }
    }
}

impl CorpusStats {
    /// Builds the set's statistics with every document its own story.
    pub fn new(texts: &[&str], config: &KeywordConfig) -> CorpusStats {
        let clusters: Vec<usize> = (0..texts.len()).collect();
        CorpusStats::with_clusters(texts, &clusters, config)
    }

    /// Builds the set's statistics counting each cluster of near-duplicates once: `clusters[i]`
    /// is the cluster id of `texts[i]` (any id; equal ids are copies of one story). Missing ids
    /// make a document its own story.
    pub fn with_clusters(texts: &[&str], clusters: &[usize], config: &KeywordConfig) -> CorpusStats {
        // Group documents by cluster in order of first appearance.
        let mut group_of: FastMap<usize, usize> = fast_map();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..texts.len() {
            // Ids beyond the input are shifted so they cannot collide with real cluster ids.
            let id = clusters.get(i).copied().unwrap_or(usize::MAX - i);
            let g = *group_of.entry(id).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
        let mut df: FastMap<u64, u32> = fast_map();
        let mut table: FastMap<u64, TableRow> = fast_map();
        let mut seen: FastMap<u64, ()> = fast_map();
        // Stories are analysed a batch at a time (in parallel natively) and merged, so memory
        // stays bounded by two batches, not the set. The merge is sequential, so natively it
        // runs while the next batch is analysed.
        let members_of = |batch: &[Vec<usize>]| -> Vec<DocumentTerms> {
            let members: Vec<&str> = batch.iter().flatten().filter_map(|&m| texts.get(m).copied()).collect();
            map_documents(&members, config)
        };
        let batches: Vec<&[Vec<usize>]> = groups.chunks(CORPUS_BATCH_STORIES).collect();
        let mut analysed = batches.first().map(|b| members_of(b)).unwrap_or_default();
        for (i, batch) in batches.iter().enumerate() {
            let (next, ()) = join(
                || batches.get(i + 1).map(|b| members_of(b)).unwrap_or_default(),
                || merge_batch(batch, &analysed, &mut df, &mut table, &mut seen),
            );
            analysed = next;
        }
        let mut stats = CorpusStats {
            stories: groups.len(),
            documents: texts.len(),
            document_frequency: FastMapWrapper(df),
            terms: Vec::new(),
        };
        let mut rows: Vec<(CorpusTerm, usize)> = table
            .iter()
            .map(|(key, (count, docs, form, _, order))| {
                let tfidf = *count as f64 * stats.idf(*key);
                (CorpusTerm { term: form.clone(), count: *count as usize, documents: *docs as usize, tfidf }, *order)
            })
            .collect();
        crate::sort::sort_by(&mut rows, |a, b| {
            b.0.tfidf.total_cmp(&a.0.tfidf).then_with(|| a.0.term.cmp(&b.0.term)).then(a.1.cmp(&b.1))
        });
        stats.terms = rows.into_iter().take(config.corpus_terms).map(|(t, _)| t).collect();
        stats
    }

    /// Stories in the set (clusters of copies counted once).
    pub fn stories(&self) -> usize {
        self.stories
    }

    /// Documents in the set.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The corpus term table, highest TF-IDF first.
    pub fn term_table(&self) -> &[CorpusTerm] {
        &self.terms
    }

    /// Stories that use the term or phrase with this key.
    pub(crate) fn document_frequency(&self, key: u64) -> u32 {
        self.document_frequency.0.get(&key).copied().unwrap_or(0)
    }

    /// Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1.
    pub(crate) fn idf(&self, key: u64) -> f64 {
        let df = f64::from(self.document_frequency(key));
        ((1.0 + self.stories as f64) / (1.0 + df)).ln() + 1.0
    }

    /// Key-phrase damping: 1 for terms in at most `corpus_common_share` of the stories, falling
    /// with IDF above that. Full TF-IDF weighting over-rewards rare one-off words in a small
    /// set; damping only the set's common vocabulary keeps what the document itself says.
    pub(crate) fn common_damping(&self, key: u64, config: &KeywordConfig) -> f64 {
        let share = config.corpus_common_share.clamp(1e-6, 1.0);
        let reference = (1.0 / share).ln() + 1.0;
        (self.idf(key) / reference).min(1.0)
    }

    /// The `n` terms of a document with the highest TF-IDF against this set.
    pub(crate) fn distinctive(&self, t: &Tokenized, n: usize) -> Vec<DistinctiveTerm> {
        let mut counts: FastMap<u32, (u32, usize)> = fast_map();
        for (i, k) in t.tokens.iter().enumerate() {
            if k.is_content() {
                counts.entry(k.stem).or_insert((0, i)).0 += 1;
            }
        }
        let mut rows: Vec<(f64, usize, u32, u32)> = counts
            .iter()
            .map(|(&stem, &(count, first))| {
                let key = key_hash(std::iter::once(t.stems.get(stem as usize).unwrap_or("")));
                (f64::from(count) * self.idf(key), first, stem, count)
            })
            .collect();
        crate::sort::sort_by(&mut rows, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        rows.into_iter()
            .take(n)
            .map(|(tfidf, first, stem, count)| {
                let key = key_hash(std::iter::once(t.stems.get(stem as usize).unwrap_or("")));
                let phrase = super::phrases::PhraseKey::of(std::slice::from_ref(&t.tokens[first]));
                DistinctiveTerm {
                    term: super::phrases::surface_of(t, &phrase),
                    count: count as usize,
                    documents: self.document_frequency(key) as usize,
                    tfidf,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> KeywordConfig {
        KeywordConfig { language: Some("en".into()), ..KeywordConfig::default() }
    }

    #[test]
    fn copies_of_one_story_count_once() {
        let story = "Moscow accused the coalition of reducing strikes.";
        let texts = [story, story, story, "The harvest in Kenya was poor this year."];
        let plain = CorpusStats::new(&texts, &en());
        let clustered = CorpusStats::with_clusters(&texts, &[0, 0, 0, 3], &en());
        let key = key_hash(std::iter::once("coalit"));
        assert_eq!(plain.document_frequency(key), 3);
        assert_eq!(clustered.document_frequency(key), 1);
        assert_eq!(clustered.stories(), 2);
        let row = clustered.term_table().iter().find(|t| t.term == "coalition").map(|t| (t.count, t.documents));
        assert_eq!(row, Some((1, 1)));
    }

    #[test]
    fn rare_terms_have_higher_idf_and_distinctive_terms_rank_them() {
        let texts = ["The army attacked the town.", "The army left the town.", "Farmers planted maize near the town."];
        let c = CorpusStats::new(&texts, &en());
        assert!(c.idf(key_hash(std::iter::once("maiz"))) > c.idf(key_hash(std::iter::once("town"))));
        let t = Tokenized::new(texts[2], Some("en"));
        let d = c.distinctive(&t, 2);
        assert!(d.iter().all(|x| x.term != "town"), "{d:?}");
    }
}
