// What a reader does with the results: open a pair side by side, keep a removed line, export
// and read the files back, copy, and use the page offline once it has been loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, analysed, shot, dropCorpus } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

async function example(page) {
  await page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(page);
}

test('choosing a pair opens both texts side by side with shared passages in matching colours', async () => {
  const { page, watch, context } = await open(env);
  await example(page);
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  // By keyboard: a heatmap cell is a button.
  await page.locator('#panel-duplicates svg .cell[role=button]').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel-duplicates .side-by-side');
  const sides = page.locator('#panel-duplicates .side');
  assert.equal(await sides.count(), 2);
  const left = await sides.nth(0).locator('mark').evaluateAll((ms) => ms.map((m) => m.className));
  const right = await sides.nth(1).locator('mark').evaluateAll((ms) => ms.map((m) => m.className));
  assert.ok(left.length > 0 && right.length > 0, 'shared passages are highlighted on both sides');
  assert.deepEqual([...new Set(left)].sort(), [...new Set(right)].sort(), 'the same colours on both sides');
  await shot(page, 'pair-side-by-side');
  await page.getByRole('button', { name: 'Close comparison' }).click();
  assert.equal(await page.locator('#panel-duplicates .side-by-side').count(), 0);
  // And by the pair list.
  await page.locator('#panel-duplicates .pair').first().click();
  assert.equal(await page.locator('#panel-duplicates .side-by-side').count(), 1);
  watch.check();
  await context.close();
});

test('"Keep this line" re-runs cleaning with the line kept, and undo removes it again', async () => {
  const { page, watch, context } = await open(env);
  await example(page);
  await page.selectOption('#cleaned-doc', '1');
  const removed = page.locator('#panel-cleaned .block.removed');
  const before = await removed.count();
  // A headline-rail line explains itself in the learned decision's terms too.
  const rail = removed.filter({ hasText: 'Giant python attacks man' });
  assert.match(await rail.locator('.reason').innerText(), /Headline rail[\s\S]*content score 0\.\d\d; pulled down by /i);
  // The reason shows when the pointer is on the line, and goes when it leaves.
  const firstReason = removed.first().locator('.reason');
  assert.equal(await firstReason.isVisible(), false, 'reasons are hidden until asked for');
  await removed.first().hover();
  assert.ok(await firstReason.isVisible(), 'the reason shows on hover');
  assert.match(await firstReason.innerText(), /^Line \d+: /);
  await page.mouse.move(0, 0);
  assert.equal(await firstReason.isVisible(), false);
  const block = await removed.first().getAttribute('data-block');
  const bodyBefore = await page.evaluate(() => window.articleAnalyzer.state.report.documents[1].cleaned.body);
  await removed.first().focus();
  await removed.first().getByRole('button', { name: /Keep line/ }).click();
  await analysed(page, 2);
  await page.waitForSelector(`#panel-cleaned .block.kept.user-kept[data-block="${block}"]`);
  assert.equal(await removed.count(), before - 1);
  const bodyAfter = await page.evaluate(() => window.articleAnalyzer.state.report.documents[1].cleaned.body);
  assert.ok(bodyAfter.length > bodyBefore.length, 'the kept line is now in the cleaned body');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.block), block, 'focus stays on the line');
  await shot(page, 'kept-line');
  await page.locator(`#panel-cleaned .block.user-kept[data-block="${block}"]`).getByRole('button', { name: 'undo' }).click();
  await analysed(page, 3);
  assert.equal(await removed.count(), before);
  // "Show removed lines" off hides them.
  await page.getByRole('checkbox', { name: 'Show removed lines' }).uncheck();
  assert.equal(await page.locator('#panel-cleaned .block.removed:visible').count(), 0);
  watch.check();
  await context.close();
});

test('exports download and read back; copy puts the same text on the clipboard', async () => {
  const { page, watch, context } = await open(env);
  await example(page);
  await page.locator('#export summary').click();
  const get = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${id}"]`).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const report = await get('report');
  assert.equal(report.name, 'article-analyzer-report.json');
  const json = JSON.parse(report.text);
  assert.equal(json.documents.length, 2);
  assert.equal(json.pairs.length, 1);

  const keywords = await get('keywords');
  assert.match(keywords.text.split('\r\n')[0], /^document_id,document_name,rank,term,count,score$/);
  assert.ok(keywords.text.split('\r\n').length > 5);
  const pairs = await get('pairs');
  assert.equal(pairs.text.trim().split('\r\n').length, 2);
  const clusters = await get('clusters');
  assert.equal(clusters.text.trim().split('\r\n').length, 3);
  const cleaned = await get('cleaned');
  const rows = cleaned.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.text.length > 500));
  const receipts = await get('receipts');
  const receipt = JSON.parse(receipts.text.trim().split('\n')[0]);
  assert.ok(receipt.duplicateOf && receipt.score > 0, receipts.text);

  // The term table as the Keywords tab shows it.
  const terms = await get('terms');
  const termLines = terms.text.trim().split('\r\n');
  assert.equal(termLines[0], 'term,count,tfidf,stories');
  await page.getByRole('tab', { name: 'Keywords' }).click();
  const shown = (await page.locator('#panel-keywords table.terms tbody tr').first().locator('th, td').allInnerTexts()).map((t) => t.trim());
  const [term, count, tfidf, stories] = termLines[1].split(',');
  assert.deepEqual([term, count, Number(tfidf).toFixed(2), stories], shown);

  // One document's cleaned text as a .txt, from the Cleaned tab.
  await page.getByRole('tab', { name: 'Cleaned' }).click();
  await page.selectOption('#cleaned-doc', '1');
  const [txt] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .txt' }).click()]);
  assert.equal(txt.suggestedFilename(), 'pulse-afp-2017-10-10.cleaned.txt');
  assert.equal(readFileSync(await txt.path(), 'utf8'), rows[1].text);

  await page.locator('#export summary').click();
  await page.locator('[data-copy="cleaned"]').click();
  await page.waitForSelector('#toast.show');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, cleaned.text);
  watch.check();
  await context.close();
});

test('once loaded, the page works offline (service worker)', async () => {
  const { page, watch, context } = await open(env);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await example(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await example(page);
  assert.equal(await page.locator('#cleaned-doc option').count(), 2);
  await context.setOffline(false);
  watch.errors = watch.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e));
  watch.check();
  await context.close();
});

test('engine passages (byte spans, word edits) are drawn in matching colours with edits marked', async () => {
  const { page, watch, context } = await open(env);
  await example(page);
  // The shape the dedup engine reports: byte spans into the cleaned bodies, edits inside.
  await page.evaluate(() => {
    const { state, render } = window.articleAnalyzer;
    const a = '“Quoted” lead: Moscow accused the US of reducing air strikes against militants.\n\nOther text.';
    const b = 'Intro line.\n\n“Quoted” lead: Moscow accused the US of reducing air strikes against jihadists.';
    const enc = new TextEncoder();
    const byteAt = (t, i) => enc.encode(t.slice(0, i)).length;
    const aStart = byteAt(a, 0);
    const aEnd = byteAt(a, a.indexOf('militants.') + 10);
    const bStart = byteAt(b, b.indexOf('“'));
    const bEnd = byteAt(b, b.length);
    const edit = { from: 'militants', to: 'jihadists', aStart: byteAt(a, a.indexOf('militants')), aEnd: byteAt(a, a.indexOf('militants') + 9), bStart: byteAt(b, b.indexOf('jihadists')), bEnd: byteAt(b, b.indexOf('jihadists') + 9) };
    const sim = { score: 0.8, jaccard: 0.7, containmentAInB: 0.9, containmentBInA: 0.8, verdict: 'sameStory', reason: 'same story', passages: [{ aStart, aEnd, bStart, bEnd, sentences: 1, words: 12, identical: false, edits: [edit] }] };
    const doc = (name, body) => ({ id: name, name, cleaned: { title: name, body, blocks: [] }, stats: {}, keywords: [] });
    state.report = { documents: [doc('A', a), doc('B', b)], pairs: [{ a: 0, b: 1, similarity: sim }], clusters: [], warnings: [] };
    state.pair = { a: 0, b: 1 };
    render();
  });
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  const sides = page.locator('#panel-duplicates .side');
  const marked = async (i) => (await sides.nth(i).locator('mark').allInnerTexts()).join('');
  assert.equal(await marked(0), '“Quoted” lead: Moscow accused the US of reducing air strikes against militants.');
  assert.equal(await marked(1), '“Quoted” lead: Moscow accused the US of reducing air strikes against jihadists.');
  assert.equal(await sides.nth(0).locator('.edit').innerText(), 'militants');
  assert.equal(await sides.nth(1).locator('.edit').innerText(), 'jihadists');
  assert.match(await page.locator('#panel-duplicates .side-by-side').innerText(), /1 shared passage/);
  await shot(page, 'engine-passages');
  watch.check();
  await context.close();
});

test('a heatmap of 41-200 documents (a canvas) names every cell by pointer and keyboard', async () => {
  const { page, watch, context } = await open(env);
  await dropCorpus(page, 60);
  await analysed(page, 1, 120000);
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  const canvas = page.locator('#panel-duplicates .heatmap canvas');
  assert.match(await canvas.getAttribute('aria-label'), /60 documents: the arrow keys move between pairs/);
  const readout = page.locator('#heat-readout');
  // The pointer on a cell names its pair.
  const box = await canvas.boundingBox();
  const cell = box.width / 60;
  await page.mouse.move(box.x + cell * 7.5, box.y + cell * 2.5);
  assert.match(await readout.innerText(), /^3\. Article 3 and 8\. Article 8: \d+(\.\d)?% similar/);
  // The keyboard moves over the cells, each read out (a live region), and Enter compares.
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.match(await readout.innerText(), /^4\. Article 4 and 9\. Article 9: \d+(\.\d)?% similar/);
  assert.equal(await readout.getAttribute('aria-live'), 'polite');
  const expected = await page.evaluate(async () => {
    const { pct } = await import(new URL('views/dom.js', document.baseURI).href);
    const p = window.articleAnalyzer.state.report.pairs.find((x) => x.a === 3 && x.b === 8);
    return `${pct(p.similarity.score).replace('.', '\\.')} similar`;
  });
  assert.match(await readout.innerText(), new RegExp(expected));
  await shot(page, 'heatmap-canvas-keyboard', { fullPage: false });
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel-duplicates .side-by-side');
  assert.match(await page.locator('#sbs-title').innerText(), new RegExp(`^${expected}`));
  const names = await page.locator('#panel-duplicates .side h4').allInnerTexts();
  assert.match(names[0], /Article 4$/);
  assert.match(names[1], /Article 9$/);
  watch.check();
  await context.close();
});
