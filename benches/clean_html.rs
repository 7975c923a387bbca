//! HTML-mode throughput on generated pages (no downloads, no dev-set files): a news page with
//! navigation, rails and comments around the article, a 100,000-deep page, and a wide page of
//! 50,000 paragraphs. Prints MB/s per page shape and the peak memory (VmHWM).

mod common;

use std::time::{Duration, Instant};

use article_analyzer::clean::{clean, CleanConfig, InputFormat};

/// A news page of about `target` bytes: nav, headline, article paragraphs with inline links,
/// a figure, a related rail, comments and a footer.
fn news_page(target: usize) -> String {
    let mut s = String::from("<!doctype html><html><head><title>Generated story</title>");
    s.push_str("<meta property=\"og:site_name\" content=\"Example\"></head><body>");
    s.push_str("<header><nav><ul>");
    for i in 0..30 {
        s.push_str(&format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"));
    }
    s.push_str("</ul></nav></header><main><article class=\"story\"><h1>Generated headline for the benchmark</h1>");
    let mut i = 0;
    while s.len() < target {
        s.push_str(&format!(
            "<p>Paragraph {i} of the story says that the ministry, according to officials, \
             <a href=\"/x/{i}\">reduced</a> its forecast &amp; added that talks would resume next week \
             in the capital, where delegates from {i} countries are expected.</p>"
        ));
        if i % 10 == 0 {
            s.push_str("<figure><img src=\"a.jpg\"><figcaption>A caption for the picture (AFP)</figcaption></figure>");
        }
        if i % 25 == 0 {
            s.push_str("<div class=\"related\"><h3>Related</h3><ul>");
            for j in 0..5 {
                s.push_str(&format!("<li><a href=\"/r/{i}/{j}\">Related headline {j}</a></li>"));
            }
            s.push_str("</ul></div>");
        }
        i += 1;
    }
    s.push_str("</article></main><aside class=\"sidebar\"><p>Most read</p></aside>");
    s.push_str("<footer><p>Copyright Example Media. All rights reserved.</p></footer></body></html>");
    s
}

fn deep_page(depth: usize) -> String {
    let mut s = String::from("<html><body>");
    s.push_str(&"<div>".repeat(depth));
    s.push_str("<p>Deep text, long enough to be a paragraph of the article, with commas.</p>");
    s.push_str(&"</div>".repeat(depth));
    s
}

/// Cleans `html` repeatedly for at least `min` of CPU time and returns MB/s per CPU second (the
/// figure to compare on a shared machine) and per wall second.
fn throughput(html: &str, min: Duration) -> (f64, f64, usize) {
    let config = CleanConfig::default();
    let start = Instant::now();
    let cpu_start = common::thread_cpu_seconds();
    let mut runs = 0usize;
    let mut kept = 0;
    while common::thread_cpu_seconds() - cpu_start < min.as_secs_f64() || runs == 0 {
        kept = clean(html, InputFormat::Html, &config).paragraphs.len();
        runs += 1;
    }
    let (cpu, wall) = (common::thread_cpu_seconds() - cpu_start, start.elapsed().as_secs_f64());
    let mb = (html.len() * runs) as f64 / 1e6;
    (mb / cpu.max(1e-9), mb / wall.max(1e-9), kept)
}

fn main() {
    let min = Duration::from_secs(2);
    for (name, html) in [
        ("news page 100 KB", news_page(100_000)),
        ("news page 5 MB", news_page(5_000_000)),
        ("100,000-deep page", deep_page(100_000)),
    ] {
        let (cpu, wall, kept) = throughput(&html, min);
        println!(
            "clean_html {name:<20} {:>8.1} KB  {cpu:>7.1} MB/s CPU  {wall:>7.1} MB/s wall  kept {kept} paragraphs",
            html.len() as f64 / 1e3
        );
    }
    match common::peak_memory_mb() {
        Some(mb) => println!("clean_html peak memory (VmHWM) {mb:.1} MB"),
        None => println!("clean_html peak memory unavailable (no /proc/self/status)"),
    }
}
