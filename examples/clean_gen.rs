//! Profiling helper (not a benchmark): cleans one of `benches/clean.rs`'s generated inputs
//! (`big` 50 MB, `small` 5 MB, `lines` 100,000 lines, `line` one 5 MB line) `REPEAT` times on one
//! thread, for `perf record`, and prints the CPU time and a checksum of the kept body.
//!
//! `PASSES=1` decides once (default: the default config's passes, settled). `DUMP=PATH` also writes
//! the generated input to PATH (to profile the CLI on the bench's input).
//!
//! `cargo run --profile fast --example clean_gen -- big [REPEAT]`; `jsonl PATH` cleans every text of
//! a JSONL corpus with `clean_body` instead (news-sized documents, as the dedup bench cleans them).
use article_analyzer::clean::{clean, clean_body, CleanConfig, InputFormat};

#[path = "../benches/common/mod.rs"]
mod common;

use common::news_text::{document, sentence, Rng, BOILERPLATE};
use common::thread_cpu_seconds as cpu;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("big");
    if which == "jsonl" {
        clean_jsonl(args.get(2).map(String::as_str).unwrap_or(""));
        return;
    }
    let repeat: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = match which {
        "small" => document(5_000_000, 1),
        "lines" => {
            let mut rng = Rng(4);
            (0..100_000)
                .map(|i| if i % 3 == 0 { rng.pick(BOILERPLATE).to_string() } else { sentence(&mut rng, 15) })
                .collect::<Vec<_>>()
                .join("\n")
        }
        "line" => {
            let mut rng = Rng(3);
            let mut s = String::new();
            while s.len() < 5_000_000 {
                s.push_str(&sentence(&mut rng, 20));
                s.push(' ');
            }
            s
        }
        _ => document(50_000_000, 2),
    };
    if let Ok(path) = std::env::var("DUMP") {
        std::fs::write(&path, &text).expect("DUMP: cannot write");
    }
    let mut config = CleanConfig::default();
    if let Some(passes) = std::env::var("PASSES").ok().and_then(|p| p.parse().ok()) {
        config.max_cleaning_passes = passes;
    }
    let mut best = f64::INFINITY;
    let mut sum = 0u64;
    for _ in 0..repeat {
        let c0 = cpu();
        let doc = clean(&text, InputFormat::Text, &config);
        best = best.min(cpu() - c0);
        sum = doc.body.bytes().fold(doc.blocks.len() as u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    }
    if std::env::var("SIZES").is_ok() {
        let doc = clean(&text, InputFormat::Text, &config);
        eprintln!(
            "blocks {} removed {} kept {} Block {} BlockInput {} Removal {}",
            doc.blocks.len(),
            doc.removed.len(),
            doc.paragraphs.len(),
            std::mem::size_of::<article_analyzer::clean::Block>(),
            std::mem::size_of::<article_analyzer::clean::BlockInput>(),
            std::mem::size_of::<article_analyzer::clean::Removal>()
        );
    }
    println!(
        "{which}: {:.1} MB cpu {best:.3} s {:.1} MB/s checksum {sum:x}",
        text.len() as f64 / 1e6,
        text.len() as f64 / 1e6 / best
    );
}

/// `jsonl PATH`: cleans the text of every record of a JSONL corpus (as the dedup bench's
/// `--write` makes) with `clean_body`, as the dedup bench does, and prints the CPU time and a
/// checksum of the bodies (for instruction counts of cleaning on news-sized documents).
fn clean_jsonl(path: &str) {
    let corpus = std::fs::read_to_string(path).unwrap_or_default();
    let texts: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let config = CleanConfig::default();
    let c0 = cpu();
    let sum = texts.iter().fold(0u64, |h, t| {
        clean_body(t, InputFormat::Text, &config).bytes().fold(h, |h, b| h.wrapping_mul(31).wrapping_add(b as u64))
    });
    println!("jsonl: {} documents cpu {:.3} s checksum {sum:x}", texts.len(), cpu() - c0);
}
