// Typing and pasting: several articles split on "---", "Add another article", an empty input,
// hostile markup that must stay text, and settings that live in the URL hash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, open, analysed, shot, ROOT } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

const seed = (name) => readFileSync(join(ROOT, 'www', 'examples', name), 'utf8');

test('pasted articles split on --- and on "Add another article"', async () => {
  const { page, watch, context } = await open(env);
  await page.getByLabel('Paste one or more articles').fill(seed('dawn-afp-2017-10-11.txt'));
  await page.getByRole('button', { name: 'Add another article' }).click();
  await page.keyboard.insertText(seed('pulse-afp-2017-10-10.txt'));
  const value = await page.locator('#paste').inputValue();
  assert.match(value, /\n---\n/);
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await analysed(page);
  assert.equal(await page.locator('#cleaned-doc option').count(), 2);
  assert.match(await page.locator('#doclist').innerText(), /2 articles loaded/);
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  assert.equal(await page.locator('#panel-duplicates .pair').count(), 1);
  watch.check();
  await context.close();
});

test('empty input gets a clear message, not a crash', async () => {
  const { page, watch, context } = await open(env);
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await page.waitForSelector('#banner:not([hidden])');
  assert.match(await page.locator('#banner').innerText(), /Nothing to analyse yet/);
  await page.getByLabel('Paste one or more articles').fill('   \n---\n  ');
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  assert.match(await page.locator('#banner').innerText(), /Nothing to analyse yet/);
  watch.check();
  await context.close();
});

test('markup in an article is shown as text and runs nothing', async () => {
  const { page, watch, context } = await open(env);
  const hostile = [
    'Officials said on Tuesday that the <script>alert(1)</script> tag appeared in the story they published about the election.',
    '',
    'A reader sent <img src=x onerror=alert(2)> as a comment on the article, and the newspaper printed it in full for everyone.',
    '',
    'The link <a href="javascript:alert(3)">click here</a> was also included in the text that the editors reviewed on Monday.',
    '',
    'Raw javascript:alert(4) text should remain harmless words in the cleaned article that the page shows to its readers.',
  ].join('\n');
  await page.getByLabel('Paste one or more articles').fill(hostile);
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await analysed(page);
  await page.getByRole('checkbox', { name: 'Show removed lines' }).check();
  const text = await page.locator('#panel-cleaned').innerText();
  assert.match(text, /<script>alert\(1\)<\/script>/);
  assert.match(text, /<img src=x onerror=alert\(2\)>/);
  for (const panel of ['cleaned', 'duplicates', 'keywords']) {
    await page.getByRole('tab', { name: panel[0].toUpperCase() + panel.slice(1) }).click();
    const injected = await page.locator(`#panel-${panel} script, #panel-${panel} img, #panel-${panel} a[href^="javascript:"], #panel-${panel} iframe`).count();
    assert.equal(injected, 0, `no element was created from article text in ${panel}`);
  }
  // Export, too, is text.
  await page.locator('#export summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="cleaned"]').click()]);
  const cleaned = readFileSync(await download.path(), 'utf8');
  assert.match(cleaned, /alert\(2\)/);
  await page.waitForTimeout(300);
  assert.equal(watch.dialogs.length, 0, `dialogs: ${watch.dialogs}`);
  await shot(page, 'hostile-markup');
  watch.check();
  await context.close();
});

test('settings are mirrored in the URL hash and restored on load', async () => {
  const { page, watch, context } = await open(env);
  await page.locator('#settings summary').click();
  await page.getByLabel('Same-story threshold').fill('0.35');
  await page.getByLabel('Same-story threshold').dispatchEvent('change');
  // A shingle size other than the engine's default (only changes go in the address).
  await page.waitForFunction(() => document.getElementById('set-shingle').value !== '');
  const shingle = (await page.getByLabel('Shingle size (words)').inputValue()) === '4' ? '6' : '4';
  await page.getByLabel('Shingle size (words)').fill(shingle);
  await page.getByLabel('Shingle size (words)').dispatchEvent('change');
  await page.getByRole('spinbutton', { name: 'Keywords per document' }).fill('5');
  await page.getByRole('spinbutton', { name: 'Keywords per document' }).dispatchEvent('change');
  await page.getByLabel('Cleaning').selectOption('strict');
  await page.getByLabel('Language', { exact: true }).selectOption('en');
  const hash = new URL(page.url()).hash;
  assert.match(hash, /threshold=0\.35/);
  assert.match(hash, new RegExp(`shingle=${shingle}`));
  assert.match(hash, /strictness=strict/);
  assert.match(hash, /lang=en/);
  assert.match(hash, /top=5/);
  // Article text never goes in the address.
  await page.getByLabel('Paste one or more articles').fill('Secret draft text about the minister that must stay private to the newsroom.');
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await analysed(page);
  assert.doesNotMatch(page.url(), /Secret|minister/);
  watch.check();
  await context.close();

  const second = await open(env, { hash: hash.slice(1) });
  assert.equal(await second.page.getByLabel('Same-story threshold').inputValue(), '0.35');
  assert.equal(await second.page.getByLabel('Shingle size (words)').inputValue(), shingle);
  assert.equal(await second.page.getByLabel('Cleaning').inputValue(), 'strict');
  assert.equal(await second.page.getByLabel('Language', { exact: true }).inputValue(), 'en');
  assert.equal(await second.page.locator('#set-top').inputValue(), '5');
  // The restored settings reach the engine: the example's pair is scored with other shingles.
  await second.page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(second.page);
  const restored = await second.page.evaluate(() => window.articleAnalyzer.state.report.pairs[0].similarity);
  const keywords = await second.page.evaluate(() => window.articleAnalyzer.state.report.documents.map((d) => d.keywords.length));
  assert.ok(keywords.every((n) => n > 0 && n <= 5), `at most 5 keywords per document: ${keywords}`);
  second.watch.check();
  await second.context.close();

  const plain = await open(env);
  await plain.page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(plain.page);
  const defaults = await plain.page.evaluate(() => window.articleAnalyzer.state.report.pairs[0].similarity);
  assert.notEqual(restored.jaccard, defaults.jaccard, 'a different shingle size gives a different Jaccard');
  plain.watch.check();
  await plain.context.close();
});

test('an article that is all boilerplate says nothing was kept and how to keep it', async () => {
  const { page, watch, context } = await open(env);
  await page.getByLabel('Paste one or more articles').fill('Home | News | Sport | Weather\n\nSubscribe to our newsletter\n\n© 2024 Example Media');
  await page.getByRole('button', { name: 'Analyse', exact: true }).click();
  await analysed(page);
  assert.equal(await page.locator('#panel-cleaned .block.kept').count(), 0);
  assert.match(await page.locator('#panel-cleaned .notice').innerText(), /nothing was kept.*Keep this line.*Gentle or Off/s);
  // Hidden removed lines leave the notice, not an empty page.
  await page.getByRole('checkbox', { name: 'Show removed lines' }).uncheck();
  assert.ok(await page.locator('#panel-cleaned .notice').isVisible());
  await page.getByRole('tab', { name: 'Keywords' }).click();
  await page.getByRole('tab', { name: 'Per document' }).click();
  const cells = await page.locator('#panel-keywords table.perdoc tbody td').allInnerTexts();
  assert.deepEqual(cells.slice(0, 5), ['0', '0', '—', '—', '—'], 'no words: no reading time or ease');
  watch.check();
  await context.close();
});
