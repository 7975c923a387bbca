//! Near-duplicate scoring: how much two articles are the same story, which passages they share,
//! what each copy changed, and which documents of a corpus are copies of one story.
//!
//! Texts are compared in their matching form ([`shingles`]: case folded, quotes and dashes
//! unified, punctuation dropped, Unicode words, one token per character for scripts without
//! spaces). A pair gets exact measures on word k-shingles (Jaccard, containment each way), a
//! MinHash estimate ([`minhash`]), the agreement of the two openings (the *lead*), a headline
//! [`Similarity::score`] and a [`Verdict`] with its reason, plus the shared passages found by
//! sentence alignment with the word edits inside them ([`align`]). [`repeats`] lists sentences and
//! paragraphs that occur twice inside one document. [`cluster`] groups a corpus: exact
//! duplicates by hash, MinHash + LSH candidates ([`lsh`]), every candidate verified by its real
//! score, union-find with a guard against chaining, and receipts for every member.
//!
//! Why the lead matters. A republished copy keeps the story's opening even when it is cut short
//! (news is written so that it can be cut from the end), while a follow-up story that reuses
//! background paragraphs, or a rail of teasers that quotes other stories' openings, shares text
//! *without* sharing the opening. So the score rewards containment (an abridged copy) only as far
//! as the openings agree, and Jaccard alone otherwise:
//!
//! `score = LEAD_WEIGHT · lead + (1 − LEAD_WEIGHT) · max(jaccard, lead · max containment)`
//!
//! where `lead` is the smaller of "A's opening found in B's" and "B's opening found in A's"
//! ([`lead_agreement`]); the opening is the first paragraph (15 to 30 words).
//!
//! ```
//! use article_analyzer::dedup::{similarity, DedupConfig, Verdict};
//!
//! let a = "Moscow accused the US on Tuesday of only pretending to fight jihadists in Iraq. It said so twice.";
//! let b = "MOSCOW: Russia accused the US on Tuesday of only pretending to fight militants in Iraq. It said so twice.";
//! let s = similarity(a, b, &DedupConfig::default());
//! assert_eq!(s.verdict, Verdict::SameStory);
//! assert!(s.passages[0].edits.iter().any(|e| e.from == "jihadists" && e.to == "militants"));
//! ```

pub mod align;
pub mod cluster;
pub mod lsh;
pub mod minhash;
pub mod shingles;

use serde::{Deserialize, Serialize};

pub use align::{align, repeats, shared_region, Alignment, Passage, Repeat, RepeatKind, SharedRegion, WordEdit};
pub use cluster::{cluster, cluster_sketches, sketch, ClusterAssignment, DocumentSketch, Receipt, Representative};
pub use lsh::LshParams;
pub use minhash::{signature, Signature};
pub use shingles::{Fingerprint, ShingleOrder, Token};

/// Settings for dedup scoring and clustering. Every default is a named constant below with the
/// reason for its value.
/// Read and written through its list in `config.rs` (`settings!`): a new field goes there too.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Words per shingle.
    pub shingle_size: usize,
    /// Characters per shingle for scripts written without spaces.
    pub char_shingle_size: usize,
    /// Opening words that make up the lead (at most).
    pub lead_words: usize,
    /// The lead ends at the first paragraph break after this many words.
    pub lead_min_words: usize,
    /// How far into the other text its lead is looked for.
    pub lead_search_words: usize,
    /// Share of lead shingles found in the other opening that counts as full agreement.
    pub lead_saturation: f64,
    /// Words from which a paragraph is prose (a story's paragraph, not a headline, teaser or
    /// boilerplate line); prose paragraphs are sampled to tell round-ups from copies. Paragraphs
    /// are what blank lines separate, as the cleaner writes its body: a raw text (`--raw`) with
    /// one paragraph per line reads as one paragraph, so it is never taken for a round-up.
    pub prose_words: usize,
    /// Prose paragraphs each text must hold that the other lacks for a pair that shares its
    /// opening to be a round-up (several stories' openings) and its story, not copies.
    pub round_up_paragraphs: usize,
    /// ... and one of the two at least this many (the story's body, which the round-up lacks).
    pub round_up_story_paragraphs: usize,
    /// Share of one text's shingles found in the other from which it is contained (an abridged
    /// copy, a brief), which a round-up never is.
    pub contained_share: f64,
    /// Score at or above which two documents are the same story (and are clustered).
    pub threshold: f64,
    /// Share of the smaller text's shingles found in the other from which a pair below the
    /// threshold is "related" (shares background) rather than "different".
    pub related_share: f64,
    /// Word overlap (Dice) from which two sentences are the same sentence, edited.
    pub sentence_match: f64,
    /// MinHash signature length (bins of one-permutation hashing).
    pub num_perm: usize,
    /// Signatures of the lead (first `lead_words` words), for candidates that share only the
    /// opening (an abridged copy).
    pub lead_perm: usize,
    /// Seed of the MinHash hash functions. Signatures of different seeds are not comparable.
    pub seed: u64,
    /// Jaccard similarity the body LSH is tuned to catch.
    pub lsh_threshold: f64,
    /// Lead Jaccard similarity the lead LSH is tuned to catch.
    pub lead_lsh_threshold: f64,
    /// LSH bands and rows; derived from `lsh_threshold` when not set.
    pub lsh_bands: Option<usize>,
    pub lsh_rows: Option<usize>,
    /// Which document represents a cluster.
    pub representative: Representative,
    /// Anti-chaining guard: two clusters merge only if their representatives score at least this
    /// much against each other.
    pub chain_guard: f64,
    /// Buckets with more documents than this are compared as a sliding window of this width, so
    /// one boilerplate bucket cannot make clustering quadratic.
    pub max_bucket: usize,
}

/// Three words per shingle: chosen on the dev set (k = 2..5 differ by < 0.003 ROC AUC); short
/// shingles survive house edits (one synonym breaks k shingles), and the lead and the
/// Jaccard threshold take care of the chance matches that short shingles bring.
pub const SHINGLE_SIZE: usize = 3;
/// Five characters: about two words of Chinese or Japanese.
pub const CHAR_SHINGLE_SIZE: usize = 5;
/// Thirty words: the first sentence of a news story (its lede), give or take a dateline.
pub const LEAD_WORDS: usize = 30;
/// Fifteen words: longer than a headline or dateline line, shorter than a lede.
pub const LEAD_MIN_WORDS: usize = 15;
/// Sixty words: a kept headline, dateline or byline can push the lede down half a lead.
pub const LEAD_SEARCH_WORDS: usize = 60;
/// Sixty percent of the lead's 3-shingles: an edited lede ("MOSCOW: Russia accused … the militant
/// Islamic State (IS) group … militants" against "Moscow accused … the Islamic State group …
/// jihadists") keeps about 70% of them, while the leads of different stories share almost none
/// (99th percentile of dev-set negatives: 0.06).
pub const LEAD_SATURATION: f64 = 0.6;
/// Thirty-five words: a story's paragraph of two sentences or more; a headline, a one-sentence
/// teaser in a "Related" rail (15-30 words) or a boilerplate line is shorter.
pub const PROSE_WORDS: usize = 35;
/// Two prose paragraphs that the other text lacks, on each side: a round-up of three stories
/// has two besides its first story's opening. A lede-only copy followed by a rail of one-sentence
/// teasers, or two cut copies that each kept a different second paragraph, have one at most.
pub const ROUND_UP_PARAGRAPHS: usize = 2;
/// Four on one side: the story's body after its opening, which the round-up lacks. Two copies
/// that lost different paragraphs (dev-1k: paragraphs dropped from one, the other cut short)
/// lack two or three of each other's; asking two on both sides instead turned three such true
/// pairs of dev-1k into "related" (0.03-0.09).
pub const ROUND_UP_STORY_PARAGRAPHS: usize = 4;
/// Half of a text's shingles in the other: an abridged copy, a lede-only brief or a copy with
/// other boilerplate is contained at least that much; a round-up in its first story (the first
/// of three or more paragraphs) or that story in the round-up is not.
pub const CONTAINED_SHARE: f64 = 0.5;
/// Half of the score is the agreement of the openings: on the dev set the lead alone separates
/// copies from follow-ups and same-topic stories better than any body measure (ROC AUC 0.999 vs
/// 0.93 for Jaccard), and the body half keeps the score meaningful when a copy rewrites its lede.
pub const LEAD_WEIGHT: f64 = 0.5;
/// Same-story threshold on the headline score. Over all 499,500 pairs of the dev set, 0.3 and
/// 0.35 both give no false link and 12 missed pairs of 1,972; 0.3 keeps the margin on the side of
/// abridged copies (one with the same lede scores ≥ 0.5 on its opening alone).
pub const THRESHOLD: f64 = 0.3;
/// A tenth of the smaller text's shingles shared is more than chance and a few boilerplate lines.
pub const RELATED_SHARE: f64 = 0.1;
/// Half of the words shared: a sentence with a few words changed still matches, two sentences
/// on the same subject do not.
pub const SENTENCE_MATCH: f64 = 0.6;
/// 128 bins: standard error of a Jaccard estimate about 0.04.
pub const NUM_PERM: usize = 128;
/// 48 bins of the lead (24 bands of 2 rows at `LEAD_LSH_THRESHOLD`): its bands are what finds
/// abridged copies, and leads sharing 40% of their shingles become candidates with
/// probability 0.985 (32 bins: 0.94, which lost a lede-only copy on the dev set).
pub const LEAD_PERM: usize = 48;
/// Fixed default seed, so signatures saved by one run compare with the next.
pub const SEED: u64 = 42;
/// Body candidates from Jaccard 0.5 (30 bands of 4 rows): copies whose lede was rewritten. Copies
/// that share the lede, however abridged, come from the lead index. A lower threshold floods the
/// verifier: texts share common phrases ("one of the", "said on Tuesday"), so at 0.2 (56 × 2)
/// unrelated pairs collide by the hundred thousand in a corpus of 5,000.
pub const LSH_THRESHOLD: f64 = 0.5;
/// Leads sharing 30% of their shingles: the same lede with a dateline or a few words changed, or
/// a lede-only copy whose lead window also holds a line of boilerplate.
pub const LEAD_LSH_THRESHOLD: f64 = 0.3;
/// Merging needs the representatives to score at least the threshold against each other.
pub const CHAIN_GUARD: f64 = THRESHOLD;
/// 256 documents per bucket before the sliding window: far above any story's copies.
pub const MAX_BUCKET: usize = 256;

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            shingle_size: SHINGLE_SIZE,
            char_shingle_size: CHAR_SHINGLE_SIZE,
            lead_words: LEAD_WORDS,
            lead_min_words: LEAD_MIN_WORDS,
            lead_search_words: LEAD_SEARCH_WORDS,
            lead_saturation: LEAD_SATURATION,
            prose_words: PROSE_WORDS,
            round_up_paragraphs: ROUND_UP_PARAGRAPHS,
            round_up_story_paragraphs: ROUND_UP_STORY_PARAGRAPHS,
            contained_share: CONTAINED_SHARE,
            threshold: THRESHOLD,
            related_share: RELATED_SHARE,
            sentence_match: SENTENCE_MATCH,
            num_perm: NUM_PERM,
            lead_perm: LEAD_PERM,
            seed: SEED,
            lsh_threshold: LSH_THRESHOLD,
            lead_lsh_threshold: LEAD_LSH_THRESHOLD,
            lsh_bands: None,
            lsh_rows: None,
            representative: Representative::Longest,
            chain_guard: CHAIN_GUARD,
            max_bucket: MAX_BUCKET,
        }
    }
}

impl DedupConfig {
    /// Checks ranges; the message names the setting.
    pub fn validate(&self) -> crate::Result<()> {
        let err = |m: String| Err(crate::Error::Config(m));
        if self.shingle_size == 0 || self.shingle_size > 32 {
            return err(format!("shingle size must be 1..=32, got {}", self.shingle_size));
        }
        if self.char_shingle_size == 0 || self.char_shingle_size > 32 {
            return err(format!("character shingle size must be 1..=32, got {}", self.char_shingle_size));
        }
        for (name, v) in [
            ("threshold", self.threshold),
            ("relatedShare", self.related_share),
            ("sentenceMatch", self.sentence_match),
            ("lshThreshold", self.lsh_threshold),
            ("leadLshThreshold", self.lead_lsh_threshold),
            ("chainGuard", self.chain_guard),
            ("leadSaturation", self.lead_saturation),
            ("containedShare", self.contained_share),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return err(format!("{name} must be in [0, 1], got {v}"));
            }
        }
        if self.num_perm == 0 || self.num_perm > 4096 || self.lead_perm == 0 || self.lead_perm > 4096 {
            return err(format!("numPerm and leadPerm must be 1..=4096, got {} and {}", self.num_perm, self.lead_perm));
        }
        if self.lead_saturation <= 0.0 {
            return err("leadSaturation must be above 0".into());
        }
        if self.lead_words == 0 {
            return err("leadWords must be at least 1".into());
        }
        if self.max_bucket < 2 {
            return err("maxBucket must be at least 2".into());
        }
        match (self.lsh_bands, self.lsh_rows) {
            (Some(b), Some(r)) if b == 0 || r == 0 || b * r > self.num_perm => {
                err(format!("lshBands × lshRows must be 1..={} (numPerm), got {b} × {r}", self.num_perm))
            }
            (Some(_), None) | (None, Some(_)) => err("set both lshBands and lshRows, or neither".into()),
            _ => Ok(()),
        }
    }
}

/// The fast measures of a pair, from two fingerprints (no alignment).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairScores {
    pub score: f64,
    pub jaccard: f64,
    pub containment_a_in_b: f64,
    pub containment_b_in_a: f64,
    /// How far the openings agree: the share of one lead's shingles found near the start of the
    /// other, the smaller of both directions (each opening must be found in the other: a short
    /// text whose first lines are followed by a teaser of another story does not "contain" that
    /// story's opening), divided by `lead_saturation` and capped at 1.
    pub lead: f64,
    pub shared_shingles: usize,
    /// The two share their opening but each holds other stories' paragraphs ([`round_up`]):
    /// the opening then does not count towards the score. Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub round_up: bool,
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Scores two fingerprints: the measures behind the headline score, without alignment. This is
/// what clustering verifies every candidate with.
pub fn score_fingerprints(a: &Fingerprint, b: &Fingerprint, config: &DedupConfig) -> PairScores {
    if a.is_empty() || b.is_empty() {
        // Two empty texts are identical; an empty and a non-empty one share nothing.
        let same = a.is_empty() && b.is_empty();
        let v = if same { 1.0 } else { 0.0 };
        return PairScores {
            score: v,
            jaccard: v,
            containment_a_in_b: v,
            containment_b_in_a: v,
            lead: v,
            shared_shingles: 0,
            round_up: false,
        };
    }
    score_with_lead(a, b, lead_agreement(a, b, config), config)
}

/// [`score_fingerprints`] when the [`lead_agreement`] of the two is known already (clustering
/// computes it first, to drop hopeless candidates cheaply).
pub(crate) fn score_known_lead(a: &Fingerprint, b: &Fingerprint, lead: f64, config: &DedupConfig) -> PairScores {
    if a.is_empty() || b.is_empty() {
        return score_fingerprints(a, b, config);
    }
    score_with_lead(a, b, lead, config)
}

/// [`score_fingerprints`] of two non-empty fingerprints whose lead agreement is `lead`.
fn score_with_lead(a: &Fingerprint, b: &Fingerprint, lead: f64, config: &DedupConfig) -> PairScores {
    let shared = crate::hashing::intersection_u32(&a.shingles, &b.shingles);
    let union = a.shingles.len() + b.shingles.len() - shared;
    let jaccard = ratio(shared, union);
    let ca = ratio(shared, a.shingles.len());
    let cb = ratio(shared, b.shingles.len());
    let body = jaccard.max(lead * ca.max(cb));
    // Only a pair whose opening counts and where neither text is contained in the other can be
    // a round-up and its story; the paragraph test is a few dozen binary searches.
    let round_up = lead > 0.0 && ca.max(cb) < config.contained_share && self::round_up(a, b, config);
    let opening = if round_up { 0.0 } else { lead };
    let score = (LEAD_WEIGHT * opening + (1.0 - LEAD_WEIGHT) * body).clamp(0.0, 1.0);
    PairScores {
        score,
        jaccard,
        containment_a_in_b: ca,
        containment_b_in_a: cb,
        lead,
        shared_shingles: shared,
        round_up,
    }
}

/// Prose paragraphs of `a` that `b` lacks: none of the paragraph's sampled shingles is in `b`.
fn paragraphs_missing(a: &Fingerprint, b: &Fingerprint) -> usize {
    a.paragraphs
        .chunks(shingles::PARAGRAPH_SAMPLES)
        .filter(|p| !p.iter().any(|v| b.shingles.binary_search(v).is_ok()))
        .count()
}

/// True when `a` and `b` each hold at least `round_up_paragraphs` prose paragraphs that the other
/// lacks, and one of them `round_up_story_paragraphs`. With a shared opening and neither text
/// contained in the other, that is a round-up (several stories' opening paragraphs) against one
/// of its stories, or two round-ups opening alike: they share one passage, not a story. A copy
/// cut short, a lede-only brief, or a copy followed by a rail of one-sentence teasers lacks at
/// most one paragraph of the other.
pub fn round_up(a: &Fingerprint, b: &Fingerprint, config: &DedupConfig) -> bool {
    let (ab, ba) = (paragraphs_missing(a, b), paragraphs_missing(b, a));
    ab.min(ba) >= config.round_up_paragraphs.max(1) && ab.max(ba) >= config.round_up_story_paragraphs.max(1)
}

/// The agreement of two openings in [0, 1]: the share of each lead's shingles found in the
/// other's opening, the smaller of both directions, divided by `lead_saturation`, capped at 1.
/// Cheap (the leads are a few dozen shingles), so clustering computes it first.
pub fn lead_agreement(a: &Fingerprint, b: &Fingerprint, config: &DedupConfig) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() { 1.0 } else { 0.0 };
    }
    let lead_ab = ratio(crate::hashing::intersection_u32(&a.lead, &b.lead_wide), a.lead.len());
    let lead_ba = ratio(crate::hashing::intersection_u32(&b.lead, &a.lead_wide), b.lead.len());
    (lead_ab.min(lead_ba) / config.lead_saturation).min(1.0)
}

/// Everything known about one pair: the headline score first (the CLI's JSON starts with it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Similarity {
    /// How much the two texts are the same story, in [0, 1]; see the module docs for the formula.
    pub score: f64,
    pub verdict: Verdict,
    /// The verdict in one sentence, with its evidence.
    pub reason: String,
    /// Exact Jaccard similarity of the word k-shingle sets.
    pub jaccard: f64,
    /// Share of A's shingles found in B.
    pub containment_a_in_b: f64,
    /// Share of B's shingles found in A.
    pub containment_b_in_a: f64,
    /// MinHash estimate of the Jaccard similarity (what a corpus run sees before verification).
    pub minhash_jaccard: f64,
    /// Agreement of the openings in [0, 1].
    pub lead: f64,
    pub shingle_size: usize,
    pub shingles_a: usize,
    pub shingles_b: usize,
    pub shared_shingles: usize,
    pub sentences_a: usize,
    pub sentences_b: usize,
    /// Sentences of A matched to a sentence of B (identical or with a few words changed).
    pub matched_sentences_a: usize,
    pub matched_sentences_b: usize,
    /// Shared passages in A's order, with byte spans in both texts and the word edits inside.
    pub passages: Vec<Passage>,
}

/// The verdict on a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Copies of one story (possibly abridged or edited).
    SameStory,
    /// Different stories that share some passages (background paragraphs, quotes).
    Related,
    Different,
}

/// Compares two texts (cleaned bodies, or raw texts): scores, verdict, shared passages.
pub fn similarity(a: &str, b: &str, config: &DedupConfig) -> Similarity {
    let ta = shingles::tokens(a);
    let tb = shingles::tokens(b);
    let fa = Fingerprint::from_tokens(a, &ta, config);
    let fb = Fingerprint::from_tokens(b, &tb, config);
    let fast = score_fingerprints(&fa, &fb, config);
    let sa = Signature::from_fingerprint(&fa, config.num_perm, config.seed);
    let sb = Signature::from_fingerprint(&fb, config.num_perm, config.seed);
    // Same seed and size by construction, so the comparison cannot fail.
    let minhash_jaccard = sa.jaccard(&sb).unwrap_or(fast.jaccard);
    let alignment = align::align_tokens(a, &ta, b, &tb, config);
    assemble(&fast, alignment, minhash_jaccard, shingles::shingle_width(&ta, config), (&fa, &fb), config)
}

/// One pair's [`Similarity`] from its fingerprint scores and sentence alignment.
fn assemble(
    fast: &PairScores,
    alignment: align::Alignment,
    minhash_jaccard: f64,
    shingle_size: usize,
    (fa, fb): (&Fingerprint, &Fingerprint),
    config: &DedupConfig,
) -> Similarity {
    let (verdict, reason) = verdict(fast, &alignment, config);
    Similarity {
        score: fast.score,
        verdict,
        reason,
        jaccard: fast.jaccard,
        containment_a_in_b: fast.containment_a_in_b,
        containment_b_in_a: fast.containment_b_in_a,
        minhash_jaccard,
        lead: fast.lead,
        shingle_size,
        shingles_a: fa.shingles.len(),
        shingles_b: fb.shingles.len(),
        shared_shingles: fast.shared_shingles,
        sentences_a: alignment.sentences_a,
        sentences_b: alignment.sentences_b,
        matched_sentences_a: alignment.matched_a,
        matched_sentences_b: alignment.matched_b,
        passages: alignment.passages,
    }
}

/// Every pair of `texts` (a < b), each text tokenised, fingerprinted and prepared for alignment
/// once: n texts cost n preparations plus n²/2 cheap fingerprint comparisons, and the sentence
/// alignment runs only for pairs that share at least one shingle (the others are "different"
/// with nothing to show side by side).
pub fn all_pairs(texts: &[&str], config: &DedupConfig) -> Vec<(usize, usize, Similarity)> {
    let tokens: Vec<Vec<shingles::Token>> = texts.iter().map(|t| shingles::tokens(t)).collect();
    let fingerprints: Vec<Fingerprint> =
        texts.iter().zip(&tokens).map(|(t, tk)| Fingerprint::from_tokens(t, tk, config)).collect();
    let signatures: Vec<Signature> =
        fingerprints.iter().map(|f| Signature::from_fingerprint(f, config.num_perm, config.seed)).collect();
    let prepared: Vec<align::PreparedText<'_>> =
        texts.iter().zip(&tokens).map(|(t, tk)| align::PreparedText::with_tokens(t, tk.clone()).indexed()).collect();
    let mut out = Vec::with_capacity(texts.len() * texts.len().saturating_sub(1) / 2);
    for a in 0..texts.len() {
        for b in a + 1..texts.len() {
            let (fa, fb) = (&fingerprints[a], &fingerprints[b]);
            let fast = score_fingerprints(fa, fb, config);
            let alignment = if fast.shared_shingles > 0 {
                align::align_prepared(&prepared[a], &prepared[b], config, true)
            } else {
                align::Alignment {
                    sentences_a: prepared[a].sentence_count(),
                    sentences_b: prepared[b].sentence_count(),
                    ..align::Alignment::default()
                }
            };
            let minhash_jaccard = signatures[a].jaccard(&signatures[b]).unwrap_or(fast.jaccard);
            let width = shingles::shingle_width(&tokens[a], config);
            out.push((a, b, assemble(&fast, alignment, minhash_jaccard, width, (fa, fb), config)));
        }
    }
    out
}

/// Only the headline score of two texts (no alignment): what `similarity --pairs` prints.
pub fn score(a: &str, b: &str, config: &DedupConfig) -> f64 {
    score_fingerprints(&Fingerprint::new(a, config), &Fingerprint::new(b, config), config).score
}

fn percent(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0).floor())
}

/// The verdict and its reason in words, from the scores and the alignment.
fn verdict(s: &PairScores, al: &Alignment, config: &DedupConfig) -> (Verdict, String) {
    // Speak about the text with fewer sentences: "94% of A's sentences appear in B".
    let (name, other, matched, total) = if al.sentences_a <= al.sentences_b {
        ("A", "B", al.matched_a, al.sentences_a)
    } else {
        ("B", "A", al.matched_b, al.sentences_b)
    };
    let share = ratio(matched, total);
    let opening = if s.lead >= 0.5 { "the openings match" } else { "the openings differ" };
    if s.round_up && s.score < config.threshold {
        let n = al.passages.len();
        let r = format!(
            "shares one passage only: the opening ({} of the shorter text's shingles), then each covers other stories ({n} passage{} shared)",
            percent(s.containment_a_in_b.max(s.containment_b_in_a)),
            if n == 1 { "" } else { "s" }
        );
        return (Verdict::Related, r);
    }
    if s.score >= config.threshold {
        let r = format!(
            "same story: {} of {name}'s sentences appear in {other} ({matched} of {total}); {opening}; {} of word shingles shared",
            percent(share),
            percent(s.jaccard)
        );
        return (Verdict::SameStory, r);
    }
    // Shingle containment of the smaller text: exact and symmetric, unlike a greedy alignment.
    let shared_share = s.containment_a_in_b.max(s.containment_b_in_a);
    if shared_share >= config.related_share {
        let n = al.passages.len();
        let r = format!(
            "shares background paragraphs only: {n} passage{} ({} of the shorter text's shingles), but {opening}",
            if n == 1 { "" } else { "s" },
            percent(shared_share)
        );
        return (Verdict::Related, r);
    }
    (Verdict::Different, format!("different: {} of word shingles shared, {opening}", percent(s.jaccard)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Moscow accused the US on Tuesday of only pretending to fight jihadists in Iraq.\n\nThe ministry said the coalition had reduced its air strikes. \"That's absolutely false,\" Manning said.";

    #[test]
    fn identical_texts_score_one_and_disjoint_zero() {
        let c = DedupConfig::default();
        assert_eq!(similarity(A, A, &c).score, 1.0);
        assert_eq!(similarity(A, "Nothing at all in common here today, folks.", &c).score, 0.0);
    }

    #[test]
    fn quotes_and_case_do_not_matter() {
        let c = DedupConfig::default();
        let s = similarity(
            "“That’s absolutely false,” Manning said today.",
            "\"That's absolutely FALSE,\" Manning said today.",
            &c,
        );
        assert_eq!(s.score, 1.0);
    }

    #[test]
    fn abridged_copy_is_same_story_and_background_only_is_not() {
        let c = DedupConfig::default();
        let story: Vec<String> = (0..12)
            .map(|i| format!("Sentence number {i} of the story tells about event {} and its many consequences.", i * 7))
            .collect();
        let full = story.join(" ");
        let abridged = story[..4].join(" ");
        let s = similarity(&full, &abridged, &c);
        assert_eq!(s.verdict, Verdict::SameStory, "{}", s.reason);
        // A follow-up: a new opening, then three background sentences of the old story.
        let mut follow: Vec<String> =
            (0..8).map(|i| format!("A new development {i} happened somewhere else with result {}.", i * 3)).collect();
        follow.extend(story[6..9].iter().cloned());
        let f = similarity(&full, &follow.join(" "), &c);
        assert!(f.score < c.threshold, "{f:?}");
        assert_eq!(f.verdict, Verdict::Related, "{}", f.reason);
    }

    /// Regression: a lede-only copy followed by a rail of teasers held another story's opening in
    /// its first 60 words, and the lead agreement (then the larger of both directions) linked
    /// the two stories.
    #[test]
    fn teaser_after_a_short_lede_does_not_link_stories() {
        let c = DedupConfig::default();
        let yukos: Vec<String> = (0..10).map(|i| format!("The owners of the oil firm number {i} asked the buyer of its unit to repay a loan of {} million dollars.", i * 9 + 1)).collect();
        let yukos = yukos.join(" ");
        let short = format!(
            "A formula for the ultimate Christmas single has been revealed by chart bible British Hit Singles and Albums.\n\n{}\n\nTony Blair has promised that sport is back as a priority for schools.",
            yukos.split(". ").next().unwrap_or("")
        );
        let s = similarity(&short, &yukos, &c);
        assert!(s.score < c.threshold, "{s:?}");
    }

    /// A paragraph of 42 made-up words of story `s` (its own vocabulary: no shingle in common
    /// with another story's paragraphs), in three sentences.
    fn paragraph(s: usize, p: usize) -> String {
        let mut state =
            (s as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (p as u64 + 1).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let syllables = ["ka", "lo", "mi", "te", "ru", "sa", "no", "vi", "de", "po", "gu", "fe"];
        let words: Vec<String> = (0..42)
            .map(|_| {
                (0..3)
                    .map(|_| {
                        state = shingles::mix64(state);
                        syllables[(state % syllables.len() as u64) as usize]
                    })
                    .collect()
            })
            .collect();
        words.chunks(14).map(|c| format!("{}.", c.join(" "))).collect::<Vec<_>>().join(" ")
    }

    /// A story of `n` paragraphs, one per line with blank lines between.
    fn story_of(s: usize, n: usize) -> Vec<String> {
        (0..n).map(|p| paragraph(s, p)).collect()
    }

    /// A round-up (the opening paragraph of each of several stories) shares one passage with its
    /// first story, not the story; before round-ups were told apart it scored 0.6 ("same story"
    /// on the strength of the shared opening).
    #[test]
    fn round_up_is_not_its_first_story() {
        let c = DedupConfig::default();
        let x = story_of(1, 7).join("\n\n");
        let round_up: Vec<String> = (1..6).map(|s| paragraph(s, 0)).collect();
        let r = similarity(&round_up.join("\n\n"), &x, &c);
        assert!(r.score < c.threshold, "{r:?}");
        assert_eq!(r.verdict, Verdict::Related, "{}", r.reason);
        assert!(r.reason.starts_with("shares one passage only"), "{}", r.reason);
        assert!(r.lead > 0.9, "the openings still agree: {r:?}");
        // Without the paragraph test the shared opening alone made it the same story.
        let off = DedupConfig { round_up_paragraphs: usize::MAX, ..DedupConfig::default() };
        let old = similarity(&round_up.join("\n\n"), &x, &off);
        assert_eq!(old.verdict, Verdict::SameStory, "{}", old.reason);
    }

    /// What keeps scoring "same story" against the full story: a lede-only brief, an abridged
    /// copy, a copy cut short followed by a rail of one-sentence teasers of other stories, and a
    /// copy with its own boilerplate lines.
    #[test]
    fn briefs_abridged_copies_and_copies_with_rails_stay_the_same_story() {
        let c = DedupConfig::default();
        let story = story_of(1, 7);
        let x = story.join("\n\n");
        let teasers: Vec<String> = (2..8)
            .map(|s| format!("Story {s} in one sentence: the mayor of city {s} said the plan would go ahead."))
            .collect();
        let copies = [
            story[0].clone(),
            story[..3].join("\n\n"),
            format!("{}\n\n{}\n\nRelated Articles\n\n{}", story[0], story[1], teasers.join("\n\n")),
            format!(
                "By Our Staff\n\n{}\n\nFollow us on Twitter and Facebook.\n\nRead more stories from our newsroom.",
                x
            ),
        ];
        for copy in copies {
            let s = similarity(&copy, &x, &c);
            assert_eq!(s.verdict, Verdict::SameStory, "{}: {copy}", s.reason);
        }
    }

    #[test]
    fn bad_settings_are_errors() {
        let c = DedupConfig { lsh_bands: Some(4), ..Default::default() };
        assert!(c.validate().is_err());
        let c = DedupConfig { threshold: 1.5, ..Default::default() };
        assert!(c.validate().is_err());
        assert!(DedupConfig::default().validate().is_ok());
    }

    #[test]
    fn all_pairs_equals_one_pair_at_a_time() {
        let c = DedupConfig::default();
        let texts = [
            A,
            "Moscow accused the US on Tuesday of only pretending to fight militants in Iraq. Nothing more.",
            "A different story about the weather in Lagos, which was warm and sunny all week.",
            "",
        ];
        let all = all_pairs(&texts, &c);
        assert_eq!(all.len(), 6);
        for (a, b, s) in all {
            assert_eq!(s, similarity(texts[a], texts[b], &c), "pair {a} {b}");
        }
    }
}
