//! Cleans each file, then cleans the printed result (the title, then the body) again with the same settings and the first pass's language, and prints the
//! files whose second pass removes something (idempotence on real pages; docs/cleaning.md):
//!
//! ```text
//! cargo run --profile fast --example clean_second_pass -- page1.txt page2.txt
//! ```

use article_analyzer::clean::{self, CleanConfig, InputFormat};

fn main() -> std::process::ExitCode {
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
