// The corpus term table of a big corpus: above the pairwise limit the page analyses shards on
// the worker pool, and each shard hands on its share of the term table (count, stories, document
// frequency per term), merged in the clustering worker. The Keywords tab then shows term /
// count / TF-IDF / stories as for a small corpus, and the term CSV holds the same rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, analysed, dropCorpus, shot } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

test('1,000 documents get the corpus term table with TF-IDF, close to the one-shot table', async () => {
  const { page, watch, context } = await open(env);
  await dropCorpus(page, 1000);
  await analysed(page, 1, 180000);
  assert.match(await page.locator('#progress').innerText(), /1,000 documents analysed/);
  const table = await page.evaluate(() => window.articleAnalyzer.state.report.corpusTerms);
  // The generated corpus has a small vocabulary: every content word is a row.
  assert.ok(table.length > 50, `the engine table (${table.length} rows)`);
  assert.ok(table.every((t, i) => i === 0 || table[i - 1].tfidf >= t.tfidf), 'highest TF-IDF first');
  assert.ok(table.every((t) => t.count >= t.documents && t.documents >= 1 && t.tfidf >= t.count));

  // The same documents analysed at once in one worker: its table is the reference. Shards are
  // cleaned as their own small corpora, and a story whose copies fall into two shards counts in
  // each, so the figures may differ slightly; the terms at the top may not.
  const oneShot = await page.evaluate(async () => {
    const { state, pool } = window.articleAnalyzer;
    const docs = state.sources.flatMap((s) => s.docs).map((d) => ({ id: d.id, name: d.name, text: d.text, format: d.format, title: d.title }));
    return (await pool.main.call('analyze', [docs, []])).corpusTerms;
  });
  assert.equal(table.length, oneShot.length, 'the same vocabulary');
  console.log(JSON.stringify(table.slice(0, 25)), JSON.stringify(oneShot.slice(0, 25)));
  const top = (rows, n) => rows.slice(0, n).map((t) => t.term);
  const shared = top(table, 20).filter((t) => top(oneShot, 20).includes(t));
  assert.ok(shared.length >= 18, `top 20 terms shared with the one-shot table: ${shared.length} (${top(table, 20)} / ${top(oneShot, 20)})`);
  for (const t of table.slice(0, 20)) {
    const o = oneShot.find((x) => x.term === t.term);
    if (!o) continue;
    assert.ok(Math.abs(t.count - o.count) <= 0.05 * o.count, `${t.term}: count ${t.count} vs ${o.count}`);
    assert.ok(Math.abs(t.tfidf - o.tfidf) <= 0.1 * o.tfidf, `${t.term}: TF-IDF ${t.tfidf} vs ${o.tfidf}`);
  }

  // The Keywords tab: TF-IDF and stories, as for a small corpus (no summed key-phrase score).
  await page.getByRole('tab', { name: 'Keywords' }).click();
  const heads = await page.locator('#panel-keywords table.terms thead th').allInnerTexts();
  assert.deepEqual(heads.map((h) => h.trim()), ['Term', 'Count', 'TF-IDF', 'Stories']);
  const first = page.locator('#panel-keywords table.terms tbody tr').first();
  assert.equal((await first.locator('th').innerText()).trim(), table[0].term);
  assert.match(await page.locator('#panel-keywords figure.chart figcaption').innerText(), /by TF-IDF/);
  assert.match(await page.locator('#panel-keywords table.terms caption').innerText(), /1,000 documents, [\d,]+ stories/);
  await shot(page, 'corpus-1000-terms');

  // The term CSV: the table's rows with their TF-IDF.
  await page.locator('#export summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="terms"]').click()]);
  const lines = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  assert.equal(lines[0], 'term,count,tfidf,stories');
  assert.equal(lines.length, table.length + 1);
  const [term, count, tfidf, stories] = lines[1].split(',');
  assert.deepEqual([term.replace(/"/g, ''), Number(count), Number(stories)], [table[0].term, table[0].count, table[0].documents]);
  assert.ok(Math.abs(Number(tfidf) - table[0].tfidf) < 1e-6);
  watch.check();
  await context.close();
});
