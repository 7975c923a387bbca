//! How common a word is in general text: the background prior of key-phrase scoring.
//!
//! One document alone cannot tell "people" from "treadmill": both may occur twice. TF-IDF asks a
//! loaded set, but a single article has none, so key phrases ask a general word-frequency list
//! instead, the document-frequency prior of the keyphrase literature. The tables hold the
//! thousand most frequent words of five languages (en, fr, pt, es, de) from wordfreq
//! 3.1.1 (CC BY-SA 4.0, © Robyn Speer; derived files under the same licence), minus the words the
//! stopword and common-word lists hold already, with each word's Zipf value (log10 of its
//! frequency per billion words) in quarters. A word outside its table is rarer than all of them.
//! `tools/keywords_word_frequency.py` regenerates `word_frequency/<code>.txt`; each costs ~2.3 KB
//! of the gzipped wasm module and is read once, on first use.

use std::sync::OnceLock;

/// One language's table: (lowercase word, Zipf value × 4), sorted by word. A sorted slice and a
/// binary search rather than a hash map: lookups happen once per word form per thread (the
/// word-facts cache remembers the answer), and the slice costs the wasm module no new code.
type Table = Vec<(&'static str, u8)>;

/// The table text of a language, if it has one.
fn source(code: &str) -> Option<&'static str> {
    Some(match code {
        "de" => include_str!("word_frequency/de.txt"),
        "en" => include_str!("word_frequency/en.txt"),
        "es" => include_str!("word_frequency/es.txt"),
        "fr" => include_str!("word_frequency/fr.txt"),
        "pt" => include_str!("word_frequency/pt.txt"),
        _ => return None,
    })
}

/// Languages with a table, in the order of `TABLES`.
const CODES: [&str; 5] = ["de", "en", "es", "fr", "pt"];

/// Reads a table file: after `#` comment lines, one character per word ('0' + Zipf × 4), then
/// the words, sorted, separated by spaces. A file out of order or with a level missing is a
/// build-time mistake that a test catches; here it only makes lookups miss.
fn parse(text: &'static str) -> Table {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let (Some(levels), Some(words)) = (lines.next(), lines.next()) else { return Vec::new() };
    let levels = levels.bytes().map(|b| b.saturating_sub(b'0'));
    words.split(' ').filter(|w| !w.is_empty()).zip(levels).collect()
}

/// The table of a language, built on first use and shared; `None` for a language without one.
fn table(code: &str) -> Option<&'static Table> {
    static TABLES: [OnceLock<Table>; CODES.len()] = [const { OnceLock::new() }; CODES.len()];
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
    let t = table(code)?;
    t.binary_search_by(|(w, _)| (*w).cmp(word)).ok().and_then(|i| t.get(i)).map(|&(_, level)| level)
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
            // Sorted (binary search needs it) and one level per word.
            assert!(t.is_some_and(|t| t.windows(2).all(|w| w[0].0 < w[1].0)), "{code}");
            let words = source(code).and_then(|s| s.lines().last()).map_or(0, |l| l.split(' ').count());
            assert_eq!(t.map(Vec::len), Some(words), "{code}");
            assert!(has_table(code));
        }
        assert!(!has_table("fi"));
        assert!(zipf_quarters("en", "people").is_some_and(|q| q > 0));
        assert_eq!(zipf_quarters("fi", "ihmiset"), None);
    }
}
