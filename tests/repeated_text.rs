//! Texts a page prints twice, through `clean` (issue 3, text mode recall). A story's standfirst
//! repeated under the photo, both copies outside the body the rules find
//! (tests/data/repeated-text/dek-twice.txt, written for this test), comes back once: the rules
//! removed every copy, so the learned decision judges them (`LOST_COPY_RESTORE_THRESHOLD`). A
//! rail of other stories' headlines and a menu printed above and below a story
//! (rails-twice.txt) stay removed, and the headline's copy is not printed in the body.

use article_analyzer::{clean, CleanConfig, InputFormat};

const DEK_TWICE: &str = include_str!("data/repeated-text/dek-twice.txt");
const RAILS_TWICE: &str = include_str!("data/repeated-text/rails-twice.txt");

/// How many kept blocks of the cleaned `text` are exactly `line`.
fn kept_copies(text: &str, line: &str, config: &CleanConfig) -> usize {
    let cleaned = clean(text, InputFormat::Text, config);
    cleaned.blocks.iter().filter(|b| b.kept && b.text.trim() == line).count()
}

#[test]
fn a_standfirst_printed_twice_outside_the_body_comes_back_once() {
    let dek = "The company announced 150 layoffs for the end of the month, then withdrew the measure after two days of strikes, and now plans to dismiss 125 workers instead.";
    assert_eq!(DEK_TWICE.matches(dek).count(), 2);
    assert_eq!(kept_copies(DEK_TWICE, dek, &CleanConfig::default()), 1);
    let headline = "Port workers strike after company announces layoffs";
    assert_eq!(kept_copies(DEK_TWICE, headline, &CleanConfig::default()), 0);
    // Without the rule (the copies keep the rules' decision) the standfirst is lost.
    let off = CleanConfig { lost_copy_restore_threshold: 1.1, ..CleanConfig::default() };
    assert_eq!(kept_copies(DEK_TWICE, dek, &off), 0);
}

#[test]
fn rails_and_menus_printed_twice_stay_removed() {
    let story_lines = 4;
    let cleaned = clean(RAILS_TWICE, InputFormat::Text, &CleanConfig::default());
    let kept: Vec<_> = cleaned.blocks.iter().filter(|b| b.kept).map(|b| b.text.trim()).collect();
    assert_eq!(kept.len(), story_lines, "{kept:#?}");
    assert!(kept.iter().all(|t| t.split_whitespace().count() > 20), "{kept:#?}");
}
