//! Reading documents: single files (text, Markdown, HTML), JSONL corpora and CSV corpora, from
//! bytes that may be anything. Bad input never stops a run: a binary file or a broken record
//! becomes a [`Warning`] naming the file and line, and everything else is still read. Invalid
//! UTF-8 is decoded lossily and the user is told.

use std::io::BufRead;

use serde::{Deserialize, Serialize};

use crate::clean::InputFormat;
use crate::error::{Error, Result};

/// One document to analyse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputDocument {
    /// Stable id: the corpus "id" field, else the file name, else `name:line`.
    pub id: String,
    /// Where it came from (file name, with `:line` for corpus records).
    pub name: String,
    pub text: String,
    #[serde(default)]
    pub format: InputFormat,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
}

impl InputDocument {
    /// A document from pasted text or a file's text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> InputDocument {
        let id = id.into();
        InputDocument {
            name: id.clone(),
            id,
            text: text.into(),
            format: InputFormat::Auto,
            title: None,
            url: None,
            date: None,
        }
    }
}

/// Something the user should know about their input that did not stop the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub name: String,
    /// 1-based line (JSONL) or record (CSV) number, when the problem is in one record.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.name, line, self.message),
            None => write!(f, "{}: {}", self.name, self.message),
        }
    }
}

/// Documents read from one or more inputs, with the warnings met on the way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadedCorpus {
    pub documents: Vec<InputDocument>,
    pub warnings: Vec<Warning>,
}

impl LoadedCorpus {
    pub fn extend(&mut self, other: LoadedCorpus) {
        self.documents.extend(other.documents);
        self.warnings.extend(other.warnings);
    }
}

/// Share of control characters (other than whitespace) above which bytes are not text. Real
/// text has almost none; images and archives have many.
const BINARY_CONTROL_SHARE: f64 = 0.1;
/// How much of the start of a file to inspect for binary content.
const BINARY_SNIFF_BYTES: usize = 8192;

/// True when the bytes look like a binary file: a NUL byte, or many control characters, in the
/// first few kilobytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    !head.is_empty() && controls as f64 / head.len() as f64 > BINARY_CONTROL_SHARE
}

/// Decodes bytes to text. Binary content and empty input are errors; invalid UTF-8 is replaced
/// with U+FFFD and reported as a warning. A UTF-8 byte-order mark is dropped.
pub fn decode(name: &str, bytes: &[u8]) -> Result<(String, Option<Warning>)> {
    if looks_binary(bytes) {
        return Err(Error::Binary { name: name.to_string() });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let (text, warning) = match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), None),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = text.matches('\u{FFFD}').count();
            let warning = Warning {
                name: name.to_string(),
                line: None,
                message: format!("not valid UTF-8: {bad} invalid byte sequence(s) replaced with \u{FFFD}"),
            };
            (text, Some(warning))
        }
    };
    if text.trim().is_empty() {
        return Err(Error::EmptyInput { name: name.to_string() });
    }
    Ok((text, warning))
}

/// The kind of a file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Jsonl,
    Csv,
    Html,
    Text,
}

impl FileKind {
    pub fn from_name(name: &str) -> FileKind {
        let lower = name.to_ascii_lowercase();
        let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            FileKind::Jsonl
        } else if lower.ends_with(".csv") {
            FileKind::Csv
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            FileKind::Html
        } else {
            FileKind::Text
        }
    }
}

/// Reads one file's bytes as documents, by its kind: a corpus (JSONL, CSV) yields one document
/// per record; any other file is one document. Problems become warnings.
pub fn read_file(name: &str, bytes: &[u8]) -> LoadedCorpus {
    let kind = FileKind::from_name(name);
    let mut corpus = LoadedCorpus::default();
    if kind == FileKind::Jsonl {
        if looks_binary(bytes) {
            corpus.warnings.push(Warning {
                name: name.into(),
                line: None,
                message: Error::Binary { name: name.into() }.to_string(),
            });
            return corpus;
        }
        return read_jsonl(name, bytes);
    }
    match decode(name, bytes) {
        Err(e) => corpus.warnings.push(Warning { name: name.into(), line: None, message: e.to_string() }),
        Ok((text, warning)) => {
            corpus.warnings.extend(warning);
            if kind == FileKind::Csv {
                // Without the reader (the core wasm module) `src/wasm.rs` refuses CSV first.
                #[cfg(feature = "csv-corpora")]
                corpus.extend(read_csv(name, &text));
            } else {
                let mut doc = InputDocument::new(name, text);
                doc.format = if kind == FileKind::Html { InputFormat::Html } else { InputFormat::Auto };
                corpus.documents.push(doc);
            }
        }
    }
    corpus
}

mod jsonl;

/// One JSONL record as read (see `jsonl`): the text field may be called text, content or html.
impl jsonl::Record {
    fn into_document(self, name: &str, line: usize) -> std::result::Result<InputDocument, String> {
        let (text, format) = match (self.text, self.content, self.html) {
            (Some(t), _, _) => (t, InputFormat::Auto),
            (None, Some(c), _) => (c, InputFormat::Auto),
            (None, None, Some(h)) => (h, InputFormat::Html),
            (None, None, None) => return Err("no \"text\", \"content\" or \"html\" field".into()),
        };
        Ok(InputDocument {
            id: self.id.unwrap_or_else(|| format!("{name}:{line}")),
            name: format!("{name}:{line}"),
            text,
            format,
            title: self.title,
            url: self.url,
            date: self.date,
        })
    }
}

/// Reads a JSONL corpus line by line from any reader, calling `on_document` for each good
/// record and `on_warning` for each bad one, so a 500 MB file is never held whole.
pub fn stream_jsonl<R: BufRead>(
    name: &str,
    reader: R,
    on_document: impl FnMut(InputDocument),
    on_warning: impl FnMut(Warning),
) -> Result<()> {
    stream_jsonl_from(name, reader, 1, on_document, on_warning)
}

/// Like [`stream_jsonl`] for a chunk of a larger file whose first line has number `first_line`
/// (the page streams big files in chunks of whole lines).
pub fn stream_jsonl_from<R: BufRead>(
    name: &str,
    mut reader: R,
    first_line: usize,
    mut on_document: impl FnMut(InputDocument),
    mut on_warning: impl FnMut(Warning),
) -> Result<()> {
    let mut buf = Vec::new();
    let mut line = first_line.saturating_sub(1);
    loop {
        buf.clear();
        let n =
            reader.read_until(b'\n', &mut buf).map_err(|e| Error::Io { name: name.into(), message: e.to_string() })?;
        if n == 0 {
            break;
        }
        line += 1;
        let raw = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let raw = if line == 1 && first_line == 1 { raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw) } else { raw };
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        // The validating conversion first: it checks ASCII a word at a time, where the lossy
        // one walks the bytes one by one (43% of the reader's instructions on the bench corpus).
        let text = match std::str::from_utf8(raw) {
            Ok(valid) => std::borrow::Cow::Borrowed(valid),
            Err(_) => String::from_utf8_lossy(raw),
        };
        if matches!(text, std::borrow::Cow::Owned(_)) {
            on_warning(Warning {
                name: name.into(),
                line: Some(line),
                message: "not valid UTF-8; invalid bytes replaced".into(),
            });
        }
        let parsed = jsonl::parse_record(&text).map_err(|error| jsonl::Located { error, line: &text }.to_string());
        match parsed.and_then(|record| record.into_document(name, line)) {
            Ok(doc) => on_document(doc),
            Err(message) => {
                on_warning(Warning { name: name.into(), line: Some(line), message: format!("skipped: {message}") })
            }
        }
    }
    Ok(())
}

/// Reads a whole JSONL corpus held in memory.
pub fn read_jsonl(name: &str, bytes: &[u8]) -> LoadedCorpus {
    read_jsonl_from(name, bytes, 1)
}

/// Reads a chunk of whole JSONL lines whose first line has number `first_line`.
pub fn read_jsonl_from(name: &str, bytes: &[u8], first_line: usize) -> LoadedCorpus {
    let mut corpus = LoadedCorpus::default();
    let mut warnings = Vec::new();
    // Reading from a slice cannot fail with an I/O error.
    let _ = stream_jsonl_from(name, bytes, first_line, |d| corpus.documents.push(d), |w| warnings.push(w));
    corpus.warnings = warnings;
    corpus
}

/// Reads a CSV corpus whose header names a text column (text, content or html) and optionally
/// id, url, title, date.
#[cfg(feature = "csv-corpora")]
pub fn read_csv(name: &str, text: &str) -> LoadedCorpus {
    let mut corpus = LoadedCorpus::default();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            corpus.warnings.push(Warning {
                name: name.into(),
                line: Some(1),
                message: format!("unreadable CSV header: {e}"),
            });
            return corpus;
        }
    };
    let column = |names: &[&str]| names.iter().find_map(|n| headers.iter().position(|h| h == n));
    let Some(text_col) = column(&["text", "content", "html", "body"]) else {
        corpus.warnings.push(Warning {
            name: name.into(),
            line: Some(1),
            message: "the CSV header has no \"text\", \"content\" or \"html\" column".into(),
        });
        return corpus;
    };
    let is_html = headers.get(text_col).is_some_and(|h| h == "html");
    let (id_col, url_col, title_col, date_col) =
        (column(&["id"]), column(&["url"]), column(&["title"]), column(&["date"]));
    for (i, record) in reader.records().enumerate() {
        let line = record.as_ref().ok().and_then(|r| r.position()).map_or(i + 2, |p| p.line() as usize);
        match record {
            Err(e) => {
                corpus.warnings.push(Warning { name: name.into(), line: Some(line), message: format!("skipped: {e}") })
            }
            Ok(r) => {
                let get = |c: Option<usize>| c.and_then(|c| r.get(c)).map(str::to_string).filter(|s| !s.is_empty());
                let Some(text) = get(Some(text_col)) else {
                    corpus.warnings.push(Warning {
                        name: name.into(),
                        line: Some(line),
                        message: "skipped: empty text".into(),
                    });
                    continue;
                };
                corpus.documents.push(InputDocument {
                    id: get(id_col).unwrap_or_else(|| format!("{name}:{line}")),
                    name: format!("{name}:{line}"),
                    text,
                    format: if is_html { InputFormat::Html } else { InputFormat::Auto },
                    title: get(title_col),
                    url: get(url_col),
                    date: get(date_col),
                });
            }
        }
    }
    corpus
}

/// Splits pasted text into articles on separator lines of three or more dashes ("---").
pub fn split_pasted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.len() >= 3 && t.chars().all(|c| c == '-') {
            if !current.trim().is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_jsonl_line_is_reported_and_the_rest_read() {
        let c = read_jsonl("c.jsonl", b"{\"id\":\"a\",\"text\":\"one\"}\n{broken\n\n{\"text\":\"three\"}\n");
        assert_eq!(c.documents.len(), 2);
        assert_eq!(c.documents[1].id, "c.jsonl:4");
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].line, Some(2));
    }

    #[test]
    fn jsonl_ids_are_strings_or_json_text_as_written() {
        let lines = [
            r#"{"id":"a\"b","text":"x"}"#,
            r#"{"id": 7 ,"text":"x"}"#,
            r#"{"id":null,"text":"x"}"#,
            r#"{"id":true,"text":"x"}"#,
            r#"{"id":[1,"q"],"text":"x"}"#,
            r#"{"text":"x"}"#,
        ];
        let c = read_jsonl("i.jsonl", lines.join("\n").as_bytes());
        let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a\"b", "7", "i.jsonl:3", "true", "[1,\"q\"]", "i.jsonl:6"]);
    }

    #[test]
    fn binary_and_empty_are_errors_and_bad_utf8_a_warning() {
        assert!(matches!(decode("x.png", b"\x89PNG\r\n\x1a\n\0\0"), Err(Error::Binary { .. })));
        assert!(matches!(decode("e.txt", b"  \n"), Err(Error::EmptyInput { .. })));
        let (t, w) = decode("l.txt", b"caf\xe9 ok").unwrap();
        assert_eq!(t, "caf\u{FFFD} ok");
        assert!(w.is_some());
    }

    #[test]
    #[cfg(feature = "csv-corpora")]
    fn csv_with_quoted_multiline_text() {
        let c = read_csv("c.csv", "id,title,text\n1,T,\"line one\nline two\"\n2,U,\n");
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.documents[0].text, "line one\nline two");
        assert_eq!(c.warnings.len(), 1);
    }

    #[test]
    fn pasted_text_splits_on_dashes() {
        assert_eq!(split_pasted("a\n---\nb\n").len(), 2);
    }
}
