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

test('1,000 documents get the corpus term table with TF-IDF, the one the one-shot path computes', async () => {
  const { page, watch, context } = await open(env);
  await dropCorpus(page, 1000);
  await analysed(page, 1, 180000);
  assert.match(await page.locator('#progress').innerText(), /1,000 documents analysed/);
  const table = await page.evaluate(() => window.articleAnalyzer.state.report.corpusTerms);
  // The generated corpus has a small vocabulary: every content word is a row.
  assert.ok(table.length > 50, `the engine table (${table.length} rows)`);
  assert.ok(table.every((t, i) => i === 0 || table[i - 1].tfidf >= t.tfidf), 'highest TF-IDF first');
  assert.ok(table.every((t) => t.count >= t.documents && t.documents >= 1 && t.tfidf >= t.count));

  // The same documents analysed at once in one worker (the ≤ 200-document path, and the CLI):
  // the same table, though shards were cleaned and clustered apart and a tenth of the
  // documents are copies, most of them in another shard than their story.
  const oneShot = await page.evaluate(async () => {
    const { state, pool } = window.articleAnalyzer;
    const docs = state.sources.flatMap((s) => s.docs).map((d) => ({ id: d.id, name: d.name, text: d.text, format: d.format, title: d.title }));
    return (await pool.main.call('analyze', [docs, []])).corpusTerms;
  });
  assert.deepEqual(table, oneShot);
  const clusters = await page.evaluate(() => window.articleAnalyzer.state.report.clusters);
  assert.ok(clusters.filter((c) => c.cluster !== c.doc).length > 50, 'copies were found');

  // The Keywords tab: TF-IDF and stories, as for a small corpus (no summed key-phrase score).
  await page.getByRole('tab', { name: 'Keywords' }).click();
  const heads = await page.locator('#panel-keywords table.terms thead th').allTextContents();
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
