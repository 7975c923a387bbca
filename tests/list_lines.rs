//! Lists inside an article and rails after it, through `clean` (issue 3, text mode recall):
//! ingredients, specifications, pros and cons, a contents list, a timeline, verses
//! (tests/data/list-lines/keep.txt, written for this test) stay when they stand between a story's
//! paragraphs; related headlines after "Read more:", tag lists and menus (drop.txt) go when
//! they follow its last paragraph. A case is a group of lines, one block per line.

use article_analyzer::{clean, CleanConfig, InputFormat};

#[allow(dead_code)]
mod stories;
use stories::{groups, STORIES};

const KEEP_LISTS: &str = include_str!("data/list-lines/keep.txt");
const DROP_LISTS: &str = include_str!("data/list-lines/drop.txt");

/// The lines of `lines` that the cleaned story of `language` keeps, with the list set after the
/// story's paragraph `at` (`usize::MAX`: after the last one).
fn kept_lines<'a>(language: &str, lines: &[&'a str], at: usize) -> Vec<&'a str> {
    let story = STORIES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s).unwrap_or(STORIES[0].1);
    let mut blocks: Vec<String> = story.split("\n\n").map(str::to_string).collect();
    blocks.insert(at.saturating_add(1).min(blocks.len()), lines.join("\n"));
    let cleaned = clean(&format!("{}\n", blocks.join("\n\n")), InputFormat::Text, &CleanConfig::default());
    lines.iter().copied().filter(|line| !cleaned.removed.iter().any(|r| r.text.trim() == *line)).collect()
}

#[test]
fn the_fixtures_hold_enough_cases() {
    assert!(groups(KEEP_LISTS).len() >= 14, "{}", groups(KEEP_LISTS).len());
    assert!(groups(DROP_LISTS).len() >= 10, "{}", groups(DROP_LISTS).len());
}

#[test]
fn lists_between_paragraphs_stay() {
    let lost: Vec<_> = groups(KEEP_LISTS)
        .into_iter()
        .filter_map(|(language, lines)| {
            let kept = kept_lines(language, &lines, 2);
            (kept.len() < lines.len()).then(|| lines.into_iter().filter(|l| !kept.contains(l)).collect::<Vec<_>>())
        })
        .collect();
    assert!(lost.is_empty(), "list lines removed: {lost:#?}");
}

#[test]
fn rails_after_the_story_go() {
    let kept: Vec<_> =
        groups(DROP_LISTS).into_iter().flat_map(|(language, lines)| kept_lines(language, &lines, usize::MAX)).collect();
    assert!(kept.is_empty(), "rail lines kept: {kept:#?}");
}
