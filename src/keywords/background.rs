//! How common a word is in general text: the background prior of key-phrase scoring.
//!
//! One document alone cannot tell "people" from "treadmill": both may occur twice. TF-IDF asks a
//! loaded set, but a single article has none, so key phrases ask a general word-frequency list
//! instead, the document-frequency prior of the keyphrase literature. The tables hold the
//! thousand most frequent words of seven languages (en, fr, pt, es, de, it, nl) from wordfreq
//! 3.1.1 (CC BY-SA 4.0, © Robyn Speer; derived files under the same licence), minus the words the
//! stopword and common-word lists hold already, with each word's Zipf value (log10 of its
//! frequency per billion words) in quarters. A word outside its table is rarer than all of them.
//! `tools/keywords_word_frequency.py` regenerates `word_frequency/<code>.txt`; each costs ~2 KB of
//! the gzipped wasm module and is parsed once, on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One language's table: lowercase word → Zipf value × 4.
type Table = HashMap<&'static str, u8>;

/// The table text of a language, if it has one.
fn source(code: &str) -> Option<&'static str> {
    Some(match code {
        "de" => include_str!("word_frequency/de.txt"),
        "en" => include_str!("word_frequency/en.txt"),
        "es" => include_str!("word_frequency/es.txt"),
        "fr" => include_str!("word_frequency/fr.txt"),
        "it" => include_str!("word_frequency/it.txt"),
        "nl" => include_str!("word_frequency/nl.txt"),
        "pt" => include_str!("word_frequency/pt.txt"),
        _ => return None,
    })
}

/// Languages with a table, in the order of `TABLES`.
const CODES: [&str; 7] = ["de", "en", "es", "fr", "it", "nl", "pt"];

/// Parses "<zipf × 4> word word ..." lines; `#` lines are comments.
fn parse(text: &'static str) -> Table {
    let mut table = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split(' ');
        let Some(level) = fields.next().and_then(|l| l.parse::<u8>().ok()) else { continue };
        for word in fields.filter(|w| !w.is_empty()) {
            table.insert(word, level);
        }
    }
    table
}

/// The table of a language, built on first use and shared; `None` for a language without one.
fn table(code: &str) -> Option<&'static Table> {
    static TABLES: [OnceLock<Table>; 7] = [const { OnceLock::new() }; 7];
    let slot = CODES.iter().position(|&c| c == code)?;
    let text = source(code)?;
    Some(TABLES.get(slot)?.get_or_init(|| parse(text)))
}

/// True when `code` has a background table.
pub(crate) fn has_table(code: &str) -> bool {
    source(code).is_some()
}

/// The Zipf value of lowercase `word` in language `code`, in quarters (5.25 → 21), or `None`
/// when the word is not among the language's most frequent words (or the language has no table).
pub(crate) fn zipf_quarters(code: &str, word: &str) -> Option<u8> {
    table(code)?.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_words_are_found_and_rare_ones_are_not() {
        let people = zipf_quarters("en", "people").map(f64::from).map(|q| q / 4.0);
        assert!(people.is_some_and(|z| (5.5..7.0).contains(&z)), "{people:?}");
        assert_eq!(zipf_quarters("en", "konashenkov"), None);
        assert_eq!(zipf_quarters("en", "treadmill"), None);
        // Stopwords live in the stopword lists, not here.
        assert_eq!(zipf_quarters("en", "the"), None);
        assert!(zipf_quarters("pt", "governo").is_some());
        assert!(zipf_quarters("fr", "gouvernement").is_some());
    }

    #[test]
    fn every_table_parses_and_languages_without_one_say_so() {
        for code in CODES {
            let t = table(code);
            assert!(t.is_some_and(|t| t.len() > 300), "{code}");
            assert!(has_table(code));
        }
        assert!(!has_table("fi"));
        assert_eq!(zipf_quarters("fi", "ihmiset"), None);
    }
}
