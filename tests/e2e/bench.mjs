// The in-page benchmark in headless Chromium (run by `./build.sh bench`, not by the tests):
// serves www/ under a sub-path, opens bench.html, and prints its table plus the peak resident
// memory of the renderer process (sampled from /proc, since the page can only see its own heap).
// BENCH_100K=1 adds the 100,000-article run; CLUSTER_TIMEOUT (ms) bounds the clustering step.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setup } from './helpers.mjs';

const big = process.env.BENCH_100K === '1';
const clusterTimeout = process.env.CLUSTER_TIMEOUT || '60000';
const env = await setup();
let peakRenderer = 0;
const sampler = setInterval(() => {
  try {
    const out = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8' });
    for (const line of out.split('\n')) {
      if (!/chromium/.test(line) || !/--type=renderer/.test(line)) continue;
      const kb = Number(line.trim().split(/\s+/)[0]);
      if (kb > peakRenderer) peakRenderer = kb;
    }
  } catch {
    /* ps unavailable: the page's own heap figure is still printed */
  }
}, 250);

/** CPU seconds used so far by Chromium's renderer processes (the page and its workers are
 * threads of one renderer): the figure to compare when other jobs load the machine. */
function rendererCpu() {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chromium/.test(cmd) || !/--type=renderer/.test(cmd)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      /* the process ended */
    }
  }
  return ticks / 100;
}

/** CPU seconds per renderer thread name (the main thread, the workers, V8's helpers). */
function rendererThreads() {
  const out = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chromium/.test(cmd) || !/--type=renderer/.test(cmd)) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = tid === pid ? 'main' : name;
        out[key] = (out[key] || 0) + (Number(fields[11]) + Number(fields[12])) / 100;
      }
    } catch {
      /* the process ended */
    }
  }
  return out;
}
let threadsAtStart = {};
const marks = new Map();
let lastMark = null;

try {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.text().startsWith('bench-mark:')) {
      // "bench-mark: <label>: <phase>": CPU seconds since the previous phase of that run.
      const [, label, phase] = m.text().match(/^bench-mark: (.*): (\w+)$/) || [];
      const cpu = rendererCpu();
      if (phase !== 'start' && lastMark && lastMark.label === label) {
        console.log(`bench: ${label}: CPU (renderer, all threads) ${lastMark.phase} -> ${phase}: ${(cpu - lastMark.cpu).toFixed(1)} s`);
      }
      if (phase === 'start') {
        marks.set(label, cpu);
        threadsAtStart = rendererThreads();
      }
      if (phase === 'clustered') {
        const now = rendererThreads();
        const parts = Object.entries(now).map(([k, v]) => [k, v - (threadsAtStart[k] || 0)]).filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1]);
        console.log(`bench: ${label}: CPU by thread: ${parts.map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
      }
      else if (phase === 'clustered') console.log(`bench: ${label}: CPU total: ${(cpu - marks.get(label)).toFixed(1)} s (load ${execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ')[0]})`);
      lastMark = { label, phase, cpu };
    } else if (m.text().startsWith('bench:')) console.log(m.text());
    else if (m.type() === 'error') console.log(`console error: ${m.text()}`);
  });
  page.on('crash', () => console.log('THE TAB CRASHED'));
  await page.goto(`${env.base}bench.html?auto&clusterTimeout=${clusterTimeout}${big ? '&big' : ''}`);
  await page.waitForFunction(() => document.body.dataset.benchDone === 'true', null, { timeout: 0, polling: 1000 });
  console.log(`bench: peak renderer resident memory: ${Math.round(peakRenderer / 1024)} MB (page and its workers)`);
} finally {
  clearInterval(sampler);
  await env.close();
}
