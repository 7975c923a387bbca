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
//! page needs more than ten). Cost: the later passes classify the kept blocks again, usually
//! one pass that changes nothing.

use super::classify::{self, Reading, Readings};
use super::metadata::strip_kicker;
use super::{Block, BlockInput, CleanConfig, RemovalReason};
use crate::text::Stopwords;

/// Cleaning passes at most (the first included). Each pass can only remove blocks, so ordinary
/// text settles in two or three passes (dev pages: 714 of 941 in two, all but 27 in three; one
/// menu-heavy page loses a line per pass and needs ten); the bound keeps the cost of a crafted
/// document that loses one block per pass at a constant multiple of one pass.
pub const MAX_CLEANING_PASSES: usize = 12;

/// The printed form of a decided document, as indices into `blocks`: the headline (printed
/// first, as the title) and then the kept blocks in order (a kept headline is printed twice).
fn printed(blocks: &[Block], headline: Option<usize>) -> Vec<usize> {
    headline.into_iter().chain((0..blocks.len()).filter(|&i| blocks[i].kept)).collect()
}

/// Cleans the printed form of `blocks` (the title, i.e. the headline without its kicker, then
/// the kept blocks) again until a pass keeps all it is given and finds the same title, at most
/// `config.max_cleaning_passes` passes in all. The blocks a later pass decides take its decision
/// (reason, score, features: the ones that decided them), with indices in `blocks`; returns the
/// headline.
pub(crate) fn settle(
    blocks: &mut [Block],
    mut headline: Option<usize>,
    readings: &[Option<Reading>],
    stopwords: Option<&Stopwords>,
    config: &CleanConfig,
    keep: &[usize],
    corpus_repeats: &[Option<usize>],
) -> Option<usize> {
    let mut selected = printed(blocks, headline);
    for _ in 1..config.max_cleaning_passes {
        if selected.is_empty() {
            break;
        }
        // The texts move into the pass and back: no copy of the body per pass. The title is
        // printed without its kicker ("In Iraq : ..."), so it is read as the text it is then.
        let mut inputs = Vec::with_capacity(selected.len());
        let mut reuse = Vec::with_capacity(selected.len());
        for (j, &i) in selected.iter().enumerate() {
            let Some(b) = blocks.get_mut(i) else { continue };
            let title = j == 0 && headline == Some(i);
            let text = if title { strip_kicker(&b.text).to_string() } else { std::mem::take(&mut b.text) };
            let reading = readings.get(i).and_then(Option::as_ref);
            reuse.push(if title && text != b.text { None } else { reading });
            inputs.push(BlockInput { text, line: b.line, html: None });
        }
        // The page's "keep this line" and the corpus repeats, in the shorter document's indices.
        let keep_here: Vec<usize> =
            selected.iter().enumerate().filter(|(_, i)| keep.contains(i)).map(|(j, _)| j).collect();
        let repeats_here: Vec<Option<usize>> = if corpus_repeats.is_empty() {
            Vec::new()
        } else {
            selected.iter().map(|&i| corpus_repeats.get(i).copied().flatten()).collect()
        };
        let (again, again_headline) = classify::classify_with_readings(
            inputs,
            stopwords,
            config,
            &keep_here,
            &repeats_here,
            Readings { reuse: &reuse, keep: None },
        );
        let to_full = |j: usize| selected.get(j).copied().unwrap_or(j);
        // A kept headline is printed twice (title and body): the body's copy decides the block,
        // the title only whether it is the headline.
        let title_twice = headline.is_some_and(|h| selected.get(1..).is_some_and(|rest| rest.contains(&h)));
        for (j, mut b) in again.into_iter().enumerate() {
            let Some(&i) = selected.get(j) else { continue };
            let Some(slot) = blocks.get_mut(i) else { continue };
            let title = j == 0 && headline.is_some();
            if title && title_twice {
                continue;
            }
            if title {
                // The title was a copy: the block keeps its own text.
                std::mem::swap(&mut b.text, &mut slot.text);
            }
            b.index = i;
            if let Some(RemovalReason::DuplicateOfBlock(k)) = b.reason {
                b.reason = Some(RemovalReason::DuplicateOfBlock(to_full(k)));
            }
            *slot = b;
        }
        headline = again_headline.map(to_full);
        let next = printed(blocks, headline);
        if next == selected {
            break;
        }
        selected = next;
    }
    headline
}
