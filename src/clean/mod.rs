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

pub mod html;
pub use html::HtmlConfig;

/// Settings for cleaning. `Default` is the tuned setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CleanConfig {
    /// Blocks with fewer words than this that do not end like a sentence are boilerplate
    /// candidates. Ten words separates prose from navigation on news pages.
    pub min_prose_words: usize,
    /// Do not clean at all: every block is kept (the "raw" comparison).
    pub disabled: bool,
    /// Settings of HTML mode (main-content detection).
    pub html: HtmlConfig,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig { min_prose_words: MIN_PROSE_WORDS, disabled: false, html: HtmlConfig::default() }
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
    /// HTML mode: outside the container chosen as the page's main content.
    OutsideMainContent,
    /// HTML mode: page furniture by markup: a tag (`nav`, `aside`, `footer`), an ARIA role, or
    /// a class/id word (`sidebar`, `share`, `related`); the string says which.
    BoilerplateMarkup(String),
    /// HTML mode: most of the block's characters are link text (menus, "Read also: ...").
    LinkDense,
    /// A picture caption or credit.
    Caption,
    /// HTML mode: a heading whose section keeps no text ("Related stories" over removed links).
    EmptySection,
    /// HTML mode: a short label-like line after the article's last paragraph.
    AfterArticleEnd,
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
    if html {
        return html::clean_document(input, config, overrides);
    }
    let text = normalize_display(input);
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
