//! All settings in one place. Each engine owns its settings type next to the code it tunes
//! ([`CleanConfig`], [`DedupConfig`], [`KeywordConfig`]); [`AnalyzerConfig`] bundles them for the
//! page and the `analyze` command. Every field has a documented, tuned default, and a missing
//! field in JSON means "the default".

use serde::{Deserialize, Serialize};

pub use crate::clean::CleanConfig;
pub use crate::dedup::DedupConfig;
pub use crate::keywords::KeywordConfig;

/// The settings of a whole analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyzerConfig {
    pub clean: CleanConfig,
    pub dedup: DedupConfig,
    pub keywords: KeywordConfig,
    /// Largest number of documents for which every pair is scored and returned (the page's
    /// heatmap); above it only clusters are returned.
    pub max_pairwise_documents: usize,
    /// Corpus mode, for a shard of a big set that the page analyses in several workers: each
    /// document comes back without its per-line detail (blocks, removed lines, paragraphs;
    /// their counts are kept) and without the term and distinctive-term lists the corpus views
    /// do not draw. The page fetches the full report of the one document a person opens.
    pub compact_documents: bool,
}

/// 200 documents: 19,900 pairs, still instant to score and readable as a heatmap.
pub const MAX_PAIRWISE_DOCUMENTS: usize = 200;

impl AnalyzerConfig {
    /// The defaults, with the pairwise limit set (serde's `default` uses `Default::default`).
    pub fn new() -> AnalyzerConfig {
        AnalyzerConfig { max_pairwise_documents: MAX_PAIRWISE_DOCUMENTS, ..Default::default() }
    }

    /// Checks ranges; the page and the CLI report the message as is.
    pub fn validate(&self) -> crate::Result<()> {
        self.dedup.validate()?;
        if self.keywords.top == 0 {
            return Err(crate::Error::Config("top must be at least 1".into()));
        }
        Ok(())
    }
}
