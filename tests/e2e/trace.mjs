// What the page's main thread does in each of its long tasks while a big corpus is dropped as a
// user drops it (a JSONL file on disk): a Chromium performance trace (the DevTools timeline
// categories plus V8's sampling profiler), from which every main-thread task over LONG ms is
// printed with the events inside it (function calls, message events, GC, layout) and the
// functions the profiler found running. Not a test:
// `N=100000 node tests/e2e/trace.mjs` (N defaults to 100,000; LONG to 40 ms; the JSONL is
// written to /tmp, the trace to test-results/trace-N.json).
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, open, RESULTS } from './helpers.mjs';
import { generateCorpus } from '../../www/bench-corpus.js';

const N = Number(process.env.N || 100000);
const LONG = Number(process.env.LONG || 40);
const path = `/tmp/article-analyzer-${N}.jsonl`;
if (!existsSync(path)) {
  const out = createWriteStream(path);
  for (let first = 1; first <= N; first += 10000) out.write(generateCorpus(Math.min(10000, N - first + 1), 0, { seed: first, first }));
  await new Promise((ok) => out.end(ok));
}
const tracePath = join(RESULTS, `trace-${N}.json`);
// REUSE=1 reads the trace of the last run again.
if (!process.env.REUSE) {
const env = await setup();
const { page } = await open(env);
await page.waitForTimeout(500);
await env.browser.startTracing(page, {
  path: tracePath,
  categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'],
});
const t0 = Date.now();
await page.setInputFiles('#files', path);
// Polled by a timer, not every frame, so the harness adds little to the page's main thread.
await page.waitForFunction(() => Number(document.body.dataset.analysed || 0) >= 1 && !document.body.classList.contains('busy'), null, { timeout: 1200000, polling: 500 });
await page.waitForTimeout(300);
console.log('wall', (Date.now() - t0) / 1000, 's');
await env.browser.stopTracing();
// What the page itself holds once the results are shown.
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.collectGarbage');
console.log('page JS heap after GC', Math.round((await cdp.send('Runtime.getHeapUsage')).usedSize / 1048576), 'MB');
await env.close();
}

const trace = JSON.parse(readFileSync(tracePath, 'utf8'));
const events = trace.traceEvents || trace;
// The page's main thread: the renderer thread named CrRendererMain that ran the most script.
const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
const busy = new Map();
for (const e of events) if (e.name === 'FunctionCall' && mains.includes(`${e.pid}:${e.tid}`)) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) || 0) + (e.dur || 0));
const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main);
const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.dur > LONG * 1000);

// The sampling profiler's samples on the main thread: [time, stack of frames].
const nodes = new Map();
const samples = [];
let clock = null;
// The chunks come from the sampler's thread, tied to the main thread's Profile by its id.
const profile = events.find((e) => e.name === 'Profile' && `${e.pid}:${e.tid}` === main);
for (const e of events) {
  if (e === profile) clock = e.args.data.startTime;
  if (e.name !== 'ProfileChunk' || !profile || e.id !== profile.id || e.pid !== profile.pid) continue;
  const p = e.args.data.cpuProfile || {};
  for (const n of p.nodes || []) nodes.set(n.id, n);
  const deltas = e.args.data.timeDeltas || [];
  (p.samples || []).forEach((id, i) => {
    clock += deltas[i] || 0;
    samples.push([clock, id]);
  });
}
const frame = (id) => {
  const n = nodes.get(id);
  if (!n) return '?';
  const f = n.callFrame;
  return `${f.functionName || '(anon)'} ${(f.url || '').split('/').pop()}:${f.lineNumber + 1}`;
};
const stack = (id) => {
  const out = [];
  for (let n = nodes.get(id); n && out.length < 6; n = nodes.get(n.parent)) out.push(frame(n.id));
  return out;
};

const describe = (e) => {
  const d = e.args?.data || {};
  if (e.name === 'FunctionCall') return `FunctionCall ${d.functionName || '(anon)'} ${(d.url || '').split('/').pop()}:${d.lineNumber}`;
  if (e.name === 'EventDispatch') return `EventDispatch ${d.type}`;
  return e.name + (d.type ? ` ${d.type}` : '');
};
console.log(`main thread ${main}: ${tasks.length} tasks over ${LONG} ms`);
const start = onMain.reduce((m, e) => (e.ts && e.ts < m ? e.ts : m), Infinity);
// The page's phase marks (performance.mark('analyzer:…') in app.js).
for (const e of onMain) if (/^analyzer:/.test(e.name) && e.ph !== 'e') console.log(`mark ${e.name} at ${((e.ts - start) / 1e6).toFixed(2)} s`);
for (const t of tasks) {
  console.log(`\n== task at ${((t.ts - start) / 1e6).toFixed(2)} s: ${(t.dur / 1000).toFixed(1)} ms`);
  const inside = onMain.filter((e) => e.ph === 'X' && e !== t && e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur && e.dur > 1000);
  for (const e of inside.slice(0, 25)) console.log(`  ${((e.ts - t.ts) / 1000).toFixed(1).padStart(6)} +${(e.dur / 1000).toFixed(1).padStart(5)} ms  ${describe(e)}`);
  const self = new Map();
  for (const [ts, id] of samples) {
    if (ts < t.ts || ts > t.ts + t.dur) continue;
    const k = stack(id).join(' < ');
    self.set(k, (self.get(k) || 0) + 1);
  }
  for (const [k, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  samples ${String(n).padStart(4)}  ${k}`);
}
