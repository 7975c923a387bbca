//! article-analyzer: clean news articles, score near-duplicates and count keywords.
//!
//! The pipeline is *clean first, then score*. [`clean()`] removes a site's boilerplate
//! (breadcrumbs, prompts, captions, rails, footers) from pasted text or saved HTML and says why
//! for every removed line; [`dedup`] compares cleaned bodies as word shingles and clusters
//! near-duplicates; [`keywords`] counts terms and ranks key phrases with TF-IDF over the loaded
//! set. [`analyze`] runs all three on a set of documents and returns the [`Report`] that both the
//! web page (through `src/wasm.rs`) and the `article-analyzer` CLI print.
//!
//! ```
//! use article_analyzer::{analyze, AnalyzerConfig, InputDocument};
//!
//! let docs = vec![
//!     InputDocument::new("a", "Home > News\n\nMoscow accused the US on Tuesday of reducing air strikes against the group in Iraq.\n"),
//!     InputDocument::new("b", "Moscow accused the US on Tuesday of reducing air strikes against the group in Iraq.\n\nSubscribe!\n"),
//! ];
//! let report = analyze(&docs, &AnalyzerConfig::new(), &[]);
//! assert_eq!(report.pairs[0].similarity.score, 1.0);
//! ```

pub mod clean;
pub mod config;
pub mod corpus;
pub mod dedup;
pub mod error;
mod hashing;
pub mod keywords;
pub mod report;
pub(crate) mod sort;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use clean::{clean, CleanedDocument, InputFormat, RemovalReason};
pub use config::{AnalyzerConfig, CleanConfig, DedupConfig, KeywordConfig};
pub use corpus::{InputDocument, LoadedCorpus, Warning};
pub use dedup::{similarity, Similarity};
pub use error::{Error, Result};
pub use report::{analyze, Report};
