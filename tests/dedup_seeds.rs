//! The seed pair (one AFP story on Pulse Nigeria and on Dawn) scored the way the CLI does:
//! cleaned bodies are the same story with a high score and the site's edits visible; raw texts
//! score visibly lower.

use article_analyzer::clean::{clean, CleanConfig, InputFormat};
use article_analyzer::dedup::{similarity, DedupConfig, Verdict};

const PULSE: &str = include_str!("data/seeds/pulse-afp-2017-10-10.txt");
const DAWN: &str = include_str!("data/seeds/dawn-afp-2017-10-11.txt");

fn body(text: &str) -> String {
    clean(text, InputFormat::Auto, &CleanConfig::default()).body
}

#[test]
fn cleaned_seeds_are_the_same_story() {
    let s = similarity(&body(PULSE), &body(DAWN), &DedupConfig::default());
    assert!(s.score >= 0.85, "score {} ({})", s.score, s.reason);
    assert_eq!(s.verdict, Verdict::SameStory);
    assert!(s.reason.starts_with("same story: "), "{}", s.reason);
}

#[test]
fn raw_seeds_score_lower() {
    let c = DedupConfig::default();
    let cleaned = similarity(&body(PULSE), &body(DAWN), &c);
    let raw = similarity(PULSE, DAWN, &c);
    assert!(raw.score + 0.05 < cleaned.score, "raw {} vs cleaned {}", raw.score, cleaned.score);
    assert!(raw.jaccard + 0.15 < cleaned.jaccard, "raw {} vs cleaned {}", raw.jaccard, cleaned.jaccard);
}

#[test]
fn alignment_shows_the_house_edits() {
    let (a, b) = (body(PULSE), body(DAWN));
    let s = similarity(&a, &b, &DedupConfig::default());
    let edits: Vec<(&str, &str)> =
        s.passages.iter().flat_map(|p| &p.edits).map(|e| (e.from.as_str(), e.to.as_str())).collect();
    assert!(edits.contains(&("jihadists", "militants")), "{edits:?}");
    assert!(edits.contains(&("Moscow accused", "MOSCOW: Russia accused")), "{edits:?}");
    // Spans point at the words in both texts.
    for e in s.passages.iter().flat_map(|p| &p.edits) {
        assert_eq!(&a[e.a_start..e.a_end], e.from);
        assert_eq!(&b[e.b_start..e.b_end], e.to);
    }
}
