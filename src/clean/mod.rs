//! Boilerplate removal. Input is pasted text or a saved HTML page; output is a
//! [`CleanedDocument`]: the article body as paragraphs, the metadata found (title, date, source,
//! agency), and every removed block with a [`RemovalReason`] and the feature values behind it.
//!
//! Text mode works on blocks (non-blank lines). Each block gets features (length, stopword
//! density, terminal punctuation, casing, link-like tokens, repetition); blocks are decided with
//! their neighbours as context. HTML mode extracts visible text blocks from the page and runs the
//! same classifier.

use serde::{Deserialize, Serialize};

use crate::text::{self, normalize_display, Stopwords};

/// Settings for cleaning. `Default` is the tuned setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CleanConfig {
    /// Blocks with fewer words than this that do not end like a sentence are boilerplate
    /// candidates. Ten words separates prose from navigation on news pages.
    pub min_prose_words: usize,
    /// Do not clean at all: every block is kept (the "raw" comparison).
    pub disabled: bool,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig { min_prose_words: MIN_PROSE_WORDS, disabled: false }
    }
}

/// Ten words: shorter lines without terminal punctuation are menus, captions and headlines far
/// more often than body text on news pages.
pub const MIN_PROSE_WORDS: usize = 10;

/// Whether the input is plain text or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum InputFormat {
    /// Decide from the content (a leading `<!doctype`, `<html` or many tags).
    #[default]
    Auto,
    Text,
    Html,
}

/// Per-document overrides the page sends for "keep this line": block indices to keep whatever
/// the classifier says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CleanOverrides {
    pub keep_blocks: Vec<usize>,
}

/// Why a block was removed. A closed set, documented in README.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "of")]
pub enum RemovalReason {
    /// A short line that reads like a menu, headline or label, not prose.
    ShortNonProse,
    /// A repeat of an earlier block (index of the kept one).
    DuplicateOfBlock(usize),
    /// The line names the publication ("Published in Dawn, ...").
    SourceCredit,
    /// A date line.
    DateLine,
    /// The first line, used as the headline.
    Headline,
}

/// The feature values that decided a block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockFeatures {
    pub words: usize,
    pub stopword_ratio: f64,
    pub terminal_punctuation: bool,
}

/// One input block with its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    /// Index of the block in the document (the unit of "keep this line").
    pub index: usize,
    /// 1-based line number in the (display-normalised) input.
    pub line: usize,
    pub text: String,
    pub kept: bool,
    pub reason: Option<RemovalReason>,
    pub features: BlockFeatures,
}

/// A removed block as the CLI contract prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Removal {
    pub block: usize,
    pub line: usize,
    pub text: String,
    pub reason: RemovalReason,
}

/// The result of cleaning one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CleanedDocument {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub agency: Option<String>,
    pub language: Option<text::Language>,
    /// Whether the input was read as HTML.
    pub html: bool,
    /// The kept paragraphs joined by blank lines.
    pub body: String,
    pub paragraphs: Vec<String>,
    pub removed: Vec<Removal>,
    /// Every block, kept or not, in input order (the page's cleaned view).
    pub blocks: Vec<Block>,
}

/// Detects HTML: a doctype or `<html` near the start, or a high density of tags.
pub fn looks_like_html(input: &str) -> bool {
    let head = text::language::prefix_at_char_boundary(input.trim_start(), 1024).to_ascii_lowercase();
    if head.starts_with("<!doctype") || head.starts_with("<html") || head.contains("<head") || head.contains("<body") {
        return true;
    }
    let sample = text::language::prefix_at_char_boundary(input, 8192);
    let tags = sample.matches("</").count();
    tags >= 5 && tags * 200 > sample.len()
}

/// Cleans one document.
pub fn clean(input: &str, format: InputFormat, config: &CleanConfig) -> CleanedDocument {
    clean_with_overrides(input, format, config, &CleanOverrides::default())
}

/// Cleans one document, keeping the blocks named in `overrides` whatever the classifier says.
pub fn clean_with_overrides(
    input: &str,
    format: InputFormat,
    config: &CleanConfig,
    overrides: &CleanOverrides,
) -> CleanedDocument {
    let html = match format {
        InputFormat::Html => true,
        InputFormat::Text => false,
        InputFormat::Auto => looks_like_html(input),
    };
    let text = if html { html_to_text(input) } else { normalize_display(input) };
    let language = text::detect_language(&text);
    let stopwords = language.as_ref().and_then(|l| Stopwords::for_language(&l.code));

    let mut blocks = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (line_index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let index = blocks.len();
        let words = text::segment::words(trimmed);
        let stop = stopwords.map_or(0, |s| words.iter().filter(|w| s.contains(w.text)).count());
        let terminal = ends_like_sentence(trimmed);
        let features = BlockFeatures {
            words: words.len(),
            stopword_ratio: if words.is_empty() { 0.0 } else { stop as f64 / words.len() as f64 },
            terminal_punctuation: terminal,
        };
        let key = text::matching_form(trimmed);
        let reason = if config.disabled {
            None
        } else if let Some(&first) = seen.get(&key) {
            Some(RemovalReason::DuplicateOfBlock(first))
        } else if features.words < config.min_prose_words || !terminal {
            Some(RemovalReason::ShortNonProse)
        } else {
            None
        };
        seen.entry(key).or_insert(index);
        let reason = if overrides.keep_blocks.contains(&index) { None } else { reason };
        blocks.push(Block {
            index,
            line: line_index + 1,
            text: trimmed.to_string(),
            kept: reason.is_none(),
            reason,
            features,
        });
    }
    let paragraphs: Vec<String> = blocks.iter().filter(|b| b.kept).map(|b| b.text.clone()).collect();
    let removed = blocks
        .iter()
        .filter_map(|b| {
            b.reason.clone().map(|reason| Removal { block: b.index, line: b.line, text: b.text.clone(), reason })
        })
        .collect();
    CleanedDocument {
        title: None,
        date: None,
        source: None,
        agency: None,
        language,
        html,
        body: paragraphs.join("\n\n"),
        paragraphs,
        removed,
        blocks,
    }
}

/// True when a line ends like a sentence: terminal punctuation, possibly followed by closing
/// quotes or brackets.
fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '…', ':'])
}

/// A crude first HTML reader: tags dropped, block tags become line breaks, script and style
/// contents dropped. Replaced by a real HTML5 parser in the HTML mode.
fn html_to_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len() / 2);
    let mut rest = input;
    let lower = input.to_ascii_lowercase();
    let mut pos = 0;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else { break };
        let tag = &lower[pos + lt..pos + lt + gt + 1];
        let mut skip = gt + 1;
        for skipped in ["script", "style"] {
            if tag.starts_with(&format!("<{skipped}")) {
                let close = format!("</{skipped}");
                if let Some(end) = lower[pos + lt..].find(&close) {
                    skip = end + close.len();
                    if let Some(g) = lower[pos + lt + skip..].find('>') {
                        skip += g + 1;
                    }
                }
            }
        }
        if tag.starts_with("<p") || tag.starts_with("<br") || tag.starts_with("<div") || tag.starts_with("</p")
            || tag.starts_with("<li") || tag.starts_with("<h") || tag.starts_with("</h") || tag.starts_with("</div")
        {
            out.push('\n');
        }
        pos += lt + skip.min(after.len());
        rest = &input[pos..];
    }
    out.push_str(rest);
    normalize_display(&out.replace("&nbsp;", " ").replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_short_lines_and_repeats() {
        let doc = clean(
            "Home > News\n\nMoscow accused the US on Tuesday of reducing air strikes against the group.\n\nMoscow accused the US on Tuesday of reducing air strikes against the group.\n",
            InputFormat::Text,
            &CleanConfig::default(),
        );
        assert_eq!(doc.paragraphs.len(), 1);
        assert_eq!(doc.removed[0].reason, RemovalReason::ShortNonProse);
        assert_eq!(doc.removed[1].reason, RemovalReason::DuplicateOfBlock(1));
    }
}
