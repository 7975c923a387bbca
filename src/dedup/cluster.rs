//! Near-duplicate clusters over a corpus, with receipts.
//!
//! Each document is reduced to a [`DocumentSketch`] (its [`Fingerprint`], a body MinHash
//! signature and a lead signature). Sketches are independent of each other, so the page can
//! compute them in several workers and merge the lists; natively they are computed on all cores.
//! [`cluster_sketches`] then:
//! 1. groups exact duplicates (equal normalised token sequences) by hash;
//! 2. finds candidate pairs with LSH on the body signatures (Jaccard) and on the lead signatures
//!    (an abridged copy shares the opening even when its Jaccard is low);
//! 3. verifies every candidate with its real score ([`score_fingerprints`]) against the threshold;
//! 4. links verified pairs best first with union-find, where two clusters merge only when their
//!    representatives also score above [`DedupConfig::chain_guard`] against each other, so a
//!    chain A–B–C of partial overlaps cannot pull unrelated A and C together;
//! 5. scores every member against its cluster's representative (the receipt).
//!
//! The result does not depend on the input order: documents are ordered by content hash and id
//! before anything is decided, and ties are broken on that order.

use serde::{Deserialize, Serialize};

use super::align::{self, SharedRegion};
use super::lsh::{self, par_map, LshParams};
use super::shingles::NATIVE_FAST_PATHS;
use super::{score_fingerprints, DedupConfig, Fingerprint, PairScores, Signature};
use crate::error::{Error, Result};

/// Which document represents a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Representative {
    /// The longest copy (most words): the fullest version of the story. Ties go to the smaller id.
    #[default]
    Longest,
    /// The first in input order (e.g. a corpus sorted by publication time).
    First,
}

/// Everything clustering needs from one document; built by [`sketch`], serialisable so that
/// workers can build sketches separately and the page can merge them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSketch {
    pub id: String,
    pub fingerprint: Fingerprint,
    pub signature: Signature,
    pub lead_signature: Signature,
}

/// The sketch of one document's text (cleaned body or raw text).
pub fn sketch(id: impl Into<String>, text: &str, config: &DedupConfig) -> DocumentSketch {
    let fingerprint = Fingerprint::new(text, config);
    let signature = Signature::from_fingerprint(&fingerprint, config.num_perm, config.seed);
    let lead_signature = Signature::lead_of(&fingerprint, config.lead_perm, config.seed);
    DocumentSketch { id: id.into(), fingerprint, signature, lead_signature }
}

/// Why a member is in its cluster: its scores against the representative and, when the texts
/// were available, the densest region they share (spans in both texts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub scores: PairScores,
    pub top_passage: Option<SharedRegion>,
}

/// One document's place in the clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterAssignment {
    /// Index of the document in the input.
    pub doc: usize,
    /// Index (in the input) of the cluster's representative document.
    pub cluster: usize,
    pub representative: bool,
    /// Number of documents in the cluster.
    pub size: usize,
    /// Headline score against the representative (1 for the representative and exact copies).
    pub score: f64,
    /// True when the document is an exact duplicate (after normalisation) of the representative.
    pub exact_duplicate: bool,
    /// Scores against the representative and the top shared passage; `None` for the
    /// representative itself.
    pub receipt: Option<Receipt>,
}

/// Clusters texts with default ids (their input positions as ties); see [`cluster_sketches`].
pub fn cluster(texts: &[&str], config: &DedupConfig) -> Vec<ClusterAssignment> {
    let sketches: Vec<DocumentSketch> = par_map(texts, |t| sketch("", t, config));
    // Sketches made with one config are compatible, so this cannot fail.
    let mut out = cluster_sketches(&sketches, config).unwrap_or_default();
    add_passages(texts, &mut out, config);
    out
}

/// Candidate pairs of units from LSH, band by band: the keys of a few bands (one per unit
/// head with a signature, tagged with the unit) are made on one task, each band's sorted and
/// its buckets paired alone. Only keys of the same band can share a bucket (the band is salted
/// into the key), so this finds the pairs of one sort of all the keys, without the vector of
/// all keys (86 MB for 100,000 documents) or its sort: a band's 100,000 keys sort in the
/// cache. Documents are read in input order, the order their sketches lie in memory (units are
/// in content order, which would read the sketches at random). Unsorted, with repeats.
fn pairs_by_band(
    sketches: &[DocumentSketch],
    heads: &[usize],
    unit_of: &[usize],
    (body_params, lead_params): (LshParams, LshParams),
    max_bucket: usize,
) -> Vec<(u32, u32)> {
    let mut is_head = vec![false; sketches.len()];
    for &d in heads {
        if let Some(slot) = is_head.get_mut(d) {
            *slot = true;
        }
    }
    let bands: Vec<(bool, usize)> =
        (0..body_params.bands).map(|b| (false, b)).chain((0..lead_params.bands).map(|b| (true, b))).collect();
    let key_of = |s: &DocumentSketch, (lead, band): (bool, usize)| {
        if lead {
            lsh::band_key(&s.lead_signature, lead_params, LEAD_SALT, band)
        } else {
            lsh::band_key(&s.signature, body_params, BODY_SALT, band)
        }
    };
    // Every band key of every head first, one document at a time on all cores: each signature
    // is read once, from start to end, instead of a few values of it by each band task (a
    // cache miss per task and document for 100,000 signatures that do not fit in the cache).
    // Each chunk of documents holds its keys row by row and a mask of the keys that exist.
    let table = bands.len() <= TABLE_MAX_BANDS;
    let starts: Vec<usize> = if table { (0..sketches.len()).step_by(TABLE_CHUNK).collect() } else { Vec::new() };
    let rows = par_map(&starts, |&start| {
        let docs = sketches.get(start..(start + TABLE_CHUNK).min(sketches.len())).unwrap_or(&[]);
        let mut keys = vec![0u64; docs.len() * bands.len()];
        let mut masks = vec![0u64; docs.len()];
        for (i, s) in docs.iter().enumerate() {
            if !is_head.get(start + i).copied().unwrap_or(false) {
                continue;
            }
            let (Some(row), Some(mask)) = (keys.get_mut(i * bands.len()..(i + 1) * bands.len()), masks.get_mut(i))
            else {
                continue;
            };
            for (j, (slot, &band)) in row.iter_mut().zip(&bands).enumerate() {
                if let Some(k) = key_of(s, band) {
                    *slot = k;
                    *mask |= 1 << j;
                }
            }
        }
        (keys, masks)
    });
    let columns: Vec<usize> = (0..bands.len()).collect();
    let groups: Vec<&[usize]> = columns.chunks(BANDS_PER_TASK).collect();
    let found = par_map(&groups, |group| {
        let mut keys: Vec<Vec<(u64, u32)>> = group.iter().map(|_| Vec::with_capacity(heads.len())).collect();
        if table {
            for (&start, (chunk_keys, masks)) in starts.iter().zip(&rows) {
                for (i, &mask) in masks.iter().enumerate() {
                    let Some(&u) = unit_of.get(start + i) else { continue };
                    for (&j, out) in group.iter().zip(keys.iter_mut()) {
                        if mask >> j & 1 != 0 {
                            out.push((chunk_keys.get(i * bands.len() + j).copied().unwrap_or(0), u as u32));
                        }
                    }
                }
            }
        } else {
            for (d, s) in sketches.iter().enumerate() {
                let (Some(true), Some(&u)) = (is_head.get(d).copied(), unit_of.get(d)) else { continue };
                for (&j, out) in group.iter().zip(keys.iter_mut()) {
                    if let Some(k) = bands.get(j).and_then(|&band| key_of(s, band)) {
                        out.push((k, u as u32));
                    }
                }
            }
        }
        let (mut pairs, mut scratch) = (Vec::new(), Vec::new());
        for mut band_keys in keys {
            radix_split_sort(&mut band_keys, &mut scratch);
            lsh::pairs_in_buckets(&band_keys, max_bucket, &mut pairs);
        }
        pairs
    });
    let mut pairs = Vec::with_capacity(found.iter().map(Vec::len).sum());
    for p in found {
        pairs.extend(p);
    }
    pairs
}

/// Sorts band keys (uniform hashes) as `sort_unstable` does: split by the top byte of the hash
/// into 256 runs (one counting pass, one scatter into `scratch`), then each run, a few hundred
/// keys in the cache, by its next byte (a counting pass and a scatter back) and an insertion
/// sort, which moves each key a step or two: after the second scatter a key is at most the few
/// keys sharing its top two bytes from its place (a comparison sort of each run was a third of
/// the candidate search's CPU time). A run where many keys share their top two bytes (copies
/// that agree on a band share its key) is sorted by comparisons instead, since the insertion
/// sort's work grows with the square of such a group.
fn radix_split_sort(keys: &mut [(u64, u32)], scratch: &mut Vec<(u64, u32)>) {
    if keys.len() < RADIX_SPLIT_MIN {
        keys.sort_unstable();
        return;
    }
    let mut starts = [0usize; 257];
    for &(k, _) in keys.iter() {
        starts[(k >> 56) as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts;
    scratch.clear();
    scratch.resize(keys.len(), (0, 0));
    for &key in keys.iter() {
        let digit = (key.0 >> 56) as usize;
        if let Some(slot) = scratch.get_mut(next[digit]) {
            *slot = key;
        }
        next[digit] += 1;
    }
    let second = |k: u64| (k >> 48) as u8 as usize;
    for run in starts.windows(2) {
        let (Some(from), Some(to)) = (scratch.get(run[0]..run[1]), keys.get_mut(run[0]..run[1])) else { continue };
        if from.len() < MIN_COUNTED_RUN {
            to.copy_from_slice(from);
            to.sort_unstable();
            continue;
        }
        let mut at = [0usize; 257];
        for &(k, _) in from {
            at[second(k) + 1] += 1;
        }
        let largest = at.iter().copied().max().unwrap_or(0);
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        for &key in from {
            let slot = &mut at[second(key.0)];
            if let Some(out) = to.get_mut(*slot) {
                *out = key;
            }
            *slot += 1;
        }
        if largest > MAX_INSERTION_GROUP {
            to.sort_unstable();
            continue;
        }
        crate::hashing::insertion_sort(to);
    }
}

/// Keys in a run from which [`radix_split_sort`] counts its second byte: a shorter run sorts by
/// comparisons in fewer instructions than the 256 counters' zeroing and sums take.
const MIN_COUNTED_RUN: usize = 128;

/// Keys sharing their top two bytes above which [`radix_split_sort`] sorts a run by comparisons:
/// uniform hashes put one or two in each of a run's 256 groups, copies many with one key.
const MAX_INSERTION_GROUP: usize = 16;

/// From this many keys [`radix_split_sort`] splits: below, runs would be a few keys each.
const RADIX_SPLIT_MIN: usize = 4096;

/// The band keys (body and lead) of each unit's head, tagged with the unit, in one sequential
/// pass over the units: the wasm's path to the candidates of [`pairs_by_band`], in less code
/// (see `NATIVE_FAST_PATHS`).
fn band_keys_by_unit(
    sketches: &[DocumentSketch],
    heads: &[usize],
    body_params: LshParams,
    lead_params: LshParams,
) -> Vec<(u64, u32)> {
    let mut keys = Vec::with_capacity(heads.len() * (body_params.bands + lead_params.bands));
    for (u, &d) in heads.iter().enumerate() {
        let Some(s) = sketches.get(d) else { continue };
        lsh::band_keys(&s.signature, body_params, BODY_SALT, u as u32, &mut keys);
        lsh::band_keys(&s.lead_signature, lead_params, LEAD_SALT, u as u32, &mut keys);
    }
    keys
}

/// Document indexes in a canonical order independent of the input order: content (the exact
/// hash) first, then id, then position (position only separates identical documents with
/// identical ids, so no two compare equal and any sort gives this order).
fn canonical_order(sketches: &[DocumentSketch]) -> Vec<usize> {
    let n = sketches.len();
    if !NATIVE_FAST_PATHS || u32::try_from(n).is_err() {
        let mut order: Vec<usize> = (0..n).collect();
        lsh::sort_distinct_by(&mut order, |&x, &y| {
            let (a, b) = (&sketches[x], &sketches[y]);
            a.fingerprint.exact.cmp(&b.fingerprint.exact).then_with(|| a.id.cmp(&b.id)).then(x.cmp(&y))
        });
        return order;
    }
    // The same order from a sort of (hash, position) pairs held in one array: comparing
    // through the sketches read two of them at random per comparison (a cache miss each for
    // 100,000 documents). Only documents with equal hashes (exact duplicates, a few) need
    // their ids compared, run by run.
    let mut keyed: Vec<(u64, u32)> =
        sketches.iter().enumerate().map(|(i, s)| (s.fingerprint.exact, i as u32)).collect();
    lsh::sort_unstable(&mut keyed);
    let id = |k: &(u64, u32)| sketches.get(k.1 as usize).map_or("", |s| s.id.as_str());
    let mut start = 0;
    while start < keyed.len() {
        let hash = keyed[start].0;
        let end = start + keyed[start..].iter().take_while(|k| k.0 == hash).count();
        if let Some(run) = keyed.get_mut(start..end).filter(|run| run.len() > 1) {
            run.sort_unstable_by(|x, y| id(x).cmp(id(y)).then(x.1.cmp(&y.1)));
        }
        start = end;
    }
    keyed.into_iter().map(|(_, d)| d as usize).collect()
}

/// Sorts candidate unit pairs and drops repeats (a pair found in several bands). Natively by
/// a radix sort of the pairs packed into one integer of twice the bits of a unit number (34
/// for 100,000 units, three passes): the two million pairs of a 100,000-document corpus sort
/// in a few passes over the array instead of a comparison sort's twenty.
fn sort_dedup_pairs(pairs: &mut Vec<(u32, u32)>, units: usize) {
    let bits = usize::BITS - units.leading_zeros();
    if !NATIVE_FAST_PATHS || 2 * bits > 64 || pairs.len() < RADIX_SPLIT_MIN {
        lsh::sort_unstable(pairs);
        pairs.dedup();
        return;
    }
    let mut packed: Vec<u64> = pairs.iter().map(|&(a, b)| u64::from(a) << bits | u64::from(b)).collect();
    let mut scratch = Vec::new();
    if 2 * bits <= 3 * PAIR_RADIX.trailing_zeros() {
        crate::hashing::radix_sort_lsd::<_, PAIR_RADIX, 3>(&mut packed, &mut scratch, |x| x, 2 * bits);
    } else {
        // Over 262,144 units: up to 64 bits (passes of equal digits are skipped).
        crate::hashing::radix_sort_lsd::<_, PAIR_RADIX, 6>(&mut packed, &mut scratch, |x| x, 2 * bits);
    }
    drop(scratch);
    packed.dedup();
    let low = (1u64 << bits) - 1;
    pairs.clear();
    pairs.extend(packed.iter().map(|&p| ((p >> bits) as u32, (p & low) as u32)));
}

/// Counters per digit of the candidate pairs' radix sort (12-bit digits): 4,096 counters (16 KB)
/// stay in the L1 cache while the scatter writes to as many places at once, and the 34 bits of
/// 100,000 units' pairs take three passes (11-bit digits took four).
const PAIR_RADIX: usize = 4096;

/// Union-find over units with path halving.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Clusters documents from their sketches. Fails only when sketches were made with different
/// seeds or signature sizes than `config` (they cannot be compared).
pub fn cluster_sketches(sketches: &[DocumentSketch], config: &DedupConfig) -> Result<Vec<ClusterAssignment>> {
    config.validate()?;
    for s in sketches {
        let checks = [
            ("body", &s.signature, config.num_perm, config.seed),
            ("lead", &s.lead_signature, config.lead_perm, super::minhash::lead_seed(config.seed)),
        ];
        for (what, sig, size, seed) in checks {
            if sig.num_perm != size || sig.seed != seed {
                return Err(Error::IncompatibleSignatures(format!(
                    "document {:?}: its {what} signature has {} bins and seed {}, this run uses {size} bins and seed {seed}",
                    s.id, sig.num_perm, sig.seed
                )));
            }
        }
    }
    let debug = std::env::var_os("DEDUP_DEBUG").is_some();
    let clock = Stopwatch::new(debug);
    let n = sketches.len();
    // A canonical order independent of the input order: content first, then id, then position
    // (position only separates identical documents with identical ids).
    let order = canonical_order(sketches);

    // 1. Exact duplicates: one unit per distinct non-empty content; empty texts stay alone.
    // A unit's documents are a run of the canonical order: each unit is where its run starts
    // (one array, not a list per unit: 100,000 small allocations and frees on one thread).
    let mut unit_of = vec![0usize; n];
    let mut unit_starts: Vec<usize> = Vec::with_capacity(n + 1);
    for (pos, &d) in order.iter().enumerate() {
        let fp = &sketches[d].fingerprint;
        let same_as_prev = pos > 0
            && !fp.is_empty()
            && sketches[order[pos - 1]].fingerprint.exact == fp.exact
            && !sketches[order[pos - 1]].fingerprint.is_empty();
        if !same_as_prev {
            unit_starts.push(pos);
        }
        unit_of[d] = unit_starts.len() - 1;
    }
    let units = unit_starts.len();
    unit_starts.push(n);
    let unit_docs = |u: usize| order.get(unit_starts[u]..unit_starts[u + 1]).unwrap_or(&[]);
    clock.lap("exact groups");
    // Each unit's first document, in one flat array (no hop through the unit's own run).
    let heads: Vec<usize> = (0..units).map(|u| unit_docs(u).first().copied().unwrap_or(0)).collect();
    let head = |u: usize| heads[u];

    // 2. Candidates from body and lead LSH.
    let body_params = match (config.lsh_bands, config.lsh_rows) {
        (Some(bands), Some(rows)) => LshParams { bands, rows },
        _ => LshParams::optimal(config.lsh_threshold, config.num_perm),
    };
    let lead_params = LshParams::optimal(config.lead_lsh_threshold, config.lead_perm);
    // Band keys of each unit's head, tagged with the unit (the order does not matter: the keys
    // are sorted next).
    let mut pairs = if NATIVE_FAST_PATHS {
        pairs_by_band(sketches, &heads, &unit_of, (body_params, lead_params), config.max_bucket)
    } else {
        let mut keys = band_keys_by_unit(sketches, &heads, body_params, lead_params);
        let mut pairs = Vec::new();
        lsh::bucket_pairs(&mut keys, config.max_bucket, &mut pairs);
        pairs
    };
    let raw_pairs = pairs.len();
    clock.lap("band keys and bucket pairs");
    sort_dedup_pairs(&mut pairs, units);
    clock.lap("candidates sorted");
    if debug {
        eprintln!(
            "dedup: {units} units, body {body_params:?}, lead {lead_params:?}, {raw_pairs} bucket pairs, {} candidates",
            pairs.len()
        );
    }

    // 3. Verify every candidate by its real score. The lead agreement is cheap and comes first:
    // score = ½·lead + ½·max(J, lead·C) ≤ ½·lead + ½·max(J, lead), so with lead below the
    // threshold a pair can only link if J ≥ 2·threshold − lead; a candidate whose MinHash
    // estimate is far below that is not worth the exact intersection.
    let scored: Vec<Option<(PairScores, u32, u32)>> = par_map(&pairs, |&(a, b)| {
        let (sa, sb) = (&sketches[head(a as usize)], &sketches[head(b as usize)]);
        let lead = super::lead_agreement(&sa.fingerprint, &sb.fingerprint, config);
        if lead < config.threshold {
            let estimate = sa.signature.jaccard(&sb.signature).unwrap_or(1.0);
            // A short text fills few bins by itself (the rest are copies), so the estimate has
            // as many independent samples as the smaller set has shingles, up to `num_perm`.
            let samples = config.num_perm.min(sa.fingerprint.shingles.len()).min(sb.fingerprint.shingles.len()).max(1);
            let margin = ESTIMATE_SIGMAS * 0.5 / (samples as f64).sqrt();
            if estimate < 2.0 * config.threshold - lead - margin {
                return None;
            }
        }
        let s = super::score_known_lead(&sa.fingerprint, &sb.fingerprint, lead, config);
        (s.score >= config.threshold).then_some((s, a, b))
    });
    drop(pairs);
    clock.lap("verify");
    let mut edges: Vec<(PairScores, u32, u32)> = scored.into_iter().flatten().collect();
    // Unit pairs are distinct (deduplicated): a total order.
    lsh::sort_distinct_by(&mut edges, |x, y| y.0.score.total_cmp(&x.0.score).then((x.1, x.2).cmp(&(y.1, y.2))));
    // The verified scores by unit pair, for the receipts of members linked to their
    // representative directly (most of them): each pair is scored once.
    // Keyed by the unit pair packed in one `u64`, so that the sort is the band keys' one (one
    // sort less in the wasm).
    let pair_key = |a: u32, b: u32| u64::from(a) << 32 | u64::from(b);
    let mut edge_index: Vec<(u64, u32)> =
        edges.iter().enumerate().map(|(i, &(_, a, b))| (pair_key(a, b), i as u32)).collect();
    lsh::sort_unstable(&mut edge_index);
    let edge_scores = |x: usize, y: usize| -> Option<PairScores> {
        let key = pair_key(x.min(y) as u32, x.max(y) as u32);
        let at = edge_index.binary_search_by(|e| e.0.cmp(&key)).ok()?;
        let &(s, _, _) = edges.get(edge_index.get(at)?.1 as usize)?;
        // Scores are symmetric but for the two containments.
        Some(if x <= y {
            s
        } else {
            PairScores { containment_a_in_b: s.containment_b_in_a, containment_b_in_a: s.containment_a_in_b, ..s }
        })
    };

    // 4. Union-find, best edges first, with the representative guard.
    let better = |x: usize, y: usize| -> usize {
        // x, y are units; compare their head documents.
        let (dx, dy) = (head(x), head(y));
        let pick_x = match config.representative {
            Representative::Longest => {
                let (tx, ty) = (sketches[dx].fingerprint.tokens, sketches[dy].fingerprint.tokens);
                tx > ty || tx == ty && x < y
            }
            Representative::First => first_index(unit_docs(x)) < first_index(unit_docs(y)),
        };
        if pick_x {
            x
        } else {
            y
        }
    };
    let mut parent: Vec<usize> = (0..units).collect();
    let mut rep: Vec<usize> = (0..units).collect();
    for &(_, a, b) in &edges {
        let (a, b) = (a as usize, b as usize);
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra == rb {
            continue;
        }
        let (rep_a, rep_b) = (rep[ra], rep[rb]);
        let guarded = rep_a != a || rep_b != b;
        if guarded {
            let s = edge_scores(rep_a, rep_b).unwrap_or_else(|| {
                score_fingerprints(&sketches[head(rep_a)].fingerprint, &sketches[head(rep_b)].fingerprint, config)
            });
            if s.score < config.chain_guard {
                continue;
            }
        }
        let new_rep = better(rep_a, rep_b);
        // Union by unit order, so the root is deterministic.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[child] = root;
        rep[root] = new_rep;
    }

    clock.lap("union-find");
    // 5. Assignments and receipts.
    let mut cluster_size = vec![0usize; units];
    let rep_unit_of: Vec<usize> = (0..units)
        .map(|u| {
            let r = find(&mut parent, u);
            rep[r]
        })
        .collect();
    for u in 0..units {
        cluster_size[rep_unit_of[u]] += unit_docs(u).len();
    }
    let docs: Vec<usize> = (0..n).collect();
    let out = par_map(&docs, |&d| {
        let u = unit_of[d];
        let rep_unit = rep_unit_of[u];
        // Documents of a unit are identical; which one represents it follows the setting.
        let rep_doc = match config.representative {
            Representative::Longest => head(rep_unit),
            Representative::First => first_index(unit_docs(rep_unit)),
        };
        let is_rep = d == rep_doc;
        let exact = u == rep_unit;
        let receipt = (!is_rep).then(|| {
            // A unit's documents are identical (same token sequence), so the member's scores
            // are its unit head's: those of a verified edge when there is one.
            let known = if exact { None } else { edge_scores(u, rep_unit) };
            let scores = known.unwrap_or_else(|| {
                score_fingerprints(&sketches[d].fingerprint, &sketches[rep_doc].fingerprint, config)
            });
            Receipt { scores, top_passage: None }
        });
        let score = receipt.as_ref().map_or(1.0, |r| if exact { 1.0 } else { r.scores.score });
        ClusterAssignment {
            doc: d,
            cluster: rep_doc,
            representative: is_rep,
            size: cluster_size[rep_unit],
            score,
            exact_duplicate: exact && !is_rep,
            receipt,
        }
    });
    clock.lap("assignments");
    Ok(out)
}

/// Stage timings on stderr when `DEDUP_DEBUG` is set (native only: wasm has no clock here):
/// wall time, and the process's CPU time (on a shared machine the CPU time is the figure to
/// compare).
struct Stopwatch {
    #[cfg(not(target_arch = "wasm32"))]
    last: Option<std::cell::Cell<(std::time::Instant, f64)>>,
}

/// CPU seconds (user + system) of this process so far, from /proc (Linux; 0 elsewhere).
#[cfg(not(target_arch = "wasm32"))]
fn process_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: Vec<f64> = rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
    ticks.iter().sum::<f64>() / 100.0
}

impl Stopwatch {
    fn new(on: bool) -> Stopwatch {
        #[cfg(not(target_arch = "wasm32"))]
        return Stopwatch {
            last: on.then(|| std::cell::Cell::new((std::time::Instant::now(), process_cpu_seconds()))),
        };
        #[cfg(target_arch = "wasm32")]
        {
            let _ = on;
            Stopwatch {}
        }
    }

    fn lap(&self, _what: &str) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(last) = &self.last {
            let (now, cpu) = (std::time::Instant::now(), process_cpu_seconds());
            let (then, cpu_then) = last.get();
            eprintln!("dedup: {_what}: {:.3} s, CPU {:.2} s", (now - then).as_secs_f64(), cpu - cpu_then);
            last.set((now, cpu));
        }
    }
}

fn first_index(docs: &[usize]) -> usize {
    docs.iter().copied().min().unwrap_or(usize::MAX)
}

/// How many standard errors (at most 0.5/√samples) below a needed Jaccard similarity a MinHash
/// estimate may fall before a candidate is dropped unverified: five, so a true link is lost
/// with probability below one in a million (0.22 for 128 bins; no filtering for short texts).
const ESTIMATE_SIGMAS: f64 = 5.0;

/// Bands whose keys one task of [`pairs_by_band`] makes in one pass over the sketches: nine of
/// the 54 (30 body, 24 lead) read each signature six times in all instead of 54, and six tasks
/// still keep two cores busy to the end.
const BANDS_PER_TASK: usize = 9;

/// Bands (body and lead) up to which [`pairs_by_band`] makes every key in one pass over the
/// signatures first: one bit each in a document's mask, and at most 64 × 8 bytes a document
/// (the defaults' 54 bands: 43 MB for 100,000 documents, which replace the signatures' cache
/// misses). More bands (a custom config) take the band tasks' own pass.
const TABLE_MAX_BANDS: usize = 64;

/// Documents per task of the key table: rows of a few hundred KB, a few dozen tasks per core.
const TABLE_CHUNK: usize = 1024;

/// Salts that keep body and lead band keys apart.
const BODY_SALT: u64 = 0xb0d1;
const LEAD_SALT: u64 = 0x1ead;

/// Fills each receipt's top shared passage by aligning the member with its representative.
/// `texts` are the texts the sketches were made from, in the same order.
pub fn add_passages(texts: &[&str], assignments: &mut [ClusterAssignment], config: &DedupConfig) {
    fill_passages(assignments, |group, assignments| {
        let rep_text = group.first().and_then(|&(r, _)| texts.get(r)).copied().unwrap_or("");
        let rep = align::RegionIndex::new(rep_text, config);
        group
            .iter()
            .map(|&(_, i)| {
                let region = assignments
                    .get(i)
                    .and_then(|a| texts.get(a.doc))
                    .and_then(|t| align::shared_region(t, &rep, config));
                (i, region)
            })
            .collect()
    });
}

/// [`sketch`], plus the text's shingles in order for [`add_passages_ordered`] (`None` when the
/// text cannot have them, see [`Fingerprint::new_ordered`]).
pub fn sketch_ordered(
    id: impl Into<String>,
    text: &str,
    config: &DedupConfig,
) -> (DocumentSketch, Option<super::shingles::ShingleOrder>) {
    let (fingerprint, order) = Fingerprint::new_ordered(text, config);
    let signature = Signature::from_fingerprint(&fingerprint, config.num_perm, config.seed);
    let lead_signature = Signature::lead_of(&fingerprint, config.lead_perm, config.seed);
    (DocumentSketch { id: id.into(), fingerprint, signature, lead_signature }, order)
}

/// [`add_passages`] from the sketches and shingle orders that [`sketch_ordered`] made of
/// `texts` (all three in the same order): the same passages, found without cutting the texts
/// into words again (most of the time of receipts). A document without an order (a non-ASCII
/// text) takes [`add_passages`]' path.
pub fn add_passages_ordered(
    texts: &[&str],
    sketches: &[DocumentSketch],
    orders: &[Option<super::shingles::ShingleOrder>],
    assignments: &mut [ClusterAssignment],
    config: &DedupConfig,
) {
    let prepared = |d: usize| Some((*texts.get(d)?, &sketches.get(d)?.fingerprint, orders.get(d)?.as_ref()?));
    fill_passages(assignments, |group, assignments| {
        let Some(&(r, _)) = group.first() else { return Vec::new() };
        let rep_text = texts.get(r).copied().unwrap_or("");
        let rep_ordered = prepared(r).map(|(t, f, o)| align::OrderedRegionIndex::new(t, f, o));
        let mut rep_plain = None;
        group
            .iter()
            .map(|&(_, i)| {
                let doc = assignments.get(i).map_or(usize::MAX, |a| a.doc);
                let region = match (prepared(doc), &rep_ordered) {
                    (Some((t, f, o)), Some(rep)) => align::shared_region_ordered(t, f, o, rep),
                    _ => {
                        let rep = rep_plain.get_or_insert_with(|| align::RegionIndex::new(rep_text, config));
                        texts.get(doc).and_then(|t| align::shared_region(t, rep, config))
                    }
                };
                (i, region)
            })
            .collect()
    });
}

/// Fills the receipts' top passages cluster by cluster: `group` gets a cluster's members as
/// (representative, assignment index) pairs, all with the same representative, and the
/// assignments, and returns each member's assignment index and region. The representative is
/// prepared once per cluster and dropped, so memory stays bounded by the number of threads, not
/// of clusters.
fn fill_passages(
    assignments: &mut [ClusterAssignment],
    group: impl Fn(&[(usize, usize)], &[ClusterAssignment]) -> Vec<(usize, Option<SharedRegion>)> + Sync + Send,
) {
    let mut members: Vec<(usize, usize)> = assignments
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.representative && a.receipt.is_some())
        .map(|(i, a)| (a.cluster, i))
        .collect();
    members.sort_unstable();
    let mut groups: Vec<&[(usize, usize)]> = Vec::new();
    let mut start = 0;
    while start < members.len() {
        let end = start + members[start..].iter().take_while(|m| m.0 == members[start].0).count();
        groups.push(&members[start..end]);
        start = end;
    }
    let found: Vec<Vec<(usize, Option<SharedRegion>)>> = {
        let assignments: &[ClusterAssignment] = assignments;
        par_map(&groups, |g| group(g, assignments))
    };
    for regions in found {
        for (i, p) in regions {
            if let Some(r) = assignments.get_mut(i).and_then(|a| a.receipt.as_mut()) {
                r.top_passage = p;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_split_sort_sorts() {
        let mut keys: Vec<(u64, u32)> =
            (0..20_000u64).map(|i| (super::super::shingles::mix64(i % 5000), (i % 7) as u32)).collect();
        // A key shared by many units (copies agreeing on a band): its run takes the comparison sort.
        keys.extend((0..3000u32).map(|u| (0x1234_5678_9abc_def0, 3000 - u)));
        // Keys in one run, spread over its groups, repeated a few times each.
        keys.extend((0..5000u64).map(|i| (0xab00_0000_0000_0000 | (i % 1700) << 40, (i % 3) as u32)));
        // A long run of uniform keys: counted by its second byte and insertion-sorted.
        keys.extend((0..2000u64).map(|i| (0xcd00_0000_0000_0000 | super::super::shingles::mix64(i) >> 8, i as u32)));
        let mut want = keys.clone();
        want.sort_unstable();
        radix_split_sort(&mut keys, &mut Vec::new());
        assert_eq!(keys, want);
    }

    #[test]
    fn pairs_sort_and_dedup_as_a_comparison_sort_does() {
        for units in [3usize, 5000, 100_000] {
            let mut pairs: Vec<(u32, u32)> = (0..20_000u64)
                .map(|i| {
                    let (x, y) = (super::super::shingles::mix64(i % 7000), super::super::shingles::mix64(i % 9000 + 1));
                    ((x % units as u64) as u32, (y % units as u64) as u32)
                })
                .collect();
            let mut want = pairs.clone();
            want.sort_unstable();
            want.dedup();
            sort_dedup_pairs(&mut pairs, units);
            assert_eq!(pairs, want, "{units} units");
        }
    }

    #[test]
    fn canonical_order_is_by_content_then_id_then_position() {
        let c = DedupConfig::default();
        let texts = ["b text here", "a text here", "b text here", "c", "b text here", "a text here", ""];
        let ids = ["z", "y", "a", "q", "a", "b", "e"];
        let sketches: Vec<DocumentSketch> = texts.iter().zip(ids).map(|(t, id)| sketch(id, t, &c)).collect();
        let mut want: Vec<usize> = (0..texts.len()).collect();
        want.sort_by(|&x, &y| {
            let (a, b) = (&sketches[x], &sketches[y]);
            a.fingerprint.exact.cmp(&b.fingerprint.exact).then_with(|| a.id.cmp(&b.id)).then(x.cmp(&y))
        });
        assert_eq!(canonical_order(&sketches), want);
    }

    #[test]
    fn pairs_by_band_equal_those_of_all_keys_sorted_together() {
        let config = DedupConfig::default();
        let texts = ["", "a short one", "the same story told twice over here", "another text, other words"];
        let sketches: Vec<DocumentSketch> =
            texts.iter().chain(texts.iter()).enumerate().map(|(i, t)| sketch(i.to_string(), t, &config)).collect();
        // Units: documents 4..8 repeat 0..4; the heads are the first copies, unit by text. Unit
        // 2's other copy is a head too here, so that units share buckets.
        let heads = [0, 1, 2, 3, 6];
        let unit_of = [0, 1, 2, 3, 0, 1, 4, 3];
        // The defaults' bands (the key table) and more than it takes (the band tasks' own pass).
        let params = [
            (LshParams::optimal(0.5, config.num_perm), LshParams::optimal(0.5, config.lead_perm)),
            (LshParams { bands: 64, rows: 2 }, LshParams { bands: 24, rows: 2 }),
        ];
        assert!(params[0].0.bands + params[0].1.bands <= TABLE_MAX_BANDS);
        for ((body, lead), max_bucket) in params.into_iter().flat_map(|p| [(p, 2), (p, 256)]) {
            let mut by_band = pairs_by_band(&sketches, &heads, &unit_of, (body, lead), max_bucket);
            let mut keys = band_keys_by_unit(&sketches, &heads, body, lead);
            let mut all = Vec::new();
            lsh::bucket_pairs(&mut keys, max_bucket, &mut all);
            by_band.sort_unstable();
            all.sort_unstable();
            assert!(!all.is_empty());
            assert_eq!(by_band, all);
        }
    }

    fn story(seed: usize, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!(
                    "Story {seed} sentence {i} says that item {} met item {} near place {}.",
                    seed * 31 + i,
                    i * 7 + seed,
                    seed + i * 3
                )
            })
            .collect()
    }

    #[test]
    fn copies_cluster_and_unrelated_do_not() {
        let c = DedupConfig::default();
        let s1 = story(1, 10);
        let s2 = story(2, 10);
        let a = s1.join(" ");
        let b = s1[..5].join(" ");
        let mut edited = s1.clone();
        edited[3] = "A completely different sentence was written here by the house editors today.".into();
        let e = edited.join(" ");
        let d = s2.join(" ");
        let out = cluster(&[&a, &b, &d, &e, &a], &c);
        assert_eq!(out[0].cluster, out[1].cluster);
        assert_eq!(out[0].cluster, out[3].cluster);
        assert_eq!(out[0].cluster, out[4].cluster);
        assert_ne!(out[0].cluster, out[2].cluster);
        assert!(out[4].exact_duplicate || out[0].exact_duplicate);
        assert_eq!(out[0].size, 4);
        // The abridged copy's receipt shows the passage it shares.
        let p = out[1].receipt.as_ref().and_then(|r| r.top_passage.as_ref()).unwrap();
        assert_eq!((p.a_start, p.a_end), (0, b.len() - 1), "the whole abridged copy but its final period");
        assert_eq!(&a[p.b_start..p.b_end], &b[..b.len() - 1]);
    }

    #[test]
    fn passages_from_shingle_orders_equal_those_from_the_texts() {
        let c = DedupConfig::default();
        let s1 = story(1, 40);
        let s2 = story(2, 12);
        let mut edited = s1.clone();
        edited[3] = "A completely different sentence was written here by the house editors today.".into();
        edited[20] = "Another changed one, with “curly quotes” and a café.".into();
        let texts: Vec<String> = vec![
            s1.join(" "),
            s1[..5].join("\n\n"),
            edited.join(" "),
            edited[..30].join(" "),
            s1[10..].join(" "),
            s2.join(" "),
            s2[..3].join(" "),
            String::new(),
            s1.join(" "),
        ];
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let made: Vec<(DocumentSketch, Option<super::super::ShingleOrder>)> =
            refs.iter().enumerate().map(|(i, t)| sketch_ordered(i.to_string(), t, &c)).collect();
        let (sketches, orders): (Vec<DocumentSketch>, Vec<_>) = made.into_iter().unzip();
        assert_eq!(orders.iter().filter(|o| o.is_none()).count(), 2, "two texts are not ASCII");
        let mut plain = cluster_sketches(&sketches, &c).unwrap();
        let mut ordered = plain.clone();
        add_passages(&refs, &mut plain, &c);
        add_passages_ordered(&refs, &sketches, &orders, &mut ordered, &c);
        assert!(plain.iter().filter(|a| a.receipt.as_ref().is_some_and(|r| r.top_passage.is_some())).count() >= 5);
        assert_eq!(plain, ordered);
    }

    #[test]
    fn first_representative_is_the_earliest_copy() {
        let c = DedupConfig { representative: Representative::First, ..Default::default() };
        let s1 = story(1, 10);
        let (short, full) = (s1[..6].join(" "), s1.join(" "));
        let out = cluster(&[&short, &full, &full], &c);
        assert!(out.iter().all(|a| a.cluster == 0), "{out:?}");
        let longest = cluster(&[&short, &full, &full], &DedupConfig::default());
        assert!(longest.iter().all(|a| a.cluster == 1), "{longest:?}");
    }

    #[test]
    fn sketches_of_another_seed_are_rejected() {
        let c = DedupConfig::default();
        let other = DedupConfig { seed: 7, ..Default::default() };
        let s = vec![sketch("a", "one two three four", &c), sketch("b", "one two three four", &other)];
        assert!(matches!(cluster_sketches(&s, &c), Err(Error::IncompatibleSignatures(_))));
    }
}
