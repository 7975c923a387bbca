use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("/work/shared/fixtures/seeds/expected/pulse-afp-2017-10-10.body.txt").unwrap();
    let other = std::fs::read_to_string("/work/shared/fixtures/seeds/expected/dawn-afp-2017-10-11.body.txt").unwrap();
    let c = article_analyzer::dedup::DedupConfig::default();
    let n = 2000;
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(article_analyzer::text::sentences(&text)); }
    println!("sentences {:.1} us ({} bytes)", t.elapsed().as_secs_f64() * 1e6 / n as f64, text.len());
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(article_analyzer::dedup::shingles::tokens(&text)); }
    println!("tokens {:.1} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(article_analyzer::dedup::sketch("x", &text, &c)); }
    println!("sketch {:.1} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(article_analyzer::dedup::align::PreparedText::new(&text)); }
    println!("prepare {:.1} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let pb = article_analyzer::dedup::align::PreparedText::new(&other);
    let t = Instant::now();
    for _ in 0..n { let pa = article_analyzer::dedup::align::PreparedText::new(&text); std::hint::black_box(article_analyzer::dedup::align::align_prepared(&pa, &pb, &c, false)); }
    println!("prepare+align {:.1} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(article_analyzer::dedup::similarity(&text, &other, &c)); }
    println!("similarity {:.1} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..200 { std::hint::black_box(article_analyzer::clean::clean(&text, article_analyzer::InputFormat::Auto, &article_analyzer::CleanConfig::default())); }
    println!("clean {:.1} us", t.elapsed().as_secs_f64() * 1e6 / 200.0);
}
