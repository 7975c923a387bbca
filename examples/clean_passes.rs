//! Profiling helper (not a benchmark): the cost of settled cleaning. Cleans every text of a
//! JSONL corpus (`cargo bench --bench dedup -- --write FILE`) with `clean::clean_body` on one
//! thread, `PASSES` passes at most (default: the default config's), and prints the thread CPU time
//! and a checksum of the bodies. Run it under `valgrind --tool=callgrind` for instruction counts
//! (deterministic, unlike CPU time on a shared machine).
//!
//! `PASSES=1 cargo run --profile fast --example clean_passes -- corpus.jsonl`
use article_analyzer::clean::{self, CleanConfig, InputFormat};
use std::io::BufRead;

#[path = "../benches/common/mod.rs"]
mod common;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("usage: clean_passes corpus.jsonl");
        return;
    };
    let texts: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let mut config = CleanConfig::default();
    if let Some(passes) = std::env::var("PASSES").ok().and_then(|p| p.parse().ok()) {
        config.max_cleaning_passes = passes;
    }
    let c0 = common::thread_cpu_seconds();
    let sum = texts.iter().fold(0u64, |h, t| {
        let body = clean::clean_body(t, InputFormat::Auto, &config);
        h.rotate_left(5) ^ xxhash_rust::xxh3::xxh3_64(body.as_bytes())
    });
    let c1 = common::thread_cpu_seconds();
    println!(
        "{} texts, passes {}: {:.3} CPU s, bodies checksum {sum:016x}",
        texts.len(),
        config.max_cleaning_passes,
        c1 - c0
    );
}
