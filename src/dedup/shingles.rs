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

use super::DedupConfig;
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
        return ascii_word_hash(word);
    }
    xxh3_64_with_seed(text::matching_form(word).as_bytes(), WORD_HASH_SEED)
}

/// [`word_hash`] of an ASCII word.
#[inline]
fn ascii_word_hash(word: &str) -> u64 {
    // Most words have no capital: their matching form is the word itself, hashed in place.
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return xxh3_64_with_seed(word.as_bytes(), WORD_HASH_SEED);
    }
    let mut buf = [0u8; 64];
    if word.len() <= buf.len() {
        let out = &mut buf[..word.len()];
        for (o, b) in out.iter_mut().zip(word.bytes()) {
            *o = b.to_ascii_lowercase();
        }
        return xxh3_64_with_seed(out, WORD_HASH_SEED);
    }
    xxh3_64_with_seed(word.to_ascii_lowercase().as_bytes(), WORD_HASH_SEED)
}

/// True for a byte that can be part of an ASCII word.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The words of an ASCII text by the UAX #29 rules that matter for ASCII: letters, digits and
/// `_` form words; `'`, `.` and `:` join two letters ("don't", "U.S"), `'`, `.`, `,` and `;`
/// join two digits ("3.5", "1,000"); a letter next to a digit stays in the word ("G7", "4x4").
/// It gives the same words as `unicode_word_indices` on ASCII input (a property test checks),
/// about five times faster.
fn ascii_words(text: &str, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        if !is_word_byte(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        loop {
            while i < n && is_word_byte(b[i]) {
                i += 1;
            }
            // A joiner between two word characters of the right kinds continues the word.
            if i + 1 < n && is_word_byte(b[i + 1]) && i > start {
                let (prev, mid, next) = (b[i - 1], b[i], b[i + 1]);
                let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
                let digits = prev.is_ascii_digit() && next.is_ascii_digit();
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
        if b[start..i].iter().any(u8::is_ascii_alphanumeric) {
            f(start, i);
        }
    }
}

/// The tokens of `text` in order.
///
/// UAX #29 never joins a word across whitespace, so the text is cut at ASCII whitespace and
/// each chunk is segmented on its own: pure-ASCII chunks (most of them, even in text with curly
/// quotes) by the fast ASCII rules, the others by `unicode_word_indices`.
pub fn tokens(text: &str) -> Vec<Token> {
    // A word and its space take five or six bytes of news text; a quarter of the length in
    // tokens almost never grows the vector (growing it was a share of sketching).
    let mut out = Vec::with_capacity(text.len() / 4);
    if text.is_ascii() {
        ascii_words(text, |start, end| {
            out.push(Token { hash: ascii_word_hash(&text[start..end]), start, end, unspaced: false });
        });
        return out;
    }
    let bytes = text.as_bytes();
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
            ascii_words(chunk, |s, e| {
                out.push(Token {
                    hash: ascii_word_hash(&chunk[s..e]),
                    start: start + s,
                    end: start + e,
                    unspaced: false,
                });
            });
        } else {
            unicode_chunk(chunk, start, &mut out);
        }
    }
    out
}

/// Tokens of a chunk with non-ASCII characters, by UAX #29; characters of unspaced scripts
/// become one token each (character n-grams).
fn unicode_chunk(chunk: &str, offset: usize, out: &mut Vec<Token>) {
    for (s, word) in chunk.unicode_word_indices() {
        let start = offset + s;
        if word.chars().any(is_unspaced) {
            for (o, c) in word.char_indices() {
                let cs = start + o;
                let piece = &word[o..o + c.len_utf8()];
                out.push(Token { hash: word_hash(piece), start: cs, end: cs + c.len_utf8(), unspaced: true });
            }
        } else {
            out.push(Token { hash: word_hash(word), start, end: start + word.len(), unspaced: false });
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
    /// Hash of the whole token sequence: equal for exact duplicates after normalisation.
    pub exact: u64,
}

/// Number of opening tokens that make the lead: up to `lead_words`, but ending at the first
/// paragraph break after `lead_min_words`. The lede is the first paragraph of a news story; what
/// follows a short lede-only copy is often a rail of teasers, the openings of *other* stories.
/// A headline or dateline line before the lede is shorter than `lead_min_words`, so it does not
/// end the lead.
fn lead_length(text: &str, toks: &[Token], config: &DedupConfig) -> usize {
    let max = config.lead_words.max(1);
    let min = config.lead_min_words.min(max);
    for i in min.max(1)..max.min(toks.len()) {
        let gap = text.get(toks[i - 1].end..toks[i].start).unwrap_or("");
        if gap.bytes().filter(|&b| b == b'\n').count() >= 2 {
            return i;
        }
    }
    max
}

fn sorted_u32(hashes: &[u64]) -> Vec<u32> {
    let mut v: Vec<u32> = hashes.iter().map(|&h| (h >> 32) as u32).collect();
    if v.len() >= RADIX_SORT_MIN {
        radix_sort(&mut v);
    } else {
        v.sort_unstable();
    }
    v.dedup();
    v
}

/// From this many values a radix sort beats a comparison sort: a document's shingle set (a few
/// hundred uniform hashes) sorts in four counting passes instead of n log n comparisons whose
/// outcomes are coin flips, and sorting was half of building a fingerprint.
const RADIX_SORT_MIN: usize = 128;

/// Sorts `v` ascending: least-significant-digit radix sort, one byte per pass.
fn radix_sort(v: &mut Vec<u32>) {
    let mut scratch = vec![0u32; v.len()];
    for shift in [0u32, 8, 16, 24] {
        let mut offsets = [0usize; 256];
        for &x in v.iter() {
            offsets[((x >> shift) & 0xFF) as usize] += 1;
        }
        let mut total = 0;
        for slot in offsets.iter_mut() {
            let count = *slot;
            *slot = total;
            total += count;
        }
        for &x in v.iter() {
            let digit = ((x >> shift) & 0xFF) as usize;
            if let Some(out) = scratch.get_mut(offsets[digit]) {
                *out = x;
            }
            offsets[digit] += 1;
        }
        std::mem::swap(v, &mut scratch);
    }
}

impl Fingerprint {
    /// The fingerprint of `text` (already cleaned, or raw).
    pub fn new(text: &str, config: &DedupConfig) -> Fingerprint {
        let toks = tokens(text);
        Fingerprint::from_tokens(text, &toks, config)
    }

    /// The fingerprint of `text` whose tokens (from [`tokens`]) are known.
    pub fn from_tokens(text: &str, toks: &[Token], config: &DedupConfig) -> Fingerprint {
        let k = shingle_width(toks, config);
        let hashes: Vec<u64> = toks.iter().map(|t| t.hash).collect();
        let mut sh = Vec::with_capacity(hashes.len());
        shingle_hashes(&hashes, k, &mut sh);
        let lead_n = lead_length(text, toks, config);
        let wide_n = config.lead_search_words.max(lead_n);
        // The shingles of the first n tokens are the first n - k + 1 shingles.
        let take = |n: usize| if hashes.len() <= n { sh.len() } else { (n + 1).saturating_sub(k).max(1).min(sh.len()) };
        let lead = sorted_u32(&sh[..take(lead_n)]);
        let lead_wide = sorted_u32(&sh[..take(wide_n)]);
        let exact = hashes.iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, &h| mix64(acc ^ h));
        Fingerprint { shingles: sorted_u32(&sh), lead, lead_wide, tokens: toks.len(), exact }
    }

    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }

    /// Heap bytes held (for the memory budget of big corpora).
    pub fn heap_bytes(&self) -> usize {
        4 * (self.shingles.capacity() + self.lead.capacity() + self.lead_wide.capacity())
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
    fn ascii_words_follow_uax29() {
        let cases = [
            "Don't stop: the U.S. paid $1,000.50 on 3.5% (G7) re-entry",
            "a.b a..b a' 'a a:b 1:2 1;2 a;b _x_ x_1 end.",
            "Moscow accused the US-led coalition",
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
    fn radix_sort_sorts() {
        let mut v: Vec<u32> = (0..1000u64).map(|i| (mix64(i % 700) >> 32) as u32).chain([0, u32::MAX, 7, 7]).collect();
        let mut want = v.clone();
        want.sort_unstable();
        radix_sort(&mut v);
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
