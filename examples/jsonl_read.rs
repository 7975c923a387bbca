//! Speed check of the JSONL reader alone (not a benchmark with a verdict): streams a JSONL
//! corpus through `corpus::stream_jsonl` `REPEAT` times and prints the thread CPU time per MB
//! and per record, and a checksum of the documents read (equal before and after a change to
//! the reader). Corpus: `cargo bench --bench dedup -- --write FILE`, or any JSONL file.
//!
//! `cargo run --profile fast --example jsonl_read -- corpus.jsonl [REPEAT]`
use article_analyzer::corpus;

#[path = "../benches/common/mod.rs"]
mod common;

use common::thread_cpu_seconds as cpu;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: jsonl_read corpus.jsonl [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut best = f64::INFINITY;
    let (mut docs, mut warnings, mut checksum) = (0usize, 0usize, 0u64);
    for _ in 0..repeat {
        (docs, warnings, checksum) = (0, 0, 0);
        let mut warned = 0u64;
        let start = cpu();
        let _ = corpus::stream_jsonl(
            "c.jsonl",
            &bytes[..],
            |d| {
                docs += 1;
                let s = format!("{}\u{0}{}\u{0}{:?}\u{0}{:?}\u{0}{:?}", d.id, d.text, d.title, d.url, d.date);
                checksum = checksum.rotate_left(5) ^ xxhash_rust::xxh3::xxh3_64(s.as_bytes());
            },
            |w| {
                warnings += 1;
                warned = warned.rotate_left(5) ^ xxhash_rust::xxh3::xxh3_64(w.message.as_bytes());
            },
        );
        best = best.min(cpu() - start);
        checksum ^= warned;
    }
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "{docs} records, {warnings} warnings, {mb:.1} MB: best of {repeat} {:.3} s CPU, {:.0} MB/s, {:.2} us/record, checksum {checksum:016x}",
        best,
        mb / best,
        best * 1e6 / docs.max(1) as f64
    );
}
