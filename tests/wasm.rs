//! The JS boundary (src/wasm.rs) exercised in headless Chromium on the seed articles:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target
//! wasm32-unknown-unknown --test wasm` (./build.sh test does this, once per module: no features
//! for the core module, `--features=html`, `--features=corpus-clustering`).
#![cfg(target_arch = "wasm32")]

use article_analyzer::wasm::Analyzer;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PULSE: &str = include_str!("../www/examples/pulse-afp-2017-10-10.txt");
const DAWN: &str = include_str!("../www/examples/dawn-afp-2017-10-11.txt");

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).expect("property")
}

fn documents() -> JsValue {
    let docs = js_sys::Array::new();
    for (id, text) in [("pulse", PULSE), ("dawn", DAWN)] {
        let doc = js_sys::Object::new();
        js_sys::Reflect::set(&doc, &"id".into(), &id.into()).unwrap();
        js_sys::Reflect::set(&doc, &"name".into(), &format!("{id}.txt").into()).unwrap();
        js_sys::Reflect::set(&doc, &"text".into(), &text.into()).unwrap();
        docs.push(&doc);
    }
    docs.into()
}

#[wasm_bindgen_test]
fn analyze_returns_plain_objects_for_both_seeds() {
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let report = analyzer.analyze(documents(), JsValue::UNDEFINED).unwrap();
    let docs: js_sys::Array = get(&report, "documents").into();
    assert_eq!(docs.length(), 2);
    let cleaned = get(&docs.get(0), "cleaned");
    let body = get(&cleaned, "body").as_string().unwrap();
    assert!(body.contains("Igor Konashenkov"));
    assert!(!body.contains("Subscribe to the Pulse Newsletter"));
    let pairs: js_sys::Array = get(&report, "pairs").into();
    assert_eq!(pairs.length(), 1);
    let score = get(&get(&pairs.get(0), "similarity"), "score").as_f64().unwrap();
    assert!(score > 0.5, "cleaned seeds should be the same story, got {score}");
}

#[wasm_bindgen_test]
fn cleaning_more_removes_boilerplate_than_raw_similarity() {
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let raw = get(&analyzer.similarity(PULSE, DAWN).unwrap(), "score").as_f64().unwrap();
    let pulse =
        get(&analyzer.clean(PULSE, JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap(), "body").as_string().unwrap();
    let dawn = get(&analyzer.clean(DAWN, JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap(), "body").as_string().unwrap();
    let cleaned = get(&analyzer.similarity(&pulse, &dawn).unwrap(), "score").as_f64().unwrap();
    assert!(cleaned > raw + 0.1, "cleaned {cleaned} vs raw {raw}");
}

#[wasm_bindgen_test]
fn bad_settings_and_bad_input_become_js_errors_or_warnings() {
    let config = js_sys::JSON::parse(r#"{"dedup": {"threshold": 7}}"#).unwrap();
    let err = Analyzer::new(config).err().expect("threshold 7 must be rejected");
    let message = js_sys::Error::from(err).message().as_string().unwrap();
    assert!(message.contains("threshold"), "{message}");

    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let loaded = analyzer.read_file("broken.jsonl", b"{\"text\": \"fine\"}\n{oops\n").unwrap();
    let warnings: js_sys::Array = get(&loaded, "warnings").into();
    assert_eq!(warnings.length(), 1);
    assert_eq!(get(&warnings.get(0), "line").as_f64(), Some(2.0));
    let binary = analyzer.read_file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let warnings: js_sys::Array = get(&binary, "warnings").into();
    assert!(get(&warnings.get(0), "message").as_string().unwrap().contains("binary"));
}

const PAGE: &str = "<!doctype html><html><head><title>Moscow says US pretending</title></head><body>\
    <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Moscow says US pretending</h1>\
    <p>Moscow accused the US on Tuesday of only pretending to fight the Islamic State group in Iraq, \
    saying its air strikes had fallen sharply while the jihadists were on the retreat.</p></article></body></html>";

/// The core module (no `html` feature) refuses HTML with an error the worker recognises, and
/// says it has no HTML mode; text still works.
#[cfg(not(feature = "html"))]
#[wasm_bindgen_test]
fn the_core_module_hands_html_to_the_html_module() {
    assert!(!article_analyzer::wasm::has_html_mode());
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let err = analyzer.clean(PAGE, JsValue::UNDEFINED, JsValue::UNDEFINED).err().expect("HTML needs the HTML module");
    assert_eq!(js_sys::Error::from(err).name().as_string().as_deref(), Some("NeedsHtml"));
    let err = analyzer.clean(PULSE, JsValue::from_str("html"), JsValue::UNDEFINED).err().expect("forced HTML");
    assert_eq!(js_sys::Error::from(err).name().as_string().as_deref(), Some("NeedsHtml"));
    assert!(analyzer.analyze(documents(), JsValue::UNDEFINED).is_ok(), "text documents need no HTML mode");
}

/// CSV corpora are read by the HTML module (the CSV reader is there): the core module refuses
/// one with the error that sends the worker there.
#[wasm_bindgen_test]
fn csv_corpora_are_read_by_the_html_module() {
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let read = analyzer.read_file("c.csv", b"id,text\n1,hello world\n");
    if cfg!(feature = "html") {
        let docs: js_sys::Array = get(&read.unwrap(), "documents").into();
        assert_eq!(docs.length(), 1);
    } else {
        let err = read.err().expect("the core module refuses CSV");
        assert_eq!(js_sys::Error::from(err).name().as_string().as_deref(), Some("NeedsHtml"));
    }
}

/// The HTML module reads a saved page in HTML mode.
#[cfg(feature = "html")]
#[wasm_bindgen_test]
fn the_html_module_cleans_html() {
    assert!(article_analyzer::wasm::has_html_mode());
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let cleaned = analyzer.clean(PAGE, JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&cleaned, "html").as_bool(), Some(true));
    let body = get(&cleaned, "body").as_string().unwrap();
    assert!(body.contains("Moscow accused the US"), "{body}");
    assert!(!body.contains("<p>"), "{body}");
}

#[cfg(feature = "corpus-clustering")]
#[wasm_bindgen_test]
fn clustering_staged_shard_sketches_equals_clustering_the_bodies() {
    let mut analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let all: js_sys::Array = documents().into();
    // Each seed is its own shard; the packs arrive out of order, as shards finish.
    let mut packs = Vec::new();
    let bodies = js_sys::Array::new();
    for (at, doc) in all.iter().enumerate() {
        let shard = js_sys::Array::of1(&doc);
        let report = analyzer.analyze_shard(shard.into(), JsValue::UNDEFINED).unwrap();
        let sketches: js_sys::Uint32Array = get(&report, "sketches").into();
        packs.push((at, sketches.to_vec()));
        let docs: js_sys::Array = get(&report, "documents").into();
        bodies.push(&get(&get(&docs.get(0), "cleaned"), "body"));
    }
    analyzer.clear_staged();
    for (at, words) in packs.iter().rev() {
        analyzer.stage_sketches(words, *at).unwrap();
    }
    let needed = analyzer.cluster_staged(2).unwrap();
    assert_eq!(needed, vec![0, 1], "the two seeds are one story: both bodies are needed");
    let needed_bodies: js_sys::Array = needed.iter().map(|&i| bodies.get(i)).collect();
    let staged = analyzer.finish_clusters(needed_bodies.into()).unwrap();
    let one_shot = analyzer.cluster(bodies.into()).unwrap();
    let json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    assert_eq!(json(&staged), json(&one_shot));
    assert!(json(&staged).contains("topPassage\":{"), "receipts carry their shared passage");
    // A pack made with other settings is refused.
    let mut other = Analyzer::new(js_sys::JSON::parse(r#"{"dedup": {"shingleSize": 4}}"#).unwrap()).unwrap();
    assert!(other.stage_sketches(&packs[0].1, 0).is_err());
}

/// The wasm build composes through the browser's NFC (src/text/normalize.rs): a decomposed
/// "é" (e + U+0301) comes back composed, like the native build's.
#[wasm_bindgen_test]
fn decomposed_text_is_composed_by_the_browser() {
    let analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let text = "Le cafe\u{301} du village a rouvert ses portes mardi apre\u{300}s deux ans de travaux, \
                a annonce\u{301} la mairie dans un communique\u{301}.";
    let body = get(&analyzer.clean(text, JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap(), "body").as_string().unwrap();
    assert!(body.contains("café du village") && body.contains("après"), "{body}");
    assert!(!body.contains('\u{301}'), "{body}");
}

/// A big corpus's term table from its shards' shares: the two seeds (copies of one story) in
/// two shards, merged, then regrouped once clustered, give `analyze`'s table of both.
#[cfg(feature = "corpus-clustering")]
#[wasm_bindgen_test]
fn staged_term_shares_give_the_one_shot_term_table() {
    let mut analyzer = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let all: js_sys::Array = documents().into();
    analyzer.clear_staged();
    let (bodies, headlines) = (js_sys::Array::new(), js_sys::Array::new());
    for (at, doc) in all.iter().enumerate().collect::<Vec<_>>().into_iter().rev() {
        let report = analyzer.analyze_shard(js_sys::Array::of1(&doc).into(), JsValue::UNDEFINED).unwrap();
        let terms: js_sys::Uint32Array = get(&report, "terms").into();
        analyzer.stage_terms(&terms.to_vec(), at).unwrap();
        analyzer.stage_sketches(&js_sys::Uint32Array::from(get(&report, "sketches")).to_vec(), at).unwrap();
        let d = js_sys::Array::from(&get(&report, "documents")).get(0);
        bodies.unshift(&get(&get(&d, "cleaned"), "body"));
        let h = get(&d, "keywordHeadline");
        headlines.unshift(&if h.is_undefined() { JsValue::NULL } else { h });
    }
    let needed = analyzer.cluster_staged(2).unwrap();
    assert_eq!(needed, vec![0, 1]);
    let clusters: js_sys::Array = analyzer.finish_clusters(bodies.clone().into()).unwrap().into();
    let to: Vec<u32> = clusters.iter().map(|c| get(&c, "cluster").as_f64().unwrap() as u32).collect();
    let json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    let before = get(&analyzer.staged_terms().unwrap(), "terms");
    // Each seed was its own shard: their shard clusters are themselves.
    analyzer.regroup_terms(&needed, &to, headlines.into(), bodies.into()).unwrap();
    let staged = analyzer.staged_terms().unwrap();
    let one_shot = get(&analyzer.analyze(documents(), JsValue::UNDEFINED).unwrap(), "corpusTerms");
    assert_eq!(json(&get(&staged, "terms")), json(&one_shot));
    assert_ne!(json(&before), json(&one_shot), "each copy counted before regrouping");
    assert_eq!(get(&staged, "stories").as_f64(), Some(1.0));
    assert!(analyzer.stage_terms(&[1, 2, 3], 0).is_err());
}
