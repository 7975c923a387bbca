//! Text primitives shared by cleaning, dedup and keywords: normalisation (display form and
//! matching form), segmentation (paragraphs, sentences, words), language detection and
//! stopword lists. Nothing here knows about boilerplate or scores.

pub mod language;
pub mod normalize;
pub mod segment;
pub mod stopwords;
pub(crate) mod swar;

pub use language::{detect_language, Language};
pub use normalize::{matching_form, normalize_display};
pub use segment::{paragraphs, sentences, words};
pub use stopwords::Stopwords;
