//! One pass over a document that every keyword statistic shares: language (detected or
//! overridden), stopwords, stems, and a token stream where each word knows its sentence, whether
//! it is a stopword *here* (case-aware: "IS" and "US" in mixed-case text are names), whether its
//! capital letter is evidence of a name (not sentence-initial, not in a title-case or all-caps
//! line), and whether punctuation separates it from the previous word.
//!
//! Word types (lowercase forms) and stems are interned to `u32` ids, so phrases are keyed by small
//! arrays of ids and each distinct word is lowercased, looked up and stemmed once per document.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{self, Stopwords};

/// A hash map with a small multiply-rotate hasher (the FxHash scheme of rustc). Keys are short
/// words and id arrays; SipHash and streaming xxh3 were a fifth of the per-document time.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

pub(crate) fn fast_map<K, V>() -> FastMap<K, V> {
    HashMap::with_hasher(BuildHasherDefault::default())
}

/// A `FastMap` sized for `n` entries up front: growing tables were a twentieth of the time.
pub(crate) fn fast_map_with_capacity<K, V>(n: usize) -> FastMap<K, V> {
    HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default())
}

/// FxHash-style hasher: 8 bytes at a time, rotate, xor, multiply.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Token flags.
pub(crate) const STOP: u16 = 1;
/// Frequent non-function word ("said", "would"): allowed in phrases, damped alone.
pub(crate) const COMMON: u16 = 1 << 1;
/// Contains a digit: numbers, dates and scores are not key phrases.
pub(crate) const NUMBER: u16 = 1 << 2;
/// One character: initials and stray letters.
pub(crate) const SHORT: u16 = 1 << 3;
/// First letter is uppercase.
pub(crate) const CAPITALIZED: u16 = 1 << 4;
/// Capitalised where case carries information: not the first word of a sentence or line, and
/// not in a line written in title case or all caps.
pub(crate) const CAP_EVIDENCE: u16 = 1 << 5;
/// Punctuation, a line break or the start of a sentence lies between this word and the
/// previous one: phrases never cross it.
pub(crate) const BREAK_BEFORE: u16 = 1 << 6;
/// First word of its sentence or line.
pub(crate) const SENTENCE_INITIAL: u16 = 1 << 7;
/// An all-caps word of 2..=`MAX_ACRONYM_CHARS` letters in mixed-case text.
pub(crate) const ACRONYM: u16 = 1 << 8;
/// Every character is an uppercase letter.
pub(crate) const ALL_UPPER: u16 = 1 << 9;
/// An elided article, pronoun or conjunction split off its word ("l" of "l'hôpital", "qu" of
/// "qu'il"): a stopword, and not a word of its own in word counts.
pub(crate) const ELIDED: u16 = 1 << 10;
/// A preposition that joins two nouns into one term in this language ("chefe de Estado",
/// "ministre de la Santé", "Bank of England").
pub(crate) const CONNECTOR: u16 = 1 << 11;
/// An article that may follow a connector inside a term ("de la", "de l'").
pub(crate) const CONNECTOR_ARTICLE: u16 = 1 << 12;
/// The connector joins names only ("Bank of England", not "rise of prices").
pub(crate) const CONNECTOR_NAMES_ONLY: u16 = 1 << 13;
/// In a passage cleaning kept but scored low (a byline, a "Listen to this article" line):
/// see [`Tokenized::mark_low_content`].
pub(crate) const LOW_CONTENT: u16 = 1 << 14;

/// What a word can do between two nouns of one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Joiner {
    None,
    /// Joins any two nouns: Romance languages build compound terms with "de" where English
    /// puts two nouns side by side ("base de Maceda", "chefe de Estado", "air base").
    Connector,
    /// Joins two capitalised words only: English "of" inside names ("Bank of England").
    NamesOnly,
    /// May follow a connector ("de la Santé", "de l'Intérieur").
    Article,
}

/// The joiner role of a lowercase word in a language. Lists are the prepositions of the
/// "noun de noun" compound in each language, and the articles that may follow them.
fn joiner_of(code: &str, lower: &str) -> Joiner {
    let (connectors, articles, names_only): (&[&str], &[&str], &[&str]) = match code {
        "pt" => (&["de", "da", "do", "das", "dos"], &[], &[]),
        "fr" => (&["de", "du", "des", "d"], &["la", "l"], &[]),
        "es" => (&["de", "del"], &["la", "los", "las"], &[]),
        "it" => (&["di", "del", "della", "dello", "dei", "degli", "delle", "dell", "d"], &[], &[]),
        "ca" => (&["de", "del", "d"], &["la", "l"], &[]),
        "ro" => (&[], &[], &[]),
        "en" => (&[], &[], &["of"]),
        _ => (&[], &[], &[]),
    };
    if connectors.contains(&lower) {
        Joiner::Connector
    } else if names_only.contains(&lower) {
        Joiner::NamesOnly
    } else if articles.contains(&lower) {
        Joiner::Article
    } else {
        Joiner::None
    }
}

/// Elided forms per language: Unicode word segmentation keeps "l'hôpital" one word (an
/// apostrophe between letters does not break), which would make "l'hôpital" and "hôpital"
/// different terms. These prefixes are split off before an apostrophe.
fn elisions_for(code: &str) -> &'static [&'static str] {
    match code {
        "fr" => &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"],
        "it" => &[
            "l", "d", "dell", "dall", "nell", "sull", "all", "coll", "un", "quest", "quell", "c", "s", "m", "t", "v",
            "anch", "tutt", "sant",
        ],
        "ca" => &["l", "d", "s", "m", "t", "n"],
        _ => &[],
    }
}

/// Splits a known elided prefix off `raw` (at byte `rel` of its line): yields the prefix marked
/// elided, then the word; or `raw` alone.
fn split_elision<'s>(rel: usize, raw: &'s str, elisions: &[&str]) -> impl Iterator<Item = (usize, &'s str, bool)> {
    // Most languages have no elisions: no search for an apostrophe then.
    let apostrophe =
        if elisions.is_empty() { None } else { raw.char_indices().find(|&(_, c)| c == '\'' || c == '’') };
    let split = apostrophe.and_then(|(i, c)| {
        let prefix = raw.get(..i)?;
        let rest = raw.get(i + c.len_utf8()..)?;
        let known = elisions.iter().any(|e| e.eq_ignore_ascii_case(prefix));
        (known && rest.chars().next().is_some_and(char::is_alphabetic)).then_some((prefix, i + c.len_utf8(), rest))
    });
    match split {
        Some((prefix, at, rest)) => [Some((rel, prefix, true)), Some((rel + at, rest, false))],
        None => [Some((rel, raw, false)), None],
    }
    .into_iter()
    .flatten()
}

/// Cardinal numbers written in words, per language: transcripts and wire copy spell them out
/// ("cinquenta", "quinhentas", "deux mille"), and a number is no more a key phrase in words than
/// in digits. Ordinals and "one"-words that are also pronouns or articles ("un", "uno", "um")
/// stay out where they are stopwords already or mean something else.
fn numerals_for(code: &str) -> &'static [&'static str] {
    match code {
        "en" => &[
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "hundred",
            "hundreds",
            "thousand",
            "thousands",
        ],
        "pt" => &[
            "dois",
            "duas",
            "três",
            "quatro",
            "cinco",
            "seis",
            "sete",
            "oito",
            "nove",
            "dez",
            "onze",
            "doze",
            "treze",
            "catorze",
            "quatorze",
            "quinze",
            "dezasseis",
            "dezesseis",
            "dezassete",
            "dezessete",
            "dezoito",
            "dezanove",
            "dezenove",
            "vinte",
            "trinta",
            "quarenta",
            "cinquenta",
            "sessenta",
            "setenta",
            "oitenta",
            "noventa",
            "cem",
            "cento",
            "duzentos",
            "duzentas",
            "trezentos",
            "trezentas",
            "quatrocentos",
            "quatrocentas",
            "quinhentos",
            "quinhentas",
            "seiscentos",
            "seiscentas",
            "setecentos",
            "setecentas",
            "oitocentos",
            "oitocentas",
            "novecentos",
            "novecentas",
            "mil",
        ],
        "fr" => &[
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "neuf",
            "dix",
            "onze",
            "douze",
            "treize",
            "quatorze",
            "quinze",
            "seize",
            "vingt",
            "vingts",
            "trente",
            "quarante",
            "cinquante",
            "soixante",
            "septante",
            "octante",
            "nonante",
            "cent",
            "cents",
            "mille",
        ],
        "es" => &[
            "dos",
            "tres",
            "cuatro",
            "cinco",
            "seis",
            "siete",
            "ocho",
            "nueve",
            "diez",
            "once",
            "doce",
            "trece",
            "catorce",
            "quince",
            "dieciséis",
            "diecisiete",
            "dieciocho",
            "diecinueve",
            "veinte",
            "treinta",
            "cuarenta",
            "cincuenta",
            "sesenta",
            "setenta",
            "ochenta",
            "noventa",
            "cien",
            "ciento",
            "doscientos",
            "trescientos",
            "cuatrocientos",
            "quinientos",
            "seiscientos",
            "setecientos",
            "ochocientos",
            "novecientos",
            "mil",
        ],
        "it" => &[
            "due",
            "tre",
            "quattro",
            "cinque",
            "sei",
            "sette",
            "otto",
            "nove",
            "dieci",
            "undici",
            "dodici",
            "tredici",
            "quattordici",
            "quindici",
            "sedici",
            "diciassette",
            "diciotto",
            "diciannove",
            "venti",
            "trenta",
            "quaranta",
            "cinquanta",
            "sessanta",
            "settanta",
            "ottanta",
            "novanta",
            "cento",
            "mille",
            "mila",
        ],
        _ => &[],
    }
}

/// Shortest adverb recognised by its suffix: "-mente" words of eight letters or more
/// ("precisamente", "realmente"); shorter ones are nouns ("demente", "clemente").
const MIN_ADVERB_CHARS: usize = 8;

/// True for an adverb of a language that marks them with a suffix: Portuguese, Spanish and
/// Italian "-mente" ("precisamente", "efectivamente"). An adverb says how, not what a story is
/// about; it counts as a common word. (French "-ment" also ends nouns, "gouvernement"; English
/// "-ly" adverbs are picked by some annotators, so neither is marked.)
fn is_adverb(code: &str, lower: &str) -> bool {
    matches!(code, "pt" | "es" | "it") && lower.ends_with("mente") && lower.chars().count() >= MIN_ADVERB_CHARS
}

/// A share of capitalised content words above which a line is in title case ("Moscow Says US
/// 'Pretending' To Fight IS"): capitals there say nothing about names. 70% leaves room for a
/// lowercase word or two that a stopword list misses.
const TITLE_CASE_SHARE: f64 = 0.7;
/// All-caps words this long or shorter in mixed-case text are acronyms (IS, US, UN, EU, AP,
/// NATO), kept as names even when their lowercase form is a stopword.
const MAX_ACRONYM_CHARS: usize = 4;
/// Text is "all caps" when this share of its cased letters is uppercase; then acronyms cannot be
/// told from shouted stopwords.
const ALL_CAPS_SHARE: f64 = 0.8;
/// Bytes of text the language detector sees: about a hundred words, enough for the trigram profiles to tell
/// the languages we have stopwords for apart, while detection cost grows with the sample and was
/// a third of the per-document time at 1 KB.
const LANGUAGE_SAMPLE_BYTES: usize = 600;

/// Where the language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LanguageSource {
    /// The caller set it (`KeywordConfig::language`).
    Override,
    /// Detected from the text.
    Detected,
    /// Too little text to tell: no stopwords or stemming.
    Unknown,
}

/// One word of the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Byte span in the text; a possessive "'s" is left out of it.
    pub start: usize,
    pub end: usize,
    /// Interned lowercase form.
    pub word: u32,
    /// Interned stem.
    pub stem: u32,
    pub sentence: u32,
    pub flags: u16,
}

impl Token {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    /// Can be part of a key phrase: not a stopword, number or stray letter.
    pub fn is_content(&self) -> bool {
        self.flags & (STOP | NUMBER | SHORT) == 0
    }
}

/// Strings of one document stored end to end in one buffer, addressed by id: one allocation
/// for all of a document's word forms (or stems) instead of one per form, which was a tenth of
/// the per-document time in malloc and free.
#[derive(Debug, Default)]
pub(crate) struct Interned {
    text: String,
    ends: Vec<u32>,
}

impl Interned {
    fn with_capacity(strings: usize, bytes: usize) -> Interned {
        Interned { text: String::with_capacity(bytes), ends: Vec::with_capacity(strings) }
    }

    /// Appends `s`; its id is the number of strings before it.
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The string with id `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? as usize };
        self.text.get(start..end)
    }
}

/// What a lowercase word form is in one language, whatever the document: fixed per language,
/// so cached with the stem instead of looked up again in every document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Roles {
    pub stop: bool,
    /// A common word, or an adverb of a language that marks them ("-mente").
    pub common: bool,
    pub joiner: Joiner,
    /// Zipf value × 4 in general text when among the language's most frequent words
    /// ([`super::background`]).
    pub zipf_quarters: Option<u8>,
    /// A number written in words ("fifty", "cinquenta", "mille").
    pub numeral: bool,
    /// A news agency's name ("AP", "AFP"): a credit, common even when written as an acronym.
    pub agency: bool,
}

/// An interned lowercase word form (its text is `Tokenized::lowers` at the same id).
#[derive(Debug, Clone)]
pub(crate) struct WordType {
    pub stem: u32,
    pub chars: u32,
    /// Syllables (vowel groups) in the document's language, for readability.
    pub syllables: u16,
    /// What the form is in the document's language (stopword, common word, joiner, ...).
    pub roles: Roles,
}

/// The shared analysis of one document.
pub(crate) struct Tokenized<'a> {
    pub text: &'a str,
    pub language: Option<String>,
    pub language_source: LanguageSource,
    pub stopwords: Option<&'static Stopwords>,
    pub stemmer: Option<WordStemmer>,
    pub tokens: Vec<Token>,
    pub words: Vec<WordType>,
    /// Lowercase forms by word id.
    pub lowers: Interned,
    /// Stem strings by id.
    pub stems: Interned,
    /// xxh3 of each stem string: the parts of cross-document phrase keys.
    pub stem_hashes: Vec<u64>,
    /// First token of each stem, and for each token the next token with the same stem
    /// (`u32::MAX` ends a chain): occurrences without a search.
    pub first_of_stem: Vec<u32>,
    pub next_same_stem: Vec<u32>,
    pub sentences: usize,
    /// Tokens of the lead: the first line (a headline) or the first sentence, whichever is
    /// longer.
    pub lead_tokens: usize,
    /// The language has a background word-frequency table.
    pub has_background: bool,
}

/// The stemmer of one language: Snowball's, or a light one where Snowball's costs the wasm
/// module more than keyword grouping gains from it (see `light_stem`).
pub enum WordStemmer {
    Snowball(Stemmer),
    Greek,
    Arabic,
    Turkish,
    Suffixes(&'static super::light_stem::SuffixStemmer),
}

impl WordStemmer {
    /// The stem of a lowercase word.
    pub fn stem<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        match self {
            WordStemmer::Snowball(s) => s.stem(word),
            WordStemmer::Greek => super::light_stem::stem_greek(word),
            WordStemmer::Arabic => super::light_stem::stem_arabic(word),
            WordStemmer::Turkish => super::light_stem::stem_turkish(word),
            WordStemmer::Suffixes(s) => s.stem(word),
        }
    }
}

/// The stemmer for an ISO 639-1 code, if there is one.
pub(crate) fn stemmer_for(code: &str) -> Option<WordStemmer> {
    let algorithm = match code {
        "el" => return Some(WordStemmer::Greek),
        "ar" => return Some(WordStemmer::Arabic),
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => return Some(WordStemmer::Suffixes(&super::light_stem::FINNISH)),
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "hu" => return Some(WordStemmer::Suffixes(&super::light_stem::HUNGARIAN)),
        "it" => Algorithm::Italian,
        "no" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => return Some(WordStemmer::Suffixes(&super::light_stem::ROMANIAN)),
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => return Some(WordStemmer::Turkish),
        _ => return None,
    };
    Some(WordStemmer::Snowball(Stemmer::create(algorithm)))
}

/// What a lowercase word form always has in one language: its stem, the stem's hash, and its
/// syllables. Cached per thread across documents (see [`with_word_facts`]).
struct WordFacts {
    stem: String,
    stem_hash: u64,
    syllables: u16,
    roles: Roles,
}

/// Word forms remembered per thread before the cache starts over. News vocabulary repeats
/// across articles (a few thousand forms make most of every text), so stemming each form once
/// per thread instead of once per document removes most Snowball calls, a tenth of the
/// per-document time; 200,000 forms bound the cache to roughly 20 MB per thread.
const WORD_FACTS_CACHE_WORDS: usize = 200_000;

/// The per-thread cache of [`WordFacts`], for one language at a time.
struct WordFactsCache {
    language: String,
    facts: FastMap<String, WordFacts>,
}

/// Languages cached at once per thread: a mixed corpus alternates between a few languages, and
/// each keeps its cache; a ninth language replaces the least recently added one.
const WORD_FACTS_CACHE_LANGUAGES: usize = 8;

thread_local! {
    static WORD_FACTS: std::cell::RefCell<Vec<WordFactsCache>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `f` with the facts of `lower` in language `code`, computing them on first sight.
fn with_word_facts<R>(
    code: &str,
    lower: &str,
    stemmer: Option<&WordStemmer>,
    stopwords: Option<&Stopwords>,
    f: impl FnOnce(&WordFacts) -> R,
) -> R {
    let compute = || {
        let stem = match stemmer {
            Some(s) => s.stem(lower).into_owned(),
            None => lower.to_string(),
        };
        let stem_hash = xxhash_rust::xxh3::xxh3_64(stem.as_bytes());
        let syllables = super::readability::syllables(lower, code) as u16;
        let (stop, common) = match stopwords {
            Some(s) => (s.contains_lower(lower), s.is_common_lower(lower) || is_adverb(code, lower)),
            None => (false, false),
        };
        let roles = Roles {
            stop,
            common,
            joiner: joiner_of(code, lower),
            zipf_quarters: super::background::zipf_quarters(code, lower),
            numeral: numerals_for(code).contains(&lower),
            agency: text::stopwords::is_news_agency(lower),
        };
        WordFacts { stem, stem_hash, syllables, roles }
    };
    WORD_FACTS.with(|cell| {
        // A re-entrant call (none today) would find the cache borrowed: compute without it.
        let Ok(mut caches) = cell.try_borrow_mut() else { return f(&compute()) };
        let slot = match caches.iter().position(|c| c.language == code) {
            Some(i) => i,
            None => {
                if caches.len() >= WORD_FACTS_CACHE_LANGUAGES {
                    caches.remove(0);
                }
                caches.push(WordFactsCache { language: code.to_string(), facts: fast_map() });
                caches.len() - 1
            }
        };
        let Some(cache) = caches.get_mut(slot) else { return f(&compute()) };
        if cache.facts.len() >= WORD_FACTS_CACHE_WORDS {
            cache.facts.clear();
        }
        if let Some(found) = cache.facts.get(lower) {
            return f(found);
        }
        let facts = compute();
        let out = f(&facts);
        cache.facts.insert(lower.to_string(), facts);
        out
    })
}

/// The language of `text`: the override when given, else detected on a prefix.
pub(crate) fn language_of(text: &str, language: Option<&str>) -> (Option<String>, LanguageSource) {
    if let Some(code) = language.map(str::trim).filter(|c| !c.is_empty()) {
        return (Some(code.to_lowercase()), LanguageSource::Override);
    }
    match text::language::detect_language_with_stopwords(text::language::prefix_at_char_boundary(
        text,
        LANGUAGE_SAMPLE_BYTES,
    )) {
        Some(l) => (Some(l.code), LanguageSource::Detected),
        None => (None, LanguageSource::Unknown),
    }
}

/// Strips a possessive "'s" / "’s" from a word's end, returning the new byte length.
fn without_possessive(word: &str) -> usize {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
            return word.len() - suffix.len();
        }
    }
    word.len()
}

/// True when the characters between two words let a phrase continue: spaces, a hyphen inside a
/// compound ("US-led"), an apostrophe, or the letters of a stripped possessive.
fn gap_continues_phrase(gap: &str) -> bool {
    gap.chars().all(|c| {
        (c.is_whitespace() && c != '\n') || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '’') || c.is_alphabetic()
    })
}

impl<'a> Tokenized<'a> {
    /// Tokenizes `text`; `language` overrides detection.
    pub fn new(text: &'a str, language: Option<&str>) -> Tokenized<'a> {
        let (language, language_source) = language_of(text, language);
        let code = language.as_deref().unwrap_or("");
        let stopwords = Stopwords::for_language(code);
        let stemmer = stemmer_for(code);
        let has_background = super::background::has_table(code);
        let mut t = Tokenized {
            text,
            language,
            language_source,
            stopwords,
            stemmer,
            tokens: Vec::with_capacity(text.len() / 5),
            words: Vec::new(),
            lowers: Interned::default(),
            stems: Interned::default(),
            stem_hashes: Vec::new(),
            first_of_stem: Vec::new(),
            next_same_stem: Vec::new(),
            sentences: 0,
            lead_tokens: 0,
            has_background,
        };
        t.scan();
        t.link_stems();
        t
    }

    /// Marks the words inside `spans` (byte ranges of the text, in order) as low-content: the
    /// passages cleaning kept with a low content score. Key phrases found only there are
    /// damped ([`super::KeywordConfig::low_content_weight`]).
    pub fn mark_low_content(&mut self, spans: &[std::ops::Range<usize>]) {
        let mut spans = spans.iter().peekable();
        for k in &mut self.tokens {
            while spans.peek().is_some_and(|s| s.end <= k.start) {
                spans.next();
            }
            if spans.peek().is_some_and(|s| s.start <= k.start) {
                k.flags |= LOW_CONTENT;
            }
        }
    }

    /// Splits into sentences, lines and words and fills the token stream.
    fn scan(&mut self) {
        let text = self.text;
        let text_is_caps = is_mostly_caps(text);
        // About one new word type per 12 bytes of news text.
        let expected_types = text.len() / 12 + 16;
        let mut word_ids: FastMap<&'a str, u32> = fast_map_with_capacity(expected_types);
        // Lowercase forms and stems are found by their 64-bit hash, checked against the stored
        // string: no key strings are allocated (allocation was a tenth of the time). A hash
        // collision (odds 2^-64 per pair) only makes a second entry for one string.
        let mut lower_ids: FastMap<u64, u32> = fast_map_with_capacity(expected_types);
        let mut stem_ids: FastMap<u64, u32> = fast_map_with_capacity(expected_types);
        self.words.reserve(expected_types);
        // About seven bytes per word form and six per stem in news text.
        self.lowers = Interned::with_capacity(expected_types, expected_types * 8);
        self.stems = Interned::with_capacity(expected_types, expected_types * 8);
        self.stem_hashes.reserve(expected_types);
        let sentences = text::sentences(text);
        self.sentences = sentences.len();
        let mut sentence_idx = 0usize;
        let mut prev_sentence: Option<usize> = None;
        let mut line_start = 0usize;
        let mut lower_buf = String::new();
        let elisions = elisions_for(self.language.as_deref().unwrap_or(""));
        for line in text.split_inclusive('\n') {
            let offset = line_start;
            line_start += line.len();
            if line.trim().is_empty() {
                continue;
            }
            let line_first = self.tokens.len();
            let (mut content, mut capitalized, mut upper_letters, mut cased_letters) = (0usize, 0usize, 0usize, 0usize);
            let mut prev_end: Option<usize> = None;
            let words = line.unicode_word_indices().flat_map(|(rel, raw)| split_elision(rel, raw, elisions));
            for (rel, raw, elided) in words {
                let start = offset + rel;
                let end = start + without_possessive(raw);
                let surface = &text[start..end];
                let mut flags = if elided { ELIDED } else { 0 };
                // Advance to the sentence that holds this word.
                while sentence_idx < sentences.len() && start >= sentences[sentence_idx].end {
                    sentence_idx += 1;
                }
                let initial = prev_end.is_none() || prev_sentence != Some(sentence_idx);
                if initial {
                    flags |= BREAK_BEFORE | SENTENCE_INITIAL;
                } else if let Some(p) = prev_end {
                    if !gap_continues_phrase(text.get(p..start).unwrap_or(".")) {
                        flags |= BREAK_BEFORE;
                    }
                }
                prev_sentence = Some(sentence_idx);
                // One pass over the characters for case, digits and length.
                let (mut upper, mut cased, mut chars, mut numeric) = (0usize, 0usize, 0usize, false);
                for c in surface.chars() {
                    chars += 1;
                    if c.is_uppercase() {
                        upper += 1;
                        cased += 1;
                    } else if c.is_lowercase() {
                        cased += 1;
                    } else if c.is_numeric() {
                        numeric = true;
                    }
                }
                upper_letters += upper;
                cased_letters += cased;
                let first_char = surface.chars().next().unwrap_or(' ');
                if first_char.is_uppercase() {
                    flags |= CAPITALIZED;
                }
                if upper == chars {
                    flags |= ALL_UPPER;
                }
                if numeric {
                    flags |= NUMBER;
                }
                if chars < 2 {
                    flags |= SHORT;
                }
                // Intern the exact surface first: most repeats are byte-identical.
                let word = match word_ids.get(surface) {
                    Some(&id) => id,
                    None => {
                        lower_buf.clear();
                        // A soft hyphen (kept in HTML mode's body, as on the page) is no letter:
                        // "Bevöl\u{ad}ke\u{ad}rung" is the word "bevölkerung".
                        for c in surface.chars().filter(|&c| c != '\u{ad}') {
                            lower_buf.extend(c.to_lowercase());
                        }
                        let lower_hash = xxhash_rust::xxh3::xxh3_64(lower_buf.as_bytes());
                        let known = lower_ids
                            .get(&lower_hash)
                            .copied()
                            .filter(|&id| self.lowers.get(id as usize) == Some(lower_buf.as_str()));
                        let id = match known {
                            Some(id) => id,
                            None => {
                                let id = self.intern_word(&lower_buf, chars as u32, &mut stem_ids);
                                lower_ids.entry(lower_hash).or_insert(id);
                                id
                            }
                        };
                        word_ids.insert(surface, id);
                        id
                    }
                };
                let w = &self.words[word as usize];
                if first_char.is_alphabetic() && !w.roles.stop {
                    content += 1;
                    capitalized += usize::from(first_char.is_uppercase());
                }
                self.tokens.push(Token { start, end, word, stem: w.stem, sentence: sentence_idx as u32, flags });
                prev_end = Some(end);
            }
            if line_first == 0 {
                self.lead_tokens = self.tokens.len();
            }
            // Now that the whole line is seen: does case carry information in it?
            let title_case = content >= 2 && capitalized as f64 >= TITLE_CASE_SHARE * content as f64;
            let line_caps =
                text_is_caps || cased_letters >= 4 && upper_letters as f64 >= ALL_CAPS_SHARE * cased_letters as f64;
            // An all-caps word joined to another all-caps word is part of a shouted run (a
            // run-in subhead "FOR THE DOGS:"), not an acronym: there "FOR" and "THE" are stopwords.
            let words = &self.words;
            let shouted = |k: &Token| k.has(ALL_UPPER) && words.get(k.word as usize).is_some_and(|w| w.chars >= 2);
            let line_len = self.tokens.len();
            for i in line_first..line_len {
                let in_run = {
                    let k = &self.tokens[i];
                    let prev = (i > line_first && !k.has(BREAK_BEFORE)).then(|| &self.tokens[i - 1]);
                    let next = self.tokens.get(i + 1).filter(|n| !n.has(BREAK_BEFORE));
                    prev.is_some_and(&shouted) || next.is_some_and(&shouted)
                };
                let k = &mut self.tokens[i];
                let Some(w) = words.get(k.word as usize) else { continue };
                if k.has(CAPITALIZED) && !k.has(SENTENCE_INITIAL) && !title_case && !line_caps {
                    k.flags |= CAP_EVIDENCE;
                }
                let acronym =
                    !line_caps && !in_run && (2..=MAX_ACRONYM_CHARS as u32).contains(&w.chars) && k.has(ALL_UPPER);
                if acronym {
                    k.flags |= ACRONYM;
                }
                if w.roles.stop && !acronym || k.has(ELIDED) {
                    k.flags |= STOP;
                }
                if w.roles.common && (!acronym || w.roles.agency) {
                    k.flags |= COMMON;
                }
                // A number in words is a number, unless capital evidence makes it part of a
                // name ("Formula One", "Big Ten").
                if w.roles.numeral && !k.has(CAP_EVIDENCE) {
                    k.flags |= NUMBER;
                }
                k.flags |= match w.roles.joiner {
                    Joiner::None => 0,
                    Joiner::Connector => CONNECTOR,
                    Joiner::NamesOnly => CONNECTOR | CONNECTOR_NAMES_ONLY,
                    Joiner::Article => CONNECTOR_ARTICLE,
                };
            }
        }
        let first_sentence =
            self.tokens.first().map_or(0, |f| self.tokens.iter().take_while(|k| k.sentence == f.sentence).count());
        self.lead_tokens = self.lead_tokens.max(first_sentence);
    }

    /// Builds the per-stem occurrence chains.
    fn link_stems(&mut self) {
        let mut last = vec![u32::MAX; self.stems.len()];
        self.first_of_stem = vec![u32::MAX; self.stems.len()];
        self.next_same_stem = vec![u32::MAX; self.tokens.len()];
        for (i, k) in self.tokens.iter().enumerate() {
            let s = k.stem as usize;
            let Some(prev) = last.get_mut(s) else { continue };
            if *prev == u32::MAX {
                if let Some(f) = self.first_of_stem.get_mut(s) {
                    *f = i as u32;
                }
            } else if let Some(n) = self.next_same_stem.get_mut(*prev as usize) {
                *n = i as u32;
            }
            *prev = i as u32;
        }
    }

    /// Token indices with stem `stem`, in text order.
    pub fn positions_of(&self, stem: u32) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.first_of_stem.get(stem as usize).copied().unwrap_or(u32::MAX);
        std::iter::from_fn(move || {
            if next == u32::MAX {
                return None;
            }
            let here = next as usize;
            next = self.next_same_stem.get(here).copied().unwrap_or(u32::MAX);
            Some(here)
        })
    }

    /// Adds a lowercase word type with its stem and list memberships.
    fn intern_word(&mut self, lower: &str, chars: u32, stem_ids: &mut FastMap<u64, u32>) -> u32 {
        let code = self.language.as_deref().unwrap_or("");
        let stemmer = self.stemmer.as_ref();
        let (stems, stem_hashes) = (&mut self.stems, &mut self.stem_hashes);
        let (stem, syllables, roles) = with_word_facts(code, lower, stemmer, self.stopwords, |facts| {
            let known = stem_ids
                .get(&facts.stem_hash)
                .copied()
                .filter(|&id| stems.get(id as usize) == Some(facts.stem.as_str()));
            let stem = match known {
                Some(id) => id,
                None => {
                    let id = stems.len() as u32;
                    stem_hashes.push(facts.stem_hash);
                    stems.push(&facts.stem);
                    stem_ids.entry(facts.stem_hash).or_insert(id);
                    id
                }
            };
            (stem, facts.syllables, facts.roles)
        });
        let id = self.words.len() as u32;
        self.lowers.push(lower);
        self.words.push(WordType { stem, chars, syllables, roles });
        id
    }

    /// Word characters of a token's word type.
    pub fn chars(&self, token: &Token) -> u32 {
        self.words.get(token.word as usize).map_or(0, |w| w.chars)
    }

    /// The text of tokens `[from, to]` (inclusive) with runs of whitespace made one space.
    pub fn surface(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (self.tokens.get(from), self.tokens.get(to)) else { return String::new() };
        let slice = self.text.get(a.start..b.end).unwrap_or("");
        let mut out = String::with_capacity(slice.len());
        let mut space = false;
        for c in slice.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        out
    }
}

/// True when most cased letters of the text (first 2,000 letters) are uppercase.
fn is_mostly_caps(text: &str) -> bool {
    /// Letters sampled: enough to tell a shouted text from acronyms in a normal one.
    const SAMPLE_LETTERS: usize = 2000;
    let mut upper = 0usize;
    let mut cased = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()).take(SAMPLE_LETTERS) {
        if c.is_uppercase() {
            upper += 1;
            cased += 1;
        } else if c.is_lowercase() {
            cased += 1;
        }
    }
    cased > 0 && upper as f64 >= ALL_CAPS_SHARE * cased as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags_of(t: &Tokenized, word: &str) -> Vec<u16> {
        t.tokens.iter().filter(|k| &t.text[k.start..k.end] == word).map(|k| k.flags).collect()
    }

    #[test]
    fn acronyms_are_names_in_mixed_case_text() {
        let t = Tokenized::new("Fighters of IS left. Is this true? The US said so, and told us.", Some("en"));
        assert!(flags_of(&t, "IS").iter().all(|f| f & STOP == 0));
        assert!(flags_of(&t, "US").iter().all(|f| f & STOP == 0));
        assert!(flags_of(&t, "Is").iter().all(|f| f & STOP != 0));
        // NLTK's English list has no "us"; stopwords-iso makes it a common word.
        assert!(flags_of(&t, "us").iter().all(|f| f & (STOP | COMMON) != 0));
        assert!(flags_of(&t, "US").iter().all(|f| f & (STOP | COMMON) == 0));
    }

    #[test]
    fn shouted_text_has_no_acronym_exception() {
        let t = Tokenized::new("THE ARMY IS HERE AND US TOO", Some("en"));
        assert!(flags_of(&t, "IS").iter().all(|f| f & STOP != 0));
    }

    #[test]
    fn capital_evidence_skips_sentence_starts_and_title_lines() {
        let t = Tokenized::new(
            "Moscow Says US Pretending To Fight\n\nPentagon spokesman Rob Manning denied it.",
            Some("en"),
        );
        assert_eq!(flags_of(&t, "Says")[0] & CAP_EVIDENCE, 0);
        assert_eq!(flags_of(&t, "Pentagon")[0] & CAP_EVIDENCE, 0);
        assert_ne!(flags_of(&t, "Rob")[0] & CAP_EVIDENCE, 0);
    }

    #[test]
    fn possessives_and_punctuation() {
        let t = Tokenized::new("Gaultier's show, the US-led coalition.", Some("en"));
        assert_eq!(&t.text[t.tokens[0].start..t.tokens[0].end], "Gaultier");
        let led = t.tokens.iter().find(|k| &t.text[k.start..k.end] == "led").map(|k| k.flags).unwrap_or(0);
        assert_eq!(led & BREAK_BEFORE, 0);
        let the = t.tokens.iter().find(|k| &t.text[k.start..k.end] == "the").map(|k| k.flags).unwrap_or(0);
        assert_ne!(the & BREAK_BEFORE, 0);
        assert_eq!(t.surface(3, 5), "US-led coalition");
    }

    #[test]
    fn french_elisions_are_split_and_not_counted_as_words() {
        let t = Tokenized::new("L'hôpital public n'est pas une entreprise, jusqu'à l'été.", Some("fr"));
        let words: Vec<&str> = t.tokens.iter().map(|k| &t.text[k.start..k.end]).collect();
        assert_eq!(words[..3], ["L", "hôpital", "public"], "{words:?}");
        assert!(flags_of(&t, "L").iter().all(|f| f & ELIDED != 0 && f & STOP != 0));
        assert!(flags_of(&t, "jusqu").iter().all(|f| f & STOP != 0));
        assert!(flags_of(&t, "hôpital").iter().all(|f| f & STOP == 0));
        // The same word with and without its article is one stem.
        let again = Tokenized::new("hôpital", Some("fr"));
        let stem = |t: &Tokenized, w: &str| {
            t.tokens
                .iter()
                .find(|k| &t.text[k.start..k.end] == w)
                .and_then(|k| t.stems.get(k.stem as usize).map(str::to_string))
        };
        assert_eq!(stem(&t, "hôpital"), stem(&again, "hôpital"));
    }

    #[test]
    fn english_apostrophes_are_not_elisions() {
        let t = Tokenized::new("O'Brien said they don't know.", Some("en"));
        let words: Vec<&str> = t.tokens.iter().map(|k| &t.text[k.start..k.end]).collect();
        assert!(words.contains(&"O'Brien") && words.contains(&"don't"), "{words:?}");
    }

    #[test]
    fn a_shouted_run_in_mixed_text_keeps_its_stopwords() {
        let t = Tokenized::new("He lost weight. FOR THE DOGS: he walked them. The US and IS were named.", Some("en"));
        assert!(flags_of(&t, "FOR").iter().all(|f| f & STOP != 0));
        assert!(flags_of(&t, "THE").iter().all(|f| f & STOP != 0));
        assert!(flags_of(&t, "US").iter().all(|f| f & (STOP | COMMON) == 0 && f & ACRONYM != 0));
        assert!(flags_of(&t, "IS").iter().all(|f| f & STOP == 0));
    }

    #[test]
    fn connectors_are_marked_per_language() {
        let pt = Tokenized::new("O chefe de Estado", Some("pt"));
        assert!(flags_of(&pt, "de").iter().all(|f| f & CONNECTOR != 0 && f & CONNECTOR_NAMES_ONLY == 0));
        let en = Tokenized::new("The Bank of England", Some("en"));
        assert!(flags_of(&en, "of").iter().all(|f| f & CONNECTOR_NAMES_ONLY != 0));
        let fr = Tokenized::new("la ministre de la Santé", Some("fr"));
        assert!(flags_of(&fr, "la").iter().all(|f| f & CONNECTOR_ARTICLE != 0));
    }

    #[test]
    fn numbers_in_words_are_numbers_unless_part_of_a_name() {
        let t = Tokenized::new("Chegaram cinquenta soldados e quinhentas pessoas ao aeroporto de Lisboa.", Some("pt"));
        assert_eq!(flags_of(&t, "cinquenta").first().map(|f| f & NUMBER != 0), Some(true));
        assert_eq!(flags_of(&t, "quinhentas").first().map(|f| f & NUMBER != 0), Some(true));
        let e = Tokenized::new("He drove in Formula One for two seasons.", Some("en"));
        assert_eq!(flags_of(&e, "One").first().map(|f| f & NUMBER != 0), Some(false));
        assert_eq!(flags_of(&e, "two").first().map(|f| f & NUMBER != 0), Some(true));
    }

    #[test]
    fn romance_adverbs_and_agency_acronyms_are_common() {
        let t = Tokenized::new("O ministro falou precisamente sobre o plano.", Some("pt"));
        assert_eq!(flags_of(&t, "precisamente").first().map(|f| f & COMMON != 0), Some(true));
        // Short "-mente" words are nouns.
        let d = Tokenized::new("O doente tem uma mente brilhante.", Some("pt"));
        assert_eq!(flags_of(&d, "mente").first().map(|f| f & COMMON != 0), Some(false));
        let e = Tokenized::new("The mayor resigned on Monday, AP reported, and the US said so.", Some("en"));
        assert_eq!(flags_of(&e, "AP").first().map(|f| f & COMMON != 0), Some(true));
        assert_eq!(flags_of(&e, "US").first().map(|f| f & (COMMON | STOP) != 0), Some(false));
    }

    #[test]
    fn the_lead_is_the_headline_or_first_sentence() {
        let t = Tokenized::new("Floods hit the north\nRain fell for days. Rivers rose.", Some("en"));
        // A single line break does not end a sentence: headline and first sentence are one lead.
        assert_eq!(t.lead_tokens, 8);
    }
}
