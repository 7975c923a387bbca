//! Text for matching, and the shingle sets built from it.
//!
//! [`tokens`] turns a text into [`Token`]s: Unicode (UAX #29) words in their matching form
//! (case folded, quotes and dashes unified by [`crate::text::matching_form`], punctuation
//! dropped), each with its byte span in the original text and a 64-bit hash. Characters of
//! scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) become one token each,
//! so such texts are compared as character n-grams. [`Fingerprint`] is what a pair score needs
//! from one document: its sorted set of k-shingle hashes and the shingles of its opening words
//! (the *lead*), compact enough to hold for 100,000 documents.

use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::{DedupConfig, SHINGLE_SIZE};
use crate::hashing::{bucket_insertion_sort, radix_sort_lsd};
use crate::text;

/// One word of the matching form, with its byte span in the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Hash of the matching form of the word.
    pub hash: u64,
    pub start: usize,
    pub end: usize,
    /// True for one character of a script written without spaces.
    pub unspaced: bool,
}

/// Seed of the word hash. Fixed: fingerprints of one version are comparable across runs.
const WORD_HASH_SEED: u64 = 0x5eed_0fa1_13a5;

/// Scripts written without spaces between words, where a UAX #29 "word" can be a whole clause.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FA1F) // CJK extensions B-F
}

/// Hash of a word in matching form. ASCII words are folded byte by byte (the common case, and
/// the same result as `matching_form`, which only lowercases ASCII); other words go through
/// `matching_form` so NFC, quotes, dashes and full case folding apply.
fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        let upper = word.bytes().any(|b| b.is_ascii_uppercase());
        return ascii_word_hash(word.as_bytes(), upper);
    }
    xxh3_64_with_seed(text::matching_form(word).as_bytes(), WORD_HASH_SEED)
}

/// [`word_hash`] of an ASCII word; `upper` tells whether it has a capital (the scanner knows).
#[inline]
fn ascii_word_hash(word: &[u8], upper: bool) -> u64 {
    // Most words have no capital: their matching form is the word itself, hashed in place.
    if !upper {
        return xxh3_64_with_seed(word, WORD_HASH_SEED);
    }
    folded_word_hash(word)
}

/// [`ascii_word_hash`] of a word with a capital, lowercased first. Apart, so that the common
/// path inlines into the scanner's loop without this one's buffer (its set-up was a sixth of
/// the sketch's hashing).
#[inline(never)]
fn folded_word_hash(word: &[u8]) -> u64 {
    let mut buf = [0u8; 64];
    if let Some(out) = buf.get_mut(..word.len()) {
        for (o, b) in out.iter_mut().zip(word) {
            *o = b.to_ascii_lowercase();
        }
        return xxh3_64_with_seed(out, WORD_HASH_SEED);
    }
    xxh3_64_with_seed(&word.to_ascii_lowercase(), WORD_HASH_SEED)
}

/// Byte classes for the ASCII word scanner, one table lookup per byte instead of a chain of
/// range tests: a byte that can be part of a word (letter, digit, `_`), a letter, a digit, a
/// capital.
const WORD: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 4;
const UPPER: u8 = 8;
/// A byte that can join two word characters (`'`, `.`, `:`, `,`, `;`): looked at first, so
/// that the space between two words (the usual end of one) costs one lookup.
const JOINER: u8 = 16;

const fn byte_classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            WORD | ALPHA | UPPER
        } else if c.is_ascii_lowercase() {
            WORD | ALPHA
        } else if c.is_ascii_digit() {
            WORD | DIGIT
        } else if c == b'_' {
            WORD
        } else if matches!(c, b'\'' | b'.' | b':' | b',' | b';') {
            JOINER
        } else {
            0
        };
        b += 1;
    }
    table
}

static CLASSES: [u8; 256] = byte_classes();

#[inline]
fn class(b: u8) -> u8 {
    CLASSES[b as usize]
}

/// How many of the low bytes of `w` (eight bytes, little-endian) are ASCII lowercase letters,
/// by SWAR: adding 0x1F to a byte below 0x80 sets its high bit from `a` up, adding 0x05 from `{`
/// up, and neither carries into the next byte. A byte from 0x80 up is no letter here (its own
/// high bit is cleared from the mask); what its carry does to the bytes above it does not
/// matter, since only the run below it is counted.
#[inline]
fn lowercase_run(w: u64) -> usize {
    use text::swar::{HIGH, ONES};
    let at_least_a = w.wrapping_add(0x1F * ONES);
    let above_z = w.wrapping_add(0x05 * ONES);
    let lower = at_least_a & !above_z & !w & HIGH;
    ((!lower & HIGH).trailing_zeros() / 8) as usize
}

/// The words of an ASCII text by the UAX #29 rules that matter for ASCII: letters, digits and
/// `_` form words; `'`, `.` and `:` join two letters ("don't", "U.S"), `'`, `.`, `,` and `;`
/// join two digits ("3.5", "1,000"); a letter next to a digit stays in the word ("G7", "4x4").
/// It gives the same words as `unicode_word_indices` on ASCII input (a property test checks),
/// about five times faster. `f` gets each word's byte span and whether it has a capital.
#[inline]
fn ascii_words(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        if class(b[i]) & WORD == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut seen = 0u8;
        loop {
            if NATIVE_FAST_PATHS {
                // Lowercase letters, most of a word's bytes, eight at a time.
                while let Some(w) = text::swar::word_at(b, i) {
                    let run = lowercase_run(w);
                    if run == 0 {
                        break;
                    }
                    seen |= WORD | ALPHA;
                    i += run;
                    if run < 8 {
                        break;
                    }
                }
            }
            while i < n {
                let c = class(b[i]);
                if c & WORD == 0 {
                    break;
                }
                seen |= c;
                i += 1;
            }
            // A joiner between two word characters of the right kinds continues the word.
            // Natively a byte that cannot join is passed at once (the wasm, which counts its
            // bytes, keeps the shorter test: the `match` below decides the same).
            if i + 1 < n
                && (!NATIVE_FAST_PATHS || class(b[i]) & JOINER != 0)
                && class(b[i + 1]) & WORD != 0
                && i > start
            {
                let (prev, mid, next) = (class(b[i - 1]), b[i], class(b[i + 1]));
                let letters = prev & next & ALPHA != 0;
                let digits = prev & next & DIGIT != 0;
                let joins = match mid {
                    b'\'' | b'.' => letters || digits,
                    b':' => letters,
                    b',' | b';' => digits,
                    _ => false,
                };
                if joins {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        // UAX #29 yields only words with a letter or digit ("_" alone is not a word).
        if seen & (ALPHA | DIGIT) != 0 {
            f(start, i, seen & UPPER != 0);
        }
    }
}

/// The tokens of `text` in order.
pub fn tokens(text: &str) -> Vec<Token> {
    // A word and its space take five or six bytes of news text; a quarter of the length in
    // tokens almost never grows the vector (growing it was a share of sketching).
    let mut out = Vec::with_capacity(text.len() / 4);
    for_each_token(text, |t| out.push(t));
    out
}

/// Calls `f` with each token of `text` in order: [`tokens`] without the vector, for passes that
/// keep only part of each token (sketching keeps the hashes).
///
/// UAX #29 never joins a word across whitespace, so the text is cut at ASCII whitespace and
/// each chunk is segmented on its own: pure-ASCII chunks (most of them, even in text with curly
/// quotes) by the fast ASCII rules, the others by `unicode_word_indices`.
#[inline]
pub fn for_each_token(text: &str, mut f: impl FnMut(Token)) {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        ascii_words(text, |start, end, upper| {
            let hash = ascii_word_hash(&bytes[start..end], upper);
            f(Token { hash, start, end, unspaced: false });
        });
        return;
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            ascii &= bytes[i].is_ascii();
            i += 1;
        }
        // Cut points are ASCII bytes, so they are char boundaries.
        let chunk = &text[start..i];
        if ascii {
            ascii_words(chunk, |s, e, upper| {
                let hash = ascii_word_hash(&chunk.as_bytes()[s..e], upper);
                f(Token { hash, start: start + s, end: start + e, unspaced: false });
            });
        } else {
            unicode_chunk(chunk, start, &mut f);
        }
    }
}

/// Tokens of a chunk with non-ASCII characters, by UAX #29; characters of unspaced scripts
/// become one token each (character n-grams).
fn unicode_chunk(chunk: &str, offset: usize, f: &mut impl FnMut(Token)) {
    for (s, word) in chunk.unicode_word_indices() {
        let start = offset + s;
        if word.chars().any(is_unspaced) {
            for (o, c) in word.char_indices() {
                let cs = start + o;
                let piece = &word[o..o + c.len_utf8()];
                f(Token { hash: word_hash(piece), start: cs, end: cs + c.len_utf8(), unspaced: true });
            }
        } else {
            f(Token { hash: word_hash(word), start, end: start + word.len(), unspaced: false });
        }
    }
}

/// Shingle width for these tokens: `char_shingle_size` when most tokens are characters of
/// unspaced scripts, else `shingle_size`.
pub fn shingle_width(tokens: &[Token], config: &DedupConfig) -> usize {
    let unspaced = tokens.iter().filter(|t| t.unspaced).count();
    if unspaced * 2 > tokens.len() {
        config.char_shingle_size.max(1)
    } else {
        config.shingle_size.max(1)
    }
}

/// splitmix64's finaliser: spreads the bits of a combined hash.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes of the k-shingles of `hashes`, in order. Fewer than `k` tokens make one shingle of
/// all of them, so a very short text can still match exactly.
pub fn shingle_hashes(hashes: &[u64], k: usize, out: &mut Vec<u64>) {
    let k = k.max(1);
    if hashes.is_empty() {
        return;
    }
    let k = k.min(hashes.len());
    for window in hashes.windows(k) {
        let mut acc: u64 = k as u64;
        for &h in window {
            acc = mix64(acc ^ h);
        }
        out.push(acc);
    }
}

/// The shingles of `hashes` (at least `K` of them) of the default width `K`, as
/// [`Fingerprint::from_parts_with`]'s loop for any width makes them, appended to `out`, and the
/// exact hash folded on from `exact` over all the tokens. With the width a constant each window
/// is three loads and three mixes in registers: the loop for any width kept the exact hash and
/// the list's length on the stack and looped inside each window, 11 instructions a token more
/// (193.1 against 164.8 M for `from_parts_with` on 3,000 bench articles; the mixes themselves are
/// the fingerprint's definition).
#[inline]
fn shingles_of_width<const K: usize>(hashes: &[u64], out: &mut Vec<u64>, mut exact: u64) -> u64 {
    out.extend(hashes.windows(K).map(|window| {
        let mut acc = K as u64;
        for &h in window.first_chunk::<K>().unwrap_or(&[0; K]) {
            acc = mix64(acc ^ h);
        }
        exact = mix64(exact ^ window.first().copied().unwrap_or(0));
        acc
    }));
    for &h in hashes.get((hashes.len() + 1).saturating_sub(K)..).unwrap_or(&[]) {
        exact = mix64(exact ^ h);
    }
    exact
}

/// What a pair score needs from one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fingerprint {
    /// Sorted, distinct 32-bit shingle hashes of the whole text. 32 bits are enough: two
    /// 1,000-shingle sets share a false hash with probability 2e-4.
    pub shingles: Vec<u32>,
    /// Sorted, distinct shingles of the first `lead_words` tokens.
    pub lead: Vec<u32>,
    /// Sorted, distinct shingles of the first `lead_search_words` tokens: where the other
    /// text's lead is looked for (a kept headline or dateline can push the lead down).
    pub lead_wide: Vec<u32>,
    /// Number of tokens.
    pub tokens: usize,
    /// A sample of each prose paragraph (of at least `prose_words` tokens; the first
    /// [`SAMPLED_PARAGRAPHS`]): its [`PARAGRAPH_SAMPLES`] smallest shingles, one group after the
    /// other. What tells a round-up, several paragraphs of which the other text has none, from a
    /// copy (see [`super::round_up`]).
    pub paragraphs: Vec<u32>,
    /// Hash of the whole token sequence: equal for exact duplicates after normalisation.
    pub exact: u64,
}

/// A text's shingles in text order (the high 32 bits, as in a [`Fingerprint`]) with each
/// token's byte span: what locating a shared region needs. Filled by [`OrderedShingles::fill`]
/// into buffers that are reused from one text to the next.
#[derive(Debug, Default)]
pub struct OrderedShingles {
    /// Byte span of each token.
    pub spans: Vec<(usize, usize)>,
    /// Shingle `i` covers tokens `i .. i + width` (all of them when there are fewer).
    pub shingles: Vec<u32>,
    pub width: usize,
    hashes: Vec<u64>,
    wide: Vec<u64>,
}

impl OrderedShingles {
    /// The shingles of `text`, as [`shingle_hashes`] of its [`tokens`] with [`shingle_width`].
    pub fn fill(&mut self, text: &str, config: &DedupConfig) {
        let (spans, hashes) = (&mut self.spans, &mut self.hashes);
        spans.clear();
        hashes.clear();
        let mut unspaced = 0usize;
        if NATIVE_FAST_PATHS {
            for_each_token(text, |t| {
                spans.push((t.start, t.end));
                hashes.push(t.hash);
                unspaced += usize::from(t.unspaced);
            });
        } else {
            // Through the token vector: one copy of the inlined tokenizer less in the wasm.
            for t in tokens(text) {
                spans.push((t.start, t.end));
                hashes.push(t.hash);
                unspaced += usize::from(t.unspaced);
            }
        }
        self.width =
            if unspaced * 2 > hashes.len() { config.char_shingle_size.max(1) } else { config.shingle_size.max(1) };
        self.wide.clear();
        shingle_hashes(hashes, self.width, &mut self.wide);
        self.shingles.clear();
        self.shingles.extend(self.wide.iter().map(|&h| (h >> 32) as u32));
    }

    /// Number of tokens.
    pub fn tokens(&self) -> usize {
        self.spans.len()
    }
}

/// Number of opening tokens that make the lead: up to `lead_words`, but ending at the first
/// paragraph break after `lead_min_words`. The lede is the first paragraph of a news story; what
/// follows a short lede-only copy is often a rail of teasers, the openings of *other* stories.
/// A headline or dateline line before the lede is shorter than `lead_min_words`, so it does not
/// end the lead. `breaks` are the token indexes where paragraphs start, ascending (the
/// fingerprint's paragraph breaks: one scan of the gaps serves the lead and the paragraph samples).
fn lead_from_breaks(breaks: &[u32], config: &DedupConfig) -> usize {
    let max = config.lead_words.max(1);
    let min = config.lead_min_words.min(max).max(1);
    breaks.iter().map(|&b| b as usize).take_while(|&b| b < max).find(|&b| b >= min).unwrap_or(max)
}

/// True when the gap between two tokens (`prev_end..start`) holds a paragraph break (a blank
/// line: two line feeds). A gap of one byte cannot, which most are.
#[inline]
fn paragraph_break(text: &str, prev_end: usize, start: usize) -> bool {
    start > prev_end + 1
        && text.as_bytes().get(prev_end..start).unwrap_or(&[]).iter().filter(|&&b| b == b'\n').count() >= 2
}

/// Shingles sampled per prose paragraph: a paragraph the other text holds, even with a house
/// edit or two, keeps at least one of its four smallest shingles there; a paragraph of another
/// story keeps none. Not a setting, unlike the round-up rule's counts (`roundUpParagraphs`, ...):
/// it is part of the fingerprint's layout (the samples are read in groups of it, and the sketch
/// pack's header carries it), so fingerprints made with two values could not be compared, and
/// what it trades (a few bytes a paragraph against a paragraph with more edits still counting as
/// held) is no choice a user of the round-up test makes; change it here and re-measure the dev set.
pub const PARAGRAPH_SAMPLES: usize = 4;
/// Prose paragraphs sampled per text: a round-up shows itself in its first few. Not a setting,
/// for the same reason as [`PARAGRAPH_SAMPLES`] (it bounds the fingerprint's size).
pub const SAMPLED_PARAGRAPHS: usize = 16;

/// Marks a shingle outside every sampled paragraph in [`paragraph_slots`]'s map.
const NO_PARAGRAPH: u8 = u8::MAX;

/// Which sampled paragraph each shingle lies in (`slots[i]`, [`NO_PARAGRAPH`] for none) for the
/// walk over the sorted shingles, which takes each paragraph's [`PARAGRAPH_SAMPLES`] smallest
/// values from it; returns the number of sampled paragraphs. The sampled paragraphs are the
/// first [`SAMPLED_PARAGRAPHS`] of at least `prose_words` tokens (paragraphs start at token 0
/// and at each of `breaks`), and a paragraph's shingles are those of width `k` inside it (of
/// `shingles` in all, for `tokens` tokens).
fn paragraph_slots(
    shingles: usize,
    k: usize,
    tokens: usize,
    breaks: &[u32],
    prose_words: usize,
    slots: &mut Vec<u8>,
) -> usize {
    slots.clear();
    slots.resize(shingles, NO_PARAGRAPH);
    let (mut start, mut sampled) = (0usize, 0usize);
    for end in breaks.iter().map(|&b| b as usize).chain(std::iter::once(tokens)) {
        if sampled >= SAMPLED_PARAGRAPHS {
            break;
        }
        let (lo, hi) = (start, (end + 1).saturating_sub(k).min(shingles));
        start = end;
        if end.saturating_sub(lo) < prose_words.max(1) || hi <= lo {
            continue;
        }
        // Paragraphs do not overlap, and fewer than `NO_PARAGRAPH` are sampled.
        if let Some(run) = slots.get_mut(lo..hi) {
            run.fill(sampled as u8);
        }
        sampled += 1;
    }
    sampled
}

/// The speed-only variants that cost code size (a second and third inlined copy of the
/// tokenizer, parallel band keys and bucket pairing, the edge-score index) are compiled natively
/// only; the wasm takes the shorter paths, which give the same results (tests run both natively).
/// The core wasm module has a 400 KB gzipped budget, and its corpora are small.
pub(crate) const NATIVE_FAST_PATHS: bool = cfg!(not(target_arch = "wasm32"));

/// Start of the exact hash's fold over the token hashes.
const EXACT_HASH_START: u64 = 0x9e37_79b9_7f4a_7c15;

/// From this many values a counting sort beats a comparison sort: a document's shingle set (a
/// few hundred uniform hashes) sorts in one counting pass and a short fix-up (or, above
/// `BUCKET_SORT_MAX`, four radix passes) instead of n log n comparisons whose outcomes are coin
/// flips, and sorting was half of building a fingerprint.
const RADIX_SORT_MIN: usize = 128;

/// Counters per digit of the shingle sorts ([`crate::hashing::radix_sort_lsd`]): 8-bit digits,
/// four passes over a 32-bit hash. Wider digits mean fewer passes but more counters to sum than
/// a document has shingles.
const SHINGLE_RADIX: usize = 256;

/// Up to this many shingles a set is sorted by [`bucket_insertion_sort`] (one counting pass on
/// the top byte, 256 buckets, then an insertion sort): sixteen values a bucket on average, so
/// the insertion sort still moves each value a few steps; larger sets take the radix sort.
const BUCKET_SORT_MAX: usize = 4096;

/// Tokens between two checkpoints of a [`ShingleOrder`]: finding a token's span scans at most
/// this many words, and the checkpoints cost a quarter of a byte per token.
const ORDER_CHECKPOINT: usize = 16;

/// A document's shingles in text order, kept beside its [`Fingerprint`] (made together by
/// [`Fingerprint::new_ordered`]) so that the receipts of a corpus run find the region a member
/// shares with its representative without cutting both texts into words again: each shingle
/// as its index in the fingerprint's sorted set (two bytes, not the four of the value), and the
/// byte offset of every `ORDER_CHECKPOINT`-th token, from which a token's span is found by
/// scanning a few words. Only for ASCII texts (one scanner to restart mid-text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShingleOrder {
    indexes: Box<[u16]>,
    checkpoints: Box<[u32]>,
    width: usize,
    tokens: usize,
}

impl ShingleOrder {
    /// Shingle values in text order (as [`OrderedShingles::shingles`]), given the fingerprint
    /// made with this order.
    pub fn shingles_into(&self, fingerprint: &Fingerprint, out: &mut Vec<u32>) {
        out.clear();
        out.extend(self.indexes.iter().map(|&i| fingerprint.shingles.get(usize::from(i)).copied().unwrap_or(0)));
    }

    /// Words per shingle.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of tokens.
    pub fn tokens(&self) -> usize {
        self.tokens
    }

    /// Byte span of token `i` of `text` (the text this order was made from). A token starts
    /// after a byte that is not part of a word, so the scanner restarted at a checkpoint and
    /// stopped at the next one cuts the same words as over the whole text.
    pub fn token_span(&self, text: &str, i: usize) -> Option<(usize, usize)> {
        let c = i / ORDER_CHECKPOINT;
        let start = *self.checkpoints.get(c)? as usize;
        let end = self.checkpoints.get(c + 1).map_or(text.len(), |&e| e as usize);
        let piece = text.get(start..end)?;
        let (skip, mut n, mut found) = (i % ORDER_CHECKPOINT, 0, None);
        ascii_words(piece, |s, e, _| {
            if n == skip {
                found = Some((start + s, start + e));
            }
            n += 1;
        });
        found
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        2 * self.indexes.len() + 4 * self.checkpoints.len()
    }
}

/// Buffers one thread reuses from one document to the next, so that building a fingerprint
/// allocates only the lists it returns.
#[derive(Default)]
struct Scratch {
    hashes: Vec<u64>,
    shingles: Vec<u64>,
    pairs: Vec<u64>,
    pairs_radix: Vec<u64>,
    /// Token indexes where paragraphs start (after the first).
    breaks: Vec<u32>,
    /// [`paragraph_slots`]'s map of the shingles.
    slots: Vec<u8>,
    /// The whole set, the lead's and the lead window's, as [`Scratch::sorted_sets`] walks them.
    set: Vec<u32>,
    lead: Vec<u32>,
    wide: Vec<u32>,
}

/// The sorted sets of a fingerprint: the whole text's, the lead's and its window's, and each
/// sampled paragraph's smallest values, all from one walk over the shingles in value order.
struct SortedSets {
    set: Vec<u32>,
    lead: Vec<u32>,
    wide: Vec<u32>,
    paragraphs: Vec<u32>,
}

/// Where each shingle position belongs, for that walk: the lead's and the window's lengths in
/// shingles (`prefixes[0] <= prefixes[1]`), and [`paragraph_slots`]'s map with its count.
struct Layout<'a> {
    prefixes: [usize; 2],
    slots: &'a [u8],
    sampled: usize,
}

/// Above this many elements a buffer is given back after use: one huge document must not
/// keep its buffers for the rest of the run.
const SCRATCH_KEEP: usize = 1 << 20;

impl Scratch {
    fn trim(&mut self) {
        for v in [&mut self.hashes, &mut self.shingles, &mut self.pairs, &mut self.pairs_radix] {
            if v.capacity() > SCRATCH_KEEP {
                *v = Vec::new();
            }
        }
        for v in [&mut self.set, &mut self.lead, &mut self.wide] {
            if v.capacity() > SCRATCH_KEEP {
                *v = Vec::new();
            }
        }
        if self.slots.capacity() > SCRATCH_KEEP {
            self.slots = Vec::new();
        }
    }

    /// The [`SortedSets`] of the shingles `sh` (in text order) from one sort of (high half,
    /// position) pairs and one walk over them, and, when `indexes` is given, each shingle's index
    /// in the whole set, in text order ([`ShingleOrder`]). The flag is false (and `indexes` not to
    /// be used) when an index does not fit in 16 bits. The walk gives the lead's and its window's
    /// sets (positions below the prefixes: a tenth of them or less) and the paragraph samples
    /// (each paragraph's first distinct values in value order are its smallest) where two sorts of
    /// the prefixes and a pass over each paragraph's shingles gave them before.
    fn sorted_sets(&mut self, sh: &[u64], layout: &Layout, indexes: Option<&mut Vec<u16>>) -> (SortedSets, bool) {
        let Scratch { pairs, pairs_radix, set, lead, wide, .. } = self;
        // Each list is sized for its most values and cut to what the walk wrote: a push would
        // keep the list's length in memory through the walk (its growth path takes the list's
        // address), where the walk's counts stay in registers.
        let [lead_take, wide_take] = layout.prefixes;
        for (v, n) in [(&mut *set, sh.len()), (&mut *lead, lead_take), (&mut *wide, wide_take)] {
            v.clear();
            v.resize(n, 0);
        }
        let mut walk = Walk {
            set,
            lead,
            wide,
            counts: [0; 3],
            samples: [u32::MAX; PARAGRAPH_SAMPLES * SAMPLED_PARAGRAPHS],
            taken: [0; SAMPLED_PARAGRAPHS],
            ok: true,
        };
        let no_order: &mut [u16] = &mut [];
        let (order, ix) = match indexes {
            Some(ix) => {
                ix.clear();
                ix.resize(sh.len(), 0);
                (true, ix.as_mut_slice())
            }
            None => (false, no_order),
        };
        if u32::try_from(sh.len()).is_ok() {
            pairs.clear();
            pairs.extend(sh.iter().enumerate().map(|(i, &h)| (h & !0xFFFF_FFFF) | i as u64));
            if NATIVE_FAST_PATHS && (RADIX_SORT_MIN..=BUCKET_SORT_MAX).contains(&pairs.len()) {
                // Sorted as whole values: by the high half, then by position.
                bucket_insertion_sort(pairs, pairs_radix, |x| (x >> 56) as u8);
            } else if NATIVE_FAST_PATHS && pairs.len() > BUCKET_SORT_MAX {
                // By the high half only: stable, so equal values keep their positions' order.
                radix_sort_lsd::<_, SHINGLE_RADIX, 4>(pairs, pairs_radix, |x| x >> 32, 32);
            } else {
                pairs.sort_unstable();
            }
            let sorted = pairs.iter().map(|&p| ((p >> 32) as u32, p as u32 as usize));
            if order {
                walk.run::<true>(sorted, layout, ix);
            } else {
                walk.run::<false>(sorted, layout, ix);
            }
        } else {
            // Four billion shingles or more (never in the wasm, whose memory is smaller): the
            // positions do not fit beside the values.
            let mut wide_pairs: Vec<(u32, usize)> =
                sh.iter().enumerate().map(|(i, &h)| ((h >> 32) as u32, i)).collect();
            wide_pairs.sort_unstable();
            walk.run::<true>(wide_pairs.into_iter(), layout, ix);
        }
        let [n_set, n_lead, n_wide] = walk.counts;
        let cut = |v: &[u32], n: usize| v.get(..n).unwrap_or(v).to_vec();
        let paragraphs = cut(&walk.samples, layout.sampled * PARAGRAPH_SAMPLES);
        let sets = SortedSets {
            set: cut(walk.set, n_set),
            lead: cut(walk.lead, n_lead),
            wide: cut(walk.wide, n_wide),
            paragraphs,
        };
        (sets, walk.ok || !order)
    }
}

/// The state of [`Scratch::sorted_sets`]'s walk: the three sets (sized for their most values)
/// and how many values each holds so far.
struct Walk<'a> {
    set: &'a mut [u32],
    lead: &'a mut [u32],
    wide: &'a mut [u32],
    counts: [usize; 3],
    /// The sampled paragraphs' values, [`PARAGRAPH_SAMPLES`] each (`u32::MAX` where a paragraph
    /// has fewer distinct values), and how many each has so far.
    samples: [u32; PARAGRAPH_SAMPLES * SAMPLED_PARAGRAPHS],
    taken: [u8; SAMPLED_PARAGRAPHS],
    ok: bool,
}

impl Walk<'_> {
    /// Walks the (value, position) pairs of the shingles in value order (equal values by
    /// position; in value order a value repeats only right after itself), writing each
    /// position's index in the set to `indexes` when `ORDER`.
    #[inline]
    fn run<const ORDER: bool>(
        &mut self,
        sorted: impl Iterator<Item = (u32, usize)>,
        layout: &Layout,
        indexes: &mut [u16],
    ) {
        let [lead_take, wide_take] = layout.prefixes;
        let (set, lead, wide) = (&mut *self.set, &mut *self.lead, &mut *self.wide);
        let [mut n_set, mut n_lead, mut n_wide] = self.counts;
        // The last value written to each set, as a `u64` so that no value equals it at first.
        let (mut last_set, mut last_lead, mut last_wide) = (u64::MAX, u64::MAX, u64::MAX);
        let mut ok = self.ok;
        for (value, position) in sorted {
            let v = u64::from(value);
            if v != last_set {
                // A set holds at most one value per shingle, so the slot is there.
                if let Some(slot) = set.get_mut(n_set) {
                    *slot = value;
                }
                n_set += 1;
                last_set = v;
            }
            if ORDER {
                // The index fits in 16 bits unless the set holds more than 65,536 values.
                ok &= n_set <= 1 << 16;
                if let Some(slot) = indexes.get_mut(position) {
                    *slot = (n_set - 1) as u16;
                }
            }
            if position < wide_take {
                if v != last_wide {
                    if let Some(slot) = wide.get_mut(n_wide) {
                        *slot = value;
                    }
                    n_wide += 1;
                    last_wide = v;
                }
                if position < lead_take && v != last_lead {
                    if let Some(slot) = lead.get_mut(n_lead) {
                        *slot = value;
                    }
                    n_lead += 1;
                    last_lead = v;
                }
            }
            let paragraph = usize::from(layout.slots.get(position).copied().unwrap_or(NO_PARAGRAPH));
            if let Some(taken) = self.taken.get_mut(paragraph) {
                let base = paragraph * PARAGRAPH_SAMPLES;
                let n = usize::from(*taken);
                if n < PARAGRAPH_SAMPLES && (n == 0 || self.samples.get(base + n - 1) != Some(&value)) {
                    if let Some(sample) = self.samples.get_mut(base + n) {
                        *sample = value;
                    }
                    *taken += 1;
                }
            }
        }
        self.counts = [n_set, n_lead, n_wide];
        self.ok = ok;
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers (fresh ones if they are in use).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    if !NATIVE_FAST_PATHS {
        // Fresh buffers: no thread-local in the wasm (see `NATIVE_FAST_PATHS`).
        return f(&mut Scratch::default());
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let out = f(&mut scratch);
            scratch.trim();
            out
        }
        Err(_) => f(&mut Scratch::default()),
    })
}

impl Fingerprint {
    /// The fingerprint of `text` (already cleaned, or raw). One pass over the text keeps only
    /// each token's hash (and where paragraphs break, for the lead and the paragraph samples).
    pub fn new(text: &str, config: &DedupConfig) -> Fingerprint {
        if !NATIVE_FAST_PATHS {
            return Fingerprint::via_tokens(text, config);
        }
        with_scratch(|scratch| {
            let mut hashes = std::mem::take(&mut scratch.hashes);
            hashes.clear();
            let mut breaks = std::mem::take(&mut scratch.breaks);
            breaks.clear();
            let (mut unspaced, mut prev_end) = (0usize, 0usize);
            for_each_token(text, |t| {
                if !hashes.is_empty() && paragraph_break(text, prev_end, t.start) {
                    breaks.push(u32::try_from(hashes.len()).unwrap_or(u32::MAX));
                }
                prev_end = t.end;
                unspaced += usize::from(t.unspaced);
                hashes.push(t.hash);
            });
            let out = Fingerprint::from_parts(&hashes, unspaced, &breaks, config, scratch);
            scratch.hashes = hashes;
            scratch.breaks = breaks;
            out
        })
    }

    /// [`Fingerprint::new`], plus the text's shingles in order ([`ShingleOrder`]) for the
    /// receipts of a corpus run; `None` (the receipts then cut the text into words again) for a
    /// text with non-ASCII characters, more than 65,536 distinct shingles or more than 4 GB,
    /// and in the wasm (its receipts take the other path).
    pub fn new_ordered(text: &str, config: &DedupConfig) -> (Fingerprint, Option<ShingleOrder>) {
        if !NATIVE_FAST_PATHS || !text.is_ascii() || u32::try_from(text.len()).is_err() {
            return (Fingerprint::new(text, config), None);
        }
        with_scratch(|scratch| {
            let mut hashes = std::mem::take(&mut scratch.hashes);
            hashes.clear();
            let mut checkpoints = Vec::with_capacity(text.len() / (6 * ORDER_CHECKPOINT) + 1);
            let mut breaks = std::mem::take(&mut scratch.breaks);
            breaks.clear();
            let mut prev_end = 0usize;
            // An ASCII text: no unspaced-script tokens, one call of the ASCII scanner.
            ascii_words(text, |start, end, upper| {
                if !hashes.is_empty() && paragraph_break(text, prev_end, start) {
                    // Below 4 GB: checked above.
                    breaks.push(hashes.len() as u32);
                }
                if hashes.len() % ORDER_CHECKPOINT == 0 {
                    // Below 4 GB: checked above.
                    checkpoints.push(start as u32);
                }
                prev_end = end;
                hashes.push(ascii_word_hash(&text.as_bytes()[start..end], upper));
            });
            let mut indexes = Vec::new();
            let (fp, ordered) = Fingerprint::from_parts_with(&hashes, 0, &breaks, config, scratch, Some(&mut indexes));
            scratch.hashes = hashes;
            scratch.breaks = breaks;
            let order = ordered.then(|| ShingleOrder {
                indexes: indexes.into_boxed_slice(),
                checkpoints: checkpoints.into_boxed_slice(),
                width: config.shingle_size.max(1),
                tokens: fp.tokens,
            });
            (fp, order)
        })
    }

    /// [`Fingerprint::new`] through the token vector: the same fingerprint (a test checks) with
    /// one copy of the inlined tokenizer less, which is what the wasm builds.
    fn via_tokens(text: &str, config: &DedupConfig) -> Fingerprint {
        let toks = tokens(text);
        Fingerprint::from_tokens(text, &toks, config)
    }

    /// The fingerprint of `text` whose tokens (from [`tokens`]) are known.
    pub fn from_tokens(text: &str, toks: &[Token], config: &DedupConfig) -> Fingerprint {
        let unspaced = toks.iter().filter(|t| t.unspaced).count();
        let breaks: Vec<u32> = toks
            .windows(2)
            .enumerate()
            .filter(|(_, p)| paragraph_break(text, p[0].end, p[1].start))
            .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX))
            .collect();
        with_scratch(|scratch| {
            let mut hashes = std::mem::take(&mut scratch.hashes);
            hashes.clear();
            hashes.extend(toks.iter().map(|t| t.hash));
            let out = Fingerprint::from_parts(&hashes, unspaced, &breaks, config, scratch);
            scratch.hashes = hashes;
            out
        })
    }

    /// The fingerprint from the token hashes, the number of unspaced-script tokens among them
    /// (which picks the shingle width, as [`shingle_width`]) and the token indexes where
    /// paragraphs start (which give the lead's length, [`lead_from_breaks`]).
    fn from_parts(
        hashes: &[u64],
        unspaced: usize,
        breaks: &[u32],
        config: &DedupConfig,
        scratch: &mut Scratch,
    ) -> Fingerprint {
        Fingerprint::from_parts_with(hashes, unspaced, breaks, config, scratch, None).0
    }

    /// [`Fingerprint::from_parts`], and when `indexes` is given the text order of
    /// [`Fingerprint::new_ordered`] in it (each shingle's index in the set; usable when the flag
    /// is true).
    fn from_parts_with(
        hashes: &[u64],
        unspaced: usize,
        breaks: &[u32],
        config: &DedupConfig,
        scratch: &mut Scratch,
        indexes: Option<&mut Vec<u16>>,
    ) -> (Fingerprint, bool) {
        let k = if unspaced * 2 > hashes.len() { config.char_shingle_size.max(1) } else { config.shingle_size.max(1) };
        let mut sh = std::mem::take(&mut scratch.shingles);
        sh.clear();
        // The shingles (as [`shingle_hashes`]) and the exact hash (a fold over the tokens) in
        // one loop: the fold is a chain of dependent multiplies, which the processor overlaps
        // with the shingles' independent ones instead of running it alone afterwards.
        let kk = k.min(hashes.len());
        let mut exact = EXACT_HASH_START;
        if NATIVE_FAST_PATHS && kk == SHINGLE_SIZE {
            exact = shingles_of_width::<SHINGLE_SIZE>(hashes, &mut sh, exact);
        } else if kk > 0 {
            for window in hashes.windows(kk) {
                let mut acc = kk as u64;
                for &h in window {
                    acc = mix64(acc ^ h);
                }
                sh.push(acc);
                exact = mix64(exact ^ window[0]);
            }
            for &h in hashes.get(hashes.len() + 1 - kk..).unwrap_or(&[]) {
                exact = mix64(exact ^ h);
            }
        }
        let lead_n = lead_from_breaks(breaks, config);
        let wide_n = config.lead_search_words.max(lead_n);
        // The shingles of the first n tokens are the first n - k + 1 shingles.
        let take = |n: usize| if hashes.len() <= n { sh.len() } else { (n + 1).saturating_sub(k).max(1).min(sh.len()) };
        let mut slots = std::mem::take(&mut scratch.slots);
        let sampled = paragraph_slots(sh.len(), kk.max(1), hashes.len(), breaks, config.prose_words, &mut slots);
        let layout = Layout { prefixes: [take(lead_n), take(wide_n)], slots: &slots, sampled };
        let (sets, ok) = scratch.sorted_sets(&sh, &layout, indexes);
        scratch.slots = slots;
        scratch.shingles = sh;
        let SortedSets { set: shingles, lead, wide: lead_wide, paragraphs } = sets;
        (Fingerprint { shingles, lead, lead_wide, tokens: hashes.len(), paragraphs, exact }, ok)
    }

    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }

    /// Heap bytes held (for the memory budget of big corpora).
    pub fn heap_bytes(&self) -> usize {
        4 * (self.shingles.capacity() + self.lead.capacity() + self.lead_wide.capacity() + self.paragraphs.capacity())
    }
}

pub use crate::hashing::intersection;

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn lowercase_runs_count_the_leading_lowercase_letters() {
        for (chunk, run) in [
            (b"abcdefgh", 8),
            (b"abc defg", 3),
            (b"Abcdefgh", 0),
            (b"az{`AZ09", 2),
            (b"xyz\xe9\xff\xffab", 3),
            (b"\xff\xffabcdef", 0),
            (b"`{@[a0_z", 0),
        ] {
            assert_eq!(lowercase_run(u64::from_le_bytes(*chunk)), run, "{chunk:?}");
        }
    }

    #[test]
    fn ascii_words_follow_uax29() {
        let cases = [
            "Don't stop: the U.S. paid $1,000.50 on 3.5% (G7) re-entry",
            "a.b a..b a' 'a a:b 1:2 1;2 a;b _x_ x_1 end.",
            "Moscow accused the US-led coalition",
            "internationally abcdefgh'ijklmnop abcdefgh.ijklmnopq extraordinarily9 abcdefg:hijk a1,000 xyzxyzx_yz",
        ];
        for text in cases {
            let uax: Vec<&str> = text.unicode_words().collect();
            assert_eq!(words_of(text), uax, "{text}");
        }
    }

    #[test]
    fn case_quotes_and_punctuation_do_not_change_hashes() {
        let a: Vec<u64> = tokens("“That’s FALSE,” he said.").iter().map(|t| t.hash).collect();
        let b: Vec<u64> = tokens("\"that's false\" -- he said").iter().map(|t| t.hash).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn chunked_tokens_equal_uax29_on_mixed_text() {
        let text = "“That’s absolutely false,” Manning said — in São Paulo\u{a0}today; 1,000 naïve co-ops.";
        let uax: Vec<&str> = text.unicode_words().collect();
        assert_eq!(words_of(text), uax);
    }

    #[test]
    fn shingles_of_the_default_width_equal_those_of_any_width() {
        for n in SHINGLE_SIZE..40 {
            let hashes: Vec<u64> = (0..n as u64).map(|i| mix64(i ^ 0x5eed)).collect();
            let (mut fast, mut any) = (Vec::new(), Vec::new());
            let exact = shingles_of_width::<SHINGLE_SIZE>(&hashes, &mut fast, EXACT_HASH_START);
            shingle_hashes(&hashes, SHINGLE_SIZE, &mut any);
            assert_eq!(fast, any, "{n} tokens");
            assert_eq!(exact, hashes.iter().fold(EXACT_HASH_START, |e, &h| mix64(e ^ h)), "{n} tokens");
        }
    }

    #[test]
    fn wasm_paths_equal_the_native_ones() {
        let config = DedupConfig::default();
        let texts = [
            "",
            "one",
            "Headline here\n\nThe lede paragraph of the story, with several words in it to pass the minimum.\n\nMore text follows here.",
            "“That’s absolutely false,” Manning said — in São Paulo\u{a0}today; 1,000 naïve co-ops.",
            "東京都は今日、新しい計画を発表した。 The plan, officials said, starts in April.",
        ];
        let long: String = (0..400).map(|i| format!("word{} ", i % 97)).collect::<String>() + "\n\nEnd.";
        for text in texts.iter().copied().chain([long.as_str()]) {
            let (fast, simple) = (Fingerprint::new(text, &config), Fingerprint::via_tokens(text, &config));
            assert_eq!(
                (&fast.shingles, &fast.lead, &fast.lead_wide, fast.tokens, fast.exact),
                (&simple.shingles, &simple.lead, &simple.lead_wide, simple.tokens, simple.exact),
                "{text}"
            );
            let mut ordered = OrderedShingles::default();
            ordered.fill(text, &config);
            let toks = tokens(text);
            let spans: Vec<(usize, usize)> = toks.iter().map(|t| (t.start, t.end)).collect();
            let width = shingle_width(&toks, &config);
            let mut wide = Vec::new();
            shingle_hashes(&toks.iter().map(|t| t.hash).collect::<Vec<_>>(), width, &mut wide);
            let shingles: Vec<u32> = wide.iter().map(|&h| (h >> 32) as u32).collect();
            assert_eq!((&ordered.spans, &ordered.shingles, ordered.width), (&spans, &shingles, width), "{text}");
        }
    }

    #[test]
    fn ordered_fingerprint_equals_the_plain_one_and_its_order_the_text() {
        let config = DedupConfig::default();
        // Repeated shingles, long and short texts, words that are only "_", joiners ("a.b",
        // "1,000") and gaps of every kind, so that checkpoints fall on all of them.
        let long: String = (0..700)
            .map(|i| match i % 7 {
                0 => format!("Word{} ", i % 53),
                1 => "__ a.b 1,000 ".to_string(),
                2 => format!("x{}--y ", i % 11),
                3 => "(don't) ".to_string(),
                _ => format!("w{}\n\n", i % 29),
            })
            .collect();
        let texts = ["", "one", "one two", "_ __ ___", "Headline\n\nThe lede, said he.", long.as_str(), "caf\u{e9} ok"];
        for text in texts {
            let (fp, order) = Fingerprint::new_ordered(text, &config);
            assert_eq!(fp, Fingerprint::new(text, &config), "{text}");
            let Some(order) = order else {
                assert!(!text.is_ascii(), "an ASCII text has an order: {text}");
                continue;
            };
            let mut want = OrderedShingles::default();
            want.fill(text, &config);
            let mut shingles = Vec::new();
            order.shingles_into(&fp, &mut shingles);
            assert_eq!(
                (&shingles, order.width(), order.tokens()),
                (&want.shingles, want.width, want.tokens()),
                "{text}"
            );
            let spans: Vec<Option<(usize, usize)>> = (0..=want.tokens()).map(|i| order.token_span(text, i)).collect();
            let want_spans: Vec<Option<(usize, usize)>> =
                (0..=want.tokens()).map(|i| want.spans.get(i).copied()).collect();
            assert_eq!(spans, want_spans, "{text}");
        }
    }

    /// Each paragraph's [`PARAGRAPH_SAMPLES`] smallest values by a pass over its shingles: the
    /// definition the walk in [`Scratch::sorted_sets`] is checked against.
    fn paragraph_samples(sh: &[u64], k: usize, tokens: usize, breaks: &[u32], prose_words: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let mut start = 0usize;
        for end in breaks.iter().map(|&b| b as usize).chain(std::iter::once(tokens)) {
            let (lo, hi) = (start, (end + 1).saturating_sub(k).min(sh.len()));
            start = end;
            if end.saturating_sub(lo) < prose_words.max(1) || hi <= lo {
                continue;
            }
            let mut values: Vec<u32> = sh[lo..hi].iter().map(|&h| (h >> 32) as u32).collect();
            values.sort_unstable();
            values.dedup();
            values.resize(PARAGRAPH_SAMPLES.max(values.len()), u32::MAX);
            out.extend_from_slice(&values[..PARAGRAPH_SAMPLES]);
            if out.len() >= SAMPLED_PARAGRAPHS * PARAGRAPH_SAMPLES {
                break;
            }
        }
        out
    }

    /// A fingerprint's sets by their definitions: the whole set, the lead's and its window's
    /// each sorted on its own, and the paragraph samples.
    fn sets_by_definition(text: &str, config: &DedupConfig) -> [Vec<u32>; 4] {
        let toks = tokens(text);
        let k = shingle_width(&toks, config);
        let hashes: Vec<u64> = toks.iter().map(|t| t.hash).collect();
        let mut sh = Vec::new();
        shingle_hashes(&hashes, k, &mut sh);
        let breaks: Vec<u32> = toks
            .windows(2)
            .enumerate()
            .filter(|(_, p)| paragraph_break(text, p[0].end, p[1].start))
            .map(|(i, _)| (i + 1) as u32)
            .collect();
        let sorted = |v: &[u64]| {
            let mut s: Vec<u32> = v.iter().map(|&h| (h >> 32) as u32).collect();
            s.sort_unstable();
            s.dedup();
            s
        };
        let lead_n = lead_from_breaks(&breaks, config);
        let wide_n = config.lead_search_words.max(lead_n);
        let take = |n: usize| if hashes.len() <= n { sh.len() } else { (n + 1).saturating_sub(k).max(1).min(sh.len()) };
        let samples = paragraph_samples(&sh, k.min(hashes.len()).max(1), hashes.len(), &breaks, config.prose_words);
        [sorted(&sh), sorted(&sh[..take(lead_n)]), sorted(&sh[..take(wide_n)]), samples]
    }

    #[test]
    fn walked_sets_equal_their_definitions() {
        let mut state = 11u64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) % n) as usize
        };
        let words = ["the", "a", "said", "Minister", "of", "talks", "x", "on", "Monday", "café", "2024", "in"];
        let mut texts: Vec<String> = Vec::new();
        for round in 0..120 {
            // Few words, so values repeat inside paragraphs; paragraphs of every length around
            // `prose_words`, more than are sampled, and gaps of every kind.
            let vocabulary = 1 + round % words.len();
            let mut text = String::new();
            for _ in 0..next(30) {
                for _ in 0..next(if round % 10 == 0 { 400 } else { 60 }) {
                    let w = words[next(vocabulary as u64)];
                    text.push_str(if round % 3 == 0 && w == "café" { "cafe" } else { w });
                    text.push(' ');
                }
                text.push_str(["\n\n", "\n", " ", "\n \n"][next(4)]);
            }
            texts.push(text);
        }
        // Above the bucket sort's range (the radix sort), and a text of one repeated shingle.
        texts.push((0..5000).map(|i| format!("w{} ", i % 1500)).collect::<String>());
        texts.push("same ".repeat(200));
        for prose_words in [1, 5, 35] {
            let config = DedupConfig { prose_words, ..DedupConfig::default() };
            for text in &texts {
                let want = sets_by_definition(text, &config);
                let (ordered, _) = Fingerprint::new_ordered(text, &config);
                for fp in [Fingerprint::new(text, &config), Fingerprint::via_tokens(text, &config), ordered] {
                    assert_eq!([fp.shingles, fp.lead, fp.lead_wide, fp.paragraphs], want, "{text}");
                }
            }
        }
    }

    #[test]
    fn radix_sort_high_sorts_by_the_high_half_and_keeps_the_low_order() {
        let mut v: Vec<u64> = (0..1000u64).map(|i| (mix64(i % 300) & !0xFFFF_FFFF) | i).collect();
        let mut want = v.clone();
        want.sort_unstable();
        radix_sort_lsd::<_, SHINGLE_RADIX, 4>(&mut v, &mut Vec::new(), |x| x >> 32, 32);
        assert_eq!(v, want);
    }

    #[test]
    fn radix_sort_sorts() {
        let mut v: Vec<u32> = (0..1000u64).map(|i| (mix64(i % 700) >> 32) as u32).chain([0, u32::MAX, 7, 7]).collect();
        let mut want = v.clone();
        want.sort_unstable();
        radix_sort_lsd::<_, SHINGLE_RADIX, 4>(&mut v, &mut Vec::new(), u64::from, 32);
        assert_eq!(v, want);
    }

    #[test]
    fn intersection_counts_shared_values() {
        assert_eq!(intersection(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
        assert_eq!(intersection(&[], &[1]), 0);
        assert_eq!(intersection(&[4], &[4]), 1);
    }

    #[test]
    fn unspaced_scripts_become_characters() {
        let t = tokens("東京は晴れ");
        assert_eq!(t.len(), 5);
        assert!(t.iter().all(|t| t.unspaced));
    }

    #[test]
    fn lead_is_a_prefix_of_the_shingles() {
        let c = DedupConfig::default();
        let text = (0..200).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let f = Fingerprint::new(&text, &c);
        assert_eq!(f.lead.len(), c.lead_words + 1 - c.shingle_size);
        assert_eq!(f.lead_wide.len(), c.lead_search_words + 1 - c.shingle_size);
        assert_eq!(f.shingles.len(), 200 + 1 - c.shingle_size);
    }
}
