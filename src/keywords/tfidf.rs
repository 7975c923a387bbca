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

/// Smoothed inverse document frequency of a term used by `df` of `stories` stories:
/// ln((1 + N) / (1 + df)) + 1.
fn idf(stories: u64, df: u32) -> f64 {
    ((1.0 + stories as f64) / (1.0 + f64::from(df))).ln() + 1.0
}

/// The term table's top `n` rows from the rows used by at least one of `stories` stories:
/// highest TF-IDF first, ties by term, then by first use.
fn rank(rows: &[PartialRow], stories: usize, n: usize) -> Vec<CorpusTerm> {
    let mut rows: Vec<(f64, &PartialRow)> =
        rows.iter().filter(|r| r.stories > 0).map(|r| (r.count as f64 * idf(stories as u64, r.df), r)).collect();
    crate::sort::sort_by(&mut rows, |a, b| {
        b.0.total_cmp(&a.0).then_with(|| a.1.form.cmp(&b.1.form)).then(a.1.order.cmp(&b.1.order))
    });
    rows.into_iter()
        .take(n)
        .map(|(tfidf, r)| CorpusTerm {
            term: r.form.clone(),
            count: r.count as usize,
            documents: r.stories as usize,
            tfidf,
        })
        .collect()
}

/// One term of a [`TermPartial`].
#[derive(Debug, Clone, PartialEq)]
struct PartialRow {
    key: u64,
    /// Occurrences, each story counted once (as in [`CorpusTerm::count`]).
    count: u64,
    /// Stories whose content words include the term.
    stories: u32,
    /// Stories whose candidate keys include it (what IDF reads).
    df: u32,
    /// The most used form and its count in the story that used it most.
    form_count: u32,
    form: String,
    /// First use: the shard's first document number in the high 32 bits, the row's first-seen
    /// place in the shard below, so merged shards keep the whole set's first-use order.
    order: u64,
}

/// A shard's share of the corpus term table: for every content word of its documents, sums
/// that add up over shards (count, stories using it, document frequency) and its most used
/// form. Merged in any order by [`TermMerger`], the shares of a set's shards give the term
/// table [`CorpusStats::with_clusters`] makes of the whole set with every document its own
/// story; [`TermMerger::regroup`] then counts the copies of each story once, wherever they
/// fell (the shards do not know the copies in other shards).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermPartial {
    stories: u64,
    documents: u64,
    /// In first-seen order.
    rows: Vec<PartialRow>,
}

/// Header words of a packed [`TermPartial`]: a format tag, stories, documents, rows.
const TERM_PACK_TAG: u32 = 0x5445_0001;

/// Words per row of a packed [`TermPartial`] before the form's bytes: key (2), count,
/// stories, df, form count, order in the shard, form length in bytes.
const TERM_PACK_ROW: usize = 8;

impl TermPartial {
    /// Terms in this share.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the share has no terms.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Keeps the `max` terms with the highest counts (ties: first used), dropping the rest: a
    /// shard's vocabulary is mostly words used once, which can reach a table of the top few
    /// hundred terms only if they are used in most shards. The kept rows stay in first-use order.
    pub fn truncate(&mut self, max: usize) {
        if self.rows.len() <= max {
            return;
        }
        crate::sort::sort_by(&mut self.rows, |a, b| b.count.cmp(&a.count).then(a.order.cmp(&b.order)));
        self.rows.truncate(max);
        by_order(&mut self.rows);
    }

    /// The share as one flat array of 32-bit words (a header, then per term: key low and high,
    /// count, stories, df, form count, first-use place, form length, the form's UTF-8 bytes
    /// four to a word), so a worker hands it on as one transferable typed array.
    pub fn pack(&self) -> Vec<u32> {
        let w = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        let size: usize = self.rows.iter().map(|r| TERM_PACK_ROW + r.form.len().div_ceil(4)).sum();
        let mut out = Vec::with_capacity(4 + size);
        out.extend_from_slice(&[TERM_PACK_TAG, w(self.stories), w(self.documents), w(self.rows.len() as u64)]);
        for r in &self.rows {
            out.extend_from_slice(&[
                r.key as u32,
                (r.key >> 32) as u32,
                w(r.count),
                r.stories,
                r.df,
                r.form_count,
                r.order as u32,
                w(r.form.len() as u64),
            ]);
            out.extend(r.form.as_bytes().chunks(4).map(|c| {
                let mut b = [0u8; 4];
                if let Some(head) = b.get_mut(..c.len()) {
                    head.copy_from_slice(c);
                }
                u32::from_le_bytes(b)
            }));
        }
        out
    }

    /// Reads [`TermPartial::pack`]'s words back, for the shard whose first document is number
    /// `at` of the whole set (it orders the terms' first uses across shards). Fails on words
    /// that are not a pack.
    pub fn unpack(words: &[u32], at: usize) -> crate::Result<TermPartial> {
        TermPartial::read(words, at).map_err(|m| crate::Error::BadRecord {
            name: "term pack".into(),
            line: 1,
            message: m.into(),
        })
    }

    /// [`TermPartial::unpack`] with what is wrong as a plain message (one error path).
    fn read(words: &[u32], at: usize) -> Result<TermPartial, &'static str> {
        let &[tag, stories, documents, n, ..] = words else { return Err("truncated") };
        if tag != TERM_PACK_TAG {
            return Err("not a term pack");
        }
        let base = (at as u64) << 32;
        let mut rows = Vec::with_capacity((n as usize).min(words.len() / TERM_PACK_ROW));
        let mut rest = words.get(4..).unwrap_or(&[]);
        for _ in 0..n {
            let Some((&[lo, hi, count, stories, df, form_count, order, len], tail)) =
                rest.split_first_chunk::<TERM_PACK_ROW>()
            else {
                return Err("truncated");
            };
            let n_words = (len as usize).div_ceil(4);
            let form_words = tail.get(..n_words).ok_or("truncated")?;
            let mut bytes: Vec<u8> = form_words.iter().flat_map(|w| w.to_le_bytes()).collect();
            bytes.truncate(len as usize);
            let form = String::from_utf8(bytes).map_err(|_| "a form that is not UTF-8")?;
            rest = tail.get(n_words..).unwrap_or(&[]);
            rows.push(PartialRow {
                key: u64::from(lo) | u64::from(hi) << 32,
                count: u64::from(count),
                stories,
                df,
                form_count,
                form,
                order: base | u64::from(order),
            });
        }
        if !rest.is_empty() {
            return Err("trailing words");
        }
        Ok(TermPartial { stories: u64::from(stories), documents: u64::from(documents), rows })
    }
}

/// The share of already analysed documents grouped into stories: `groups` are runs of
/// consecutive indices into `analysed`, in order.
fn share_of(analysed: &[DocumentTerms], groups: &[Vec<usize>]) -> TermPartial {
    let mut df: FastMap<u64, u32> = fast_map();
    let mut table: FastMap<u64, TableRow> = fast_map();
    let mut seen: FastMap<u64, ()> = fast_map();
    merge_batch(groups, analysed, &mut df, &mut table, &mut seen);
    TermPartial { stories: groups.len() as u64, documents: analysed.len() as u64, rows: rows_of(table, &df) }
}

/// The rows of a term table with their document frequencies, unordered (one copy of this
/// conversion for every caller, to keep the wasm module small).
fn rows_of(table: FastMap<u64, TableRow>, df: &FastMap<u64, u32>) -> Vec<PartialRow> {
    table
        .into_iter()
        .map(|(key, (count, stories, form, form_count, order))| PartialRow {
            key,
            count,
            stories,
            df: df.get(&key).copied().unwrap_or(0),
            form_count,
            order: order as u64,
            form,
        })
        .collect()
}

/// Sorts rows by first use (one instantiation of the shared sort for all callers).
fn by_order(rows: &mut [PartialRow]) {
    crate::sort::sort_by_key(rows, |r| r.order);
}

/// Merges shards' [`TermPartial`]s, in any order, into the term table of the whole set.
#[derive(Debug, Clone, Default)]
pub struct TermMerger {
    stories: u64,
    documents: u64,
    shards: usize,
    /// Each term's place in `rows` (the key type the document frequencies already use, so the
    /// wasm module holds no second hash table instantiation).
    index: FastMap<u64, u32>,
    rows: Vec<PartialRow>,
}

impl TermMerger {
    pub fn new() -> TermMerger {
        TermMerger { index: fast_map(), ..TermMerger::default() }
    }

    /// Adds one shard's share (sums; the most used form, ties to the smaller form, as in
    /// [`CorpusStats::with_clusters`]; the earliest first use).
    pub fn add(&mut self, part: TermPartial) {
        self.stories += part.stories;
        self.documents += part.documents;
        self.shards += 1;
        for r in part.rows {
            let next = self.rows.len() as u32;
            let at = *self.index.entry(r.key).or_insert(next);
            match self.rows.get_mut(at as usize) {
                None => self.rows.push(r),
                Some(e) => {
                    e.count += r.count;
                    e.stories = e.stories.saturating_add(r.stories);
                    e.df = e.df.saturating_add(r.df);
                    if r.form_count > e.form_count || r.form_count == e.form_count && r.form < e.form {
                        e.form = r.form;
                        e.form_count = r.form_count;
                    }
                    e.order = e.order.min(r.order);
                }
            }
        }
    }

    /// Takes a share back out (a set of documents counted in an added share): sums only, as
    /// the most used form and first use cannot be undone; a term's form stays one of its forms.
    fn subtract(&mut self, part: TermPartial) {
        self.stories = self.stories.saturating_sub(part.stories);
        self.documents = self.documents.saturating_sub(part.documents);
        for r in part.rows {
            if let Some(e) = self.index.get(&r.key).and_then(|&at| self.rows.get_mut(at as usize)) {
                e.count = e.count.saturating_sub(r.count);
                e.stories = e.stories.saturating_sub(r.stories);
                e.df = e.df.saturating_sub(r.df);
            }
        }
    }

    /// Counts `texts`, already added grouped into stories by `from` (cluster ids, as in
    /// [`CorpusStats::with_clusters`]), grouped by `to` instead: a shard turns its own stories
    /// back into documents, and the clustering worker groups the documents of the whole set's
    /// clusters, copies that several shards counted, into their stories. Only these texts are
    /// read again.
    pub fn regroup(&mut self, texts: &[&str], from: &[usize], to: &[usize], config: &KeywordConfig) {
        if texts.is_empty() {
            return;
        }
        let id = |ids: &[usize], i: usize| ids.get(i).copied().unwrap_or(usize::MAX - i);
        // Each text is read once when both groupings can be runs of one ordering: sorted by
        // `to`'s story, then `from`'s (so when `from`'s stories lie within `to`'s, as a shard's
        // copies lie within the whole set's clusters). Otherwise each grouping reads them.
        // Each text's story in a grouping, named by the story's first text.
        let first = |ids: &[usize]| -> Vec<usize> {
            let mut first: FastMap<usize, usize> = fast_map();
            (0..texts.len()).map(|i| *first.entry(id(ids, i)).or_insert(i)).collect()
        };
        let (first_to, first_from) = (first(to), first(from));
        let mut order: Vec<usize> = (0..texts.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| (first_to.get(i), first_from.get(i), i));
        let runs = |ids: &[usize]| -> Option<Vec<Vec<usize>>> {
            let mut groups: Vec<Vec<usize>> = Vec::new();
            let mut closed: FastMap<u64, ()> = fast_map();
            let mut last = None;
            for (k, &i) in order.iter().enumerate() {
                let g = id(ids, i);
                match groups.last_mut() {
                    Some(run) if last == Some(g) => run.push(k),
                    _ => {
                        if closed.insert(g as u64, ()).is_some() {
                            return None;
                        }
                        groups.push(vec![k]);
                    }
                }
                last = Some(g);
            }
            Some(groups)
        };
        let (old, new) = match (runs(from), runs(to)) {
            (Some(from_runs), Some(to_runs)) => {
                let ordered: Vec<&str> = order.iter().filter_map(|&i| texts.get(i).copied()).collect();
                let analysed = map_documents(&ordered, config);
                (share_of(&analysed, &from_runs), share_of(&analysed, &to_runs))
            }
            _ => {
                let share = |clusters: &[usize]| CorpusStats::with_clusters_partial(texts, clusters, config).1;
                (share(from), share(to))
            }
        };
        self.subtract(old);
        let shards = self.shards;
        // Terms are already here: the first uses stay those of the shards.
        let mut new = new;
        for r in &mut new.rows {
            r.order = u64::MAX;
        }
        self.add(new);
        self.shards = shards;
    }

    /// The merged share, to hand on as one ([`TermPartial::pack`]); its first uses are
    /// renumbered in order, as a shard's.
    pub fn into_partial(self) -> TermPartial {
        let mut rows: Vec<PartialRow> = self.rows.into_iter().filter(|r| r.stories > 0 || r.df > 0).collect();
        crate::sort::sort_by(&mut rows, |a, b| a.order.cmp(&b.order).then(a.key.cmp(&b.key)));
        for (i, r) in rows.iter_mut().enumerate() {
            r.order = i as u64;
        }
        TermPartial { stories: self.stories, documents: self.documents, rows }
    }

    /// Shards added.
    pub fn shards(&self) -> usize {
        self.shards
    }

    /// Stories over the shards added (each shard's clusters of copies counted once).
    pub fn stories(&self) -> u64 {
        self.stories
    }

    /// Documents over the shards added.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// The merged term table's top `n` rows, highest TF-IDF first.
    pub fn table(&self, n: usize) -> Vec<CorpusTerm> {
        rank(&self.rows, usize::try_from(self.stories).unwrap_or(usize::MAX), n)
    }
}

impl CorpusStats {
    /// Builds the set's statistics with every document its own story.
    pub fn new(texts: &[&str], config: &KeywordConfig) -> CorpusStats {
        let clusters: Vec<usize> = (0..texts.len()).collect();
        CorpusStats::with_clusters(texts, &clusters, config)
    }

    /// Document frequencies (with every story grouped as in [`CorpusStats::with_clusters`]) and
    /// the unranked term table.
    fn build(texts: &[&str], clusters: &[usize], config: &KeywordConfig) -> (CorpusStats, FastMap<u64, TableRow>) {
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
        let stats = CorpusStats {
            stories: groups.len(),
            documents: texts.len(),
            document_frequency: FastMapWrapper(df),
            terms: Vec::new(),
        };
        (stats, table)
    }

    /// Builds the set's statistics counting each cluster of near-duplicates once: `clusters[i]`
    /// is the cluster id of `texts[i]` (any id; equal ids are copies of one story). Missing ids
    /// make a document its own story.
    pub fn with_clusters(texts: &[&str], clusters: &[usize], config: &KeywordConfig) -> CorpusStats {
        CorpusStats::ranked(texts, clusters, config).0
    }

    /// The statistics with their ranked term table, and the table's rows (unordered).
    fn ranked(texts: &[&str], clusters: &[usize], config: &KeywordConfig) -> (CorpusStats, Vec<PartialRow>) {
        let (mut stats, table) = CorpusStats::build(texts, clusters, config);
        let rows = rows_of(table, &stats.document_frequency.0);
        stats.terms = rank(&rows, stats.stories, config.corpus_terms);
        (stats, rows)
    }

    /// [`CorpusStats::with_clusters`], plus this set's share of a bigger set's term table
    /// ([`TermPartial`]): what each shard of a big corpus contributes, so that the shards'
    /// shares merged ([`TermMerger`]) give the table of the whole set.
    pub fn with_clusters_partial(
        texts: &[&str],
        clusters: &[usize],
        config: &KeywordConfig,
    ) -> (CorpusStats, TermPartial) {
        let (stats, mut rows) = CorpusStats::ranked(texts, clusters, config);
        by_order(&mut rows);
        let partial = TermPartial { stories: stats.stories as u64, documents: stats.documents as u64, rows };
        (stats, partial)
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
        idf(self.stories as u64, self.document_frequency(key))
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

    /// A generated set: `n` stories of made-up words with a skewed vocabulary (a few words in
    /// most stories, most in few), some repeated as copies right after themselves.
    fn generated(n: usize) -> (Vec<String>, Vec<usize>) {
        const SYLLABLES: [&str; 12] = ["ka", "lor", "mi", "ten", "vas", "ru", "pel", "dor", "si", "gan", "bu", "fet"];
        let word = |i: usize| -> String {
            let (a, b, c) = (i % 12, (i / 12) % 12, (i / 144) % 12);
            format!("{}{}{}", SYLLABLES[a], SYLLABLES[b], SYLLABLES[c])
        };
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut texts, mut clusters) = (Vec::new(), Vec::new());
        for s in 0..n {
            let words: Vec<String> = (0..60)
                .map(|_| {
                    let r = next();
                    // Squaring a uniform draw skews the vocabulary towards low word numbers.
                    let u = (r % 1000) as f64 / 1000.0;
                    let w = word((u * u * 1500.0) as usize);
                    if r % 9 == 0 {
                        format!("{}{}", w[..1].to_uppercase(), &w[1..])
                    } else {
                        w
                    }
                })
                .collect();
            let text = words.chunks(12).map(|c| format!("{}.", c.join(" "))).collect::<Vec<_>>().join(" ");
            let id = texts.len();
            texts.push(text.clone());
            clusters.push(id);
            if s % 5 == 0 {
                texts.push(text);
                clusters.push(id);
            }
        }
        (texts, clusters)
    }

    #[test]
    fn merged_shard_shares_equal_the_whole_set_term_table() {
        let (texts, clusters) = generated(90);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let config = KeywordConfig { corpus_terms: 60, ..en() };
        let whole = CorpusStats::with_clusters(&refs, &clusters, &config);
        assert_eq!(whole.term_table().len(), 60);
        // Shards of uneven size that keep copies together (a copy follows its story).
        let mut bounds = vec![0];
        for size in [7, 30, 1, 25, 40] {
            let mut end = (bounds.last().unwrap() + size).min(texts.len());
            while end < texts.len() && clusters[end] != end {
                end += 1;
            }
            bounds.push(end);
        }
        bounds.push(texts.len());
        let mut packs = Vec::new();
        for w in bounds.windows(2).filter(|w| w[0] < w[1]) {
            let (stats, part) = CorpusStats::with_clusters_partial(&refs[w[0]..w[1]], &clusters[w[0]..w[1]], &config);
            // The shard's own table is its plain one.
            assert_eq!(stats, CorpusStats::with_clusters(&refs[w[0]..w[1]], &clusters[w[0]..w[1]], &config));
            let words = part.pack();
            assert_eq!(TermPartial::unpack(&words, 0).unwrap().rows.len(), part.len());
            packs.push((w[0], words));
        }
        assert!(packs.len() >= 5);
        // Shards arrive in any order.
        packs.reverse();
        packs.swap(0, 2);
        let mut merger = TermMerger::new();
        for (at, words) in &packs {
            merger.add(TermPartial::unpack(words, *at).unwrap());
        }
        assert_eq!((merger.stories(), merger.documents()), (whole.stories() as u64, texts.len() as u64));
        assert_eq!(merger.table(60), whole.term_table());
        // Forms with capitals and ties were exercised.
        assert!(whole.term_table().windows(2).any(|w| w[0].tfidf == w[1].tfidf));
        assert!(whole.term_table().iter().any(|t| t.documents > 1 && t.documents < whole.stories()));
    }

    #[test]
    fn a_term_pack_round_trips_and_refuses_damage() {
        let (texts, clusters) = generated(6);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut texts_with_accents = refs.clone();
        texts_with_accents.push("Café société naïve — Zürich Straße.");
        let (_, part) = CorpusStats::with_clusters_partial(&texts_with_accents, &clusters, &en());
        let words = part.pack();
        assert_eq!(TermPartial::unpack(&words, 0).unwrap(), part);
        assert!(part.rows.iter().any(|r| r.form.len() % 4 != 0 && !r.form.is_ascii()));
        assert!(TermPartial::unpack(&words[..words.len() - 1], 0).is_err());
        assert!(TermPartial::unpack(&[1, 2, 3, 4], 0).is_err());
        let mut longer = words.clone();
        longer.push(0);
        assert!(TermPartial::unpack(&longer, 0).is_err());
    }

    #[test]
    fn truncating_a_share_keeps_the_most_used_terms_in_first_use_order() {
        let (texts, clusters) = generated(20);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (_, mut part) = CorpusStats::with_clusters_partial(&refs, &clusters, &en());
        let min_kept = |p: &TermPartial| p.rows.iter().map(|r| r.count).min().unwrap();
        let mut counts: Vec<u64> = part.rows.iter().map(|r| r.count).collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        part.truncate(10);
        assert_eq!(part.len(), 10);
        assert_eq!(min_kept(&part), counts[9]);
        assert!(part.rows.windows(2).all(|w| w[0].order < w[1].order));
    }

    #[test]
    fn regrouping_a_share_equals_counting_with_the_new_groups() {
        let (texts, _) = generated(12);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let n = refs.len();
        let config = KeywordConfig { corpus_terms: 1000, ..en() };
        // Pairs regrouped into fours (each old story inside a new one: one read), and pairs
        // shifted by one (old stories straddle new ones: read once per grouping).
        let pairs: Vec<usize> = (0..n).map(|i| i / 2 * 2).collect();
        let fours: Vec<usize> = (0..n).map(|i| i / 4 * 4).collect();
        let shifted: Vec<usize> = (0..n).map(|i| i.div_ceil(2) * 2).collect();
        for (from, to) in [(&pairs, &fours), (&pairs, &shifted), (&fours, &pairs)] {
            let mut merger = TermMerger::new();
            merger.add(CorpusStats::with_clusters_partial(&refs, from, &config).1);
            merger.regroup(&refs, from, to, &config);
            let expected = CorpusStats::with_clusters(&refs, to, &config);
            assert_eq!(merger.stories(), expected.stories() as u64);
            let sorted = |mut t: Vec<CorpusTerm>| {
                t.sort_by(|a, b| a.term.cmp(&b.term));
                t
            };
            // Equal up to the order of exact ties (first uses are not regrouped).
            assert_eq!(sorted(merger.table(1000)), sorted(expected.term_table().to_vec()));
        }
    }
}
