//! Cleans each file, then cleans the printed result (the title, then the body) again with the same settings and the first pass's language, and prints the
//! files whose second pass removes something (idempotence on real pages; docs/cleaning.md):
//!
//! ```text
//! cargo run --profile fast --example clean_second_pass -- page1.txt page2.txt
//! ```

use article_analyzer::clean::{self, CleanConfig, InputFormat};

fn main() -> std::process::ExitCode {
    if std::env::var("TIME").is_ok() {
        return time_passes();
    }
    let (mut pages, mut changed) = (0, 0);
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            return std::process::ExitCode::FAILURE;
        };
        let text = String::from_utf8_lossy(&bytes);
        let first = clean::clean(&text, InputFormat::Text, &CleanConfig::default());
        let passes = std::env::var("PASSES").ok().and_then(|p| p.parse().ok()).unwrap_or(clean::MAX_CLEANING_PASSES);
        let config = CleanConfig {
            language: first.language.as_ref().map(|l| l.code.clone()),
            max_cleaning_passes: passes,
            ..CleanConfig::default()
        };
        let once = clean::clean(&text, InputFormat::Text, &config);
        // What the cleaner prints: the title, then the body.
        let printed: Vec<&str> = once.title.iter().map(String::as_str).chain([once.body.as_str()]).collect();
        let twice = clean::clean(&printed.join("\n\n"), InputFormat::Text, &config);
        pages += 1;
        if twice.paragraphs != once.paragraphs {
            changed += 1;
            let gone: Vec<String> = twice
                .removed
                .iter()
                .filter(|r| once.paragraphs.contains(&r.text))
                .map(|r| format!("{:?}: {}", r.reason, r.text.chars().take(60).collect::<String>()))
                .collect();
            println!("{path}: {gone:?}");
            if std::env::var("DEBUG").is_ok() {
                println!("  titles {:?} / {:?}", once.title, twice.title);
                let again = clean::clean(&printed.join("\n\n"), InputFormat::Text, &config);
                println!("  deterministic: {}", again.paragraphs == twice.paragraphs);
            }
        }
    }
    println!("{changed} of {pages} pages change in a second pass");
    std::process::ExitCode::SUCCESS
}

/// `TIME=1`: the time to clean every file three times with one pass (no settling) and with the
/// default, interleaved (wall time; note the machine load).
fn time_passes() -> std::process::ExitCode {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    for round in 0..3 {
        for passes in [1, clean::MAX_CLEANING_PASSES] {
            let config = CleanConfig { max_cleaning_passes: passes, ..CleanConfig::default() };
            let start = std::time::Instant::now();
            for t in &texts {
                std::hint::black_box(clean::clean(t, InputFormat::Text, &config));
            }
            let s = start.elapsed().as_secs_f64();
            println!("round {round} passes {passes:2}: {s:.3} s, {:.1} MB/s", bytes as f64 / s / 1e6);
        }
    }
    std::process::ExitCode::SUCCESS
}
