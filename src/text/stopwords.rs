//! Stopword lists per language. Sources: NLTK's lists where NLTK has the language (short,
//! function words only, which keeps content words such as "new" or "world" usable as keywords),
//! else stopwords-iso; both through the `stop-words` crate. Lookups are case-folded.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

/// A set of stopwords for one language, case-folded.
#[derive(Debug)]
pub struct Stopwords {
    pub code: &'static str,
    words: HashSet<&'static str>,
}

impl Stopwords {
    /// The list for an ISO 639-1 code, or `None` when no list exists for it. Built once per
    /// language per process and shared.
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

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn build(code: &str) -> Option<Stopwords> {
    // With both features enabled the crate answers with NLTK's list where NLTK has the
    // language and stopwords-iso otherwise.
    let list = stop_words::lookup(code)?;
    let code_static: &'static str = Box::leak(code.to_string().into_boxed_str());
    Some(Stopwords { code: code_static, words: list.iter().copied().collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_polish_lists_exist() {
        let en = Stopwords::for_language("en").unwrap();
        assert!(en.contains("the") && en.contains("The") && !en.contains("coalition"));
        assert!(Stopwords::for_language("pl").is_some());
        assert!(Stopwords::for_language("xx").is_none());
    }
}
