//! Small pieces shared by every engine that works on hashes: a hasher for keys that already are
//! uniform 64-bit hashes, and the size of the intersection of two sorted, distinct hash lists
//! (shingle sets in dedup, word samples in cleaning).

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
