//! The whole JavaScript boundary, and the only file that names wasm-bindgen, js-sys or web-sys.
//! One stateful handle, [`Analyzer`], is built from a settings object; its methods take strings
//! and bytes, delegate to the core, and return plain JS objects (camelCase, arrays of objects)
//! through serde-wasm-bindgen. Every error becomes a JS `Error` in [`to_js_error`]. No logic
//! lives here.
//!
//! The crate builds two modules from this file: the core one (no `html` feature), which every
//! visitor loads, and the HTML one (`--features html`). The core module refuses an HTML document
//! with an `Error` named [`NEEDS_HTML`] before doing any work; the worker then loads the HTML
//! module and repeats the call there, so text-only users never download HTML mode.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::clean::{self, CleanOverrides, InputFormat};
use crate::config::AnalyzerConfig;
use crate::corpus::{self, InputDocument};
use crate::report::{self, DocumentOverrides};
use crate::{dedup, keywords};

/// Installs the panic hook once, when the module is instantiated, so a panic in the worker is
/// printed with its message instead of "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    install_nfc();
}

/// Gives the core the browser's NFC (the wasm build ships no composition tables; see
/// `text::normalize`). Also called by [`Analyzer::new`], for hosts that skip the start function.
fn install_nfc() {
    crate::text::normalize::set_nfc_hook(|text| js_sys::JsString::from(text).normalize("NFC").into());
}

/// The `name` of the error the core module throws for a document only HTML mode can read.
const NEEDS_HTML: &str = "NeedsHtml";

/// Whether cleaning `text` as `format` needs HTML mode and this module was built without it.
fn needs_html(text: &str, format: InputFormat) -> bool {
    !cfg!(feature = "html")
        && match format {
            InputFormat::Html => true,
            InputFormat::Text => false,
            InputFormat::Auto => clean::looks_like_html(text),
        }
}

/// Refuses a call when a document needs HTML mode and this is the core module.
fn check_html<'a>(documents: impl IntoIterator<Item = (&'a str, InputFormat)>) -> Result<(), JsValue> {
    match documents.into_iter().find(|&(text, format)| needs_html(text, format)) {
        Some(_) => {
            let error = js_sys::Error::new("this document needs HTML mode, which is in the HTML module");
            error.set_name(NEEDS_HTML);
            Err(error.into())
        }
        None => Ok(()),
    }
}

/// Whether this module has HTML mode (the HTML module) or not (the core module).
#[wasm_bindgen(js_name = hasHtmlMode)]
pub fn has_html_mode() -> bool {
    cfg!(feature = "html")
}

/// Turns any error into a JS `Error` with the core's message.
fn to_js_error(error: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&error.to_string()).into()
}

/// Serialises a result as plain JS objects (maps as objects, 64-bit integers as numbers).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(to_js_error)
}

/// Reads a JS value into a Rust type; `undefined`/`null` give the type's default.
fn from_js<T: serde::de::DeserializeOwned + Default>(value: JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(to_js_error)
}

/// The analyzer handle the worker keeps for its lifetime.
#[wasm_bindgen]
pub struct Analyzer {
    config: AnalyzerConfig,
}

#[wasm_bindgen]
impl Analyzer {
    /// Builds an analyzer from a settings object (`{clean, dedup, keywords}`, every field
    /// optional); invalid settings throw.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Analyzer, JsValue> {
        install_nfc();
        let config: AnalyzerConfig = if config.is_undefined() || config.is_null() {
            AnalyzerConfig::new()
        } else {
            serde_wasm_bindgen::from_value(config).map_err(to_js_error)?
        };
        config.validate().map_err(to_js_error)?;
        Ok(Analyzer { config })
    }

    /// The settings in effect, with every default filled in.
    pub fn config(&self) -> Result<JsValue, JsValue> {
        to_js(&self.config)
    }

    /// Reads a dropped file's bytes as documents (one per JSONL/CSV record, else one), with
    /// warnings for binary files, invalid UTF-8 and broken records.
    #[wasm_bindgen(js_name = readFile)]
    pub fn read_file(&self, name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
        to_js(&corpus::read_file(name, bytes))
    }

    /// Reads a chunk of whole JSONL lines of a larger file; `first_line` numbers its first line.
    #[wasm_bindgen(js_name = readJsonlChunk)]
    pub fn read_jsonl_chunk(&self, name: &str, bytes: &[u8], first_line: usize) -> Result<JsValue, JsValue> {
        to_js(&corpus::read_jsonl_from(name, bytes, first_line))
    }

    /// Splits pasted text into articles on "---" lines.
    #[wasm_bindgen(js_name = splitPasted)]
    pub fn split_pasted(&self, text: &str) -> Result<JsValue, JsValue> {
        to_js(&corpus::split_pasted(text))
    }

    /// Cleans one document; `format` is "auto", "text" or "html"; `overrides` is
    /// `{keepBlocks: [..]}` or undefined.
    pub fn clean(&self, text: &str, format: JsValue, overrides: JsValue) -> Result<JsValue, JsValue> {
        let format: InputFormat = from_js(format)?;
        let overrides: CleanOverrides = from_js(overrides)?;
        check_html([(text, format)])?;
        to_js(&clean::clean_with_overrides(text, format, &self.config.clean, &overrides))
    }

    /// Scores two texts (already cleaned bodies or raw text, as the caller chooses).
    pub fn similarity(&self, a: &str, b: &str) -> Result<JsValue, JsValue> {
        to_js(&dedup::similarity(a, b, &self.config.dedup))
    }

    /// Key phrases of one text.
    pub fn keywords(&self, text: &str) -> Result<JsValue, JsValue> {
        to_js(&keywords::key_phrases(text, None, &self.config.keywords))
    }

    /// Clusters already cleaned bodies (`[string]`): the page cleans shards of a big corpus in
    /// parallel workers, then clusters the whole set once.
    pub fn cluster(&self, bodies: JsValue) -> Result<JsValue, JsValue> {
        let bodies: Vec<String> = from_js(bodies)?;
        let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
        to_js(&dedup::cluster(&bodies, &self.config.dedup))
    }

    /// The full report for `documents` (`[{id, name, text, format?}]`), with per-document
    /// cleaning overrides (`[{document, clean: {keepBlocks}}]`) or undefined.
    pub fn analyze(&self, documents: JsValue, overrides: JsValue) -> Result<JsValue, JsValue> {
        let documents: Vec<InputDocument> = from_js(documents)?;
        let overrides: Vec<DocumentOverrides> = from_js(overrides)?;
        check_html(documents.iter().map(|d| (d.text.as_str(), d.format)))?;
        to_js(&report::analyze(&documents, &self.config, &overrides))
    }

    /// The report for one shard of a big corpus, in corpus mode: compact documents (no
    /// per-line detail or term lists; counts kept) and no pairs. Same arguments as `analyze`.
    #[wasm_bindgen(js_name = analyzeShard)]
    pub fn analyze_shard(&self, documents: JsValue, overrides: JsValue) -> Result<JsValue, JsValue> {
        let documents: Vec<InputDocument> = from_js(documents)?;
        let overrides: Vec<DocumentOverrides> = from_js(overrides)?;
        check_html(documents.iter().map(|d| (d.text.as_str(), d.format)))?;
        to_js(&report::analyze_shard(&documents, &self.config, &overrides))
    }
}
