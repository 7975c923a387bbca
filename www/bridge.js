// The only way the page talks to wasm. A Bridge owns one module worker and a queue of requests,
// at most PIPELINE of them handed to the worker at once; a Pool owns several bridges for big
// corpora. Cancelling terminates the
// workers and starts fresh ones (the only way to stop wasm mid-call); a worker that crashes is
// replaced and the request it was running fails with a WorkerCrash naming it.

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export class WorkerCrash extends Error {
  constructor(message) {
    super(message);
    this.name = 'WorkerCrash';
  }
}

let nextId = 1;

/** Requests a worker holds at once: the one it runs and the next. It then starts the next the
 * moment it is done, instead of idling while the page receives a result (a shard of 256
 * articles takes the main thread 10-20 ms to receive, far longer on a loaded machine). The
 * worker runs them in order, so a crash is still pinned on the first one in flight. */
const PIPELINE = 2;

/** The core wasm module, compiled once (off the main thread, while the bytes stream in) and
 * handed to every worker: a second worker, or one started after Cancel or a crash, only
 * instantiates it, and V8 shares the optimised code between them. Null when it cannot be
 * compiled here; each worker then loads it itself. */
let coreModule = null;
function compiledCore() {
  coreModule ||= (async () => {
    const url = new URL('./pkg/article_analyzer_bg.wasm', import.meta.url);
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch {
      try {
        return await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
      } catch {
        return null;
      }
    }
  })();
  return coreModule;
}

export class Bridge {
  /** @param {object|undefined} config the Analyzer settings every fresh worker starts with */
  constructor(config) {
    this.config = config;
    this.queue = [];
    /** Requests handed to the worker, oldest (the one it runs) first. */
    this.inflight = [];
    /** Called when the bridge has room for another request. */
    this.onRoom = null;
    this.start();
  }

  start() {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker = worker;
    /** Counts the workers this bridge started: state kept in a worker (staged sketches) is
     * gone when it changes. */
    this.generation = (this.generation || 0) + 1;
    compiledCore().then((module) => worker.postMessage({ module }));
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.crash(event.message || 'the analysis worker stopped');
    };
    // Settings first: every later request runs with them.
    this.queue.unshift({ id: nextId++, method: 'configure', args: [this.config], transfer: [], resolve: (c) => { this.defaults = c; }, reject: () => {} });
    this.pump();
  }

  /** The request the worker is running. */
  get current() {
    return this.inflight[0] ?? null;
  }

  get busy() {
    return this.inflight.length > 0 || this.queue.length > 0;
  }

  /** Whether another request would be handed to the worker at once. */
  get hasRoom() {
    return this.inflight.length + this.queue.length < PIPELINE;
  }

  /** Queues `method(...args)` in the worker; resolves with its result. */
  call(method, args = [], transfer = []) {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: nextId++, method, args, transfer, resolve, reject });
      this.pump();
    });
  }

  configure(config) {
    this.config = config;
    return this.call('configure', [config]);
  }

  pump() {
    while (this.inflight.length < PIPELINE && this.queue.length > 0) {
      const job = this.queue.shift();
      this.inflight.push(job);
      this.send(job);
    }
  }

  send(job) {
    this.worker.postMessage({ id: job.id, method: job.method, args: job.args }, job.transfer);
  }

  receive(data) {
    const { id, result, error, fatal } = data;
    const k = this.inflight.findIndex((j) => j.id === id);
    if (k === -1) return;
    if (error !== undefined && fatal) {
      this.crash(error, this.inflight[k]);
      return;
    }
    const [job] = this.inflight.splice(k, 1);
    // A shard whose reports stay in this worker says where they are, for as long as this
    // worker lives (see `stored` in worker.js).
    const shard = result && (result.report ?? result);
    if (shard && shard.stored) Object.assign(shard.stored, { bridge: this, generation: this.generation });
    if (error !== undefined) job.reject(new Error(error));
    else job.resolve(result);
    this.pump();
    this.roomMade();
  }

  roomMade() {
    if (this.hasRoom && this.onRoom) this.onRoom();
  }

  /** The worker died on `culprit` (by default the request it was running). The requests
   * behind it go to the fresh worker, except those whose buffers went to the dead one. */
  crash(message, culprit = this.current) {
    const others = this.inflight.filter((j) => j !== culprit);
    this.inflight = [];
    const retry = [];
    for (const j of others) {
      if (j.transfer && j.transfer.length) j.reject(new WorkerCrash(`the worker stopped before this request ran (${message})`));
      else retry.push(j);
    }
    this.queue.unshift(...retry);
    this.restart(); // the fresh worker gets its settings first, then the retried requests
    if (culprit) culprit.reject(new WorkerCrash(message));
    this.roomMade();
  }

  restart() {
    this.worker.terminate();
    this.start();
  }

  /** Stops whatever runs, rejects everything queued, and starts a fresh worker. */
  cancel() {
    const pending = [...this.inflight, ...this.queue];
    this.inflight = [];
    this.queue = [];
    this.worker.terminate();
    for (const job of pending) job.reject(new Cancelled());
    this.start();
  }
}

/** The worker count: one per core, capped at 8 (each holds its own wasm memory). */
export const POOL_SIZE = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));

export class Pool {
  constructor(config, size = POOL_SIZE) {
    this.bridges = Array.from({ length: Math.max(1, size) }, () => new Bridge(config));
    this.waiting = [];
    for (const b of this.bridges) b.onRoom = () => this.dispatch();
  }

  get size() {
    return this.bridges.length;
  }

  /** Asks every worker to forget the stored shards but those of `keep` ([{key, bridge}]). */
  dropStored(keep = []) {
    for (const b of this.bridges) {
      const keys = keep.filter((s) => s.bridge === b && s.generation === b.generation).map((s) => s.key);
      b.call('dropStored', [keys]).catch(() => {});
    }
  }

  /** The first bridge: small jobs (the example, a few pasted articles) run there. */
  get main() {
    return this.bridges[0];
  }

  /** Runs `method(...args)` on the next worker with room (see PIPELINE). */
  run(method, args = [], transfer = []) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ method, args, transfer, resolve, reject });
      this.dispatch();
    });
  }

  dispatch() {
    for (const b of this.bridges) {
      if (this.waiting.length === 0) return;
      if (!b.hasRoom) continue;
      const task = this.waiting.shift();
      b.call(task.method, task.args, task.transfer).then(task.resolve, task.reject);
    }
  }

  configure(config) {
    return Promise.all(this.bridges.map((b) => b.configure(config)));
  }

  cancel() {
    const waiting = this.waiting;
    this.waiting = [];
    for (const t of waiting) t.reject(new Cancelled());
    for (const b of this.bridges) b.cancel();
  }
}
