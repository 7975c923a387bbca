//! Profiling helper (not a benchmark): the per-document stages of a corpus run on one thread,
//! for `perf record`. Reads a JSONL corpus written by `cargo bench --bench dedup -- --write FILE`,
//! runs `clean::clean_body` and then `dedup::sketch` on every text (`STAGE`: clean, sketch on
//! the raw texts, or both), `REPEAT` times, and prints the thread CPU time per document of each
//! stage and checksums of the cleaned bodies and of the sketches (equal before and after a
//! change that must not change the output). `STAGE` cluster cleans once, sketches, and then
//! times clustering and receipts `SKETCH_REPEAT` times (process CPU, all rayon threads).
//! `BODIES=FILE` keeps the cleaned bodies in FILE (written on the first run, read on the next
//! ones), so that the later stages can be timed, or run under callgrind, without cleaning first.
//!
//! `cargo run --profile fast --example corpus_stages -- corpus.jsonl [STAGE] [REPEAT] [SKETCH_REPEAT]`
use article_analyzer::clean::{self, CleanConfig, InputFormat};
use article_analyzer::dedup::{self, DedupConfig};
use std::io::BufRead;

#[path = "../benches/common/mod.rs"]
mod common;

use common::thread_cpu_seconds as cpu;

/// Sketches folded into the checksum (all of a 20k corpus; packing is not free, so not more).
const CHECKSUM_SKETCHES: usize = 20_000;

/// A hash of everything a sketch holds, through the page's pack format.
fn sketch_checksum(s: &dedup::DocumentSketch, dc: &DedupConfig) -> u64 {
    let words = article_analyzer::report::pack_sketches(std::slice::from_ref(s), dc);
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let stage = args.get(2).map(String::as_str).unwrap_or("both");
    let repeat: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    // Sketching is the shorter stage: it can be repeated more often than cleaning.
    let sketch_repeat: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(repeat);
    let texts: Vec<String> = std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            v["text"].as_str().unwrap().to_string()
        })
        .collect();
    let cc = CleanConfig::default();
    let dc = DedupConfig::default();
    let c0 = cpu();
    let mut bodies = Vec::new();
    // BODIES=FILE: the cleaned bodies read from FILE when it exists (written there otherwise, one
    // JSON string per line), so that timing the later stages does not clean 100,000 texts first.
    let cache = std::env::var("BODIES").ok();
    if let Some(lines) = cache.as_deref().and_then(|p| std::fs::read_to_string(p).ok()) {
        bodies = lines.lines().map(|l| serde_json::from_str::<String>(l).unwrap()).collect();
    }
    for _ in 0..if bodies.is_empty() { repeat } else { 0 } {
        bodies = texts
            .iter()
            .map(|t| if stage == "sketch" { t.clone() } else { clean::clean_body(t, InputFormat::Auto, &cc) })
            .collect();
    }
    let c1 = cpu();
    if let Some(p) = cache.as_deref().filter(|p| !std::path::Path::new(p).exists()) {
        let lines: Vec<String> = bodies.iter().map(|b| serde_json::to_string(b).unwrap()).collect();
        std::fs::write(p, lines.join("\n") + "\n").unwrap();
    }
    let sum = bodies.iter().fold(0u64, |h, b| h.rotate_left(5) ^ xxhash_rust::xxh3::xxh3_64(b.as_bytes()));
    eprintln!("bodies checksum {sum:016x}");
    let mut n = 0usize;
    let mut sketch_sum = 0u64;
    if stage != "clean" && stage != "cluster" {
        for _ in 0..sketch_repeat {
            for (i, b) in bodies.iter().enumerate() {
                let s = dedup::cluster::sketch_ordered(format!("d{i}"), b, &dc);
                n += std::hint::black_box(&s).0.id.len();
            }
        }
    }
    let c2 = cpu();
    if stage != "clean" {
        // Outside the timing: packing is not free.
        for (i, b) in bodies.iter().enumerate().take(CHECKSUM_SKETCHES) {
            sketch_sum = sketch_sum.rotate_left(5) ^ sketch_checksum(&dedup::sketch(format!("d{i}"), b, &dc), &dc);
        }
        eprintln!("sketches checksum {sketch_sum:016x}");
    }
    // The corpus stages after sketching (`STAGE` cluster): clustering and receipts, on the
    // rayon pool (RAYON_NUM_THREADS=1 for one thread), process CPU time.
    if stage == "cluster" {
        let made: Vec<(dedup::DocumentSketch, Option<dedup::ShingleOrder>)> =
            bodies.iter().enumerate().map(|(i, b)| dedup::cluster::sketch_ordered(format!("d{i}"), b, &dc)).collect();
        let (sketches, orders): (Vec<_>, Vec<_>) = made.into_iter().unzip();
        let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let (mut cluster_cpu, mut receipts_cpu, mut sum) = (0.0, 0.0, 0u64);
        for _ in 0..sketch_repeat {
            let p0 = common::process_cpu_seconds();
            let mut a = dedup::cluster_sketches(&sketches, &dc).unwrap();
            let p1 = common::process_cpu_seconds();
            dedup::cluster::add_passages_ordered(&refs, &sketches, &orders, &mut a, &dc);
            let p2 = common::process_cpu_seconds();
            cluster_cpu += p1 - p0;
            receipts_cpu += p2 - p1;
            sum = xxhash_rust::xxh3::xxh3_64(serde_json::to_string(&a).unwrap().as_bytes());
        }
        let r = sketch_repeat as f64;
        eprintln!("assignments checksum {sum:016x}");
        eprintln!("cluster CPU {:.3} s, receipts CPU {:.3} s (per run)", cluster_cpu / r, receipts_cpu / r);
        return;
    }
    let (d, ds) = ((texts.len() * repeat) as f64, (texts.len() * sketch_repeat) as f64);
    eprintln!(
        "clean {:.2} s ({:.1} us/doc), sketch {:.2} s ({:.1} us/doc) {n}",
        c1 - c0,
        (c1 - c0) / d * 1e6,
        c2 - c1,
        (c2 - c1) / ds * 1e6
    );
}
