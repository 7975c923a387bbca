//! Profiling helper (not a benchmark): cleans one of `benches/clean.rs`'s generated inputs
//! (`big` 50 MB, `small` 5 MB, `lines` 100,000 lines, `line` one 5 MB line) `REPEAT` times on one
//! thread, for `perf record`, and prints the CPU time and a checksum of the kept body.
//!
//! `cargo run --profile fast --example clean_gen -- big [REPEAT]`
use article_analyzer::clean::{clean, CleanConfig, InputFormat};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "the", "council", "voted", "on", "Tuesday", "to", "build", "a", "new", "bridge", "over", "river", "and", "said",
    "it", "would", "cost", "less", "than", "planned", "Moscow", "accused", "“US”", "of", "in", "Iraq", "strikes",
    "against", "group", "claims", "Pentagon", "denied", "from", "with", "by", "for", "was", "were", "Müller", "café",
];
const BOILERPLATE: &[&str] = &[
    "Home > News > World",
    "Subscribe to our newsletter!",
    "Read more: Council raises parking fees again",
    "Published in Dawn, October 11th, 2017",
    "(AFP/File)",
    "Follow us on Twitter @news",
    "Most read",
    "Storm closes ferry route for a week",
    "Updated 24 Feb, 2025",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s.push('.');
    s
}

fn document(bytes: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        if rng.next() % 4 == 0 {
            out.push_str(rng.pick(BOILERPLATE));
        } else {
            let n = 12 + (rng.next() % 40) as usize;
            out.push_str(&sentence(&mut rng, n));
        }
        out.push_str("\n\n");
    }
    out
}

fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("big");
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
    let config = CleanConfig::default();
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
