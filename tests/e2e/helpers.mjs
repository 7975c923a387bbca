// Shared set-up for the end-to-end tests: the static server under a sub-path (as GitHub Pages
// serves a project site), Debian's Chromium through playwright-core (never a downloaded
// browser), and the watchers every test asserts on: requests off the page's origin, console
// errors, uncaught exceptions and dialogs.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
export const PREFIX = '/article-analyzer/';

export const BROWSER_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: BROWSER_ARGS });
}

/** Starts the server and a browser; returns {browser, server, base, close}. */
export async function setup() {
  mkdirSync(RESULTS, { recursive: true });
  const server = await serve({ root: join(ROOT, 'www'), port: 0, prefix: PREFIX });
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  const browser = await launch();
  return {
    browser,
    server,
    base,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * Opens the page in a fresh context and records what must never happen. `watch.check()` throws
 * on any off-origin request, console error, page error or dialog.
 */
export async function open(env, { width = 1280, height = 900, colorScheme = 'light', hash = '' } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, colorScheme, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.base).origin });
  const page = await context.newPage();
  const origin = new URL(env.base).origin;
  const watch = { offOrigin: [], errors: [], dialogs: [] };
  const onRequest = (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) watch.offOrigin.push(url);
  };
  context.on('request', onRequest);
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => watch.errors.push(`page: ${err.message}`));
  page.on('dialog', async (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('worker', (w) => w.on('console', (msg) => msg.type() === 'error' && watch.errors.push(`worker: ${msg.text()}`)));
  watch.check = () => {
    if (watch.offOrigin.length) throw new Error(`off-origin requests: ${watch.offOrigin.join(', ')}`);
    if (watch.errors.length) throw new Error(`console errors: ${watch.errors.join(' | ')}`);
    if (watch.dialogs.length) throw new Error(`dialogs opened: ${watch.dialogs.join(', ')}`);
  };
  await page.goto(env.base + (hash ? `#${hash}` : ''));
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, watch };
}

/** Records the wasm modules (pkg/, pkg-html/, pkg-cluster/) the page and its workers fetch; the
 * service worker's precaching of the app shell does not count. `loaded(name)` says whether
 * the module in `www/<name>/` was requested. */
export function watchModules(context) {
  const seen = [];
  context.on('request', (req) => {
    if (req.serviceWorker()) return;
    const m = req.url().match(/\/(pkg(?:-html|-cluster)?)\/article_analyzer(_bg\.wasm|\.js)/);
    if (m) seen.push(`${m[1]}/article_analyzer${m[2]}`);
  });
  return { seen, loaded: (name) => seen.some((s) => s.startsWith(`${name}/`)) };
}

/** Waits until the page has finished its n-th analysis. */
export async function analysed(page, n = 1, timeout = 30000) {
  await page.waitForFunction((k) => Number(document.body.dataset.analysed || 0) >= k && !document.body.classList.contains('busy'), n, { timeout });
}

export async function shot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage });
}

/** Drops files on the drop zone through a real DataTransfer, as a person dragging them would. */
export async function dropFiles(page, files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = f.base64 ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : new TextEncoder().encode(f.text);
      dt.items.add(new File([bytes], f.name, { type: f.type || '' }));
    }
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, files);
}

/** Generates a JSONL corpus in the page (www/bench-corpus.js, so 30 MB never crosses the test
 * protocol) and drops it on the drop zone as a File; resolves to its size in bytes. */
export async function dropCorpus(page, n, { broken = 0, name = 'corpus.jsonl' } = {}) {
  return page.evaluate(async ({ n, broken, name }) => {
    const { generateCorpus } = await import('./bench-corpus.js');
    const file = new File([generateCorpus(n, broken)], name, { type: 'application/x-ndjson' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    return file.size;
  }, { n, broken, name });
}

/** The text of one of the page's example articles (the seeds). */
export const seed = (name) => readFileSync(join(ROOT, 'www', 'examples', name), 'utf8');

/** A JSONL of four records: two good ones, a broken line (2) and a record without text (4). */
export function brokenJsonl() {
  const lines = [
    JSON.stringify({ id: 'one', text: seed('dawn-afp-2017-10-11.txt') }),
    '{"id": "two", "text": "unterminated',
    JSON.stringify({ id: 'three', title: 'Pulse copy', text: seed('pulse-afp-2017-10-10.txt') }),
    JSON.stringify({ id: 'four', body: 'no text field' }),
  ];
  return lines.join('\n') + '\n';
}
