//! Locality-sensitive hashing over MinHash signatures: candidate pairs without comparing all
//! pairs.
//!
//! A signature of `b × r` values is cut into `b` bands of `r` rows; two documents are candidates
//! when any band is equal, which happens with probability `1 − (1 − s^r)^b` for Jaccard `s`.
//! [`LshParams::optimal`] picks `b` and `r` for a threshold by minimising the weighted areas of
//! false positives (below the threshold) and false negatives (above it) under that curve, as
//! datasketch does (`MinHashLSH._optimal_param`). Buckets are built by sorting (band hash,
//! document) pairs, which is deterministic and needs no hash map.

use serde::{Deserialize, Serialize};

use super::shingles::{mix64, NATIVE_FAST_PATHS};
use super::Signature;

/// Bands and rows of an LSH index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LshParams {
    pub bands: usize,
    pub rows: usize,
}

/// Weight of false negatives against false positives: every candidate is verified by its real
/// score, so a false positive costs only a verification while a false negative loses a copy.
pub const FALSE_NEGATIVE_WEIGHT: f64 = 0.8;

/// Steps of the numerical integration (trapezoid rule) of the probability curves.
const INTEGRATION_STEPS: usize = 200;

fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    if b <= a {
        return 0.0;
    }
    let h = (b - a) / INTEGRATION_STEPS as f64;
    let mut sum = 0.5 * (f(a) + f(b));
    for i in 1..INTEGRATION_STEPS {
        sum += f(a + h * i as f64);
    }
    sum * h
}

/// [`LshParams::optimal`] of the default configuration's body and lead indexes
/// (`LSH_THRESHOLD` of `NUM_PERM` bins, `LEAD_LSH_THRESHOLD` of `LEAD_PERM`), as the search
/// finds them (a test checks it): the search integrates some 600 curves of `powi`s, 18 M
/// instructions of every CLI run (1% of the dedup of the 3,000 bench articles), for an answer
/// that depends on the two numbers alone. Native only: the table is not worth its bytes in the
/// page's wasm.
const KNOWN_OPTIMA: [(f64, usize, LshParams); 2] = [
    (super::LSH_THRESHOLD, super::NUM_PERM, LshParams { bands: 30, rows: 4 }),
    (super::LEAD_LSH_THRESHOLD, super::LEAD_PERM, LshParams { bands: 24, rows: 2 }),
];

impl LshParams {
    /// Bands and rows for `threshold` with `num_perm` values, minimising
    /// `(1 − w)·FP + w·FN` with `w` = [`FALSE_NEGATIVE_WEIGHT`].
    pub fn optimal(threshold: f64, num_perm: usize) -> LshParams {
        if NATIVE_FAST_PATHS {
            let known = KNOWN_OPTIMA.iter().find(|k| k.0.to_bits() == threshold.to_bits() && k.1 == num_perm);
            if let Some(&(_, _, params)) = known {
                return params;
            }
        }
        Self::search(threshold, num_perm)
    }

    /// [`LshParams::optimal`] by trying every `bands × rows` that fits.
    fn search(threshold: f64, num_perm: usize) -> LshParams {
        let t = threshold.clamp(0.0, 1.0);
        let w = FALSE_NEGATIVE_WEIGHT;
        let mut best = (f64::INFINITY, LshParams { bands: num_perm.max(1), rows: 1 });
        for bands in 1..=num_perm.max(1) {
            for rows in 1..=(num_perm / bands).max(1) {
                if bands * rows > num_perm.max(1) {
                    continue;
                }
                let p = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
                let fp = integrate(p, 0.0, t);
                let fneg = integrate(|s| 1.0 - p(s), t, 1.0);
                let err = (1.0 - w) * fp + w * fneg;
                if err < best.0 {
                    best = (err, LshParams { bands, rows });
                }
            }
        }
        best.1
    }

    /// Probability that two documents of Jaccard `s` become candidates.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

/// Appends `(band key, document)` for every band of `signature`. `salt` keeps separate indexes
/// (body, lead) apart. Empty signatures (empty texts) get no keys.
pub fn band_keys(signature: &Signature, params: LshParams, salt: u64, doc: u32, out: &mut Vec<(u64, u32)>) {
    if signature.is_empty() {
        return;
    }
    for (band, rows) in signature.values.chunks_exact(params.rows.max(1)).take(params.bands).enumerate() {
        let mut h = mix64(salt ^ band as u64);
        for &v in rows {
            h = mix64(h ^ u64::from(v));
        }
        out.push((h, doc));
    }
}

/// [`band_keys`] written into `out`, one slot per band (slots beyond the signature's bands are
/// left as they are).
/// The key of band `band` of `signature`, as [`band_keys`] computes it (`None` for an empty
/// signature or a band past its end).
#[inline]
pub fn band_key(signature: &Signature, params: LshParams, salt: u64, band: usize) -> Option<u64> {
    if band >= params.bands {
        return None;
    }
    let rows = params.rows.max(1);
    let values = signature.values.get(band * rows..(band + 1) * rows)?;
    let mut h = mix64(salt ^ band as u64);
    for &v in values {
        h = mix64(h ^ u64::from(v));
    }
    Some(h)
}

pub fn band_keys_into(signature: &Signature, params: LshParams, salt: u64, doc: u32, out: &mut [(u64, u32)]) {
    if signature.is_empty() {
        return;
    }
    let bands = signature.values.chunks_exact(params.rows.max(1)).take(params.bands).enumerate();
    for ((band, rows), slot) in bands.zip(out) {
        let mut h = mix64(salt ^ band as u64);
        for &v in rows {
            h = mix64(h ^ u64::from(v));
        }
        *slot = (h, doc);
    }
}

/// Candidate pairs `(a, b)`, `a < b`, from sorted band keys: every pair within a bucket, or for a
/// bucket larger than `max_bucket` each document with the next `max_bucket − 1` of the bucket.
/// Pairs can repeat (one per shared band); the caller sorts and deduplicates.
pub fn bucket_pairs(keys: &mut [(u64, u32)], max_bucket: usize, out: &mut Vec<(u32, u32)>) {
    sort_unstable(keys);
    if !NATIVE_FAST_PATHS {
        // One core: the pieces would be paired one after the other, in more code.
        pairs_in_buckets(keys, max_bucket, out);
        return;
    }
    // Pieces of about equal size cut at bucket starts, paired on all cores natively.
    let mut cuts = vec![0];
    let piece = keys.len().div_ceil(BUCKET_PIECES).max(1);
    while let Some(&last) = cuts.last() {
        let mut cut = (last + piece).min(keys.len());
        while cut < keys.len() && cut > 0 && keys[cut].0 == keys[cut - 1].0 {
            cut += 1;
        }
        cuts.push(cut);
        if cut >= keys.len() {
            break;
        }
    }
    let pieces: Vec<&[(u64, u32)]> = cuts.windows(2).filter_map(|w| keys.get(w[0]..w[1])).collect();
    let found = par_map(&pieces, |piece| {
        let mut pairs = Vec::new();
        pairs_in_buckets(piece, max_bucket, &mut pairs);
        pairs
    });
    out.reserve(found.iter().map(Vec::len).sum());
    for pairs in found {
        out.extend(pairs);
    }
}

/// Pieces the sorted band keys are cut into for [`bucket_pairs`]: a few per core, so that one
/// piece with big buckets does not keep the others waiting.
const BUCKET_PIECES: usize = 64;

/// The pairs of every bucket in `keys` (sorted, whole buckets only).
pub(crate) fn pairs_in_buckets(keys: &[(u64, u32)], max_bucket: usize, out: &mut Vec<(u32, u32)>) {
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && keys[j].0 == keys[i].0 {
            j += 1;
        }
        let bucket = &keys[i..j];
        for (x, &(_, a)) in bucket.iter().enumerate() {
            let end = bucket.len().min(x + max_bucket.max(2));
            for &(_, b) in &bucket[x + 1..end] {
                if a != b {
                    out.push((a.min(b), a.max(b)));
                }
            }
        }
        i = j;
    }
}

/// `f` over `items`, on all cores natively, in order on one in wasm.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.iter().map(f).collect()
}

/// Sorts on all cores natively, on one in wasm.
/// Sorts `v` by `cmp`, a total order with no two elements equal (so that any sort gives the
/// same result): on all cores natively, by the shared index sort in the wasm (less code).
pub(crate) fn sort_distinct_by<T: Send>(v: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Sync) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::slice::ParallelSliceMut;
        v.par_sort_unstable_by(cmp);
    }
    #[cfg(target_arch = "wasm32")]
    crate::sort::sort_by(v, cmp);
}

pub(crate) fn sort_unstable<T: Ord + Send>(v: &mut [T]) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::slice::ParallelSliceMut;
        v.par_sort_unstable();
    }
    #[cfg(target_arch = "wasm32")]
    v.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieced_bucket_pairs_equal_one_pass() {
        // Few distinct keys make big buckets that straddle the piece boundaries.
        let mut keys: Vec<(u64, u32)> = (0..5000u64).map(|i| (mix64(i) % 300, (mix64(i + 9) % 2000) as u32)).collect();
        let (mut pieced, mut whole) = (Vec::new(), Vec::new());
        bucket_pairs(&mut keys, 12, &mut pieced);
        pairs_in_buckets(&keys, 12, &mut whole);
        assert!(!whole.is_empty());
        assert_eq!(pieced, whole);
    }

    #[test]
    fn known_optima_are_the_searched_ones() {
        for (threshold, num_perm, params) in KNOWN_OPTIMA {
            assert_eq!(LshParams::search(threshold, num_perm), params, "{threshold} {num_perm}");
            assert_eq!(LshParams::optimal(threshold, num_perm), params);
        }
    }

    #[test]
    fn optimal_params_fit_the_threshold() {
        for t in [0.2, 0.5, 0.8] {
            let p = LshParams::optimal(t, 128);
            assert!(p.bands * p.rows <= 128);
            // Documents well above the threshold are almost always candidates; far below rarely.
            assert!(p.candidate_probability((t + 0.2).min(1.0)) > 0.9, "{t} {p:?}");
            assert!(p.candidate_probability(t / 3.0) < 0.3, "{t} {p:?}");
        }
        // A higher threshold needs more rows per band.
        assert!(LshParams::optimal(0.8, 128).rows > LshParams::optimal(0.2, 128).rows);
    }

    #[test]
    fn buckets_pair_equal_bands_only() {
        let s1 = Signature::from_hashes(0..50u32, 16, 3);
        let s2 = s1.clone();
        let s3 = Signature::from_hashes(1000..1050u32, 16, 3);
        let params = LshParams { bands: 4, rows: 4 };
        let mut keys = Vec::new();
        band_keys(&s1, params, 0, 0, &mut keys);
        band_keys(&s2, params, 0, 1, &mut keys);
        band_keys(&s3, params, 0, 2, &mut keys);
        let mut pairs = Vec::new();
        bucket_pairs(&mut keys, 256, &mut pairs);
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs, vec![(0, 1)]);
    }
}
