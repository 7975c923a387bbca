//! Readability in the formula validated for the document's language, or none, said so.
//!
//! Flesch-style formulas weigh sentence length and syllables per word with constants fitted to
//! one language's readers; applying the English constants to German or Italian gives numbers
//! that mean nothing. So each language gets its own published adaptation, and languages without
//! one get `score: None` and a note:
//!
//! | code | formula | source |
//! | --- | --- | --- |
//! | en | Flesch Reading Ease + Flesch–Kincaid grade | Flesch 1948; Kincaid et al. 1975 |
//! | de | Amstad | Amstad 1978 |
//! | fr | Kandel & Moles | Kandel & Moles 1958 |
//! | es | Fernández Huerta (Law's correction) | Fernández Huerta 1959; Law 2011 |
//! | nl | Flesch–Douma | Douma 1960 |
//! | it | Gulpease (letters, not syllables) | Lucisano & Piemontese 1988 |
//! | pt | Flesch adapted for Portuguese | Martins et al. 1996 |
//!
//! Syllables are counted as vowel groups with the silent final "e" of English and French
//! removed: the usual approximation, within a few percent of dictionary counts on running text.

use serde::{Deserialize, Serialize};

use super::tokens::{Tokenized, ELIDED, NUMBER};

/// A readability figure and what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Readability {
    /// The formula used, e.g. "Flesch Reading Ease".
    pub formula: Option<String>,
    /// Its score: higher is easier for every formula here (0–100 nominal).
    pub score: Option<f64>,
    /// US school grade (Flesch–Kincaid, English only).
    pub grade: Option<f64>,
    /// Why there is no score, when there is none.
    pub note: Option<String>,
    pub syllables: usize,
    pub letters: usize,
    /// Words counted (numbers excluded).
    pub words: usize,
}

/// Counts vowel groups in a lowercase word.
pub(crate) fn syllables(lower: &str, code: &str) -> usize {
    let is_vowel = |c: char| {
        matches!(
            c,
            'a' | 'e'
                | 'i'
                | 'o'
                | 'u'
                | 'y'
                | 'à'
                | 'á'
                | 'â'
                | 'ã'
                | 'ä'
                | 'å'
                | 'æ'
                | 'è'
                | 'é'
                | 'ê'
                | 'ë'
                | 'ì'
                | 'í'
                | 'î'
                | 'ï'
                | 'ò'
                | 'ó'
                | 'ô'
                | 'õ'
                | 'ö'
                | 'ø'
                | 'ù'
                | 'ú'
                | 'û'
                | 'ü'
                | 'ý'
                | 'ÿ'
                | 'œ'
        )
    };
    let mut groups = 0;
    let mut prev = false;
    for c in lower.chars() {
        let v = is_vowel(c);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    let silent_e = match code {
        "en" => lower.ends_with('e') && !lower.ends_with("le") && !lower.ends_with("ee"),
        "fr" => lower.ends_with('e') || lower.ends_with("es") || lower.ends_with("ent"),
        _ => false,
    };
    if silent_e && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

/// Readability of a tokenized document in its language's formula.
pub(crate) fn readability(t: &Tokenized) -> Readability {
    let code = t.language.as_deref().unwrap_or("");
    // Syllables were counted once per word type when the word was interned.
    let mut words = 0usize;
    let mut syl = 0usize;
    let mut letters = 0usize;
    for k in &t.tokens {
        // Numbers have no syllables to count; an elided "l'" belongs to its word.
        if k.has(NUMBER) || k.has(ELIDED) {
            continue;
        }
        let Some(w) = t.words.get(k.word as usize) else { continue };
        words += 1;
        syl += usize::from(w.syllables);
        letters += w.chars as usize;
    }
    let sentences = t.sentences.max(1) as f64;
    let mut r = Readability { formula: None, score: None, grade: None, note: None, syllables: syl, letters, words };
    if words == 0 {
        r.note = Some("no words to measure".into());
        return r;
    }
    let n = words as f64;
    let asl = n / sentences;
    let asw = syl as f64 / n;
    let (formula, score) = match code {
        "en" => {
            r.grade = Some(0.39 * asl + 11.8 * asw - 15.59);
            ("Flesch Reading Ease", 206.835 - 1.015 * asl - 84.6 * asw)
        }
        "de" => ("Amstad", 180.0 - asl - 58.5 * asw),
        "fr" => ("Kandel-Moles", 207.0 - 1.015 * asl - 73.6 * asw),
        "es" => ("Fernández Huerta", 206.84 - 60.0 * asw - 1.02 * asl),
        "nl" => ("Flesch-Douma", 206.835 - 0.93 * asl - 77.0 * asw),
        "it" => ("Gulpease", 89.0 + (300.0 * sentences - 10.0 * letters as f64) / n),
        "pt" => ("Flesch (Portuguese, Martins et al.)", 248.835 - 1.015 * asl - 84.6 * asw),
        "" => {
            r.note = Some("language unknown: readability formulas are fitted to one language's readers".into());
            return r;
        }
        other => {
            r.note = Some(format!(
                "no readability formula validated for \"{other}\": syllable weights fitted to one language mislead in another"
            ));
            return r;
        }
    };
    r.formula = Some(formula.to_string());
    r.score = Some(score);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        for (w, n) in [("the", 1), ("make", 1), ("table", 2), ("reading", 2), ("army", 2), ("a", 1)] {
            assert_eq!(syllables(w, "en"), n, "{w}");
        }
    }

    #[test]
    fn english_simple_text_is_easy_and_german_uses_amstad() {
        let t = Tokenized::new("The cat sat on the mat. The dog ran to the cat.", Some("en"));
        let r = readability(&t);
        assert!(r.score.is_some_and(|s| s > 90.0), "{r:?}");
        assert!(r.grade.is_some_and(|g| g < 3.0), "{r:?}");
        let de = readability(&Tokenized::new("Die Katze sitzt auf der Matte.", Some("de")));
        assert_eq!(de.formula.as_deref(), Some("Amstad"));
    }

    #[test]
    fn unsupported_language_says_why() {
        let r = readability(&Tokenized::new("Kot siedzi na macie.", Some("pl")));
        assert!(r.score.is_none() && r.note.is_some_and(|n| n.contains("pl")));
    }

    #[test]
    fn french_uses_kandel_moles_and_counts_elided_words_once() {
        let t = Tokenized::new("L'hôpital ouvre. L'État paie.", Some("fr"));
        let r = readability(&t);
        assert_eq!(r.formula.as_deref(), Some("Kandel-Moles"));
        // "L'hôpital", "ouvre", "L'État", "paie": four words, two sentences.
        assert_eq!(r.words, 4, "{r:?}");
        let expected = 207.0 - 1.015 * 2.0 - 73.6 * r.syllables as f64 / 4.0;
        assert!(r.score.is_some_and(|s| (s - expected).abs() < 1e-9), "{r:?}");
    }
}
