//! The CLI contract on the seed articles and on bad input: what the scorers and benchmarks call,
//! and the exit codes (0 ok, 1 bad input with a message naming file and line, 2 usage).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_article-analyzer");

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/examples").join(name).display().to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run the CLI")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the CLI");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("aa-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn clean_json_lists_removed_lines_with_reasons() {
    let out = run(&["clean", &example("pulse-afp-2017-10-10.txt"), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let body = v["body"].as_str().unwrap();
    assert!(body.contains("Russian military spokesman Igor Konashenkov"));
    assert!(!body.contains("Subscribe to the Pulse Newsletter"));
    let removed = v["removed"].as_array().unwrap();
    assert!(removed.iter().all(|r| r["line"].as_u64().unwrap() >= 1 && r.get("reason").is_some()));
    assert!(removed.iter().any(|r| r["text"].as_str().unwrap().contains("Related Articles")));
}

#[test]
fn similarity_json_starts_with_score_and_cleaning_raises_it() {
    let (a, b) = (example("pulse-afp-2017-10-10.txt"), example("dawn-afp-2017-10-11.txt"));
    let out = run(&["similarity", &a, &b]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.trim_start().starts_with("{\n  \"score\""), "score must be the first field: {text}");
    let cleaned: serde_json::Value = serde_json::from_str(&text).unwrap();
    let raw: serde_json::Value = serde_json::from_str(&stdout(&run(&["similarity", "--raw", &a, &b]))).unwrap();
    assert!(cleaned["score"].as_f64().unwrap() > raw["score"].as_f64().unwrap() + 0.1);
}

#[test]
fn similarity_pairs_prints_one_score_per_line_in_order() {
    let (a, b) = (example("pulse-afp-2017-10-10.txt"), example("dawn-afp-2017-10-11.txt"));
    let pairs = temp_file("pairs.tsv", format!("{a}\t{b}\n{a}\t{a}\n").as_bytes());
    let out = run(&["similarity", "--pairs", &pairs]);
    assert!(out.status.success(), "{}", stderr(&out));
    let scores: Vec<f64> = stdout(&out).lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(scores.len(), 2);
    assert!(scores[0] < 1.0 && scores[0] > 0.3);
    assert_eq!(scores[1], 1.0);
}

#[test]
fn dedup_reports_line_numbers_of_broken_records_and_goes_on() {
    let pulse = std::fs::read_to_string(example("pulse-afp-2017-10-10.txt")).unwrap();
    let dawn = std::fs::read_to_string(example("dawn-afp-2017-10-11.txt")).unwrap();
    let corpus = format!(
        "{}\n{{not json\n{}\n{}\n",
        serde_json::json!({"id": "pulse", "text": pulse}),
        serde_json::json!({"id": "dawn", "text": dawn}),
        serde_json::json!({"id": "other", "text": "A completely different story about the weather in Lagos, which was sunny and warm all week long."}),
    );
    let path = temp_file("corpus.jsonl", corpus.as_bytes());
    let out = run(&["dedup", "--jsonl", &path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("corpus.jsonl:2"), "warning must name the line: {}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    let cluster = |id: &str| lines.iter().find(|l| l["id"] == id).unwrap()["cluster"].clone();
    assert_eq!(cluster("pulse"), cluster("dawn"));
    assert_ne!(cluster("pulse"), cluster("other"));
}

#[test]
fn keywords_prints_a_ranked_json_array() {
    let out = run(&["keywords", &example("pulse-afp-2017-10-10.txt"), "--top", "5", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let arr = v.as_array().unwrap();
    assert!(!arr.is_empty() && arr.len() <= 5);
    assert!(arr.iter().all(|k| k["term"].is_string() && k["score"].is_number()));
}

#[test]
fn analyze_prints_the_report_for_files() {
    let out = run(&["analyze", &example("pulse-afp-2017-10-10.txt"), &example("dawn-afp-2017-10-11.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_input_exits_1_with_a_message_and_usage_errors_exit_2() {
    let empty = run_stdin(&["clean", "-"], b"   \n");
    assert_eq!(empty.status.code(), Some(1));
    assert!(stderr(&empty).contains("empty"), "{}", stderr(&empty));

    let binary = temp_file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let out = run(&["clean", &binary]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("image.png") && stderr(&out).contains("binary"), "{}", stderr(&out));

    let latin1 = run_stdin(
        &["clean", "--text", "-"],
        b"Le caf\xe9 de la gare a ferm\xe9 ses portes apr\xe8s quarante ans de service, a annonc\xe9 le maire.\n",
    );
    assert!(latin1.status.success());
    assert!(stderr(&latin1).contains("UTF-8"), "the user must be told: {}", stderr(&latin1));

    let missing = run(&["clean", "/nonexistent/file.txt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/nonexistent/file.txt"));

    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["similarity", "--threshold"]).status.code(), Some(2));
}
