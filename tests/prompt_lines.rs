//! The tail site-prompt rule (`src/clean/prompts.rs`) through `clean`: closing lines of news
//! stories (tests/data/prompt-lines/keep.txt, written for this test) stay at the end of a story
//! in their language, and site prompts, blurbs and notices (drop.txt) go.

use article_analyzer::{clean, CleanConfig, InputFormat, RemovalReason};

#[allow(dead_code)]
mod stories;
use stories::{cases, STORIES};

// A line the model removes for its shape (a one-sentence "teaser" after the story) counts as
// removed as well as one the prompt rule takes: the test asks what the reader gets.

const KEEP_LINES: &str = include_str!("data/prompt-lines/keep.txt");
const DROP_LINES: &str = include_str!("data/prompt-lines/drop.txt");

/// The removal of `line` when it closes the story of `language` (`None`: kept).
fn removal(language: &str, line: &str) -> Option<RemovalReason> {
    let story = STORIES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s).unwrap_or(STORIES[0].1);
    let cleaned = clean(&format!("{story}\n\n{line}\n"), InputFormat::Text, &CleanConfig::default());
    cleaned.removed.iter().find(|r| r.text.trim() == line).map(|r| r.reason.clone())
}

#[test]
fn closing_news_lines_stay_after_a_story() {
    let lost: Vec<_> =
        cases(KEEP_LINES).into_iter().filter_map(|(l, line)| removal(l, line).map(|r| (line, r))).collect();
    assert!(lost.is_empty(), "closing news lines removed: {lost:#?}");
}

#[test]
fn site_prompts_go_after_a_story() {
    let kept: Vec<_> =
        cases(DROP_LINES).into_iter().filter(|(l, line)| removal(l, line).is_none()).map(|(_, line)| line).collect();
    assert!(kept.is_empty(), "site prompts kept: {kept:#?}");
}
