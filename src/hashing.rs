//! Small pieces shared by every engine that works on hashes: a hasher for keys that already are
//! uniform 64-bit hashes, the size of the intersection of two sorted, distinct hash lists
//! (shingle sets in dedup, word samples in cleaning), the case-folded word hash that cleaning
//! compares words with, and [`WordHashSet`], the small fixed set (a stopword list) those hashes
//! are looked up in.

/// A hasher for keys that are already uniform hashes: it passes them through instead of hashing
/// them again.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        // Spread a 32-bit hash over the high bits too (hashbrown uses the top 7 bits).
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// `BuildHasher` for [`PassThroughHasher`].
pub(crate) type PassThroughBuild = std::hash::BuildHasherDefault<PassThroughHasher>;

/// Size of the intersection of two sorted, distinct slices. Branch-free merge: the comparison
/// outcomes of random hashes are unpredictable, and a mispredicted branch per step would cost
/// more than the step.
pub fn intersection<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// [`intersection`] of two sorted, distinct `u32` lists (shingle sets), four values of each at a
/// time: each step compares a block of four of `a` with a block of four of `b` (all sixteen
/// pairs) and moves past the block with the smaller last value, or both. A value can match only
/// inside blocks whose ranges overlap, and every such pair of blocks meets once, so the count is
/// the same as the merge's; the chain of dependent steps (load, compare, advance) is four times
/// shorter, which is what limits the one-at-a-time merge (about three times faster on shingle
/// sets of news articles). This is what verification, the chain guard and the receipts' scores
/// spend their time on.
pub fn intersection_u32(a: &[u32], b: &[u32]) -> usize {
    if !crate::dedup::shingles::NATIVE_FAST_PATHS {
        // The wasm keeps the one-at-a-time merge (see `NATIVE_FAST_PATHS`).
        return intersection(a, b);
    }
    #[cfg(target_arch = "x86_64")]
    let step = intersection_u32_sse2;
    #[cfg(not(target_arch = "x86_64"))]
    let step = intersection_u32_blocks;
    step(a, b)
}

/// The four-by-four step of [`intersection_u32`] in portable code, for native targets other than
/// x86-64 (the compiler turns the sixteen compares into vector compares where it can).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn intersection_u32_blocks(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0usize, 0usize, 0usize);
    while let (Some(&[a0, a1, a2, a3]), Some(&[b0, b1, b2, b3])) = (a.get(i..i + 4), b.get(j..j + 4)) {
        let (va, vb) = ([a0, a1, a2, a3], [b0, b1, b2, b3]);
        let mut m = 0u32;
        for r in 0..4 {
            for c in 0..4 {
                m += u32::from(va[c] == vb[(c + r) & 3]);
            }
        }
        n += m as usize;
        let (last_a, last_b) = (va[3], vb[3]);
        i += 4 * usize::from(last_a <= last_b);
        j += 4 * usize::from(last_b <= last_a);
    }
    n + intersection(a.get(i..).unwrap_or(&[]), b.get(j..).unwrap_or(&[]))
}

/// The four-by-four step of [`intersection_u32`] in SSE2, which every x86-64 processor has (no
/// run-time detection): `a`'s block is compared with `b`'s and its three rotations, and since
/// `b`'s values are distinct each of `a`'s lanes matches at most once, so the four compare
/// masks are or-ed and each lane's count kept in a vector (subtracting the mask adds one), summed
/// once at the end. The compiler's version of the portable step counted each block's matches
/// with a population count of a byte mask, which the x86-64 baseline does in a dozen
/// instructions: the step took about 50 instructions, this one about 20.
#[cfg(target_arch = "x86_64")]
fn intersection_u32_sse2(a: &[u32], b: &[u32]) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi32, _mm_loadu_si128, _mm_or_si128, _mm_setzero_si128, _mm_shuffle_epi32,
        _mm_storeu_si128, _mm_sub_epi32,
    };
    let (mut i, mut j) = (0usize, 0usize);
    let mut lanes = [0u32; 4];
    // SAFETY: SSE2 is part of the x86-64 baseline, so the intrinsics are available; each load
    // reads `a[i..i + 4]` or `b[j..j + 4]`, which the loop condition keeps inside the slices
    // (unaligned loads), and the store writes the four lanes of a `[u32; 4]`.
    unsafe {
        let mut counts = _mm_setzero_si128();
        while i + 4 <= a.len() && j + 4 <= b.len() {
            let va = _mm_loadu_si128(a.as_ptr().add(i).cast::<__m128i>());
            let vb = _mm_loadu_si128(b.as_ptr().add(j).cast::<__m128i>());
            let m01 = _mm_or_si128(_mm_cmpeq_epi32(va, vb), _mm_cmpeq_epi32(va, _mm_shuffle_epi32::<0x39>(vb)));
            let m23 = _mm_or_si128(
                _mm_cmpeq_epi32(va, _mm_shuffle_epi32::<0x4E>(vb)),
                _mm_cmpeq_epi32(va, _mm_shuffle_epi32::<0x93>(vb)),
            );
            // A lane's count stays below 2^32: it grows at most once per block of `a`.
            counts = _mm_sub_epi32(counts, _mm_or_si128(m01, m23));
            let (last_a, last_b) = (a[i + 3], b[j + 3]);
            i += 4 * usize::from(last_a <= last_b);
            j += 4 * usize::from(last_b <= last_a);
        }
        _mm_storeu_si128(lanes.as_mut_ptr().cast::<__m128i>(), counts);
    }
    let n: usize = lanes.iter().map(|&c| c as usize).sum();
    n + intersection(a.get(i..).unwrap_or(&[]), b.get(j..).unwrap_or(&[]))
}

/// FNV-1a over bytes: short keys (words, lines) hash in a few nanoseconds, and 64 bits keep
/// collisions negligible at the sizes cleaned here.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
pub(crate) fn fnv_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// A case-folded FNV-1a hash of one word (the hash of its lower-case UTF-8), without allocating.
#[inline]
pub(crate) fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut hash = FNV_OFFSET;
    if bytes.is_ascii() {
        for &b in bytes {
            hash = fnv_byte(hash, b.to_ascii_lowercase());
        }
        return hash;
    }
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash = fnv_byte(hash, b);
        }
    }
    hash
}

/// A fixed set of 64-bit hashes (a stopword list as [`word_hash`]es), looked up once per word
/// in text mode's hot loop. Open addressing in a power-of-two table at most a quarter full: a
/// lookup is one multiply and, almost always, one or two probes in a table that stays in L1
/// cache (a 200-word list takes 8 KB), cheaper than a general hash map's group probing.
#[derive(Debug, Clone)]
pub(crate) struct WordHashSet {
    /// Slots; `EMPTY` marks a free one. The hash `EMPTY` itself is kept in `has_empty`.
    slots: Box<[u64]>,
    shift: u32,
    has_empty: bool,
}

impl WordHashSet {
    const EMPTY: u64 = 0;

    pub(crate) fn new(hashes: impl IntoIterator<Item = u64>) -> WordHashSet {
        let hashes: Vec<u64> = hashes.into_iter().collect();
        let bits = (hashes.len().max(1) * 4).next_power_of_two().trailing_zeros().max(4);
        let mut set =
            WordHashSet { slots: vec![Self::EMPTY; 1 << bits].into_boxed_slice(), shift: 64 - bits, has_empty: false };
        for h in hashes {
            set.insert(h);
        }
        set
    }

    #[inline]
    fn slot_of(&self, hash: u64) -> usize {
        // Fibonacci hashing: the multiply spreads every input bit into the top bits taken.
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn insert(&mut self, hash: u64) {
        if hash == Self::EMPTY {
            self.has_empty = true;
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(hash);
        while self.slots[i] != Self::EMPTY {
            if self.slots[i] == hash {
                return;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = hash;
    }

    #[inline]
    pub(crate) fn contains(&self, hash: u64) -> bool {
        if hash == Self::EMPTY {
            return self.has_empty;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(hash);
        loop {
            // In bounds: `i` is masked to the table, whose length is a power of two.
            let slot = self.slots[i & mask];
            if slot == hash {
                return true;
            }
            if slot == Self::EMPTY {
                return false;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Stable least-significant-digit radix sort of `v` by the low `bits` bits of `key(x)`, in
/// `PASSES` passes of `RADIX` (a power of two) counters: the one radix sort of dedup, for a long
/// document's shingle set (over 4,096 values; 8-bit digits, four passes over 32 bits; smaller
/// sets take [`bucket_insertion_sort`]) and for a corpus's millions of candidate pairs (12-bit digits: three passes over the 34 bits of
/// 100,000 units' pairs instead of four of 11 bits, with 4,096 counters still in the L1 cache).
/// The digit width and the number of passes are constants so that the counters are fixed-size
/// arrays on the stack, indexed without bounds checks, and the passes unrolled. Every pass's
/// histogram is counted in one read of `v`; a pass whose digit is the same for every value is
/// skipped. `scratch` is a buffer to reuse (its contents are lost), not zeroed: each pass writes
/// every slot before the next reads it. More than `u32::MAX` values, or keys wider than the
/// passes cover, take a comparison sort.
#[inline]
pub(crate) fn radix_sort_lsd<T: Copy + Default, const RADIX: usize, const PASSES: usize>(
    v: &mut Vec<T>,
    scratch: &mut Vec<T>,
    key: impl Fn(T) -> u64,
    bits: u32,
) {
    let digit_bits = RADIX.trailing_zeros();
    let n = v.len();
    if u32::try_from(n).is_err() || !RADIX.is_power_of_two() || bits > digit_bits * PASSES as u32 {
        v.sort_by_key(|&x| key(x) & low_bits(bits));
        return;
    }
    let mask = (RADIX - 1) as u64;
    let key = |x: T| key(x) & low_bits(bits);
    let mut counts = [[0u32; RADIX]; PASSES];
    for &x in v.iter() {
        let k = key(x);
        for (pass, c) in counts.iter_mut().enumerate() {
            c[((k >> (pass as u32 * digit_bits)) & mask) as usize] += 1;
        }
    }
    scratch.resize(n, T::default());
    for (pass, offsets) in counts.iter_mut().enumerate() {
        let shift = pass as u32 * digit_bits;
        let mut total = 0u32;
        let mut one_digit = false;
        for slot in offsets.iter_mut() {
            let count = *slot;
            one_digit |= count as usize == n;
            *slot = total;
            total += count;
        }
        if one_digit {
            continue;
        }
        for &x in v.iter() {
            let at = &mut offsets[((key(x) >> shift) & mask) as usize];
            if let Some(out) = scratch.get_mut(*at as usize) {
                *out = x;
            }
            *at += 1;
        }
        std::mem::swap(v, scratch);
    }
}

/// Sorts `v` (uniform hashes, a few hundred to a few thousand) by one counting pass on a top
/// byte, `bucket(x)`, which must order values as `Ord` does (a smaller bucket, a smaller value),
/// then one insertion sort over the whole: after the scatter each value is at most a bucket's
/// few values from its place, so the insertion sort moves each only a step or two. For a
/// document's 400 shingles that is one pass and a nearly free fix-up instead of the four passes
/// and 1,024 prefix sums of [`radix_sort_lsd`] (sketching 5,000 bodies: the two shingle-set
/// sorts' instructions 722 → 443 million, and 160 million of zeroing gone). With many more
/// values than buckets the fix-up grows quadratically: callers keep this for small inputs.
/// `scratch` is a buffer to reuse (its contents are lost).
#[inline]
pub(crate) fn bucket_insertion_sort<T: Copy + Default + Ord>(
    v: &mut Vec<T>,
    scratch: &mut Vec<T>,
    bucket: impl Fn(T) -> u8,
) {
    if u32::try_from(v.len()).is_err() {
        v.sort_unstable();
        return;
    }
    let mut starts = [0u32; 257];
    for &x in v.iter() {
        starts[usize::from(bucket(x)) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    scratch.resize(v.len(), T::default());
    for &x in v.iter() {
        let at = &mut starts[usize::from(bucket(x))];
        if let Some(out) = scratch.get_mut(*at as usize) {
            *out = x;
        }
        *at += 1;
    }
    std::mem::swap(v, scratch);
    insertion_sort(v);
}

/// Sorts `v` by insertion: for slices that are short, or (after a bucket or digit pass) nearly
/// sorted, where each element moves only a few places.
pub(crate) fn insertion_sort<T: Copy + Ord>(v: &mut [T]) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// A mask of the low `bits` bits (all 64 from 64 on).
fn low_bits(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_lsd_is_a_stable_sort_by_the_key_bits() {
        let mut state = 7u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            state
        };
        for (n, bits) in [(0, 32), (1, 32), (300, 32), (5000, 34), (5000, 36), (5000, 37), (777, 64), (200, 3)] {
            let v: Vec<(u64, u32)> = (0..n).map(|i| (next() % 5003, i)).collect();
            // Sort by the key's low `bits` bits; equal keys keep their order.
            let key = |x: (u64, u32)| x.0.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20;
            let mut want = v.clone();
            want.sort_by_key(|&x| key(x) & low_bits(bits));
            let mut got = v.clone();
            radix_sort_lsd::<_, 256, 4>(&mut got, &mut vec![(9, 9); 3], key, bits);
            assert_eq!(got, want, "{n} values, {bits} bits, 8-bit digits");
            let mut got = v.clone();
            radix_sort_lsd::<_, 4096, 3>(&mut got, &mut Vec::new(), key, bits);
            assert_eq!(got, want, "{n} values, {bits} bits, 12-bit digits");
        }
    }

    #[test]
    fn bucket_insertion_sort_sorts() {
        for n in [0u64, 1, 2, 300, 5000] {
            // Few distinct values (repeats) and the full range, as (hash, position) pairs.
            let v: Vec<u64> = (0..n).map(|i| (mix(i % 97) & !0xFFFF_FFFF) | i).collect();
            let mut want = v.clone();
            want.sort_unstable();
            let mut got = v.clone();
            bucket_insertion_sort(&mut got, &mut vec![3; 2], |x| (x >> 56) as u8);
            assert_eq!(got, want, "{n} values");
        }
    }

    fn mix(x: u64) -> u64 {
        let z = x.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z ^ (z >> 29)
    }

    #[test]
    fn block_intersection_counts_as_the_merge_does() {
        let mut state = 7u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 40) as u32
        };
        for round in 0..300 {
            // Small value ranges make many shared values; lengths cover every remainder mod 4.
            let range = 1 + round % 97 * 13;
            let mut a: Vec<u32> = (0..round % 41).map(|_| next() % range).collect();
            let mut b: Vec<u32> = (0..(round * 7) % 53).map(|_| next() % range).collect();
            for v in [&mut a, &mut b] {
                v.sort_unstable();
                v.dedup();
            }
            let want = intersection(&a, &b);
            assert_eq!(intersection_u32(&a, &b), want, "{a:?} {b:?}");
            assert_eq!(intersection_u32(&b, &a), want);
            // Both block steps, whichever of them this target runs.
            assert_eq!((intersection_u32_blocks(&a, &b), intersection_u32_blocks(&b, &a)), (want, want));
            #[cfg(target_arch = "x86_64")]
            assert_eq!((intersection_u32_sse2(&a, &b), intersection_u32_sse2(&b, &a)), (want, want));
        }
        assert_eq!(intersection_u32(&[1, 2, 3, 4, 5, 6, 7, 8], &[4, 5, 6, 7, 8, 9, 10, 11]), 5);
        assert_eq!(intersection_u32(&[], &[1, 2, 3, 4]), 0);
        // The top of the range: the advance compares unsigned values.
        let (high, low) = ([1, 5, 9, 1 << 31, u32::MAX - 1, u32::MAX], [0, 5, 1 << 31, u32::MAX - 2, u32::MAX]);
        assert_eq!(intersection_u32(&high, &low), 3);
        assert_eq!(intersection_u32(&low, &high), 3);
    }

    #[test]
    fn word_hash_folds_case_in_every_script() {
        assert_eq!(word_hash("The"), word_hash("the"));
        assert_eq!(word_hash("ÜBER"), word_hash("über"));
        assert_ne!(word_hash("the"), word_hash("then"));
    }

    #[test]
    fn word_hash_set_finds_exactly_its_members() {
        let words = ["the", "of", "and", "über", "и"];
        let set = WordHashSet::new(words.iter().map(|w| word_hash(w)).chain([0]));
        for w in words {
            assert!(set.contains(word_hash(w)), "{w}");
        }
        assert!(set.contains(0));
        for w in ["then", "coalition", "uber", ""] {
            assert!(!set.contains(word_hash(w)), "{w}");
        }
        assert!(!WordHashSet::new([]).contains(word_hash("the")));
    }
}
