// A worker that dies mid-job is replaced, the job names the document it died on, and every
// other document is still analysed. The crash is provoked by terminating the worker exactly when
// it receives the poisoned document (what an out-of-memory or a wasm trap does to it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, open, analysed, dropFiles, dropCorpus, ROOT } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

const seed = (name) => readFileSync(join(ROOT, 'www', 'examples', name), 'utf8');

test('a crashed worker is replaced and the failed document is named', async () => {
  const { page, watch, context } = await open(env);
  await page.evaluate(async () => {
    const { Bridge } = await import('./bridge.js');
    // The crash hits the job that carries the poisoned document, as the worker runs it: its
    // reply is replaced by the worker's death. (A worker holds two requests at once and runs
    // them in order, so the requests before it have answered by then.)
    const receive = Bridge.prototype.receive;
    Bridge.prototype.receive = function (data) {
      const job = this.inflight.find((j) => j.id === data.id);
      const docs = job && (job.method === 'analyze' || job.method === 'analyzeShard') && Array.isArray(job.args?.[0]) ? job.args[0] : [];
      if (docs.some((d) => d.name === 'poison.txt')) return this.crash('the worker stopped (simulated out-of-memory)', job);
      return receive.call(this, data);
    };
  });
  await dropFiles(page, [
    { name: 'dawn.txt', text: seed('dawn-afp-2017-10-11.txt') },
    { name: 'poison.txt', text: 'Any text at all; the worker dies when it receives this document for analysis today.' },
    { name: 'pulse.txt', text: seed('pulse-afp-2017-10-10.txt') },
  ]);
  await analysed(page, 1, 60000);
  const banner = await page.locator('#banner').innerText();
  assert.match(banner, /poison\.txt/);
  assert.match(banner, /could not be analysed/);
  const report = await page.evaluate(() => {
    const r = window.articleAnalyzer.state.report;
    return { names: r.documents.map((d) => d.name), failed: r.documents.map((d) => !!d.failed), pairs: r.pairs.map((p) => [p.a, p.b]) };
  });
  assert.deepEqual(report.names, ['dawn.txt', 'poison.txt', 'pulse.txt']);
  assert.deepEqual(report.failed, [false, true, false]);
  assert.deepEqual(report.pairs, [[0, 2]], 'the two good documents are still compared, at their own indices');
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  assert.equal(await page.locator('#panel-duplicates .pair').count(), 1);
  assert.equal(await page.evaluate(() => document.body.dataset.analysed), '1');
  // The replacement worker works.
  await page.getByRole('button', { name: 'Remove poison.txt' }).click();
  await analysed(page, 2);
  await page.getByRole('tab', { name: 'Cleaned' }).click();
  assert.equal(await page.locator('#cleaned-doc option').count(), 2);
  watch.check();
  await context.close();
});

test('the clustering worker dying mid-corpus loses its staged sketches, not the clusters', async () => {
  const { page, watch, context } = await open(env);
  await page.evaluate(async () => {
    const { Bridge } = await import('./bridge.js');
    let crashed = false;
    let staged = 0;
    const send = Bridge.prototype.send;
    Bridge.prototype.send = function (job) {
      if (job.method === 'stageShard' && job.args[0]) staged++;
      return send.call(this, job);
    };
    const receive = Bridge.prototype.receive;
    Bridge.prototype.receive = function (data) {
      const job = this.inflight.find((j) => j.id === data.id);
      // The first bridge keeps the staged sketches; it dies at its next reply (a shard it
      // analysed, or a staging) once it holds some. Waiting for an analyzeShard reply alone
      // was racy: the main bridge may have analysed all of its shards before the second
      // staging was sent.
      const dies = job && (job.method === 'analyzeShard' || job.method === 'stageShard');
      if (!crashed && staged >= 2 && dies && this === window.articleAnalyzer.pool.main) {
        crashed = true;
        return this.crash('the worker stopped (simulated out-of-memory)', job);
      }
      return receive.call(this, data);
    };
  });
  await dropCorpus(page, 400);
  await analysed(page, 1, 180000);
  assert.match(await page.locator('#progress').innerText(), /400 documents analysed/);
  const r = await page.evaluate(async () => {
    const { state, pool, fullDocuments } = window.articleAnalyzer;
    const whole = await fullDocuments();
    const oneShot = await pool.main.call('cluster', [whole.map((d) => d.cleaned.body)]);
    // Without the merged term table the Keywords view sums the rows' key phrases: every one.
    const phrases = (docs) => docs.map((d) => d.keywords.map((k) => k.term).join('|')).join('\n');
    return {
      same: JSON.stringify(oneShot) === JSON.stringify(state.report.clusters),
      groups: oneShot.filter((c) => c.size > 1).length,
      replaced: pool.main.generation > 1,
      phrases: !state.report.corpusTerms && phrases(state.report.documents) === phrases(whole) && whole.some((d) => d.keywords.length > 3),
    };
  });
  assert.ok(r.replaced, 'the clustering worker was replaced after it had staged sketches');
  assert.ok(r.groups > 0 && r.same, 'clusters as if nothing had happened');
  assert.ok(r.phrases, 'the rows carry every key phrase when there is no corpus term table');
  watch.check();
  await context.close();
});
