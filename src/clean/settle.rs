//! Cleaning to a settled result (text mode with the learned decision). The learned decision
//! reads each block's neighbourhood (position, what lies between it and the body, the longest
//! block, the kept share nearby), and that neighbourhood changes once the boilerplate is gone:
//! a menu line kept beside a removed rail can read as a rail of its own in the cleaned copy, and
//! a short line under a removed title can become the cleaned copy's headline. So cleaning the
//! output again could remove more. [`settle`] cleans what the cleaner would print (the headline,
//! then the kept blocks) again, the same way, until a pass keeps everything it is given: the
//! result is then a fixed point, and cleaning it again removes nothing more by construction.
//!
//! Each pass sees only the blocks the previous one kept, so the kept set can only shrink and the
//! passes end; [`MAX_CLEANING_PASSES`] bounds them on adversarial input (on the dev pages no
//! page needs more than ten). Settling is the default ([`DEFAULT_CLEANING_PASSES`]).
//!
//! Cost: a later pass decides the printed blocks again. Everything that depends only on a
//! block's own text (its scan, own signal, identity, word sample) is the first pass's reading,
//! and so is a tail block's site-prompt answer when it read only the block's text
//! ([`Kept::tail`]: the passes asked the same tail blocks again, as much work as the first pass);
//! what depends on the kept set (position, neighbours and their similarity, short-line runs,
//! repeats, context signals, the region, the model's context inputs) is computed again, and the
//! pass returns decisions only ([`classify::decide_again`]): no block list is built, only the
//! blocks it removes are listed, its prepared list is kept for the next pass (on a large document
//! a fresh one per pass was fresh pages from the kernel), and a block it keeps keeps the first
//! pass's features and score. A first pass that removed nothing and
//! took no headline is not repeated. A later pass cannot be skipped in general: every model
//! input that is a share of the document (position, prose before and after, the longest block)
//! changes for every block when one goes, so whether a decision holds is known only by
//! deciding it again (usually one confirming pass).

use super::classify::{self, Kept, Reading, Readings};
use super::metadata::strip_kicker;
use super::{Block, BlockInput, CleanConfig, RemovalReason};
use crate::text::Stopwords;

/// Cleaning passes at most (the first included). Each pass can only remove blocks, so ordinary
/// text settles in two or three passes (dev pages: 714 of 941 in two, all but 27 in three; one
/// menu-heavy page loses a line per pass and needs ten); the bound keeps the cost of a crafted
/// document that loses one block per pass at a constant multiple of one pass.
pub const MAX_CLEANING_PASSES: usize = 12;

/// Cleaning passes by default: settled (at most [`MAX_CLEANING_PASSES`]), so that cleaning the
/// output again removes nothing more. `maxCleaningPasses: 1` (`clean --one-pass`) decides once.
/// Cost (session 6, instruction counts, callgrind, `fast` profile; docs/cleaning.md step 8):
/// on 2,000 documents of the dedup bench's corpus, settled cleaning takes 7.1% more
/// instructions than session 5's one pass (one pass now 2.4% fewer, settled 12.0% more before);
/// on `benches/clean.rs`'s 5 MB text 18% more and on its 100,000 lines 11% more (were 26% and
/// 18%; one pass now 2.4% and 3.7% fewer): the later passes decide every kept block again.
pub const DEFAULT_CLEANING_PASSES: usize = MAX_CLEANING_PASSES;

/// The printed form of a decided document, as indices into `blocks`: the headline (printed
/// first, as the title) and then the kept blocks in order (a kept headline is printed twice).
fn printed(blocks: &[Block], headline: Option<usize>) -> Vec<usize> {
    headline.into_iter().chain((0..blocks.len()).filter(|&i| blocks[i].kept)).collect()
}

/// [`printed`] after a pass, without reading the blocks (on a large document a walk over them
/// all is a walk over tens of megabytes): `kept` were the kept blocks before it, `lost` (in
/// order) the ones it removed, `gained` the one it brought back (only the title can be).
fn printed_again(kept: &[usize], lost: &[usize], gained: Option<usize>, headline: Option<usize>) -> Vec<usize> {
    let mut out = Vec::with_capacity(kept.len() + 2);
    out.extend(headline);
    let mut lost = lost.iter().peekable();
    let mut gained = gained;
    for &i in kept {
        if let Some(g) = gained.filter(|&g| g < i) {
            out.push(g);
            gained = None;
        }
        if lost.next_if(|&&l| l == i).is_some() {
            continue;
        }
        out.push(i);
    }
    out.extend(gained);
    out
}

/// Cleans the printed form of `blocks` (the title, i.e. the headline without its kicker, then
/// the kept blocks) again until a pass keeps all it is given and finds the same title, at most
/// `config.max_cleaning_passes` passes in all. The blocks a later pass decides take its decision
/// (reason, score, features: the ones that decided them), with indices in `blocks`; returns the
/// headline.
pub(crate) fn settle(
    blocks: &mut [Block],
    mut headline: Option<usize>,
    kept: &mut Kept,
    stopwords: Option<&Stopwords>,
    config: &CleanConfig,
    keep: &[usize],
    corpus_repeats: &[Option<usize>],
) -> Option<usize> {
    let mut selected = printed(blocks, headline);
    // A first pass that removed nothing and took no headline printed its input: the next pass
    // would read the same blocks in the same places and decide the same.
    if headline.is_none() && selected.len() == blocks.len() {
        return headline;
    }
    // The lists a pass needs, allocated once for all passes.
    let mut inputs: Vec<BlockInput> = Vec::with_capacity(selected.len());
    let mut reused: Vec<bool> = Vec::with_capacity(selected.len());
    let mut keep_here: Vec<usize> = Vec::new();
    let mut repeats_here: Vec<Option<usize>> = Vec::new();
    let mut lists = classify::AgainLists::default();
    let mut lost: Vec<usize> = Vec::new();
    // The readings a pass reuses borrow `kept`, which the pass then updates: the list's memory
    // is carried from pass to pass empty (a list of references of one lifetime recycled into one
    // of the next: same size and alignment, so the collect below reuses the allocation).
    let mut reuse_memory: Vec<Option<&Reading>> = Vec::with_capacity(selected.len());
    for _ in 1..config.max_cleaning_passes {
        if selected.is_empty() {
            break;
        }
        // The texts move into the pass and back: no copy of the body per pass. The title is
        // printed without its kicker ("In Iraq : ..."), so it is read as the text it is then.
        inputs.clear();
        // Whether each input is read from its reading (its text is the block's own), and the
        // reading (one walk over the blocks and their readings).
        reused.clear();
        let mut reuse: Vec<Option<&Reading>> = recycled(std::mem::take(&mut reuse_memory));
        for (j, &i) in selected.iter().enumerate() {
            let Some(b) = blocks.get_mut(i) else { continue };
            let title = j == 0 && headline == Some(i);
            let text = if title { strip_kicker(&b.text).to_string() } else { std::mem::take(&mut b.text) };
            let reading = kept.readings.get(i).and_then(Option::as_ref).filter(|_| !(title && text != b.text));
            reused.push(reading.is_some());
            reuse.push(reading);
            inputs.push(BlockInput { text, line: b.line, html: None });
        }
        // The page's "keep this line" and the corpus repeats, in the shorter document's indices.
        keep_here.clear();
        if !keep.is_empty() {
            keep_here.extend(selected.iter().enumerate().filter(|(_, i)| keep.contains(i)).map(|(j, _)| j));
        }
        repeats_here.clear();
        if !corpus_repeats.is_empty() {
            repeats_here.extend(selected.iter().map(|&i| corpus_repeats.get(i).copied().flatten()));
        }
        let (again, again_headline) = classify::decide_again(
            &inputs,
            stopwords,
            config,
            &keep_here,
            &repeats_here,
            Readings { reuse: &reuse, samples: &kept.samples, keep: None, tail: Some(&kept.tail) },
            &mut lists,
        );
        reuse_memory = recycled(reuse);
        // The texts go back to their blocks (the title was a copy: the block keeps its own).
        let title_copy = headline.is_some();
        for (j, input) in inputs.drain(..).enumerate() {
            if j == 0 && title_copy {
                continue;
            }
            if let Some(b) = selected.get(j).and_then(|&i| blocks.get_mut(i)) {
                b.text = input.text;
            }
        }
        // The similarities this pass measured between two read blocks: the next pass reuses them
        // when the two are still neighbours. (A read block next to the same block as before
        // holds its similarity already.)
        for &j in lists.remeasured() {
            let (Some(&i), Some(&before)) = (selected.get(j), selected.get(j.wrapping_sub(1))) else { continue };
            if reused.get(j) == Some(&true) && reused.get(j - 1) == Some(&true) && i != before {
                let similarity = lists.previous_similarity(j);
                if let Some(Some(r)) = kept.readings.get_mut(i) {
                    r.measured(before, similarity);
                }
            }
        }
        let to_full = |j: usize| selected.get(j).copied().unwrap_or(j);
        // A kept headline is printed twice (title and body): the body's copy decides the block,
        // the title only whether it is the headline.
        // (The kept blocks are in order: a binary search.)
        let title_twice =
            headline.is_some_and(|h| selected.get(1..).is_some_and(|rest| rest.binary_search(&h).is_ok()));
        // The blocks whose `kept` this pass turns off (in order) and on (only the title can be).
        lost.clear();
        let mut gained = None;
        // A block this pass keeps keeps what the pass that first kept it said (its features in
        // the page as given); a block it removes (or brings back: only the title can be) takes
        // this pass's decision, the one that settled it.
        for (j, a) in again {
            let Some(&i) = selected.get(j) else { continue };
            let Some(slot) = blocks.get_mut(i) else { continue };
            let title = j == 0 && headline.is_some();
            if title && title_twice || a.reason.is_none() && slot.kept {
                continue;
            }
            if slot.kept && a.reason.is_some() {
                lost.push(i);
            } else if !slot.kept && a.reason.is_none() {
                gained = Some(i);
            }
            slot.kept = a.reason.is_none();
            slot.reason = match a.reason {
                Some(RemovalReason::DuplicateOfBlock(k)) => Some(RemovalReason::DuplicateOfBlock(to_full(k))),
                reason => reason,
            };
            slot.features = a.features;
            slot.content_score = a.content_score.map(classify::rounded_score);
            slot.content_evidence = a.content_evidence;
        }
        let body_from = usize::from(headline.is_some());
        headline = again_headline.map(to_full);
        let next = printed_again(selected.get(body_from..).unwrap_or_default(), &lost, gained, headline);
        debug_assert_eq!(next, printed(blocks, headline));
        if next == selected {
            break;
        }
        selected = next;
    }
    headline
}

/// `v`'s memory, emptied, as a list of another type of the same size and alignment (Rust's
/// in-place `collect`; an empty iterator, so nothing is converted): how a list of borrows
/// outlives the borrows.
fn recycled<'b>(mut v: Vec<Option<&Reading>>) -> Vec<Option<&'b Reading>> {
    v.clear();
    v.into_iter().map(|_| None).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{read_blocks, InputFormat};

    /// A document of prose paragraphs, rails, menus, prompts, captions and repeats in a random
    /// order (a fixed linear congruential sequence per seed).
    fn generated(seed: u64) -> String {
        const PIECES: &[&str] = &[
            "The council said on Tuesday that the new bridge would open to traffic next spring, after two years of delays.",
            "Residents had complained for months about the noise, and the mayor promised a review of the night work.",
            "Officials told reporters that the cost had risen by a third since the contract was signed in 2021.",
            "Home",
            "World News",
            "Sign up for our newsletter",
            "Share this article",
            "Photo: AFP",
            "Related: Bridge plans unveiled",
            "Most Read Stories Today",
            "Copyright 2024 The Daily Times. All rights reserved.",
            "By Jane Smith",
            "\"We will not stop until it is finished,\" she said.",
            "Read more",
        ];
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut lines = vec!["Bridge opens next spring".to_string()];
        for _ in 0..(20 + seed % 40) {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let pick = (state >> 33) as usize % PIECES.len();
            lines.push(PIECES.get(pick).copied().unwrap_or("").to_string());
        }
        lines.join("\n\n")
    }

    /// Settling with the first pass's readings (and the similarities the passes measure) gives
    /// what settling gives when every pass reads every text again.
    #[test]
    fn reused_readings_settle_like_a_full_reading() {
        let config = CleanConfig { max_cleaning_passes: MAX_CLEANING_PASSES, ..CleanConfig::default() };
        let english = Stopwords::for_language("en");
        for seed in 0..200 {
            let text = generated(seed);
            let read = read_blocks(&text, InputFormat::Text, &config);
            let mut readings = Kept::default();
            let (first, headline) = classify::classify_with_readings(
                read.blocks,
                english,
                &config,
                &[],
                &[],
                Readings { keep: Some(&mut readings), ..Default::default() },
            );
            let (mut fast, mut full) = (first.clone(), first);
            let fast_headline = settle(&mut fast, headline, &mut readings, english, &config, &[], &[]);
            let full_headline = settle(&mut full, headline, &mut Kept::default(), english, &config, &[], &[]);
            assert_eq!(fast_headline, full_headline, "seed {seed}");
            assert_eq!(fast, full, "seed {seed}");
        }
    }
}
