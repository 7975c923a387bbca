//! The CLI contract the scorers rely on: `similarity A B` prints JSON whose first field is
//! "score"; `similarity --pairs` prints one score per line in order; `dedup --jsonl` prints one
//! JSON line per document with its id and cluster.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_article-analyzer");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds");

fn run(args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn similarity_json_starts_with_score() {
    let a = format!("{SEEDS}/pulse-afp-2017-10-10.txt");
    let b = format!("{SEEDS}/dawn-afp-2017-10-11.txt");
    let out = run(&["similarity", &a, &b], None);
    assert!(out.trim_start().starts_with("{\n  \"score\":"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["score"].as_f64().unwrap() >= 0.85);
    assert_eq!(v["verdict"], "sameStory");
}

#[test]
fn pairs_print_one_score_per_line_in_order() {
    let a = format!("{SEEDS}/pulse-afp-2017-10-10.txt");
    let b = format!("{SEEDS}/dawn-afp-2017-10-11.txt");
    let dir = std::env::temp_dir().join(format!("dedup-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tsv = dir.join("pairs.tsv");
    std::fs::write(&tsv, format!("{a}\t{b}\n{a}\t{a}\n{b}\t{a}\n")).unwrap();
    let out = run(&["similarity", "--pairs", tsv.to_str().unwrap()], None);
    let scores: Vec<f64> = out.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(scores.len(), 3);
    assert_eq!(scores[1], 1.0);
    assert_eq!(scores[0], scores[2]);
    assert!(scores[0] >= 0.85 && scores[0] < 1.0);
}

#[test]
fn dedup_jsonl_gives_every_id_a_cluster() {
    let story = "Moscow accused the US on Tuesday of reducing air strikes against the group in Iraq. The ministry said the coalition let fighters into Syria. Officials in Washington denied it on Wednesday.";
    let copy = story.replace("fighters", "militants");
    let other = "The central bank raised interest rates by a quarter point to curb inflation, its governor said. Markets had expected the move for weeks.";
    let input = [
        serde_json::json!({"id": "a", "text": story}),
        serde_json::json!({"id": 7, "text": other}),
        serde_json::json!({"id": "c", "text": copy}),
    ]
    .iter()
    .map(|v| v.to_string())
    .collect::<Vec<_>>()
    .join("\n");
    let out = run(&["dedup", "--jsonl", "-"], Some(&input));
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], "7");
    assert_eq!(lines[0]["cluster"], lines[2]["cluster"]);
    assert_ne!(lines[0]["cluster"], lines[1]["cluster"]);
    let member = if lines[0]["representative"] == true { &lines[2] } else { &lines[0] };
    assert!(member["receipt"]["topPassage"]["text"].as_str().unwrap().len() > 20, "{member}");
}
