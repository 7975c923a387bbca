//! HTML mode's reading of pages, one block per line, for finding why blocks were kept or removed.
//!
//! `cargo run --profile fast --example html_blocks -- page.html [grep]` prints index, tag, link
//! density, markup hints and the structural reason of each block;
//! `... -- --rows DIR` prints one JSON object per block of every `*.html` in DIR (page, index,
//! tag, link density, structural and final reason, text) for tools that label blocks.
use article_analyzer::clean::html::{decide_blocks, HtmlConfig};
use article_analyzer::{clean, CleanConfig, InputFormat};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else { return eprintln!("usage: html_blocks page.html [grep] | --rows DIR") };
    if path == "--rows" {
        let Some(dir) = args.next() else { return eprintln!("--rows DIR") };
        let Ok(entries) = std::fs::read_dir(&dir) else { return eprintln!("cannot read {dir}") };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
            rows(f);
        }
        return;
    }
    let grep = args.next().map(|g| g.to_lowercase());
    let Ok(bytes) = std::fs::read(&path) else { return eprintln!("cannot read {path}") };
    let html = String::from_utf8_lossy(&bytes);
    let (blocks, reasons) = decide_blocks(&html, &HtmlConfig::default());
    for (i, (b, r)) in blocks.iter().zip(&reasons).enumerate() {
        if grep.as_ref().is_some_and(|g| !b.text.to_lowercase().contains(g.as_str())) {
            continue;
        }
        let text: String = b.text.chars().take(90).collect();
        let reason = r.as_ref().map_or("-".to_string(), |r| format!("{r:?}"));
        println!(
            "{i:4} {:<10} ld={:.2} d={:<3} h={:<6} {:<9} {:<28} {}",
            b.tag,
            b.link_density,
            b.depth,
            b.hint_score,
            b.boilerplate_hint.as_deref().unwrap_or(""),
            reason.chars().take(28).collect::<String>(),
            text
        );
    }
}

fn rows(path: &std::path::Path) {
    let Ok(bytes) = std::fs::read(path) else { return };
    let html = String::from_utf8_lossy(&bytes);
    let page = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let (blocks, reasons) = decide_blocks(&html, &HtmlConfig::default());
    let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
    for (i, (b, r)) in blocks.iter().zip(&reasons).enumerate() {
        let fin = doc.blocks.get(i);
        let row = serde_json::json!({
            "page": page, "index": i, "tag": b.tag, "ld": b.link_density, "inList": b.in_list,
            "inTable": b.in_table, "inFigure": b.in_figure, "hint": b.boilerplate_hint, "hintScore": b.hint_score,
            "structural": r.as_ref().map(|r| format!("{r:?}")),
            "kept": fin.map(|f| f.kept), "reason": fin.and_then(|f| f.reason.as_ref()).map(|r| format!("{r:?}")),
            "words": fin.map(|f| f.features.words), "text": b.text,
        });
        println!("{row}");
    }
}
