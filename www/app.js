// The page: state in one place, input handling, jobs on the worker pool, and the three result
// panels. The main thread never calls wasm (bridge.js does, through workers) and never puts
// article text into HTML (views use textContent).
import { Pool, Cancelled, WorkerCrash } from './bridge.js';
import { readFile, droppedFiles, isAccepted, isJsonl } from './input.js';
import { h, clear, fmt } from './views/dom.js';
import { Progress } from './views/progress.js';
import { renderBanner } from './views/banner.js';
import { renderDocuments, countLanguages } from './views/documents.js';
import { renderCleaned } from './views/cleaned.js';
import { renderDuplicates } from './views/duplicates.js';
import { renderKeywords } from './views/keywords.js';
import { EXPORTS, download } from './views/export.js';
import { kwic, KWIC_MAX } from './kwic.js';

/** Up to this many documents every pair is scored in one worker (the core's pairwise limit, so
 * the heatmap is complete); above it the corpus is split over the pool and clustered once. */
const PAIRWISE_LIMIT = 200;
/** Documents per pool request: a shard is cleaned as a small corpus (lines repeated across its
 * documents are boilerplate), so bigger is better for cleaning; a few shards per worker keep
 * the progress bar moving. */
const SHARD_MIN = 32;
const SHARD_MAX = 256;
const SHARDS_PER_WORKER = 4;
/** A JSONL this big (about 1,300 news articles), dropped alone on an empty page, is cleaned
 * while it is read: each worker analyses the chunk of SHARD_MAX lines it has just parsed, so
 * reading overlaps cleaning and the texts are not sent back to a worker. Smaller files are
 * read first (they may stay under the pairwise limit, where every pair is scored). */
const STREAM_MIN_BYTES = 4 << 20;
/** Bodies per message to the clustering worker: about 750 KB; 1,000 (3 MB) took the page's
 * main thread 40-50 ms to send on a loaded machine. */
const BODIES_PER_MESSAGE = 250;
const EXAMPLES = ['examples/dawn-afp-2017-10-11.txt', 'examples/pulse-afp-2017-10-10.txt'];
/** Settings mirrored in the URL hash (never any article text). */
const SETTINGS = [
  { key: 'strictness', id: 'set-strictness', parse: String },
  { key: 'shingle', id: 'set-shingle', parse: Number },
  { key: 'threshold', id: 'set-threshold', parse: Number },
  { key: 'top', id: 'set-top', parse: Number },
  { key: 'lang', id: 'set-lang', parse: String },
];

const $ = (id) => document.getElementById(id);

const state = {
  sources: [], // [{key, name, size, kind, docs: [InputDocument]}]
  pasted: null, // the paste source and the text it came from
  report: null,
  reportDocs: null, // the InputDocuments the report is about, by index
  reportSources: null,
  warnings: [], // from reading files
  failures: [], // documents a worker crashed on
  message: null,
  settings: {},
  defaults: null,
  keep: new Map(), // InputDocument → Set of kept block indices
  view: 'cleaned',
  dirty: new Set(),
  cleanedIndex: 0,
  detail: null,
  loadingDetail: false,
  showRemoved: true,
  pair: null,
  kwTab: 'terms',
  term: null,
};

let pool;
let progress;
let job = 0;
let appliedConfig = null;
let nextKey = 1;
/** What the workers are doing: 'read', 'analyze' or null. */
let running = null;
/** The big JSONL being read and cleaned at once ({name, slot}), while it is. */
let streaming = null;

// ----- settings and the URL hash -----

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const settings = {};
  for (const s of SETTINGS) {
    if (!params.has(s.key)) continue;
    const v = s.parse(params.get(s.key));
    if (typeof v === 'number' && !Number.isFinite(v)) continue;
    settings[s.key] = v;
  }
  return settings;
}

function writeHash() {
  const params = new URLSearchParams();
  for (const s of SETTINGS) if (state.settings[s.key] !== undefined) params.set(s.key, String(state.settings[s.key]));
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

function defaultsFor(key) {
  const d = state.defaults;
  if (key === 'strictness') return 'standard';
  if (key === 'lang') return 'auto';
  if (!d) return undefined;
  return { shingle: d.dedup?.shingleSize, threshold: d.dedup?.threshold, top: d.keywords?.top }[key];
}

function showSettings() {
  for (const s of SETTINGS) {
    const el = $(s.id);
    const v = state.settings[s.key] ?? defaultsFor(s.key);
    if (v !== undefined) el.value = String(v);
  }
}

/** The Analyzer settings: only what the user changed, so the engines' tuned defaults apply. */
function engineConfig(big) {
  const d = state.defaults || {};
  const st = state.settings;
  const c = { maxPairwiseDocuments: big ? 0 : PAIRWISE_LIMIT };
  const set = (section, key, value) => ((c[section] ||= {})[key] = value);
  if (st.strictness === 'off') set('clean', 'disabled', true);
  else if ((st.strictness === 'gentle' || st.strictness === 'strict') && typeof d.clean?.minProseWords === 'number') {
    set('clean', 'minProseWords', Math.max(1, Math.round(d.clean.minProseWords * (st.strictness === 'gentle' ? 0.6 : 1.5))));
  }
  if (st.shingle !== undefined) set('dedup', 'shingleSize', st.shingle);
  if (st.threshold !== undefined) set('dedup', 'threshold', st.threshold);
  if (st.top !== undefined) set('keywords', 'top', st.top);
  if (st.lang && st.lang !== 'auto') {
    for (const [section, value] of Object.entries(d)) if (value && typeof value === 'object' && 'language' in value) set(section, 'language', st.lang);
  }
  return c;
}

async function applyConfig(big) {
  const config = engineConfig(big);
  const key = JSON.stringify(config);
  if (key === appliedConfig) return;
  await pool.configure(config);
  appliedConfig = key;
}

function onSettingChange(s, el) {
  let v = s.parse(el.value);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || !el.checkValidity()) {
      el.setAttribute('aria-invalid', 'true');
      return;
    }
  }
  el.removeAttribute('aria-invalid');
  if (v === defaultsFor(s.key)) delete state.settings[s.key];
  else state.settings[s.key] = v;
  writeHash();
  if (state.report) analyze();
}

// ----- inputs -----

const allDocs = () => state.sources.flatMap((s) => s.docs);

function toInput(d, text = d.text) {
  return { id: d.id, name: d.name, text, format: d.format || 'auto', title: d.title ?? null, url: d.url ?? null, date: d.date ?? null };
}

/** The InputDocuments of `docs` for a worker, with their texts. A big JSONL cleaned as it was
 * read holds no texts on the page: each document names its chunk (`chunk`: where its bytes are,
 * a range of the dropped file or, for a .gz, a Blob of the decompressed bytes, both outside the
 * JS heap, and its first line; `chunkIndex`: the document's place in it), and the chunk is
 * parsed again in a worker, which gives the same documents. */
async function inputsOf(docs) {
  const out = new Array(docs.length);
  const byChunk = new Map();
  docs.forEach((d, k) => {
    if (typeof d.text === 'string' || !d.chunk) out[k] = toInput(d);
    else if (byChunk.has(d.chunk)) byChunk.get(d.chunk).push(k);
    else byChunk.set(d.chunk, [k]);
  });
  await Promise.all([...byChunk].map(async ([chunk, ks]) => {
    const read = await pool.run('readJsonlChunk', [chunk.name, chunk.blob, chunk.firstLine]);
    for (const k of ks) out[k] = toInput(docs[k], read.documents[docs[k].chunkIndex]?.text ?? '');
  }));
  return out;
}

function overridesFor(docs) {
  const out = [];
  docs.forEach((d, i) => {
    const kept = state.keep.get(d);
    if (kept && kept.size) out.push({ document: i, clean: { keepBlocks: [...kept].sort((a, b) => a - b) } });
  });
  return out;
}

async function syncPaste() {
  const text = $('paste').value;
  if (state.pasted && state.pasted.text === text) return;
  state.sources = state.sources.filter((s) => s.kind !== 'paste');
  state.pasted = null;
  if (!text.trim()) return;
  const pieces = await pool.main.call('splitPasted', [text]);
  const docs = pieces.map((t, i) => ({ id: `pasted-${i + 1}`, name: `Pasted article ${i + 1}`, text: t, format: 'auto', title: null, url: null, date: null }));
  const source = { key: nextKey++, name: docs.length === 1 ? 'Pasted article' : `Pasted articles`, size: new TextEncoder().encode(text).length, kind: 'paste', docs };
  state.pasted = { text, source };
  if (docs.length) state.sources.unshift(source);
}

function renderDocs() {
  renderDocuments($('doclist'), {
    sources: state.sources,
    report: state.report,
    reportSources: state.reportSources,
    onRemove: (source) => {
      state.sources = state.sources.filter((s) => s !== source);
      if (source.kind === 'paste') {
        $('paste').value = '';
        state.pasted = null;
      }
      for (const d of source.docs) state.keep.delete(d);
      renderDocs();
      if (state.sources.length) analyze();
      else clearResults();
      $('analyze').focus();
    },
  });
}

let docsTimer = 0;
function renderDocsSoon() {
  if (docsTimer) return;
  docsTimer = setTimeout(() => {
    docsTimer = 0;
    renderDocs();
    renderProblems();
  }, 250);
}

/** The supported kinds, in the words of every message about a file that is not one. */
const SUPPORTED = '.txt .md .html .htm .jsonl .csv, or .gz of those';
/** Names of skipped files listed in the message; the rest are counted. */
const SKIPPED_NAMED = 5;

/** Reads `files`; `skipped` names the files of a folder that were left out (unsupported types). */
async function addFiles(files, skipped = [], { stream = true } = {}) {
  if (files.length === 0) {
    if (skipped.length) showMessage(`None of the ${fmt(skipped.length)} files has a supported type (${SUPPORTED}).`);
    return;
  }
  if (skipped.length) {
    // Said in the problems list (a message would be replaced by the analysis that follows).
    const named = skipped.slice(0, SKIPPED_NAMED).join(', ') + (skipped.length > SKIPPED_NAMED ? `, and ${fmt(skipped.length - SKIPPED_NAMED)} more` : '');
    const folder = skipped[0].includes('/') ? skipped[0].split('/')[0] : 'The folder';
    state.warnings.push({ name: folder, line: null, message: `left out ${fmt(skipped.length)} file${skipped.length === 1 ? '' : 's'} of other types (the page reads ${SUPPORTED}): ${named}` });
  }
  if (running === 'analyze') stopWorkers();
  const mine = ++job;
  const t0 = performance.now();
  // One big JSONL on an empty page: read and clean at once (see STREAM_MIN_BYTES).
  const streamIt = stream && files.length === 1 && isJsonl(files[0].name) && files[0].size >= STREAM_MIN_BYTES && allDocs().length === 0;
  let shards = null;
  running = streamIt ? 'analyze' : 'read';
  setBusy(true);
  state.message = null;
  state.failures = [];
  const total = files.reduce((n, f) => n + f.size, 0);
  streaming = streamIt ? { name: files[0].name, slot: null } : null;
  if (streamIt) {
    await applyConfig(true);
    if (mine !== job) return;
    shards = new ShardSet();
    progress.start(`Cleaning and counting ${files[0].name}`, total, 'bytes');
  } else progress.start(files.length === 1 ? `Reading ${files[0].name}` : `Reading ${fmt(files.length)} files`, total, 'bytes');
  let doneBytes = 0;
  const slots = files.map((f) => ({ key: nextKey++, name: f.webkitRelativePath || f.name, size: f.size, kind: 'file', docs: [] }));
  const base = state.sources.length;
  state.sources.push(...slots);
  if (streaming) streaming.slot = slots[0];
  try {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        let seen = 0;
        await readFile(pool, files[i], {
          shardLines: shards ? SHARD_MAX : 0,
          alive: () => mine === job,
          onRecords: (r) => {
            if (r.report) shards.add(r.report, slots[i].docs.length);
            for (const d of r.documents) slots[i].docs.push(d);
            if (shards) progress.what = `Cleaning and counting ${files[i].name}: ${fmt(slots[i].docs.length)} documents done`;
            state.warnings.push(...r.warnings);
            renderDocsSoon();
          },
          onBytes: (n) => {
            if (mine !== job) return;
            doneBytes += n - seen;
            seen = n;
            progress.update(doneBytes);
          },
        });
      }
    };
    // Small files are read several at once; a JSONL spreads its own chunks over the pool.
    await Promise.all(Array.from({ length: Math.min(pool.size, files.length) }, worker));
  } catch (err) {
    state.sources = state.sources.filter((s, i) => i < base || !slots.includes(s) || s.docs.length);
    if (err instanceof Cancelled || mine !== job) return;
    streaming = null;
    if (shards && err instanceof WorkerCrash) {
      // A worker died on a chunk it was cleaning: read the file again the plain way, then
      // analyse it document by document where needed, so only the culprit is lost.
      state.sources = state.sources.filter((s) => !slots.includes(s));
      running = null;
      return addFiles(files, [], { stream: false });
    }
    throw err;
  }
  if (mine !== job) return;
  streaming = null;
  state.sources = state.sources.filter((s) => !slots.includes(s) || s.docs.length > 0);
  const docs = shards ? allDocs() : null;
  if (docs && docs.length > PAIRWISE_LIMIT) {
    renderDocs();
    renderProblems();
    // The last shard's answer, the list drawn again and the report's first steps made one task
    // of about 50 ms at 100,000 documents: the page paints and takes input between them.
    await yieldToPage();
    await finishAnalysis(docs, () => shards.finish(docs), mine, t0);
    return;
  }
  renderDocs();
  renderProblems();
  setBusy(false);
  running = null;
  await analyze();
}

async function loadExample() {
  const mine = ++job;
  const files = await Promise.all(
    EXAMPLES.map(async (url) => {
      const res = await fetch(url);
      const bytes = await res.arrayBuffer();
      return { name: url.split('/').pop(), bytes };
    }),
  );
  if (mine !== job) return;
  state.sources = state.sources.filter((s) => s.kind !== 'example');
  for (const f of files) {
    const size = f.bytes.byteLength;
    const r = await pool.main.call('readFile', [f.name, f.bytes], [f.bytes]);
    state.sources.push({ key: nextKey++, name: f.name, size, kind: 'example', docs: r.documents });
  }
  renderDocs();
  await analyze();
}

// ----- analysis -----

function placeholder(d, message) {
  return { id: d.id, name: d.name, failed: message, cleaned: { title: d.title ?? null, body: '', removedCount: 0 }, stats: {}, keywords: [] };
}

/** Puts the good documents' report back at their original indices, with placeholders for the
 * ones a worker crashed on. */
function withFailures(report, docs, good, failed) {
  const documents = docs.map((d, i) => (failed.has(i) ? placeholder(d, failed.get(i)) : null));
  report.documents.forEach((r, k) => (documents[good[k]] = r));
  return {
    ...report,
    documents,
    pairs: report.pairs.map((p) => ({ ...p, a: good[p.a], b: good[p.b] })),
    clusters: report.clusters.map((c) => ({ ...c, doc: good[c.doc], cluster: good[c.cluster] })),
    ...(Array.isArray(report.repeats) ? { repeats: report.repeats.map((x) => ({ ...x, document: good[x.document] })) } : {}),
  };
}

async function analyzeSmall(docs) {
  await applyConfig(false);
  progress.start('Analysing', docs.length);
  const inputs = await inputsOf(docs);
  try {
    return await pool.main.call('analyze', [inputs, overridesFor(docs)]);
  } catch (err) {
    if (!(err instanceof WorkerCrash)) throw err;
    // Find the document(s) the worker dies on, then analyse the rest together.
    const failed = new Map();
    for (let i = 0; i < docs.length; i++) {
      try {
        await pool.main.call('analyze', [[inputs[i]], overridesFor([docs[i]])]);
      } catch (e) {
        if (!(e instanceof WorkerCrash)) throw e;
        failed.set(i, e.message);
        state.failures.push({ name: docs[i].name, message: e.message });
      }
    }
    const good = docs.map((_, i) => i).filter((i) => !failed.has(i));
    const gdocs = good.map((i) => docs[i]);
    const report = await pool.main.call('analyze', [good.map((i) => inputs[i]), overridesFor(gdocs)]);
    return withFailures(report, docs, good, failed);
  }
}

/** The shards of a big corpus as their analyses arrive: their documents, the repeats moved to
 * corpus indices, and each shard's dedup sketches (computed by the shard's worker while it
 * cleaned; one typed array per shard, handed on without a copy) staged in the clustering
 * worker at once. Clustering then has only LSH and verification left, and asks for the bodies
 * of the documents it grouped (their receipts' shared passages), not for every body.
 *
 * The documents' reports stay in the workers that analysed them (worker.js, `stored`): the
 * page keeps rows (every field but the cleaned body), so its heap, and its GC pauses, stay
 * small with 100,000 documents. A finished report keeps its ShardSet (`report.shards`, not
 * exported) to fetch bodies (clustering receipts, the term table, KWIC) and whole reports
 * (exports) on demand; a shard whose worker was replaced since (Cancel, a crash) is analysed
 * again from its documents, which gives the same reports. */
class ShardSet {
  constructor() {
    this.results = [];
    this.repeats = [];
    this.staging = [];
    /** Shard clusters of copies: document → its shard representative, and their members. */
    this.local = new Map();
    this.localCopies = [];
    this.stage(null, 0, true);
    this.generation = pool.main.generation;
  }

  stage(sketches, at, reset = false, terms = null) {
    const transfer = [sketches, terms].filter(Boolean).map((a) => a.buffer);
    const sent = pool.main.call('stageShard', [sketches, at, reset, terms], transfer);
    sent.catch(() => {}); // a cancelled job's staging fails with it; awaited in finish()
    this.staging.push(sent);
  }

  /** One shard's report (from `analyzeShard`), whose first document is number `at`. */
  add(report, at) {
    this.results.push({ at, documents: report.documents, stored: report.stored ?? null, languages: countLanguages(report.documents) });
    this.stage(report.sketches, at, false, report.terms);
    // The shard's own clusters of copies: its term share counts each once.
    for (const c of report.clusters || []) {
      if (c.cluster === c.doc) continue;
      this.local.set(at + c.doc, at + c.cluster);
      this.localCopies.push(at + c.doc, at + c.cluster);
    }
    for (const x of report.repeats || []) this.repeats.push({ ...x, document: x.document + at });
  }

  /** A document analysed alone after its shard crashed a worker (`report` null: it failed). */
  addOne(report, placeholderDoc, at) {
    const documents = [report ? report.documents[0] : placeholderDoc];
    this.results.push({ at, documents, stored: report?.stored ?? null, languages: countLanguages(documents) });
    if (report) this.stage(report.sketches, at, false, report.terms);
  }

  /** The report of the corpus whose documents (InputDocuments, in corpus order) are `inputs`. */
  async finish(inputs) {
    this.inputs = inputs;
    await yieldToPage();
    this.results.sort((x, y) => x.at - y.at);
    const documents = this.results.flatMap((r) => r.documents);
    progress.step(`Grouping near-duplicates among ${fmt(documents.length)} documents`);
    // Named in performance traces (tests/e2e/trace.mjs prints the long tasks of each phase).
    performance.mark('analyzer:grouping');
    // Staging fails with a cancelled job (stop here) or a crashed clustering worker (handled
    // below).
    const settled = await Promise.allSettled(this.staging);
    const stop = settled.find((r) => r.status === 'rejected' && !(r.reason instanceof WorkerCrash));
    if (stop) throw stop.reason;
    let clusters;
    let terms = null;
    if (pool.main.generation === this.generation) {
      const needed = await pool.main.call('clusterStaged', [documents.length]);
      await this.sendBodies(Array.from(needed), documents);
      const packed = await pool.main.call('finishClusters', []);
      const corpusCluster = packed.columns.cluster;
      // The term table merged from the shards' shares as they arrived (TF-IDF over stories, as
      // for a small corpus), with the copies of each story counted once.
      // The shards grouped their own copies; the documents of their clusters and of the
      // corpus's are counted again as the corpus groups them.
      // About 20,000 documents at 100,000: built in steps with the page served between them
      // (together one task of ~50 ms), as typed arrays moved to the worker without a copy.
      const inNeeded = new Set(needed);
      const extra = [...new Set(this.localCopies)].filter((i) => !inNeeded.has(i));
      const docs = Uint32Array.from([...needed, ...extra]);
      await yieldToPage();
      const from = docs.map((i) => this.local.get(i) ?? i);
      const to = docs.map((i) => (i < corpusCluster.length ? corpusCluster[i] : i));
      await yieldToPage();
      const headlines = Array.from(docs, (i) => documents[i]?.keywordHeadline ?? null);
      await yieldToPage();
      await this.sendBodies(extra, documents);
      terms = await pool.main.call('termTable', [docs, from, to, headlines], [docs.buffer, from.buffer, to.buffer]);
      clusters = await unpackClusters(packed);
    } else {
      // The clustering worker was replaced (it crashed) and its staged sketches went with it:
      // cluster from the bodies, which gives the same result, only later.
      clusters = await pool.main.call('cluster', [await this.bodies(documents.map((_, i) => i), documents)]);
      // Without the merged term table the Keywords view sums the rows' key phrases: all of
      // them, not the few a row carries.
      await Promise.all(this.results.filter((r) => r.stored).map(async (r) => {
        const lists = await this.ask(r, 'storedKeywords');
        lists.forEach((k, j) => {
          if (!ShardSet.whole(documents[r.at + j])) documents[r.at + j].keywords = k;
        });
      }));
    }
    this.repeats.sort((x, y) => x.document - y.document);
    const table = terms ? { corpusTerms: terms.terms } : {};
    const report = { documents, pairs: [], clusters, repeats: this.repeats, warnings: [], slim: true, ...table };
    // Not enumerable: the exports and copies of the report leave them out.
    Object.defineProperty(report, 'shards', { value: this });
    Object.defineProperty(report, 'languages', { value: (from, count) => this.languages(from, from + count, documents) });
    return report;
  }

  /** Documents per language among documents `from` to `to` (`rows`: the report's documents):
   * the shards' counts, and the rows of the shards the range cuts. */
  languages(from, to, rows) {
    const counts = new Map();
    for (const r of this.results) {
      const end = r.at + r.documents.length;
      if (end <= from || r.at >= to) continue;
      if (r.at >= from && end <= to) for (const [name, n] of r.languages) counts.set(name, (counts.get(name) || 0) + n);
      else countLanguages(rows.slice(Math.max(from, r.at), Math.min(to, end)), counts);
    }
    return counts;
  }

  /** The shard holding document `i` (results sorted by `at`). */
  shardOf(i) {
    let lo = 0;
    let hi = this.results.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.results[mid].at <= i) lo = mid;
      else hi = mid - 1;
    }
    const r = this.results[lo];
    return r && i >= r.at && i < r.at + r.documents.length ? r : null;
  }

  /** Makes sure shard `r`'s reports are in a live worker: one replaced since took them with it,
   * and the shard's documents are analysed again (the same shard, so the same reports). */
  async live(r) {
    if (r.stored.bridge.generation === r.stored.generation) return;
    const docs = this.inputs.slice(r.at, r.at + r.documents.length);
    r.stored = (await pool.run('analyzeShard', [await inputsOf(docs), overridesFor(docs)])).stored;
  }

  /** `method(key, ...args)` in the worker that holds shard `r`. */
  async ask(r, method, ...args) {
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.live(r);
      const out = await r.stored.bridge.call(method, [r.stored.key, ...args]);
      if (out !== null) return out;
      r.stored.generation = -1; // not there any more: analysed again on the next attempt
    }
    throw new Error('the documents’ analysis could not be found in the workers');
  }

  /** A row the page holds whole: a failed document's placeholder, or one cleaned again with a
   * kept line (the worker's copy is the older one). */
  static whole(row) {
    return !!row?.cleaned && 'body' in row.cleaned;
  }

  /** Sends the cleaned bodies of documents `indices` to the clustering worker, for its next
   * `finishClusters` or `termTable` (see `sendBodies` in worker.js), in their order. The bodies
   * a worker holds go as UTF-8 buffers the page hands on without decoding: 20,000 bodies (60 MB)
   * read into the page as strings and sent on made its garbage collector pause the main thread
   * for over 50 ms. */
  async sendBodies(indices, rows) {
    // Runs of documents of one shard (`r`), or held whole by the page (`r` null), in order.
    const runs = [];
    for (let k = 0; k < indices.length; k++) {
      // 20,000 documents in one go were one task of ~60 ms on a loaded machine.
      if (k % BODIES_PER_SLICE === BODIES_PER_SLICE - 1) await yieldToPage();
      const i = indices[k];
      const s = this.shardOf(i);
      const r = ShardSet.whole(rows[i]) || !s?.stored ? null : s;
      const last = runs[runs.length - 1];
      if (last && last.r === r && (r === null || last.locals.length < BODIES_PER_MESSAGE)) last.locals.push(r ? i - r.at : i);
      else runs.push({ r, locals: [r ? i - r.at : i] });
    }
    const parts = runs.map(({ r, locals }) => (r ? this.ask(r, 'storedBodiesPacked', locals) : locals.map((i) => rows[i]?.cleaned?.body ?? '')));
    // One failed part fails the job; the others' failures are not news.
    for (const part of parts) if (part instanceof Promise) part.catch(() => {});
    for (const part of parts) {
      const bodies = await part;
      const transfer = Array.isArray(bodies) ? [] : [bodies.bytes.buffer, bodies.ends.buffer];
      pool.main.call('sendBodies', [bodies], transfer).catch(() => {});
    }
  }

  /** The cleaned bodies of documents `indices`; `rows` are the report's documents. */
  async bodies(indices, rows) {
    const out = new Array(indices.length).fill('');
    const byShard = new Map();
    indices.forEach((i, k) => {
      const r = this.shardOf(i);
      if (ShardSet.whole(rows[i]) || !r?.stored) out[k] = rows[i]?.cleaned?.body ?? '';
      else if (byShard.has(r)) byShard.get(r).push(k);
      else byShard.set(r, [k]);
    });
    await Promise.all([...byShard].map(async ([r, ks]) => {
      const got = await this.ask(r, 'storedBodies', ks.map((k) => indices[k] - r.at));
      ks.forEach((k, j) => (out[k] = got[j] ?? ''));
    }));
    return out;
  }

  /** Every document's whole report (the exports); `rows` are the report's documents. */
  async documents(rows) {
    const parts = await Promise.all(this.results.map(async (r) => {
      const docs = r.stored ? await this.ask(r, 'storedDocuments') : r.documents;
      return docs.map((d, j) => (ShardSet.whole(rows[r.at + j]) ? rows[r.at + j] : d));
    }));
    return parts.flat();
  }

  /** Keyword in context over every document, as the Keywords view finds it on a small report:
   * the workers search the shards they hold, the page the documents it holds whole. */
  async kwic(term, rows) {
    await Promise.all(this.results.filter((r) => r.stored).map((r) => this.live(r)));
    const byBridge = new Map();
    for (const r of this.results) {
      if (!r.stored) continue;
      const list = byBridge.get(r.stored.bridge) || [];
      list.push({ key: r.stored.key, at: r.at });
      byBridge.set(r.stored.bridge, list);
    }
    const onPage = [];
    rows.forEach((d, i) => {
      if (ShardSet.whole(d)) onPage.push(i);
    });
    const parts = await Promise.all([...byBridge].map(([b, shards]) => b.call('storedKwic', [shards, term, KWIC_MAX, onPage])));
    if (parts.some((p) => p === null)) throw new Error('a worker was replaced meanwhile; choose the term again');
    const hits = parts.flat();
    for (const i of onPage) for (const hit of kwic({ documents: [rows[i]] }, term)) hits.push({ ...hit, doc: i });
    hits.sort((x, y) => x.doc - y.doc);
    return hits.slice(0, KWIC_MAX);
  }

  /** Where the shards' reports are, for `pool.dropStored`. */
  stores() {
    return this.results.map((r) => r.stored).filter(Boolean);
  }
}

/** Cluster receipts per message from the clustering worker, and cluster objects made per
 * slice of the page's main thread: each part a few milliseconds, so the page answers input
 * while a 100,000-document list is built. */
const RECEIPTS_PER_MESSAGE = 500;
const CLUSTERS_PER_SLICE = 5000;
/** Documents whose bodies are looked up per slice of the main thread (`sendBodies`). */
const BODIES_PER_SLICE = 4000;

/** Lets the page handle input and paint before going on. */
const yieldToPage = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((ok) => setTimeout(ok, 0)));

/** The report's `clusters` list (one object per document, as `cluster` returns it) from the
 * columns `finishClusters` sends (worker.js, `packClusters`), its receipts fetched in parts. */
async function unpackClusters({ columns, receiptCount }) {
  const receipts = [];
  for (let from = 0; from < receiptCount; from += RECEIPTS_PER_MESSAGE) {
    for (const r of await pool.main.call('clusterReceipts', [from, from + RECEIPTS_PER_MESSAGE])) receipts.push(r);
  }
  const { doc, cluster, size, score, flags, receiptAt } = columns;
  const out = new Array(doc.length);
  let r = 0;
  for (let from = 0; from < doc.length; from += CLUSTERS_PER_SLICE) {
    if (from > 0) await yieldToPage();
    for (let i = from; i < Math.min(doc.length, from + CLUSTERS_PER_SLICE); i++) {
      const receipt = r < receiptAt.length && receiptAt[r] === i ? receipts[r++] : null;
      // The fields in the order the core sends them, so the list is the same as `cluster`'s.
      out[i] = { doc: doc[i], cluster: cluster[i], representative: (flags[i] & 1) !== 0, size: size[i], score: score[i], exactDuplicate: (flags[i] & 2) !== 0, receipt };
    }
  }
  return out;
}

async function analyzeBig(docs) {
  await applyConfig(true);
  progress.start('Cleaning and counting', docs.length);
  const size = Math.max(SHARD_MIN, Math.min(SHARD_MAX, Math.ceil(docs.length / (pool.size * SHARDS_PER_WORKER))));
  const set = new ShardSet();
  let done = 0;
  let last = 0;
  const shards = [];
  for (let i = 0; i < docs.length; i += size) shards.push(docs.slice(i, i + size));
  // A few shards in flight at once (as many as the workers take, see PIPELINE in bridge.js):
  // the texts of a big JSONL's documents are parsed again from their chunks shard by shard,
  // so they never all sit on the page at once.
  let next = 0;
  const mine = job; // Cancel or a newer job stops the lanes (their queued requests are rejected)
  const lane = async () => {
    while (next < shards.length && mine === job) {
      const k = next++;
      const shard = shards[k];
      const inputs = await inputsOf(shard);
      try {
        set.add(await pool.run('analyzeShard', [inputs, overridesFor(shard)]), k * size);
      } catch (err) {
        if (!(err instanceof WorkerCrash)) throw err;
        // One document at a time: only the one that kills the worker is lost (it has no
        // sketch, so clustering counts it as an empty text).
        for (const [j, d] of shard.entries()) {
          try {
            set.addOne(await pool.run('analyzeShard', [[inputs[j]], overridesFor([d])]), null, k * size + j);
          } catch (e) {
            if (!(e instanceof WorkerCrash)) throw e;
            set.addOne(null, placeholder(d, e.message), k * size + j);
            state.failures.push({ name: d.name, message: e.message });
          }
        }
      }
      done += shard.length;
      const now = performance.now();
      if (now - last > 100 || done === docs.length) {
        last = now;
        progress.update(done);
      }
    }
  };
  await Promise.all(Array.from({ length: pool.size * 2 }, lane));
  if (mine !== job) throw new Cancelled();
  return set.finish(docs);
}

async function analyze() {
  // A new analysis replaces one still running (settings changed, a line kept): stop the old
  // one in the workers too, so they do not finish work nobody will read.
  if (running === 'analyze') stopWorkers();
  await syncPaste();
  renderDocs();
  const docs = allDocs();
  if (docs.length === 0) {
    showMessage(state.warnings.length ? 'Nothing could be read from the input; see the problems above.' : 'Nothing to analyse yet: paste an article, drop files, or try the example.');
    $('paste').focus();
    return;
  }
  state.message = null;
  state.failures = [];
  await finishAnalysis(docs, () => (docs.length <= PAIRWISE_LIMIT ? analyzeSmall(docs) : analyzeBig(docs)));
}

/** Runs `compute()` (the report for `docs`) as job `mine` and shows the report. */
async function finishAnalysis(docs, compute, mine = ++job, t0 = performance.now()) {
  running = 'analyze';
  setBusy(true);
  try {
    const report = await compute();
    if (mine !== job) return;
    const sameDocs = state.reportDocs && state.reportDocs.length === docs.length && state.reportDocs.every((d, i) => d === docs[i]);
    state.report = report;
    state.reportDocs = docs;
    // The workers forget the shards of the report this one replaces.
    pool.dropStored(report.shards ? report.shards.stores() : []);
    state.reportSources = state.sources;
    state.detail = null;
    if (!sameDocs) {
      state.cleanedIndex = 0;
      state.pair = null;
      state.term = null;
    }
    const seconds = (performance.now() - t0) / 1000;
    progress.idle(`${fmt(docs.length)} document${docs.length === 1 ? '' : 's'} analysed in ${seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`}.`);
    renderDocs();
    renderProblems();
    renderResults(true);
    document.body.dataset.analysed = String(Number(document.body.dataset.analysed || 0) + 1);
    performance.mark('analyzer:shown');
  } catch (err) {
    if (mine !== job) return;
    if (err instanceof Cancelled) return;
    progress.idle('');
    showMessage(`The analysis stopped: ${err.message}`);
  } finally {
    if (mine === job) {
      setBusy(false);
      running = null;
    }
  }
}

function stopWorkers() {
  job++;
  pool.cancel();
  appliedConfig = null;
}

function cancel() {
  stopWorkers();
  running = null;
  setBusy(false);
  // A big JSONL is cleaned while it is read: what was read before Cancel stays loaded.
  const partly = streaming && streaming.slot ? streaming : null;
  streaming = null;
  if (partly) {
    const n = partly.slot.docs.length;
    state.sources = state.sources.filter((s) => s !== partly.slot || n > 0);
    progress.idle(`Cancelled while reading ${partly.name}: its first ${fmt(n)} document${n === 1 ? ' is' : 's are'} loaded. Press Analyse to run on them, or remove it and drop the file again.`);
  } else progress.idle('Cancelled. Your documents are still loaded: press Analyse to run again.');
  renderDocs();
}

function clearResults() {
  if (state.report?.shards) pool.dropStored([]);
  state.report = null;
  state.reportDocs = null;
  state.detail = null;
  state.pair = null;
  state.term = null;
  renderResults(true);
}

function setBusy(busy) {
  document.body.classList.toggle('busy', busy);
  $('analyze').disabled = busy;
  $('example').disabled = busy;
  // Before the first results the panels invite a first try; while a job runs they say what
  // is coming instead (the example button would do nothing).
  for (const el of document.querySelectorAll('.empty .try')) el.hidden = busy;
  for (const el of document.querySelectorAll('.empty .working')) el.hidden = !busy;
}

function showMessage(message) {
  state.message = message;
  renderProblems();
}

function renderProblems() {
  renderBanner($('banner'), { warnings: [...state.warnings, ...(state.report?.warnings || [])], failures: state.failures, message: state.message });
}

// ----- results -----

const PANELS = ['cleaned', 'duplicates', 'keywords'];

function renderResults(all = false) {
  if (all) PANELS.forEach((p) => state.dirty.add(p));
  const has = !!state.report;
  $('results').classList.toggle('has-results', has);
  for (const b of document.querySelectorAll('#export-items button')) b.disabled = !has;
  $('export').classList.toggle('disabled', !has);
  renderPanel(state.view);
}

function renderPanel(view) {
  if (!state.dirty.has(view)) return;
  state.dirty.delete(view);
  const root = $(`panel-${view}`);
  if (!state.report) {
    clear(root).append(emptyPanel(view));
    return;
  }
  if (view === 'cleaned') renderCleanedPanel();
  else if (view === 'duplicates') renderDuplicates(root, { report: state.report, pair: state.pair }, duplicateActions);
  else renderKeywords(root, { report: state.report, tab: state.kwTab, term: state.term }, keywordActions);
}

function emptyPanel(view) {
  const text = {
    cleaned: 'The article text without menus, captions, credits and other boilerplate. Every removed line is kept visible, with the reason, so you can check it and keep it.',
    duplicates: 'How alike the articles are: a heatmap of every pair, the pairs side by side with the shared passages highlighted, and groups of near-duplicates.',
    keywords: 'The terms that characterise the articles, with counts, TF-IDF and the documents they occur in; choose a term to read it in context.',
  }[view];
  return h('div', { class: 'empty' },
    h('p', {}, text),
    h('p', { class: 'muted working', hidden: !running }, 'Working on your documents: the results appear here when the progress bar above is full.'),
    h('p', { class: 'muted try', hidden: !!running }, 'Paste articles or drop files on the left. To see it at work first:'),
    h('button', { type: 'button', class: 'primary try', hidden: !!running, onclick: () => $('example').click() }, 'Analyse two copies of one AFP story'),
    h('ul', { class: 'muted small promises' },
      h('li', {}, 'Runs entirely in this tab: no upload, no account, works offline.'),
      h('li', {}, 'Every removal and every match comes with its reason.'),
      h('li', {}, 'Export everything as JSON, CSV or JSONL.')));
}

function renderCleanedPanel() {
  const doc = state.reportDocs?.[state.cleanedIndex];
  renderCleaned($('panel-cleaned'), {
    report: state.report,
    index: state.cleanedIndex,
    detail: state.detail,
    loadingDetail: state.loadingDetail,
    showRemoved: state.showRemoved,
    kept: (doc && state.keep.get(doc)) || new Set(),
  }, cleanedActions);
  if (state.report.slim && !state.detail && !state.loadingDetail) loadDetail();
}

/** A slim (big corpus) report has no per-line detail: analyse the opened document alone. */
async function loadDetail() {
  const index = state.cleanedIndex;
  const doc = state.reportDocs[index];
  if (!doc || state.report.documents[index]?.failed) return;
  state.loadingDetail = true;
  try {
    const r = await pool.main.call('analyze', [await inputsOf([doc]), overridesFor([doc])]);
    if (state.cleanedIndex !== index || state.reportDocs[index] !== doc) return;
    state.detail = r.documents[0];
  } catch (err) {
    if (!(err instanceof Cancelled)) showMessage(`${doc.name} could not be opened: ${err.message}`);
  } finally {
    state.loadingDetail = false;
  }
  if (state.view === 'cleaned') {
    state.dirty.add('cleaned');
    renderPanel('cleaned');
  }
}

async function rerunForKeep(index, block) {
  if (state.report.slim) {
    state.detail = null;
    await loadDetail();
    if (state.detail) {
      const d = state.detail;
      state.report.documents[index] = { ...d, cleaned: { ...d.cleaned } };
    }
  } else {
    await analyze();
  }
  state.dirty.add('cleaned');
  renderPanel('cleaned');
  const el = document.querySelector(`#panel-cleaned [data-block="${block}"]`);
  if (el) {
    if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.focus();
  }
}

const cleanedActions = {
  select(i) {
    state.cleanedIndex = i;
    state.detail = null;
    state.dirty.add('cleaned');
    renderPanel('cleaned');
  },
  keep(index, block) {
    const doc = state.reportDocs[index];
    if (!state.keep.has(doc)) state.keep.set(doc, new Set());
    state.keep.get(doc).add(block);
    toast('Line kept; cleaning this document again…');
    // The document drawn again with the line kept is the answer: the note goes with it, so it
    // does not sit over the result (or a screenshot of it) for its full time.
    rerunForKeep(index, block).finally(() => hideToast('Line kept; cleaning this document again…'));
  },
  unkeep(index, block) {
    const doc = state.reportDocs[index];
    state.keep.get(doc)?.delete(block);
    rerunForKeep(index, block);
  },
  toggleRemoved(on) {
    state.showRemoved = on;
    $('panel-cleaned').querySelector('.cleaned-text')?.classList.toggle('hide-removed', !on);
  },
  copy,
  download: (name, text) => download(name, 'text/plain;charset=utf-8', text),
};

const duplicateActions = {
  openPair(a, b, pair = { a, b }) {
    state.pair = pair;
    state.dirty.add('duplicates');
    renderPanel('duplicates');
    const view = document.querySelector('#panel-duplicates .side-by-side');
    if (view) {
      view.focus({ preventScroll: true });
      view.scrollIntoView({ block: 'start' });
    }
  },
  closePair() {
    state.pair = null;
    state.dirty.add('duplicates');
    renderPanel('duplicates');
  },
  openDoc(i) {
    state.cleanedIndex = i;
    state.detail = null;
    state.dirty.add('cleaned');
    selectView('cleaned', true);
  },
  /** A group member against its representative: the scored pair when every pair was scored,
   * else the two documents analysed on their own. */
  async compare(x, y) {
    const [a, b] = [Math.min(x, y), Math.max(x, y)];
    if (state.report.pairs?.length) return duplicateActions.openPair(a, b);
    const report = state.report;
    const docs = [state.reportDocs[a], state.reportDocs[b]];
    // The workers are set up for the big corpus (no pairs scored); a comparison needs them
    // scored, and must not change the settings under a running job.
    if (running) {
      toast('Wait until the analysis has finished, then compare.');
      return;
    }
    const pair = { a, b, loading: true };
    duplicateActions.openPair(a, b, pair);
    try {
      await applyConfig(false);
      pair.report = await pool.main.call('analyze', [await inputsOf(docs), overridesFor(docs)]);
    } catch (err) {
      if (!(err instanceof Cancelled)) showMessage(`The two documents could not be compared: ${err.message}`);
    }
    pair.loading = false;
    if (state.pair !== pair || state.report !== report) return;
    if (!pair.report) {
      state.pair = null;
      state.dirty.add('duplicates');
      if (state.view === 'duplicates') renderPanel('duplicates');
      return;
    }
    if (state.view === 'duplicates') duplicateActions.openPair(a, b, pair);
    else state.dirty.add('duplicates');
  },
};

/** A big corpus's KWIC lines, found by the workers that hold its bodies; the view shows
 * "loading" until they answer. Kept on the report (not enumerable: not exported). */
async function loadKwic(report, term) {
  if (!report.kwic) Object.defineProperty(report, 'kwic', { value: {} });
  report.kwic[term] = 'loading';
  try {
    report.kwic[term] = await report.shards.kwic(term, report.documents);
  } catch (err) {
    delete report.kwic[term];
    if (!(err instanceof Cancelled)) showMessage(`“${term}” could not be looked up in the texts: ${err.message}`);
  }
  if (state.report !== report) return;
  state.dirty.add('keywords');
  if (state.view !== 'keywords') return;
  const focused = document.activeElement?.closest?.('#panel-keywords .kwic');
  renderPanel('keywords');
  if (focused) document.querySelector('#panel-keywords .kwic')?.focus({ preventScroll: true });
}

const keywordActions = {
  term(t) {
    state.term = t;
    if (state.report.shards && !state.report.kwic?.[t]) loadKwic(state.report, t);
    state.dirty.add('keywords');
    renderPanel('keywords');
    const k = document.querySelector('#panel-keywords .kwic');
    if (k) {
      k.focus({ preventScroll: true });
      k.scrollIntoView({ block: 'nearest' });
    }
  },
  tab(id) {
    state.kwTab = id;
  },
};

function selectView(view, focus = false) {
  state.view = view;
  for (const p of PANELS) {
    const tab = $(`tab-${p}`);
    const on = p === view;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${p}`).hidden = !on;
  }
  renderPanel(view);
  if (focus) $(`tab-${view}`).focus();
}

// ----- export, copy, toast -----

function copy(text, done = 'Copied') {
  navigator.clipboard.writeText(text).then(
    () => toast(done),
    () => toast('Copying was refused by the browser; use the download instead.'),
  );
}

let toastTimer = 0;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => t.classList.remove('show'), 2500);
}

/** Hides the note if it still says `text` (a later note stays). */
function hideToast(text) {
  const t = $('toast');
  if (t.textContent !== text) return;
  clearTimeout(toastTimer);
  t.classList.remove('show');
}

/** The report as exported: with the problems met while reading files and the documents that
 * could not be analysed, so the file is the whole story. */
async function exportReport() {
  const r = state.report;
  const failures = state.failures.map((f) => ({ name: f.name, line: null, message: `could not be analysed: ${f.message}` }));
  // A big corpus's whole reports are in the workers (see ShardSet): gathered for the file.
  const documents = r.shards ? await r.shards.documents(r.documents) : r.documents;
  return { ...r, documents, warnings: [...state.warnings, ...(r.warnings || []), ...failures] };
}

/** Every document's whole report (the tests and the benchmark; exports use `exportReport`). */
async function fullDocuments() {
  const r = state.report;
  return r?.shards ? r.shards.documents(r.documents) : r?.documents ?? [];
}

/** Runs `use(report)` with the report as exported; a big corpus's is gathered from the workers
 * first. */
async function exported(use) {
  if (state.report?.shards) toast('Gathering the report from the workers…');
  try {
    use(await exportReport());
  } catch (err) {
    if (!(err instanceof Cancelled)) showMessage(`The export failed: ${err.message}`);
  }
}

function buildExportMenu() {
  const items = $('export-items');
  items.append(h('p', { class: 'muted small export-note' }, 'Everything in the results, as files for a spreadsheet or a script. One document\u2019s cleaned text: “Download .txt” on the Cleaned tab.'));
  for (const e of EXPORTS) {
    items.append(
      h('div', { class: 'export-row' },
        h('span', {}, e.label),
        h('button', { type: 'button', class: 'small', dataset: { export: e.id }, disabled: true, onclick: () => exported((r) => download(e.file, e.type, e.build(r))) }, 'Download'),
        h('button', { type: 'button', class: 'small secondary', dataset: { copy: e.id }, disabled: true, 'aria-label': `Copy ${e.label}`, onclick: () => exported((r) => copy(e.build(r), `${e.label} copied`)) }, 'Copy')),
    );
  }
}

// ----- wiring -----

function wire() {
  $('analyze').addEventListener('click', () => analyze());
  $('example').addEventListener('click', () => loadExample().catch((e) => e instanceof Cancelled || showMessage(`The example could not be loaded: ${e.message}`)));
  $('cancel').addEventListener('click', cancel);
  $('add-another').addEventListener('click', () => {
    const ta = $('paste');
    const text = ta.value.replace(/\s+$/, '');
    ta.value = text ? `${text}\n\n---\n\n` : '';
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
  });
  $('clear').addEventListener('click', () => {
    job++;
    state.sources = [];
    state.pasted = null;
    state.warnings = [];
    state.failures = [];
    state.message = null;
    state.keep.clear();
    $('paste').value = '';
    renderDocs();
    renderProblems();
    clearResults();
    progress.idle('');
  });
  const report = (e) => showMessage(`Reading stopped: ${e.message}`);
  $('files').addEventListener('change', (e) => {
    const files = [...e.target.files];
    e.target.value = '';
    addFiles(files).catch(report);
  });
  $('folder').addEventListener('change', (e) => {
    const all = [...e.target.files];
    e.target.value = '';
    const files = all.filter((f) => isAccepted(f.name));
    const skipped = all.filter((f) => !isAccepted(f.name)).map((f) => f.webkitRelativePath || f.name);
    addFiles(files, skipped).catch(report);
  });
  const drop = $('drop');
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    try {
      const { files, skipped } = await droppedFiles(e.dataTransfer);
      await addFiles(files, skipped);
    } catch (err) {
      report(err);
    }
  });
  // A drop anywhere else must not navigate away from the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  for (const p of PANELS) $(`tab-${p}`).addEventListener('click', () => selectView(p));
  $('tabs').addEventListener('keydown', (e) => {
    const i = PANELS.indexOf(state.view);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    selectView(PANELS[(next + PANELS.length) % PANELS.length], true);
  });
  for (const s of SETTINGS) $(s.id).addEventListener('change', (e) => onSettingChange(s, e.target));
  $('reset-settings').addEventListener('click', () => {
    state.settings = {};
    writeHash();
    showSettings();
    if (state.report) analyze();
  });
  window.addEventListener('hashchange', () => {
    state.settings = readHash();
    showSettings();
    if (state.report) analyze();
  });
  buildExportMenu();
  // The export menu closes like a menu: on a click elsewhere and on Escape.
  const menu = $('export');
  document.addEventListener('click', (e) => {
    if (e.isTrusted && menu.open && !menu.contains(e.target)) menu.open = false;
  });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menu.open) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
}

async function main() {
  progress = new Progress($('progress'));
  progress.idle('Ready. Nothing you add leaves this tab.');
  state.settings = readHash();
  pool = new Pool(undefined);
  wire();
  showSettings();
  renderDocs();
  renderResults(true);
  selectView('cleaned');
  // The engines' defaults fill the settings form (the hash holds only what the user changed).
  pool.main.call('configure', [undefined]).then((defaults) => {
    state.defaults = defaults;
    showSettings();
  });
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('./sw.js').catch(() => {});
  }
  document.body.dataset.ready = 'true';
}

// For the in-page benchmark and the tests: the same entry points a person uses.
window.articleAnalyzer = { state, analyze, addFiles, loadExample, cancel, fullDocuments, render: () => renderResults(true), get pool() { return pool; } };

main();
