//! Language detection reduced to what the rest of the crate needs: an ISO 639-1 code when the
//! text is long enough to tell, and whether the script writes words without spaces.
//!
//! Two detectors. Text in the Latin or Cyrillic script is first matched against the shipped
//! stopword lists ([`stopword_profile`]): prose is a third to a half function words, and the
//! language whose list holds far more of the sample's words than any other is the answer. That
//! takes one hash look-up per word, against whatlang's trigram table of the whole sample scored
//! against some 300 trigrams of each of the script's languages (which was three quarters of the
//! time of cleaning a 3 KB article). When the lists do not settle it (other scripts, short or
//! mixed text, close languages such as Danish and Norwegian, or Czech and Slovak), whatlang
//! decides, as before.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::hashing::{word_hash, PassThroughBuild};

use serde::{Deserialize, Serialize};

/// A detected language: ISO 639-1 code where one exists (else ISO 639-3), the script, and the
/// detector's confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Language {
    pub code: String,
    pub name: String,
    pub script: String,
    pub confidence: f64,
    /// True for scripts written without spaces between words (Chinese, Japanese, Thai...), where
    /// word n-grams are replaced by character n-grams.
    pub unspaced: bool,
}

/// How much text the detector looks at. Detection on the first few thousand characters is as
/// accurate as on the whole article and keeps the cost constant on a 50 MB document.
const DETECTION_SAMPLE_BYTES: usize = 4096;

/// Detects the language of `text`, or `None` when there is too little text to tell.
pub fn detect_language(text: &str) -> Option<Language> {
    let sample = prefix_at_char_boundary(text, DETECTION_SAMPLE_BYTES);
    stopword_profile(sample).or_else(|| whatlang::detect(sample).map(language_of_info))
}

/// The languages the stopword profile can answer, by script: those with a shipped stopword list
/// that whatlang also knows (so both detectors name languages the same way). Languages of one
/// family compete with each other, which is what the margin below is for.
const PROFILE_LATIN: &[&str] = &[
    "af", "az", "ca", "cs", "da", "de", "en", "eo", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv", "nl",
    "no", "pl", "pt", "ro", "sk", "sl", "sv", "tl", "tr", "vi",
];
const PROFILE_CYRILLIC: &[&str] = &["be", "bg", "ru", "uk"];

/// At most this many words of the sample are looked up: 400 words of prose hold 120-200
/// stopwords, far more than the decision needs, and the cost stays constant.
const PROFILE_MAX_WORDS: usize = 400;
/// Fewer words than this (a headline, a menu) leave the decision to whatlang.
const PROFILE_MIN_WORDS: usize = 40;
/// The best list must hold at least a quarter of the words: prose in any of these languages is a
/// third to a half function words, while a list of names, code, or a sample that mixes two
/// languages (an English error message above a German article) holds fewer, and whatlang's
/// lower confidence there is the better answer.
const PROFILE_MIN_SHARE: f64 = 0.25;
/// ... and half as many again as the runner-up: related languages share many function words
/// (es/pt/ca, da/no/sv, cs/sk, ru/uk), and when the lists are that close whatlang's trigrams
/// tell them apart better.
const PROFILE_MIN_MARGIN: f64 = 1.5;
/// After this many words the answer may already be clear: prose whose best list holds 30% of
/// the words and twice as many as the runner-up is decided there (an article that clear stays
/// that clear), which cuts the look-ups for most documents by two thirds or more.
const PROFILE_CHECKPOINTS: [usize; 2] = [100, 200];
/// The share an early answer needs (a margin over [`PROFILE_MIN_SHARE`]).
const EARLY_MIN_SHARE: f64 = 0.3;
/// The margin an early answer needs (a margin over [`PROFILE_MIN_MARGIN`]).
const EARLY_MIN_MARGIN: f64 = 2.0;
/// The sample's letters must be this much of one script (Latin or Cyrillic) for the profile to
/// apply: mixed text goes to whatlang, which weighs scripts itself.
const PROFILE_MIN_SCRIPT_SHARE: f64 = 0.95;

struct Profiles {
    /// Language, its ISO 639-1 code, and whether its script is Cyrillic; index = bit in `table`.
    langs: Vec<(whatlang::Lang, &'static str, bool)>,
    /// Case-folded word hash → bit set of the languages whose stopword list has the word.
    table: HashMap<u64, u64, PassThroughBuild>,
}

fn profiles() -> &'static Profiles {
    static PROFILES: OnceLock<Profiles> = OnceLock::new();
    PROFILES.get_or_init(|| {
        let mut langs = Vec::new();
        let mut table: HashMap<u64, u64, PassThroughBuild> = HashMap::default();
        let candidates = PROFILE_LATIN.iter().map(|c| (c, false)).chain(PROFILE_CYRILLIC.iter().map(|c| (c, true)));
        for (&code, cyrillic) in candidates {
            let lang = whatlang::Lang::all().iter().copied().find(|&l| iso639_1(l) == Some(code));
            let (Some(lang), Some(words)) = (lang, crate::text::stopwords::stopword_list(code)) else { continue };
            let bit = 1u64 << langs.len();
            langs.push((lang, code, cyrillic));
            for w in words {
                *table.entry(word_hash(w)).or_insert(0) |= bit;
            }
        }
        Profiles { langs, table }
    })
}

/// The language whose stopword list clearly holds the most words of `sample` (Latin or Cyrillic
/// text only), or `None` to let whatlang decide. Confidence is `1 − runner-up / best` (at least
/// a third, given [`PROFILE_MIN_MARGIN`]).
fn stopword_profile(sample: &str) -> Option<Language> {
    let (mut latin, mut cyrillic, mut letters) = (0usize, 0usize, 0usize);
    let mut counts = [0u32; 64];
    let mut words = 0usize;
    let profiles = profiles();
    let mut start: Option<usize> = None;
    let visit = |word: &str, counts: &mut [u32; 64], words: &mut usize| {
        if *words >= PROFILE_MAX_WORDS {
            return;
        }
        *words += 1;
        if let Some(&bits) = profiles.table.get(&word_hash(word)) {
            let mut bits = bits;
            while bits != 0 {
                counts[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    };
    // Words as cleaning counts them: runs of letters and digits, with ' ’ - inside a word kept.
    // Driven by bytes (ASCII is classified without decoding), and only as far as the words
    // looked up: the script census covers the same stretch of text.
    let char_at = |i: usize| sample.get(i..).and_then(|rest| rest.chars().next());
    let bytes = sample.as_bytes();
    let mut i = 0;
    while i < bytes.len() && words < PROFILE_MAX_WORDS {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                if b.is_ascii_alphabetic() {
                    letters += 1;
                    latin += 1;
                }
                start.get_or_insert(i);
                i += 1;
                continue;
            }
            (b as char, 1)
        } else {
            let c = char_at(i).unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                letters += 1;
                match c as u32 {
                    0xC0..=0x24F | 0x1E00..=0x1EFF => latin += 1,
                    0x400..=0x52F => cyrillic += 1,
                    _ => {}
                }
            }
            start.get_or_insert(i);
            i += len;
            continue;
        }
        let inner =
            matches!(c, '\'' | '’' | '-') && start.is_some() && char_at(i + len).is_some_and(char::is_alphanumeric);
        if !inner {
            if let Some(s) = start.take() {
                visit(&sample[s..i], &mut counts, &mut words);
                if PROFILE_CHECKPOINTS.contains(&words) {
                    let tally = (latin, cyrillic, letters);
                    let early = profile_decision(profiles, &counts, words, tally, EARLY_MIN_SHARE, EARLY_MIN_MARGIN);
                    if early.is_some() {
                        return early;
                    }
                }
            }
        }
        i += len;
    }
    if let Some(s) = start {
        visit(&sample[s..], &mut counts, &mut words);
    }
    profile_decision(profiles, &counts, words, (latin, cyrillic, letters), PROFILE_MIN_SHARE, PROFILE_MIN_MARGIN)
}

/// The profile's answer from its tallies (word hits per language, words looked up, and Latin,
/// Cyrillic and all letters seen), under the given share and margin.
fn profile_decision(
    profiles: &Profiles,
    counts: &[u32; 64],
    words: usize,
    (latin, cyrillic, letters): (usize, usize, usize),
    min_share: f64,
    min_margin: f64,
) -> Option<Language> {
    let is_cyrillic = if latin as f64 >= PROFILE_MIN_SCRIPT_SHARE * letters as f64 {
        false
    } else if cyrillic as f64 >= PROFILE_MIN_SCRIPT_SHARE * letters as f64 {
        true
    } else {
        return None;
    };
    if words < PROFILE_MIN_WORDS {
        return None;
    }
    let (mut best, mut second) = ((0u32, usize::MAX), 0u32);
    for (i, &(_, _, cyr)) in profiles.langs.iter().enumerate() {
        if cyr != is_cyrillic {
            continue;
        }
        let n = counts[i];
        if n > best.0 {
            second = best.0;
            best = (n, i);
        } else if n > second {
            second = n;
        }
    }
    let (hits, index) = best;
    let &(lang, code, _) = profiles.langs.get(index)?;
    if (hits as f64) < min_share * words as f64 || (hits as f64) < min_margin * second as f64 {
        return None;
    }
    Some(Language {
        code: code.to_string(),
        name: lang.eng_name().to_string(),
        script: if is_cyrillic { whatlang::Script::Cyrillic } else { whatlang::Script::Latin }.name().to_string(),
        confidence: 1.0 - f64::from(second) / f64::from(hits),
        unspaced: false,
    })
}

/// Whatlang's answer on the same sample as [`detect_language`], for comparing the detectors.
#[doc(hidden)]
pub fn detect_language_whatlang(text: &str) -> Option<Language> {
    whatlang::detect(prefix_at_char_boundary(text, DETECTION_SAMPLE_BYTES)).map(language_of_info)
}

/// Detects the language of `text` among the languages that have a stopword list (the stopword
/// profile first, as [`detect_language`] does), falling back
/// to every language whatlang knows when none of those fits the script (Japanese, Khmer...).
///
/// Keyword statistics can only use a language with stopwords, and whatlang scores every
/// candidate language of the script against the sample (300 trigram look-ups each), so the
/// shorter list makes detection about twice as fast. Unlike [`detect_language`] it does not cut
/// a sample: callers pass the text they want judged.
pub fn detect_language_with_stopwords(text: &str) -> Option<Language> {
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        let allowed: Vec<whatlang::Lang> = whatlang::Lang::all()
            .iter()
            .copied()
            .filter(|&l| crate::text::stopwords::stopword_list(iso639_1(l).unwrap_or_else(|| l.code())).is_some())
            .collect();
        whatlang::Detector::with_allowlist(allowed)
    });
    // The stopword profile answers most prose (every language it names has a list) at a
    // twentieth of whatlang's cost; whatlang decides what it leaves open.
    stopword_profile(text).or_else(|| detector.detect(text).or_else(|| whatlang::detect(text)).map(language_of_info))
}

/// The crate's view of whatlang's answer.
fn language_of_info(info: whatlang::Info) -> Language {
    let code = iso639_1(info.lang()).unwrap_or_else(|| info.lang().code()).to_string();
    let script = info.script();
    let unspaced = matches!(
        script,
        whatlang::Script::Mandarin
            | whatlang::Script::Hiragana
            | whatlang::Script::Katakana
            | whatlang::Script::Thai
            | whatlang::Script::Khmer
    );
    Language {
        code,
        name: info.lang().eng_name().to_string(),
        script: script.name().to_string(),
        confidence: info.confidence(),
        unspaced,
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub fn prefix_at_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// ISO 639-1 codes for the languages whatlang knows (it reports ISO 639-3).
fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Pol => "pl",
        Tur => "tr",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Swe => "sv",
        Dan => "da",
        Nob => "no",
        Fin => "fi",
        Hun => "hu",
        Ces => "cs",
        Slk => "sk",
        Ron => "ro",
        Bul => "bg",
        Ukr => "uk",
        Ell => "el",
        Heb => "he",
        Hin => "hi",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Pes => "fa",
        Hrv => "hr",
        Srp => "sr",
        Slv => "sl",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Cat => "ca",
        Ben => "bn",
        Urd => "ur",
        Tam => "ta",
        Mar => "mr",
        Tgl => "tl",
        Afr => "af",
        Epo => "eo",
        Bel => "be",
        Kat => "ka",
        Aze => "az",
        Hye => "hy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_german() {
        let en =
            detect_language("Moscow accused the US on Tuesday of reducing air strikes against the group.").unwrap();
        assert_eq!(en.code, "en");
        let de = detect_language("Die Bundesregierung hat am Dienstag beschlossen, die Steuern zu senken.").unwrap();
        assert_eq!(de.code, "de");
    }

    #[test]
    fn stopword_languages_detect_like_every_language() {
        for text in [
            "Moscow accused the US on Tuesday of reducing air strikes against the group.",
            "Die Bundesregierung hat am Dienstag beschlossen, die Steuern zu senken.",
            "O governo anunciou nesta terça-feira que vai reduzir os impostos sobre os combustíveis.",
        ] {
            let all = detect_language(text).map(|l| l.code);
            assert_eq!(detect_language_with_stopwords(text).map(|l| l.code), all, "{text}");
        }
    }

    #[test]
    fn scripts_without_a_stopword_language_still_detect() {
        let ja = detect_language_with_stopwords("東京で火曜日、政府は新しい税制を発表しました。これは大きな変化です。");
        assert!(ja.is_some_and(|l| l.unspaced));
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix_at_char_boundary("ééé", 3), "é");
    }
}
