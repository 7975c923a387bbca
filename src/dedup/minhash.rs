//! MinHash signatures by one-permutation hashing with optimal densification.
//!
//! Classic MinHash hashes every shingle `num_perm` times; one-permutation hashing (Li, Owen and
//! Zhang, "One Permutation Hashing", NIPS 2012) hashes it once, splits the hash range into
//! `num_perm` bins and keeps the minimum of each bin, which is `num_perm` times faster. Bins left
//! empty by a short text borrow the value of a non-empty bin chosen by a seeded random probe
//! sequence (Shrivastava, "Optimal Densification for Fast and Accurate Minwise Hashing", ICML
//! 2017), which keeps the estimate unbiased. The share of equal bins estimates Jaccard.
//!
//! A [`Signature`] records its seed and size; comparing two signatures of different seeds or
//! sizes is [`Error::IncompatibleSignatures`], never a wrong number (as in datasketch).

use serde::{Deserialize, Serialize};

use super::shingles::{mix64, Fingerprint};
use super::DedupConfig;
use crate::error::{Error, Result};

/// A MinHash signature: one 32-bit minimum per bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signature {
    pub seed: u64,
    /// One value per bin (`num_perm` of them). Empty for an empty text.
    pub values: Vec<u32>,
    /// Number of bins: kept even when `values` is empty (an empty text).
    pub num_perm: usize,
}

/// Probes per empty bin before giving up densification (then the bin keeps `u32::MAX`). With
/// at least one non-empty bin out of m, 64·m/m probes fail with probability (1 − 1/m)^64·m ≈ e^-64.
const MAX_PROBES_PER_BIN: usize = 64;

/// Bins of the on-stack map of filled bins: the defaults' 128 body and 48 lead bins, and twice
/// that. Not the most a config allows (4,096): the map is zeroed on every call, and zeroing
/// 4 KB twice per document was 8% of sketching's instructions; more bins take a heap map.
const STACK_BINS: usize = 256;

impl Signature {
    /// The signature of a set of 32-bit shingle hashes (repeats and order do not matter).
    pub fn from_hashes(hashes: impl IntoIterator<Item = u32>, num_perm: usize, seed: u64) -> Signature {
        let m = num_perm.max(1);
        let mut bins = vec![u32::MAX; m];
        // Which bins a hash fell in, one byte per bin: on the stack for the usual sizes.
        // Bytes, not bits: setting a bit is a read-modify-write of one of a few words, and each
        // waits for the previous one to the same word (a chain through memory that was most of
        // the time of this loop); a byte is a plain store.
        let mut stack = [false; STACK_BINS];
        let mut heap = Vec::new();
        let filled: &mut [bool] = if m <= STACK_BINS {
            &mut stack[..m]
        } else {
            heap.resize(m, false);
            &mut heap
        };
        let is_filled = |filled: &[bool], bin: usize| filled.get(bin).copied().unwrap_or(false);
        let mut any = false;
        for h in hashes {
            let x = mix64(u64::from(h) ^ seed);
            // Bin from the high bits (multiply-shift range reduction), value from the low bits.
            let bin = ((u128::from(x >> 32) * m as u128) >> 32) as usize;
            let value = x as u32;
            if let (Some(b), Some(f)) = (bins.get_mut(bin), filled.get_mut(bin)) {
                *b = (*b).min(value);
                *f = true;
                any = true;
            }
        }
        if !any {
            return Signature { seed, values: Vec::new(), num_perm: m };
        }
        for i in 0..m {
            if is_filled(filled, i) {
                continue;
            }
            // Optimal densification: probe bins in a sequence seeded by (seed, i) until a
            // non-empty one is found; its *original* value fills bin i. Only empty bins are
            // written and only filled ones read, so the values read are the original ones.
            let mut attempt: u64 = 0;
            while attempt < (MAX_PROBES_PER_BIN * m) as u64 {
                let probe = mix64(seed ^ mix64((i as u64) << 32 | attempt));
                let j = ((u128::from(probe >> 32) * m as u128) >> 32) as usize;
                if is_filled(filled, j) {
                    if let Some(&v) = bins.get(j) {
                        if let Some(slot) = bins.get_mut(i) {
                            *slot = v;
                        }
                    }
                    break;
                }
                attempt += 1;
            }
        }
        Signature { seed, values: bins, num_perm: m }
    }

    /// The signature of a fingerprint's shingle set.
    pub fn from_fingerprint(f: &Fingerprint, num_perm: usize, seed: u64) -> Signature {
        Signature::from_hashes(f.shingles.iter().copied(), num_perm, seed)
    }

    /// The lead signature of a fingerprint (shingles of the opening words).
    pub fn lead_of(f: &Fingerprint, num_perm: usize, seed: u64) -> Signature {
        // A different seed stream than the body, so lead and body bands never share buckets.
        Signature::from_hashes(f.lead.iter().copied(), num_perm, lead_seed(seed))
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Checks that two signatures can be compared.
    pub fn check_compatible(&self, other: &Signature) -> Result<()> {
        if self.seed != other.seed {
            return Err(Error::IncompatibleSignatures(format!("seeds differ ({} vs {})", self.seed, other.seed)));
        }
        if self.num_perm != other.num_perm {
            return Err(Error::IncompatibleSignatures(format!(
                "sizes differ ({} vs {} bins)",
                self.num_perm, other.num_perm
            )));
        }
        Ok(())
    }

    /// Estimated Jaccard similarity: the share of bins with equal values. Two empty texts are
    /// identical (1), an empty and a non-empty one share nothing (0).
    pub fn jaccard(&self, other: &Signature) -> Result<f64> {
        self.check_compatible(other)?;
        match (self.is_empty(), other.is_empty()) {
            (true, true) => return Ok(1.0),
            (true, false) | (false, true) => return Ok(0.0),
            _ => {}
        }
        let equal = self.values.iter().zip(&other.values).filter(|(a, b)| a == b).count();
        Ok(equal as f64 / self.num_perm as f64)
    }
}

/// Salt of the lead signature's seed.
const LEAD_SEED_SALT: u64 = 0x1ead_1ead_1ead_1ead;

/// The seed of lead signatures made with body seed `seed`.
pub fn lead_seed(seed: u64) -> u64 {
    seed ^ LEAD_SEED_SALT
}

/// The body MinHash signature of a text, with the config's seed and size. Texts can be signed
/// separately (in several workers) and the signatures compared later.
pub fn signature(text: &str, config: &DedupConfig) -> Signature {
    Signature::from_fingerprint(&Fingerprint::new(text, config), config.num_perm, config.seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(range: std::ops::Range<u32>) -> Vec<u32> {
        range.map(|i| (mix64(u64::from(i)) >> 32) as u32).collect()
    }

    #[test]
    fn estimate_is_close_to_exact_jaccard() {
        // |A ∩ B| = 500, |A ∪ B| = 1500: J = 1/3.
        let a = Signature::from_hashes(set(0..1000), 256, 7);
        let b = Signature::from_hashes(set(500..1500), 256, 7);
        let j = a.jaccard(&b).unwrap();
        assert!((j - 1.0 / 3.0).abs() < 0.1, "{j}");
        assert_eq!(a.jaccard(&a).unwrap(), 1.0);
    }

    #[test]
    fn densification_fills_every_bin_of_a_short_text() {
        let a = Signature::from_hashes(set(0..5), 128, 1);
        assert!(a.values.iter().all(|&v| v != u32::MAX));
        let b = Signature::from_hashes(set(0..5), 128, 1);
        assert_eq!(a.jaccard(&b).unwrap(), 1.0);
    }

    #[test]
    fn different_seeds_or_sizes_are_errors() {
        let a = Signature::from_hashes(set(0..10), 128, 1);
        let b = Signature::from_hashes(set(0..10), 128, 2);
        let c = Signature::from_hashes(set(0..10), 64, 1);
        assert!(matches!(a.jaccard(&b), Err(Error::IncompatibleSignatures(_))));
        assert!(matches!(a.jaccard(&c), Err(Error::IncompatibleSignatures(_))));
    }
}
