//! The whole analysis of a set of documents: clean each one, score pairs (up to a limit) and
//! cluster near-duplicates on the cleaned bodies, then keyword statistics with TF-IDF over the
//! loaded set. [`Report`] is the JSON the page renders and `article-analyzer analyze` prints.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::clean::{self, CleanOverrides, CleanedDocument};
use crate::config::AnalyzerConfig;
use crate::corpus::{InputDocument, Warning};
use crate::dedup::{self, ClusterAssignment, Repeat, Similarity};
use crate::keywords::{
    self, CorpusStats, CorpusTerm, DistinctiveTerm, DocumentStats, Keyword, KeywordConfig, KwicLine, Name, Ngram,
    TermCount, TermPartial,
};

/// Everything known about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReport {
    pub id: String,
    pub name: String,
    pub cleaned: CleanedDocument,
    pub stats: DocumentStats,
    pub keywords: Vec<Keyword>,
    /// Language used for keyword statistics (ISO 639-1), detected or overridden.
    pub keyword_language: Option<String>,
    pub terms: Vec<TermCount>,
    pub ngrams: Vec<Ngram>,
    pub names: Vec<Name>,
    /// Terms with the highest TF-IDF against the loaded set (empty for a single document).
    pub distinctive_terms: Vec<DistinctiveTerm>,
    /// Lines cleaning removed and blocks it read: kept when corpus mode
    /// ([`AnalyzerConfig::compact_documents`]) leaves the lists themselves out.
    pub removed_count: usize,
    pub block_count: usize,
    /// In corpus mode, the headline the keyword statistics read before the body (absent when
    /// they read the body alone): with the body, the text a big corpus's clustering worker
    /// reads again to count copies of one story once ([`keyword_text_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword_headline: Option<String>,
    /// The headline cleaning found in the text, when the record's own title (a JSONL or CSV
    /// title column) differs from it and names the document as `cleaned.title` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_headline: Option<String>,
}

/// The similarity of two documents, by index into [`Report::documents`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairReport {
    pub a: usize,
    pub b: usize,
    pub similarity: Similarity,
}

/// The report for a set of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub documents: Vec<DocumentReport>,
    /// Every pair, best first, when there are at most `max_pairwise_documents` documents.
    pub pairs: Vec<PairReport>,
    pub clusters: Vec<ClusterAssignment>,
    /// Sentences and paragraphs repeated inside a document, for documents that have any.
    pub repeats: Vec<DocumentRepeats>,
    /// The loaded set's terms, highest TF-IDF first, each story (cluster of copies) counted once.
    pub corpus_terms: Vec<CorpusTerm>,
    pub warnings: Vec<Warning>,
}

/// The repeats inside one document, by index into [`Report::documents`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRepeats {
    pub document: usize,
    pub repeats: Vec<Repeat>,
}

/// Per-document overrides, by document index (the page's "keep this line").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentOverrides {
    pub document: usize,
    pub clean: CleanOverrides,
}

/// Analyses `documents` with `config`.
pub fn analyze(documents: &[InputDocument], config: &AnalyzerConfig, overrides: &[DocumentOverrides]) -> Report {
    analyze_with_sketches(documents, config, overrides).0
}

/// [`analyze`], plus the dedup sketches of the cleaned bodies when corpus mode computed them
/// (empty otherwise): the page clusters a big set from its shards' sketches.
fn analyze_with_sketches(
    documents: &[InputDocument],
    config: &AnalyzerConfig,
    overrides: &[DocumentOverrides],
) -> (Report, Vec<dedup::DocumentSketch>) {
    let (report, sketches, _) = analyze_with_parts(documents, config, overrides);
    (report, sketches)
}

/// [`analyze_with_sketches`], plus the set's share of a bigger set's term table in corpus mode
/// (empty otherwise): the page merges its shards' shares into the whole set's term table.
fn analyze_with_parts(
    documents: &[InputDocument],
    config: &AnalyzerConfig,
    overrides: &[DocumentOverrides],
) -> (Report, Vec<dedup::DocumentSketch>, TermPartial) {
    let empty = CleanOverrides::default();
    let override_of = |i: usize| overrides.iter().find(|o| o.document == i).map_or(&empty, |o| &o.clean);
    // With several documents, blocks repeated across different stories are boilerplate too.
    let cleaned: Vec<CleanedDocument> = if documents.len() > 1 {
        let inputs: Vec<clean::CorpusInput<'_>> = documents
            .iter()
            .enumerate()
            .map(|(i, d)| clean::CorpusInput { text: &d.text, format: d.format, overrides: Some(override_of(i)) })
            .collect();
        clean::clean_corpus(&inputs, &config.clean)
    } else {
        documents
            .iter()
            .enumerate()
            .map(|(i, d)| clean::clean_with_overrides(&d.text, d.format, &config.clean, override_of(i)))
            .collect()
    };
    let bodies: Vec<&str> = cleaned.iter().map(|c| c.body.as_str()).collect();

    let mut pairs = Vec::new();
    if documents.len() <= config.max_pairwise_documents {
        pairs = dedup::all_pairs(&bodies, &config.dedup)
            .into_iter()
            .map(|(a, b, similarity)| PairReport { a, b, similarity })
            .collect();
        crate::sort::sort_by(&mut pairs, |x, y| {
            y.similarity.score.total_cmp(&x.similarity.score).then((x.a, x.b).cmp(&(y.a, y.b)))
        });
    }
    // Corpus mode's shards are clustered again as a whole by the page, so a shard's clusters
    // only group copies for the term counts: no shared passages (receipts) are aligned.
    // The sketches are what `dedup::cluster` makes of each body (id "", as there), so the page
    // can cluster the whole set from its shards' sketches with the same result.
    let mut sketches = Vec::new();
    let clusters = if config.compact_documents {
        sketches = bodies.iter().map(|b| dedup::sketch("", b, &config.dedup)).collect();
        dedup::cluster_sketches(&sketches, &config.dedup).unwrap_or_default()
    } else {
        dedup::cluster(&bodies, &config.dedup)
    };
    let repeats = bodies
        .iter()
        .enumerate()
        .map(|(document, b)| DocumentRepeats { document, repeats: dedup::repeats(b) })
        .filter(|r| !r.repeats.is_empty())
        .collect();
    // Copies of one story count once in document frequencies and the term table.
    let cluster_ids: Vec<usize> = {
        let mut ids: Vec<usize> = (0..bodies.len()).collect();
        for a in &clusters {
            if let Some(slot) = ids.get_mut(a.doc) {
                *slot = a.cluster;
            }
        }
        ids
    };
    let low_score = config.keywords.low_content_score;
    let (keyword_texts, low_spans): (Vec<String>, Vec<_>) =
        cleaned.iter().map(|c| keyword_text_marked(c, low_score)).unzip();
    let keyword_refs: Vec<&str> = keyword_texts.iter().map(String::as_str).collect();
    let (corpus, term_partial) = if config.compact_documents {
        CorpusStats::with_clusters_partial(&keyword_refs, &cluster_ids, &config.keywords)
    } else {
        (CorpusStats::with_clusters(&keyword_refs, &cluster_ids, &config.keywords), TermPartial::default())
    };
    let corpus_terms = corpus.term_table().to_vec();
    let corpus = (documents.len() > 1).then_some(&corpus);
    let keyword_base = if config.compact_documents {
        Cow::Owned(KeywordConfig { top_terms: 0, distinctive_terms: 0, ..config.keywords.clone() })
    } else {
        Cow::Borrowed(&config.keywords)
    };

    let reports = documents
        .iter()
        .zip(cleaned)
        .zip(keyword_texts.iter().zip(&low_spans))
        .map(|((d, c), (text, low))| {
            let k = keywords::analyze_document_marked(text, low, corpus, &keyword_config(&keyword_base, &c));
            let keyword_headline = if config.compact_documents {
                headline_of_keyword_text(text, &c.body).map(str::to_string)
            } else {
                None
            };
            let mut c = c;
            let (removed_count, block_count) = (c.removed.len(), c.blocks.len());
            if config.compact_documents {
                c.blocks = Vec::new();
                c.removed = Vec::new();
                c.paragraphs = Vec::new();
            }
            // A record's own title (a JSONL or CSV title column) names the document: a
            // headline detected in its text (a section's, or the story's first line) is kept
            // as metadata.
            let mut detected_headline = None;
            if let Some(title) = d.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                detected_headline = c.title.replace(title.to_string()).filter(|h| h.trim() != title);
            }
            if c.date.is_none() {
                c.date = d.date.clone();
            }
            DocumentReport {
                id: d.id.clone(),
                name: d.name.clone(),
                cleaned: c,
                stats: k.stats,
                keywords: k.key_phrases,
                keyword_language: k.language,
                terms: k.terms,
                ngrams: k.ngrams,
                names: k.names,
                distinctive_terms: k.distinctive_terms,
                removed_count,
                block_count,
                keyword_headline,
                detected_headline,
            }
        })
        .collect();
    (
        Report { documents: reports, pairs, clusters, repeats, corpus_terms, warnings: Vec::new() },
        sketches,
        term_partial,
    )
}

/// Analyses one shard of a big set in corpus mode ([`AnalyzerConfig::compact_documents`], no
/// pairs): what the page's workers run on each shard before it clusters the whole set once.
pub fn analyze_shard(documents: &[InputDocument], config: &AnalyzerConfig, overrides: &[DocumentOverrides]) -> Report {
    analyze_shard_sketched(documents, config, overrides).0
}

/// [`analyze_shard`], plus each document's dedup sketch (of its cleaned body, as
/// [`dedup::cluster`] makes it): the shard's part of clustering the whole set, computed while
/// the shard is cleaned, so that [`cluster_shards`] has only LSH and verification left.
pub fn analyze_shard_sketched(
    documents: &[InputDocument],
    config: &AnalyzerConfig,
    overrides: &[DocumentOverrides],
) -> (Report, Vec<dedup::DocumentSketch>) {
    let config = AnalyzerConfig { compact_documents: true, max_pairwise_documents: 0, ..config.clone() };
    analyze_with_sketches(documents, &config, overrides)
}

/// [`analyze_shard_sketched`], plus the shard's share of the whole set's term table, its
/// stories grouped by the shard's clusters (its report's `clusters`): merged over the shards
/// with [`keywords::TermMerger`], and the documents of the shards' and the whole set's
/// clusters of copies regrouped from the one into the other ([`keywords::TermMerger::regroup`],
/// with [`keyword_text_of`] their texts), the shares give exactly the whole set's term table.
/// The page's workers pack it ([`TermPartial::pack`]) for its clustering worker.
pub fn analyze_shard_parts(
    documents: &[InputDocument],
    config: &AnalyzerConfig,
    overrides: &[DocumentOverrides],
) -> (Report, Vec<dedup::DocumentSketch>, TermPartial) {
    let config = AnalyzerConfig { compact_documents: true, max_pairwise_documents: 0, ..config.clone() };
    analyze_with_parts(documents, &config, overrides)
}

/// Clusters a whole set from its shards' sketches (in corpus order) and its cleaned bodies: the
/// same assignments and receipts as [`dedup::cluster`] on the bodies. `body(i)` gives document
/// `i`'s body; it is asked only for members of clusters of two or more (the receipts' shared
/// passages), so the caller need not hand every body over. The two steps are public for a
/// caller that must fetch those bodies in between (the page's clustering worker).
pub fn cluster_shards(
    sketches: &[dedup::DocumentSketch],
    mut body: impl FnMut(usize) -> Option<String>,
    config: &dedup::DedupConfig,
) -> crate::Result<Vec<ClusterAssignment>> {
    let mut out = dedup::cluster_sketches(sketches, config)?;
    let needed = bodies_needed(&out);
    let bodies: Vec<String> = needed.iter().map(|&i| body(i).unwrap_or_default()).collect();
    add_receipt_passages(&mut out, &needed, &bodies, config);
    Ok(out)
}

/// The documents whose bodies the receipts' shared passages need: every member of a cluster of
/// two or more, representatives included. Sorted, distinct.
pub fn bodies_needed(assignments: &[ClusterAssignment]) -> Vec<usize> {
    let mut needed: Vec<usize> = assignments.iter().filter(|a| a.size > 1).flat_map(|a| [a.doc, a.cluster]).collect();
    needed.sort_unstable();
    needed.dedup();
    needed
}

/// Fills the receipts' shared passages of `assignments` (from [`dedup::cluster_sketches`])
/// given `bodies[k]`, the body of document `needed[k]` ([`bodies_needed`]).
pub fn add_receipt_passages(
    assignments: &mut [ClusterAssignment],
    needed: &[usize],
    bodies: &[String],
    config: &dedup::DedupConfig,
) {
    let mut texts = vec![""; assignments.len()];
    for (&i, b) in needed.iter().zip(bodies) {
        if let Some(slot) = texts.get_mut(i) {
            *slot = b.as_str();
        }
    }
    dedup::cluster::add_passages(&texts, assignments, config);
}

/// Header words of [`pack_sketches`]: a format tag, then the dedup settings a sketch depends on.
const SKETCH_PACK_TAG: u32 = 0x534b_0002;

/// The dedup settings a sketch depends on, as header words: sketches made with other settings
/// cannot be clustered together.
fn sketch_header(config: &dedup::DedupConfig) -> [u32; 12] {
    let w = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    [
        SKETCH_PACK_TAG,
        config.seed as u32,
        (config.seed >> 32) as u32,
        w(config.num_perm),
        w(config.lead_perm),
        w(config.shingle_size),
        w(config.char_shingle_size),
        w(config.lead_words),
        w(config.lead_min_words),
        w(config.lead_search_words),
        w(config.prose_words),
        // Compiled in, not a setting, but the paragraph samples are read in groups of it.
        w(dedup::shingles::PARAGRAPH_SAMPLES),
    ]
}

/// Sketches as one flat array of 32-bit words (a header, then per document: tokens, exact hash
/// low and high, the lengths of the six lists, the lists), so a worker can hand a shard's
/// sketches to another worker as one transferable typed array instead of thousands of objects.
pub fn pack_sketches(sketches: &[dedup::DocumentSketch], config: &dedup::DedupConfig) -> Vec<u32> {
    let w = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let size: usize = sketches
        .iter()
        .map(|s| {
            let f = &s.fingerprint;
            9 + f.shingles.len()
                + f.paragraphs.len()
                + f.lead.len()
                + f.lead_wide.len()
                + s.signature.values.len()
                + s.lead_signature.values.len()
        })
        .sum();
    let mut out = Vec::with_capacity(sketch_header(config).len() + size);
    out.extend_from_slice(&sketch_header(config));
    for s in sketches {
        let f = &s.fingerprint;
        let lists = [&f.shingles, &f.lead, &f.lead_wide, &s.signature.values, &s.lead_signature.values, &f.paragraphs];
        out.extend_from_slice(&[w(f.tokens), f.exact as u32, (f.exact >> 32) as u32]);
        out.extend(lists.iter().map(|l| w(l.len())));
        for l in lists {
            out.extend_from_slice(l);
        }
    }
    out
}

/// Reads [`pack_sketches`]' words back (ids are empty, as in [`dedup::cluster`]). Fails on
/// words that are not a pack, or a pack made with other dedup settings.
pub fn unpack_sketches(words: &[u32], config: &dedup::DedupConfig) -> crate::Result<Vec<dedup::DocumentSketch>> {
    let bad = |m: &str| crate::Error::IncompatibleSignatures(format!("sketch pack: {m}"));
    let header = sketch_header(config);
    match words.get(..header.len()) {
        Some(h) if h == header => {}
        Some(h) if h.first() == Some(&SKETCH_PACK_TAG) => return Err(bad("made with other dedup settings")),
        _ => return Err(bad("not a sketch pack")),
    }
    let mut at = header.len();
    let take = |at: &mut usize, n: usize| -> crate::Result<&[u32]> {
        let list = words.get(*at..at.saturating_add(n)).ok_or_else(|| bad("truncated"))?;
        *at += n;
        Ok(list)
    };
    let signature = |values: &[u32], num_perm: usize, seed: u64| -> crate::Result<dedup::Signature> {
        if !values.is_empty() && values.len() != num_perm {
            return Err(bad("a signature of the wrong size"));
        }
        Ok(dedup::Signature { seed, values: values.to_vec(), num_perm })
    };
    let mut out = Vec::new();
    while at < words.len() {
        let &[tokens, low, high, n_shingles, n_lead, n_wide, n_signature, n_lead_signature, n_paragraphs] =
            take(&mut at, 9)?
        else {
            return Err(bad("truncated"));
        };
        let (tokens, exact) = (tokens as usize, u64::from(low) | u64::from(high) << 32);
        let shingles = take(&mut at, n_shingles as usize)?.to_vec();
        let lead = take(&mut at, n_lead as usize)?.to_vec();
        let lead_wide = take(&mut at, n_wide as usize)?.to_vec();
        let body_signature = signature(take(&mut at, n_signature as usize)?, config.num_perm, config.seed)?;
        let lead_seed = dedup::minhash::lead_seed(config.seed);
        let lead_signature = signature(take(&mut at, n_lead_signature as usize)?, config.lead_perm, lead_seed)?;
        let paragraphs = take(&mut at, n_paragraphs as usize)?.to_vec();
        out.push(dedup::DocumentSketch {
            id: String::new(),
            fingerprint: dedup::Fingerprint { shingles, lead, lead_wide, tokens, paragraphs, exact },
            signature: body_signature,
            lead_signature,
        });
    }
    Ok(out)
}

/// Keyword settings for one cleaned document: without a language override, the language that
/// cleaning detected (on up to 4 KB of the whole input) is used when the detector was
/// confident, so the document is not detected a second time on a shorter sample. Borrowed
/// unchanged when there is nothing to add.
fn keyword_config<'a>(base: &'a KeywordConfig, cleaned: &CleanedDocument) -> Cow<'a, KeywordConfig> {
    match &cleaned.language {
        Some(l) if base.language.is_none() && l.confidence >= KEYWORD_LANGUAGE_CONFIDENCE => {
            Cow::Owned(KeywordConfig { language: Some(l.code.clone()), ..base.clone() })
        }
        _ => Cow::Borrowed(base),
    }
}

/// Cleaning's language is reused for keywords at or above this detector confidence; below it
/// keywords detect again on the cleaned text, where boilerplate in another language no longer
/// blurs the sample. Half way: whatlang's own "reliable" mark sits near there for short texts.
pub const KEYWORD_LANGUAGE_CONFIDENCE: f64 = 0.5;

/// The text keyword statistics read: the headline found by cleaning (a page's most
/// informative line, and not part of the body), then the body. A "headline" that shares no
/// content word with the body (a site name taken for it) is left out.
pub fn keyword_text(cleaned: &CleanedDocument) -> String {
    keyword_text_of(keyword_headline(cleaned), &cleaned.body)
}

/// The headline [`keyword_text`] reads before the body, if any.
pub fn keyword_headline(cleaned: &CleanedDocument) -> Option<&str> {
    let language = cleaned.language.as_ref().map(|l| l.code.as_str());
    cleaned.title.as_deref().map(str::trim).filter(|t| {
        !t.is_empty() && !cleaned.body.starts_with(t) && keywords::headline_belongs(t, &cleaned.body, language)
    })
}

/// [`keyword_text`] from its parts: the headline it reads (if any) and the body.
pub fn keyword_text_of(headline: Option<&str>, body: &str) -> String {
    match headline {
        Some(title) => format!("{title}{KEYWORD_HEADLINE_GAP}{body}"),
        None => body.to_string(),
    }
}

/// What separates the headline from the body in a keyword text.
const KEYWORD_HEADLINE_GAP: &str = "\n\n";

/// The headline a keyword text made by [`keyword_text_of`] from `body` reads, if any: read back
/// from the text rather than decided again ([`keyword_headline`] scans the body).
fn headline_of_keyword_text<'a>(text: &'a str, body: &str) -> Option<&'a str> {
    text.strip_suffix(body)?.strip_suffix(KEYWORD_HEADLINE_GAP)
}

/// [`keyword_text`] and the byte ranges in it of the passages cleaning kept with a content score
/// below `low_score` (bylines, "Listen to this article"), in order: key phrases found only there
/// are damped ([`keywords::key_phrases_marked`]).
pub fn keyword_text_marked(cleaned: &CleanedDocument, low_score: f64) -> (String, Vec<std::ops::Range<usize>>) {
    let text = keyword_text(cleaned);
    // The body ends the text (after the headline, when one is read).
    let offset = text.len().saturating_sub(cleaned.body.len());
    let body = &cleaned.body;
    let (mut low, mut cursor) = (Vec::new(), 0usize);
    for block in cleaned.blocks.iter().filter(|b| b.kept) {
        let needle = block.text.trim();
        let Some(rest) = body.get(cursor..).filter(|_| !needle.is_empty()) else { continue };
        let Some(at) = rest.find(needle) else { continue };
        let (start, end) = (cursor + at, cursor + at + needle.len());
        cursor = end;
        if block.content_score.is_some_and(|s| s < low_score) {
            low.push(offset + start..offset + end);
        }
    }
    (text, low)
}

/// KWIC for the page's concordance: every occurrence of `term` in a document's cleaned body,
/// with context and byte spans into that body. The language is the one its keywords used.
pub fn kwic(document: &DocumentReport, term: &str, config: &AnalyzerConfig) -> Vec<KwicLine> {
    let mut k = config.keywords.clone();
    if k.language.is_none() {
        k.language = document.keyword_language.clone();
    }
    keywords::kwic(&document.cleaned.body, term, &k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::InputFormat;

    fn seeds() -> Vec<InputDocument> {
        [
            ("dawn", include_str!("../www/examples/dawn-afp-2017-10-11.txt")),
            ("pulse", include_str!("../www/examples/pulse-afp-2017-10-10.txt")),
        ]
        .into_iter()
        .map(|(id, text)| InputDocument {
            id: id.into(),
            name: id.into(),
            text: text.into(),
            format: InputFormat::Auto,
            title: None,
            url: None,
            date: None,
        })
        .collect()
    }

    #[test]
    fn corpus_mode_leaves_out_the_detail_but_keeps_the_counts_and_key_phrases() {
        let docs = seeds();
        let full = analyze(&docs, &AnalyzerConfig::new(), &[]);
        let compact = analyze_shard(&docs, &AnalyzerConfig::new(), &[]);
        assert!(compact.pairs.is_empty());
        for (f, c) in full.documents.iter().zip(&compact.documents) {
            assert!(c.cleaned.blocks.is_empty() && c.cleaned.removed.is_empty() && c.cleaned.paragraphs.is_empty());
            assert!(c.terms.is_empty() && c.distinctive_terms.is_empty());
            assert!(!f.terms.is_empty(), "the full report has its term list");
            assert_eq!((c.removed_count, c.block_count), (f.cleaned.removed.len(), f.cleaned.blocks.len()));
            assert!(f.removed_count > 0, "the seeds carry boilerplate");
            assert_eq!(c.cleaned.body, f.cleaned.body);
            assert_eq!(c.keywords, f.keywords);
            assert_eq!(c.stats, f.stats);
        }
        // The clusters group the same documents (without receipts' passages).
        let groups = |r: &Report| r.clusters.iter().map(|a| (a.doc, a.cluster)).collect::<Vec<_>>();
        assert_eq!(groups(&compact), groups(&full));
    }

    #[test]
    fn keywords_use_the_language_cleaning_detected() {
        let report = analyze(&seeds(), &AnalyzerConfig::new(), &[]);
        for d in &report.documents {
            let cleaned = d.cleaned.language.as_ref().map(|l| l.code.as_str());
            assert_eq!(cleaned, Some("en"));
            assert_eq!(d.keyword_language.as_deref(), cleaned);
        }
    }

    /// A corpus with copies across shard boundaries: full copies, abridged ones (the lead and a
    /// few paragraphs), exact duplicates, the two seeds, and unrelated stories.
    fn corpus_with_copies() -> Vec<InputDocument> {
        let story = |s: usize| -> Vec<String> {
            (0..8)
                .map(|i| {
                    format!(
                        "Story {s} paragraph {i}: officials in town {} said item {} met item {} near place {} on day {}.",
                        s * 13 + i,
                        s * 31 + i,
                        i * 7 + s,
                        s + i * 3,
                        i + 2 * s
                    )
                })
                .collect()
        };
        let mut texts: Vec<String> = Vec::new();
        for s in 0..12 {
            let p = story(s);
            texts.push(p.join("\n\n"));
            if s % 2 == 0 {
                texts.push(p[..4].join("\n\n"));
            }
            if s % 3 == 0 {
                texts.push(p.join("\n\n"));
            }
        }
        let mut docs: Vec<InputDocument> = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| InputDocument {
                id: format!("d{i}"),
                name: format!("d{i}"),
                text,
                format: InputFormat::Text,
                title: None,
                url: None,
                date: None,
            })
            .collect();
        let seeds = seeds();
        docs.insert(3, seeds[0].clone());
        docs.push(seeds[1].clone());
        docs
    }

    #[test]
    fn clustering_from_shard_sketches_equals_clustering_the_bodies() {
        let config = AnalyzerConfig::new();
        let docs = corpus_with_copies();
        let mut bodies = Vec::new();
        let mut words = Vec::new();
        for shard in docs.chunks(7) {
            let (report, sketches) = analyze_shard_sketched(shard, &config, &[]);
            assert_eq!(sketches.len(), shard.len());
            bodies.extend(report.documents.into_iter().map(|d| d.cleaned.body));
            // Each shard's sketches travel as a pack, as between the page's workers.
            words.push(pack_sketches(&sketches, &config.dedup));
        }
        let mut sketches = Vec::new();
        for w in &words {
            sketches.extend(unpack_sketches(w, &config.dedup).unwrap());
        }
        let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let one_shot = dedup::cluster(&refs, &config.dedup);
        let mut asked = Vec::new();
        let sharded = cluster_shards(
            &sketches,
            |i| {
                asked.push(i);
                bodies.get(i).cloned()
            },
            &config.dedup,
        )
        .unwrap();
        assert_eq!(sharded, one_shot);
        // Copies were found (across shards), with their shared passages.
        assert!(one_shot.iter().any(|a| a.size >= 3));
        assert!(one_shot.iter().any(|a| a.receipt.as_ref().is_some_and(|r| r.top_passage.is_some())));
        assert!(one_shot.iter().any(|a| a.exact_duplicate));
        // Only the bodies of clustered documents were asked for.
        assert!(asked.iter().all(|&i| one_shot[i].size > 1));
        assert!(asked.len() < docs.len());
    }

    #[test]
    fn a_sketch_pack_round_trips_and_refuses_other_settings_or_truncation() {
        let config = AnalyzerConfig::new();
        let docs = corpus_with_copies();
        let (_, sketches) = analyze_shard_sketched(&docs[..5], &config, &[]);
        let words = pack_sketches(&sketches, &config.dedup);
        assert_eq!(unpack_sketches(&words, &config.dedup).unwrap(), sketches);
        let empty = dedup::sketch("", "", &config.dedup);
        assert_eq!(
            unpack_sketches(&pack_sketches(std::slice::from_ref(&empty), &config.dedup), &config.dedup).unwrap(),
            vec![empty]
        );
        let other = dedup::DedupConfig { shingle_size: 4, ..config.dedup.clone() };
        assert!(unpack_sketches(&words, &other).is_err());
        assert!(unpack_sketches(&words[..words.len() - 1], &config.dedup).is_err());
        assert!(unpack_sketches(&[1, 2, 3], &config.dedup).is_err());
    }

    /// Made-up news stories of distinct sentences over a skewed vocabulary, every fourth one
    /// followed by a copy of itself (so copies stay in one shard when shards end between stories).
    fn generated_stories(n: usize) -> Vec<InputDocument> {
        const WORDS: [&str; 40] = [
            "minister", "harbour", "council", "budget", "river", "strike", "election", "vaccine", "court", "festival",
            "drought", "factory", "police", "airport", "museum", "bridge", "farmers", "teachers", "storm", "railway",
            "hospital", "market", "treaty", "border", "governor", "prices", "wheat", "protest", "mayor", "village",
            "tunnel", "ferry", "senate", "coffee", "miners", "bank", "flood", "school", "doctors", "pipeline",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |m: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m as u64) as usize
        };
        let (mut docs, mut copies) = (Vec::new(), Vec::<(usize, String)>::new());
        for s in 0..n {
            let text = (0..6)
                .map(|p| {
                    let mut line: Vec<String> = (0..14)
                        .map(|_| {
                            // Squared draws: a few words in most stories, most in few.
                            let r = next(WORDS.len() * WORDS.len());
                            WORDS[(r as f64).sqrt() as usize % WORDS.len()].to_string()
                        })
                        .collect();
                    line.push(format!("item{}", s * 10 + p));
                    format!("{}.", line.join(" "))
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            docs.push(story_doc(format!("s{s}"), text.clone()));
            // Every fourth story is copied four stories later, often into the next shard.
            if s % 4 == 0 {
                copies.push((s + 4, text));
            }
            while copies.first().is_some_and(|c| c.0 == s) {
                let (_, text) = copies.remove(0);
                docs.push(story_doc(format!("s{s}copy"), text));
            }
        }
        docs
    }

    fn story_doc(id: String, text: String) -> InputDocument {
        InputDocument { id: id.clone(), name: id, text, format: InputFormat::Text, title: None, url: None, date: None }
    }

    #[test]
    fn shards_term_shares_merge_into_the_whole_set_term_table() {
        let config = AnalyzerConfig::new();
        let docs = generated_stories(40);
        let whole = analyze(&docs, &config, &[]);
        assert!(whole.corpus_terms.len() > 20);
        // As the page does: shards analysed on their own, their term shares merged, the whole
        // set clustered from the shards' sketches, and the documents of its clusters of copies
        // counted again as stories.
        let mut merger = keywords::TermMerger::new();
        let (mut sketches, mut bodies, mut headlines) = (Vec::new(), Vec::new(), Vec::new());
        let mut local: Vec<usize> = (0..docs.len()).collect();
        let shards: Vec<&[InputDocument]> = docs.chunks(9).collect();
        assert!(shards.len() >= 5);
        for (k, shard) in shards.iter().enumerate().rev() {
            let (report, shard_sketches, terms) = analyze_shard_parts(shard, &config, &[]);
            merger.add(TermPartial::unpack(&terms.pack(), k * 9).unwrap());
            for a in &report.clusters {
                local[k * 9 + a.doc] = k * 9 + a.cluster;
            }
            for (i, (d, s)) in report.documents.into_iter().zip(shard_sketches).enumerate() {
                let at = k * 9 + i;
                sketches.push((at, s));
                bodies.push((at, d.cleaned.body));
                headlines.push((at, d.keyword_headline));
            }
        }
        sketches.sort_by_key(|x| x.0);
        bodies.sort_by_key(|x| x.0);
        headlines.sort_by_key(|x| x.0);
        let sketches: Vec<_> = sketches.into_iter().map(|x| x.1).collect();
        let clusters = cluster_shards(&sketches, |i| bodies.get(i).map(|b| b.1.clone()), &config.dedup).unwrap();
        assert_eq!(clusters, whole.clusters);
        let copied: Vec<&ClusterAssignment> = clusters.iter().filter(|a| a.cluster != a.doc).collect();
        assert!(copied.iter().any(|a| a.doc / 9 != a.cluster / 9), "copies across shards");
        assert!(local.iter().enumerate().any(|(i, &c)| c != i), "copies within a shard too");
        // The documents of both groupings' clusters of copies.
        let mut needed = bodies_needed(&clusters);
        needed.extend(local.iter().enumerate().filter(|&(i, &c)| c != i).flat_map(|(i, &c)| [i, c]));
        needed.sort_unstable();
        needed.dedup();
        let texts: Vec<String> =
            needed.iter().map(|&i| keyword_text_of(headlines[i].1.as_deref(), &bodies[i].1)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let to: Vec<usize> = needed.iter().map(|&i| clusters[i].cluster).collect();
        let from: Vec<usize> = needed.iter().map(|&i| local[i]).collect();
        // Before grouping, each copy counts: the table differs.
        assert_ne!(merger.table(config.keywords.corpus_terms), whole.corpus_terms);
        merger.regroup(&texts, &from, &to, &config.keywords);
        assert_eq!(merger.documents(), docs.len() as u64);
        assert_eq!(merger.table(config.keywords.corpus_terms), whole.corpus_terms);
        // A plain (not corpus-mode) analysis hands on no share.
        assert!(analyze_with_parts(&docs[..3], &config, &[]).2.is_empty());
    }

    /// Regression: a JSONL row titled "Second" was shown under the headline detected in its
    /// text; the record's title names the document, the detected headline stays as metadata.
    #[test]
    fn a_records_own_title_wins_over_the_detected_headline() {
        let text = "Floods close the harbour road\n\nThe harbour road was closed on Monday after floods \
                    cut the town off, officials said. Workers cleared the mud through the night and the \
                    council promised repairs within a week, while farmers counted their losses.";
        let doc = |title: Option<&str>| InputDocument {
            id: "r2".into(),
            name: "feed.jsonl:2".into(),
            text: text.into(),
            format: InputFormat::Text,
            title: title.map(String::from),
            url: None,
            date: None,
        };
        let plain = analyze(&[doc(None)], &AnalyzerConfig::new(), &[]);
        assert_eq!(plain.documents[0].cleaned.title.as_deref(), Some("Floods close the harbour road"));
        assert_eq!(plain.documents[0].detected_headline, None);
        for report in [
            analyze(&[doc(Some("Second"))], &AnalyzerConfig::new(), &[]),
            analyze_shard(&[doc(Some(" Second "))], &AnalyzerConfig::new(), &[]),
        ] {
            let d = &report.documents[0];
            assert_eq!(d.cleaned.title.as_deref(), Some("Second"));
            assert_eq!(d.detected_headline.as_deref(), Some("Floods close the harbour road"));
        }
        // The same title found in the text is not repeated as metadata.
        let same = analyze(&[doc(Some("Floods close the harbour road"))], &AnalyzerConfig::new(), &[]);
        assert_eq!(same.documents[0].detected_headline, None);
        // An empty title column does not count.
        let empty = analyze(&[doc(Some("  "))], &AnalyzerConfig::new(), &[]);
        assert_eq!(empty.documents[0].cleaned.title.as_deref(), Some("Floods close the harbour road"));
    }
}
