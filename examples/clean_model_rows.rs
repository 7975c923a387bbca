//! Prints every block's model input (one JSON array of rows per input file, one line per file)
//! for `tools/fit_block_model.py`:
//!
//! ```text
//! cargo run --profile fast --example clean_model_rows -- page1.txt page2.txt > rows.jsonl
//! ```
//!
//! The first line is the list of feature names.

use article_analyzer::clean::{self, CleanConfig};

fn main() -> std::process::ExitCode {
    let config = CleanConfig::default();
    println!("{}", serde_json::json!(clean::model_feature_names()));
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("{path}: {e}");
                return std::process::ExitCode::FAILURE;
            }
        };
        let rows = clean::model_rows(&text, &config);
        println!("{}", serde_json::json!({ "path": path, "rows": rows }));
    }
    std::process::ExitCode::SUCCESS
}
