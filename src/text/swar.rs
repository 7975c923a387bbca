//! Byte tests eight bytes at a time ("SIMD within a register"): the fast paths that skip runs of
//! plain ASCII in normalisation and in cleaning's matching form, the line count of text mode and
//! dedup's word scanner share these, so the word-wide tricks are written (and checked) once.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte: a word `w` is all ASCII when `w & HIGH == 0`.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `i` as one little-endian word, if there are eight.
#[inline]
pub(crate) fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: &[u8; 8] = bytes.get(i..)?.first_chunk()?;
    Some(u64::from_le_bytes(*chunk))
}

/// The first eight bytes of `bytes` as one little-endian word, bytes past the end read as 0 (a
/// last, short word).
#[inline]
pub(crate) fn load_padded(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => {
            let mut padded = [0u8; 8];
            padded.iter_mut().zip(bytes).for_each(|(d, &b)| *d = b);
            u64::from_le_bytes(padded)
        }
    }
}

/// The bytes of `w` equal to `b`, flagged by their high bit, exact for every byte (unlike
/// [`byte_mask`], and for any `b` and `w`): no carry leaves a byte.
#[inline]
pub(crate) fn eq_mask(w: u64, b: u8) -> u64 {
    let x = w ^ (ONES * u64::from(b));
    !((x & !HIGH).wrapping_add(!HIGH) | x) & HIGH
}

/// `w` with its ASCII capitals lowered: exact for every byte below the first one from 0x80 up (a
/// carry out of a byte only reaches the bytes above it).
#[inline]
pub(crate) fn lower_ascii(w: u64) -> u64 {
    let at_least_a = w.wrapping_add(ONES * (0x80 - u64::from(b'A'))) & HIGH;
    let above_z = w.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1)) & HIGH;
    w | ((at_least_a & !above_z) >> 2)
}

/// The bytes of `w` below `n` (`n <= 128`), flagged by their high bit: the classic "hasless"
/// test. A byte with its own high bit set is never flagged. Exact as a yes/no answer and for
/// the lowest flagged byte (a borrow can only follow a byte that is below `n`, and carries run
/// upwards), which is all a search for the first match needs.
#[inline]
pub(crate) fn less_mask(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH
}

/// The bytes of `w` equal to `b` (`b < 128`), flagged as [`less_mask`] flags them.
#[inline]
pub(crate) fn byte_mask(w: u64, b: u8) -> u64 {
    less_mask(w ^ (ONES * u64::from(b)), 1)
}

/// Whether any byte of `w` is below `n` (`n <= 128`, `w` without high bits). (The scans use the
/// masks, which also say where; the yes/no forms remain for the tests.)
#[cfg(test)]
pub(crate) fn has_less(w: u64, n: u8) -> bool {
    less_mask(w, n) != 0
}

/// Whether any byte of `w` equals `b` (`w` without high bits).
#[cfg(test)]
pub(crate) fn has_byte(w: u64, b: u8) -> bool {
    byte_mask(w, b) != 0
}

/// The index of the lowest byte flagged in a non-zero `mask` of [`less_mask`] / [`byte_mask`].
#[inline]
pub(crate) fn first_flagged(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The number of bytes of `bytes` equal to `b`, eight a word: exact per byte, unlike
/// [`byte_mask`] (reading a document's lines, a byte-wise count was 1.5% of corpus cleaning).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn count_byte(bytes: &[u8], b: u8) -> usize {
    // Each byte equal to `b`, as a 1 in its lane; the multiply adds the eight lanes in the top
    // byte. A block of 31 words is summed before a lane could pass 255, and its fixed length
    // leaves the loop over its words without a test of how many were added (that test was a
    // quarter of the count's instructions).
    const WORDS: usize = 31;
    let lanes = |words: &[u8]| words.chunks_exact(8).fold(0u64, |acc, w| acc + (eq_mask(load_padded(w), b) >> 7));
    let mut blocks = bytes.chunks_exact(8 * WORDS);
    let mut count = 0usize;
    for block in &mut blocks {
        count += (lanes(block).wrapping_mul(ONES) >> 56) as usize;
    }
    let rest = blocks.remainder();
    count += (lanes(rest).wrapping_mul(ONES) >> 56) as usize;
    count + rest.chunks_exact(8).remainder().iter().filter(|&&x| x == b).count()
}

/// The bytes of `w` that are not printable ASCII (below 0x20, DEL, or from 0x80 up), flagged by
/// their high bit: zero exactly when all eight are printable, and exact for the lowest flagged
/// byte (a carry out of 0xFF or a borrow out of a byte below 0x20 only reaches the bytes above
/// it, each of which is flagged already). Six operations, where `HIGH | less_mask | byte_mask`
/// took ten.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub(crate) fn unprintable_mask(w: u64) -> u64 {
    (w | w.wrapping_add(ONES) | w.wrapping_sub(ONES * 0x20)) & HIGH
}

/// How many bytes a scan step of [`ascii_end`] and [`printable_end`] takes while that many are
/// left: four words tested with one branch (on news text, the loop's bounds tests and branch per
/// word were most of the normalisation's two passes over the bytes).
#[cfg(not(target_arch = "wasm32"))]
const BLOCK: usize = 32;

/// The first index from `from` (at most `bytes.len()`) on whose byte `mask` flags, or
/// `bytes.len()`: `mask` flags bytes by their high bit, exactly for the lowest flagged byte and
/// never when none is to be flagged ([`unprintable_mask`], `w & HIGH`). The four words of a step
/// keep their masks, so the step that holds the byte finds it without testing a word again
/// (lines of news text, with their line ends and curly quotes, stop in most steps).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn run_end(bytes: &[u8], from: usize, mask: impl Fn(u64) -> u64) -> usize {
    let mut i = from;
    while let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<BLOCK>) {
        let m =
            |at: usize| block.get(at..).and_then(<[u8]>::first_chunk::<8>).map_or(0, |w| mask(u64::from_le_bytes(*w)));
        let (m0, m1, m2, m3) = (m(0), m(8), m(16), m(24));
        if m0 | m1 | m2 | m3 != 0 {
            let (at, flagged) = if m0 != 0 {
                (0, m0)
            } else if m1 != 0 {
                (8, m1)
            } else if m2 != 0 {
                (16, m2)
            } else {
                (24, m3)
            };
            return i + at + first_flagged(flagged);
        }
        i += BLOCK;
    }
    while let Some(w) = word_at(bytes, i) {
        let flagged = mask(w);
        if flagged != 0 {
            return i + first_flagged(flagged);
        }
        i += 8;
    }
    // The last bytes one at a time, each as the lowest byte of a word (which is exact).
    while let Some(&b) = bytes.get(i) {
        if mask(u64::from(b)) & 0x80 != 0 {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// The first index from `from` (at most `bytes.len()`) on whose byte is not ASCII, or
/// `bytes.len()` when there is none.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn ascii_end(bytes: &[u8], from: usize) -> usize {
    run_end(bytes, from, |w| w & HIGH)
}

/// The first index from `from` (at most `bytes.len()`) on whose byte is not printable ASCII (see
/// [`unprintable_mask`]), or `bytes.len()` when there is none.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn printable_end(bytes: &[u8], from: usize) -> usize {
    run_end(bytes, from, unprintable_mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests_agree_with_byte_by_byte() {
        let samples: [&[u8; 8]; 6] = [
            b"abcdefgh",
            b"ab\x1fdefgh",
            b"abcdefg\x7f",
            b"       \x00",
            b"`~ZAza09",
            b"\x01\x7f\x20\x21\x5f\x60\x7e\x3f",
        ];
        for s in samples {
            let w = u64::from_le_bytes(*s);
            for n in [1u8, 0x20, 0x41, 0x80] {
                assert_eq!(has_less(w, n), s.iter().any(|&b| b < n), "{s:?} < {n}");
            }
            for b in [0u8, b' ', b'`', 0x7F, b'Z'] {
                assert_eq!(has_byte(w, b), s.contains(&b), "{s:?} has {b}");
            }
        }
        // The lowest flagged byte is exact, high bytes included (never flagged).
        for s in [b"ab\xe9\x22c\x1f\\d", b"\xff\xfe\x22\x22\x00abc", b"abcdefgh"] {
            let w = u64::from_le_bytes(*s);
            let mask = byte_mask(w, b'"') | byte_mask(w, b'\\') | less_mask(w, 0x20);
            let first = s.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            assert_eq!((mask != 0).then(|| first_flagged(mask)), first, "{s:?}");
        }
        assert_eq!(word_at(b"abcdefghi", 1), Some(u64::from_le_bytes(*b"bcdefghi")));
        assert_eq!(word_at(b"abcdefghi", 2), None);
        assert_eq!(word_at(b"abc", 9), None);
    }

    #[test]
    fn word_tests_are_exact_per_byte() {
        let bytes = *b"aZ \x80\xff` Q";
        let w = u64::from_le_bytes(bytes);
        for b in [b' ', b'a', 0x80, 0xff, b'Q', 0] {
            let want = bytes.iter().enumerate().fold(0u64, |m, (i, &x)| m | (u64::from(x == b) << (8 * i + 7)));
            assert_eq!(eq_mask(w, b), want, "{b:#x}");
        }
        // Capitals lowered below the first byte from 0x80 up.
        assert_eq!(lower_ascii(w).to_le_bytes()[..3], *b"az ");
        assert_eq!(lower_ascii(u64::from_le_bytes(*b"@AZ[Hi09")).to_le_bytes(), *b"@az[hi09");
        assert_eq!(load_padded(b"abc"), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
        assert_eq!(load_padded(b"abcdefghij"), u64::from_le_bytes(*b"abcdefgh"));
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn unprintable_mask_is_exact_for_the_first_byte() {
        // Every byte value at every lane, after printable bytes and before anything.
        for lane in 0..8 {
            for b in 0..=255u8 {
                for after in [b'a', 0x00, 0xFF, 0x7F, 0x1F, 0x20] {
                    let mut s = [b'x'; 8];
                    s[lane] = b;
                    s.iter_mut().skip(lane + 1).for_each(|x| *x = after);
                    let mask = unprintable_mask(u64::from_le_bytes(s));
                    let first = s.iter().position(|&x| !(0x20..0x7F).contains(&x));
                    assert_eq!((mask != 0).then(|| first_flagged(mask)), first, "{s:?}");
                }
            }
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn run_ends_agree_with_byte_by_byte() {
        // Random texts of mostly printable ASCII with the odd line end, control, DEL or
        // non-ASCII byte, searched from every position.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..400 {
            let len = (next() % 140) as usize;
            let odd = 2 + round % 60;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % odd == 0 {
                        [b'\n', 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xE2, 0xFF][(r >> 8) as usize % 8]
                    } else {
                        0x20 + (r >> 16) as u8 % 0x5F
                    }
                })
                .collect();
            for from in 0..=len {
                let tail = &bytes[from..];
                let ascii = tail.iter().position(|&b| b >= 0x80).map_or(len, |p| from + p);
                let printable = tail.iter().position(|&b| !(0x20..0x7F).contains(&b)).map_or(len, |p| from + p);
                assert_eq!(ascii_end(&bytes, from), ascii, "{bytes:?} {from}");
                assert_eq!(printable_end(&bytes, from), printable, "{bytes:?} {from}");
            }
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn bytes_are_counted_as_one_by_one() {
        let mut text = Vec::new();
        for i in 0..700u32 {
            text.push(if i % 7 == 0 || i % 11 == 3 || (250..400).contains(&i) { b'\n' } else { (i % 251) as u8 });
            assert_eq!(count_byte(&text, b'\n'), text.iter().filter(|&&b| b == b'\n').count(), "{i}");
        }
    }
}
