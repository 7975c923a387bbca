// No layout jump: what a person is looking at or about to click stays where it is while a job
// runs and when its results arrive (the progress line's height is reserved, the buttons sit
// above the list that grows), at desktop width and at 360 px. Checked two ways: the positions
// of the controls, and Chromium's own layout-shift entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, open, analysed, ROOT } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

const seed = (name) => readFileSync(join(ROOT, 'www', 'examples', name), 'utf8');
const WATCHED = ['#paste', '#add-another', '#example', '#drop', '#analyze', '#clear', '#progress', '#tabs', '#export summary'];

/** Page-relative boxes of the watched controls. */
async function boxes(page) {
  return page.evaluate((sel) => Object.fromEntries(sel.map((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return [s, [r.left + scrollX, r.top + scrollY, r.width, r.height].map((v) => Math.round(v))];
  })), WATCHED);
}

async function watchShifts(page) {
  await page.evaluate(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const moved = (e.sources || []).map((s) => s.node?.id || s.node?.className || s.node?.nodeName || '?');
        window.__shifts.push({ value: e.value, moved });
      }
    }).observe({ type: 'layout-shift', buffered: false });
  });
}

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['360 px', { width: 360, height: 780 }]]) {
  test(`nothing moves when a job starts and its results arrive (${name})`, async () => {
    const { page, watch, context } = await open(env, viewport);
    await page.getByLabel('Paste one or more articles').fill(`${seed('dawn-afp-2017-10-11.txt')}\n\n---\n\n${seed('pulse-afp-2017-10-10.txt')}`);
    const before = await boxes(page);
    await watchShifts(page);
    // Positions while the job runs (the analysis is slowed so "busy" is seen for sure).
    await page.evaluate(() => {
      const pool = window.articleAnalyzer.pool;
      const call = pool.main.call.bind(pool.main);
      pool.main.call = async (method, ...rest) => {
        if (method === 'analyze') await new Promise((ok) => setTimeout(ok, 400));
        return call(method, ...rest);
      };
    });
    await page.getByRole('button', { name: 'Analyse', exact: true }).click();
    await page.waitForSelector('body.busy');
    const during = await boxes(page);
    await analysed(page);
    const after = await boxes(page);
    // The doc list below the buttons grows; nothing above it or beside it moves.
    const moved = (b) => WATCHED.filter((s) => JSON.stringify(b[s]) !== JSON.stringify(before[s]) && !(name === '360 px' && isBelowList(s)));
    assert.deepEqual(moved(during), [], `moved while busy: ${JSON.stringify({ before, during })}`);
    assert.deepEqual(moved(after), [], `moved when the results came: ${JSON.stringify({ before, after })}`);
    const shifts = await page.evaluate(() => window.__shifts);
    const total = shifts.reduce((n, s) => n + s.value, 0);
    assert.ok(total < 0.01, `layout shift ${total.toFixed(3)}: ${JSON.stringify(shifts)}`);
    watch.check();
    await context.close();
  });
}

/** At 360 px the results sit under the input card, so the growing document list moves them
 * down the page; what is on screen at the top does not move. */
function isBelowList(selector) {
  return ['#progress', '#tabs', '#export summary'].includes(selector);
}
