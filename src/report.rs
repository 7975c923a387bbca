//! The whole analysis of a set of documents: clean each one, score pairs (up to a limit) and
//! cluster near-duplicates on the cleaned bodies, then keyword statistics with TF-IDF over the
//! loaded set. [`Report`] is the JSON the page renders and `article-analyzer analyze` prints.

use serde::{Deserialize, Serialize};

use crate::clean::{self, CleanOverrides, CleanedDocument};
use crate::config::AnalyzerConfig;
use crate::corpus::{InputDocument, Warning};
use crate::dedup::{self, ClusterAssignment, Repeat, Similarity};
use crate::keywords::{self, CorpusStats, DocumentStats, Keyword};

/// Everything known about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReport {
    pub id: String,
    pub name: String,
    pub cleaned: CleanedDocument,
    pub stats: DocumentStats,
    pub keywords: Vec<Keyword>,
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
        documents.iter().enumerate().map(|(i, d)| clean::clean_with_overrides(&d.text, d.format, &config.clean, override_of(i))).collect()
    };
    let bodies: Vec<&str> = cleaned.iter().map(|c| c.body.as_str()).collect();

    let mut pairs = Vec::new();
    if documents.len() <= config.max_pairwise_documents {
        pairs = dedup::all_pairs(&bodies, &config.dedup)
            .into_iter()
            .map(|(a, b, similarity)| PairReport { a, b, similarity })
            .collect();
        pairs.sort_by(|x, y| y.similarity.score.total_cmp(&x.similarity.score).then((x.a, x.b).cmp(&(y.a, y.b))));
    }
    let clusters = dedup::cluster(&bodies, &config.dedup);
    let repeats = bodies
        .iter()
        .enumerate()
        .map(|(document, b)| DocumentRepeats { document, repeats: dedup::repeats(b) })
        .filter(|r| !r.repeats.is_empty())
        .collect();
    let corpus = CorpusStats::new(&bodies, &config.keywords);
    let corpus = (documents.len() > 1).then_some(&corpus);

    let reports = documents
        .iter()
        .zip(cleaned)
        .map(|(d, c)| {
            let stats = keywords::document_stats(&c.body);
            let keywords = keywords::key_phrases(&c.body, corpus, &config.keywords);
            let mut c = c;
            if c.title.is_none() {
                c.title = d.title.clone();
            }
            if c.date.is_none() {
                c.date = d.date.clone();
            }
            DocumentReport { id: d.id.clone(), name: d.name.clone(), cleaned: c, stats, keywords }
        })
        .collect();
    Report { documents: reports, pairs, clusters, repeats, warnings: Vec::new() }
}
