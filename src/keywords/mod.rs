//! Keyword statistics for one document and for the loaded set.
//!
//! Every statistic starts from one shared pass over the text ([`tokens`]): language (detected with
//! the trigram/stopword detector, or overridden), stopwords for that language (NLTK or stopwords-iso), Snowball stems
//! (rust-stemmers) that group variants ("strike", "strikes"), and case-aware stopwords — a short
//! all-caps word such as IS, US, UN, EU or AP in text that is not all caps is a name, never the
//! stopword "is" or "us". On top of it:
//!
//! - [`counts`]: characters, words, sentences, paragraphs, unique words, lexical diversity,
//!   reading time, top terms, 2–3-grams that neither start nor end with a stopword, and
//!   proper-noun phrases ("Igor Konashenkov", "Deir Ezzor"), with [`readability`] scores in the
//!   formula validated for the language, or none and a note saying why.
//! - [`phrases`]: key phrases — candidates delimited by stopwords and punctuation, 1–4 words,
//!   scored with statistical features (frequency, position, casing, word length, phrase
//!   boundaries, common words, and inverse document frequency when a set is loaded), then
//!   de-duplicated so no variant, sub-phrase or super-phrase of a better phrase follows it unless
//!   it stands on its own.
//! - [`tfidf`]: document frequencies over the loaded set counted once per story (near-duplicate
//!   copies in one dedup cluster count once), distinctive terms per document, and the corpus term
//!   table.
//! - [`kwic`]: every occurrence of a term with its left and right context and byte span.
//!
//! Output is deterministic: every ranking breaks ties by first position, then by text.
//!
//! ```
//! use article_analyzer::keywords::{analyze_document, KeywordConfig};
//!
//! let text = "Moscow accused the US of reducing air strikes against the Islamic State group. \
//!             The US-led coalition denied it. Russian officials said the Islamic State group \
//!             gained ground as air strikes fell.";
//! let doc = analyze_document(text, None, &KeywordConfig::default());
//! let terms: Vec<&str> = doc.key_phrases.iter().map(|k| k.term.as_str()).collect();
//! assert!(terms.contains(&"Islamic State"), "{terms:?}");
//! assert!(terms.contains(&"US"), "{terms:?}");
//! ```

use serde::{Deserialize, Serialize};

pub(crate) mod background;
pub mod counts;
pub mod kwic;
mod light_stem;
pub mod phrases;
pub mod readability;
pub mod tfidf;
pub(crate) mod tokens;

pub use counts::{document_stats, DocumentStats, Name, Ngram, TermCount};
pub use kwic::{kwic, KwicLine};
pub use phrases::{key_phrases, key_phrases_marked, Keyword, KeywordFeatures};
pub use readability::Readability;
pub use tfidf::{CorpusStats, CorpusTerm, DistinctiveTerm, TermMerger, TermPartial};
pub use tokens::LanguageSource;

use tokens::Tokenized;

/// Settings for keyword statistics. Every default is documented where it is defined.
/// Read and written through its list in `config.rs` (`settings!`): a new field goes there too.
#[derive(Debug, Clone, PartialEq)]
pub struct KeywordConfig {
    /// How many key phrases to return.
    pub top: usize,
    /// Longest key phrase in words (at most [`MAX_SUPPORTED_PHRASE_WORDS`]).
    pub max_phrase_words: usize,
    /// Language override (ISO 639-1); detected when `None`.
    pub language: Option<String>,
    /// Occurrences a phrase of two or more words needs to be a key phrase, unless it is a name.
    pub min_phrase_count: usize,
    /// A phrase's frequency factor is its count to this power.
    pub frequency_exponent: f64,
    /// Its spread factor is (sentences it occurs in / occurrences) to this power.
    pub spread_exponent: f64,
    /// Bonus factor (1 + this) for a phrase in the headline or the first sentence.
    pub lead_weight: f64,
    /// How much an early first occurrence counts (YAKE's and every news editor's observation:
    /// what a story is about comes first).
    pub position_weight: f64,
    /// How much capitalisation with evidence (not sentence-initial) counts.
    pub casing_weight: f64,
    /// How much starting a phrase (after a stopword or punctuation) counts: words that open a
    /// noun phrase after a determiner or preposition are heads or names far more often than
    /// words buried inside a run of modifiers.
    pub boundary_weight: f64,
    /// Factor for a key phrase that is a single common word ("said", "last").
    pub common_word_weight: f64,
    /// Word length in characters above which longer words are not more specific.
    pub max_word_chars: usize,
    /// Length credited to an acronym (IS, NATO): it stands for a name of several words, so its
    /// letters understate how specific it is.
    pub acronym_chars: usize,
    /// A phrase's length factor is its mean word length × words^this: longer phrases name more
    /// specific things.
    pub phrase_words_exponent: f64,
    /// The same for names (phrases capitalised with evidence in most occurrences).
    pub name_words_exponent: f64,
    /// Share of a capitalised word's occurrences inside one name for the name to replace it
    /// ("Deir" → "Deir Ezzor").
    pub name_absorb_share: f64,
    /// Share of a lowercase word's occurrences inside one phrase for the phrase to replace it
    /// ("army" → "Syrian army").
    pub phrase_absorb_share: f64,
    /// Share of a capitalised word's occurrences inside one phrase that is not all capitalised
    /// for the phrase to replace it ("Syrian" → "Syrian army"): a proper adjective names an
    /// entity together with its noun.
    pub adjective_absorb_share: f64,
    /// Occurrences the absorbing lowercase phrase needs.
    pub phrase_absorb_min_count: usize,
    /// A sub-phrase of a better phrase is kept only if it occurs this many times as often.
    pub distinct_ratio: f64,
    /// Share of the loaded stories above which a term is damped as common in this set.
    pub corpus_common_share: f64,
    /// A phrase's background factor is ((floor + rarity) / (floor + ceiling))^this, where rarity
    /// is how far its words' Zipf values fall below `background_ceiling_zipf` (mean over its
    /// content words; [`background`]): general-text frequency as the single document's IDF.
    /// Zero turns it off.
    pub background_exponent: f64,
    /// Zipf value at and above which a word counts as fully common (rarity 0).
    pub background_ceiling_zipf: f64,
    /// Added to the rarity so the most common words are damped, not zeroed.
    pub background_floor: f64,
    /// Content score (cleaning's learned score, kept blocks only) below which a kept passage is
    /// low-content for key phrases.
    pub low_content_score: f64,
    /// Factor for a key phrase found only in low-content passages.
    pub low_content_weight: f64,
    /// Factor for a phrase of two or more words seen once (in practice a name: other phrases
    /// need `min_phrase_count` occurrences).
    pub single_mention_weight: f64,
    /// Sizes of the per-document lists.
    pub top_terms: usize,
    pub top_ngrams: usize,
    pub top_names: usize,
    pub distinctive_terms: usize,
    /// Rows of the corpus term table.
    pub corpus_terms: usize,
    /// Terms (the most used) a shard of a big corpus hands on for the corpus term table
    /// ([`TermPartial::truncate`]).
    pub shard_terms: usize,
    /// Characters of context on each side of a KWIC hit.
    pub kwic_context_chars: usize,
    /// Reading speed for the reading time, words per minute.
    pub reading_wpm: f64,
}

/// Ten phrases: what fits in a glance and what the keyphrase benchmarks score (F1@10).
pub const TOP: usize = 10;
/// Four words: longer candidates are almost always clauses, not names of things.
pub const MAX_PHRASE_WORDS: usize = 4;
/// Phrase keys are fixed arrays of this many stems; longer settings are clamped.
pub const MAX_SUPPORTED_PHRASE_WORDS: usize = 6;
/// Two occurrences: a word pair seen once is usually a chance neighbourhood, seen twice a phrase.
pub const MIN_PHRASE_COUNT: usize = 2;
/// One: frequency counts linearly.
pub const FREQUENCY_EXPONENT: f64 = 1.0;
/// Zero: off.
pub const SPREAD_EXPONENT: f64 = 0.0;
/// Zero: off.
pub const LEAD_WEIGHT: f64 = 0.0;
/// Position factor 1 / (1 + w · first/len): the first word counts twice the last.
pub const POSITION_WEIGHT: f64 = 1.0;
/// Capitalised with evidence in every occurrence: × 1.5. Stronger weights over-rank every
/// person named once in a quote.
pub const CASING_WEIGHT: f64 = 0.5;
/// Opening a phrase in every occurrence: × 2.
pub const BOUNDARY_WEIGHT: f64 = 1.0;
/// A common word alone scores 0.3 of a content word: about its measured keyphrase rate on
/// English news relative to other words (0.1 vs 0.26).
pub const COMMON_WORD_WEIGHT: f64 = 0.3;
/// Twelve characters: the share of words that annotators pick as keywords grows with length up
/// to about there (Zipf's law of abbreviation: longer words are rarer and more specific).
pub const MAX_WORD_CHARS: usize = 12;
/// Eight characters: a typical name word's length, as "Islamic State" is to "IS".
pub const ACRONYM_CHARS: usize = 8;
/// Zero: a lowercase phrase is as specific as its mean word. Its words keep their own meaning,
/// and news keyphrase annotators pick the single words as often as the phrase.
pub const PHRASE_WORDS_EXPONENT: f64 = 0.0;
/// One: a name counts its full length (up to the cap), because its words mean little alone.
pub const NAME_WORDS_EXPONENT: f64 = 1.0;
/// Three quarters of a capitalised word's uses inside one name. Lower would lose surnames: news
/// gives a full name once and then the surname alone, and readers pick the surname.
pub const NAME_ABSORB_SHARE: f64 = 0.75;
/// Half of a proper adjective's uses with one noun: "Syrian" alone is not an entity.
pub const ADJECTIVE_ABSORB_SHARE: f64 = 0.5;
/// Every use of a lowercase word inside one phrase: only then is the word not a keyword alone.
pub const PHRASE_ABSORB_SHARE: f64 = 1.0;
/// Three occurrences of the phrase before it replaces its word.
pub const PHRASE_ABSORB_MIN_COUNT: usize = 3;
/// Twice as often: a word that mostly occurs outside its phrase is a keyword of its own.
pub const DISTINCT_RATIO: f64 = 2.0;
/// One story in five: terms more widespread than that in the loaded set are its vocabulary, not
/// what distinguishes a document (TF-IDF's idea applied only where it is strong).
pub const CORPUS_COMMON_SHARE: f64 = 0.2;
/// 0.2: a word among the few hundred most frequent of general text (Zipf 6) scores 0.7 of a
/// word outside the table, enough to rank a specific word above a vague one of equal count, and
/// not so much that a story's repeated common noun ("water" ten times in a story on water) falls
/// out. Both halves of the dev sets pick it (with the single-mention weight; `tools/
/// keywords_fit.py`, checked on the other half: docs/keywords.md, "Tuning").
pub const BACKGROUND_EXPONENT: f64 = 0.2;
/// Zipf 6 (one word in a thousand): above it words are as common as words get outside the
/// stopword lists.
pub const BACKGROUND_CEILING_ZIPF: f64 = 6.0;
/// One Zipf unit: a word at the ceiling scores like one a unit below it.
pub const BACKGROUND_FLOOR: f64 = 1.0;
/// A name mentioned once is a mention, not a topic: photo credits, people quoted once, places
/// named in passing. At 0.6 a two-word name seen once still outranks most words seen once, and
/// ranks below one seen twice. Chosen with the background exponent: the even half of the dev
/// sets picks 0.45, the odd half 0.6; 0.6 is the one that costs neither set (docs/keywords.md).
pub const SINGLE_MENTION_WEIGHT: f64 = 0.6;
/// 0.7: kept story paragraphs score above 0.9 almost always; kept bylines, "Listen to this
/// article" and share lines, between the keep threshold and 0.7 (measured on the dev stories
/// wrapped in site templates, `tools/keywords_boilerplate.py`).
pub const LOW_CONTENT_SCORE: f64 = 0.7;
/// 0.3: a phrase only a byline or a prompt line holds is boilerplate more often than not, but
/// cleaning kept the line, so it is damped, not dropped (a headline scores low too).
pub const LOW_CONTENT_WEIGHT: f64 = 0.3;
/// List sizes for the page: enough to scroll, small enough to send.
pub const TOP_TERMS: usize = 50;
pub const TOP_NGRAMS: usize = 30;
pub const TOP_NAMES: usize = 30;
pub const DISTINCTIVE_TERMS: usize = 10;
pub const CORPUS_TERMS: usize = 200;
/// A page shard of 256 news articles uses 10-15 thousand different content words, so this keeps
/// all of them and only caps a pathological shard (random tokens, a vocabulary list) at about
/// 0.6 MB of transfer. A term dropped from a shard is used there at most as often as the
/// 16,384th, a handful of times, while the table's 200 rows over thousands of documents are
/// counted in the hundreds and more.
pub const SHARD_TERMS: usize = 16_384;
/// Sixty characters each side: a concordance line that fits a page column.
pub const KWIC_CONTEXT_CHARS: usize = 60;
/// Adult silent reading speed for non-fiction, words per minute (Brysbaert 2019).
pub const READING_WPM: f64 = 238.0;

impl Default for KeywordConfig {
    fn default() -> Self {
        KeywordConfig {
            top: TOP,
            max_phrase_words: MAX_PHRASE_WORDS,
            language: None,
            min_phrase_count: MIN_PHRASE_COUNT,
            frequency_exponent: FREQUENCY_EXPONENT,
            spread_exponent: SPREAD_EXPONENT,
            lead_weight: LEAD_WEIGHT,
            position_weight: POSITION_WEIGHT,
            casing_weight: CASING_WEIGHT,
            boundary_weight: BOUNDARY_WEIGHT,
            common_word_weight: COMMON_WORD_WEIGHT,
            max_word_chars: MAX_WORD_CHARS,
            acronym_chars: ACRONYM_CHARS,
            phrase_words_exponent: PHRASE_WORDS_EXPONENT,
            name_words_exponent: NAME_WORDS_EXPONENT,
            name_absorb_share: NAME_ABSORB_SHARE,
            phrase_absorb_share: PHRASE_ABSORB_SHARE,
            phrase_absorb_min_count: PHRASE_ABSORB_MIN_COUNT,
            adjective_absorb_share: ADJECTIVE_ABSORB_SHARE,
            distinct_ratio: DISTINCT_RATIO,
            corpus_common_share: CORPUS_COMMON_SHARE,
            background_exponent: BACKGROUND_EXPONENT,
            background_ceiling_zipf: BACKGROUND_CEILING_ZIPF,
            background_floor: BACKGROUND_FLOOR,
            single_mention_weight: SINGLE_MENTION_WEIGHT,
            low_content_score: LOW_CONTENT_SCORE,
            low_content_weight: LOW_CONTENT_WEIGHT,
            top_terms: TOP_TERMS,
            top_ngrams: TOP_NGRAMS,
            top_names: TOP_NAMES,
            distinctive_terms: DISTINCTIVE_TERMS,
            corpus_terms: CORPUS_TERMS,
            shard_terms: SHARD_TERMS,
            kwic_context_chars: KWIC_CONTEXT_CHARS,
            reading_wpm: READING_WPM,
        }
    }
}

/// Everything keyword-related about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentKeywords {
    /// ISO 639-1 code used for stopwords, stemming and readability.
    pub language: Option<String>,
    pub language_source: LanguageSource,
    /// Where the stopword list came from ("nltk", "stopwords-iso"), or `None` without one.
    pub stopword_source: Option<String>,
    pub stats: DocumentStats,
    pub key_phrases: Vec<Keyword>,
    pub terms: Vec<TermCount>,
    pub ngrams: Vec<Ngram>,
    pub names: Vec<Name>,
    /// Terms with the highest TF-IDF against the loaded set (empty without one).
    pub distinctive_terms: Vec<DistinctiveTerm>,
}

/// Characters of a word that must match for a headline word to be "in the body": a crude
/// stem, enough for "stocks" / "stock" and "Syrian" / "Syria", and cheap.
const HEADLINE_MATCH_CHARS: usize = 5;
/// A body shorter than this many words (a caption, one stray line: a news sentence is about 20
/// words) is too little to refute a headline.
const HEADLINE_MIN_BODY_WORDS: usize = 20;
/// Headline words shorter than this are not evidence ("US", "To"): too many chance matches.
const HEADLINE_MIN_CHARS: usize = 3;

/// True when a headline found by cleaning belongs to the body: one of its content words (not a
/// stopword of `language`, at least three letters) starts a word of the body. A story's headline
/// repeats what its body says; a site name or a "Skip to main content" line taken for the
/// headline does not, and must not add its words to the key phrases. A body of fewer than 20
/// words keeps any headline, since it is too little to judge by.
pub fn headline_belongs(title: &str, body: &str, language: Option<&str>) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    if body.unicode_words().nth(HEADLINE_MIN_BODY_WORDS - 1).is_none() {
        return true;
    }
    let stopwords = language.and_then(crate::text::Stopwords::for_language);
    let prefix = |w: &str| -> String { w.chars().take(HEADLINE_MATCH_CHARS).flat_map(char::to_lowercase).collect() };
    let wanted: Vec<String> = title
        .unicode_words()
        .filter(|w| w.chars().count() >= HEADLINE_MIN_CHARS && w.chars().all(char::is_alphabetic))
        .filter(|w| stopwords.is_none_or(|s| !s.contains(w)))
        .map(prefix)
        .collect();
    if wanted.is_empty() {
        // Nothing to compare (a headline of numbers or short words): keep it.
        return true;
    }
    // Compared character by character: no string per body word.
    let matches = |w: &str, p: &str| {
        let mut lower = w.chars().flat_map(char::to_lowercase).take(HEADLINE_MATCH_CHARS);
        p.chars().all(|c| lower.next() == Some(c)) && lower.next().is_none()
    };
    body.unicode_words()
        .any(|w| w.chars().nth(HEADLINE_MIN_CHARS - 1).is_some() && wanted.iter().any(|p| matches(w, p)))
}

/// Statistics (with readability) and key phrases only: the per-document work of a large batch,
/// without the term, n-gram and name lists.
pub fn stats_and_key_phrases(
    text: &str,
    corpus: Option<&CorpusStats>,
    config: &KeywordConfig,
) -> (DocumentStats, Vec<Keyword>) {
    let tokenized = Tokenized::new(text, config.language.as_deref());
    (counts::stats_of(&tokenized, config), phrases::rank(&tokenized, corpus, config))
}

/// All keyword statistics of one document in one pass; `corpus` adds TF-IDF.
pub fn analyze_document(text: &str, corpus: Option<&CorpusStats>, config: &KeywordConfig) -> DocumentKeywords {
    analyze_document_marked(text, &[], corpus, config)
}

/// [`analyze_document`] of a text whose byte ranges `low_content` (in order) cleaning kept with
/// a low content score; key phrases found only there are damped.
pub fn analyze_document_marked(
    text: &str,
    low_content: &[std::ops::Range<usize>],
    corpus: Option<&CorpusStats>,
    config: &KeywordConfig,
) -> DocumentKeywords {
    let mut tokenized = Tokenized::new(text, config.language.as_deref());
    tokenized.mark_low_content(low_content);
    let stats = counts::stats_of(&tokenized, config);
    let key_phrases = phrases::rank(&tokenized, corpus, config);
    // A list of size zero is not computed at all: the page's corpus mode asks for none.
    let terms = if config.top_terms == 0 { Vec::new() } else { counts::top_terms(&tokenized, config.top_terms) };
    let ngrams = if config.top_ngrams == 0 { Vec::new() } else { counts::ngrams(&tokenized, config.top_ngrams) };
    let names = if config.top_names == 0 { Vec::new() } else { counts::names(&tokenized, config.top_names) };
    let distinctive_terms = match corpus {
        Some(c) if config.distinctive_terms > 0 => c.distinctive(&tokenized, config.distinctive_terms),
        _ => Vec::new(),
    };
    DocumentKeywords {
        language: tokenized.language.clone(),
        language_source: tokenized.language_source,
        stopword_source: tokenized.stopwords.map(|s| s.source.to_string()),
        stats,
        key_phrases,
        terms,
        ngrams,
        names,
        distinctive_terms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_belongs_when_it_shares_a_content_word() {
        let body = "Stocks ended higher as the unemployment rate fell to a two-year low. ".repeat(4);
        let body = body.as_str();
        assert!(headline_belongs("Unemployment drop boosts stocks", body, Some("en")));
        assert!(!headline_belongs("NEWSWIRE 24 — breaking news, live", body, Some("en")));
        assert!(!headline_belongs("Skip to main content", body, Some("en")));
        // Nothing else to read, or nothing to compare: keep it.
        assert!(headline_belongs("German arrested in stadium bomb plot", "", Some("en")));
        assert!(headline_belongs("German arrested in stadium bomb plot", "Sign up for our newsletter.", Some("en")));
        assert!(headline_belongs("G7: 2024", body, Some("en")));
    }
}
