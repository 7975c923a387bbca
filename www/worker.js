// One analysis worker: loads the wasm module once, keeps one Analyzer, and answers requests
// {id, method, args} with {id, result} or {id, error, fatal}. The main thread never calls wasm;
// bridge.js sends one request at a time, so a crash can be pinned on the request in flight.
import init, { Analyzer } from './pkg/article_analyzer.js';

const ready = init({ module_or_path: new URL('./pkg/article_analyzer_bg.wasm', import.meta.url) });
let analyzer = null;
let staged = [];

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
    delete c.html;
  }
  return report;
}

const methods = {
  configure(config) {
    if (analyzer) analyzer.free();
    analyzer = null;
    analyzer = new Analyzer(config);
    return analyzer.config();
  },
  readFile(name, bytes) {
    return analyzer.readFile(name, new Uint8Array(bytes));
  },
  readJsonlChunk(name, bytes, firstLine) {
    return analyzer.readJsonlChunk(name, new Uint8Array(bytes), firstLine);
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
   * per-block detail (the opened document's detail is fetched with `analyze`). */
  analyzeShard(documents, overrides) {
    return slim(analyzer.analyzeShard(documents, overrides));
  },
  cluster(bodies) {
    return analyzer.cluster(bodies);
  },
  /** Big corpora send their bodies in batches (each message cheap for the main thread to
   * send), then cluster what was staged. */
  stageBodies(bodies, first) {
    if (first) staged = [];
    for (const b of bodies) staged.push(b);
    return staged.length;
  },
  clusterStaged() {
    const bodies = staged;
    staged = [];
    return analyzer.cluster(bodies);
  },
};

self.onmessage = async (event) => {
  const { id, method, args } = event.data;
  try {
    await ready;
    if (!analyzer && method !== 'configure') analyzer = new Analyzer(undefined);
    const fn = methods[method];
    if (!fn) throw new Error(`unknown method ${method}`);
    const result = fn(...args);
    self.postMessage({ id, result });
  } catch (err) {
    // A wasm trap (a panic, an out-of-memory) leaves the instance unusable: say so, and the
    // bridge replaces this worker.
    const fatal = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
    self.postMessage({ id, error: String((err && err.message) || err), fatal });
  }
};
