//! Stopword lists per language, in two strengths.
//!
//! *Stopwords* are function words (articles, pronouns, auxiliaries, prepositions). They come from
//! NLTK's lists where NLTK has the language (short lists of function words only, which keeps
//! content words such as "new" or "world" usable as keywords), else from stopwords-iso; both
//! through the `stop-words` crate (NLTK lists: BSD-style NLTK data licence; stopwords-iso: MIT).
//!
//! *Common words* are the words stopwords-iso lists but NLTK does not: frequent verbs, adverbs and
//! vague nouns ("said", "would", "last", "able"). They may appear inside a key phrase ("last
//! week" stays whole) but a single common word is a weak keyword, so keyword scoring damps it
//! rather than dropping it. The files in `src/text/common_words/` were generated from the
//! stopwords-iso copy shipped in `stop-words` 0.10.1 (`iso/stopwords-iso.json`, MIT licence,
//! © Gene Diaz) minus the NLTK list of the same language; regenerate them the same way.
//!
//! Day and month names and wire-agency credits are common words too (see [`temporal_words`] and
//! [`NEWS_AGENCIES`]).
//!
//! Lookups expect lowercase input; [`Stopwords::contains`] folds case itself.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

/// The stopwords and common words of one language, lowercase.
#[derive(Debug)]
pub struct Stopwords {
    pub code: &'static str,
    /// Where the stopword list comes from ("nltk" or "stopwords-iso"), for the page's "why".
    pub source: &'static str,
    words: HashSet<&'static str>,
    common: HashSet<&'static str>,
}

/// Languages whose stopwords come from NLTK (the `stop-words` crate answers with NLTK's list
/// for these when both lists are enabled, stopwords-iso for the rest).
const NLTK_LANGUAGES: &[&str] = &[
    "sq", "ar", "az", "eu", "be", "bn", "ca", "zh", "da", "nl", "en", "fi", "fr", "de", "el", "he", "hu", "id",
    "it", "kk", "ne", "no", "pt", "ro", "ru", "sl", "es", "sv", "tg", "ta", "tr", "uz",
];

impl Stopwords {
    /// The lists for an ISO 639-1 code, or `None` when no stopword list exists for it. Built
    /// once per language per process and shared.
    pub fn for_language(code: &str) -> Option<&'static Stopwords> {
        static CACHE: OnceLock<Mutex<HashMap<String, Option<&'static Stopwords>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut guard = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = guard.get(code) {
            return *found;
        }
        let built = build(code).map(|s| &*Box::leak(Box::new(s)));
        guard.insert(code.to_string(), built);
        built
    }

    /// True when `word` (any case) is a stopword.
    pub fn contains(&self, word: &str) -> bool {
        if self.words.contains(word) {
            return true;
        }
        if word.chars().any(|c| c.is_uppercase()) {
            return self.words.contains(word.to_lowercase().as_str());
        }
        false
    }

    /// True when `lower` (already lowercase) is a stopword; no allocation.
    pub fn contains_lower(&self, lower: &str) -> bool {
        self.words.contains(lower)
    }

    /// True when `lower` (already lowercase) is a common word: frequent but not a function
    /// word, a weak keyword on its own.
    pub fn is_common_lower(&self, lower: &str) -> bool {
        self.common.contains(lower)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Day and month names and "today"/"yesterday": dates say when, not what a story is about, and
/// news mentions them in nearly every article. Ambiguous English forms ("may", "march", "sun")
/// are left out. Common words for the language they belong to.
fn temporal_words(code: &str) -> &'static [&'static str] {
    match code {
        "en" => &[
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "april", "june", "july", "august", "september", "october", "november", "december", "today",
            "yesterday", "tomorrow", "tonight",
        ],
        "fr" => &[
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février", "mars",
            "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "hier",
            "demain", "aujourd'hui",
        ],
        "pt" => &[
            "segunda", "terça", "quarta", "quinta", "sexta", "feira", "sábado", "domingo", "janeiro", "fevereiro",
            "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
            "hoje", "ontem", "amanhã",
        ],
        "es" => &[
            "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "enero", "febrero", "marzo",
            "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "hoy",
            "ayer", "mañana",
        ],
        "de" => &[
            "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar",
            "märz", "april", "juni", "juli", "august", "september", "oktober", "november", "dezember", "heute",
            "gestern", "morgen",
        ],
        "it" => &[
            "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "gennaio", "febbraio",
            "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
            "oggi", "ieri", "domani",
        ],
        "nl" => &[
            "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari", "februari",
            "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
            "vandaag", "gisteren", "morgen",
        ],
        _ => &[],
    }
}

/// Wire-agency credits ("(AP)", "AFP/File"): bylines on every story they send, not topics. Common
/// words in every language.
const NEWS_AGENCIES: &[&str] =
    &["ap", "afp", "reuters", "upi", "dpa", "efe", "ansa", "lusa", "xinhua", "tass", "ria", "anp", "apa", "sda"];

/// The common-word file for a language, if one was generated (languages where stopwords-iso
/// adds words to NLTK's list).
fn common_words(code: &str) -> &'static str {
    match code {
        "da" => include_str!("common_words/da.txt"),
        "de" => include_str!("common_words/de.txt"),
        "el" => include_str!("common_words/el.txt"),
        "en" => include_str!("common_words/en.txt"),
        "es" => include_str!("common_words/es.txt"),
        "fi" => include_str!("common_words/fi.txt"),
        "fr" => include_str!("common_words/fr.txt"),
        "hu" => include_str!("common_words/hu.txt"),
        "id" => include_str!("common_words/id.txt"),
        "it" => include_str!("common_words/it.txt"),
        "nl" => include_str!("common_words/nl.txt"),
        "no" => include_str!("common_words/no.txt"),
        "pt" => include_str!("common_words/pt.txt"),
        "ro" => include_str!("common_words/ro.txt"),
        "ru" => include_str!("common_words/ru.txt"),
        "sl" => include_str!("common_words/sl.txt"),
        "sv" => include_str!("common_words/sv.txt"),
        "tr" => include_str!("common_words/tr.txt"),
        _ => "",
    }
}

fn build(code: &str) -> Option<Stopwords> {
    // With both features enabled the crate answers with NLTK's list where NLTK has the
    // language and stopwords-iso otherwise.
    let list = stop_words::lookup(code)?;
    let code_static: &'static str = Box::leak(code.to_string().into_boxed_str());
    let source = if NLTK_LANGUAGES.contains(&code) { "nltk" } else { "stopwords-iso" };
    let common = common_words(code)
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .chain(temporal_words(code).iter().copied())
        .chain(NEWS_AGENCIES.iter().copied())
        .collect();
    Some(Stopwords { code: code_static, source, words: list.iter().copied().collect(), common })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_polish_lists_exist() {
        let en = Stopwords::for_language("en").unwrap();
        assert!(en.contains("the") && en.contains("The") && !en.contains("coalition"));
        assert_eq!(en.source, "nltk");
        let pl = Stopwords::for_language("pl").unwrap();
        assert_eq!(pl.source, "stopwords-iso");
        assert!(Stopwords::for_language("xx").is_none());
    }

    #[test]
    fn common_words_are_not_stopwords() {
        let en = Stopwords::for_language("en").unwrap();
        assert!(en.is_common_lower("said") && !en.contains_lower("said"));
        assert!(!en.is_common_lower("the") && !en.is_common_lower("coalition"));
    }

    #[test]
    fn at_least_twenty_languages() {
        let codes = [
            "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "ru", "pl", "cs", "tr", "ro", "hu", "el",
            "id", "ar", "ca", "sk", "bg", "uk",
        ];
        let found = codes.iter().filter(|c| Stopwords::for_language(c).is_some()).count();
        assert!(found >= 20, "{found}");
    }
}
