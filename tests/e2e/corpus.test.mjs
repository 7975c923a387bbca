// Corpora: a JSONL of 10,000 generated articles dropped, streamed in chunks over the worker
// pool with the progress bar moving, and cancelled; a corpus above the pairwise limit analysed
// to the end over the pool, with clusters and the line-by-line view of any document.
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { setup, open, analysed, dropCorpus, shot, watchModules } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

test('10,000 dropped articles stream in with a moving progress bar, and Cancel stops the job', async () => {
  const { page, watch, context } = await open(env);
  const size = await dropCorpus(page, 10000, { broken: 1234 });
  assert.ok(size > 25e6, `about 30 MB of JSONL (${size})`);
  // A big JSONL is cleaned while it is read: the bar moves and reports a rate.
  await page.waitForFunction(() => /Cleaning and counting corpus\.jsonl/.test(document.getElementById('progress').innerText), null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector('#progress progress').value > 0, null, { timeout: 60000 });
  const first = await page.locator('#progress progress').evaluate((p) => p.value);
  await page.waitForFunction((v) => document.querySelector('#progress progress').value > v, first, { timeout: 60000 });
  assert.match(await page.locator('#progress').innerText(), /MB\/s/);
  // The main thread answers while the workers run.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
  assert.ok(Date.now() - t0 < 1000, 'the page still paints');
  await shot(page, 'corpus-10k-progress');
  await page.waitForFunction(() => /corpus\.jsonl, line 1234/.test(document.getElementById('banner').innerText), null, { timeout: 60000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => /Cancelled/.test(document.getElementById('progress').innerText));
  assert.ok(await page.getByRole('button', { name: 'Cancel' }).isHidden());
  // What was read before Cancel stays loaded, and the page says how much that is.
  const read = Number((await page.locator('#progress').innerText()).match(/first ([\d,]+) documents/)[1].replace(/,/g, ''));
  assert.ok(read >= 1233 && read <= 9999, `documents read before Cancel (${read})`);
  assert.match(await page.locator('#doclist').innerText(), new RegExp(`${read.toLocaleString('en')} articles`), 'nothing read is lost');
  // A big JSONL's texts are not held by the page: each document names its chunk of the file
  // (kept as a Blob), parsed again when the texts are needed.
  const stubs = await page.evaluate(() => window.articleAnalyzer.state.sources[0].docs.filter((d) => d.text === undefined && (d.chunk?.blob.file ?? d.chunk?.blob) instanceof Blob).length);
  assert.equal(stubs, read, 'documents without their texts on the page');
  // Analysing what was read takes the texts from the chunks (fresh workers, after Cancel).
  await page.click('#analyze');
  await analysed(page, 1, 300000);
  assert.match(await page.locator('#progress').innerText(), new RegExp(`${read.toLocaleString('en')} documents analysed`));
  await page.waitForSelector('#panel-cleaned .block.kept');
  const opened = await page.evaluate(() => window.articleAnalyzer.state.detail.cleaned.body);
  assert.ok(opened.length > 500, 'the opened document is cleaned from its text');
  // Fresh workers: the next job runs normally.
  await page.getByRole('button', { name: 'Remove corpus.jsonl' }).click();
  await page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(page, 2, 60000);
  assert.equal(await page.locator('#cleaned-doc option').count(), 2);
  watch.check();
  await context.close();
});

test('a corpus above the pairwise limit is analysed over the pool, clustered, and browsable', async () => {
  const { page, watch, context } = await open(env);
  const modules = watchModules(context);
  await dropCorpus(page, 400);
  await analysed(page, 1, 120000);
  assert.match(await page.locator('#progress').innerText(), /400 documents analysed/);
  // One worker clusters the corpus, in the clustering module (pkg-cluster/), fetched for it.
  assert.equal(modules.seen.filter((s) => s === 'pkg-cluster/article_analyzer_bg.wasm').length, 1, `clustering module fetched once: ${modules.seen}`);
  // Clustering from the shards' sketches gives what clustering all the bodies at once gives.
  const held = await page.evaluate(async () => {
    const { state, pool, fullDocuments } = window.articleAnalyzer;
    const docs = await fullDocuments();
    const oneShot = await pool.main.call('cluster', [docs.map((d) => d.cleaned.body)]);
    return {
      same: JSON.stringify(oneShot) === JSON.stringify(state.report.clusters) && oneShot.some((c) => c.size > 1),
      // The page holds rows; the cleaned bodies stay in the workers, fetched on demand.
      rowsWithBody: state.report.documents.filter((d) => 'body' in d.cleaned).length,
      bodies: docs.filter((d) => d.cleaned.body.length > 100).length,
    };
  });
  assert.ok(held.same, 'the same clusters and receipts as the one-shot path');
  assert.equal(held.rowsWithBody, 0, 'no cleaned body on the main thread');
  assert.equal(held.bodies, 400, 'every body can be fetched from the workers');
  // The line-by-line view is fetched for the opened document.
  await page.waitForSelector('#panel-cleaned .block.removed');
  assert.match(await page.locator('#panel-cleaned .block.removed').first().innerText(), /Home > News > World/);
  // "Keep this line" works in a big corpus too: the document is cleaned again with the line.
  const line = page.locator('#panel-cleaned .block.removed').first();
  const block = await line.getAttribute('data-block');
  await line.focus();
  await line.getByRole('button', { name: /Keep line/ }).click();
  await page.waitForSelector(`#panel-cleaned .block.kept.user-kept[data-block="${block}"]`);
  const body = await page.evaluate(() => window.articleAnalyzer.state.report.documents[0].cleaned.body);
  assert.match(body, /Home > News > World/, 'the kept line is in the document\'s cleaned text');
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  const groups = await page.locator('#panel-duplicates .cluster-list > li').count();
  assert.ok(groups >= 5, `near-duplicate groups found (${groups})`);
  await page.locator('#panel-duplicates .cluster-list summary').first().click();
  await shot(page, 'corpus-clusters');
  // A member side by side with its representative, though no pair was scored up front.
  const member = page.locator('#panel-duplicates .members li').nth(1);
  const memberName = (await member.locator('button.link').innerText()).trim();
  const repName = (await page.locator('#panel-duplicates .members li').first().locator('button.link').innerText()).trim();
  await member.getByRole('button', { name: /^Compare / }).click();
  await page.waitForSelector('#panel-duplicates .side-by-side .sbs');
  const sides = await page.locator('#panel-duplicates .side h4').allInnerTexts();
  // Each heading is "Text A: <headline>" (the letter is for screen readers too).
  assert.deepEqual(sides.map((t) => t.replace(/\s+/g, ' ').replace(/^.*?Text [AB]: /, '').trim()).sort(), [memberName, repName].sort());
  assert.match(await page.locator('#sbs-title').innerText(), /^\d+(\.\d)?% similar · Same story/);
  assert.ok(await page.locator('#panel-duplicates .side mark').count() >= 2, 'shared passages highlighted');
  assert.match(await page.locator('#panel-duplicates .side-by-side').innerText(), /analysed again on their own/);
  await shot(page, 'corpus-compare-member');
  await page.getByRole('button', { name: 'Close comparison' }).click();
  assert.equal(await page.locator('#panel-duplicates .side-by-side').count(), 0);
  await page.locator('#panel-duplicates .cluster-list summary').first().click();
  await page.locator('#panel-duplicates .members button.link').first().click();
  await page.waitForSelector('#panel-cleaned .block.removed');
  await page.getByRole('tab', { name: 'Keywords' }).click();
  assert.ok(await page.locator('#panel-keywords table.terms tbody tr').count() >= 10);
  // KWIC over bodies held by the workers: the same lines the page would find in them.
  const term = (await page.locator('#panel-keywords table.terms tbody tr button.term').first().innerText()).trim();
  await page.locator('#panel-keywords table.terms tbody tr button.term').first().click();
  await page.waitForSelector('#panel-keywords .kwic-table');
  const lines = await page.locator('#panel-keywords .kwic-table tbody tr').count();
  const expected = await page.evaluate(async (t) => {
    const { kwic } = await import('./kwic.js');
    return kwic({ documents: await window.articleAnalyzer.fullDocuments() }, t).length;
  }, term);
  assert.ok(lines > 0 && lines === expected, `KWIC lines for ${term}: ${lines}, expected ${expected}`);
  await shot(page, 'corpus-kwic');
  await page.locator('#export summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="receipts"]').click()]);
  assert.ok((await download.suggestedFilename()).endsWith('.jsonl'));
  // The cleaned texts export has every document's body, gathered from the workers.
  const [texts] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="cleaned"]').click()]);
  const records = readFileSync(await texts.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(records.length, 400);
  assert.equal(records.filter((r) => r.text.length > 100).length, 400, 'every cleaned text exported');
  assert.match(records[0].text, /Home > News > World/, 'with the line kept by hand');
  watch.check();
  await context.close();
});

test('a big JSONL with HTML records is cleaned while it is read, in HTML mode, and clustered like its bodies', async () => {
  const { page, watch, context } = await open(env);
  // About 5 MB (streamed: cleaned chunk by chunk as it is read); every 40th record is an HTML
  // page, and its copies (every tenth record copies a recent one) are HTML too.
  await page.evaluate(async () => {
    const { generateCorpus } = await import('./bench-corpus.js');
    const lines = generateCorpus(1700).split('\n').filter(Boolean).map((line, i) => {
      if (i % 40 !== 0) return line;
      const r = JSON.parse(line);
      const paras = r.text.split(/\n\n+/).map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
      r.text = `<html><head><title>${r.title}</title></head><body><nav><a href="/">Home</a></nav><article><h1>${r.title}</h1>${paras}</article></body></html>`;
      return JSON.stringify(r);
    });
    const file = new File([lines.join('\n') + '\n'], 'mixed.jsonl', { type: 'application/x-ndjson' });
    if (file.size < 4 << 20) throw new Error(`too small to stream: ${file.size}`);
    const dt = new DataTransfer();
    dt.items.add(file);
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await analysed(page, 1, 180000);
  assert.match(await page.locator('#progress').innerText(), /1,700 documents analysed/);
  const check = await page.evaluate(async () => {
    const { state, pool, fullDocuments } = window.articleAnalyzer;
    const docs = await fullDocuments();
    const oneShot = await pool.main.call('cluster', [docs.map((d) => d.cleaned.body)]);
    return {
      same: JSON.stringify(oneShot) === JSON.stringify(state.report.clusters),
      groups: new Set(oneShot.filter((c) => c.size > 1).map((c) => c.cluster)).size,
      html: docs.filter((d) => d.cleaned.html === true).length,
      navLeft: docs.filter((d) => d.cleaned.html === true && /Home/.test(d.cleaned.body.split('\n')[0])).length,
    };
  });
  assert.ok(check.html >= 40, `HTML records read in HTML mode (${check.html})`);
  assert.equal(check.navLeft, 0, 'their navigation is removed');
  assert.ok(check.groups >= 100, `near-duplicate groups (${check.groups})`);
  assert.ok(check.same, 'the same clusters and receipts as clustering the bodies at once');
  watch.check();
  await context.close();
});


for (const [name, opts] of [
  ['desktop-light', { width: 1280, height: 900, colorScheme: 'light' }],
  ['desktop-dark', { width: 1280, height: 900, colorScheme: 'dark' }],
  ['360-light', { width: 360, height: 780, colorScheme: 'light' }],
]) {
  test(`200 documents: every pair scored and sorted, a heatmap, groups, keywords (${name})`, async () => {
    const { page, watch, context } = await open(env, opts);
    const modules = watchModules(context);
    await dropCorpus(page, 200);
    await analysed(page, 1, 180000);
    assert.match(await page.locator('#progress').innerText(), /200 documents analysed/);
    // 200 documents are analysed at once in one worker: no clustering module.
    assert.equal(modules.loaded('pkg-cluster'), false, `no clustering module: ${modules.seen}`);
    await shot(page, `corpus200-cleaned-${name}`);
    await page.getByRole('tab', { name: 'Duplicates' }).click();
    // All 19,900 pairs are scored; the list shows the most similar first, 50 at a time.
    const pairs = await page.evaluate(() => window.articleAnalyzer.state.report.pairs.length);
    assert.equal(pairs, (200 * 199) / 2);
    const shown = async () => (await page.locator('#panel-duplicates .pair .score').allInnerTexts()).map((t) => Number(t.replace('%', '')));
    let scores = await shown();
    assert.equal(scores.length, 50);
    await page.getByRole('button', { name: /^Show 50 more pairs/ }).click();
    scores = await shown();
    assert.equal(scores.length, 100);
    assert.deepEqual(scores, [...scores].sort((x, y) => y - x), 'pairs sorted by score, highest first');
    assert.ok(await page.locator('#panel-duplicates .heatmap canvas').isVisible());
    assert.ok(await page.locator('#panel-duplicates .cluster-list > li').count() >= 5);
    await shot(page, `corpus200-duplicates-${name}`);
    await page.getByRole('tab', { name: 'Keywords' }).click();
    assert.ok(await page.locator('#panel-keywords table.terms tbody tr').count() >= 10);
    await shot(page, `corpus200-keywords-${name}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    watch.check();
    await context.close();
  });
}
