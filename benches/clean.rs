//! Cleaning benchmark (text mode), on generated input only: throughput on a news-like document,
//! and linear time on a 50 MB document, on one 5 MB line and on 100,000 lines. Plain
//! `std::time` timing; peak memory from /proc/self/status (VmHWM). Run with
//! `cargo bench --bench clean`; `-- --corpus 1000,10000,100000` runs only the corpus-mode part at
//! those sizes and prints a digest of the output (to check that a speed change keeps it
//! byte-identical); `-- --one-pass` decides the text cases once instead of settling them.

mod common;

use common::news_text::{document, sentence, Rng, BOILERPLATE};

use std::time::Instant;

use article_analyzer::clean::{clean, clean_corpus, CleanConfig, CorpusInput, InputFormat};

/// One run's (wall, CPU) seconds.
fn run_once(text: &str, config: &CleanConfig) -> (f64, f64) {
    let (start, cpu_start) = (Instant::now(), common::thread_cpu_seconds());
    let doc = clean(text, InputFormat::Text, config);
    std::hint::black_box(doc.body.len());
    (start.elapsed().as_secs_f64(), common::thread_cpu_seconds() - cpu_start)
}

/// Times one case the same way for every size: a first ("cold") run, whose allocations take
/// fresh pages from the kernel (page faults; on a big document most of its cost beyond the
/// scan), then `warm` more runs reusing the memory the first one returned, of which the best is
/// kept. Both are printed: the cold figure is what a one-shot command line pays, the warm one
/// what a long-running process (the page, a server) pays per document. Returns
/// ((cold wall, cold CPU), (best warm wall, best warm CPU)).
fn time(text: &str, warm: usize, config: &CleanConfig) -> ((f64, f64), (f64, f64)) {
    let cold = run_once(text, config);
    let (mut wall, mut cpu) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..warm {
        let (w, c) = run_once(text, config);
        wall = wall.min(w);
        cpu = cpu.min(c);
    }
    (cold, (wall, cpu))
}

/// Prints a case's cold and warm figures; returns (cold CPU, warm CPU).
fn report(name: &str, text: &str, warm: usize, config: &CleanConfig) -> (f64, f64) {
    let ((cold_wall, cold_cpu), (wall, cpu)) = time(text, warm, config);
    let mb = text.len() as f64 / 1e6;
    println!(
        "clean {name:<24} {mb:>6.1} MB  warm: wall {wall:>7.3} s {:>6.1} MB/s  cpu {cpu:>7.3} s {:>6.1} MB/s  | cold: cpu {cold_cpu:>7.3} s {:>6.1} MB/s (wall {cold_wall:.3} s)  peak {:>5.0} MB",
        mb / wall,
        mb / cpu.max(1e-9),
        mb / cold_cpu.max(1e-9),
        common::peak_memory_mb().unwrap_or(0.0)
    );
    (cold_cpu, cpu)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(sizes) = args.iter().position(|a| a == "--corpus").and_then(|i| args.get(i + 1)) {
        let sizes: Vec<usize> = sizes.split(',').filter_map(|s| s.trim().parse().ok()).collect();
        let mut first: Option<(usize, f64)> = None;
        for docs in sizes {
            let cpu = report_corpus(docs, "default", &CleanConfig::default());
            match first {
                None => first = Some((docs, cpu)),
                Some((n, t)) => println!(
                    "clean_corpus scaling: {docs} documents take {:.1}x the CPU time of {n} ({:.0}x is linear)",
                    cpu / t,
                    docs as f64 / n as f64
                ),
            }
        }
        return;
    }
    // `--one-pass`: the text cases decided once, not settled (what settling costs on them).
    let config = if args.iter().any(|a| a == "--one-pass") {
        println!("clean: one pass (maxCleaningPasses 1), not the default settled cleaning");
        CleanConfig { max_cleaning_passes: 1, ..CleanConfig::default() }
    } else {
        CleanConfig::default()
    };
    let typical = document(5_000_000, 1);
    let small = report("text, 5 MB news-like", &typical, 3, &config);

    let big = document(50_000_000, 2);
    let large = report("text, 50 MB document", &big, 2, &config);
    println!(
        "clean linearity: 50 MB takes {:.1}x the CPU time of 5 MB warm, {:.1}x cold (10x is linear)",
        large.1 / small.1,
        large.0 / small.0
    );
    drop(big);

    let one_line: String = {
        let mut rng = Rng(3);
        let mut s = String::with_capacity(5_000_100);
        while s.len() < 5_000_000 {
            s.push_str(&sentence(&mut rng, 20));
            s.push(' ');
        }
        s
    };
    report("text, one 5 MB line", &one_line, 3, &config);

    let many_lines: String = {
        let mut rng = Rng(4);
        (0..100_000)
            .map(|i| if i % 3 == 0 { rng.pick(BOILERPLATE).to_string() } else { sentence(&mut rng, 15) })
            .collect::<Vec<_>>()
            .join("\n")
    };
    report("text, 100,000 lines", &many_lines, 3, &config);
    drop(many_lines);

    // Corpus mode: every document repeats one line (the worst case for comparing holders), each
    // site its own footer, and each story appears on three sites.
    let exact = CleanConfig { corpus_max_compared: usize::MAX, ..CleanConfig::default() };
    report_corpus(1_000, "all holders compared", &exact);
    let t_1k = report_corpus(1_000, "default", &CleanConfig::default());
    let t_10k = report_corpus(10_000, "default", &CleanConfig::default());
    println!("clean_corpus scaling: 10,000 documents take {:.1}x the CPU time of 1,000 (10x is linear)", t_10k / t_1k);
}

/// `docs` generated documents: 50 sites, each story on three sites.
fn corpus(docs: usize) -> Vec<String> {
    (0..docs)
        .map(|d| {
            let story = d / 3;
            let site = (d * 7 + story) % 50;
            let mut rng = Rng(story as u64 * 2 + 1);
            let mut text = format!("Site {site} home | World | Sport | Opinion\n\n");
            for _ in 0..(6 + story % 5) {
                let n = 15 + (rng.next() % 25) as usize;
                text.push_str(&sentence(&mut rng, n));
                text.push_str("\n\n");
            }
            text.push_str("Share this article with your friends and family on every network you use.\n\n");
            text.push_str(&format!(
                "Sign up for the newsletter of site {site} and get the news that matters to you every morning.\n"
            ));
            text
        })
        .collect()
}

fn report_corpus(docs: usize, setting: &str, config: &CleanConfig) -> f64 {
    let texts = corpus(docs);
    let inputs: Vec<CorpusInput<'_>> = texts.iter().map(|t| CorpusInput::new(t, InputFormat::Text)).collect();
    let (start, cpu_start) = (Instant::now(), common::thread_cpu_seconds());
    let out = clean_corpus(&inputs, config);
    std::hint::black_box(out.len());
    let (wall, cpu) = (start.elapsed().as_secs_f64(), common::thread_cpu_seconds() - cpu_start);
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    // FNV-1a over the debug form of every result: equal digests mean the same output.
    let digest = out.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, doc| {
        format!("{doc:?}").bytes().fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
    });
    println!("clean_corpus {docs:>6} documents {mb:>6.1} MB, {setting:<20}  wall {wall:>7.3} s  cpu {cpu:>7.3} s  {:>8.0} docs/s  peak {:>5.0} MB  output {digest:016x}", docs as f64 / cpu.max(1e-9), common::peak_memory_mb().unwrap_or(0.0));
    cpu
}
