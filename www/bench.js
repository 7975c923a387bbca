// The in-page benchmark: loads the page in a frame and drives it through the same entry points
// a person uses (the example button, a dropped JSONL file), timing each phase. Results appear
// in the table and in window.benchResults (tests/e2e/bench.mjs reads them).
import { generateCorpus } from './bench-corpus.js';

const frame = document.getElementById('app');
const tbody = document.querySelector('#results tbody');
const results = [];
window.benchResults = results;

const nextFrame = (win) => new Promise((ok) => win.requestAnimationFrame(() => ok()));
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function row(measure, result, target = '') {
  results.push({ measure, result, target });
  const tr = document.createElement('tr');
  for (const text of [measure, result, target]) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  tbody.append(tr);
  console.log(`bench: ${measure}: ${result}${target ? ` (target ${target})` : ''}`);
}

async function loadApp() {
  frame.src = 'index.html';
  await new Promise((ok) => (frame.onload = ok));
  const doc = frame.contentDocument;
  while (doc.body.dataset.ready !== 'true') await sleep(20);
  // Let the workers load their wasm before timing anything.
  await sleep(500);
}

const app = () => frame.contentWindow.articleAnalyzer;
const body = () => frame.contentDocument.body;
const analysedCount = () => Number(body().dataset.analysed || 0);

async function waitAnalysed(n, { timeout = Infinity, onTick } = {}) {
  const t0 = performance.now();
  while (analysedCount() < n || body().classList.contains('busy')) {
    if (performance.now() - t0 > timeout) return false;
    if (onTick) onTick();
    await sleep(10);
  }
  return true;
}

function heapMB() {
  const m = frame.contentWindow.performance.memory;
  return m ? Math.round(m.usedJSHeapSize / 1048576) : null;
}

function watchLongTasks() {
  const tasks = [];
  try {
    const Observer = frame.contentWindow.PerformanceObserver;
    const o = new Observer((list) => tasks.push(...list.getEntries().map((e) => ({ at: e.startTime, duration: e.duration }))));
    o.observe({ type: 'longtask' });
    return { stop: () => (o.disconnect(), tasks) };
  } catch {
    return { stop: () => tasks };
  }
}

async function benchExample() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const before = analysedCount();
    const t0 = performance.now();
    frame.contentDocument.getElementById('example').click();
    await waitAnalysed(before + 1);
    await nextFrame(frame.contentWindow);
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  row('Example analysed and drawn after the click', `${Math.round(sorted[2])} ms median (first ${Math.round(times[0])} ms)`, '≤ 300 ms');
}

/** Drops a generated corpus of `n` articles and times reading, cleaning+counting, clustering. */
async function benchCorpus(n, label, { clusterTimeout }) {
  const tGen = performance.now();
  const parts = [];
  const PIECE = 10000;
  for (let first = 1; first <= n; first += PIECE) parts.push(generateCorpus(Math.min(PIECE, n - first + 1), 0, { seed: first, first }));
  const file = new File(parts, `bench-${n}.jsonl`, { type: 'application/x-ndjson' });
  parts.length = 0;
  row(`${label}: generated`, `${(file.size / 1048576).toFixed(1)} MB in ${((performance.now() - tGen) / 1000).toFixed(1)} s`);

  app().state.sources.length = 0;
  // Let the generation's long task end before watching for long tasks of the page itself.
  await sleep(100);
  const before = analysedCount();
  const progress = frame.contentDocument.getElementById('progress');
  const bar = progress.querySelector('progress');
  const marks = {};
  let moves = 0;
  let lastValue = -1;
  let peakHeap = heapMB();
  const long = watchLongTasks();
  const mark = (phase) => console.log(`bench-mark: ${label}: ${phase}`);
  const t0 = performance.now();
  mark('start');
  const started = app().addFiles([file]);
  const tick = () => {
    const text = progress.textContent;
    if (!marks.analyse && /Cleaning and counting/.test(text)) {
      marks.analyse = performance.now();
      mark('read');
    }
    if (!marks.cluster && /Grouping/.test(text)) {
      marks.cluster = performance.now();
      mark('cleaned');
    }
    if (bar.value !== lastValue) {
      moves++;
      lastValue = bar.value;
    }
    const heap = heapMB();
    if (heap !== null && heap > peakHeap) peakHeap = heap;
  };
  let finished = false;
  for (;;) {
    tick();
    if (analysedCount() > before && !body().classList.contains('busy')) {
      finished = true;
      break;
    }
    if (marks.cluster && performance.now() - marks.cluster > clusterTimeout) break;
    await sleep(50);
  }
  const tEnd = performance.now();
  mark('clustered');
  if (!finished) app().cancel();
  await started.catch(() => {});
  const tasks = long.stop();
  const s = (a, b) => (a && b ? `${((b - a) / 1000).toFixed(1)} s` : '—');
  const docs = app().state.sources.reduce((k, src) => k + src.docs.length, 0);
  row(`${label}: read before cleaning starts (streamed, pool)`, `${s(t0, marks.analyse)} (${docs.toLocaleString('en')} documents in all)`);
  row(`${label}: cleaned + keyword-counted (pool; a big JSONL is read meanwhile)`, s(marks.analyse, marks.cluster));
  row(`${label}: clustered (one worker)`, finished ? s(marks.cluster, tEnd) : `not finished after ${clusterTimeout / 1000} s (cancelled)`);
  row(`${label}: total, drop to results`, finished ? s(t0, tEnd) : `— (clustering cut off)`, n === 10000 ? '≤ 5 s' : '');
  row(`${label}: progress bar updates`, String(moves));
  const phase = (at) => {
    const t = at + frame.contentWindow.performance.timeOrigin - performance.timeOrigin;
    return t < (marks.analyse ?? Infinity) ? 'reading' : t < (marks.cluster ?? Infinity) ? 'cleaning' : t < tEnd ? 'clustering' : 'after';
  };
  const byPhase = {};
  for (const t of tasks) {
    const p = phase(t.at);
    byPhase[p] = byPhase[p] || { n: 0, max: 0 };
    byPhase[p].n++;
    byPhase[p].max = Math.max(byPhase[p].max, t.duration);
  }
  const summary = Object.entries(byPhase).map(([p, v]) => `${p}: ${v.n}, longest ${Math.round(v.max)} ms`).join('; ');
  row(`${label}: main-thread tasks over 50 ms`, tasks.length ? summary : 'none', 'none');
  if (peakHeap !== null) row(`${label}: peak page JS heap`, `${peakHeap} MB (workers not included)`);
  app().state.sources.length = 0;
  app().state.report = null;
}

async function run() {
  const button = document.getElementById('run');
  button.disabled = true;
  tbody.textContent = '';
  results.length = 0;
  document.body.dataset.benchDone = 'false';
  await loadApp();
  row('Workers in the pool', String(Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8))));
  await benchExample();
  await benchCorpus(10000, '10,000 articles', { clusterTimeout: Number(new URLSearchParams(location.search).get('clusterTimeout') || 60000) });
  if (document.getElementById('with-100k').checked) {
    await loadApp();
    await benchCorpus(100000, '100,000 articles', { clusterTimeout: Number(new URLSearchParams(location.search).get('clusterTimeout') || 60000) });
  }
  document.body.dataset.benchDone = 'true';
  button.disabled = false;
}

document.getElementById('run').addEventListener('click', () => run().catch((e) => row('Benchmark stopped', String(e && e.message))));
if (new URLSearchParams(location.search).has('big')) document.getElementById('with-100k').checked = true;
if (new URLSearchParams(location.search).has('auto')) run().catch((e) => row('Benchmark stopped', String(e && e.message)));
