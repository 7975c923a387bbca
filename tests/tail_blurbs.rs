//! Author blurbs after a story, through `clean` (issue 3, text mode precision, session 15): a
//! blurb that introduces its writer by a name the story does not name ("Maria Lindqvist is a
//! professor of ...", "Katrin Hoffmann ist Redakteurin ...") or by a greeting ("Hallo, ich bin
//! Lena!"), and a disclaimer, go when they follow the story's last paragraph
//! (tests/data/tail-blurbs/drop.txt, written for this test); closing paragraphs that say what
//! someone the story names is or does, or speak of a title, a place or a pronoun (keep.txt),
//! stay. A case is a group of lines, one block per line.

use article_analyzer::{clean, CleanConfig, InputFormat};

#[allow(dead_code)]
mod stories;
use stories::{groups, STORIES};

const KEEP_BLURBS: &str = include_str!("data/tail-blurbs/keep.txt");
const DROP_BLURBS: &str = include_str!("data/tail-blurbs/drop.txt");

/// The lines of `lines` that the cleaned story of `language` keeps, with the lines set after its
/// last paragraph, each its own block.
fn kept_lines<'a>(language: &str, lines: &[&'a str]) -> Vec<&'a str> {
    let story = STORIES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s).unwrap_or(STORIES[0].1);
    let cleaned = clean(&format!("{story}\n\n{}\n", lines.join("\n\n")), InputFormat::Text, &CleanConfig::default());
    lines.iter().copied().filter(|line| !cleaned.removed.iter().any(|r| r.text.trim() == *line)).collect()
}

#[test]
fn the_fixtures_hold_enough_cases() {
    let languages = |text| {
        let mut l: Vec<&str> = groups(text).into_iter().map(|(l, _)| l).collect();
        l.dedup();
        l
    };
    assert!(groups(KEEP_BLURBS).len() >= 10, "{}", groups(KEEP_BLURBS).len());
    assert!(groups(DROP_BLURBS).len() >= 10, "{}", groups(DROP_BLURBS).len());
    assert_eq!(languages(KEEP_BLURBS), ["en", "de", "fr", "es"]);
    assert_eq!(languages(DROP_BLURBS), ["en", "de", "fr", "es"]);
}

#[test]
fn closing_paragraphs_about_people_stay() {
    let lost: Vec<_> = groups(KEEP_BLURBS)
        .into_iter()
        .flat_map(|(language, lines)| {
            let kept = kept_lines(language, &lines);
            lines.into_iter().filter(move |l| !kept.contains(l))
        })
        .collect();
    assert!(lost.is_empty(), "closing paragraphs removed: {lost:#?}");
}

#[test]
fn author_blurbs_after_the_story_go() {
    let kept: Vec<_> =
        groups(DROP_BLURBS).into_iter().flat_map(|(language, lines)| kept_lines(language, &lines)).collect();
    assert!(kept.is_empty(), "blurbs kept: {kept:#?}");
}
