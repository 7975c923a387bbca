// The in-page benchmark in headless Chromium (run by `./build.sh bench`, not by the tests):
// serves www/ under a sub-path, opens bench.html, and prints its table plus the peak resident
// memory of the renderer process (sampled from /proc, since the page can only see its own heap).
// BENCH_100K=1 adds the 100,000-article run; CLUSTER_TIMEOUT (ms) bounds the clustering step.
import { execFileSync } from 'node:child_process';
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

try {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.text().startsWith('bench:')) console.log(m.text());
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
