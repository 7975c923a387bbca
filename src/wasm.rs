//! The whole JavaScript boundary, and the only file that names wasm-bindgen, js-sys or web-sys.
//! One stateful handle, [`Analyzer`], is built from a settings object; its methods take strings
//! and bytes, delegate to the core, and return plain JS objects (camelCase, arrays of objects)
//! through serde-wasm-bindgen. Every error becomes a JS `Error` in [`to_js_error`]. No logic
//! lives here.
//!
//! The crate builds two modules from this file: the core one (no `html` feature), which every
//! visitor loads, and the HTML one (`--features html`). The core module refuses an HTML document
//! with an `Error` named [`NEEDS_HTML`] before doing any work; the worker then loads the HTML
//! module and repeats the call there, so text-only users never download HTML mode. CSV corpora
//! go the same way (`readFile` of a `.csv`): the CSV reader is in the HTML module only.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::clean::{self, CleanOverrides, InputFormat};
use crate::config::AnalyzerConfig;
use crate::corpus::{self, InputDocument};
use crate::dedup;
use crate::keywords;
use crate::report::{self, DocumentOverrides};

/// The module's allocator: talc instead of std's dlmalloc (measured in docs/page.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
        Some(_) => Err(needs_html_module("this document needs HTML mode, which is in the HTML module")),
        None => Ok(()),
    }
}

/// The error that sends a call to the HTML module (the worker repeats the call there).
fn needs_html_module(message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(NEEDS_HTML);
    error.into()
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

/// What [`Analyzer::staged_terms`] returns.
#[cfg(feature = "corpus-clustering")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StagedTerms {
    terms: Vec<keywords::CorpusTerm>,
    stories: u64,
    documents: u64,
    shards: usize,
}

/// The analyzer handle the worker keeps for its lifetime.
#[wasm_bindgen]
pub struct Analyzer {
    config: AnalyzerConfig,
    /// What the clustering worker keeps between calls (the clustering module only).
    #[cfg(feature = "corpus-clustering")]
    stage: Stage,
}

/// The clustering worker's state for one big corpus, between its calls.
#[cfg(feature = "corpus-clustering")]
struct Stage {
    /// Sketches of a big corpus's shards, with the index of each pack's first document, waiting
    /// for [`Analyzer::cluster_staged`].
    staged: Vec<(usize, Vec<dedup::DocumentSketch>)>,
    /// Clusters from [`Analyzer::cluster_staged`] and the documents whose bodies their receipts
    /// need, waiting for [`Analyzer::finish_clusters`].
    clustered: Option<(Vec<dedup::ClusterAssignment>, Vec<usize>)>,
    /// The term table shares of a big corpus's shards, merged as they arrive
    /// ([`Analyzer::stage_terms`]).
    terms: keywords::TermMerger,
}

#[cfg(feature = "corpus-clustering")]
impl Stage {
    fn new() -> Stage {
        Stage { staged: Vec::new(), clustered: None, terms: keywords::TermMerger::new() }
    }
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
        Ok(Analyzer {
            config,
            #[cfg(feature = "corpus-clustering")]
            stage: Stage::new(),
        })
    }

    /// The settings in effect, with every default filled in.
    pub fn config(&self) -> Result<JsValue, JsValue> {
        to_js(&self.config)
    }

    /// Reads a dropped file's bytes as documents (one per JSONL/CSV record, else one), with
    /// warnings for binary files, invalid UTF-8 and broken records.
    #[wasm_bindgen(js_name = readFile)]
    pub fn read_file(&self, name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
        if !cfg!(feature = "csv-corpora") && corpus::FileKind::from_name(name) == corpus::FileKind::Csv {
            return Err(needs_html_module("CSV corpora are read by the HTML module"));
        }
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
    /// Its `sketches` property is a `Uint32Array`: the shard's dedup sketches packed
    /// ([`report::pack_sketches`]), one transferable buffer for [`Analyzer::stage_sketches`].
    #[wasm_bindgen(js_name = analyzeShard)]
    pub fn analyze_shard(&self, documents: JsValue, overrides: JsValue) -> Result<JsValue, JsValue> {
        let documents: Vec<InputDocument> = from_js(documents)?;
        let overrides: Vec<DocumentOverrides> = from_js(overrides)?;
        check_html(documents.iter().map(|d| (d.text.as_str(), d.format)))?;
        let (report, sketches, mut terms) = report::analyze_shard_parts(&documents, &self.config, &overrides);
        let out = to_js(&report)?;
        let packed = js_sys::Uint32Array::from(report::pack_sketches(&sketches, &self.config.dedup).as_slice());
        js_sys::Reflect::set(&out, &JsValue::from_str("sketches"), &packed)?;
        terms.truncate(self.config.keywords.shard_terms);
        let packed = js_sys::Uint32Array::from(terms.pack().as_slice());
        js_sys::Reflect::set(&out, &JsValue::from_str("terms"), &packed)?;
        Ok(out)
    }
}

/// The clustering worker's methods, in the clustering module only (feature `corpus-clustering`):
/// a big corpus's shards are analysed by every worker in the core module, and clustered and
/// their term table merged once, by one worker, which alone loads this module.
#[cfg(feature = "corpus-clustering")]
#[wasm_bindgen]
impl Analyzer {
    /// Clusters already cleaned bodies (`[string]`) at once: what the staged methods below give
    /// in steps; the page's fallback when the clustering worker was replaced mid-corpus.
    pub fn cluster(&self, bodies: JsValue) -> Result<JsValue, JsValue> {
        let bodies: Vec<String> = from_js(bodies)?;
        let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
        to_js(&dedup::cluster(&bodies, &self.config.dedup))
    }

    /// Keeps one shard's packed sketches (from `analyzeShard`), whose first document is number
    /// `at` of the corpus, for [`Analyzer::cluster_staged`]. Throws on a pack made with other
    /// dedup settings.
    #[wasm_bindgen(js_name = stageSketches)]
    pub fn stage_sketches(&mut self, packed: &[u32], at: usize) -> Result<(), JsValue> {
        let sketches = report::unpack_sketches(packed, &self.config.dedup).map_err(to_js_error)?;
        self.stage.staged.push((at, sketches));
        Ok(())
    }

    /// Drops staged sketches and pending clusters (a new corpus, or a cancelled one).
    #[wasm_bindgen(js_name = clearStaged)]
    pub fn clear_staged(&mut self) {
        self.stage = Stage::new();
    }

    /// Clusters the `count` documents whose sketches were staged (a document without one, say
    /// one a worker failed on, counts as empty) and empties the stage. Returns the indices of
    /// the documents whose bodies the receipts need (members of clusters of two or more), for
    /// [`Analyzer::finish_clusters`]: with those, the same result as `cluster` on all bodies.
    #[wasm_bindgen(js_name = clusterStaged)]
    pub fn cluster_staged(&mut self, count: usize) -> Result<Vec<u32>, JsValue> {
        let config = &self.config.dedup;
        let mut all: Vec<Option<dedup::DocumentSketch>> = vec![None; count];
        for (at, sketches) in std::mem::take(&mut self.stage.staged) {
            for (slot, s) in all.iter_mut().skip(at).zip(sketches) {
                *slot = Some(s);
            }
        }
        let empty = dedup::sketch("", "", config);
        let sketches: Vec<dedup::DocumentSketch> =
            all.into_iter().map(|s| s.unwrap_or_else(|| empty.clone())).collect();
        let assignments = dedup::cluster_sketches(&sketches, config).map_err(to_js_error)?;
        drop(sketches);
        let needed = report::bodies_needed(&assignments);
        let indices = needed.iter().map(|&i| u32::try_from(i).unwrap_or(u32::MAX)).collect();
        self.stage.clustered = Some((assignments, needed));
        Ok(indices)
    }

    /// The clusters of the last `clusterStaged`, with their receipts' shared passages;
    /// `bodies` (`[string]`) are the bodies of the documents it returned, in its order.
    #[wasm_bindgen(js_name = finishClusters)]
    pub fn finish_clusters(&mut self, bodies: JsValue) -> Result<JsValue, JsValue> {
        let bodies: Vec<String> = from_js(bodies)?;
        let (mut assignments, needed) = self.stage.clustered.take().unwrap_or_default();
        report::add_receipt_passages(&mut assignments, &needed, &bodies, &self.config.dedup);
        to_js(&assignments)
    }

    /// Merges one shard's packed term table share (the `terms` property of `analyzeShard`),
    /// whose first document is number `at` of the corpus, into the corpus term table that
    /// [`Analyzer::staged_terms`] returns. Throws on words that are not a term pack.
    #[wasm_bindgen(js_name = stageTerms)]
    pub fn stage_terms(&mut self, packed: &[u32], at: usize) -> Result<(), JsValue> {
        let part = keywords::TermPartial::unpack(packed, at).map_err(to_js_error)?;
        self.stage.terms.add(part);
        Ok(())
    }

    /// Counts the copies of each story once in the staged term table, across shards: a shard
    /// grouped only its own copies. `from` and `to` give, for each document whose grouping
    /// changes (members of a shard's clusters of copies or of the whole corpus's, whole
    /// clusters), its shard cluster and its corpus cluster (a representative's index each);
    /// `headlines` (`[string|null]`, each one's `keywordHeadline`) and `bodies` (`[string]`,
    /// their cleaned bodies) give the text their keyword statistics read.
    #[wasm_bindgen(js_name = regroupTerms)]
    pub fn regroup_terms(
        &mut self,
        from: &[u32],
        to: &[u32],
        headlines: JsValue,
        bodies: JsValue,
    ) -> Result<(), JsValue> {
        // Read by hand, not through serde: one more deserializer type for `[string|null]`
        // would cost the module more than this loop.
        let headlines: Vec<Option<String>> = headlines
            .dyn_ref::<js_sys::Array>()
            .ok_or_else(|| to_js_error("regroupTerms: headlines is not an array"))?
            .iter()
            .map(|h| h.as_string())
            .collect();
        let bodies: Vec<String> = from_js(bodies)?;
        if from.len() != to.len() || from.len() != bodies.len() {
            return Err(to_js_error("regroupTerms: from, to and bodies differ in length"));
        }
        let texts: Vec<String> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| report::keyword_text_of(headlines.get(i).and_then(|h| h.as_deref()), b))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let from: Vec<usize> = from.iter().map(|&d| d as usize).collect();
        let to: Vec<usize> = to.iter().map(|&c| c as usize).collect();
        self.stage.terms.regroup(&texts, &from, &to, &self.config.keywords);
        Ok(())
    }

    /// The corpus term table of the shards staged with `stageTerms` (`{terms, stories,
    /// documents, shards}`, terms as in `analyze`'s `corpusTerms`); the stage is kept until
    /// `clearStaged`.
    #[wasm_bindgen(js_name = stagedTerms)]
    pub fn staged_terms(&self) -> Result<JsValue, JsValue> {
        to_js(&StagedTerms {
            terms: self.stage.terms.table(self.config.keywords.corpus_terms),
            stories: self.stage.terms.stories(),
            documents: self.stage.terms.documents(),
            shards: self.stage.terms.shards(),
        })
    }
}
