//! Block features: everything the classifier knows about one block, computed once, in one pass
//! over its characters and words. A block comes in as a [`BlockInput`] (text plus, in HTML mode,
//! the [`HtmlEvidence`] the page structure gave); [`compute`] turns it into [`BlockFeatures`],
//! which are also what a removal carries as its evidence.
//!
//! Word splitting here is deliberately cheaper than UAX #29: a word is a run of letters or digits
//! (apostrophes and hyphens inside a word kept). On news text that gives the same counts as
//! `text::segment::words` for spaced scripts and keeps text mode well above 50 MB/s. Characters
//! of unspaced scripts (CJK, kana, Thai) count as words at [`CJK_CHARS_PER_WORD`].

use serde::{Deserialize, Serialize};

use crate::hashing::WordHashSet;
use crate::text::language::{fold_lowercase, NATIVE_FAST_PATHS};
use crate::text::Stopwords;

/// What the HTML structure says about a block (HTML mode only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HtmlEvidence {
    /// The element the block came from (p, h1, li, td, figcaption...).
    pub tag: String,
    /// Share of the block's characters inside links.
    pub link_density: f64,
    /// Inside the container the HTML extractor picked as the main content.
    pub in_main: bool,
    /// A heading element (h1-h6).
    pub heading: bool,
}

/// One block to classify: its display text, the 1-based line it starts on, and optional HTML
/// evidence. Text mode and HTML mode both produce these.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockInput {
    pub text: String,
    pub line: usize,
    pub html: Option<HtmlEvidence>,
}

/// Two CJK characters carry about as much as one English word; used to make length thresholds
/// mean the same in unspaced scripts.
pub const CJK_CHARS_PER_WORD: f64 = 2.0;

/// Blocks longer than this many words only sample their first words for stopwords and casing:
/// a 5 MB single line costs the same per byte as a short one, and the ratios are stable by then.
const SAMPLE_WORDS: usize = 400;

/// Neighbour similarity compares the first 64 words: enough to tell a caption's copy from a
/// different line, constant cost on long blocks.
const NEIGHBOUR_WORDS: usize = 64;

/// A language's stopwords as case-folded word hashes ([`word_hash`]): the hot loop hashes each
/// sampled word once and uses the hash both here and for neighbour similarity, with no
/// allocation and no second hash. The set is built with the stopword list (see
/// [`Stopwords::word_hashes`]), so finding it per block takes no lock.
pub(crate) struct StopHashes;

impl StopHashes {
    /// The set for the same list as `stopwords`.
    pub(crate) fn of(stopwords: &Stopwords) -> &WordHashSet {
        stopwords.word_hashes()
    }
}

pub(crate) use crate::hashing::{fnv_byte, word_hash, FNV_OFFSET};

/// The feature values of one block. Serialised with every removal as its evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockFeatures {
    /// Length in words (unspaced scripts: characters / [`CJK_CHARS_PER_WORD`]).
    pub words: usize,
    /// Share of (sampled) words that are stopwords of the detected language; `None` without a
    /// stopword list.
    pub stopword_ratio: Option<f64>,
    /// Ends like a sentence (. ! ? and CJK forms, possibly followed by closing quotes).
    pub terminal_punctuation: bool,
    /// Ends with an ellipsis ("..." or "…"): a cut teaser.
    pub ellipsis: bool,
    /// Share of alphabetic words starting with a capital letter.
    pub title_case_ratio: f64,
    /// Every cased letter is upper case (and there are at least a few).
    pub all_caps: bool,
    /// Share of characters that are digits.
    pub digit_ratio: f64,
    /// Contains a date or a clock time.
    pub has_date: bool,
    /// @handles, URLs, #tags, e-mail addresses and phone numbers.
    pub link_tokens: usize,
    /// Navigation separators: > » | / • between words.
    pub separators: usize,
    /// Position in the document, 0 (first block) to 1 (last).
    pub position: f64,
    /// Word overlap (Jaccard of the first words) with the previous block.
    pub previous_similarity: f64,
    /// Member of a run of consecutive short non-sentence lines (the shape of a headline list).
    pub in_short_run: usize,
}

/// Counts computed in one pass over the text, before context (position, neighbours) is known.
#[derive(Clone)]
pub(crate) struct Scan {
    pub features: BlockFeatures,
    /// The learned decision's word score of the block ([`super::model::lexical_score`]).
    pub lexical: f64,
    /// The most negative lexicon weight among the block's first words ([`super::model::Lexical::min`]).
    pub lexical_min: f64,
    /// Which of the bytes a photo credit's marks need the text may hold ([`CreditMarks`]).
    pub marks: CreditMarks,
}

impl Scan {
    /// This scan with the context fields (position, similarity to the previous block, short run)
    /// cleared: what the text alone gives, for a copy of the text elsewhere to take.
    pub(crate) fn without_context(&self) -> Scan {
        let mut features = self.features.clone();
        features.position = 0.0;
        features.previous_similarity = 0.0;
        features.in_short_run = 0;
        Scan { features, ..*self }
    }
}

/// Which of the bytes that a caption's credit needs (`(`, `:`, `/` and 0xC2, the first byte of
/// "©") a text may hold, as the scan saw them go by: `signals::caption_credit` asks for them on
/// most short blocks of every document, and four searches of each such block were 1% of corpus
/// cleaning (3% of the 100,000 bench lines); `signals::text_signal_marked` asks for `:`. A clear flag is exact (the byte is absent); a set
/// one is exact too, except [`CreditMarks::UNKNOWN`] (a block the scan did not read), which says
/// every byte may be there and leaves the searches to the signal.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct CreditMarks(u8);

impl CreditMarks {
    /// `(`.
    const PARENTHESIS: u8 = 1;
    /// `:` or `/` (a label's bytes).
    const LABEL: u8 = 2;
    /// 0xC2.
    const C2: u8 = 4;
    /// Nothing known: every byte may be there.
    pub(crate) const UNKNOWN: CreditMarks = CreditMarks(Self::PARENTHESIS | Self::LABEL | Self::C2);

    /// The text may hold `(`.
    pub(crate) fn parenthesis(self) -> bool {
        self.0 & Self::PARENTHESIS != 0
    }

    /// The text may hold `:` or `/`.
    pub(crate) fn label(self) -> bool {
        self.0 & Self::LABEL != 0
    }

    /// The text may hold one of `(`, `:`, `/` or the byte 0xC2.
    pub(crate) fn any(self) -> bool {
        self.0 != 0
    }
}

/// True for characters of scripts written without spaces.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xF900..=0xFAFF // CJK Compatibility Ideographs
        | 0x0E00..=0x0E7F // Thai
        | 0x1780..=0x17FF // Khmer
    )
}

/// Calls `visit` with each word of `text` by the cheap rule (runs of alphanumerics, inner ' and
/// - kept) and returns the count of unspaced-script characters seen outside them. No allocation.
pub(crate) fn for_each_word<'a>(text: &'a str, mut visit: impl FnMut(&'a str)) -> usize {
    // Driven by bytes: ASCII (most characters of most lines) is classified without decoding, and
    // only non-ASCII characters are decoded.
    let bytes = text.as_bytes();
    let mut unspaced = 0usize;
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                }
                i += 1;
                continue;
            }
        } else if is_unspaced(c) {
            unspaced += 1;
            if let Some(s) = start.take() {
                visit(&text[s..i]);
            }
            i += len;
            continue;
        } else if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            i += len;
            continue;
        }
        let inner = matches!(c, '\'' | '’' | '-') && start.is_some() && i + len < bytes.len() && {
            let (n, _) = char_at(text, i + len);
            n.is_alphanumeric() && !is_unspaced(n)
        };
        if !inner {
            if let Some(s) = start.take() {
                visit(&text[s..i]);
            }
        }
        i += len;
    }
    if let Some(s) = start {
        visit(&text[s..]);
    }
    unspaced
}

/// What one pass over a block's bytes counts besides its words (see [`scan_words`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct TextPass {
    /// Characters of unspaced scripts outside words (as [`for_each_word`] returns).
    unspaced: usize,
    upper: usize,
    lower: usize,
    /// ASCII digits.
    digits: usize,
    chars: usize,
    /// One of @ # / > | + is present.
    token_byte: bool,
    /// "www." or "WWW." is present.
    www_exact: bool,
    /// "www." in any mix of cases is present.
    www_any_case: bool,
    /// A lead byte of » · (0xC2) or • › → (0xE2) is present.
    separator_lead: bool,
    /// One of » · • › → is present.
    separator: bool,
    /// The credit bytes present.
    marks: CreditMarks,
}

impl TextPass {
    /// False when no token of the text can be a link token or a separator, so the token pass
    /// can be skipped (most prose). A link token needs `@`, `#`, `/` (URLs), `www.` or eight
    /// digits (a phone number); a separator is one of > | / » · • › →. `+` and the lead bytes
    /// of » · (0xC2) and of • › → (0xE2) open the gate as they always have, but 0xE2 also leads
    /// curly quotes and dashes, which are in most lines of news: those lines are only scanned
    /// when a separator or a case-insensitive "www." is really there (a "Www." token is found
    /// only in lines the old gate opened, so the answer is exactly the old one).
    fn may_have_tokens(&self) -> bool {
        self.digits >= 8
            || self.www_exact
            || self.token_byte
            || self.separator_lead && (self.separator || self.www_any_case)
    }
}

/// [`for_each_word`] (each word as its byte range `start..end` in `text`) and, in the same pass
/// over the bytes, the letter, digit and character
/// counts and the token-gate evidence of [`TextPass`]. One loop instead of three: on text mode's
/// hot path the passes over each line were most of the scan. Each of the first `hashed` words
/// also comes with its [`word_hash`], folded in as its bytes go by (later words get 0): a
/// second pass over every word to hash it was a tenth of corpus cleaning. Each word also comes
/// with whether it is all ASCII digits, known from its bytes as they go by (the lexicon leaves
/// numbers out, and looking at every word's bytes again for that was a share of the scan).
// Natively inlined into its caller with the per-word visit and `end_word`: the caller's counters
// then stay in registers instead of being reached through the closure's pointers at every word
// (a function call and a dozen memory round trips per word were half the per-word cost). The
// wasm keeps the calls (less code).
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn scan_words(text: &str, hashed: usize, mut visit: impl FnMut(usize, usize, u64, bool)) -> TextPass {
    let bytes = text.as_bytes();
    let mut pass = TextPass::default();
    // The token gate's evidence as bits of one byte ([`GATE_TOKEN_BYTE`]...), turned into the
    // `TextPass` flags at the end: kept as five separate flags, they were copied between stack
    // slots at every step of the loop (a dozen instructions a step, a tenth of the scan).
    let mut gate = 0u8;
    let mut start: Option<usize> = None;
    let mut words = 0usize;
    // The running hash of the current word, and whether it is one of the first `hashed`.
    let mut hash = FNV_OFFSET;
    let mut hashing = hashed > 0;
    // The current word has had only ASCII digits so far.
    let mut digits_only = true;
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[allow(clippy::too_many_arguments)]
    fn end_word(
        visit: &mut impl FnMut(usize, usize, u64, bool),
        start: usize,
        end: usize,
        words: &mut usize,
        hashed: usize,
        hash: &mut u64,
        hashing: &mut bool,
        digits_only: &mut bool,
    ) {
        visit(start, end, if *hashing { *hash } else { 0 }, *digits_only);
        *words += 1;
        *hashing = *words < hashed;
        *hash = FNV_OFFSET;
        *digits_only = true;
    }
    // Longer texts (over 2 GB) take the byte path below, whose counts cannot overflow.
    let packed = bytes.len() < PACKED_RUN_LIMIT;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // The table answers "letter or digit" too (non-zero exactly for those).
            if NATIVE_FAST_PATHS && packed && ASCII_COUNTS[usize::from(b)] != 0 {
                if start.is_none() {
                    start = Some(i);
                }
                // The whole run of ASCII letters and digits in one tight loop with its counts
                // and hash in registers (through the main loop they were kept in memory).
                // One table load per byte answers all three questions (letter or digit, digit,
                // upper case) instead of three range tests.
                // The counts go into one word, digits in the low half and capitals in the high
                // one, each class adding its share with one addition (a run is shorter than
                // `PACKED_RUN_LIMIT`, so neither half overflows; the flag bit that makes every
                // letter's class non-zero wraps harmlessly off the top).
                let (mut j, mut counts) = (i, 0u64);
                if hashing {
                    let mut h = hash;
                    while let Some(&c) = bytes.get(j) {
                        let class = ASCII_COUNTS[usize::from(c)];
                        if class == 0 {
                            break;
                        }
                        counts = counts.wrapping_add(class);
                        // Setting bit 5 lowers a capital and leaves a small letter or a digit (all
                        // of which have it) as it is: the lowered byte without asking its class.
                        h = fnv_byte(h, c | 0x20);
                        j += 1;
                    }
                    hash = h;
                } else {
                    while let Some(&c) = bytes.get(j) {
                        let class = ASCII_COUNTS[usize::from(c)];
                        if class == 0 {
                            break;
                        }
                        counts = counts.wrapping_add(class);
                        j += 1;
                    }
                }
                let digits = (counts & 0xFFFF_FFFF) as usize;
                let upper = ((counts >> 32) & 0x7FFF_FFFF) as usize;
                let len = j - i;
                digits_only &= digits == len;
                pass.chars += len;
                pass.digits += digits;
                pass.upper += upper;
                pass.lower += len - digits - upper;
                i = j;
                // A space after the run (most words) ends the word here, as the byte path below
                // would after counting it as a character and finding it neither a gate byte nor
                // a joiner: four tests a word fewer.
                if bytes.get(j) == Some(&b' ') {
                    pass.chars += 1;
                    if let Some(s) = start.take() {
                        end_word(&mut visit, s, j, &mut words, hashed, &mut hash, &mut hashing, &mut digits_only);
                    }
                    i = j + 1;
                }
                continue;
            }
            pass.chars += 1;
            // The same a byte at a time (the wasm build: less code).
            if b.is_ascii_alphanumeric() {
                digits_only &= b.is_ascii_digit();
                pass.digits += usize::from(b.is_ascii_digit());
                pass.upper += usize::from(b.is_ascii_uppercase());
                pass.lower += usize::from(b.is_ascii_lowercase());
                if start.is_none() {
                    start = Some(i);
                }
                if hashing {
                    hash = fnv_byte(hash, b.to_ascii_lowercase());
                }
                i += 1;
                continue;
            }
            match b {
                b'@' | b'#' | b'>' | b'|' | b'+' => gate |= GATE_TOKEN_BYTE,
                // The credit marks go straight into `pass` (in memory): a wider gate, or one
                // more flag carried through the loop, had it keep the word hash on the stack.
                b'/' => {
                    gate |= GATE_TOKEN_BYTE;
                    pass.marks.0 |= CreditMarks::LABEL;
                }
                b'(' => pass.marks.0 |= CreditMarks::PARENTHESIS,
                b':' => pass.marks.0 |= CreditMarks::LABEL,
                b'.' if i >= 3 => {
                    let w = &bytes[i - 3..i];
                    if w.eq_ignore_ascii_case(b"www") {
                        gate |= GATE_WWW_ANY_CASE;
                        if w == b"www" || w == b"WWW" {
                            gate |= GATE_WWW_EXACT;
                        }
                    }
                }
                _ => {}
            }
            let inner = matches!(b, b'\'' | b'-') && start.is_some() && i + 1 < bytes.len() && {
                let (n, _) = char_at(text, i + 1);
                continues_word(n)
            };
            if inner {
                digits_only = false;
                if hashing {
                    hash = fnv_byte(hash, b);
                }
            } else if let Some(s) = start.take() {
                end_word(&mut visit, s, i, &mut words, hashed, &mut hash, &mut hashing, &mut digits_only);
            }
            i += 1;
            continue;
        }
        match b {
            0xC2 => {
                gate |= GATE_SEPARATOR_LEAD;
                pass.marks.0 |= CreditMarks::C2;
                if matches!(bytes.get(i + 1), Some(0xBB | 0xB7)) {
                    gate |= GATE_SEPARATOR;
                }
            }
            0xE2 => {
                gate |= GATE_SEPARATOR_LEAD;
                if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA2] | [0x80, 0xBA] | [0x86, 0x92])) {
                    gate |= GATE_SEPARATOR;
                }
            }
            _ => {}
        }
        let (c, len) = char_at(text, i);
        let class = CharClass::of(c);
        pass.chars += 1;
        pass.upper += usize::from(class.upper);
        pass.lower += usize::from(class.lower);
        if class.unspaced {
            pass.unspaced += 1;
            if let Some(s) = start.take() {
                end_word(&mut visit, s, i, &mut words, hashed, &mut hash, &mut hashing, &mut digits_only);
            }
            i += len;
            continue;
        }
        if class.alphanumeric {
            if start.is_none() {
                start = Some(i);
            }
            digits_only = false;
            if hashing {
                // As `word_hash` folds a non-ASCII word: the UTF-8 of each character's lower case.
                // A buffer of its own at each use: one shared by the whole loop had its bytes carried
                // (in stack slots) through every step of the loop, half a dozen copies a step.
                hash = fold_lowercase(hash, c, &mut [0u8; 4]);
            }
            i += len;
            continue;
        }
        let inner = c == '’' && start.is_some() && i + len < bytes.len() && {
            let (n, _) = char_at(text, i + len);
            continues_word(n)
        };
        if inner {
            digits_only = false;
            if hashing {
                hash = c.encode_utf8(&mut [0u8; 4]).bytes().fold(hash, fnv_byte);
            }
        } else if let Some(s) = start.take() {
            end_word(&mut visit, s, i, &mut words, hashed, &mut hash, &mut hashing, &mut digits_only);
        }
        i += len;
    }
    if let Some(s) = start {
        end_word(&mut visit, s, bytes.len(), &mut words, hashed, &mut hash, &mut hashing, &mut digits_only);
    }
    pass.token_byte = gate & GATE_TOKEN_BYTE != 0;
    pass.www_exact = gate & GATE_WWW_EXACT != 0;
    pass.www_any_case = gate & GATE_WWW_ANY_CASE != 0;
    pass.separator_lead = gate & GATE_SEPARATOR_LEAD != 0;
    pass.separator = gate & GATE_SEPARATOR != 0;
    pass
}

/// The bits of [`scan_words`]' gate byte: the [`TextPass`] flags of the same names.
const GATE_TOKEN_BYTE: u8 = 1;
const GATE_WWW_EXACT: u8 = 2;
const GATE_WWW_ANY_CASE: u8 = 4;
const GATE_SEPARATOR_LEAD: u8 = 8;
const GATE_SEPARATOR: u8 = 16;

/// Texts shorter than this have runs short enough for [`ASCII_COUNTS`]' 31-bit halves.
const PACKED_RUN_LIMIT: usize = 1 << 31;

/// What each byte adds to a run's packed counts: 1 for a digit (low half), 1 << 32 for a capital
/// (high half), and bit 63 for every ASCII letter and digit so that only other bytes read 0.
static ASCII_COUNTS: [u64; 256] = {
    const FLAG: u64 = 1 << 63;
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            FLAG | 1
        } else if c.is_ascii_uppercase() {
            FLAG | 1 << 32
        } else if c.is_ascii_lowercase() {
            FLAG
        } else {
            0
        };
        b += 1;
    }
    table
};

/// What the scan asks of a non-ASCII character: `char::is_uppercase`, `is_lowercase` (only when
/// not upper case), `is_alphanumeric` and [`is_unspaced`]. Two ranges that news text is full of
/// are answered without the Unicode tables: general punctuation (curly quotes, dashes, the
/// ellipsis: none cased or alphanumeric) and the Latin-1 letters (accented Latin). On generated
/// news text the table look-ups were a tenth of the block scan.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CharClass {
    upper: bool,
    lower: bool,
    alphanumeric: bool,
    unspaced: bool,
}

impl CharClass {
    #[inline]
    fn of(c: char) -> CharClass {
        match c as u32 {
            _ if !NATIVE_FAST_PATHS => CharClass::by_tables(c),
            0x2000..=0x206F => CharClass { upper: false, lower: false, alphanumeric: false, unspaced: false },
            // À..Þ are capitals and ß..ÿ small letters, except × and ÷.
            cp @ 0xC0..=0xFF if cp != 0xD7 && cp != 0xF7 => {
                CharClass { upper: cp <= 0xDE, lower: cp > 0xDE, alphanumeric: true, unspaced: false }
            }
            _ => CharClass::by_tables(c),
        }
    }

    #[inline(always)]
    fn by_tables(c: char) -> CharClass {
        let upper = c.is_uppercase();
        CharClass {
            upper,
            lower: !upper && c.is_lowercase(),
            alphanumeric: c.is_alphanumeric(),
            unspaced: is_unspaced(c),
        }
    }
}

/// Whether `n`, after an apostrophe or hyphen inside a word, continues the word.
#[inline]
fn continues_word(n: char) -> bool {
    if NATIVE_FAST_PATHS {
        let next = CharClass::of(n);
        next.alphanumeric && !next.unspaced
    } else {
        n.is_alphanumeric() && !is_unspaced(n)
    }
}

/// The character starting at byte `i` (a character boundary) and its length in bytes.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => (b as char, 1),
        _ => text.get(i..).and_then(|rest| rest.chars().next()).map_or((' ', 1), |c| (c, c.len_utf8())),
    }
}

/// Words of `text` by the cheap rule, with the count of unspaced-script characters.
#[cfg(test)]
pub(crate) fn words(text: &str) -> (Vec<&str>, usize) {
    let mut out = Vec::new();
    let unspaced = for_each_word(text, |w| out.push(w));
    (out, unspaced)
}

/// True when a line ends like a sentence: terminal punctuation, possibly followed by closing
/// quotes or brackets.
pub fn ends_like_sentence(line: &str) -> bool {
    // Most lines end in a printable ASCII byte that neither trimming below removes: it alone
    // decides (the terminal marks that are not . ! ? are not ASCII).
    if let Some(&last) = line.as_bytes().last() {
        if last > b' ' && last < 0x80 && !matches!(last, b'"' | b'\'' | b')' | b']' | b'*') {
            return matches!(last, b'.' | b'!' | b'?');
        }
    }
    let trimmed = line.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '“', '」', '*']);
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '…', '؟', '।'])
}

fn ends_with_ellipsis(line: &str) -> bool {
    // As in `ends_like_sentence`: a last printable ASCII byte the trimming keeps decides ("…"
    // is not ASCII).
    if let Some(&last) = line.as_bytes().last() {
        if last > b' ' && last < 0x80 && !matches!(last, b')' | b']' | b'"') {
            return line.ends_with("...");
        }
    }
    let t = line.trim_end().trim_end_matches([')', ']', '"', '”', '’', '»']);
    t.ends_with("...") || t.ends_with('…')
}

/// Scans one block's text.
#[cfg(test)]
pub(crate) fn scan(text: &str, stopwords: Option<&Stopwords>) -> Scan {
    scan_with_sample(text, stopwords, &mut WordSample::new())
}

/// The neighbour sample alone: the words [`scan_with_sample`] would put in `word_sample` (the
/// same words and hashes, see [`for_each_word`]), for a block whose other features are known
/// (the settling passes of text mode re-read only the blocks that got a new neighbour).
pub(crate) fn sample_words(text: &str, word_sample: &mut WordSample) {
    word_sample.clear();
    let mut seen = 0usize;
    for_each_word(text, |w| {
        if seen < NEIGHBOUR_WORDS {
            word_sample.offer(word_hash(w));
        }
        seen += 1;
    });
}

/// Scans one block's text and leaves in `word_sample` the hashes of its lower-cased first words
/// (sorted, deduplicated) for neighbour similarity. The caller reuses the buffer from block to
/// block: only the previous block's sample is ever needed, and one allocation per block was a
/// measurable share of text mode.
// Out of line (session 15, for the corpus block cache, which session 17 removed): inlined into
// `classify::prepare` again it costs more, not less, from the register pressure there (callgrind,
// session 17: CLI `dedup --jsonl` of the 3,000 bench articles 1,940.8 -> 1,957.9 M, `clean` of
// the 100,000 lines 1,055.5 -> 1,066.5 M).
#[inline(never)]
pub(crate) fn scan_with_sample(text: &str, stopwords: Option<&Stopwords>, word_sample: &mut WordSample) -> Scan {
    // One pass over the words: length, casing, stopwords and the neighbour sample together.
    let stop_hashes = stopwords.map(StopHashes::of);
    let mut spaced_words = 0usize;
    let mut alphabetic = 0usize;
    let mut capitalised = 0usize;
    let mut stop = 0usize;
    word_sample.clear();
    let mut lexical = super::model::Lexical::new();
    let pass = scan_words(
        text,
        SAMPLE_WORDS,
        #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
        |start, _, hash, digits_only| {
            spaced_words += 1;
            if spaced_words > SAMPLE_WORDS {
                return;
            }
            // ASCII first letters (most words) are classified without decoding. The word comes
            // as its byte range, not as a slice: cutting `text` at every word tested both ends
            // for a character boundary, and only the first character is asked for.
            match text.as_bytes().get(start) {
                Some(&b) if b < 0x80 => {
                    if b.is_ascii_alphabetic() {
                        alphabetic += 1;
                        capitalised += usize::from(b.is_ascii_uppercase());
                    }
                }
                _ => {
                    let first = text.get(start..).and_then(|w| w.chars().next()).unwrap_or(' ');
                    if first.is_alphabetic() {
                        alphabetic += 1;
                        if first.is_uppercase() {
                            capitalised += 1;
                        }
                    }
                }
            }
            lexical.add_known(digits_only, hash);
            if stop_hashes.is_some_and(|s| s.contains(hash)) {
                stop += 1;
            }
            word_sample.offer(hash);
        },
    );
    let TextPass { unspaced, upper, lower, digits, chars, .. } = pass;
    let word_count = spaced_words + (unspaced as f64 / CJK_CHARS_PER_WORD).ceil() as usize;
    let sampled = spaced_words.min(SAMPLE_WORDS);
    // Unspaced scripts have no words to look up: no evidence either way.
    let stopword_ratio =
        stopwords.filter(|_| spaced_words * 2 >= unspaced && sampled > 0).map(|_| stop as f64 / sampled as f64);

    let mut link_tokens = 0usize;
    let mut separators = 0usize;
    for token in text.split_whitespace().take(if pass.may_have_tokens() { SAMPLE_WORDS } else { 0 }) {
        if is_link_token(token) {
            link_tokens += 1;
        }
        if matches!(token, ">" | "»" | "|" | "/" | "•" | "›" | "·" | "→") || token.starts_with('›') {
            separators += 1;
        }
    }

    let features = BlockFeatures {
        words: word_count,
        stopword_ratio,
        terminal_punctuation: ends_like_sentence(text),
        ellipsis: ends_with_ellipsis(text),
        title_case_ratio: if alphabetic == 0 { 0.0 } else { capitalised as f64 / alphabetic as f64 },
        all_caps: upper >= 4 && lower == 0,
        digit_ratio: if chars == 0 { 0.0 } else { digits as f64 / chars as f64 },
        has_date: may_hold_date(text.as_bytes(), digits) && super::metadata::contains_date(text),
        link_tokens,
        separators,
        position: 0.0,
        previous_similarity: 0.0,
        in_short_run: 0,
    };
    Scan { features, lexical: lexical.score(), lexical_min: lexical.min(), marks: pass.marks }
}

/// Upper-case letters, lower-case letters, ASCII digits and characters of `text`. Driven by
/// bytes: ASCII bytes (most of any line, even one with curly quotes or accents) are counted
/// without decoding, and only the other characters are decoded.
#[cfg(test)]
fn letter_counts(text: &str) -> (usize, usize, usize, usize) {
    let (mut upper, mut lower, mut digits, mut chars) = (0usize, 0usize, 0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            chars += 1;
            digits += usize::from(b.is_ascii_digit());
            upper += usize::from(b.is_ascii_uppercase());
            lower += usize::from(b.is_ascii_lowercase());
            i += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        chars += 1;
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
        i += len;
    }
    (upper, lower, digits, chars)
}

/// False when no token of `text` can be a link token or a separator, so the token pass can be
/// skipped (most prose). A link token needs `@`, `#`, `/` (URLs), `www.` or eight digits (a phone
/// number); a separator is one of > | / » · • › →. `+` and the lead bytes of » · (0xC2) and of
/// • › → (0xE2) open the gate as they always have, but 0xE2 also leads curly quotes and dashes,
/// which are in most lines of news: those lines are only scanned when a separator or a
/// case-insensitive "www." is really there (a "Www." token is found only in lines the old gate
/// opened, so the answer is exactly the old one).
#[cfg(test)]
fn may_have_tokens(text: &str, digits: usize) -> bool {
    if digits >= 8 || text.contains("www.") || text.contains("WWW.") {
        return true;
    }
    let bytes = text.as_bytes();
    let mut lead = false;
    for &b in bytes {
        match b {
            b'@' | b'#' | b'/' | b'>' | b'|' | b'+' => return true,
            0xC2 | 0xE2 => lead = true,
            _ => {}
        }
    }
    lead && (["»", "·", "•", "›", "→"].iter().any(|sep| text.contains(sep)) || has_www_any_case(bytes))
}

/// "www." in any mix of cases.
#[cfg(test)]
fn has_www_any_case(bytes: &[u8]) -> bool {
    bytes.windows(4).any(|w| w[3] == b'.' && w[..3].eq_ignore_ascii_case(b"www"))
}

/// False when [`super::metadata::contains_date`] cannot be true, decided by one look at the
/// bytes: every date it finds has a year (four digits in a row, in "2017-10-10" as in
/// "October 11th, 2017"), every clock time a digit, a colon and a digit ("9:00AM"), and the
/// other tokens it accepts are "a.m" and "p.m". Short lines with a digit but none of these (a
/// site name like "news24.com", a score, a count) were a tenth of corpus cleaning, spent
/// splitting them into tokens and looking each up as a month.
fn may_hold_date(bytes: &[u8], ascii_digits: usize) -> bool {
    // The same early outs as `contains_date`: long blocks are prose, and no digit, no date.
    if ascii_digits == 0 || bytes.len() > 400 {
        return false;
    }
    let mut run = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= 4 {
                return true;
            }
            continue;
        }
        run = 0;
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let digit_around = i > 0 && bytes[i - 1].is_ascii_digit() && next.is_ascii_digit();
        if b == b':' && digit_around
            || b == b'.' && matches!(next | 0x20, b'm') && i > 0 && matches!(bytes[i - 1] | 0x20, b'a' | b'p')
        {
            return true;
        }
    }
    false
}

/// @handle, URL, #tag, e-mail address or phone number.
fn is_link_token(token: &str) -> bool {
    may_be_link_token(token) && link_token_rules(token)
}

/// False when `token` cannot be a link token: each kind [`link_token_rules`] accepts needs one of
/// @ # / in the token, a "www." (a '.' and a 'w'), or eight ASCII digits. Most tokens of a line
/// the gate lets through (a paragraph with a date or a slash in it) have none, and one look at
/// their bytes tells them, instead of the trimming and the searches for "://" and '@' (a tenth
/// of the block scan on news documents).
fn may_be_link_token(token: &str) -> bool {
    let (mut digits, mut marks, mut dot, mut w) = (0usize, false, false, false);
    for &b in token.as_bytes() {
        digits += usize::from(b.is_ascii_digit());
        marks |= matches!(b, b'@' | b'#' | b'/');
        dot |= b == b'.';
        w |= b | 0x20 == b'w';
    }
    marks || dot && w || digits >= 8
}

/// The rules of [`is_link_token`].
fn link_token_rules(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '\'' | '!' | '?'));
    if t.len() < 3 {
        return false;
    }
    let www = t.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("www."));
    if www || t.contains("://") {
        return true;
    }
    if let Some(rest) = t.strip_prefix('@') {
        return rest.chars().next().is_some_and(char::is_alphanumeric);
    }
    if let Some(rest) = t.strip_prefix('#') {
        return rest.chars().next().is_some_and(char::is_alphabetic);
    }
    if let Some(at) = t.find('@') {
        return at > 0 && t[at..].contains('.');
    }
    // Phone numbers: mostly digits with + - ( ) and at least eight digits.
    let digits = t.chars().filter(char::is_ascii_digit).count();
    digits >= 8
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '.'))
        && (t.starts_with('+') || t.contains('-') && !t.chars().all(|c| c.is_ascii_digit() || c == '-') || digits >= 10)
}

/// The distinct hashes of a block's first [`NEIGHBOUR_WORDS`] words, for neighbour similarity:
/// a small open-addressing set (twice as many slots as words, so probes stay short) plus the
/// distinct hashes in a list. Built and compared without sorting: sorting every block's sample
/// to merge it with the previous one was a tenth of the block scan.
pub(crate) struct WordSample {
    /// On the heap, so that moving a sample (the classifier swaps the current and the previous
    /// one at every block) moves a pointer, not 2 KB.
    table: Box<SampleTable>,
    len: usize,
    /// Words offered so far (the sample is the first [`NEIGHBOUR_WORDS`], repeats included).
    offered: usize,
    /// The hash 0 is in the set (0 marks a free slot).
    has_zero: bool,
}

struct SampleTable {
    slots: [u64; SAMPLE_SLOTS],
    /// The distinct hashes in the order offered, and the slot each one took (0's takes none).
    distinct: [u64; NEIGHBOUR_WORDS],
    slot_of_distinct: [u8; NEIGHBOUR_WORDS],
}

const SAMPLE_SLOTS: usize = 2 * NEIGHBOUR_WORDS;
// A slot's index is kept in a byte.
const _: () = assert!(SAMPLE_SLOTS <= 256);

impl WordSample {
    pub(crate) fn new() -> Self {
        let table = SampleTable {
            slots: [0; SAMPLE_SLOTS],
            distinct: [0; NEIGHBOUR_WORDS],
            slot_of_distinct: [0; NEIGHBOUR_WORDS],
        };
        WordSample { table: Box::new(table), len: 0, offered: 0, has_zero: false }
    }

    /// Empties the set by freeing only the slots it used: a short line takes a few, and
    /// clearing all of them at every block cost more than the line's words.
    fn clear(&mut self) {
        let SampleTable { slots, distinct, slot_of_distinct } = &mut *self.table;
        for (&hash, &slot) in distinct.iter().zip(slot_of_distinct.iter()).take(self.len) {
            if hash != 0 {
                if let Some(s) = slots.get_mut(usize::from(slot)) {
                    *s = 0;
                }
            }
        }
        self.len = 0;
        self.offered = 0;
        self.has_zero = false;
    }

    #[inline]
    fn slot_of(hash: u64) -> usize {
        // Fibonacci hashing into the power-of-two table.
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SAMPLE_SLOTS.trailing_zeros())) as usize
    }

    /// Offers the next word's hash; only the first [`NEIGHBOUR_WORDS`] words count.
    fn offer(&mut self, hash: u64) {
        if self.offered >= NEIGHBOUR_WORDS {
            return;
        }
        self.offered += 1;
        if hash == 0 {
            if !self.has_zero {
                self.has_zero = true;
                self.push_distinct(0, 0);
            }
            return;
        }
        let mut i = Self::slot_of(hash);
        loop {
            let at = i % SAMPLE_SLOTS;
            let slot = &mut self.table.slots[at];
            if *slot == hash {
                return;
            }
            if *slot == 0 {
                *slot = hash;
                self.push_distinct(hash, at);
                return;
            }
            i += 1;
        }
    }

    fn push_distinct(&mut self, hash: u64, slot: usize) {
        let table = &mut *self.table;
        if let (Some(d), Some(s)) = (table.distinct.get_mut(self.len), table.slot_of_distinct.get_mut(self.len)) {
            *d = hash;
            // Slots number fewer than 256.
            *s = slot as u8;
            self.len += 1;
        }
    }

    fn contains(&self, hash: u64) -> bool {
        if hash == 0 {
            return self.has_zero;
        }
        let mut i = Self::slot_of(hash);
        loop {
            let slot = self.table.slots[i % SAMPLE_SLOTS];
            if slot == hash {
                return true;
            }
            if slot == 0 {
                return false;
            }
            i += 1;
        }
    }
}

impl WordSample {
    /// Makes this the sample whose distinct hashes (in the order first offered) are `distinct`,
    /// another sample's [`WordSample::distinct`]: offered again in that order they take the same
    /// slots, so the set, its list and every comparison are the other sample's, without reading
    /// its text again (a verbatim copy of a block, see `classify::prepare`).
    pub(crate) fn refill(&mut self, distinct: &[u64]) {
        self.clear();
        for &hash in distinct {
            self.offer(hash);
        }
    }

    /// The distinct hashes of the sample, in the order first offered (the settling passes keep
    /// them instead of reading a block's words again).
    pub(crate) fn distinct(&self) -> &[u64] {
        self.table.distinct.get(..self.len).unwrap_or(&[])
    }
}

/// Jaccard similarity of two word samples (of their distinct hashes).
pub(crate) fn jaccard(a: &WordSample, b: &WordSample) -> f64 {
    if a.len == 0 || b.len == 0 {
        return 0.0;
    }
    let both = b.table.distinct.iter().take(b.len).filter(|&&h| a.contains(h)).count();
    both as f64 / (a.len + b.len - both) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hashing::intersection;

    #[test]
    fn the_fast_character_classes_are_the_unicode_ones() {
        let ranges = [0x80..0x400u32, 0x1F00..0x2100, 0x3000..0x3100];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let upper = c.is_uppercase();
            let want = CharClass {
                upper,
                lower: !upper && c.is_lowercase(),
                alphanumeric: c.is_alphanumeric(),
                unspaced: is_unspaced(c),
            };
            assert_eq!(CharClass::of(c), want, "{c:?}");
            let mut buf = [0u8; 4];
            let slow = c.to_lowercase().flat_map(|l| l.to_string().into_bytes()).fold(FNV_OFFSET, fnv_byte);
            assert_eq!(fold_lowercase(FNV_OFFSET, c, &mut buf), slow, "{c:?}");
        }
    }

    #[test]
    fn the_link_token_gate_lets_every_link_token_through() {
        for token in [
            "@news",
            "#tag",
            "https://example.com",
            "www.example.com",
            "(WWW.Example.com),",
            "a@b.c",
            "+1-555-0100",
            "555-0100-12",
            "0123456789",
            "(0123)45678",
            "said.",
            "2017-10-10",
            "w.",
            "@",
            "x",
            "ftp://a",
            "\"@x\"",
        ] {
            assert!(!link_token_rules(token) || may_be_link_token(token), "{token}");
        }
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let (w, u) = words("The US-led coalition's 'claims' — 2017.");
        assert_eq!(w, vec!["The", "US-led", "coalition's", "claims", "2017"]);
        assert_eq!(u, 0);
        let (_, u) = words("日本語の文章");
        assert_eq!(u, 6);
    }

    /// The fused pass against the three passes it replaces.
    fn check_fused_pass(text: &str) {
        let mut fused = Vec::new();
        let mut hashes = Vec::new();
        let pass = scan_words(text, 3, |s, e, h, digits_only| {
            let w = &text[s..e];
            assert_eq!(digits_only, w.bytes().all(|b| b.is_ascii_digit()), "{w:?} in {text:?}");
            fused.push(w);
            hashes.push(h);
        });
        let (separate, unspaced) = words(text);
        assert_eq!(fused, separate, "{text:?}");
        // The first three words come with their hash, the others with 0.
        let want: Vec<u64> = separate.iter().enumerate().map(|(i, w)| if i < 3 { word_hash(w) } else { 0 }).collect();
        assert_eq!(hashes, want, "{text:?}");
        assert_eq!(pass.unspaced, unspaced, "{text:?}");
        let (upper, lower, digits, chars) = letter_counts(text);
        assert_eq!((pass.upper, pass.lower, pass.digits, pass.chars), (upper, lower, digits, chars), "{text:?}");
        assert_eq!(pass.may_have_tokens(), may_have_tokens(text, digits), "{text:?}");
        // The credit marks are exact: each flag is set exactly when one of its bytes is there.
        let has = |set: &[u8]| text.bytes().any(|b| set.contains(&b));
        assert_eq!(pass.marks.parenthesis(), has(b"("), "{text:?}");
        assert_eq!(pass.marks.label(), has(b":/"), "{text:?}");
        assert_eq!(pass.marks.0 & CreditMarks::C2 != 0, has(&[0xC2]), "{text:?}");
        assert_eq!(pass.marks.any(), has(b"(:/\xC2"), "{text:?}");
    }

    #[test]
    fn setting_bit_5_lowers_every_ascii_letter_and_digit() {
        for b in (0u8..128).filter(u8::is_ascii_alphanumeric) {
            assert_eq!(b | 0x20, b.to_ascii_lowercase(), "{b}");
        }
    }

    #[test]
    fn fused_pass_equals_the_separate_passes() {
        for text in [
            "The US-led coalition's 'claims' — 2017.",
            "“That’s it” Müller, café ÉTÉ ß Σ",
            "Home › News » World · x • y → z",
            "Visit Www.example.com or www.x.org or WWW.Y.COM",
            "Call +234 905 517 2167 or @handle #tag a/b c>d e|f",
            "日本語の文章 mixed with English words' end- -start",
            "it’s rock’n’roll ’quoted’ x’ ’",
            "",
            "ab'",
            "a-",
            "Caption (Foto: Name/Pool via REUTERS) © 2024",
            "a b  c 12 34x y- z' w ",
            " lead  and trail  ",
        ] {
            check_fused_pass(text);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_link_token_gate_lets_every_link_token_through_on_any_string(token in "[@#/.:wW0-9+()a-z\\-]{0,16}") {
            proptest::prop_assert!(!link_token_rules(&token) || may_be_link_token(&token));
        }

        #[test]
        fn fused_pass_equals_the_separate_passes_on_any_string(text in "(\\PC|[’'\\-@#/>|+.wW»·•›→“”():©])*") {
            check_fused_pass(&text);
        }
    }

    /// Whenever `contains_date` finds a date, the byte test lets it look.
    fn check_date_gate(text: &str) {
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        if super::super::metadata::contains_date(text) {
            assert!(may_hold_date(text.as_bytes(), digits), "{text:?}");
        }
    }

    #[test]
    fn the_date_gate_never_hides_a_date() {
        for text in [
            "12:05 p.m.",
            "7 P.M",
            "at 7 p.m, on",
            "9:00AM",
            "2017-10-10",
            "Published in Dawn, October 11th, 2017",
            "12 de enero de 2019",
            "zuletzt bearbeitet: 04.02.2022, 08:27 Uhr",
        ] {
            assert!(super::super::metadata::contains_date(text), "{text}");
            check_date_gate(text);
        }
        assert!(!may_hold_date(b"news24.com | World 2 - 1", 4));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_date_gate_never_hides_a_date_on_any_string(text in "([0-9:. apmAPMhH,]|January|Mai|de|\\PC){0,40}") {
            check_date_gate(&text);
        }
    }

    /// The set-based similarity against sorting and merging the samples.
    fn check_sample_similarity(a: &str, b: &str) {
        let sorted = |text: &str| {
            let (words, _) = words(text);
            let mut v: Vec<u64> = words.iter().take(NEIGHBOUR_WORDS).map(|w| word_hash(w)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let (x, y) = (sorted(a), sorted(b));
        let want = if x.is_empty() || y.is_empty() {
            0.0
        } else {
            let both = intersection(&x, &y);
            both as f64 / (x.len() + y.len() - both) as f64
        };
        let (mut sa, mut sb) = (WordSample::new(), WordSample::new());
        scan_with_sample(a, None, &mut sa);
        scan_with_sample(b, None, &mut sb);
        assert_eq!(jaccard(&sa, &sb).to_bits(), want.to_bits(), "{a:?} {b:?}");
        // A reused sample forgets the previous block.
        scan_with_sample(b, None, &mut sa);
        assert_eq!(jaccard(&sa, &sb), if y.is_empty() { 0.0 } else { 1.0 });
    }

    #[test]
    fn sample_similarity_is_the_jaccard_of_distinct_words() {
        let long: String = (0..200).map(|i| format!("w{} ", i % 90)).collect();
        for (a, b) in [
            ("the cat sat on the mat", "The cat sat on a hat"),
            ("", "x"),
            ("a a a a", "a"),
            (long.as_str(), "w1 w2 w3 w70 w80"),
        ] {
            check_sample_similarity(a, b);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn sample_similarity_is_the_jaccard_of_distinct_words_on_any_strings(
            a in "([a-e]{1,2} ){0,80}", b in "([a-e]{1,2} ){0,80}"
        ) {
            check_sample_similarity(&a, &b);
        }
    }

    #[test]
    fn link_tokens_are_found() {
        for t in [
            "@pulsenigeria247:",
            "#PulseEyewitness",
            "eyewitness@pulse.ng.",
            "+2349055172167,",
            "https://x.org",
            "www.dawn.com",
        ] {
            assert!(is_link_token(t), "{t}");
        }
        for t in ["2017-10-10", "3,000", "US-led", "@"] {
            assert!(!is_link_token(t), "{t}");
        }
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_like_sentence("He said \"no.\""));
        assert!(ends_like_sentence("Is it?”"));
        assert!(!ends_like_sentence("Related Articles"));
    }

    #[test]
    fn the_ascii_ending_shortcut_answers_as_the_trimming_does() {
        let slow_sentence = |line: &str| {
            let trimmed = line.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '“', '」', '*']);
            trimmed.ends_with(['.', '!', '?', '。', '！', '？', '…', '؟', '।'])
        };
        let slow_ellipsis = |line: &str| {
            let t = line.trim_end().trim_end_matches([')', ']', '"', '”', '’', '»']);
            t.ends_with("...") || t.ends_with('…')
        };
        let ends = [
            "", ".", "!", "?", "...", "…", "。", "\"", "'", ")", "]", "*", "”", "»", " ", "\t", "\u{a0}", "a", "7",
            "\u{7f}", ":",
        ];
        for a in ends {
            for b in ends {
                for c in ends {
                    let line = format!("Word{a}{b}{c}");
                    assert_eq!(ends_like_sentence(&line), slow_sentence(&line), "{line:?}");
                    assert_eq!(ends_with_ellipsis(&line), slow_ellipsis(&line), "{line:?}");
                }
            }
        }
    }
}
