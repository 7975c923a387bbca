//! Language detection (whatlang) reduced to what the rest of the crate needs: an ISO 639-1 code
//! when the text is long enough to tell, and whether the script writes words without spaces.

use std::sync::OnceLock;

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
    whatlang::detect(sample).map(language_of_info)
}

/// Detects the language of `text` among the languages that have a stopword list, falling back
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
    detector.detect(text).or_else(|| whatlang::detect(text)).map(language_of_info)
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
