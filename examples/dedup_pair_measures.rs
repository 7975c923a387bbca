//! Evaluation helper (not a test): every pair of a set of texts that shares at least one shingle,
//! with the measures behind the headline score, for studying the score formula offline
//! (`tools/dedup_ari.py` measures clusters; this measures pairs). Reads the `*.txt` files of a
//! directory (a labelled set such as `dedup-1k/docs`), cleans each, fingerprints it, and prints
//! one tab-separated line per pair: file stems, score, Jaccard, containment each way, lead, and
//! the two shingle counts.
//!
//! `cargo run --profile fast --example dedup_pair_measures -- DIR [--raw] > pairs.tsv`
use article_analyzer::clean::{self, CleanConfig, InputFormat};
use article_analyzer::dedup::{self, DedupConfig, Fingerprint};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: dedup_pair_measures DIR [--raw]");
        std::process::exit(2);
    };
    let raw = args.iter().any(|a| a == "--raw");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let cc = CleanConfig::default();
    let dc = DedupConfig::default();
    let prints: Vec<(String, Fingerprint)> = paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let body = if raw { text } else { clean::clean_body(&text, InputFormat::Auto, &cc) };
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (stem, Fingerprint::new(&body, &dc))
        })
        .collect();
    let lines: Vec<String> = (0..prints.len())
        .into_par_iter()
        .flat_map_iter(|a| {
            let prints = &prints;
            let dc = &dc;
            (a + 1..prints.len()).filter_map(move |b| {
                let ((na, fa), (nb, fb)) = (&prints[a], &prints[b]);
                let s = dedup::score_fingerprints(fa, fb, dc);
                (s.shared_shingles > 0).then(|| {
                    format!(
                        "{na}\t{nb}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}",
                        s.score,
                        s.jaccard,
                        s.containment_a_in_b,
                        s.containment_b_in_a,
                        s.lead,
                        fa.shingles.len(),
                        fb.shingles.len()
                    )
                })
            })
        })
        .collect();
    println!("a\tb\tscore\tjaccard\tca\tcb\tlead\tna\tnb");
    for l in lines {
        println!("{l}");
    }
}
