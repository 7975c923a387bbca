//! The native command line: arguments in, the core's JSON out. Exit codes: 0 ok, 1 bad input
//! (message on stderr naming file and line), 2 usage.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use article_analyzer::clean::{self, InputFormat};
use article_analyzer::corpus::{self, InputDocument, LoadedCorpus, Warning};
use article_analyzer::keywords::{self, CorpusStats};
use article_analyzer::{dedup, AnalyzerConfig, Error};

/// mimalloc: cleaning allocates per block and per line, from every core at once (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "article-analyzer", version, about = "Clean news articles, score near-duplicates, count keywords.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RepresentativeArg {
    Longest,
    First,
}

#[derive(Subcommand)]
enum Command {
    /// Print the article body without boilerplate (text), or the body with metadata and every
    /// removed line and its reason (json).
    Clean {
        /// The file to clean; "-" or nothing reads stdin.
        file: Option<PathBuf>,
        /// Read the input as HTML.
        #[arg(long, conflicts_with = "text")]
        html: bool,
        /// Read the input as plain text.
        #[arg(long)]
        text: bool,
        /// Settle the result (the default since session 6; kept for old command lines): clean
        /// what is printed again until a pass removes nothing, so cleaning the output again
        /// removes nothing more (text mode).
        #[arg(long, conflicts_with = "one_pass")]
        settle: bool,
        /// Decide once, without settling (the session-5 default; cleaning the output again can
        /// remove more).
        #[arg(long)]
        one_pass: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Score how much two articles are the same story.
    Similarity {
        a: Option<PathBuf>,
        b: Option<PathBuf>,
        /// A TSV of "pathA<TAB>pathB" lines: print one score per line, same order.
        #[arg(long, conflicts_with_all = ["a", "b"])]
        pairs: Option<PathBuf>,
        /// Compare the texts as they are, without cleaning.
        #[arg(long)]
        raw: bool,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Cluster near-duplicates: one JSON line per document with its cluster.
    Dedup {
        files: Vec<PathBuf>,
        /// A JSONL corpus ({"id", "text"} per line); "-" reads stdin.
        #[arg(long)]
        jsonl: Option<PathBuf>,
        #[arg(long)]
        threshold: Option<f64>,
        /// Compare the texts as they are, without cleaning.
        #[arg(long)]
        raw: bool,
        /// Leave out each member's top shared passage (saves memory and time on huge corpora).
        #[arg(long)]
        no_passages: bool,
        /// Which copy represents a cluster: the longest, or the first in input order.
        #[arg(long, value_enum, default_value = "longest")]
        representative: RepresentativeArg,
    },
    /// Rank key phrases of one article.
    Keywords {
        file: PathBuf,
        #[arg(long, default_value_t = keywords::TOP)]
        top: usize,
        /// A folder of articles: the loaded set for TF-IDF (each file cleaned first).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Language of the article (ISO 639-1, e.g. "en", "pt"); detected when not given.
        #[arg(long)]
        language: Option<String>,
        /// Use the texts as they are, without cleaning.
        #[arg(long)]
        raw: bool,
        /// Keyword settings as JSON (camelCase fields of KeywordConfig; missing ones default).
        #[arg(long)]
        config: Option<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// The full report the page gets, for files or a corpus.
    Analyze {
        files: Vec<PathBuf>,
        #[arg(long)]
        jsonl: Option<PathBuf>,
    },
}

/// An error that ends the run with exit code 1.
struct Failure(String);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("article-analyzer: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    let config = AnalyzerConfig::new();
    match command {
        Command::Clean { file, html, text, settle, one_pass, format } => {
            let (name, input) = read_text(file.as_deref())?;
            let mut config = config;
            if settle {
                config.clean.max_cleaning_passes = clean::MAX_CLEANING_PASSES;
            }
            if one_pass {
                config.clean.max_cleaning_passes = 1;
            }
            let mode = if html {
                InputFormat::Html
            } else if text {
                InputFormat::Text
            } else {
                InputFormat::Auto
            };
            let doc = clean::clean(&input, mode, &config.clean);
            match format {
                Format::Text => print_line(&doc.body),
                Format::Json => print_json(&serde_json::json!({
                    "name": name,
                    "title": doc.title, "date": doc.date, "source": doc.source, "agency": doc.agency,
                    "language": doc.language.as_ref().map(|l| l.code.clone()),
                    "body": doc.body, "paragraphs": doc.paragraphs,
                    "removed": doc.removed, "blocks": doc.blocks,
                })),
            }
        }
        Command::Similarity { a, b, pairs, raw, format } => {
            let mut config = config;
            config.clean.disabled = raw;
            if let Some(pairs) = pairs {
                return similarity_pairs(&pairs, &config);
            }
            let (Some(a), Some(b)) = (a, b) else {
                return Err(Failure("similarity needs two files, or --pairs PAIRS.tsv".into()));
            };
            let body_a = cleaned_body(&a, &config)?;
            let body_b = cleaned_body(&b, &config)?;
            let s = dedup::similarity(&body_a, &body_b, &config.dedup);
            match format {
                Format::Json => print_json(&s),
                Format::Text => print_line(&similarity_text(&s, &body_a, &body_b)),
            }
        }
        Command::Dedup { files, jsonl, threshold, raw, no_passages, representative } => {
            let mut config = config;
            config.clean.disabled = raw;
            config.dedup.representative = match representative {
                RepresentativeArg::Longest => dedup::Representative::Longest,
                RepresentativeArg::First => dedup::Representative::First,
            };
            if let Some(t) = threshold {
                config.dedup.threshold = t;
                config.dedup.chain_guard = t;
            }
            config.validate()?;
            config.dedup.validate()?;
            dedup_corpus(&files, jsonl.as_deref(), &config, !no_passages)
        }
        Command::Keywords { file, top, corpus, language, raw, config: settings, format } => {
            let mut config = config;
            if let Some(json) = settings {
                config.keywords = serde_json::from_str(&json).map_err(|e| Failure(format!("--config: {e}")))?;
            }
            config.clean.disabled = raw;
            config.keywords.top = top;
            config.keywords.language = language;
            config.validate()?;
            let (body, low_content) = analysed_text(&file, &config)?;
            let stats = match corpus {
                Some(dir) => {
                    let loaded = load_dir(&dir)?;
                    // `clean_body`: the corpus path, which reads a block repeated across the
                    // documents once (the body is `clean`'s).
                    let bodies: Vec<String> =
                        loaded.documents.iter().map(|d| clean::clean_body(&d.text, d.format, &config.clean)).collect();
                    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
                    Some(CorpusStats::new(&refs, &config.keywords))
                }
                None => None,
            };
            let ranked = keywords::key_phrases_marked(&body, &low_content, stats.as_ref(), &config.keywords);
            match format {
                Format::Json => print_json(&ranked),
                Format::Text => {
                    for k in &ranked {
                        print_line(&format!("{:.4}\t{}\t{}", k.score, k.count, k.term))?;
                    }
                    Ok(())
                }
            }
        }
        Command::Analyze { files, jsonl } => {
            let loaded = load(&files, jsonl.as_deref())?;
            let mut report = article_analyzer::analyze(&loaded.documents, &config, &[]);
            report.warnings = loaded.warnings;
            print_json(&report)
        }
    }
}

/// Reads a file (or stdin for `-`/nothing) as text, failing on binary or empty input and
/// warning on invalid UTF-8.
fn read_text(path: Option<&Path>) -> Result<(String, String), Failure> {
    let (name, bytes) = read_bytes(path)?;
    let (text, warning) = corpus::decode(&name, &bytes)?;
    if let Some(w) = warning {
        eprintln!("article-analyzer: warning: {w}");
    }
    Ok((name, text))
}

fn read_bytes(path: Option<&Path>) -> Result<(String, Vec<u8>), Failure> {
    match path {
        None => stdin_bytes(),
        Some(p) if p.as_os_str() == "-" => stdin_bytes(),
        Some(p) => {
            let name = p.display().to_string();
            let bytes = std::fs::read(p).map_err(|e| Failure(format!("{name}: {e}")))?;
            Ok((name, bytes))
        }
    }
}

fn stdin_bytes() -> Result<(String, Vec<u8>), Failure> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| Failure(format!("stdin: {e}")))?;
    Ok(("stdin".into(), bytes))
}

/// The text keyword statistics read: the headline found by cleaning, then the body; and the
/// passages of it cleaning kept with a low content score.
fn analysed_text(path: &Path, config: &AnalyzerConfig) -> Result<(String, Vec<std::ops::Range<usize>>), Failure> {
    let (_, text) = read_text(Some(path))?;
    let cleaned = clean::clean(&text, InputFormat::Auto, &config.clean);
    Ok(article_analyzer::report::keyword_text_marked(&cleaned, config.keywords.low_content_score))
}

fn cleaned_body(path: &Path, config: &AnalyzerConfig) -> Result<String, Failure> {
    let (_, text) = read_text(Some(path))?;
    Ok(clean::clean(&text, InputFormat::Auto, &config.clean).body)
}

/// The similarity of two texts for a person: score, verdict, then each shared passage with the
/// words each copy changed.
fn similarity_text(s: &dedup::Similarity, a: &str, b: &str) -> String {
    let mut out = format!("{:.4}\t{}\n", s.score, s.reason);
    let excerpt = |t: &str, start: usize, end: usize| -> String {
        let p: String = t.get(start..end).unwrap_or("").chars().take(120).collect();
        p.replace('\n', " ")
    };
    for (i, p) in s.passages.iter().enumerate() {
        out.push_str(&format!(
            "passage {}: {} sentence(s), {} words, A {}..{}, B {}..{}{}\n  {}\n",
            i + 1,
            p.sentences,
            p.words,
            p.a_start,
            p.a_end,
            p.b_start,
            p.b_end,
            if p.identical { ", identical" } else { "" },
            excerpt(a, p.a_start, p.a_end)
        ));
        for e in &p.edits {
            out.push_str(&format!("    \"{}\" -> \"{}\"\n", e.from, e.to));
        }
    }
    let _ = b;
    out.trim_end().to_string()
}

/// Scores every pair of a TSV, one score per line in input order. Each distinct file is read,
/// cleaned and fingerprinted once (on all cores). A pair whose files cannot be read prints
/// "nan" and a message on stderr, so the lines stay aligned.
fn similarity_pairs(path: &Path, config: &AnalyzerConfig) -> Result<(), Failure> {
    use rayon::prelude::*;
    let (name, bytes) = read_bytes(Some(path))?;
    let mut pairs: Vec<Option<(String, String)>> = Vec::new();
    for (i, line) in BufReader::new(bytes.as_slice()).lines().enumerate() {
        let line = line.map_err(|e| Failure(format!("{name}:{}: {e}", i + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let Some((a, b)) = line.split_once('\t') else {
            return Err(Failure(format!("{name}:{}: expected \"pathA<TAB>pathB\"", i + 1)));
        };
        pairs.push(Some((a.to_string(), b.trim_end_matches('\r').to_string())));
    }
    let mut paths: Vec<&str> = pairs.iter().flatten().flat_map(|(a, b)| [a.as_str(), b.as_str()]).collect();
    paths.sort_unstable();
    paths.dedup();
    let prints: Vec<Result<dedup::Fingerprint, String>> = paths
        .par_iter()
        .map(|p| {
            cleaned_body(Path::new(p), config)
                .map(|body| dedup::Fingerprint::new(&body, &config.dedup))
                .map_err(|Failure(m)| m)
        })
        .collect();
    let lookup = |p: &str| paths.binary_search(&p).ok().and_then(|i| prints.get(i));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, pair) in pairs.iter().flatten().enumerate() {
        let score = match (lookup(&pair.0), lookup(&pair.1)) {
            (Some(Ok(x)), Some(Ok(y))) => dedup::score_fingerprints(x, y, &config.dedup).score,
            (Some(Err(m)), _) | (_, Some(Err(m))) => {
                eprintln!("article-analyzer: {name}: pair {}: {m}", i + 1);
                f64::NAN
            }
            _ => f64::NAN,
        };
        writeln!(out, "{score}").map_err(|e| Failure(e.to_string()))?;
    }
    Ok(())
}

/// Documents cleaned and sketched per parallel batch while a corpus streams in.
const DEDUP_BATCH: usize = 2048;

/// Documents per piece of work at most in a batch's parallel cleaning and sketching. Left to
/// itself, rayon cuts a batch for two threads into pieces of 256-512 documents that one thread
/// then runs alone, so at each of a batch's two joins a core could wait for the other to finish a
/// piece of up to 30 ms (100 batches for 100,000 documents); pieces of 16 let the idle core take
/// the remaining documents a few at a time, for a split per 16 documents (a microsecond).
const DEDUP_GRAIN: usize = 16;

/// Sketches freed per piece of work at least when a run drops them on all cores: freeing one is
/// a few frees, so smaller pieces would cost more in splits than they balance.
const SKETCH_DROP_GRAIN: usize = 1024;

/// Characters of a receipt's top passage printed with it.
const PASSAGE_TEXT_CHARS: usize = 300;

/// Output lines formatted per step: written before the next ones are formatted, so the output
/// is never held whole (a few MB at a time).
const OUTPUT_WINDOW: usize = 8192;

/// Output lines formatted per piece of work in a window: 16 pieces per window for two cores.
const OUTPUT_GRAIN: usize = 512;

/// One document kept for clustering: its id, sketch and (for receipts) cleaned body.
struct Kept {
    id: String,
    body: Option<Box<str>>,
}

/// One output line of `dedup`: id and cluster first, as the scorers read them.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct DedupLine<'a> {
    id: &'a str,
    cluster: &'a str,
    representative: bool,
    size: usize,
    score: f64,
    exact_duplicate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    receipt: Option<LineReceipt<'a>>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct LineReceipt<'a> {
    scores: dedup::PairScores,
    top_passage: Option<LinePassage<'a>>,
}

/// The member's top shared passage: its span in the member and in the representative, and up
/// to 300 characters of its text.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct LinePassage<'a> {
    words: usize,
    shared_shingles: usize,
    start: usize,
    end: usize,
    representative_start: usize,
    representative_end: usize,
    text: &'a str,
}

/// Clusters a corpus streamed from JSONL and/or files: one JSON line per document, in input
/// order, with its cluster (the representative's id) and its receipt. Raw texts are dropped as
/// soon as they are cleaned and sketched.
fn dedup_corpus(
    files: &[PathBuf],
    jsonl: Option<&Path>,
    config: &AnalyzerConfig,
    passages: bool,
) -> Result<(), Failure> {
    use rayon::prelude::*;
    use std::io::IsTerminal;
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents cleaned and sketched ({per_sec}) {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let mut kept: Vec<Kept> = Vec::new();
    let mut sketches: Vec<dedup::DocumentSketch> = Vec::new();
    // The shingles of each body in order, for the receipts (when they are wanted).
    let mut orders: Vec<Option<dedup::ShingleOrder>> = Vec::new();
    let mut batch: Vec<InputDocument> = Vec::with_capacity(DEDUP_BATCH);
    let mut flush =
        |batch: &mut Vec<InputDocument>, kept: &mut Vec<Kept>, sketches: &mut Vec<dedup::DocumentSketch>| {
            // The batch is cleaned whole, then sketched whole: each stage's code and tables stay
            // warm, and the sketches are allocated together rather than between the cleaner's
            // temporaries, which clustering reads faster (`cargo bench --bench dedup` against
            // `-- --one-pass`: 0.3-1.0 CPU s less for 100,000 documents, under load).
            let cleaned: Vec<(String, String)> = batch
                .par_drain(..)
                .with_max_len(DEDUP_GRAIN)
                .map(|d| {
                    let body = clean::clean_body(&d.text, d.format, &config.clean);
                    (d.id, body)
                })
                .collect();
            let done: Vec<(Kept, dedup::DocumentSketch, Option<dedup::ShingleOrder>)> = cleaned
                .into_par_iter()
                .with_max_len(DEDUP_GRAIN)
                .map(|(id, body)| {
                    let (sk, order) = if passages {
                        dedup::cluster::sketch_ordered(id.clone(), &body, &config.dedup)
                    } else {
                        (dedup::sketch(id.clone(), &body, &config.dedup), None)
                    };
                    (Kept { id, body: passages.then(|| body.into_boxed_str()) }, sk, order)
                })
                .collect();
            for (k, s, o) in done {
                kept.push(k);
                sketches.push(s);
                orders.push(o);
            }
            if let Some(bar) = &progress {
                bar.set_position(kept.len() as u64);
            }
        };
    let mut warnings: Vec<Warning> = Vec::new();
    if let Some(path) = jsonl {
        let name = path.display().to_string();
        let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
            Box::new(BufReader::with_capacity(1 << 20, std::io::stdin()))
        } else {
            Box::new(BufReader::with_capacity(
                1 << 20,
                std::fs::File::open(path).map_err(|e| Failure(format!("{name}: {e}")))?,
            ))
        };
        // A thread reads and parses the records while the pool cleans and sketches the batch
        // before (reading is serial: on its own it left a core idle for a tenth of the run).
        // The channel holds one batch, so at most three are in memory.
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<InputDocument>>(1);
        let read = std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                let mut read_warnings = Vec::new();
                let mut pending = Vec::with_capacity(DEDUP_BATCH);
                let result = corpus::stream_jsonl(
                    &name,
                    reader,
                    |d| {
                        pending.push(d);
                        if pending.len() >= DEDUP_BATCH {
                            // A closed channel means the consumer stopped; the rest is dropped.
                            let _ = send.send(std::mem::replace(&mut pending, Vec::with_capacity(DEDUP_BATCH)));
                        }
                    },
                    |w| read_warnings.push(w),
                );
                if !pending.is_empty() {
                    let _ = send.send(pending);
                }
                (result, read_warnings)
            });
            for mut docs in receive {
                flush(&mut docs, &mut kept, &mut sketches);
            }
            reader.join()
        });
        let (result, read_warnings) = read.map_err(|_| Failure("the JSONL reader thread failed".into()))?;
        warnings.extend(read_warnings);
        result?;
    }
    for f in files {
        let (name, bytes) = read_bytes(Some(f))?;
        let loaded = corpus::read_file(&name, &bytes);
        warnings.extend(loaded.warnings);
        for d in loaded.documents {
            batch.push(d);
            if batch.len() >= DEDUP_BATCH {
                flush(&mut batch, &mut kept, &mut sketches);
            }
        }
    }
    flush(&mut batch, &mut kept, &mut sketches);
    for w in &warnings {
        eprintln!("article-analyzer: warning: {w}");
    }
    if kept.is_empty() {
        return Err(Failure("no documents to analyse (give files or --jsonl CORPUS)".into()));
    }
    if let Some(bar) = &progress {
        bar.set_message("clustering");
    }
    let mut assignments = dedup::cluster_sketches(&sketches, &config.dedup)?;
    if passages {
        let bodies: Vec<&str> = kept.iter().map(|k| k.body.as_deref().unwrap_or("")).collect();
        dedup::cluster::add_passages_ordered(&bodies, &sketches, &orders, &mut assignments, &config.dedup);
    }
    // Freed on all cores: 100,000 sketches and shingle orders are about 700,000 heap blocks, most
    // of them allocated by the pool's threads (one thread freeing them all was a serial step).
    sketches.into_par_iter().zip(orders).with_min_len(SKETCH_DROP_GRAIN).for_each(drop);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    // The lines are formatted on all cores, a window of them at a time, and written in order
    // (formatting 100,000 lines with receipts on one thread left the other core idle).
    let line_of = |a: &dedup::ClusterAssignment, buf: &mut Vec<u8>| -> Result<(), Failure> {
        let doc = &kept[a.doc];
        let receipt = a.receipt.as_ref().map(|r| LineReceipt {
            scores: r.scores,
            top_passage: r.top_passage.as_ref().map(|p| LinePassage {
                words: p.words,
                shared_shingles: p.shared_shingles,
                start: p.a_start,
                end: p.a_end,
                representative_start: p.b_start,
                representative_end: p.b_end,
                text: {
                    let passage = doc.body.as_deref().and_then(|b| b.get(p.a_start..p.a_end)).unwrap_or("");
                    // The first 300 characters, borrowed.
                    passage
                        .char_indices()
                        .nth(PASSAGE_TEXT_CHARS)
                        .map_or(passage, |(cut, _)| passage.get(..cut).unwrap_or(passage))
                },
            }),
        });
        let line = DedupLine {
            id: &doc.id,
            cluster: &kept[a.cluster].id,
            representative: a.representative,
            size: a.size,
            score: a.score,
            exact_duplicate: a.exact_duplicate,
            receipt,
        };
        serde_json::to_writer(&mut *buf, &line).map_err(|e| Failure(e.to_string()))?;
        buf.push(b'\n');
        Ok(())
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for window in assignments.chunks(OUTPUT_WINDOW) {
        let pieces: Vec<Vec<u8>> = window
            .par_chunks(OUTPUT_GRAIN)
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 512);
                for a in chunk {
                    line_of(a, &mut buf)?;
                }
                Ok(buf)
            })
            .collect::<Result<_, Failure>>()?;
        for piece in &pieces {
            if !written(out.write_all(piece))? {
                return Ok(());
            }
        }
    }
    written(out.flush()).map(drop)
}

/// Loads files and/or a JSONL corpus, printing warnings to stderr as they come.
fn load(files: &[PathBuf], jsonl: Option<&Path>) -> Result<LoadedCorpus, Failure> {
    let mut loaded = LoadedCorpus::default();
    if let Some(path) = jsonl {
        let name = path.display().to_string();
        let mut warnings: Vec<Warning> = Vec::new();
        let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            Box::new(BufReader::new(std::fs::File::open(path).map_err(|e| Failure(format!("{name}: {e}")))?))
        };
        corpus::stream_jsonl(&name, reader, |d| loaded.documents.push(d), |w| warnings.push(w))?;
        loaded.warnings.extend(warnings);
    }
    for f in files {
        let (name, bytes) = read_bytes(Some(f))?;
        loaded.extend(corpus::read_file(&name, &bytes));
    }
    for w in &loaded.warnings {
        eprintln!("article-analyzer: warning: {w}");
    }
    if loaded.documents.is_empty() {
        return Err(Failure("no documents to analyse (give files or --jsonl CORPUS)".into()));
    }
    Ok(loaded)
}

/// Loads every regular file of a folder, in name order.
fn load_dir(dir: &Path) -> Result<LoadedCorpus, Failure> {
    let name = dir.display().to_string();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure(format!("{name}: {e}")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut loaded = LoadedCorpus::default();
    for p in paths {
        let (name, bytes) = read_bytes(Some(&p))?;
        loaded.extend(corpus::read_file(&name, &bytes));
    }
    Ok(loaded)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Failure(e.to_string()))?;
    print_line(&s)
}

fn print_line(s: &str) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    written(writeln!(out, "{s}")).map(drop)
}

/// A write to stdout as the CLI reports it: `Ok(false)` when the reader has gone, since a closed
/// pipe (`| head`) is not an error worth reporting.
fn written(result: std::io::Result<()>) -> Result<bool, Failure> {
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(Failure(e.to_string())),
    }
}
