//! Clean + dedup throughput on a generated corpus of republished news.
//!
//! The corpus generator (`benches/common/news_corpus.rs`) makes stories (about 3 KB of prose
//! each) and publishes each one on several sites: every site wraps its copies in its own
//! boilerplate (navigation, dateline, "Related" rail of other stories' teasers, newsletter
//! prompt, copyright footer) and makes house edits (a synonym list of its own, dropped or cut
//! paragraphs, an agency dateline). Nothing is downloaded; the same seed gives the same corpus.
//!
//! `cargo bench --bench dedup` cleans, sketches, clusters and writes receipts for 100,000
//! documents the way `article-analyzer dedup --jsonl` does (streamed in batches of JSONL records,
//! each batch cleaned on all cores, then sketched, raw texts dropped once cleaned) and prints
//! documents per second, CPU time per stage and peak memory (VmHWM). The headline "clean+dedup"
//! figure (issue 4's target) is cleaning, sketching, clustering and receipts; reading the JSONL
//! and writing the output lines are timed too, for the end-to-end figure.
//! `cargo bench --bench dedup -- --docs N` changes the size (`--seed S` the corpus, 2024 by
//! default); `-- --write FILE` writes the corpus as JSONL instead (ids, texts, and the true
//! story as "story"), to time the CLI end to end or to score its clusters
//! (`tools/dedup_ari.py`); `-- --hard` adds the hard negatives (topics,
//! follow-ups reusing background paragraphs, briefs, in-body site boilerplate; see the
//! generator's doc) to the corpus written or measured;
//! `-- --dump FILE` writes the assignments and receipts after the run, to diff two versions;
//! `-- --one-pass` cleans and sketches each document in turn instead of cleaning each batch
//! whole and then sketching it as the CLI does (which measured 0.3-1.0 CPU s less: each phase's
//! code and tables stay warm, and the sketches lie together in memory for clustering).

mod common;
#[path = "common/news_corpus.rs"]
mod news_corpus;

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use article_analyzer::clean::{self, CleanConfig};
use article_analyzer::dedup::{self, DedupConfig};
use news_corpus::Corpus;
use rayon::prelude::*;

/// CPU time and run-queue wait of all the process's threads so far, in seconds, from
/// `/proc/self/task/*/schedstat` (Linux; zeros elsewhere): its first field is the time a thread
/// ran, its second the time it was ready to run but waited for a core, which on a shared host is
/// the neighbours' share. With the pool's threads (which live through the run) it splits a
/// phase's wall time on `T` cores into work (CPU / T), waiting for a core (wait / T) and the
/// rest: cores the run left idle (a serial step, or one thread finishing while the other has
/// nothing left). The bench's own clock is wall time, which on a loaded 2-core host measured the
/// neighbours more than the code (session 16: 20.6 s of wall for 7.0 s of CPU per core).
fn threads_schedstat() -> (f64, f64) {
    let (mut cpu, mut wait) = (0u64, 0u64);
    for task in std::fs::read_dir("/proc/self/task").into_iter().flatten().flatten() {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        let mut fields = stat.split_whitespace().map(|v| v.parse::<u64>().unwrap_or(0));
        cpu += fields.next().unwrap_or(0);
        wait += fields.next().unwrap_or(0);
    }
    (cpu as f64 / 1e9, wait as f64 / 1e9)
}

/// Wall, thread CPU and run-queue wait of one phase, summed over its runs.
#[derive(Default, Clone, Copy)]
struct Split {
    wall: f64,
    cpu: f64,
    wait: f64,
}

impl Split {
    /// Adds what happened since `start` (an `Instant` and a [`threads_schedstat`] reading).
    fn add_since(&mut self, start: (Instant, (f64, f64))) {
        let (cpu, wait) = threads_schedstat();
        self.wall += start.0.elapsed().as_secs_f64();
        self.cpu += cpu - start.1 .0;
        self.wait += wait - start.1 .1;
    }

    fn plus(self, o: Split) -> Split {
        Split { wall: self.wall + o.wall, cpu: self.cpu + o.cpu, wait: self.wait + o.wait }
    }

    /// "W s wall = CPU/T + wait/T + idle/T" on `threads` cores.
    fn describe(&self, threads: f64) -> String {
        let idle = threads * self.wall - self.cpu - self.wait;
        format!(
            "{:.2} s wall = work {:.2} + waiting for a core {:.2} + idle {:.2} (CPU {:.2} s, {:.0}% of the cores' time idle)",
            self.wall,
            self.cpu / threads,
            self.wait / threads,
            idle / threads,
            self.cpu,
            100.0 * idle / (threads * self.wall).max(1e-9)
        )
    }
}

fn mark() -> (Instant, (f64, f64)) {
    (Instant::now(), threads_schedstat())
}

/// One document after the per-document stages: its cleaned body, sketch and shingle order.
type Sketched = (Box<str>, (dedup::DocumentSketch, Option<dedup::ShingleOrder>));

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let docs: usize = arg("--docs").and_then(|s| s.parse().ok()).unwrap_or(100_000);
    // As the CLI, each batch is cleaned whole, then sketched whole; `--one-pass` cleans and
    // sketches each document in turn instead.
    let two_phase = !args.iter().any(|a| a == "--one-pass");
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(2024);
    let corpus = Corpus::new(docs, seed);
    let corpus = if args.iter().any(|a| a == "--hard") { corpus.with_hard_negatives() } else { corpus };

    if let Some(path) = arg("--write") {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create the corpus file"));
        for i in 0..docs {
            let (text, sid) = corpus.document(i);
            let mut line = serde_json::json!({"id": format!("d{i}"), "text": text, "story": sid});
            // The hard corpus says what each story is, to score its hard negatives apart.
            if let Some((kind, original)) = corpus.story_kind(sid) {
                line["kind"] = kind.into();
                line["original"] = original.into();
                line["site"] = corpus.site_of(i).into();
            }
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
    // The same phases by the threads' own accounts (see `threads_schedstat`).
    let (mut clean_split, mut sketch_split) = (Split::default(), Split::default());
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
            let m = mark();
            let (ids, cleaned): (Vec<String>, Vec<String>) = records
                .documents
                .into_par_iter()
                .with_max_len(GRAIN)
                .map(|d| {
                    let body = clean_one(&d);
                    (d.id, body)
                })
                .unzip();
            clean_split.add_since(m);
            let m = mark();
            let done =
                ids.into_par_iter().zip(cleaned).with_max_len(GRAIN).map(|(id, body)| sketch_one(id, body)).collect();
            sketch_split.add_since(m);
            done
        } else {
            let m = mark();
            let done = records
                .documents
                .into_par_iter()
                .with_max_len(GRAIN)
                .map(|d| {
                    let body = clean_one(&d);
                    sketch_one(d.id, body)
                })
                .collect();
            clean_split.add_since(m);
            done
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
    let m_cluster = mark();
    let t_cluster = Instant::now();
    let mut assignments = dedup::cluster_sketches(&sketches, &config).expect("sketches share one config");
    let cluster_s = t_cluster.elapsed().as_secs_f64();
    let cluster_cpu = common::process_cpu_seconds() - c_cluster;
    let mut cluster_split = Split::default();
    cluster_split.add_since(m_cluster);
    let m_receipts = mark();
    let t_receipts = Instant::now();
    let refs: Vec<&str> = bodies.iter().map(|b| &**b).collect();
    dedup::cluster::add_passages_ordered(&refs, &sketches, &orders, &mut assignments, &config);
    // Freed on all cores: 100,000 sketches and shingle orders are about 700,000 heap blocks, most
    // of them allocated by the pool's threads (one thread freeing them all was a serial step).
    sketches.into_par_iter().zip(orders).with_min_len(SKETCH_DROP_GRAIN).for_each(drop);
    let receipts_s = t_receipts.elapsed().as_secs_f64();
    let receipts_cpu = common::process_cpu_seconds() - c_cluster - cluster_cpu;
    let mut receipts_split = Split::default();
    receipts_split.add_since(m_receipts);
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
    // Where the wall time went, by the threads' own accounts: the work, the neighbours' share
    // (waiting for a core) and idle cores (serial steps, a thread waiting for the other), and
    // the headline with the neighbours' share taken out, the figure to compare on a busy host.
    let phases = [
        (if two_phase { "clean" } else { "clean + sketch" }, clean_split),
        ("sketch", sketch_split),
        ("cluster", cluster_split),
        ("receipts", receipts_split),
    ];
    for (name, split) in phases.iter().filter(|(_, s)| s.wall > 0.0) {
        println!("dedup threads, {name}: {}", split.describe(threads));
    }
    let all = phases.iter().fold(Split::default(), |acc, (_, s)| acc.plus(*s));
    println!("dedup threads, clean+dedup: {}", all.describe(threads));
    println!(
        "dedup clean+dedup without the neighbours' share (wall - wait / cores): {:.2} s, {:.0} docs/s",
        all.wall - all.wait / threads,
        docs as f64 / (all.wall - all.wait / threads)
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
