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
/// pairs, which the compiler turns into a few vector compares) and moves past the block with
/// the smaller last value, or both. A value can match only inside blocks whose ranges overlap,
/// and every such pair of blocks meets once, so the count is the same as the merge's; the
/// chain of dependent steps (load, compare, advance) is four times shorter, which is what
/// limits the one-at-a-time merge (about three times faster on shingle sets of news articles).
pub fn intersection_u32(a: &[u32], b: &[u32]) -> usize {
    if !crate::dedup::shingles::NATIVE_FAST_PATHS {
        // The wasm keeps the one-at-a-time merge (see `NATIVE_FAST_PATHS`).
        return intersection(a, b);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(intersection_u32(&a, &b), intersection(&a, &b), "{a:?} {b:?}");
            assert_eq!(intersection_u32(&b, &a), intersection(&a, &b));
        }
        assert_eq!(intersection_u32(&[1, 2, 3, 4, 5, 6, 7, 8], &[4, 5, 6, 7, 8, 9, 10, 11]), 5);
        assert_eq!(intersection_u32(&[], &[1, 2, 3, 4]), 0);
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
