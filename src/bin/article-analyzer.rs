//! The native command line: arguments in, the core's JSON out. Exit codes: 0 ok, 1 bad input
//! (message on stderr naming file and line), 2 usage.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use article_analyzer::clean::{self, InputFormat};
use article_analyzer::corpus::{self, LoadedCorpus, Warning};
use article_analyzer::keywords::{self, CorpusStats};
use article_analyzer::{dedup, AnalyzerConfig, Error};

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
        Command::Clean { file, html, text, format } => {
            let (name, input) = read_text(file.as_deref())?;
            let mode = if html { InputFormat::Html } else if text { InputFormat::Text } else { InputFormat::Auto };
            let doc = clean::clean(&input, mode, &config.clean);
            match format {
                Format::Text => print_line(&doc.body),
                Format::Json => print_json(&serde_json::json!({
                    "name": name,
                    "title": doc.title, "date": doc.date, "source": doc.source, "agency": doc.agency,
                    "language": doc.language.as_ref().map(|l| l.code.clone()),
                    "body": doc.body, "paragraphs": doc.paragraphs,
                    "removed": doc.removed,
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
                Format::Text => print_line(&format!("{:.4}\t{}", s.score, s.reason)),
            }
        }
        Command::Dedup { files, jsonl, threshold, raw } => {
            let mut config = config;
            config.clean.disabled = raw;
            if let Some(t) = threshold {
                config.dedup.threshold = t;
            }
            config.validate()?;
            let loaded = load(&files, jsonl.as_deref())?;
            let bodies: Vec<String> = loaded
                .documents
                .iter()
                .map(|d| clean::clean(&d.text, d.format, &config.clean).body)
                .collect();
            let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
            let assignments = dedup::cluster(&refs, &config.dedup);
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for a in assignments {
                let doc = &loaded.documents[a.doc];
                let line = serde_json::json!({
                    "id": doc.id,
                    "cluster": loaded.documents[a.cluster].id,
                    "representative": a.cluster == a.doc,
                    "score": a.score,
                });
                writeln!(out, "{line}").map_err(|e| Failure(e.to_string()))?;
            }
            Ok(())
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
            let body = cleaned_body(&file, &config)?;
            let stats = match corpus {
                Some(dir) => {
                    let loaded = load_dir(&dir)?;
                    let bodies: Vec<String> = loaded.documents.iter().map(|d| clean::clean(&d.text, d.format, &config.clean).body).collect();
                    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
                    Some(CorpusStats::new(&refs, &config.keywords))
                }
                None => None,
            };
            let ranked = keywords::key_phrases(&body, stats.as_ref(), &config.keywords);
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

fn cleaned_body(path: &Path, config: &AnalyzerConfig) -> Result<String, Failure> {
    let (_, text) = read_text(Some(path))?;
    Ok(clean::clean(&text, InputFormat::Auto, &config.clean).body)
}

/// Scores every pair of a TSV, one score per line in input order. A pair whose files cannot be
/// read prints "nan" and a message on stderr, so the lines stay aligned.
fn similarity_pairs(path: &Path, config: &AnalyzerConfig) -> Result<(), Failure> {
    let (name, bytes) = read_bytes(Some(path))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut cache: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (i, line) in BufReader::new(bytes.as_slice()).lines().enumerate() {
        let line = line.map_err(|e| Failure(format!("{name}:{}: {e}", i + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let Some((a, b)) = line.split_once('\t') else {
            return Err(Failure(format!("{name}:{}: expected \"pathA<TAB>pathB\"", i + 1)));
        };
        let mut body = |p: &str| -> Result<String, Failure> {
            if let Some(b) = cache.get(p) {
                return Ok(b.clone());
            }
            let b = cleaned_body(Path::new(p), config)?;
            cache.insert(p.to_string(), b.clone());
            Ok(b)
        };
        let score = match (body(a), body(b)) {
            (Ok(x), Ok(y)) => dedup::similarity(&x, &y, &config.dedup).score,
            (Err(Failure(m)), _) | (_, Err(Failure(m))) => {
                eprintln!("article-analyzer: {name}:{}: {m}", i + 1);
                f64::NAN
            }
        };
        writeln!(out, "{score}").map_err(|e| Failure(e.to_string()))?;
    }
    Ok(())
}

/// Loads files and/or a JSONL corpus, printing warnings to stderr as they come.
fn load(files: &[PathBuf], jsonl: Option<&Path>) -> Result<LoadedCorpus, Failure> {
    let mut loaded = LoadedCorpus::default();
    if let Some(path) = jsonl {
        let name = path.display().to_string();
        let mut warnings: Vec<Warning> = Vec::new();
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
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
    match writeln!(out, "{s}") {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Failure(e.to_string())),
    }
}

