//! All settings in one place. Each engine owns its settings type next to the code it tunes
//! ([`CleanConfig`], [`DedupConfig`], [`KeywordConfig`]); [`AnalyzerConfig`] bundles them for the
//! page and the `analyze` command. Every field has a documented, tuned default, and a missing
//! field in JSON means "the default".
//!
//! The four settings types are read and written (JSON for the CLI, JS objects for the page)
//! through one table each, the [`settings!`] lists at the end of this file, instead of serde's
//! derive: the derive writes the code that reads and writes a field once per field (some 120,
//! each read inlined with the page's JS accessors: 22 KB of the gzipped core wasm module), the
//! table once per type of field. What is read is what the derive read: camelCase names, a
//! missing field takes the type's `Default`, an unknown one is skipped, a repeated one is an
//! error, and serde's own messages for a wrong value.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::clean::HtmlConfig;
use crate::dedup::Representative;

pub use crate::clean::CleanConfig;
pub use crate::dedup::DedupConfig;
pub use crate::keywords::KeywordConfig;

/// The settings of a whole analysis. Read and written through its [`settings!`] list below (a
/// new field goes there too).
#[derive(Debug, Clone, Default, PartialEq)]
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

/// Declares [`Field`], a mutable reference to one settings field tagged with its type, and the
/// three functions that read and write a field: one `match` arm per type of field.
macro_rules! field_types {
    ($($variant:ident($type:ty)),* $(,)?) => {
        /// One settings field, by its type: where reading puts a value and writing finds it.
        enum Field<'a> {
            $($variant(&'a mut $type)),*
        }

        $(impl<'a> From<&'a mut $type> for Field<'a> {
            fn from(value: &'a mut $type) -> Self {
                Field::$variant(value)
            }
        })*

        /// Reads the value of a map entry into `field`.
        fn read_value<'de, A: MapAccess<'de>>(map: &mut A, field: Field<'_>) -> Result<(), A::Error> {
            match field {
                $(Field::$variant(slot) => *slot = map.next_value()?),*
            }
            Ok(())
        }

        /// Reads the next element of a sequence into `field`; none left keeps its default.
        fn read_element<'de, A: SeqAccess<'de>>(seq: &mut A, field: Field<'_>) -> Result<(), A::Error> {
            match field {
                $(Field::$variant(slot) => {
                    if let Some(value) = seq.next_element()? {
                        *slot = value;
                    }
                })*
            }
            Ok(())
        }

        /// Writes `field` as the struct field `name`.
        fn write_value<S: SerializeStruct>(out: &mut S, name: &'static str, field: Field<'_>) -> Result<(), S::Error> {
            match field {
                $(Field::$variant(slot) => out.serialize_field(name, &*slot)),*
            }
        }
    };
}

field_types! {
    Count(usize),
    Number(f64),
    Flag(bool),
    Seed(u64),
    Text(Option<String>),
    OptionalCount(Option<usize>),
    Representative(Representative),
    Html(HtmlConfig),
    Clean(CleanConfig),
    Dedup(DedupConfig),
    Keywords(KeywordConfig),
}

/// The length of the snake_case `name` in camelCase (no underscores).
const fn camel_len(name: &str) -> usize {
    let bytes = name.as_bytes();
    let (mut i, mut len) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'_' {
            len += 1;
        }
        i += 1;
    }
    len
}

/// The snake_case `name` in camelCase, as serde's `rename_all = "camelCase"` spells it: each
/// letter after an underscore upper-cased, the underscores dropped.
const fn camel<const N: usize>(name: &str) -> [u8; N] {
    let bytes = name.as_bytes();
    let mut out = [0; N];
    let (mut i, mut len, mut upper) = (0, 0, false);
    while i < bytes.len() {
        if bytes[i] == b'_' {
            upper = true;
        } else {
            out[len] = if upper { bytes[i].to_ascii_uppercase() } else { bytes[i] };
            len += 1;
            upper = false;
        }
        i += 1;
    }
    out
}

/// Implements `Serialize` and `Deserialize` for a settings struct from the list of its fields,
/// in declaration order (the order of the JSON and JS objects written). The list must name
/// every field: `fields` destructures the struct without `..`, so a field missing here does not
/// compile.
macro_rules! settings {
    ($type:ident { $($field:ident),* $(,)? }) => {
        impl $type {
            /// The fields' names in JSON and JS (camelCase), in declaration order.
            const FIELD_NAMES: &'static [&'static str] = &[$({
                const NAME: &str = stringify!($field);
                const CAMEL: [u8; camel_len(NAME)] = camel(NAME);
                match std::str::from_utf8(&CAMEL) {
                    Ok(name) => name,
                    Err(_) => panic!("field names are ASCII"),
                }
            }),*];

            /// The fields, in the order of [`Self::FIELD_NAMES`].
            fn fields(&mut self) -> Vec<Field<'_>> {
                let $type { $($field),* } = self;
                vec![$(Field::from($field)),*]
            }
        }

        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // The fields are handed out as `&mut`: a copy lends them (settings are written
                // once per call, never per document).
                write_settings(serializer, stringify!($type), Self::FIELD_NAMES, self.clone().fields())
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut settings = $type::default();
                let visitor =
                    SettingsVisitor { name: stringify!($type), names: Self::FIELD_NAMES, fields: settings.fields() };
                deserializer.deserialize_struct(stringify!($type), Self::FIELD_NAMES, visitor)?;
                Ok(settings)
            }
        }
    };
}

/// Writes a settings struct: its fields in order, under their names.
fn write_settings<S: Serializer>(
    serializer: S,
    name: &'static str,
    names: &'static [&'static str],
    fields: Vec<Field<'_>>,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_struct(name, names.len())?;
    for (&name, field) in names.iter().zip(fields) {
        write_value(&mut out, name, field)?;
    }
    out.end()
}

/// Reads a settings struct (a map by field name, or a sequence in field order, as serde's derive
/// reads a struct) into the fields of a default value.
struct SettingsVisitor<'a> {
    name: &'static str,
    names: &'static [&'static str],
    fields: Vec<Field<'a>>,
}

impl<'de> Visitor<'de> for SettingsVisitor<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // A field is taken out of its slot when read: an empty slot is a repeated field.
        let mut fields: Vec<Option<Field>> = self.fields.into_iter().map(Some).collect();
        while let Some(index) = map.next_key_seed(FieldIndex(self.names))? {
            let Some(index) = index else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            match fields.get_mut(index).and_then(Option::take) {
                Some(field) => read_value(&mut map, field)?,
                None => return Err(de::Error::duplicate_field(self.names.get(index).copied().unwrap_or_default())),
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for field in self.fields {
            read_element(&mut seq, field)?;
        }
        Ok(())
    }
}

/// Reads a field name as its index among a struct's names; `None` for a name the struct does
/// not have (skipped, as the derive skips it).
struct FieldIndex(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|&known| known == name))
    }
}

settings!(AnalyzerConfig { clean, dedup, keywords, max_pairwise_documents, compact_documents });

settings!(CleanConfig {
    min_prose_words,
    min_sentence_words,
    min_stopword_ratio,
    max_short_line_words,
    signal_penalty,
    non_prose_penalty,
    non_prose_word_penalty,
    max_bridge_blocks,
    min_rail_run,
    max_navigation_words,
    near_copy_similarity,
    max_headline_words,
    headline_search_blocks,
    min_secondary_words,
    short_sentence_weight,
    rails_inside_body,
    max_lead_gap,
    max_body_gap_blocks,
    lone_paragraph_words,
    list_runs_in_body,
    early_prose_bonus,
    min_unterminated_prose_words,
    unterminated_prose_weight,
    min_language_confidence,
    min_neutral_words,
    max_close_blocks,
    min_body_words,
    content_model,
    max_cleaning_passes,
    content_threshold,
    content_restore_threshold,
    menu_restore_threshold,
    lost_copy_restore_threshold,
    max_menu_label_words,
    max_menu_label_digit_ratio,
    min_menu_label_share,
    thin_page_content_threshold,
    thin_page_restore_threshold,
    thin_page_body_score,
    thin_page_body_blocks,
    tail_content_threshold,
    tail_restore_threshold,
    prompt_tail_content_threshold,
    max_prompt_words,
    voiced_signal_sentence_words,
    max_credited_caption_words,
    max_credit_tail_words,
    end_marker_content_threshold,
    end_marker_restore_threshold,
    sure_paragraph_score,
    sure_paragraph_words,
    max_link_density,
    max_prompt_question_words,
    author_box_blocks,
    same_story_overlap,
    corpus_content_words,
    corpus_max_compared,
    language,
    disabled,
    html,
});

settings!(DedupConfig {
    shingle_size,
    char_shingle_size,
    lead_words,
    lead_min_words,
    lead_search_words,
    lead_saturation,
    prose_words,
    round_up_paragraphs,
    round_up_story_paragraphs,
    contained_share,
    threshold,
    related_share,
    sentence_match,
    num_perm,
    lead_perm,
    seed,
    lsh_threshold,
    lead_lsh_threshold,
    lsh_bands,
    lsh_rows,
    representative,
    chain_guard,
    max_bucket,
});

settings!(KeywordConfig {
    top,
    max_phrase_words,
    language,
    min_phrase_count,
    frequency_exponent,
    spread_exponent,
    lead_weight,
    position_weight,
    casing_weight,
    boundary_weight,
    common_word_weight,
    max_word_chars,
    acronym_chars,
    phrase_words_exponent,
    name_words_exponent,
    name_absorb_share,
    phrase_absorb_share,
    adjective_absorb_share,
    phrase_absorb_min_count,
    distinct_ratio,
    corpus_common_share,
    background_exponent,
    background_ceiling_zipf,
    background_floor,
    low_content_score,
    low_content_weight,
    single_mention_weight,
    top_terms,
    top_ngrams,
    top_names,
    distinctive_terms,
    corpus_terms,
    shard_terms,
    kwic_context_chars,
    reading_wpm,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_fields_in_camel_case_in_order() {
        assert_eq!(
            AnalyzerConfig::FIELD_NAMES,
            ["clean", "dedup", "keywords", "maxPairwiseDocuments", "compactDocuments"]
        );
        assert_eq!(CleanConfig::FIELD_NAMES.first(), Some(&"minProseWords"));
        assert_eq!(DedupConfig::FIELD_NAMES.last(), Some(&"maxBucket"));
        assert!(KeywordConfig::FIELD_NAMES.contains(&"backgroundCeilingZipf"));
    }

    #[test]
    fn settings_survive_a_json_round_trip() {
        let mut config = AnalyzerConfig::new();
        config.clean.min_prose_words = 7;
        config.clean.language = Some("de".into());
        config.clean.html.min_paragraph_chars = 3;
        config.dedup.lsh_bands = Some(4);
        config.dedup.seed = u64::MAX;
        config.dedup.representative = Representative::First;
        config.keywords.lead_weight = 0.25;
        config.compact_documents = true;
        let json = serde_json::to_string(&config).unwrap();
        assert!(json.starts_with(r#"{"clean":{"minProseWords":7,"minSentenceWords":3,"#), "{json}");
        assert_eq!(serde_json::from_str::<AnalyzerConfig>(&json).unwrap(), config);
    }

    #[test]
    fn reading_follows_serdes_derive() {
        let read = |json: &str| serde_json::from_str::<AnalyzerConfig>(json).map_err(|e| e.to_string());
        // Missing fields take `Default` (the derived one: no pairwise limit), unknown ones are skipped.
        let config =
            read(r#"{"clean": {"minProseWords": 3, "unknown": [1, {"a": 2}]}, "dedup": {"seed": 7}}"#).unwrap();
        assert_eq!(config.clean.min_prose_words, 3);
        assert_eq!(config.clean.min_sentence_words, CleanConfig::default().min_sentence_words);
        assert_eq!(config.dedup.seed, 7);
        assert_eq!(config.max_pairwise_documents, 0);
        // A sequence fills the fields in order.
        let config = read(r#"{"clean": [3, 4]}"#).unwrap();
        assert_eq!((config.clean.min_prose_words, config.clean.min_sentence_words), (3, 4));
        // serde's own messages.
        assert_eq!(
            read(r#"{"clean": {"minProseWords": 3, "minProseWords": 4}}"#).unwrap_err(),
            "duplicate field `minProseWords` at line 1 column 46"
        );
        assert_eq!(
            read(r#"{"clean": {"minStopwordRatio": "x"}}"#).unwrap_err(),
            r#"invalid type: string "x", expected f64 at line 1 column 34"#
        );
        assert_eq!(
            read(r#"{"clean": 5}"#).unwrap_err(),
            "invalid type: integer `5`, expected struct CleanConfig at line 1 column 11"
        );
    }
}
