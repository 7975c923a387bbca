// The page's main thread while a big corpus is dropped as a user would drop it (a file on disk,
// not a corpus generated in the page as bench.mjs does, whose 300 MB of strings the page then
// collects): a CPU profile of the main thread (top self times, GC included), its tasks over 50
// ms and its JS heap after the run. Not a test: `N=100000 node tests/e2e/main-thread.mjs`
// (N defaults to 100,000; the generated JSONL is written to /tmp).
import { createWriteStream } from 'node:fs';
import { setup, open } from './helpers.mjs';
import { generateCorpus } from '../../www/bench-corpus.js';
const N = Number(process.env.N || 100000);
const path = `/tmp/article-analyzer-${N}.jsonl`;
const out = createWriteStream(path);
for (let first = 1; first <= N; first += 10000) out.write(generateCorpus(Math.min(10000, N - first + 1), 0, { seed: first, first }));
await new Promise((ok) => out.end(ok));
const env = await setup();
const { page, context } = await open(env);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
await page.evaluate(() => { window.__long = []; new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask' }); });
await cdp.send('Profiler.start');
const t0 = Date.now();
await page.setInputFiles('#files', path);
// Polled by a timer, not every frame (a frame-by-frame poll cost 0.5 s of this thread).
await page.waitForFunction(() => Number(document.body.dataset.analysed || 0) >= 1 && !document.body.classList.contains('busy'), null, { timeout: 1200000, polling: 500 });
const { profile } = await cdp.send('Profiler.stop');
console.log('wall', (Date.now() - t0) / 1000, 's');
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) || 0) + (dt[i] || 0)); });
const top = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 20);
for (const [k, v] of top) console.log((v / 1000).toFixed(0).padStart(6), 'ms', k);
const long = await page.evaluate(() => window.__long);
console.log('long tasks', long.length, JSON.stringify(long.map((x) => x[1]).sort((a, b) => b - a).slice(0, 20)));
const heap = await cdp.send('Runtime.getHeapUsage');
await cdp.send('HeapProfiler.collectGarbage');
const heap2 = await cdp.send('Runtime.getHeapUsage');
console.log('heap MB', Math.round(heap.usedSize / 1048576), 'after GC', Math.round(heap2.usedSize / 1048576));
await env.close();
