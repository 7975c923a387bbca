//! Golden tests for cleaning: one folder per case under `tests/data/<case>/` with `input.txt`
//! (cleaned in text mode) or `input.html` (HTML mode), the expected body `expected.txt` and the
//! expected metadata and removals `expected.json`.
//! After a deliberate change, regenerate the expected files and review their diff like code:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test golden
//! ```
//!
//! A case may also hold `reference.txt`, a body written by a person (the seeds); it is never
//! regenerated, and the cleaned body must reach token F1 >= 0.99 against it.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use article_analyzer::clean::{clean, CleanConfig, CleanedDocument, InputFormat};
use serde_json::json;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/data exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("input.txt").is_file() || p.join("input.html").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The case's input and the mode it is cleaned in.
fn input_of(dir: &Path) -> (String, InputFormat) {
    match fs::read_to_string(dir.join("input.html")) {
        Ok(html) => (html, InputFormat::Html),
        Err(_) => (fs::read_to_string(dir.join("input.txt")).expect("input.txt readable"), InputFormat::Text),
    }
}

/// The reviewable summary of a cleaned document: metadata and one line per removal.
fn summary(doc: &CleanedDocument) -> serde_json::Value {
    json!({
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "agency": doc.agency,
        "author": doc.author,
        "language": doc.language.as_ref().map(|l| l.code.clone()),
        "removed": doc.removed.iter().map(|r| json!({"line": r.line, "reason": r.reason, "text": r.text})).collect::<Vec<_>>(),
    })
}

fn token_f1(got: &str, want: &str) -> f64 {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for t in want.split_whitespace() {
        *counts.entry(t).or_default() += 1;
    }
    let mut both = 0i64;
    for t in got.split_whitespace() {
        if let Some(c) = counts.get_mut(t) {
            if *c > 0 {
                *c -= 1;
                both += 1;
            }
        }
    }
    let (g, w) = (got.split_whitespace().count() as f64, want.split_whitespace().count() as f64);
    if both == 0 {
        return 0.0;
    }
    let (p, r) = (both as f64 / g, both as f64 / w);
    2.0 * p * r / (p + r)
}

#[test]
fn golden_cases() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for dir in cases() {
        let name = dir.file_name().unwrap_or_default().to_string_lossy().to_string();
        let (input, format) = input_of(&dir);
        let doc = clean(&input, format, &CleanConfig::default());
        let body = format!("{}\n", doc.body);
        let meta = format!("{}\n", serde_json::to_string_pretty(&summary(&doc)).expect("serialisable"));
        if update {
            fs::write(dir.join("expected.txt"), &body).expect("write expected.txt");
            fs::write(dir.join("expected.json"), &meta).expect("write expected.json");
            continue;
        }
        let want_body = fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        let want_meta = fs::read_to_string(dir.join("expected.json")).unwrap_or_default();
        if body != want_body {
            failures.push(format!("{name}: body differs\n--- got\n{body}\n--- want\n{want_body}"));
        }
        if meta != want_meta {
            failures.push(format!("{name}: metadata/removals differ\n--- got\n{meta}\n--- want\n{want_meta}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run UPDATE_GOLDEN=1 cargo test --test golden after a deliberate change)",
        failures.join("\n\n")
    );
}

#[test]
fn seeds_match_the_human_bodies() {
    for dir in cases() {
        let Ok(reference) = fs::read_to_string(dir.join("reference.txt")) else { continue };
        let (input, format) = input_of(&dir);
        let doc = clean(&input, format, &CleanConfig::default());
        let f1 = token_f1(&doc.body, &reference);
        assert!(f1 >= 0.99, "{}: token F1 {f1:.3}", dir.display());
    }
}

#[test]
fn seed_metadata() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let pulse = clean(
        &fs::read_to_string(root.join("seed-pulse/input.txt")).expect("pulse"),
        InputFormat::Text,
        &CleanConfig::default(),
    );
    assert_eq!(pulse.title.as_deref(), Some("Moscow says US 'pretending' to fight IS"));
    assert_eq!(pulse.date.as_deref(), Some("2017-10-10"));
    assert_eq!(pulse.agency.as_deref(), Some("AFP"));
    // The standfirst is kept once.
    assert_eq!(pulse.body.matches("claims the Pentagon denied").count(), 1);
    let dawn = clean(
        &fs::read_to_string(root.join("seed-dawn/input.txt")).expect("dawn"),
        InputFormat::Text,
        &CleanConfig::default(),
    );
    assert_eq!(dawn.source.as_deref(), Some("Dawn"));
    assert_eq!(dawn.date.as_deref(), Some("2017-10-11"));
    for stray in [
        "Published in Dawn",
        "Taliban divisions",
        "Mullah Akhundzada",
        "Subscribe",
        "(AFP/File)",
        "Related Articles",
        "eyewitness@pulse.ng",
        "Top 3",
        "Tillerson",
    ] {
        assert!(!pulse.body.contains(stray) && !dawn.body.contains(stray), "{stray} survived");
    }
}
