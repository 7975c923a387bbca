//! Clean + dedup throughput on a generated corpus of republished news.
//!
//! The corpus generator makes stories (about 3 KB of prose each) and publishes each one on
//! several sites: every site wraps its copies in its own boilerplate (navigation, dateline,
//! "Related" rail of other stories' teasers, newsletter prompt, copyright footer) and makes house
//! edits (a synonym list of its own, dropped or cut paragraphs, an agency dateline). Nothing is
//! downloaded; the same seed gives the same corpus.
//!
//! `cargo bench --bench dedup` cleans, sketches, clusters and writes receipts for 100,000
//! documents the way `article-analyzer dedup --jsonl` does (streamed in batches of JSONL records,
//! each batch cleaned on all cores, then sketched, raw texts dropped once cleaned) and prints
//! documents per second, CPU time per stage and peak memory (VmHWM). The headline "clean+dedup"
//! figure (issue 4's target) is cleaning, sketching, clustering and receipts; reading the JSONL
//! and writing the output lines are timed too, for the end-to-end figure.
//! `cargo bench --bench dedup -- --docs N` changes the size; `-- --write FILE` writes the corpus
//! as JSONL instead (ids, texts, and the true story as "story"), to time the CLI end to end;
//! `-- --dump FILE` writes the assignments and receipts after the run, to diff two versions;
//! `-- --one-pass` cleans and sketches each document in turn instead of cleaning each batch
//! whole and then sketching it as the CLI does (which measured 0.3-1.0 CPU s less: each phase's
//! code and tables stay warm, and the sketches lie together in memory for clustering).

mod common;

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use article_analyzer::clean::{self, CleanConfig};
use article_analyzer::dedup::{self, DedupConfig};
use rayon::prelude::*;

/// One document after the per-document stages: its cleaned body, sketch and shingle order.
type Sketched = (Box<str>, (dedup::DocumentSketch, Option<dedup::ShingleOrder>));

/// splitmix64: a tiny seeded generator, enough for text synthesis.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Words: a vocabulary of pronounceable pseudo-words drawn with a Zipf-like skew, so function
/// words repeat as in English and content words are rare.
struct Vocabulary {
    words: Vec<String>,
}

impl Vocabulary {
    fn new(size: usize, seed: u64) -> Vocabulary {
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pl",
            "gr", "ch", "sh",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
        let mut rng = Rng(seed);
        let mut words: Vec<String> = [
            "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "on", "with", "as", "said", "by",
            "at", "from", "his", "it",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        while words.len() < size {
            let syllables = 1 + rng.below(3);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
                w.push_str(VOWELS[rng.below(VOWELS.len())]);
            }
            if rng.chance(0.3) {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
            }
            words.push(w);
        }
        Vocabulary { words }
    }

    /// A word with rank drawn from roughly 1/rank.
    fn word(&self, rng: &mut Rng) -> &str {
        let n = self.words.len() as f64;
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = (n.powf(u) - 1.0) as usize;
        &self.words[rank.min(self.words.len() - 1)]
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let n = 12 + rng.below(18);
        let mut s = String::new();
        for i in 0..n {
            let w = self.word(rng);
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(w);
            }
            if i > 2 && i + 2 < n && rng.chance(0.06) {
                s.push(',');
            }
        }
        s.push('.');
        s
    }
}

/// A story: title and paragraphs of sentences.
struct Story {
    title: String,
    paragraphs: Vec<Vec<String>>,
}

fn story(vocab: &Vocabulary, seed: u64) -> Story {
    let mut rng = Rng(seed);
    let title: String = (0..6).map(|_| vocab.word(&mut rng)).collect::<Vec<_>>().join(" ");
    // About 3 KB: 7 paragraphs of 3 sentences of about 20 words.
    let paragraphs =
        (0..6 + rng.below(3)).map(|_| (0..2 + rng.below(3)).map(|_| vocab.sentence(&mut rng)).collect()).collect();
    Story { title, paragraphs }
}

/// A story's title and first sentence (its teaser), drawn exactly as [`story`] draws them.
fn story_head(vocab: &Vocabulary, seed: u64) -> (String, String) {
    let mut rng = Rng(seed);
    let title: String = (0..6).map(|_| vocab.word(&mut rng)).collect::<Vec<_>>().join(" ");
    let _paragraphs = rng.below(3);
    let _sentences = rng.below(3);
    (title, vocab.sentence(&mut rng))
}

/// A site's look: name, navigation, footer lines, and its house synonyms.
struct Site {
    name: String,
    nav: String,
    footer: Vec<String>,
    synonyms: Vec<(String, String)>,
}

fn site(vocab: &Vocabulary, i: usize) -> Site {
    let mut rng = Rng(0x517e ^ (i as u64) << 16);
    let name = format!("{}{}.com", vocab.word(&mut rng), i);
    let nav = (0..8).map(|_| vocab.word(&mut rng).to_string()).collect::<Vec<_>>().join(" | ");
    let footer = vec![
        format!("Copyright © {name}. All rights reserved."),
        format!("Subscribe to the {name} newsletter for the latest headlines every morning!"),
        "Comments are moderated and will appear after approval. Please keep it civil.".to_string(),
        format!("Follow {name} on Twitter, Facebook and Instagram."),
    ];
    // House style swaps mid-frequency words (rank 100-3000), as "jihadists" → "militants" does.
    let mid = |rng: &mut Rng| vocab.words[100 + rng.below(2900)].clone();
    let synonyms = (0..30).map(|_| (mid(&mut rng), mid(&mut rng))).collect();
    Site { name, nav, footer, synonyms }
}

/// The generated corpus: document `i` is a copy of story `story_of(i)` on site `i % sites`.
struct Corpus {
    vocab: Vocabulary,
    sites: Vec<Site>,
    docs: usize,
    seed: u64,
}

impl Corpus {
    fn new(docs: usize, seed: u64) -> Corpus {
        let vocab = Vocabulary::new(20_000, seed);
        let sites = (0..200).map(|i| site(&vocab, i)).collect();
        Corpus { vocab, sites, docs, seed }
    }

    /// Stories have 1 to 8 copies: a third of documents are unique, the rest are copies.
    fn story_of(&self, i: usize) -> usize {
        let mut rng = Rng(self.seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        if rng.chance(0.35) {
            return i;
        }
        // Copies point at a story "nearby" in the stream, as republished news arrives in bursts.
        let back = 1 + rng.below(40);
        let j = i.saturating_sub(back);
        // Follow one step so chains collapse to an original.
        let mut r2 = Rng(self.seed ^ (j as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        if r2.chance(0.35) {
            j
        } else {
            j.saturating_sub(1 + r2.below(40))
        }
    }

    fn document(&self, i: usize) -> (String, usize) {
        let sid = self.story_of(i);
        let st = story(&self.vocab, self.seed ^ (sid as u64) << 20);
        let site = &self.sites[i % self.sites.len()];
        let mut rng = Rng(self.seed ^ 0xd0c ^ (i as u64) << 8);
        let mut out = String::with_capacity(4096);
        out.push_str(&site.nav);
        out.push_str("\n\n");
        out.push_str(&format!("{} | {}\n\n", st.title, site.name));
        out.push_str(&format!(
            "{} {}, 20{:02}\n\n",
            1 + rng.below(28),
            ["March", "June", "October"][rng.below(3)],
            10 + rng.below(15)
        ));
        let keep = if rng.chance(0.25) {
            2 + rng.below(st.paragraphs.len().saturating_sub(2).max(1))
        } else {
            st.paragraphs.len()
        };
        for (p, para) in st.paragraphs.iter().take(keep).enumerate() {
            if p > 0 && rng.chance(0.08) {
                continue; // house edit: a dropped paragraph
            }
            let mut text = para.join(" ");
            if p == 0 && rng.chance(0.5) {
                text = format!("LONDON (AFP) - {text}");
            }
            for (from, to) in &site.synonyms {
                if rng.chance(0.5) {
                    text = text.replace(&format!(" {from} "), &format!(" {to} "));
                }
            }
            out.push_str(&text);
            out.push_str("\n\n");
        }
        // The "Related" rail: headlines and teasers (openings) of other stories.
        out.push_str("Related Articles\n\n");
        for _ in 0..6 {
            let (title, teaser) = story_head(&self.vocab, self.seed ^ (rng.below(self.docs) as u64) << 20);
            out.push_str(&title);
            out.push_str("\n\n");
            if rng.chance(0.5) {
                out.push_str(&teaser);
                out.push_str("\n\n");
            }
        }
        for line in &site.footer {
            out.push_str(line);
            out.push_str("\n\n");
        }
        (out, sid)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let docs: usize = arg("--docs").and_then(|s| s.parse().ok()).unwrap_or(100_000);
    // As the CLI, each batch is cleaned whole, then sketched whole; `--one-pass` cleans and
    // sketches each document in turn instead.
    let two_phase = !args.iter().any(|a| a == "--one-pass");
    let corpus = Corpus::new(docs, 2024);

    if let Some(path) = arg("--write") {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create the corpus file"));
        for i in 0..docs {
            let (text, sid) = corpus.document(i);
            let line = serde_json::json!({"id": format!("d{i}"), "text": text, "story": sid});
            writeln!(f, "{line}").expect("write the corpus file");
        }
        println!("wrote {docs} documents to {path}");
        return;
    }

    // Generation is timed separately: it is not part of the pipeline's budget. What the CLI does
    // with each batch is timed: read its JSONL records (serially here; the CLI reads the next
    // batch on a thread of its own meanwhile), then clean and sketch them on all cores, then
    // cluster, receipts and the output lines.
    let clean_config = CleanConfig::default();
    let config = DedupConfig::default();
    const BATCH: usize = 2048;
    // As the CLI's `DEDUP_GRAIN`: pieces of at most 16 documents, so that neither core waits long
    // for the other at a batch's joins.
    const GRAIN: usize = 16;
    // As the CLI's `SKETCH_DROP_GRAIN`.
    const SKETCH_DROP_GRAIN: usize = 1024;
    let mut generate_s = 0.0;
    let (mut read_s, mut read_cpu) = (0.0, 0.0);
    let (mut pass_s, mut pass_cpu) = (0.0, 0.0);
    // Time inside clean_body and inside sketching, summed over threads, to split the one-pass
    // stage's CPU time between the two.
    let (clean_ns, sketch_ns) = (AtomicU64::new(0), AtomicU64::new(0));
    let mut bytes = 0usize;
    let mut sketches = Vec::with_capacity(docs);
    let mut orders = Vec::with_capacity(docs);
    let mut bodies: Vec<Box<str>> = Vec::with_capacity(docs);
    let mut truth = Vec::with_capacity(docs);
    let mut start = 0;
    while start < docs {
        let end = (start + BATCH).min(docs);
        let t0 = Instant::now();
        let batch: Vec<(String, usize)> = (start..end).into_par_iter().map(|i| corpus.document(i)).collect();
        let mut jsonl = Vec::with_capacity(batch.iter().map(|(t, _)| t.len() + 64).sum());
        for (k, (text, _)) in batch.iter().enumerate() {
            let line = serde_json::json!({"id": format!("d{}", start + k), "text": text});
            writeln!(jsonl, "{line}").expect("write to memory");
        }
        generate_s += t0.elapsed().as_secs_f64();
        bytes += batch.iter().map(|(t, _)| t.len()).sum::<usize>();
        truth.extend(batch.iter().map(|(_, s)| *s));
        drop(batch);
        let c0 = common::process_cpu_seconds();
        let t1 = Instant::now();
        let records = article_analyzer::corpus::read_jsonl("bench.jsonl", &jsonl);
        assert_eq!(records.documents.len(), end - start, "every generated record reads back");
        let t2 = Instant::now();
        let c1 = common::process_cpu_seconds();
        let timed = |ns: &AtomicU64, t: Instant| ns.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        let clean_one = |d: &article_analyzer::corpus::InputDocument| {
            let t = Instant::now();
            let body = clean::clean_body(&d.text, d.format, &clean_config);
            timed(&clean_ns, t);
            body
        };
        let sketch_one = |id: String, body: String| {
            let t = Instant::now();
            let sk = dedup::cluster::sketch_ordered(id, &body, &config);
            timed(&sketch_ns, t);
            (body.into_boxed_str(), sk)
        };
        let done: Vec<Sketched> = if two_phase {
            // Clean the whole batch, then sketch it, as the CLI does.
            let (ids, cleaned): (Vec<String>, Vec<String>) = records
                .documents
                .into_par_iter()
                .with_max_len(GRAIN)
                .map(|d| {
                    let body = clean_one(&d);
                    (d.id, body)
                })
                .unzip();
            ids.into_par_iter().zip(cleaned).with_max_len(GRAIN).map(|(id, body)| sketch_one(id, body)).collect()
        } else {
            records
                .documents
                .into_par_iter()
                .with_max_len(GRAIN)
                .map(|d| {
                    let body = clean_one(&d);
                    sketch_one(d.id, body)
                })
                .collect()
        };
        for (b, (s, o)) in done {
            bodies.push(b);
            sketches.push(s);
            orders.push(o);
        }
        read_s += (t2 - t1).as_secs_f64();
        read_cpu += c1 - c0;
        pass_s += t2.elapsed().as_secs_f64();
        pass_cpu += common::process_cpu_seconds() - c1;
        start = end;
    }
    let c_cluster = common::process_cpu_seconds();
    let t_cluster = Instant::now();
    let mut assignments = dedup::cluster_sketches(&sketches, &config).expect("sketches share one config");
    let cluster_s = t_cluster.elapsed().as_secs_f64();
    let cluster_cpu = common::process_cpu_seconds() - c_cluster;
    let t_receipts = Instant::now();
    let refs: Vec<&str> = bodies.iter().map(|b| &**b).collect();
    dedup::cluster::add_passages_ordered(&refs, &sketches, &orders, &mut assignments, &config);
    // Freed on all cores: 100,000 sketches and shingle orders are about 700,000 heap blocks, most
    // of them allocated by the pool's threads (one thread freeing them all was a serial step).
    sketches.into_par_iter().zip(orders).with_min_len(SKETCH_DROP_GRAIN).for_each(drop);
    let receipts_s = t_receipts.elapsed().as_secs_f64();
    let receipts_cpu = common::process_cpu_seconds() - c_cluster - cluster_cpu;
    // The output: one JSON line per document, as the CLI prints them (to nowhere here).
    let c_write = common::process_cpu_seconds();
    let t_write = Instant::now();
    let mut out = std::io::BufWriter::new(std::io::sink());
    for a in &assignments {
        serde_json::to_writer(&mut out, a).expect("assignments serialise");
        out.write_all(b"\n").expect("write to the sink");
    }
    out.flush().expect("flush the sink");
    let write_s = t_write.elapsed().as_secs_f64();
    let write_cpu = common::process_cpu_seconds() - c_write;
    // The one-pass stage's wall and CPU time split by the time measured inside each call.
    let (cn, sn) = (clean_ns.into_inner() as f64, sketch_ns.into_inner() as f64);
    let clean_share = if cn + sn > 0.0 { cn / (cn + sn) } else { 0.5 };
    let (clean_s, sketch_s) = (pass_s * clean_share, pass_s * (1.0 - clean_share));
    let (clean_cpu, sketch_cpu) = (pass_cpu * clean_share, pass_cpu * (1.0 - clean_share));
    let total = pass_s + cluster_s + receipts_s;
    let end_to_end = read_s + total + write_s;

    // Agreement with the generator's truth, as a sanity check that the corpus has real copies.
    let same_true = |a: usize, b: usize| truth[a] == truth[b];
    let mut tp = 0usize;
    let mut fp = 0usize;
    for a in &assignments {
        if !a.representative {
            if same_true(a.doc, a.cluster) {
                tp += 1;
            } else {
                fp += 1;
            }
        }
    }
    let clusters = assignments.iter().filter(|a| a.representative).count();
    println!(
        "dedup corpus: {docs} documents, {:.1} MB, {clusters} clusters ({tp} members with their true original, {fp} not), {} threads",
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    println!("dedup generate (not counted): {generate_s:.2} s");
    println!("dedup read JSONL (serial, as the CLI): {read_s:.2} s, CPU {read_cpu:.1} s");
    println!(
        "dedup clean + sketch ({}): {pass_s:.2} s, CPU {pass_cpu:.1} s \
         (split by the time inside each call: clean {:.0}%, sketch {:.0}%)",
        if two_phase { "each batch cleaned, then sketched, as the CLI" } else { "one pass per document" },
        100.0 * clean_share,
        100.0 * (1.0 - clean_share)
    );
    println!(
        "dedup clean (colleagues' cleaner): {clean_s:.2} s, {:.0} docs/s, {:.1} MB/s",
        docs as f64 / clean_s,
        bytes as f64 / 1e6 / clean_s
    );
    println!("dedup sketch (tokens, shingles, MinHash): {sketch_s:.2} s, {:.0} docs/s", docs as f64 / sketch_s);
    println!("dedup cluster (LSH + verify + union-find): {cluster_s:.2} s");
    println!("dedup receipts (top passage per member): {receipts_s:.2} s");
    println!("dedup write (one JSON line per document): {write_s:.2} s, CPU {write_cpu:.1} s");
    let dedup_only = sketch_s + cluster_s + receipts_s;
    println!("dedup only (sketch + cluster + receipts): {dedup_only:.2} s, {:.0} docs/s", docs as f64 / dedup_only);
    println!("dedup total clean+dedup: {total:.2} s, {:.0} docs/s", docs as f64 / total);
    println!(
        "dedup end to end (read + clean+dedup + write): {end_to_end:.2} s, {:.0} docs/s",
        docs as f64 / end_to_end
    );
    let threads = rayon::current_num_threads() as f64;
    let dedup_cpu = sketch_cpu + cluster_cpu + receipts_cpu;
    let busy = (clean_cpu + dedup_cpu) / threads;
    println!(
        "dedup CPU seconds: clean {clean_cpu:.1}, sketch {sketch_cpu:.1}, cluster {cluster_cpu:.1}, receipts {receipts_cpu:.1}; \
         on {threads} idle cores that is {:.0} docs/s for dedup alone and {:.0} docs/s for clean+dedup \
         (wall {total:.2} s against CPU / cores {busy:.2} s)",
        docs as f64 * threads / dedup_cpu,
        docs as f64 * threads / (dedup_cpu + clean_cpu)
    );
    println!("dedup peak memory (VmHWM): {:.0} MB", common::peak_memory_mb().unwrap_or(f64::NAN));
    // After the figures: the assignments with their receipts, one JSON line per document, to
    // check that a speed change leaves the clusters byte-identical (`diff` two dumps).
    if let Some(path) = arg("--dump") {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create the dump file"));
        for a in &assignments {
            writeln!(f, "{}", serde_json::to_string(a).expect("assignments serialise")).expect("write the dump file");
        }
    }
}
