//! Shared passages and word edits between two texts, and repeats inside one text.
//!
//! [`align`] cuts both texts into sentences ([`crate::text::sentences`]) and matches them one to
//! one: two sentences match when their word sets overlap by at least
//! [`DedupConfig::sentence_match`] (Dice), so a sentence with a few words changed still matches
//! while two sentences on the same subject do not. Runs of matched sentences in the same order in
//! both texts (allowing one skipped sentence on either side) become [`Passage`]s with byte spans
//! in both texts. Inside each matched sentence a word-level diff (longest common subsequence)
//! gives the [`WordEdit`]s a copy made: "jihadists" → "militants"; an inserted or deleted word is
//! shown with one word of context on each side, "Moscow accused" → "MOSCOW: Russia accused".
//!
//! [`repeats`] finds sentences and paragraphs that occur more than once inside one text.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::shingles::{self, Fingerprint, OrderedShingles, ShingleOrder, Token};
use super::DedupConfig;
use crate::text;

/// A run of matched sentences shared by A and B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Passage {
    /// Byte span in A.
    pub a_start: usize,
    pub a_end: usize,
    /// Byte span in B.
    pub b_start: usize,
    pub b_end: usize,
    /// Matched sentence pairs in the passage.
    pub sentences: usize,
    /// Words of A in the passage's matched sentences.
    pub words: usize,
    /// True when every sentence pair is identical after normalisation.
    pub identical: bool,
    pub edits: Vec<WordEdit>,
}

/// One change inside a matched sentence, as text of A and of B with spans in both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WordEdit {
    pub from: String,
    pub to: String,
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
}

/// The alignment of two texts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alignment {
    pub sentences_a: usize,
    pub sentences_b: usize,
    pub matched_a: usize,
    pub matched_b: usize,
    pub words_a: usize,
    pub words_b: usize,
    /// Words in matched sentences.
    pub shared_words_a: usize,
    pub shared_words_b: usize,
    pub passages: Vec<Passage>,
}

impl Alignment {
    /// Share of the shorter text (in words) that lies in matched sentences.
    pub fn shared_words_share_of_shorter(&self) -> f64 {
        let (shared, total) = if self.words_a <= self.words_b {
            (self.shared_words_a, self.words_a)
        } else {
            (self.shared_words_b, self.words_b)
        };
        if total == 0 {
            0.0
        } else {
            shared as f64 / total as f64
        }
    }

    /// The passage with the most words, the receipt's evidence.
    pub fn top_passage(&self) -> Option<&Passage> {
        self.passages.iter().max_by(|x, y| x.words.cmp(&y.words).then(y.a_start.cmp(&x.a_start)))
    }
}

/// Sentences shorter than this match only when identical: "Most read" or "He said." on two
/// pages are not evidence of one story.
pub const MIN_FUZZY_TOKENS: usize = 4;
/// Longest sentence (in words) diffed word by word; longer matched sentences get no edits (the
/// diff is quadratic, and a 150-word "sentence" is a paragraph without punctuation).
pub const MAX_EDIT_TOKENS: usize = 150;
/// Sentences (and paragraphs) shorter than this are not reported as repeats.
pub const MIN_REPEAT_TOKENS: usize = 6;
/// Longest excerpt shown for a repeat.
const REPEAT_EXCERPT_CHARS: usize = 200;

/// A sentence: its byte span and its token range.
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    first: usize,
    last: usize,
}

/// Sentences of `text` with the tokens that fall inside each; sentences without words are dropped.
fn units(text: &str, toks: &[Token]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut p = 0;
    for s in text::sentences(text) {
        while p < toks.len() && toks[p].start < s.start {
            p += 1;
        }
        let first = p;
        while p < toks.len() && toks[p].end <= s.end {
            p += 1;
        }
        if p > first {
            out.push(Unit { start: s.start, end: s.end, first, last: p });
        }
    }
    out
}

fn distinct(toks: &[Token]) -> Vec<u64> {
    let mut v: Vec<u64> = toks.iter().map(|t| t.hash).collect();
    v.sort_unstable();
    v.dedup();
    v
}

use crate::hashing::PassThroughBuild;

type HashIndex = HashMap<u64, Vec<u32>, PassThroughBuild>;

/// One text prepared for alignment: tokens, sentences, and each sentence's distinct words.
/// Preparing a text once and aligning it with many others (a cluster's representative with
/// its members) saves most of the work.
pub struct PreparedText<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    units: Vec<Unit>,
    sets: Vec<Vec<u64>>,
    /// Word → sentences containing it, when this text is aligned against many others.
    index: Option<HashIndex>,
}

impl<'a> PreparedText<'a> {
    pub fn new(text: &'a str) -> PreparedText<'a> {
        PreparedText::with_tokens(text, shingles::tokens(text))
    }

    pub fn with_tokens(text: &'a str, tokens: Vec<Token>) -> PreparedText<'a> {
        let units = units(text, &tokens);
        let sets = units.iter().map(|u| distinct(&tokens[u.first..u.last])).collect();
        PreparedText { text, tokens, units, sets, index: None }
    }

    /// Number of sentences (alignment units) of the text.
    pub fn sentence_count(&self) -> usize {
        self.units.len()
    }

    /// Builds the word index now, for a text that will be the `b` side of many alignments.
    pub fn indexed(mut self) -> PreparedText<'a> {
        self.index = Some(build_index(&self.sets));
        self
    }
}

fn build_index(sets: &[Vec<u64>]) -> HashIndex {
    let mut index = HashIndex::default();
    for (j, set) in sets.iter().enumerate() {
        for &h in set {
            index.entry(h).or_default().push(j as u32);
        }
    }
    index
}

/// Aligns two texts (tokenised here).
pub fn align(a: &str, b: &str, config: &DedupConfig) -> Alignment {
    align_prepared(&PreparedText::new(a), &PreparedText::new(b), config, true)
}

/// Aligns two texts whose tokens are already known.
pub fn align_tokens(a: &str, ta: &[Token], b: &str, tb: &[Token], config: &DedupConfig) -> Alignment {
    align_prepared(&PreparedText::with_tokens(a, ta.to_vec()), &PreparedText::with_tokens(b, tb.to_vec()), config, true)
}

/// Aligns two prepared texts; `with_edits` adds the word edits inside matched sentences.
pub fn align_prepared(
    pa: &PreparedText<'_>,
    pb: &PreparedText<'_>,
    config: &DedupConfig,
    with_edits: bool,
) -> Alignment {
    let (a, ta, ua, sets_a) = (pa.text, &pa.tokens, &pa.units, &pa.sets);
    let (b, tb, ub, sets_b) = (pb.text, &pb.tokens, &pb.units, &pb.sets);
    let built;
    let index = match &pb.index {
        Some(index) => index,
        None => {
            built = build_index(sets_b);
            &built
        }
    };
    // Candidate sentence pairs above the match threshold.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let mut votes = vec![0u32; ub.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (i, set) in sets_a.iter().enumerate() {
        for h in set {
            if let Some(js) = index.get(h) {
                for &j in js {
                    let j = j as usize;
                    if votes[j] == 0 {
                        touched.push(j);
                    }
                    votes[j] += 1;
                }
            }
        }
        for &j in &touched {
            let shared = votes[j] as usize;
            votes[j] = 0;
            let dice = 2.0 * shared as f64 / (set.len() + sets_b[j].len()) as f64;
            let short = set.len() < MIN_FUZZY_TOKENS || sets_b[j].len() < MIN_FUZZY_TOKENS;
            let ok = if short {
                same_tokens(&ta[ua[i].first..ua[i].last], &tb[ub[j].first..ub[j].last])
            } else {
                dice >= config.sentence_match
            };
            if ok {
                candidates.push((dice, i, j));
            }
        }
        touched.clear();
    }
    // Ties go to pairs near the diagonal, then earlier pairs: the same order whichever text is A.
    crate::sort::sort_by(&mut candidates, |x, y| {
        let key = |c: &(f64, usize, usize)| (c.1 + c.2, c.1.abs_diff(c.2), c.1.min(c.2));
        y.0.total_cmp(&x.0).then(key(x).cmp(&key(y))).then((x.1, x.2).cmp(&(y.1, y.2)))
    });
    let mut match_a: Vec<Option<usize>> = vec![None; ua.len()];
    let mut used_b = vec![false; ub.len()];
    for &(_, i, j) in &candidates {
        if match_a[i].is_none() && !used_b[j] {
            match_a[i] = Some(j);
            used_b[j] = true;
        }
    }

    let mut al = Alignment {
        sentences_a: ua.len(),
        sentences_b: ub.len(),
        words_a: ta.len(),
        words_b: tb.len(),
        ..Default::default()
    };
    let mut current: Option<(Passage, usize, usize)> = None;
    for (i, m) in match_a.iter().enumerate() {
        let Some(j) = *m else { continue };
        let (sa, sb) = (&ua[i], &ub[j]);
        let toks_a = &ta[sa.first..sa.last];
        let toks_b = &tb[sb.first..sb.last];
        al.matched_a += 1;
        al.matched_b += 1;
        al.shared_words_a += toks_a.len();
        al.shared_words_b += toks_b.len();
        let identical = same_tokens(toks_a, toks_b);
        let edits = if identical || !with_edits { Vec::new() } else { word_edits(a, toks_a, b, toks_b) };
        let continues = matches!(&current, Some((_, li, lj)) if i > *li && j > *lj && i - li <= 2 && j - lj <= 2);
        if continues {
            if let Some((p, li, lj)) = current.as_mut() {
                p.a_end = sa.end;
                p.b_end = sb.end;
                p.sentences += 1;
                p.words += toks_a.len();
                p.identical &= identical;
                p.edits.extend(edits);
                *li = i;
                *lj = j;
            }
        } else {
            if let Some((p, _, _)) = current.take() {
                al.passages.push(p);
            }
            let p = Passage {
                a_start: sa.start,
                a_end: sa.end,
                b_start: sb.start,
                b_end: sb.end,
                sentences: 1,
                words: toks_a.len(),
                identical,
                edits,
            };
            current = Some((p, i, j));
        }
    }
    if let Some((p, _, _)) = current {
        al.passages.push(p);
    }
    al
}

fn same_tokens(a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.hash == y.hash)
}

/// Word edits between two matched sentences: the runs of a longest-common-subsequence diff.
fn word_edits(a: &str, ta: &[Token], b: &str, tb: &[Token]) -> Vec<WordEdit> {
    let (n, m) = (ta.len(), tb.len());
    if n == 0 || m == 0 || n > MAX_EDIT_TOKENS || m > MAX_EDIT_TOKENS {
        return Vec::new();
    }
    // lcs[i][j] = LCS length of ta[i..] and tb[j..], in one flat table.
    let w = m + 1;
    let mut lcs = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if ta[i].hash == tb[j].hash {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    // Walk the table, collecting maximal runs of unequal tokens.
    let mut edits = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, i: usize, j: usize, edits: &mut Vec<WordEdit>| {
        if let Some((i0, j0)) = run.take() {
            edits.push(edit_text(a, ta, b, tb, (i0, i), (j0, j)));
        }
    };
    while i < n || j < m {
        if i < n && j < m && ta[i].hash == tb[j].hash {
            flush(&mut run, i, j, &mut edits);
            i += 1;
            j += 1;
        } else {
            if run.is_none() {
                run = Some((i, j));
            }
            if j < m && (i == n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
                j += 1;
            } else {
                i += 1;
            }
        }
    }
    flush(&mut run, i, j, &mut edits);
    edits
}

/// The text of an edit. A pure insertion or deletion gets one word of context on each side, so
/// it reads as "Moscow accused" → "MOSCOW: Russia accused" rather than "" → "Russia".
fn edit_text(
    a: &str,
    ta: &[Token],
    b: &str,
    tb: &[Token],
    (mut i0, mut i1): (usize, usize),
    (mut j0, mut j1): (usize, usize),
) -> WordEdit {
    if i0 == i1 || j0 == j1 {
        if i0 > 0 && j0 > 0 {
            i0 -= 1;
            j0 -= 1;
        }
        if i1 < ta.len() && j1 < tb.len() {
            i1 += 1;
            j1 += 1;
        }
    }
    let span = |text: &str, t: &[Token], s: usize, e: usize| -> (usize, usize, String) {
        match (t.get(s), e.checked_sub(1).and_then(|l| t.get(l))) {
            (Some(first), Some(last)) if s < e => {
                (first.start, last.end, text.get(first.start..last.end).unwrap_or("").to_string())
            }
            _ => {
                let at = t.get(s).map_or(text.len(), |x| x.start);
                (at, at, String::new())
            }
        }
    };
    let (a_start, a_end, from) = span(a, ta, i0, i1);
    let (b_start, b_end, to) = span(b, tb, j0, j1);
    WordEdit { from, to, a_start, a_end, b_start, b_end }
}

/// The densest region a member shares with its cluster's representative: the receipt's
/// evidence. Found from shingles alone (no sentence alignment), so a corpus of 100,000 documents
/// gets its receipts in a fraction of the time a full alignment would take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedRegion {
    /// Byte span in the member.
    pub a_start: usize,
    pub a_end: usize,
    /// Byte span in the representative (from the first to the last shared shingle's position).
    pub b_start: usize,
    pub b_end: usize,
    /// Words of the member in the region.
    pub words: usize,
    /// Shingles of the region found in the representative.
    pub shared_shingles: usize,
}

/// Unshared shingles tolerated inside a region: one edited word breaks `k` shingles, so a gap
/// of `k + REGION_GAP_SLACK` keeps a passage with a changed word in one piece.
pub const REGION_GAP_SLACK: usize = 2;

/// A representative prepared for [`shared_region`]: its tokens' spans, its shingles in order,
/// and the first position of each shingle.
pub struct RegionIndex<'a> {
    text: &'a str,
    ordered: OrderedShingles,
    first_position: FirstPositions,
}

impl<'a> RegionIndex<'a> {
    pub fn new(text: &'a str, config: &DedupConfig) -> RegionIndex<'a> {
        let mut ordered = OrderedShingles::default();
        ordered.fill(text, config);
        let first_position = FirstPositions::new(&ordered.shingles);
        RegionIndex { text, ordered, first_position }
    }
}

/// Shingle → its first position in the representative: every shingle of every member is looked
/// up here, so it is an open-addressing table at most half full (one multiply and, almost
/// always, one or two probes in a few KB), cheaper than a general hash map.
struct FirstPositions {
    /// (shingle, position) slots; a slot is free when its position is `FREE`.
    slots: Vec<(u32, u32)>,
    shift: u32,
}

impl FirstPositions {
    const FREE: u32 = u32::MAX;

    fn new(shingles: &[u32]) -> FirstPositions {
        // At most 2^31 slots (a text of a billion shingles would not fit in memory anyway); a
        // full table takes no more shingles rather than probing forever.
        let bits = (shingles.len().max(1) * 2).next_power_of_two().trailing_zeros().clamp(4, 31);
        let mut table = FirstPositions { slots: vec![(0, Self::FREE); 1 << bits], shift: 32 - bits };
        let mask = table.slots.len() - 1;
        for (position, &h) in shingles.iter().enumerate().take(mask) {
            let mut i = table.slot_of(h);
            while let Some(slot) = table.slots.get_mut(i & mask) {
                if slot.1 == Self::FREE {
                    *slot = (h, position.min(Self::FREE as usize - 1) as u32);
                    break;
                }
                if slot.0 == h {
                    break; // the first position is kept
                }
                i = (i + 1) & mask;
            }
        }
        table
    }

    #[inline]
    fn slot_of(&self, h: u32) -> usize {
        // Fibonacci hashing: the multiply spreads every bit into the top bits taken.
        (h.wrapping_mul(0x9e37_79b9) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, h: &u32) -> Option<&u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(*h);
        loop {
            let slot = self.slots.get(i & mask)?;
            if slot.1 == Self::FREE {
                return None;
            }
            if slot.0 == *h {
                return Some(&slot.1);
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn contains_key(&self, h: &u32) -> bool {
        self.get(h).is_some()
    }
}

thread_local! {
    /// The member side of [`shared_region`], reused from one member to the next.
    static MEMBER: std::cell::RefCell<OrderedShingles> = std::cell::RefCell::new(OrderedShingles::default());
}

/// The densest region of `member` shared with the representative, if they share anything.
pub fn shared_region(member: &str, rep: &RegionIndex<'_>, config: &DedupConfig) -> Option<SharedRegion> {
    if !shingles::NATIVE_FAST_PATHS {
        // Fresh buffers: no thread-local in the wasm (see `NATIVE_FAST_PATHS`).
        let mut ordered = OrderedShingles::default();
        ordered.fill(member, config);
        return region_of(&ordered, rep);
    }
    MEMBER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut ordered) => {
            ordered.fill(member, config);
            let out = region_of(&ordered, rep);
            if ordered.spans.capacity() > MEMBER_BUFFER_KEEP {
                *ordered = OrderedShingles::default();
            }
            out
        }
        Err(_) => {
            let mut ordered = OrderedShingles::default();
            ordered.fill(member, config);
            region_of(&ordered, rep)
        }
    })
}

/// Tokens above which the member buffers are given back after use (one huge member must not
/// hold its buffers for the rest of the run).
const MEMBER_BUFFER_KEEP: usize = 1 << 18;

/// [`shared_region`] of a member whose shingles are in `member`.
fn region_of(member: &OrderedShingles, rep: &RegionIndex<'_>) -> Option<SharedRegion> {
    if member.width != rep.ordered.width || member.spans.is_empty() {
        return None;
    }
    let run =
        densest_run(&member.shingles, member.spans.len(), member.width, &rep.first_position, rep.ordered.tokens())?;
    let (a_start, a_end) = (member.spans.get(run.first)?.0, member.spans.get(run.last_token)?.1);
    let rep_spans = &rep.ordered.spans;
    let (b_start, b_end) = match (rep_spans.get(run.rep_first), rep_spans.get(run.rep_last)) {
        (Some(s), Some(e)) => (s.0, e.1.min(rep.text.len())),
        _ => (0, 0),
    };
    Some(run.region(a_start, a_end, b_start, b_end))
}

/// Where the densest shared run of a member lies: token indexes in both texts.
struct Run {
    /// Shingles of the run found in the representative.
    shared: usize,
    /// First and last token of the run in the member.
    first: usize,
    last_token: usize,
    /// First and last token of the run in the representative.
    rep_first: usize,
    rep_last: usize,
}

impl Run {
    fn region(&self, a_start: usize, a_end: usize, b_start: usize, b_end: usize) -> SharedRegion {
        SharedRegion {
            a_start,
            a_end,
            b_start,
            b_end,
            words: self.last_token + 1 - self.first,
            shared_shingles: self.shared,
        }
    }
}

/// The densest run of the member's shingles `sh` (in text order, of `width` words, over
/// `tokens` tokens) found in the representative (`rep_tokens` tokens): runs allow gaps of up to
/// `width + REGION_GAP_SLACK` unshared shingles; the one with most shared shingles wins, the
/// first on ties.
// Inlined: in the wasm, whose receipts take only `region_of`'s path, it stays one function.
#[inline(always)]
fn densest_run(sh: &[u32], tokens: usize, width: usize, rep: &FirstPositions, rep_tokens: usize) -> Option<Run> {
    let k = width.min(tokens);
    let max_gap = width + REGION_GAP_SLACK;
    // (shared count, first shingle, last shingle) of the best region and of the current one.
    let mut best: Option<(usize, usize, usize)> = None;
    let mut current: Option<(usize, usize, usize)> = None;
    for (i, h) in sh.iter().enumerate() {
        if !rep.contains_key(h) {
            continue;
        }
        current = match current {
            Some((n, first, last)) if i - last <= max_gap => Some((n + 1, first, i)),
            other => {
                if let Some(c) = other {
                    if best.is_none_or(|b| c.0 > b.0) {
                        best = Some(c);
                    }
                }
                Some((1, i, i))
            }
        };
    }
    if let Some(c) = current {
        if best.is_none_or(|b| c.0 > b.0) {
            best = Some(c);
        }
    }
    let (n, first, last) = best?;
    let last_token = (last + k - 1).min(tokens.checked_sub(1)?);
    let p0 = *rep.get(sh.get(first)?)? as usize;
    let p1 = (*rep.get(sh.get(last)?)? as usize).max(p0);
    let rep_last = (p1 + k - 1).min(rep_tokens.saturating_sub(1));
    Some(Run { shared: n, first, last_token, rep_first: p0, rep_last })
}

/// A representative prepared for [`shared_region_ordered`] from its sketch and the order of
/// its shingles, without cutting its text into words: the first position of each shingle.
pub struct OrderedRegionIndex<'a> {
    text: &'a str,
    order: &'a ShingleOrder,
    first_position: FirstPositions,
}

impl<'a> OrderedRegionIndex<'a> {
    /// `text`, its fingerprint and its order, as [`Fingerprint::new_ordered`] made them.
    pub fn new(text: &'a str, fingerprint: &Fingerprint, order: &'a ShingleOrder) -> OrderedRegionIndex<'a> {
        let mut shingles = Vec::new();
        order.shingles_into(fingerprint, &mut shingles);
        OrderedRegionIndex { text, order, first_position: FirstPositions::new(&shingles) }
    }
}

/// [`shared_region`] from the member's and the representative's sketches and shingle orders
/// (the same region: the shingles in order and the token spans are those the text gives).
pub fn shared_region_ordered(
    member: &str,
    fingerprint: &Fingerprint,
    order: &ShingleOrder,
    rep: &OrderedRegionIndex<'_>,
) -> Option<SharedRegion> {
    if order.width() != rep.order.width() || order.tokens() == 0 {
        return None;
    }
    let mut sh = Vec::new();
    order.shingles_into(fingerprint, &mut sh);
    let run = densest_run(&sh, order.tokens(), order.width(), &rep.first_position, rep.order.tokens())?;
    let (a_start, a_end) = (order.token_span(member, run.first)?.0, order.token_span(member, run.last_token)?.1);
    let (b_start, b_end) =
        match (rep.order.token_span(rep.text, run.rep_first), rep.order.token_span(rep.text, run.rep_last)) {
            (Some(s), Some(e)) => (s.0, e.1.min(rep.text.len())),
            _ => (0, 0),
        };
    Some(run.region(a_start, a_end, b_start, b_end))
}

/// What repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RepeatKind {
    Sentence,
    Paragraph,
}

/// A sentence or paragraph that occurs more than once in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Repeat {
    pub kind: RepeatKind,
    /// The first occurrence, shortened to about 200 characters.
    pub text: String,
    /// Byte spans `[start, end)` of every occurrence, in order.
    pub occurrences: Vec<(usize, usize)>,
}

/// Sentences and paragraphs of at least [`MIN_REPEAT_TOKENS`] words that occur more than once
/// (after normalisation), with their positions. A repeated paragraph's sentences are not listed
/// again as sentence repeats.
pub fn repeats(text: &str) -> Vec<Repeat> {
    let toks = shingles::tokens(text);
    let mut out = Vec::new();
    let paragraph_spans: Vec<(usize, usize)> = text::paragraphs(text).iter().map(|p| (p.start, p.end)).collect();
    let paragraphs = group_spans(text, &toks, &paragraph_spans, RepeatKind::Paragraph);
    let covered: Vec<(usize, usize)> = paragraphs.iter().flat_map(|r| r.occurrences.iter().copied()).collect();
    out.extend(paragraphs);
    let sentence_spans: Vec<(usize, usize)> = text::sentences(text)
        .iter()
        .map(|s| (s.start, s.end))
        .filter(|&(s, e)| !covered.iter().any(|&(cs, ce)| s >= cs && e <= ce))
        .collect();
    out.extend(group_spans(text, &toks, &sentence_spans, RepeatKind::Sentence));
    out
}

fn group_spans(text: &str, toks: &[Token], spans: &[(usize, usize)], kind: RepeatKind) -> Vec<Repeat> {
    let mut by_hash: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    let mut order: Vec<u64> = Vec::new();
    for &(s, e) in spans {
        let first = toks.partition_point(|t| t.start < s);
        let last = toks.partition_point(|t| t.end <= e);
        if last < first || last - first < MIN_REPEAT_TOKENS {
            continue;
        }
        let h = toks[first..last].iter().fold(0u64, |acc, t| shingles::mix64(acc ^ t.hash));
        let entry = by_hash.entry(h).or_default();
        if entry.is_empty() {
            order.push(h);
        }
        entry.push((s, e));
    }
    order
        .into_iter()
        .filter_map(|h| {
            let occ = by_hash.remove(&h)?;
            if occ.len() < 2 {
                return None;
            }
            let (s, e) = occ[0];
            let full = text.get(s..e).unwrap_or("");
            let excerpt: String = full.chars().take(REPEAT_EXCERPT_CHARS).collect();
            let excerpt = if excerpt.len() < full.len() { format!("{excerpt}…") } else { excerpt };
            Some(Repeat { kind, text: excerpt, occurrences: occ })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacement_and_insertion_edits() {
        let c = DedupConfig::default();
        let a = "Moscow accused the US on Tuesday of only pretending to fight jihadists in Iraq.";
        let b = "MOSCOW: Russia accused the US on Tuesday of only pretending to fight militants in Iraq.";
        let al = align(a, b, &c);
        assert_eq!(al.passages.len(), 1);
        let edits: Vec<(&str, &str)> = al.passages[0].edits.iter().map(|e| (e.from.as_str(), e.to.as_str())).collect();
        assert_eq!(edits, vec![("Moscow accused", "MOSCOW: Russia accused"), ("jihadists", "militants")]);
        let e = &al.passages[0].edits[1];
        assert_eq!(&a[e.a_start..e.a_end], "jihadists");
        assert_eq!(&b[e.b_start..e.b_end], "militants");
    }

    #[test]
    fn passages_merge_consecutive_sentences_and_keep_spans() {
        let c = DedupConfig::default();
        let a = "First shared sentence is right here today. Second shared sentence follows it closely. Something only A says about other things.";
        let b = "Intro only B has about the weather and sport. First shared sentence is right here today. Second shared sentence follows it closely.";
        let al = align(a, b, &c);
        assert_eq!(al.passages.len(), 1);
        let p = &al.passages[0];
        assert_eq!(p.sentences, 2);
        assert!(p.identical);
        assert_eq!(
            &a[p.a_start..p.a_end],
            "First shared sentence is right here today. Second shared sentence follows it closely."
        );
        assert_eq!(
            &b[p.b_start..p.b_end],
            "First shared sentence is right here today. Second shared sentence follows it closely."
        );
    }

    #[test]
    fn shared_region_spans_both_texts_across_an_edited_word() {
        let c = DedupConfig::default();
        let rep = "Intro words only here. Moscow accused the US on Tuesday of only pretending to fight jihadists in Iraq and Syria, officials said.";
        let member = "Moscow accused the US on Tuesday of only pretending to fight militants in Iraq and Syria, officials said. Unrelated tail text follows now.";
        let index = RegionIndex::new(rep, &c);
        let r = shared_region(member, &index, &c).unwrap();
        assert_eq!(
            &member[r.a_start..r.a_end],
            "Moscow accused the US on Tuesday of only pretending to fight militants in Iraq and Syria, officials said"
        );
        assert_eq!(
            &rep[r.b_start..r.b_end],
            "Moscow accused the US on Tuesday of only pretending to fight jihadists in Iraq and Syria, officials said"
        );
    }

    #[test]
    fn repeats_have_positions() {
        let t = "The standfirst sentence of this story is here.\n\nThe standfirst sentence of this story is here.\n\nThen the body goes on. And a line repeated in the body text. More text. And a line repeated in the body text.";
        let r = repeats(t);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0].kind, RepeatKind::Paragraph);
        assert_eq!(r[0].occurrences.len(), 2);
        assert_eq!(r[1].kind, RepeatKind::Sentence);
        let (s, e) = r[1].occurrences[1];
        assert_eq!(&t[s..e], "And a line repeated in the body text.");
    }
}
