//! The credited-caption and site-notice signals (`signals::caption_credit`,
//! `signals::site_notice`, src/clean/signals.rs) through `clean`: photo captions with a credit,
//! a kind of picture or people's places, and a site's disclosures, paywall meters and bylines
//! with a reading time (tests/data/head-lines/drop.txt, written for this test) go whether they
//! stand above a story or between its paragraphs, and news sentences that name agencies,
//! photographers, photos, commissions or free articles, or open on a dateline (keep.txt), stay
//! between its paragraphs and are never taken for a caption or a notice above it.

use article_analyzer::{clean, CleanConfig, InputFormat, RemovalReason};

#[allow(dead_code)]
mod stories;
use stories::{cases, STORIES};

const KEEP_LINES: &str = include_str!("data/head-lines/keep.txt");
const DROP_LINES: &str = include_str!("data/head-lines/drop.txt");

/// Where a case's line goes in its story.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// Between the headline and the first paragraph, where a lead photo's caption sits.
    AboveBody,
    /// After the second paragraph.
    InsideBody,
}

/// The removal of `line` when it stands at `place` in the story of `language` (`None`: kept).
fn removal(language: &str, line: &str, place: Place) -> Option<RemovalReason> {
    let story = STORIES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s).unwrap_or(STORIES[0].1);
    let parts: Vec<&str> = story.split("\n\n").collect();
    let at = match place {
        Place::AboveBody => 1,
        Place::InsideBody => 3,
    };
    let mut blocks = parts.clone();
    blocks.insert(at.min(parts.len()), line);
    let cleaned = clean(&format!("{}\n", blocks.join("\n\n")), InputFormat::Text, &CleanConfig::default());
    cleaned.removed.iter().find(|r| r.text.trim() == line).map(|r| r.reason.clone())
}

#[test]
fn news_lines_stay_inside_a_story() {
    let lost: Vec<_> = cases(KEEP_LINES)
        .into_iter()
        .filter_map(|(l, line)| removal(l, line, Place::InsideBody).map(|r| (line, r)))
        .collect();
    assert!(lost.is_empty(), "body lines removed: {lost:#?}");
}

#[test]
fn news_lines_are_no_caption_or_notice_above_a_story() {
    let taken: Vec<_> = cases(KEEP_LINES)
        .into_iter()
        .filter(|(l, line)| {
            matches!(
                removal(l, line, Place::AboveBody),
                Some(RemovalReason::Caption | RemovalReason::Advertisement | RemovalReason::AuthorBox)
            )
        })
        .map(|(_, line)| line)
        .collect();
    assert!(taken.is_empty(), "body lines taken for captions or notices: {taken:#?}");
}

#[test]
fn captions_and_notices_go_above_and_inside_a_story() {
    for place in [Place::AboveBody, Place::InsideBody] {
        let kept: Vec<_> = cases(DROP_LINES)
            .into_iter()
            .filter(|(l, line)| removal(l, line, place).is_none())
            .map(|(_, line)| line)
            .collect();
        assert!(kept.is_empty(), "captions kept {place:?}: {kept:#?}");
    }
}
