// One analysis worker: loads the wasm module once, keeps one Analyzer, and answers requests
// {id, method, args} with {id, result} or {id, error, fatal}. The main thread never calls wasm;
// bridge.js sends one request at a time, so a crash can be pinned on the request in flight.
//
// Two modules: the core one (pkg/) starts with the worker; the HTML one (pkg-html/, the same
// engines plus HTML mode) is fetched only when the core module refuses a document with a
// "NeedsHtml" error. The worker then switches to it for good (it does everything the core one
// does) and repeats the request, so text-only users never download HTML mode. A third, the
// clustering module (pkg-cluster/), is loaded by the one worker that clusters a big corpus.
import initCore, * as core from './pkg/article_analyzer.js';
import { kwic } from './kwic.js';

/** The bridge posts the core module it compiled once for all workers ({module}); null means
 * it could not, and the worker fetches and compiles it itself. */
let receiveModule;
const ready = new Promise((resolve) => (receiveModule = resolve)).then((module) =>
  initCore({ module_or_path: module || new URL('./pkg/article_analyzer_bg.wasm', import.meta.url) }),
);
/** The module in use: core until an HTML document arrives. */
let wasm = core;
/** The settings the analyzer was built with, to rebuild it in the HTML module. */
let settings;
let analyzer = null;
let htmlModule = null;

/** Loads the HTML module (once) and moves the analyzer into it. */
async function switchToHtml() {
  htmlModule ||= import('./pkg-html/article_analyzer.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg-html/article_analyzer_bg.wasm', import.meta.url) });
    return m;
  }).catch((err) => {
    htmlModule = null; // offline, say: the next HTML document tries again
    throw new Error(`HTML mode could not be loaded (${err.message || err}); the page needs the network once for HTML documents. Text documents still work.`);
  });
  const m = await htmlModule;
  if (wasm === m) return;
  const next = new m.Analyzer(settings);
  if (analyzer) analyzer.free();
  analyzer = next;
  wasm = m;
}

/** The analyzer that clusters big corpora from their shards' sketches and merges their term
 * table, in the clustering module (pkg-cluster/: the core engines plus the clustering worker's
 * methods), which only this worker loads, on the first shard of a corpus of more than 200
 * documents; a switch to the HTML module mid-corpus keeps what it has staged. Built on first use
 * with the current settings; a promise, so requests that wait for it keep their order. */
let clusterer = null;
let clusterModule = null;
/** The bodies the last `finishClusters` was given, kept for `termTable`, which reads them
 * again, so they cross from the page once. */
let lastBodies = null;
/** Bodies sent ahead in parts (`sendBodies`), for the next `finishClusters` or `termTable`. */
let sentBodies = [];
/** The bodies sent since the last call that took them; empties the parts. */
function takeSent() {
  const all = sentBodies;
  sentBodies = [];
  return all;
}
function stager() {
  clusterModule ||= import('./pkg-cluster/article_analyzer.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg-cluster/article_analyzer_bg.wasm', import.meta.url) });
    return m;
  }).catch((err) => {
    clusterModule = null; // the next corpus tries again
    throw new Error(`clustering could not be loaded (${err.message || err})`);
  });
  clusterer ||= clusterModule.then((m) => new m.Analyzer(settings)).catch((err) => {
    clusterer = null;
    throw err;
  });
  return clusterer;
}

/** Fields a big-corpus job does not need on the main thread: the per-block detail is fetched
 * again for the one document the user opens, so 100,000 documents do not hold every line twice.
 * In corpus mode (`analyzeShard`) the core already leaves the lists out and sends their
 * counts, so nothing large is built as JS objects at all. */
function slim(report) {
  for (const doc of report.documents) {
    const c = doc.cleaned;
    c.removedCount = doc.removedCount ?? (Array.isArray(c.removed) ? c.removed.length : 0);
    c.blockCount = doc.blockCount ?? (Array.isArray(c.blocks) ? c.blocks.length : 0);
    delete c.blocks;
    delete c.removed;
    delete c.paragraphs;
  }
  return report;
}

/** A big corpus's documents as analysed here: each shard's reports (compact, per-line detail
 * already left out) stay in the worker that analysed them, under a key, and the page keeps only
 * rows (every field but the cleaned body), so the main thread's heap does not hold 100,000
 * bodies (and its GC pauses stay short). The page fetches bodies and whole reports by key when
 * a view or an export needs them, and drops the keys of a report it no longer shows. */
const stored = new Map();
let storedKeys = 0;

/** Key phrases per row (see `store`). */
const KEYWORDS_ON_PAGE = 3;

/** A key phrase as the views draw it (no scoring features: those are in the exports). */
const phraseRow = (k) => ({ term: k.term, score: k.score, count: k.count, words: k.words });

/** Keeps a shard report's documents here and sends rows instead (`stored: {key}`). */
function store(report) {
  const key = ++storedKeys;
  stored.set(key, report.documents);
  report.stored = { key };
  report.documents = report.documents.map((d) => {
    const { body, ...cleaned } = d.cleaned;
    // The first key phrases as the views draw them (the Per document table shows three; every
    // phrase is in the exports). Ten objects a row made the page's heap, and its garbage
    // collector's pauses, a third bigger at 100,000 rows.
    const keywords = (d.keywords || []).slice(0, KEYWORDS_ON_PAGE).map(phraseRow);
    // The per-document term lists are read by the exports only, from here: two objects fewer
    // per row for the page's garbage collector to walk.
    const { terms, distinctiveTerms, ...row } = d;
    return { ...row, cleaned, keywords };
  });
  return report;
}

/** A corpus's cluster list (one object per document) as typed columns, moved to the page
 * without a copy; the receipts of the members that have one (about one document in ten) wait
 * here for the page to ask for them a part at a time (`clusterReceipts`): 100,000 objects
 * cloned into the page in one message cost its main thread one task of 40-60 ms to read,
 * while the page builds the same list from columns a slice at a time (`unpackClusters` in
 * app.js). */
function packClusters(list) {
  const n = list.length;
  const columns = {
    doc: new Uint32Array(n),
    cluster: new Uint32Array(n),
    size: new Uint32Array(n),
    score: new Float64Array(n),
    // Bit 0: representative; bit 1: exact duplicate.
    flags: new Uint8Array(n),
  };
  const receiptAt = [];
  const receipts = [];
  list.forEach((c, i) => {
    columns.doc[i] = c.doc;
    columns.cluster[i] = c.cluster;
    columns.size[i] = c.size;
    columns.score[i] = c.score;
    columns.flags[i] = (c.representative ? 1 : 0) | (c.exactDuplicate ? 2 : 0);
    if (c.receipt !== null && c.receipt !== undefined) {
      receiptAt.push(i);
      receipts.push(c.receipt);
    }
  });
  columns.receiptAt = Uint32Array.from(receiptAt);
  pendingReceipts = receipts;
  return { columns, receiptCount: receipts.length };
}
/** The receipts of the last `packClusters`, until the page has read them (`clusterReceipts`). */
let pendingReceipts = [];

/** The bytes of an ArrayBuffer, a Blob, or a range of a dropped file ({file, start, end}), read
 * by the worker so the page never copies them. */
async function bytesOf(data) {
  if (data && data.file instanceof Blob) data = data.file.slice(data.start, data.end);
  return new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data);
}

const methods = {
  configure(config) {
    const next = new wasm.Analyzer(config);
    if (analyzer) analyzer.free();
    analyzer = next;
    settings = config;
    if (clusterer) clusterer.then((c) => c.free(), () => {});
    clusterer = null;
    return analyzer.config();
  },
  readFile(name, bytes) {
    return analyzer.readFile(name, new Uint8Array(bytes));
  },
  /** `bytes`: an ArrayBuffer, or a Blob (a slice of the file, read here). */
  async readJsonlChunk(name, bytes, firstLine) {
    return analyzer.readJsonlChunk(name, await bytesOf(bytes), firstLine);
  },
  splitPasted(text) {
    return analyzer.splitPasted(text);
  },
  clean(text, format, overrides) {
    return analyzer.clean(text, format, overrides);
  },
  similarity(a, b) {
    return analyzer.similarity(a, b);
  },
  analyze(documents, overrides) {
    return analyzer.analyze(documents, overrides);
  },
  /** A shard of a big corpus, in the core's corpus mode: the per-document analysis without the
   * per-block detail (the opened document's detail is fetched with `analyze`), and the
   * shard's dedup sketches packed in one Uint32Array (`sketches`, transferred, not copied). */
  analyzeShard(documents, overrides) {
    return store(slim(analyzer.analyzeShard(documents, overrides)));
  },
  /** Clusters bodies at once (the fallback when the clustering worker was replaced mid-corpus),
   * in the clustering module. */
  async cluster(bodies) {
    return (await stager()).cluster(bodies);
  },
  /** The whole reports of a stored shard (null when this worker does not have it: it was
   * replaced since). */
  storedDocuments(key) {
    return stored.get(key) ?? null;
  },
  /** Every key phrase of each document of a stored shard (null when it is not here). */
  storedKeywords(key) {
    const docs = stored.get(key);
    return docs ? docs.map((d) => (d.keywords || []).map(phraseRow)) : null;
  },
  /** The cleaned bodies of documents `locals` of a stored shard (null when it is not here). */
  storedBodies(key, locals) {
    const docs = stored.get(key);
    return docs ? locals.map((i) => docs[i]?.cleaned?.body ?? '') : null;
  },
  /** The same bodies as UTF-8 in one buffer (`bytes`, body k ending at `ends[k]`), which the
   * page hands on to the clustering worker without reading it (see `sendBodies`). */
  storedBodiesPacked(key, locals) {
    const bodies = methods.storedBodies(key, locals);
    if (!bodies) return null;
    const encoder = new TextEncoder();
    const parts = bodies.map((b) => encoder.encode(b));
    const ends = new Uint32Array(parts.length);
    let total = 0;
    parts.forEach((p, k) => (ends[k] = total += p.length));
    const bytes = new Uint8Array(total);
    parts.forEach((p, k) => bytes.set(p, k ? ends[k - 1] : 0));
    return { bytes, ends };
  },
  /** Keyword in context over stored shards (`shards`: [{key, at}], in corpus order): the first
   * `max` hits, numbered in the corpus, leaving out the documents `skip` (the page holds them
   * whole); null when a shard is not here. */
  storedKwic(shards, term, max, skip) {
    const hits = [];
    const skipped = new Set(skip);
    const none = { cleaned: { body: '' } };
    for (const { key, at } of shards) {
      const docs = stored.get(key);
      if (!docs) return null;
      if (hits.length >= max) continue;
      const searched = skipped.size ? docs.map((d, j) => (skipped.has(at + j) ? none : d)) : docs;
      for (const hit of kwic({ documents: searched }, term, max - hits.length)) hits.push({ ...hit, doc: hit.doc + at });
    }
    return hits;
  },
  /** Forgets every stored shard but those of `keep` (keys). */
  dropStored(keep) {
    const wanted = new Set(keep);
    for (const key of stored.keys()) if (!wanted.has(key)) stored.delete(key);
  },
  /** A big JSONL's chunk of whole lines, read and then analysed at once as one shard (as
   * `analyzeShard`, no overrides: the documents are new), so its texts never travel to the
   * page and back before cleaning. The page gets the documents it keeps (without their texts:
   * it keeps the chunk's bytes), the reading warnings, and the shard's report (rows; see
   * `store`) with its packed sketches. */
  async readAnalyzeChunk(name, bytes, firstLine) {
    const read = analyzer.readJsonlChunk(name, await bytesOf(bytes), firstLine);
    const report = read.documents.length ? store(slim(analyzer.analyzeShard(read.documents, []))) : null;
    // The page keeps the chunk's bytes, not its texts (input.js).
    const documents = read.documents.map(({ text, ...d }) => d);
    return { documents, warnings: read.warnings, report };
  },
  /** Big corpora send each shard's packed sketches here as the shard is done, with the index
   * of its first document; they are unpacked into the clustering analyzer at once, so the
   * buffer is freed. The shard's packed term table share (`terms`) is merged into the corpus
   * term table here too, off the main thread. `reset` starts a new corpus. */
  async stageShard(sketches, at, reset, terms) {
    const c = await stager();
    if (reset) c.clearStaged();
    if (sketches) c.stageSketches(sketches, at);
    if (terms) c.stageTerms(terms, at);
  },
  /** The corpus term table merged from the staged shards' shares ({terms, stories, documents,
   * shards}), after counting the copies of each story once across shards: `docs` are the
   * documents `clusterStaged` returned, then `extra` ones (members of a shard's clusters of
   * copies that the corpus did not group), `from`/`to` their shard and corpus clusters,
   * `headlines` their keyword headlines; the bodies are the ones `finishClusters` was given,
   * then the ones sent since (`sendBodies`). */
  async termTable(docs, from, to, headlines) {
    const c = await stager();
    const bodies = (lastBodies || []).concat(takeSent());
    lastBodies = null;
    // `from` and `to` come as Uint32Arrays (moved, not copied, from the page).
    if (docs.length === bodies.length) c.regroupTerms(Uint32Array.from(from), Uint32Array.from(to), headlines, bodies);
    return c.stagedTerms();
  },
  /** Clusters the staged corpus (LSH and verification: the sketches are made) and returns
   * the documents whose cleaned bodies the receipts need, for `finishClusters`. */
  async clusterStaged(count) {
    return (await stager()).clusterStaged(count);
  },
  /** The clusters of the last `clusterStaged` as columns (see `packClusters`). */
  async finishClusters() {
    const c = await stager();
    lastBodies = takeSent();
    return packClusters(c.finishClusters(lastBodies));
  },
  /** Receipts `from` to `to` of the last `finishClusters`; the last part forgets them. */
  clusterReceipts(from, to) {
    const part = pendingReceipts.slice(from, to);
    if (to >= pendingReceipts.length) pendingReceipts = [];
    return part;
  },
  /** Part of the bodies of the next `finishClusters` or `termTable`: 20,000 bodies in one
   * message took the page's main thread over 100 ms to send. */
  sendBodies(bodies) {
    if (Array.isArray(bodies)) {
      for (const b of bodies) sentBodies.push(b);
      return;
    }
    // Packed by `storedBodiesPacked`.
    const decoder = new TextDecoder();
    let from = 0;
    for (const end of bodies.ends) {
      sentBodies.push(decoder.decode(bodies.bytes.subarray(from, end)));
      from = end;
    }
  },
};

/** Requests run one after another, in the order they came, though some wait (for a Blob's bytes,
 * for the clustering module): the bridge pins a crash on the oldest request in flight. */
let queue = Promise.resolve();

self.onmessage = (event) => {
  if ('module' in event.data) {
    receiveModule(event.data.module);
    return;
  }
  queue = queue.then(() => handle(event.data));
};

async function handle({ id, method, args }) {
  try {
    await ready;
    if (!analyzer && method !== 'configure') analyzer = new wasm.Analyzer(undefined);
    const fn = methods[method];
    if (!fn) throw new Error(`unknown method ${method}`);
    let result;
    try {
      result = await fn(...args);
    } catch (err) {
      if (!(err && err.name === 'NeedsHtml')) throw err;
      await switchToHtml();
      result = await fn(...args);
    }
    // A shard's packed sketches and term table share move to the page without a copy.
    const shard = result && (result.report ?? result);
    // So do packed clusters' columns.
    const transfer = [shard?.sketches, shard?.terms, result?.bytes, result?.ends, ...Object.values(result?.columns ?? {})].filter((a) => ArrayBuffer.isView(a)).map((a) => a.buffer);
    self.postMessage({ id, result }, transfer);
  } catch (err) {
    // A wasm trap (a panic, an out-of-memory) leaves the instance unusable: say so, and the
    // bridge replaces this worker.
    const fatal = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
    self.postMessage({ id, error: String((err && err.message) || err), fatal });
  }
}
