// The two wasm modules: every visitor loads the core one (pkg/); the HTML one (pkg-html/, the
// same engines plus HTML mode) is fetched only when an HTML document arrives, so text users
// never pay for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, open, analysed, dropFiles, watchModules, ROOT } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

const seed = (name) => readFileSync(join(ROOT, 'www', 'examples', name), 'utf8');

test('text only: the HTML module is never requested', async () => {
  const { page, watch, context } = await open(env);
  const modules = watchModules(context);
  await page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(page);
  await page.fill('#paste', `${seed('pulse-afp-2017-10-10.txt')}\n\n---\n\n${seed('dawn-afp-2017-10-11.txt')}`);
  await page.click('#analyze');
  await analysed(page, 2);
  await dropFiles(page, [{ name: 'notes.txt', text: 'Moscow accused the US on Tuesday of pretending to fight the Islamic State group in Iraq.\n' }]);
  await analysed(page, 3);
  assert.match(await page.locator('#panel-cleaned .meta').innerText(), /Plain text/);
  assert.equal(modules.loaded('pkg-html'), false, 'no request for pkg-html/');
  assert.equal(modules.loaded('pkg-cluster'), false, 'no request for pkg-cluster/ (a small job needs no clustering module)');
  watch.check();
  await context.close();
});

test('an HTML file loads the HTML module and is cleaned in HTML mode', async () => {
  const { page, watch, context } = await open(env);
  const modules = watchModules(context);
  // Let the workers start on the core module first, as a visitor's page would.
  await page.waitForFunction(() => window.articleAnalyzer.state.defaults !== null);
  assert.equal(modules.loaded('pkg-html'), false, 'nothing of HTML mode before an HTML document');
  const paragraphs = seed('dawn-afp-2017-10-11.txt').split('\n\n').filter((p) => p.split(' ').length > 12);
  const html = `<!doctype html><html><head><title>Moscow says US pretending</title></head><body>`
    + `<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>`
    + `<article><h1>Moscow says US pretending to fight IS</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>`
    + `<footer><p>Copyright 2017 Example Media. All rights reserved.</p></footer></body></html>`;
  await dropFiles(page, [{ name: 'dawn.html', text: html }]);
  await analysed(page);
  // The page compiles the core module once for its workers (before this test listened).
  const core = await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/pkg\/article_analyzer_bg\.wasm$/.test(e.name)));
  assert.ok(core, 'the core module was loaded');
  assert.ok(modules.loaded('pkg-html'), 'the HTML module was loaded for the HTML file');
  assert.match(await page.locator('#panel-cleaned .meta').innerText(), /HTML page/);
  const kept = (await page.locator('#panel-cleaned .block.kept').allInnerTexts()).join('\n');
  assert.match(kept, /Konashenkov/);
  assert.doesNotMatch(kept, /<p>|<\/a>/, 'tags are parsed, not shown as text');
  assert.doesNotMatch(kept, /Copyright 2017/, 'the footer is not body');
  // The same worker now runs text through the HTML module too.
  await dropFiles(page, [{ name: 'pulse.txt', text: seed('pulse-afp-2017-10-10.txt') }]);
  await analysed(page, 2);
  assert.match(await page.locator('#doclist').innerText(), /pulse\.txt/);
  watch.check();
  await context.close();
});
