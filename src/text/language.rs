//! Language detection reduced to what the rest of the crate needs: an ISO 639-1 code when the
//! text is long enough to tell, and whether the script writes words without spaces.
//!
//! Two detectors. Text in the Latin or Cyrillic script is first matched against the shipped
//! stopword lists ([`stopword_profile`]): prose is a third to a half function words, and the
//! language whose list holds far more of the sample's words than any other is the answer. That
//! takes one hash look-up per word. When the lists do not settle it (other scripts, short or
//! mixed text, close languages such as Danish and Norwegian, or Czech and Slovak), the script
//! decides where it has one language (Greek, Hangul, Thai...), and elsewhere the sample's
//! character trigrams are ranked against each candidate language's most frequent trigrams
//! ([`trigram_detect`], whatlang's method and profiles, cut to the head of each profile:
//! `src/text/trigram_profiles.txt`, written by `tools/gen_trigram_profiles.py`). The whatlang
//! crate itself was 48 KB of the 400 KB gzipped wasm budget.

use std::collections::HashMap;
use std::sync::OnceLock;

#[cfg(any(test, target_arch = "wasm32"))]
use crate::hashing::PassThroughBuild;
use crate::hashing::{fnv_byte, word_hash, FNV_OFFSET};

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
pub(crate) const DETECTION_SAMPLE_BYTES: usize = 4096;

/// Detects the language of `text`, or `None` when there is too little text to tell.
pub fn detect_language(text: &str) -> Option<Language> {
    let sample = prefix_at_char_boundary(text, DETECTION_SAMPLE_BYTES);
    stopword_profile(sample).or_else(|| fallback_detect(sample, false))
}

/// The languages the stopword profile can answer, by script: those with a shipped stopword list
/// and a trigram profile (so both detectors name the same languages). Languages of one
/// family compete with each other, which is what the margin below is for.
const PROFILE_LATIN: &[&str] = &[
    "af", "az", "ca", "cs", "da", "de", "en", "eo", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv", "nl",
    "no", "pl", "pt", "ro", "sk", "sl", "sv", "tl", "tr", "vi",
];
const PROFILE_CYRILLIC: &[&str] = &["be", "bg", "ru", "uk"];

/// At most this many words of the sample are looked up: 400 words of prose hold 120-200
/// stopwords, far more than the decision needs, and the cost stays constant.
const PROFILE_MAX_WORDS: usize = 400;
/// Fewer words than this (a headline, a menu) leave the decision to the trigrams.
const PROFILE_MIN_WORDS: usize = 40;
/// The best list must hold at least a quarter of the words: prose in any of these languages is a
/// third to a half function words, while a list of names, code, or a sample that mixes two
/// languages (an English error message above a German article) holds fewer, and the trigrams'
/// lower confidence there is the better answer.
const PROFILE_MIN_SHARE: f64 = 0.25;
/// ... and half as many again as the runner-up: related languages share many function words
/// (es/pt/ca, da/no/sv, cs/sk, ru/uk), and when the lists are that close the trigrams
/// tell them apart better.
const PROFILE_MIN_MARGIN: f64 = 1.5;
/// After this many words the answer may already be clear: prose whose best list holds 30% of
/// the words and twice as many as the runner-up is decided there (an article that clear stays
/// that clear), which cuts the look-ups for most documents by two thirds or more.
const PROFILE_CHECKPOINTS: [usize; 2] = [100, 200];
/// Text too short for the profile proper (a headline, a snippet) is still decided by the lists
/// before the trigrams when at least this many words are stopwords of one language ...
const SHORT_MIN_HITS: u32 = 3;
/// ... and that language has twice the hits of any other: trigram profiles of a few words are
/// noisy, while three function words of one language and fewer than half as many of any other
/// rarely mislead (this kept 0.3 points more snippet labels of the dev pages than the trigrams
/// alone).
const SHORT_MIN_MARGIN: f64 = 2.0;
/// The share an early answer needs (a margin over [`PROFILE_MIN_SHARE`]).
const EARLY_MIN_SHARE: f64 = 0.3;
/// The margin an early answer needs (a margin over [`PROFILE_MIN_MARGIN`]).
const EARLY_MIN_MARGIN: f64 = 2.0;
/// The sample's letters must be this much of one script (Latin or Cyrillic) for the profile to
/// apply: mixed text goes to the fallback, which weighs scripts itself.
const PROFILE_MIN_SCRIPT_SHARE: f64 = 0.95;

struct Profiles {
    /// ISO 639-1 code, and whether its script is Cyrillic; index = bit in `table`.
    langs: Vec<(&'static str, bool)>,
    /// Case-folded word hash → bit set of the languages whose stopword list has the word: the
    /// wasm's table (natively the tests' reference; building it was a fifth of the start-up).
    #[cfg(any(test, target_arch = "wasm32"))]
    table: HashMap<u64, u64, PassThroughBuild>,
    /// The same map as a flat open-addressing table (native only, see [`NATIVE_FAST_PATHS`]),
    /// keyed by [`profile_word_hash`] instead of `word_hash`.
    #[cfg(not(target_arch = "wasm32"))]
    flat: FlatBits,
}

/// `table` of [`Profiles`] as two flat arrays probed linearly from a Fibonacci hash of the key:
/// a miss (most words) is one multiply and one load, where the general hash map's probe was
/// close to half of the detection's time on short documents (a corpus run detects every one).
#[cfg(not(target_arch = "wasm32"))]
struct FlatBits {
    /// Key and bit set per slot: a key of 0 marks a free slot (the key 0 itself is `zero_bits`),
    /// a stored key's bits are never 0. Side by side, so that a hit reads its bits from the cache
    /// line its key was in (two lists were two loads and two bounds checks).
    slots: Vec<(u64, u64)>,
    shift: u32,
    zero_bits: u64,
}

#[cfg(not(target_arch = "wasm32"))]
impl FlatBits {
    /// The table of `(key, bit)` pairs, the bits of a key given more than once or'ed together.
    fn new(pairs: &[(u64, u64)]) -> FlatBits {
        // At most a quarter full: probes stay short.
        let slot_bits = (pairs.len().max(1) * 4).next_power_of_two().trailing_zeros().max(4);
        let len = 1usize << slot_bits;
        let mut flat = FlatBits { slots: vec![(0, 0); len], shift: 64 - slot_bits, zero_bits: 0 };
        for &(key, bits) in pairs {
            if key == 0 {
                flat.zero_bits |= bits;
                continue;
            }
            let mut i = flat.slot_of(key);
            while flat.slots.get(i).is_some_and(|&(k, _)| k != 0 && k != key) {
                i = (i + 1) & (len - 1);
            }
            if let Some(slot) = flat.slots.get_mut(i) {
                slot.0 = key;
                slot.1 |= bits;
            }
        }
        flat
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The bit set of `key`, 0 when it is not stored.
    #[inline]
    fn get(&self, key: u64) -> u64 {
        if key == 0 {
            return self.zero_bits;
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.slot_of(key);
        loop {
            match self.slots.get(i & mask) {
                Some(&(k, bits)) if k == key => return bits,
                Some(&(k, _)) if k != 0 => i += 1,
                _ => return 0,
            }
        }
    }
}

fn profiles() -> &'static Profiles {
    static PROFILES: OnceLock<Profiles> = OnceLock::new();
    PROFILES.get_or_init(|| {
        let mut langs = Vec::new();
        #[cfg(any(test, target_arch = "wasm32"))]
        let mut table: HashMap<u64, u64, PassThroughBuild> = HashMap::default();
        // Natively the words' hashes and language bits, for the flat table (sized for the
        // largest count of words, 33 lists of at most a few hundred).
        let mut pairs = Vec::with_capacity(if NATIVE_FAST_PATHS { 16_384 } else { 0 });
        let candidates = PROFILE_LATIN.iter().map(|c| (c, false)).chain(PROFILE_CYRILLIC.iter().map(|c| (c, true)));
        for (&code, cyrillic) in candidates {
            let bit = 1u64 << langs.len();
            let mut add = |w: &str| {
                #[cfg(any(test, target_arch = "wasm32"))]
                {
                    *table.entry(word_hash(w)).or_insert(0) |= bit;
                }
                if NATIVE_FAST_PATHS {
                    pairs.push((profile_word_hash(w), bit));
                }
            };
            // Natively the lists are hashed as they are decoded, none of them kept.
            #[cfg(not(target_arch = "wasm32"))]
            let listed = crate::text::stopwords::for_each_stopword(code, &mut add);
            #[cfg(target_arch = "wasm32")]
            let listed = crate::text::stopwords::stopword_list(code).map(|words| words.for_each(&mut add)).is_some();
            if listed {
                langs.push((code, cyrillic));
            }
        }
        Profiles {
            langs,
            #[cfg(any(test, target_arch = "wasm32"))]
            table,
            #[cfg(not(target_arch = "wasm32"))]
            flat: FlatBits::new(&pairs),
        }
    })
}

/// The language whose stopword list clearly holds the most words of `sample` (Latin or Cyrillic
/// text only), or `None` to let the fallback decide. Confidence is `1 − runner-up / best` (at least
/// a third, given [`PROFILE_MIN_MARGIN`]).
fn stopword_profile(sample: &str) -> Option<Language> {
    stopword_profile_with(sample, false)
}

/// [`stopword_profile`], or with `short` its relaxed form for text with fewer than
/// [`PROFILE_MIN_WORDS`] words ([`SHORT_MIN_HITS`], [`SHORT_MIN_MARGIN`]), whose confidence is
/// scaled down by the number of words.
fn stopword_profile_with(sample: &str, short: bool) -> Option<Language> {
    let (mut latin, mut cyrillic, mut letters) = (0usize, 0usize, 0usize);
    let mut counts = [0u32; 64];
    let mut words = 0usize;
    let profiles = profiles();
    let mut start: Option<usize> = None;
    // The current word's case-folded hash (`word_hash`), folded in as its characters go by
    // instead of hashing each word in a second pass.
    let mut hash = FNV_OFFSET;
    let visit = |hash: u64, counts: &mut [u32; 64], words: &mut usize| {
        if *words >= PROFILE_MAX_WORDS {
            return;
        }
        *words += 1;
        #[cfg(not(target_arch = "wasm32"))]
        let found = Some(profiles.flat.get(hash));
        #[cfg(target_arch = "wasm32")]
        let found = profiles.table.get(&hash).copied();
        if let Some(bits) = found {
            let mut bits = bits;
            while bits != 0 {
                counts[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    };
    // A word ended: count it, and at a checkpoint return early when the profile is clear. A
    // macro, not a closure returning the early answer: building and testing an `Option<Language>`
    // for every word made the profile 13% slower (callgrind, 3,000 bench articles).
    macro_rules! word_ended {
        ($hash:expr) => {
            visit($hash, &mut counts, &mut words);
            if PROFILE_CHECKPOINTS.contains(&words) {
                let early = early_decision(profiles, &counts, words, (latin, cyrillic, letters));
                if early.is_some() {
                    return early;
                }
            }
        };
    }
    // Words as cleaning counts them: runs of letters and digits, with ' ’ - inside a word kept.
    // Driven by bytes (ASCII is classified without decoding), and only as far as the words
    // looked up: the script census covers the same stretch of text.
    let char_at = |i: usize| sample.get(i..).and_then(|rest| rest.chars().next());
    let bytes = sample.as_bytes();
    let mut i = 0;
    while i < bytes.len() && words < PROFILE_MAX_WORDS {
        let b = bytes[i];
        if NATIVE_FAST_PATHS {
            if ASCII_WORD_BYTE[usize::from(b)] {
                // Up to eight letters and digits at once (`ascii_word_run`), hashed as one piece
                // (`profile_word_hash`): a word of news text is one step.
                start.get_or_insert(i);
                let (run, alphabetic, lowered) = ascii_word_run(crate::text::swar::load_padded(&bytes[i..]));
                hash = profile_step(hash, lowered);
                letters += alphabetic;
                latin += alphabetic;
                i += run;
                // A space after the run (most words) ends the word here, as the path below
                // would on the next step (the loop's test cannot change: no word ended since).
                if bytes.get(i) == Some(&b' ') {
                    start = None;
                    word_ended!(hash);
                    hash = FNV_OFFSET;
                    i += 1;
                }
                continue;
            }
            if b < 0x80 && b != b'\'' && b != b'-' {
                // Any other ASCII byte ends the word (the general path below decides the same).
                if start.take().is_some() {
                    word_ended!(hash);
                    hash = FNV_OFFSET;
                }
                i += 1;
                continue;
            }
        }
        // The character, its length and its `letter_class` (an ASCII byte that is not a letter or
        // digit is neither, known without asking again). Natively the only ASCII bytes that come
        // here are ' and - (the fast path above took the rest).
        let (c, len, (alphanumeric, alphabetic)) = if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(i);
                if b.is_ascii_alphabetic() {
                    letters += 1;
                    latin += 1;
                }
                i += 1;
                continue;
            }
            (b as char, 1, (false, false))
        } else {
            let c = char_at(i).unwrap_or(' ');
            (c, c.len_utf8(), letter_class(c))
        };
        if alphanumeric {
            if alphabetic {
                letters += 1;
                match c as u32 {
                    0xC0..=0x24F | 0x1E00..=0x1EFF => latin += 1,
                    0x400..=0x52F => cyrillic += 1,
                    _ => {}
                }
            }
            start.get_or_insert(i);
            if NATIVE_FAST_PATHS {
                // A buffer of its own at each use (one for the whole loop had its bytes carried
                // through every step of it, see `features::scan_words`).
                hash = fold_lowercase(hash, c, &mut [0u8; 4]);
            }
            i += len;
            continue;
        }
        let inner =
            matches!(c, '\'' | '’' | '-') && start.is_some() && char_at(i + len).is_some_and(|n| letter_class(n).0);
        if inner {
            if NATIVE_FAST_PATHS {
                // These three are their own lower case.
                hash = c.encode_utf8(&mut [0u8; 4]).bytes().fold(hash, fnv_byte);
            }
        } else if let Some(s) = start.take() {
            word_ended!(if NATIVE_FAST_PATHS { hash } else { word_hash(&sample[s..i]) });
            hash = FNV_OFFSET;
        }
        i += len;
    }
    if let Some(s) = start {
        visit(if NATIVE_FAST_PATHS { hash } else { word_hash(&sample[s..]) }, &mut counts, &mut words);
    }
    final_decision(profiles, &counts, words, (latin, cyrillic, letters), short)
}

/// The profile's answer at a checkpoint ([`PROFILE_CHECKPOINTS`]): decided early only when it is
/// clear ([`EARLY_MIN_SHARE`], [`EARLY_MIN_MARGIN`]).
fn early_decision(
    profiles: &Profiles,
    counts: &[u32; 64],
    words: usize,
    tally: (usize, usize, usize),
) -> Option<Language> {
    profile_decision(profiles, counts, words, tally, EARLY_MIN_SHARE, EARLY_MIN_MARGIN, PROFILE_MIN_WORDS)
}

/// The profile's answer once the sample's words are counted; with `short` the relaxed form for
/// text of few words ([`SHORT_MIN_HITS`], [`SHORT_MIN_MARGIN`], the confidence scaled down).
fn final_decision(
    profiles: &Profiles,
    counts: &[u32; 64],
    words: usize,
    tally: (usize, usize, usize),
    short: bool,
) -> Option<Language> {
    if short {
        let mut found = profile_decision(profiles, counts, words, tally, PROFILE_MIN_SHARE, SHORT_MIN_MARGIN, 1)?;
        let hits = counts.iter().copied().max().unwrap_or(0);
        if hits < SHORT_MIN_HITS {
            return None;
        }
        found.confidence *= (words as f64 / PROFILE_MIN_WORDS as f64).min(1.0);
        return Some(found);
    }
    profile_decision(profiles, counts, words, tally, PROFILE_MIN_SHARE, PROFILE_MIN_MARGIN, PROFILE_MIN_WORDS)
}

/// Whether each byte is an ASCII letter or digit, for the stopword profile's word loop (one
/// load where `is_ascii_alphanumeric` takes range tests).
static ASCII_WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The run of ASCII letters and digits at the start of `w` (eight bytes, little-endian, bytes
/// past the text read as 0): its length (0 to 8), how many of its bytes are letters, and its
/// bytes lowered (bit 5 set: it lowers a capital, and every digit has it), the bytes after it
/// zeroed. Each byte test is a pair of additions whose carries stay inside a byte below 0x80;
/// a byte from 0x80 up is no letter or digit (its own flag is cleared), and what its carry does
/// to the bytes above it does not matter, since the run stops there.
#[inline]
fn ascii_word_run(w: u64) -> (usize, usize, u64) {
    use crate::text::swar::{HIGH, ONES};
    let ascii = !w & HIGH;
    let low = w | (ONES * 0x20);
    let letter = low.wrapping_add(ONES * (0x80 - 0x61)) & !low.wrapping_add(ONES * (0x80 - 0x7B)) & ascii;
    let digit = w.wrapping_add(ONES * (0x80 - 0x30)) & !w.wrapping_add(ONES * (0x80 - 0x3A)) & ascii;
    let stop = !(letter | digit) & HIGH;
    // The bits of the bytes below the first one that is neither (all of them if there is none).
    let below = if stop == 0 { u64::MAX } else { ((stop & stop.wrapping_neg()) >> 7) - 1 };
    let run = (stop.trailing_zeros() / 8) as usize;
    // The run is letters and digits: its letters are the run unless it holds a digit (rare in
    // prose; a population count is a dozen instructions on the baseline x86-64 target).
    let digits = digit & below;
    let letters = if digits == 0 { run } else { run - digits.count_ones() as usize };
    (run, letters, low & below)
}

/// Folds up to eight lowered bytes of a word (from [`ascii_word_run`]) into the profile hash:
/// one multiply for the piece instead of one per byte. Both steps are invertible, so no two
/// words of one piece (every stopword of eight letters or fewer) share a hash.
#[inline]
fn profile_step(hash: u64, piece: u64) -> u64 {
    let x = (hash ^ piece).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^ (x >> 32)
}

/// The key of `word` in the native stopword table: the hash the stopword profile folds as it
/// reads a word (runs of ASCII letters and digits eight bytes a step, [`profile_step`]; other
/// letters by their lower case's UTF-8, [`fold_lowercase`]; the joiners `'` `’` `-` by their
/// bytes), so that it equals the table's key exactly when the words are the same (as
/// `word_hash`, which takes a multiply per byte, did before). On 3,000 documents of the dedup
/// bench's corpus (about 240 words looked up each) the stopword profile took 10% fewer
/// instructions (125.5 M -> 112.4 M, callgrind). Native only (the wasm's table keeps
/// `word_hash`).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn profile_word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let (mut hash, mut i, mut buf) = (FNV_OFFSET, 0, [0u8; 4]);
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            let (run, _, lowered) = ascii_word_run(crate::text::swar::load_padded(&bytes[i..]));
            hash = profile_step(hash, lowered);
            i += run;
            continue;
        }
        let Some(c) = word.get(i..).and_then(|rest| rest.chars().next()) else { break };
        hash = if letter_class(c).0 {
            fold_lowercase(hash, c, &mut buf)
        } else {
            c.encode_utf8(&mut buf).bytes().fold(hash, fnv_byte)
        };
        i += c.len_utf8();
    }
    hash
}

/// Whether the speed-ups that take more code are compiled in: [`letter_class`],
/// [`fold_lowercase`] and the block scan answering common characters without the Unicode
/// tables, and the stopword profile folding each word's hash as it goes. Natively only: in wasm
/// the extra code counts against the page's size budget, and the answers are the same either way
/// (tested natively against the table answers and `word_hash`).
pub(crate) const NATIVE_FAST_PATHS: bool = cfg!(not(target_arch = "wasm32"));

/// `(c.is_alphanumeric(), c.is_alphabetic())`, answered without the Unicode tables for the
/// characters news text is full of: ASCII, general punctuation (curly quotes, dashes) and the
/// Latin-1 letters.
#[inline]
pub(crate) fn letter_class(c: char) -> (bool, bool) {
    if !NATIVE_FAST_PATHS {
        return (c.is_alphanumeric(), c.is_alphabetic());
    }
    match c as u32 {
        0..=0x7F => (c.is_ascii_alphanumeric(), c.is_ascii_alphabetic()),
        0x2000..=0x206F => (false, false),
        cp @ 0xC0..=0xFF => {
            let letter = cp != 0xD7 && cp != 0xF7;
            (letter, letter)
        }
        _ => (c.is_alphanumeric(), c.is_alphabetic()),
    }
}

/// `c`'s lower case when `c` is a Latin-1 letter (À..ÿ without × and ÷) and the native fast
/// paths are on: a capital's lower case is the character 0x20 above it, ß..ÿ are their own.
/// `None` otherwise (the caller asks the Unicode tables), so the answer is `c.to_lowercase()`'s.
#[inline]
pub(crate) fn latin1_lower(c: char) -> Option<char> {
    let cp = c as u32;
    if NATIVE_FAST_PATHS && (0xC0..=0xFF).contains(&cp) && cp != 0xD7 && cp != 0xF7 {
        return char::from_u32(if cp <= 0xDE { cp + 0x20 } else { cp });
    }
    None
}

/// Folds the UTF-8 of `c`'s lower case into an FNV `hash`, as `word_hash` does for a non-ASCII
/// word (so a hash folded character by character equals the word's). A Latin-1 capital's lower
/// case is the character 0x20 above it (ß and ÿ are their own), so the common accented letters
/// skip the case tables.
#[inline]
pub(crate) fn fold_lowercase(hash: u64, c: char, buf: &mut [u8; 4]) -> u64 {
    let cp = c as u32;
    if NATIVE_FAST_PATHS && (0xC0..=0xFF).contains(&cp) && cp != 0xD7 && cp != 0xF7 {
        let lower = if cp <= 0xDE { cp + 0x20 } else { cp };
        // Two UTF-8 bytes: 110xxxxx 10xxxxxx.
        let (b0, b1) = (0xC0 | (lower >> 6) as u8, 0x80 | (lower & 0x3F) as u8);
        return fnv_byte(fnv_byte(hash, b0), b1);
    }
    let mut hash = hash;
    for lower in c.to_lowercase() {
        hash = lower.encode_utf8(buf).bytes().fold(hash, fnv_byte);
    }
    hash
}

/// The profile's answer from its tallies (word hits per language, words looked up, and Latin,
/// Cyrillic and all letters seen), under the given share, margin and least number of words.
fn profile_decision(
    profiles: &Profiles,
    counts: &[u32; 64],
    words: usize,
    (latin, cyrillic, letters): (usize, usize, usize),
    min_share: f64,
    min_margin: f64,
    min_words: usize,
) -> Option<Language> {
    let is_cyrillic = if latin as f64 >= PROFILE_MIN_SCRIPT_SHARE * letters as f64 {
        false
    } else if cyrillic as f64 >= PROFILE_MIN_SCRIPT_SHARE * letters as f64 {
        true
    } else {
        return None;
    };
    if words < min_words {
        return None;
    }
    let (mut best, mut second) = ((0u32, usize::MAX), 0u32);
    for (i, &(_, cyr)) in profiles.langs.iter().enumerate() {
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
    let &(code, _) = profiles.langs.get(index)?;
    if (hits as f64) < min_share * words as f64 || (hits as f64) < min_margin * second as f64 {
        return None;
    }
    Some(Language {
        code: code.to_string(),
        name: language_name(code).to_string(),
        script: if is_cyrillic { "Cyrillic" } else { "Latin" }.to_string(),
        confidence: 1.0 - f64::from(second) / f64::from(hits),
        unspaced: false,
    })
}

/// Detects the language of `text` among the languages that have a stopword list (the stopword
/// profile first, as [`detect_language`] does), falling back to every language the detector
/// knows when none of those fits the script (Japanese, Khmer...).
///
/// Keyword statistics can only use a language with stopwords, so the trigram fallback scores
/// only those (about half the candidates). Unlike [`detect_language`] it does not cut a sample:
/// callers pass the text they want judged.
pub fn detect_language_with_stopwords(text: &str) -> Option<Language> {
    stopword_profile(text).or_else(|| fallback_detect(text, true)).or_else(|| fallback_detect(text, false))
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

/// The scripts the fallback tells apart (whatlang's), with their Unicode ranges. Order is the
/// tie-break when two scripts have as many letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Mandarin,
    Devanagari,
    Hebrew,
    Ethiopic,
    Georgian,
    Bengali,
    Hangul,
    Hiragana,
    Katakana,
    Greek,
    Kannada,
    Tamil,
    Thai,
    Gujarati,
    Gurmukhi,
    Telugu,
    Malayalam,
    Oriya,
    Myanmar,
    Sinhala,
    Khmer,
    Armenian,
}

/// Number of [`Script`]s.
const SCRIPTS: usize = 25;

impl Script {
    const ALL: [Script; SCRIPTS] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Arabic,
        Script::Mandarin,
        Script::Devanagari,
        Script::Hebrew,
        Script::Ethiopic,
        Script::Georgian,
        Script::Bengali,
        Script::Hangul,
        Script::Hiragana,
        Script::Katakana,
        Script::Greek,
        Script::Kannada,
        Script::Tamil,
        Script::Thai,
        Script::Gujarati,
        Script::Gurmukhi,
        Script::Telugu,
        Script::Malayalam,
        Script::Oriya,
        Script::Myanmar,
        Script::Sinhala,
        Script::Khmer,
        Script::Armenian,
    ];

    /// The script of a letter, or `None` for punctuation, digits, symbols and other scripts.
    fn of(c: char) -> Option<Script> {
        use Script::*;
        Some(match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0x80..=0x2AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2100..=0x214F => Latin,
            0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F => Latin,
            0x400..=0x484 | 0x487..=0x52F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Cyrillic,
            0x600..=0x6FF | 0x750..=0x7FF | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Arabic,
            0x2E80..=0x2FD5 | 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B | 0x3400..=0x4DB5 => Mandarin,
            0x4E00..=0x9FCC | 0xF900..=0xFAD9 => Mandarin,
            0x900..=0x97F | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF => Devanagari,
            0x590..=0x5FF => Hebrew,
            0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F => Ethiopic,
            0x10A0..=0x10FF => Georgian,
            0x980..=0x9FF => Bengali,
            0xAC00..=0xD7FF | 0x1100..=0x11FF | 0x3130..=0x318F | 0x3200..=0x32FF | 0xA960..=0xA97F => Hangul,
            0x3040..=0x309F => Hiragana,
            0x30A0..=0x30FF => Katakana,
            0x370..=0x3FF => Greek,
            0xC80..=0xCFF => Kannada,
            0xB80..=0xBFF => Tamil,
            0xE00..=0xE7F => Thai,
            0xA80..=0xAFF => Gujarati,
            0xA00..=0xA7F => Gurmukhi,
            0xC00..=0xC7F => Telugu,
            0xD00..=0xD7F => Malayalam,
            0xB00..=0xB7F => Oriya,
            0x1000..=0x109F => Myanmar,
            0xD80..=0xDFF => Sinhala,
            0x1780..=0x17FF | 0x19E0..=0x19FF => Khmer,
            0x530..=0x58F | 0xFB13..=0xFB17 => Armenian,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        use Script::*;
        match self {
            Latin => "Latin",
            Cyrillic => "Cyrillic",
            Arabic => "Arabic",
            Mandarin => "Mandarin",
            Devanagari => "Devanagari",
            Hebrew => "Hebrew",
            Ethiopic => "Ethiopic",
            Georgian => "Georgian",
            Bengali => "Bengali",
            Hangul => "Hangul",
            Hiragana => "Hiragana",
            Katakana => "Katakana",
            Greek => "Greek",
            Kannada => "Kannada",
            Tamil => "Tamil",
            Thai => "Thai",
            Gujarati => "Gujarati",
            Gurmukhi => "Gurmukhi",
            Telugu => "Telugu",
            Malayalam => "Malayalam",
            Oriya => "Oriya",
            Myanmar => "Myanmar",
            Sinhala => "Sinhala",
            Khmer => "Khmer",
            Armenian => "Armenian",
        }
    }

    /// The one language written in this script, or `None` where several are (the trigrams
    /// decide) or for Han characters (Chinese or Japanese, see [`fallback_detect`]).
    fn only_language(self) -> Option<&'static str> {
        use Script::*;
        Some(match self {
            Ethiopic => "amh",
            Georgian => "ka",
            Bengali => "bn",
            Hangul => "ko",
            Hiragana | Katakana => "ja",
            Greek => "el",
            Kannada => "kan",
            Tamil => "ta",
            Thai => "th",
            Gujarati => "guj",
            Gurmukhi => "pan",
            Telugu => "tel",
            Malayalam => "mal",
            Oriya => "ori",
            Myanmar => "mya",
            Sinhala => "sin",
            Khmer => "khm",
            Armenian => "hy",
            Latin | Cyrillic | Arabic | Devanagari | Hebrew | Mandarin => return None,
        })
    }

    /// The name of this script's group in `trigram_profiles.txt`.
    fn profile_group(self) -> Option<&'static str> {
        Some(match self {
            Script::Latin => "latin",
            Script::Cyrillic => "cyrillic",
            Script::Arabic => "arabic",
            Script::Devanagari => "devanagari",
            Script::Hebrew => "hebrew",
            _ => return None,
        })
    }

    /// Scripts written without spaces between words.
    fn unspaced(self) -> bool {
        matches!(self, Script::Mandarin | Script::Hiragana | Script::Katakana | Script::Thai | Script::Khmer)
    }
}

/// The fallback detector: the main script, then its only language, the Chinese/Japanese rule, or
/// the trigram profiles of the script's languages. With `stopword_languages_only`, only
/// languages with a stopword list are candidates (`None` when the script has none).
fn fallback_detect(text: &str, stopword_languages_only: bool) -> Option<Language> {
    let mut counts = [0usize; SCRIPTS];
    for c in text.chars() {
        // ASCII (most of a Latin sample) without the ranges: its letters are Latin, the rest
        // no script's.
        if NATIVE_FAST_PATHS && c.is_ascii() {
            counts[Script::Latin as usize] += usize::from(c.is_ascii_alphabetic());
        } else if let Some(script) = Script::of(c) {
            counts[script as usize] += 1;
        }
    }
    let (mut main, mut most) = (Script::Latin, 0usize);
    for (script, &n) in Script::ALL.iter().zip(&counts) {
        if n > most {
            (main, most) = (*script, n);
        }
    }
    if most == 0 {
        return None;
    }
    let allowed = |code: &str| !stopword_languages_only || crate::text::stopwords::has_stopword_list(code);
    let language = |code: &'static str, confidence: f64| Language {
        code: code.to_string(),
        name: language_name(code).to_string(),
        script: main.name().to_string(),
        confidence,
        unspaced: main.unspaced(),
    };
    if let Some(code) = main.only_language() {
        return allowed(code).then(|| language(code, 1.0));
    }
    if main == Script::Mandarin {
        // Japanese writes Han characters among kana: a fifth kana is surely Japanese, a twentieth
        // probably (whatlang's rule, whatlang-rs issue 88).
        let kana = counts[Script::Hiragana as usize] + counts[Script::Katakana as usize];
        let share = kana as f64 / (kana + most) as f64;
        let (code, confidence) = match share {
            s if s > 0.2 => ("ja", 1.0),
            s if s > 0.05 => ("ja", 0.5),
            s if s > 0.02 => ("zh", 0.5),
            _ => ("zh", 1.0),
        };
        return allowed(code).then(|| language(code, confidence));
    }
    if matches!(main, Script::Latin | Script::Cyrillic) {
        if let Some(found) = stopword_profile_with(text, true) {
            return Some(found);
        }
    }
    let group = main.profile_group()?;
    // Cyrillic languages differ in their alphabets (ы is Russian or Belarusian, і Ukrainian or
    // Belarusian, ј Serbian or Macedonian...), which short texts show before their trigrams do;
    // whatlang weighs alphabets too. A language missing more than 1% of the letters is out,
    // unless that leaves none.
    let fits_alphabet = |code: &str| {
        let Some(&(_, missing)) = CYRILLIC_MISSING.iter().find(|&&(c, _)| c == code) else { return true };
        let foreign = text.chars().flat_map(char::to_lowercase).filter(|&c| missing.contains(c)).count();
        foreign * ALPHABET_MAX_FOREIGN_PER_100 <= most
    };
    let (code, confidence) = match trigram_detect(text, group, &|code| allowed(code) && fits_alphabet(code)) {
        Some(found) => found,
        None => trigram_detect(text, group, &allowed)?,
    };
    Some(language(code, confidence))
}

/// Letters of the Cyrillic script that each language's alphabet lacks.
const CYRILLIC_MISSING: &[(&str, &str)] = &[
    ("ru", "ґєіїўђћџљњјѓќѕ"),
    ("uk", "ыэъёўђћџљњјѓќѕ"),
    ("be", "ищъґєїђћџљњјѓќѕ"),
    ("bg", "ыэёґєіїўђћџљњјѓќѕ"),
    ("sr", "ыэъёйщяюґєіїўѓќѕь"),
    ("mkd", "ыэъёйщяюґєіїўђћь"),
];
/// A language is out when more than one letter in this many is missing from its alphabet (a
/// foreign name or quotation is allowed for).
const ALPHABET_MAX_FOREIGN_PER_100: usize = 100;

/// A text trigram's greatest rank difference from a profile's (and the cost of a profile
/// trigram the text lacks): whatlang's constant.
const MAX_TRIGRAM_DISTANCE: u32 = 300;
/// The text's most frequent trigrams compared with the profiles: twice the profile length
/// whatlang was tuned with.
const TEXT_TRIGRAMS: usize = 600;
/// Below this many distinct trigrams (about 20 words) the trigram ranking is a guess, however
/// far ahead the best language is: confidence is scaled down in proportion, as the stopword
/// profile scales by words. Three words ("Ristretto | Modernist Coffee") are not confidently
/// Italian, and cleaning must not judge them by Italian stopwords.
const CONFIDENT_TRIGRAMS: usize = 100;

/// A character trigram packed into the low 48 bits of an integer, 16 bits per character
/// (characters past the Basic Multilingual Plane, in no profile, all read as U+FFFF), so that a
/// count fits above it and ranking is one sort of plain integers.
fn pack(a: char, b: char, c: char) -> u64 {
    let bits = |c: char| u64::from((c as u32).min(0xFFFF));
    (bits(a) << 32) | (bits(b) << 16) | bits(c)
}

/// The trigram profiles by script group: language code and its trigrams, most frequent first.
fn trigram_profiles() -> &'static [(&'static str, &'static str, Vec<u64>)] {
    static PROFILES: OnceLock<Vec<(&'static str, &'static str, Vec<u64>)>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        let mut out = Vec::new();
        for line in include_str!("trigram_profiles.txt").lines() {
            let mut parts = line.splitn(3, ' ');
            let (Some(group), Some(code), Some(trigrams)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let chars: Vec<char> = trigrams.chars().collect();
            let packed = chars.chunks_exact(3).map(|t| pack(t[0], t[1], t[2])).collect();
            out.push((group, code, packed));
        }
        out
    })
}

/// A hasher for packed trigrams: one folded 128-bit multiply instead of SipHash (the maps are
/// rebuilt for every document the stopword lists do not decide, and hashing was most of their
/// cost). Nothing depends on the maps' order: the counts are sorted, the positions looked up.
#[derive(Default)]
struct FoldedMultiply(u64);

impl std::hash::Hasher for FoldedMultiply {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Both halves of the product: hashbrown takes the bucket from the low bits and its tag
        // from the high ones.
        let m = u128::from(n ^ self.0) * 0x9e37_79b9_7f4a_7c15;
        self.0 = (m >> 64) as u64 ^ m as u64;
    }
}

type FoldedMultiplyBuild = std::hash::BuildHasherDefault<FoldedMultiply>;

/// The rank of each of the sample's top [`TEXT_TRIGRAMS`] trigrams, in a flat table probed
/// linearly from a Fibonacci hash (a profile comparison looks up every profile trigram of every
/// candidate language, ~3,800 look-ups a document, and the general map's probe was most of it).
/// A packed trigram is never 0 (U+0000 reads as a space, and three spaces are no trigram), so 0
/// marks a free slot.
#[cfg(not(target_arch = "wasm32"))]
struct RankTable {
    slots: Vec<(u64, u32)>,
    len: u32,
}

#[cfg(not(target_arch = "wasm32"))]
impl RankTable {
    /// Slots: a power of two at least twice [`TEXT_TRIGRAMS`], so probes stay short.
    const BITS: u32 = (TEXT_TRIGRAMS * 2).next_power_of_two().trailing_zeros();

    /// The table of `trigrams`, ranked 0, 1, 2... in the order given (all distinct).
    fn new(trigrams: impl Iterator<Item = u64>) -> RankTable {
        let mask = (1usize << Self::BITS) - 1;
        let mut table = RankTable { slots: vec![(0, 0); mask + 1], len: 0 };
        for key in trigrams.take(TEXT_TRIGRAMS) {
            let mut i = Self::slot_of(key);
            while table.slots.get(i & mask).is_some_and(|&(k, _)| k != 0) {
                i += 1;
            }
            if let Some(slot) = table.slots.get_mut(i & mask) {
                *slot = (key, table.len);
                table.len += 1;
            }
        }
        table
    }

    #[inline]
    fn slot_of(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::BITS)) as usize
    }

    /// The rank of `key`, if it is one of the table's trigrams.
    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::slot_of(key);
        loop {
            match self.slots.get(i & mask) {
                Some(&(k, rank)) if k == key => return Some(rank),
                Some(&(k, _)) if k != 0 => i += 1,
                _ => return None,
            }
        }
    }
}

/// Ranks the languages of a script group by how far the sample's trigram ranks are from each
/// profile's (whatlang's "out of place" distance) and returns the closest with whatlang's
/// confidence, or `None` when no language of the group is allowed.
///
/// Natively the counts are sized up front, ASCII is lowered without the case iterator and the
/// ranks are looked up in a flat table (corpus cleaning: a twelfth of the fallback's cost each);
/// the wasm keeps the shorter form below, the same answers (those three cost 4 KB gzipped there).
#[cfg(not(target_arch = "wasm32"))]
fn trigram_detect(text: &str, group: &str, allowed: &dyn Fn(&str) -> bool) -> Option<(&'static str, f64)> {
    // Trigrams of the lowercased text, punctuation and digits read as spaces, no trigram of two
    // spaces; ranked by count (ties by the trigram, descending, as whatlang does).
    let stop = |c: char| matches!(c, '\u{0}'..='\u{40}' | '\u{5B}'..='\u{60}' | '\u{7B}'..='\u{7E}');
    // Each trigram's count in a flat table sized for the text (see `TrigramCounts`).
    let mut counts = TrigramCounts::new(text.len() + 1);
    let (mut c1, mut c2) = (' ', ' ');
    let mut first = true;
    let mut add = |c3: char| {
        let c3 = if stop(c3) { ' ' } else { c3 };
        if first {
            (c2, first) = (c3, false);
            return;
        }
        if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
            counts.add(pack(c1, c2, c3));
        }
        (c1, c2) = (c2, c3);
    };
    for c in text.chars() {
        // An ASCII character's lower case is one character (the general case's iterator was a
        // quarter of the detection's cost).
        if c.is_ascii() {
            add(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut add);
        }
    }
    add(' ');
    let positions = RankTable::new(top_of_ranked(counts.ranked()));
    rank_profiles(positions.len, group, allowed, |t| positions.get(t))
}

/// The bits of a packed trigram ([`pack`]); a count is kept above them.
const TRIGRAM_BITS: u32 = 48;

/// The counts of a sample's trigrams (native [`trigram_detect`]): each slot holds a trigram and
/// its count above it (`count << TRIGRAM_BITS | trigram`, the form [`top_trigrams`] ranks), probed
/// linearly from a Fibonacci hash; 0 marks a free slot (a packed trigram is never 0). It has more
/// slots than the text can have trigrams (one per character, and one more), so it never grows
/// or fills, and a count (at most one per character) never reaches the trigram's bits for any
/// text shorter than 2^16 bytes (longer texts take the map instead). The
/// general map, its hashing and its entry per trigram were two thirds of the trigram count's
/// cost.
#[cfg(not(target_arch = "wasm32"))]
enum TrigramCounts {
    /// The slots, the Fibonacci hash's shift, and the slots taken, in the order taken (reading
    /// the counts back then reads only those, not the whole table).
    Flat {
        slots: Vec<u64>,
        shift: u32,
        taken: Vec<u32>,
    },
    Map(HashMap<u64, u32, FoldedMultiplyBuild>),
}

#[cfg(not(target_arch = "wasm32"))]
impl TrigramCounts {
    /// Room for `most` distinct trigrams.
    fn new(most: usize) -> TrigramCounts {
        if most >= 1 << 16 {
            return TrigramCounts::Map(HashMap::with_capacity_and_hasher(
                most.min(DETECTION_SAMPLE_BYTES),
                Default::default(),
            ));
        }
        // More slots than trigrams: never full (at most half full on a sample of one trigram per
        // character, and a sample repeats most of its trigrams).
        let bits = (most + 1).next_power_of_two().trailing_zeros().max(4);
        TrigramCounts::Flat { slots: vec![0; 1 << bits], shift: 64 - bits, taken: Vec::with_capacity(most.min(1024)) }
    }

    #[inline]
    fn add(&mut self, trigram: u64) {
        match self {
            TrigramCounts::Flat { slots, shift, taken } => {
                let mask = slots.len() - 1;
                let mut i = (trigram.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> *shift) as usize;
                while let Some(slot) = slots.get_mut(i & mask) {
                    if *slot & ((1 << TRIGRAM_BITS) - 1) == trigram {
                        *slot += 1 << TRIGRAM_BITS;
                        return;
                    }
                    if *slot == 0 {
                        *slot = 1 << TRIGRAM_BITS | trigram;
                        taken.push((i & mask) as u32);
                        return;
                    }
                    i += 1;
                }
            }
            TrigramCounts::Map(map) => *map.entry(trigram).or_insert(0) += 1,
        }
    }

    /// Every counted trigram as `count << TRIGRAM_BITS | trigram` (the count capped at 0xFFFF), in
    /// no particular order: what [`top_trigrams`] sorts.
    fn ranked(self) -> Vec<u64> {
        match self {
            TrigramCounts::Flat { slots, taken, .. } => {
                taken.iter().filter_map(|&i| slots.get(i as usize).copied()).collect()
            }
            TrigramCounts::Map(map) => ranked_counts(map),
        }
    }
}

/// The sample's [`TEXT_TRIGRAMS`] most frequent trigrams, most frequent first (ties by the
/// trigram, descending, as whatlang ranks them), from their counts.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn top_trigrams(counts: HashMap<u64, u32, FoldedMultiplyBuild>) -> impl Iterator<Item = u64> {
    top_of_ranked(ranked_counts(counts))
}

/// The counts as [`TrigramCounts::ranked`] gives them: `count << TRIGRAM_BITS | trigram`.
fn ranked_counts(counts: HashMap<u64, u32, FoldedMultiplyBuild>) -> Vec<u64> {
    counts.into_iter().map(|(t, n)| (u64::from(n.min(0xFFFF)) << TRIGRAM_BITS) | t).collect()
}

/// [`top_trigrams`] from the ranked form of the counts.
fn top_of_ranked(mut ranked: Vec<u64>) -> impl Iterator<Item = u64> {
    ranked.sort_unstable();
    ranked.into_iter().rev().take(TEXT_TRIGRAMS).map(|key| key & ((1 << TRIGRAM_BITS) - 1))
}

/// The closest language of `group` to a sample whose `unique` top trigrams have the ranks
/// `position` gives (see [`trigram_detect`]).
fn rank_profiles(
    unique: u32,
    group: &str,
    allowed: &dyn Fn(&str) -> bool,
    position: impl Fn(u64) -> Option<u32>,
) -> Option<(&'static str, f64)> {
    if unique == 0 {
        return None;
    }
    let (mut best, mut second): (Option<(&'static str, u32)>, Option<u32>) = (None, None);
    for (g, code, profile) in trigram_profiles() {
        if *g != group || !allowed(code) {
            continue;
        }
        let mut distance: u32 = profile
            .iter()
            .enumerate()
            .map(|(i, &t)| position(t).map_or(MAX_TRIGRAM_DISTANCE, |p| p.abs_diff(i as u32)))
            .sum();
        // A text with fewer distinct trigrams than the profile misses the rest for every
        // language alike; whatlang discounts them so short texts are not all "far".
        let length = profile.len() as u32;
        if length > unique {
            distance = distance.saturating_sub((length - unique) * MAX_TRIGRAM_DISTANCE);
        }
        distance = distance.min(length * MAX_TRIGRAM_DISTANCE);
        match best {
            Some((_, d)) if distance >= d => {
                if second.is_none_or(|s| distance < s) {
                    second = Some(distance);
                }
            }
            _ => {
                second = best.map(|(_, d)| d);
                best = Some((code, distance));
            }
        }
    }
    let (code, distance) = best?;
    let max = f64::from(unique * MAX_TRIGRAM_DISTANCE);
    let score = |d: u32| (max - f64::from(d)).max(0.0) / max;
    let confidence = match second {
        None => 1.0,
        Some(d2) => trigram_confidence(score(distance), score(d2), unique as usize),
    } * (f64::from(unique) / CONFIDENT_TRIGRAMS as f64).min(1.0);
    Some((code, confidence))
}

/// [`trigram_detect`] in the wasm: the general map for the ranks and the case iterator.
#[cfg(target_arch = "wasm32")]
fn trigram_detect(text: &str, group: &str, allowed: &dyn Fn(&str) -> bool) -> Option<(&'static str, f64)> {
    // Trigrams of the lowercased text, punctuation and digits read as spaces, no trigram of two
    // spaces; ranked by count (ties by the trigram, descending, as whatlang does).
    let stop = |c: char| matches!(c, '\u{0}'..='\u{40}' | '\u{5B}'..='\u{60}' | '\u{7B}'..='\u{7E}');
    let mut counts: HashMap<u64, u32, FoldedMultiplyBuild> = HashMap::default();
    let (mut c1, mut c2) = (' ', ' ');
    let mut first = true;
    for c3 in text.chars().flat_map(char::to_lowercase).map(|c| if stop(c) { ' ' } else { c }).chain([' ']) {
        if first {
            (c2, first) = (c3, false);
            continue;
        }
        if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
            *counts.entry(pack(c1, c2, c3)).or_insert(0) += 1;
        }
        (c1, c2) = (c2, c3);
    }
    let positions: HashMap<u64, u32, FoldedMultiplyBuild> =
        top_trigrams(counts).enumerate().map(|(i, t)| (t, i as u32)).collect();
    rank_profiles(positions.len() as u32, group, allowed, |t| positions.get(&t).copied())
}

/// whatlang's confidence from the best and second scores: 1 when the best leads by more than a
/// rate that shrinks with the number of trigrams (`3 / count + 0.015`), else in proportion.
fn trigram_confidence(best: f64, second: f64, count: usize) -> f64 {
    if best == 0.0 {
        return 0.0;
    }
    if second == 0.0 {
        return best;
    }
    let confident_rate = 3.0 / count as f64 + 0.015;
    let rate = (best - second) / second;
    if rate > confident_rate {
        1.0
    } else {
        rate / confident_rate
    }
}

/// English names of the languages the detectors can answer (whatlang's), by code.
fn language_name(code: &str) -> &'static str {
    const NAMES: &[(&str, &str)] = &[
        ("eo", "Esperanto"),
        ("en", "English"),
        ("ru", "Russian"),
        ("zh", "Mandarin"),
        ("es", "Spanish"),
        ("pt", "Portuguese"),
        ("it", "Italian"),
        ("bn", "Bengali"),
        ("fr", "French"),
        ("de", "German"),
        ("uk", "Ukrainian"),
        ("ka", "Georgian"),
        ("ar", "Arabic"),
        ("hi", "Hindi"),
        ("ja", "Japanese"),
        ("he", "Hebrew"),
        ("yid", "Yiddish"),
        ("pl", "Polish"),
        ("amh", "Amharic"),
        ("jav", "Javanese"),
        ("ko", "Korean"),
        ("no", "Bokmal"),
        ("da", "Danish"),
        ("sv", "Swedish"),
        ("fi", "Finnish"),
        ("tr", "Turkish"),
        ("nl", "Dutch"),
        ("hu", "Hungarian"),
        ("cs", "Czech"),
        ("el", "Greek"),
        ("bg", "Bulgarian"),
        ("be", "Belarusian"),
        ("mr", "Marathi"),
        ("kan", "Kannada"),
        ("ro", "Romanian"),
        ("sl", "Slovene"),
        ("hr", "Croatian"),
        ("sr", "Serbian"),
        ("mkd", "Macedonian"),
        ("lt", "Lithuanian"),
        ("lv", "Latvian"),
        ("et", "Estonian"),
        ("ta", "Tamil"),
        ("vi", "Vietnamese"),
        ("ur", "Urdu"),
        ("th", "Thai"),
        ("guj", "Gujarati"),
        ("uzb", "Uzbek"),
        ("pan", "Punjabi"),
        ("az", "Azerbaijani"),
        ("id", "Indonesian"),
        ("tel", "Telugu"),
        ("fa", "Persian"),
        ("mal", "Malayalam"),
        ("ori", "Oriya"),
        ("mya", "Burmese"),
        ("nep", "Nepali"),
        ("sin", "Sinhalese"),
        ("khm", "Khmer"),
        ("tuk", "Turkmen"),
        ("aka", "Akan"),
        ("zul", "Zulu"),
        ("sna", "Shona"),
        ("af", "Afrikaans"),
        ("lat", "Latin"),
        ("sk", "Slovak"),
        ("ca", "Catalan"),
        ("tl", "Tagalog"),
        ("hy", "Armenian"),
        ("cym", "Welsh"),
    ];
    NAMES.iter().find(|&&(c, _)| c == code).map_or("", |&(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flat_profile_table_answers_as_the_map_does() {
        let profiles = profiles();
        assert!(!profiles.table.is_empty());
        let mut words = 0;
        for (code, _) in &profiles.langs {
            crate::text::stopwords::for_each_stopword(code, |w| {
                let bits = profiles.table.get(&word_hash(w)).copied().unwrap_or(0);
                assert_ne!(bits, 0, "{w}");
                assert_eq!(profiles.flat.get(profile_word_hash(w)), bits, "{w}");
                words += 1;
            });
        }
        assert!(words > 1000);
        for word in ["buniogr", "council", "treanai", "", "0", "internationally", "Straße", "don't"] {
            let bits = profiles.table.get(&word_hash(word)).copied().unwrap_or(0);
            assert_eq!(profiles.flat.get(profile_word_hash(word)), bits, "{word}");
        }
    }

    /// [`stopword_profile_with`]'s walk written plainly: a character at a time, each word cut out
    /// and hashed with `word_hash`, looked up in the map (the wasm's table), the checkpoints taken
    /// after each word; the decisions are the same functions (`early_decision`,
    /// `final_decision`), so what this checks is the walk.
    fn reference_profile(sample: &str, short: bool) -> Option<Language> {
        let profiles = profiles();
        let (mut latin, mut cyrillic, mut letters) = (0usize, 0usize, 0usize);
        let mut counts = [0u32; 64];
        let mut words = 0usize;
        let mut start: Option<usize> = None;
        let chars: Vec<(usize, char)> = sample.char_indices().collect();
        let count_word = |word: &str, counts: &mut [u32; 64], words: &mut usize| {
            if *words >= PROFILE_MAX_WORDS {
                return;
            }
            *words += 1;
            let bits = profiles.table.get(&word_hash(word)).copied().unwrap_or(0);
            for (i, count) in counts.iter_mut().enumerate() {
                *count += u32::from(bits >> i & 1 == 1);
            }
        };
        let mut k = 0;
        while k < chars.len() && words < PROFILE_MAX_WORDS {
            let (i, c) = chars[k];
            if c.is_alphanumeric() {
                if c.is_alphabetic() {
                    letters += 1;
                    match c as u32 {
                        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => latin += 1,
                        0x400..=0x52F => cyrillic += 1,
                        _ => {}
                    }
                }
                start.get_or_insert(i);
            } else {
                let next_alphanumeric = chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                let inner = matches!(c, '\'' | '’' | '-') && start.is_some() && next_alphanumeric;
                if !inner {
                    if let Some(s) = start.take() {
                        count_word(&sample[s..i], &mut counts, &mut words);
                        if PROFILE_CHECKPOINTS.contains(&words) {
                            let early = early_decision(profiles, &counts, words, (latin, cyrillic, letters));
                            if early.is_some() {
                                return early;
                            }
                        }
                    }
                }
            }
            k += 1;
        }
        if let Some(s) = start {
            count_word(&sample[s..], &mut counts, &mut words);
        }
        final_decision(profiles, &counts, words, (latin, cyrillic, letters), short)
    }

    fn check_profile(sample: &str) {
        for short in [false, true] {
            assert_eq!(stopword_profile_with(sample, short), reference_profile(sample, short), "{short} {sample:?}");
        }
    }

    #[test]
    fn the_profile_walk_is_the_plain_walk() {
        let english = "The council said on Tuesday that it would not be able to meet the costs of the \
            new bridge, and that the work would have to wait until next year. ";
        let german = "Die Regierung hat am Dienstag beschlossen, dass die Steuern für die Bürger nicht \
            steigen werden, sagte ein Sprecher des Ministeriums in Berlin. ";
        for text in [
            english.repeat(30),
            german.repeat(30),
            format!("{}{}", english.repeat(3), german.repeat(10)),
            "Это было в понедельник, и он сказал, что не будет ".repeat(20),
            "don't it's well-known - 'quoted' ’tis rock’n’roll a- -b".repeat(10),
            "internationally12345678 abcdefgh ABCDEFGHIJ x".repeat(20),
            "the".to_string(),
            String::new(),
        ] {
            check_profile(&text);
        }
    }

    proptest::proptest! {
        #[test]
        fn flat_trigram_counts_are_the_map_counts_on_any_text(text in "[a-e ]{0,300}|\\PC{0,100}") {
            let lowered: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
            let trigrams: Vec<u64> = lowered.windows(3).map(|w| pack(w[0], w[1], w[2])).collect();
            check_trigram_counts(&trigrams, text.len() + 1);
        }

        #[test]
        fn detection_with_the_flat_counts_is_the_map_s(text in "((der|die|og|på|det|er|и|на|[a-zæøåäöüß]{1,9}|\\PC)[ ,.]{0,2}){0,120}") {
            let sample = prefix_at_char_boundary(&text, DETECTION_SAMPLE_BYTES);
            for group in ["latin", "cyrillic"] {
                let mut counts: HashMap<u64, u32, FoldedMultiplyBuild> = HashMap::default();
                let lowered: Vec<char> = sample
                    .chars()
                    .flat_map(char::to_lowercase)
                    .map(|c| if matches!(c, '\u{0}'..='\u{40}' | '\u{5B}'..='\u{60}' | '\u{7B}'..='\u{7E}') { ' ' } else { c })
                    .chain([' '])
                    .collect();
                let (mut c1, mut c2) = (' ', ' ');
                for (k, &c3) in lowered.iter().enumerate() {
                    if k > 0 && !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
                        *counts.entry(pack(c1, c2, c3)).or_insert(0) += 1;
                    }
                    (c1, c2) = if k == 0 { (c1, c3) } else { (c2, c3) };
                }
                let positions: HashMap<u64, u32> = top_trigrams(counts).enumerate().map(|(i, t)| (t, i as u32)).collect();
                let want = rank_profiles(positions.len() as u32, group, &|_| true, |t| positions.get(&t).copied());
                proptest::prop_assert_eq!(trigram_detect(sample, group, &|_| true), want);
            }
        }

        #[test]
        fn the_profile_walk_is_the_plain_walk_on_any_text(
            text in "((the|of|and|und|der|die|le|la|и|не|é|ü|[a-zA-Z0-9]{1,12}|\\PC)[ ,.'’\\-]{0,2}){0,500}"
        ) {
            check_profile(&text);
        }
    }

    #[test]
    fn ascii_letters_are_latin_and_other_ascii_no_script() {
        for c in (0u8..0x80).map(char::from) {
            assert_eq!(
                Script::of(c).map(|s| s as usize),
                c.is_ascii_alphabetic().then_some(Script::Latin as usize),
                "{c:?}"
            );
        }
    }

    /// The flat trigram counts against the map's.
    fn check_trigram_counts(trigrams: &[u64], most: usize) {
        let mut flat = TrigramCounts::new(most);
        let mut map: HashMap<u64, u32, FoldedMultiplyBuild> = HashMap::default();
        for &t in trigrams {
            flat.add(t);
            *map.entry(t).or_insert(0) += 1;
        }
        let mut got = flat.ranked();
        got.sort_unstable();
        let mut want = ranked_counts(map);
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn flat_trigram_counts_are_the_map_counts() {
        let text = "the cat sat on the mat, and the other cat sat on the hat. ".repeat(60);
        let chars: Vec<char> = text.chars().collect();
        let trigrams: Vec<u64> = chars.windows(3).map(|w| pack(w[0], w[1], w[2])).collect();
        check_trigram_counts(&trigrams, trigrams.len());
        // One trigram as often as the table allows, and the map's side.
        check_trigram_counts(&vec![pack('a', 'b', 'c'); 5000], 5000);
        check_trigram_counts(&[pack('a', 'b', 'c'), pack('x', 'y', 'z')], 1 << 16);
    }

    #[test]
    fn ascii_word_runs_are_the_letters_and_digits_in_front() {
        for (chunk, run, letters) in [
            (&b"abcdefgh"[..], 8, 8),
            (b"Abc defg", 3, 3),
            (b"a1B2 x", 4, 2),
            (b"09:AZaz", 2, 0),
            (b"@[`{/:az", 0, 0),
            (b"xyz\xc3\xa9ab", 3, 3),
            (b"ab", 2, 2),
            (b"", 0, 0),
        ] {
            let (n, l, lowered) = ascii_word_run(crate::text::swar::load_padded(chunk));
            assert_eq!((n, l), (run, letters), "{chunk:?}");
            let mut expected = [0u8; 8];
            for (e, c) in expected.iter_mut().zip(&chunk[..run]) {
                *e = c.to_ascii_lowercase();
            }
            assert_eq!(lowered, u64::from_le_bytes(expected), "{chunk:?}");
        }
        // Every byte in front of every other: the run stops exactly at the first non-word byte.
        for a in 0..=255u8 {
            for b in [b'a', b'Z', b'5', b' ', 0x80, 0xC3] {
                let (n, _, _) = ascii_word_run(crate::text::swar::load_padded(&[a, b]));
                let expected = if !a.is_ascii_alphanumeric() {
                    0
                } else if b.is_ascii_alphanumeric() {
                    2
                } else {
                    1
                };
                assert_eq!(n, expected, "{a:#x} {b:#x}");
            }
        }
    }

    #[test]
    fn stopwords_decoded_as_they_go_are_the_lists() {
        let mut codes = PROFILE_LATIN.to_vec();
        codes.extend_from_slice(PROFILE_CYRILLIC);
        codes.extend_from_slice(&["ar", "zh", "hi", "xx"]);
        let mut lists = 0;
        for code in codes {
            let mut streamed = Vec::new();
            let listed = crate::text::stopwords::for_each_stopword(code, |w| streamed.push(w.to_string()));
            let list: Option<Vec<String>> =
                crate::text::stopwords::stopword_list(code).map(|words| words.map(str::to_string).collect());
            assert_eq!(listed, list.is_some(), "{code}");
            assert_eq!(streamed, list.unwrap_or_default(), "{code}");
            lists += usize::from(listed);
        }
        assert!(lists >= 30, "{lists}");
    }

    #[test]
    fn latin1_lower_cases_are_the_unicode_ones() {
        for c in (0u32..0x300).filter_map(char::from_u32) {
            if let Some(lower) = latin1_lower(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), lower.to_string(), "{c}");
            }
        }
        assert_eq!(latin1_lower('×'), None);
        assert_eq!(latin1_lower('A'), None);
    }

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
    fn fallback_names_the_language_whatlang_names() {
        for (text, code, iso3) in [
            ("Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα για την οικονομία.", "el", "ell"),
            ("東京で火曜日、政府は新しい税制を発表しました。", "ja", "jpn"),
            ("政府周二宣布了新的税收政策。", "zh", "cmn"),
            ("Правительство во вторник объявило о новых налогах.", "ru", "rus"),
            ("Мы были в парке, который открылся в субботу.", "ru", "rus"),
            ("Уряд у вівторок оголосив про нові податки на пальне.", "uk", "ukr"),
            ("Regeringen har tirsdag besluttet at sænke skatten på benzin.", "da", "dan"),
            ("La policía detuvo a tres personas en el centro de la ciudad.", "es", "spa"),
            ("أعلنت الحكومة يوم الثلاثاء عن ضرائب جديدة على الوقود", "ar", "ara"),
        ] {
            let ours = detect_language(text).map(|l| l.code);
            assert_eq!(ours.as_deref(), Some(code), "{text}");
            let theirs = whatlang::detect(text).map(|i| i.lang().code().to_string());
            assert_eq!(theirs.as_deref(), Some(iso3), "{text}");
        }
        assert!(detect_language("1234 !!! ...").is_none());
    }

    #[test]
    fn a_few_words_are_not_a_confident_guess() {
        let few = detect_language("Ristretto | Modernist Coffee");
        assert!(few.as_ref().is_some_and(|l| l.confidence < 0.3), "{few:?}");
        let sentence = "La policía detuvo a tres personas en el centro de la ciudad el martes por la noche, \
                        según informó el ayuntamiento en un comunicado.";
        assert!(detect_language(sentence).is_some_and(|l| l.code == "es" && l.confidence >= 0.3));
    }

    #[test]
    fn the_fast_letter_classes_and_case_folding_are_the_unicode_ones() {
        let ranges = [0..0x400u32, 0x1E00..0x2100, 0x3000..0x3100];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(letter_class(c), (c.is_alphanumeric(), c.is_alphabetic()), "{c:?}");
            let mut buf = [0u8; 4];
            let folded = fold_lowercase(FNV_OFFSET, c, &mut buf);
            assert_eq!(folded, word_hash(&c.to_string()), "{c:?}");
        }
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix_at_char_boundary("ééé", 3), "é");
    }
}
