// The only way the page talks to wasm. A Bridge owns one module worker and a queue of requests,
// sent one at a time; a Pool owns several bridges for big corpora. Cancelling terminates the
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
    this.current = null;
    this.onIdle = null;
    this.start();
  }

  start() {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker = worker;
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

  get busy() {
    return this.current !== null || this.queue.length > 0;
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
    if (this.current || this.queue.length === 0) return;
    this.current = this.queue.shift();
    const { id, method, args, transfer } = this.current;
    this.worker.postMessage({ id, method, args }, transfer);
  }

  receive({ id, result, error, fatal }) {
    const job = this.current;
    if (!job || job.id !== id) return;
    this.current = null;
    if (error !== undefined) {
      if (fatal) {
        this.restart();
        job.reject(new WorkerCrash(error));
      } else {
        job.reject(new Error(error));
      }
    } else {
      job.resolve(result);
    }
    this.pump();
    if (!this.busy && this.onIdle) this.onIdle();
  }

  crash(message) {
    const job = this.current;
    this.current = null;
    this.restart();
    if (job) job.reject(new WorkerCrash(message));
    this.pump();
    if (!this.busy && this.onIdle) this.onIdle();
  }

  restart() {
    this.worker.terminate();
    this.start();
  }

  /** Stops whatever runs, rejects everything queued, and starts a fresh worker. */
  cancel() {
    const pending = [this.current, ...this.queue].filter(Boolean);
    this.current = null;
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
    for (const b of this.bridges) b.onIdle = () => this.dispatch();
  }

  get size() {
    return this.bridges.length;
  }

  /** The first bridge: small jobs (the example, a few pasted articles) run there. */
  get main() {
    return this.bridges[0];
  }

  /** Runs `method(...args)` on the next idle worker. */
  run(method, args = [], transfer = []) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ method, args, transfer, resolve, reject });
      this.dispatch();
    });
  }

  dispatch() {
    for (const b of this.bridges) {
      if (this.waiting.length === 0) return;
      if (b.busy) continue;
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
