//! Light stemmers for Greek, Arabic, Turkish, Hungarian, Finnish and Romanian, in place of Snowball's where Snowball's tables cost the
//! wasm module more than keyword grouping gains from them.
//!
//! Greek: accents and final sigma folded, then one inflectional ending removed
//! (case and number of nouns and adjectives, person and number of common verb forms), so
//! "κυβέρνηση", "κυβέρνησης" and "κυβερνήσεις" count as one keyword. It replaces the Snowball
//! Greek stemmer (Ntais's algorithm), whose 910 suffix rules were about 15 KB of the gzipped wasm
//! module for one language, more than the other seventeen Snowball stemmers' tables together.
//! Keywords group word forms; they do not need Ntais's derivational steps, which light
//! stemmers match in retrieval studies on inflected European languages (Savoy's light stemmers).
//!
//! Arabic: Larkey, Ballesteros and Connell's "light10" (2007): letter variants and diacritics
//! normalised, one article or conjunction prefix and then suffixes removed. In their retrieval
//! experiments it did as well as or better than root-based stemmers; it replaces the Snowball
//! Arabic stemmer (242 rules, about 4 KB gzipped).
//!
//! Turkish: a proper noun's suffixes after an apostrophe cut ("Türkiye'nin"), then up to three
//! nominal suffixes removed from the end (case, possessive, plural: "seçimlerinde" → "seçim"),
//! each leaving three letters at least, and a final b c d ğ written p ç t k as Snowball's
//! Turkish stemmer does ("bakanlığı" and "bakanlık" meet). Nouns are most keywords; verbs keep
//! their endings.

use std::borrow::Cow;

/// Stems shorter than this many letters are left whole: removing an ending from a three-letter
/// word mostly leaves a root shared by unrelated words.
const MIN_STEM_CHARS: usize = 3;

/// Inflectional endings after accent folding, with σ for a final ς. The longest one that leaves
/// a long enough stem is removed.
const GREEK_ENDINGS: &[&str] = &[
    // Verb forms (-ούμαστε, -ήσουμε, -ονται, ...), then noun and adjective endings.
    "ουμαστε",
    "ουσαμε",
    "ησουμε",
    "ομαστε",
    "ουνται",
    "ησετε",
    "ουσαν",
    "ονται",
    "ησαμε",
    "ησαν",
    "ουμε",
    "ουνε",
    "ουσα",
    "ουσε",
    "ηκαν",
    "ησει",
    "ομαι",
    "εσαι",
    "εται",
    "ματα",
    "ματων",
    "ματοσ",
    "ησω",
    "ετε",
    "ατε",
    "ουν",
    "εισ",
    "ιεσ",
    "ιων",
    "ιου",
    "ιασ",
    "εων",
    "ουσ",
    "ει",
    "οσ",
    "ου",
    "ον",
    "οι",
    "ων",
    "ασ",
    "εσ",
    "ησ",
    "ισ",
    "υσ",
    "ια",
    "ιο",
    "α",
    "ε",
    "η",
    "ι",
    "ο",
    "υ",
    "ω",
];

/// The stem of a lowercase Greek word.
pub fn stem_greek(word: &str) -> Cow<'_, str> {
    let folded: String = word.chars().map(fold_greek).collect();
    let letters = folded.chars().count();
    let ending = GREEK_ENDINGS
        .iter()
        .filter(|e| folded.ends_with(*e) && letters >= e.chars().count() + MIN_STEM_CHARS)
        .max_by_key(|e| e.len());
    match ending {
        Some(e) => Cow::Owned(folded[..folded.len() - e.len()].to_string()),
        None if folded == word => Cow::Borrowed(word),
        None => Cow::Owned(folded),
    }
}

/// Lowercase Greek letters without accent or diaeresis; final ς as σ.
fn fold_greek(c: char) -> char {
    match c {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        c => c,
    }
}

/// Arabic prefixes light10 removes (one, the longest that leaves [`MIN_ARABIC_STEM_CHARS`]):
/// the article and the article after a conjunction or preposition.
const ARABIC_PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];

/// Arabic suffixes light10 removes, in this order, each once, while the word stays long enough:
/// dual and plural endings, the feminine ending, possessive pronouns.
const ARABIC_SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

/// Light10 keeps at least two letters after removing a prefix or suffix (and removes و only
/// from words of four letters or more).
const MIN_ARABIC_STEM_CHARS: usize = 2;

/// The stem of an Arabic word.
pub fn stem_arabic(word: &str) -> Cow<'_, str> {
    // Diacritics and tatweel dropped; alef variants as bare alef, alef maqsura as ya.
    let mut w: String = word
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' => 'ي',
            c => c,
        })
        .collect();
    let letters = |s: &str| s.chars().count();
    if letters(&w) >= 4 {
        if let Some(rest) = w.strip_prefix('و') {
            w = rest.to_string();
        }
    }
    if let Some(p) =
        ARABIC_PREFIXES.iter().find(|p| w.starts_with(*p) && letters(&w) >= letters(p) + MIN_ARABIC_STEM_CHARS)
    {
        w.drain(..p.len());
    }
    for s in ARABIC_SUFFIXES {
        if w.ends_with(s) && letters(&w) >= letters(s) + MIN_ARABIC_STEM_CHARS {
            w.truncate(w.len() - s.len());
        }
    }
    if w == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(w)
    }
}

/// Turkish case, possessive and plural suffixes; the longest that leaves [`MIN_STEM_CHARS`]
/// letters is removed, up to [`TURKISH_MAX_SUFFIXES`] times.
const TURKISH_SUFFIXES: &[&str] = &[
    // Case: ablative, locative (and -ki), genitive, instrumental, dative, accusative.
    "ndan", "nden", "dan", "den", "tan", "ten", "ndaki", "ndeki", "daki", "deki", "taki", "teki", "nda", "nde", "da",
    "de", "ta", "te", "nın", "nin", "nun", "nün", "ın", "in", "un", "ün", "yla", "yle", "la", "le", "ya", "ye", "na",
    "ne", "yı", "yi", "yu", "yü", "nı", "ni", "nu", "nü", "a", "e", "ı", "i", "u", "ü",
    // Possessive (third person, first and second plural, plural owner).
    "ları", "leri", "ımız", "imiz", "umuz", "ümüz", "ınız", "iniz", "unuz", "ünüz", "sı", "si", "su", "sü",
    // Plural.
    "lar", "ler",
];

/// A noun carries case, possessive and plural at most.
const TURKISH_MAX_SUFFIXES: usize = 3;

/// The stem of a lowercase Turkish word.
pub fn stem_turkish(word: &str) -> Cow<'_, str> {
    let mut w = word.split(['\'', '’']).next().unwrap_or(word).to_string();
    strip_suffixes(&mut w, TURKISH_SUFFIXES, TURKISH_MAX_SUFFIXES);
    let last = w.chars().next_back();
    if let Some(hard) = last.and_then(|c| match c {
        'b' => Some('p'),
        'c' => Some('ç'),
        'd' => Some('t'),
        'ğ' => Some('k'),
        _ => None,
    }) {
        w.pop();
        w.push(hard);
    }
    if w == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(w)
    }
}

/// Removes, up to `rounds` times, the longest of `suffixes` that leaves [`MIN_STEM_CHARS`]
/// letters.
fn strip_suffixes(w: &mut String, suffixes: &[&str], rounds: usize) {
    for _ in 0..rounds {
        let letters = w.chars().count();
        let Some(s) = suffixes
            .iter()
            .filter(|s| w.ends_with(**s) && letters >= s.chars().count() + MIN_STEM_CHARS)
            .max_by_key(|s| s.len())
        else {
            break;
        };
        w.truncate(w.len() - s.len());
    }
}

/// A light stemmer of the Savoy kind for a language written in Latin letters: accents folded,
/// then inflectional suffixes removed from the end, the longest first.
pub struct SuffixStemmer {
    fold: fn(char) -> char,
    suffixes: &'static [&'static str],
    rounds: usize,
    /// Whether a doubled last letter is written once after the suffixes are off (Finnish
    /// consonant gradation: "presidentti", "presidentin").
    undouble: bool,
}

impl SuffixStemmer {
    pub fn stem<'w>(&self, word: &'w str) -> Cow<'w, str> {
        let mut w: String = word.chars().map(self.fold).collect();
        strip_suffixes(&mut w, self.suffixes, self.rounds);
        let mut last_two = w.chars().rev().take(2);
        if self.undouble && last_two.next().is_some_and(|a| last_two.next() == Some(a)) {
            w.pop();
        }
        if w == word {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(w)
        }
    }
}

/// Hungarian: case endings (-nak, -ban, -ból, -ra, -t, ...), then plural and possessive (-ok,
/// -ai, -ja, ...), up to three in a row ("kormányoknak" → "kormany"); long vowels folded, so
/// "almát" and "alma" meet. Replaces Snowball's Hungarian (182 rules).
pub const HUNGARIAN: SuffixStemmer = SuffixStemmer {
    fold: |c| match c {
        'á' => 'a',
        'é' => 'e',
        'í' => 'i',
        'ó' | 'ö' | 'ő' => 'o',
        'ú' | 'ü' | 'ű' => 'u',
        c => c,
    },
    suffixes: &[
        "kent", "ert", "nak", "nek", "val", "vel", "ban", "ben", "bol", "rol", "tol", "hoz", "hez", "nal", "nel", "ba",
        "be", "ra", "re", "ig", "on", "en", "ot", "at", "et", "t", "aink", "eink", "jaik", "jeik", "aik", "eik", "juk",
        "jok", "ink", "unk", "ok", "ek", "ak", "ai", "ei", "ja", "je", "a", "e", "k",
    ],
    rounds: 3,
    undouble: false,
};

/// Finnish: the local and grammatical cases (-ssa, -sta, -lla, -lle, -ksi, -na, -ta, -n, ...),
/// plural and possessive endings, two in a row ("Suomessa" and "Suomen" → "suom"); ä and ö
/// folded; a doubled last letter written once, which undoes the commonest consonant gradation
/// ("presidentti", "presidentin"). Replaces Snowball's Finnish.
pub const FINNISH: SuffixStemmer = SuffixStemmer {
    fold: |c| match c {
        'ä' | 'å' => 'a',
        'ö' => 'o',
        c => c,
    },
    suffixes: &[
        "issa", "ista", "illa", "ilta", "ille", "iksi", "ssa", "sta", "lla", "lta", "lle", "ksi", "tta", "seen", "hin",
        "iden", "ien", "jen", "nsa", "mme", "nne", "na", "ta", "ja", "en", "an", "in", "it", "ni", "si", "a", "n", "i",
        "e",
    ],
    rounds: 2,
    undouble: true,
};

/// Romanian: definite articles and case endings (-ul, -ului, -lor, -ele, -ii, ...), two in a row
/// ("președintelui" and "președinte" → "presedint"); diacritics folded (ă â î ș ț, and the
/// cedilla forms). Replaces Snowball's Romanian (226 rules).
pub const ROMANIAN: SuffixStemmer = SuffixStemmer {
    fold: |c| match c {
        'ă' | 'â' => 'a',
        'î' => 'i',
        'ș' | 'ş' => 's',
        'ț' | 'ţ' => 't',
        c => c,
    },
    suffixes: &[
        "urilor", "elor", "ilor", "ului", "ule", "uri", "ile", "iei", "lor", "lui", "ul", "ua", "le", "ei", "ii", "ea",
        "ie", "a", "e", "i", "u",
    ],
    rounds: 2,
    undouble: false,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_stem() {
        for group in [
            &["κυβέρνηση", "κυβέρνησης", "κυβερνήσεις"][..],
            &["πρωθυπουργός", "πρωθυπουργού", "πρωθυπουργό", "πρωθυπουργοί"],
            &["ελλάδα", "ελλάδας"],
            &["εκλογές", "εκλογών"],
            &["υπουργείο", "υπουργείου", "υπουργεία"],
        ] {
            let stems: Vec<_> = group.iter().map(|w| stem_greek(w)).collect();
            assert!(stems.windows(2).all(|s| s[0] == s[1]), "{group:?} -> {stems:?}");
        }
    }

    #[test]
    fn arabic_article_and_plural_endings_come_off() {
        // "the teachers" (sing./pl.), "and the government", "her book" / "the book".
        assert_eq!(stem_arabic("المعلمون"), stem_arabic("معلمين"));
        assert_eq!(stem_arabic("والحكومة"), stem_arabic("حكومة"));
        assert_eq!(stem_arabic("كتابها"), stem_arabic("الكتاب"));
        assert_eq!(stem_arabic("مصر"), "مصر");
        assert_eq!(stem_arabic("أحمد"), "احمد");
    }

    #[test]
    fn turkish_noun_forms_share_a_stem() {
        for group in [
            &["seçim", "seçimde", "seçimler", "seçimlerinde", "seçimin"][..],
            &["hükümet", "hükümetin", "hükümeti", "hükümetten"],
            &["türkiye", "türkiye'nin", "türkiye’de"],
            &["bakanlık", "bakanlığı", "bakanlığın"],
        ] {
            let stems: Vec<_> = group.iter().map(|w| stem_turkish(w)).collect();
            assert!(stems.windows(2).all(|s| s[0] == s[1]), "{group:?} -> {stems:?}");
        }
        assert_eq!(stem_turkish("ev"), "ev");
    }

    #[test]
    fn hungarian_finnish_and_romanian_forms_share_a_stem() {
        for (stemmer, group) in [
            (&HUNGARIAN, &["kormány", "kormányt", "kormányban", "kormányok", "kormányoknak", "kormánya"][..]),
            (&HUNGARIAN, &["magyarország", "magyarországon", "magyarországot", "magyarországra"]),
            (&FINNISH, &["suomi", "suomen", "suomessa", "suomesta", "suomeen"]),
            (&FINNISH, &["presidentti", "presidentin", "presidentille", "presidentit"]),
            (&ROMANIAN, &["guvernul", "guvernului", "guverne", "guvernelor"]),
            (&ROMANIAN, &["președintele", "președinte", "președintelui"]),
            (&ROMANIAN, &["românia", "româniei"]),
        ] {
            let stems: Vec<_> = group.iter().map(|w| stemmer.stem(w)).collect();
            assert!(stems.windows(2).all(|s| s[0] == s[1]), "{group:?} -> {stems:?}");
        }
        assert_eq!(HUNGARIAN.stem("ház"), "haz");
    }

    #[test]
    fn short_words_and_other_scripts_keep_their_letters() {
        assert_eq!(stem_greek("και"), "και");
        assert_eq!(stem_greek("νέα"), "νεα");
        assert_eq!(stem_greek("athens"), "athens");
    }
}
