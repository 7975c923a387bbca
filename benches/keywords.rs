//! Keyword statistics speed on generated news-like text (no downloads, no dev-set files).
//!
//! Measures, one summary line each:
//! - per-document statistics + key phrases (+ terms, n-grams, names) on ~3 KB articles, one
//!   thread: documents per second per core;
//! - TF-IDF document frequencies and the corpus term table over 100,000 such articles (all
//!   cores natively), wall time;
//! - peak memory (VmHWM from /proc/self/status).
//!
//! Run: `cargo bench --bench keywords` (sizes: KEYWORDS_BENCH_DOCS, KEYWORDS_BENCH_CORPUS).

mod common;

use std::time::Instant;

use article_analyzer::keywords::{analyze_document, stats_and_key_phrases, CorpusStats, KeywordConfig};

/// A small deterministic generator (xorshift64*), so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Roughly Zipfian index in 0..n: frequent words are frequent.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as usize % n
    }
}

const STOPWORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "was", "with", "as", "by", "he", "it", "at", "from",
    "his", "an", "were", "are", "which", "this", "be", "has", "had", "not", "but", "they", "their", "its", "have",
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "sen", "tor", "al", "ve", "lin", "dra", "po", "ste", "gan", "ri", "mon", "ble", "cu", "den", "sa",
];

fn vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let parts = 1 + rng.below(3);
            (0..parts).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect::<String>()
        })
        .collect()
}

/// One ~3 KB article: paragraphs of sentences mixing stopwords, content words and names.
fn article(rng: &mut Rng, vocab: &[String], names: &[String], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 200);
    while out.len() < bytes {
        for _ in 0..1 + rng.below(3) {
            let words = 8 + rng.below(20);
            for w in 0..words {
                let word: String = match rng.below(10) {
                    0..=3 => STOPWORDS[rng.zipf(STOPWORDS.len())].to_string(),
                    4 => names[rng.zipf(names.len())].clone(),
                    5 if w > 0 && rng.below(4) == 0 => format!("{},", vocab[rng.zipf(vocab.len())]),
                    _ => vocab[rng.zipf(vocab.len())].clone(),
                };
                if w == 0 {
                    let mut c = word.chars();
                    if let Some(f) = c.next() {
                        out.extend(f.to_uppercase());
                        out.push_str(c.as_str());
                    }
                } else {
                    out.push(' ');
                    out.push_str(&word);
                }
            }
            out.push_str(". ");
        }
        out.push_str("\n\n");
    }
    out
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocab = vocabulary(&mut rng, 5000);
    let names: Vec<String> = vocabulary(&mut rng, 300)
        .into_iter()
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect();
    let config = KeywordConfig { language: Some("en".into()), ..KeywordConfig::default() };
    let detect = KeywordConfig::default();

    // Per-document statistics and key phrases, one thread.
    let n = env_usize("KEYWORDS_BENCH_DOCS", 5000);
    let docs: Vec<String> = (0..n).map(|_| article(&mut rng, &vocab, &names, 3000)).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    for (label, cfg, full) in [
        ("stats + key phrases, language given", &config, false),
        ("stats + key phrases, language detected", &detect, false),
        ("all per-document lists (terms, n-grams, names too), language detected", &detect, true),
    ] {
        let start = Instant::now();
        let cpu = common::process_cpu_seconds();
        let mut phrases = 0usize;
        for d in &docs {
            phrases += if full {
                analyze_document(d, None, cfg).key_phrases.len()
            } else {
                stats_and_key_phrases(d, None, cfg).1.len()
            };
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = (common::process_cpu_seconds() - cpu).max(0.01);
        println!(
            "per-document {label}: {n} docs of {:.1} KB: {:.0} docs/s per core by CPU time ({cpu:.2} s CPU), {:.0} docs/s by wall time ({secs:.2} s); {phrases} phrases",
            bytes as f64 / n as f64 / 1000.0,
            n as f64 / cpu,
            n as f64 / secs,
        );
    }

    // TF-IDF over a large set.
    let m = env_usize("KEYWORDS_BENCH_CORPUS", 100_000);
    let corpus: Vec<String> = (0..m).map(|_| article(&mut rng, &vocab, &names, 3000)).collect();
    let refs: Vec<&str> = corpus.iter().map(String::as_str).collect();
    let start = Instant::now();
    let cpu = common::process_cpu_seconds();
    let stats = CorpusStats::new(&refs, &config);
    let secs = start.elapsed().as_secs_f64();
    let cpu = common::process_cpu_seconds() - cpu;
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get());
    println!(
        "tf-idf document frequencies + term table: {m} docs in {secs:.2} s wall, {cpu:.2} s CPU ({threads} threads available; {} table rows)",
        stats.term_table().len()
    );
    println!("peak memory (VmHWM): {:.0} MB", common::peak_memory_mb().unwrap_or(0.0));
}
