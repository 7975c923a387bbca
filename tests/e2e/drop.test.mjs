// Dropping files through a DataTransfer, as a person dragging them from the desktop: text and
// HTML files, a JSONL with a broken line (reported with its line number, the rest read), a
// binary file, invalid UTF-8, and a gzipped file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, open, analysed, dropFiles, shot, ROOT } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

const seed = (name) => readFileSync(join(ROOT, 'www', 'examples', name), 'utf8');

test('dropped text and HTML files are listed and analysed', async () => {
  const { page, watch, context } = await open(env);
  const html = `<!doctype html><html><head><title>Moscow says US pretending</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Moscow says US pretending to fight IS</h1>${seed('dawn-afp-2017-10-11.txt').split('\n\n').map((p) => `<p>${p}</p>`).join('')}</article><footer>Copyright 2017</footer></body></html>`;
  await dropFiles(page, [
    { name: 'pulse.txt', text: seed('pulse-afp-2017-10-10.txt') },
    { name: 'dawn.html', text: html },
  ]);
  await analysed(page);
  const list = await page.locator('#doclist').innerText();
  assert.match(list, /pulse\.txt/);
  assert.match(list, /dawn\.html/);
  await page.selectOption('#cleaned-doc', '1');
  assert.match(await page.locator('#panel-cleaned .meta').innerText(), /HTML page/);
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  const score = Number((await page.locator('#panel-duplicates .pair .score').innerText()).replace('%', ''));
  assert.ok(score > 30, `the HTML and text copies of one story are similar (${score}%)`);
  // Remove one: the list and the results follow.
  await page.getByRole('button', { name: 'Remove pulse.txt' }).click();
  await analysed(page, 2);
  assert.doesNotMatch(await page.locator('#doclist').innerText(), /pulse\.txt/);
  watch.check();
  await context.close();
});

test('a broken JSONL line is reported with its line number and the rest is read', async () => {
  const { page, watch, context } = await open(env);
  const lines = [
    JSON.stringify({ id: 'one', text: seed('dawn-afp-2017-10-11.txt') }),
    '{"id": "two", "text": "unterminated',
    JSON.stringify({ id: 'three', title: 'Pulse copy', text: seed('pulse-afp-2017-10-10.txt') }),
    JSON.stringify({ id: 'four', body: 'no text field' }),
  ];
  await dropFiles(page, [{ name: 'corpus.jsonl', text: lines.join('\n') + '\n' }]);
  await analysed(page);
  const banner = await page.locator('#banner').innerText();
  assert.match(banner, /corpus\.jsonl, line 2/);
  assert.match(banner, /corpus\.jsonl, line 4/);
  assert.match(await page.locator('#doclist').innerText(), /2 articles/);
  await shot(page, 'broken-jsonl');
  watch.check();
  await context.close();
});

test('binary files and invalid UTF-8 get clear messages; .gz is decompressed', async () => {
  const { page, watch, context } = await open(env);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]).toString('base64');
  const latin1 = Buffer.concat([Buffer.from('Le caf'), Buffer.from([0xe9]), Buffer.from(' de la gare a rouvert ses portes lundi matin, selon le maire de la ville, qui a salué la nouvelle.\n')]).toString('base64');
  const gz = await page.evaluate(async (text) => {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return btoa(String.fromCharCode(...bytes));
  }, seed('pulse-afp-2017-10-10.txt'));
  await dropFiles(page, [
    { name: 'photo.png', base64: png },
    { name: 'latin1.txt', base64: latin1 },
    { name: 'pulse.txt.gz', base64: gz },
  ]);
  await analysed(page);
  const banner = await page.locator('#banner').innerText();
  assert.match(banner, /photo\.png/);
  assert.match(banner, /binary/i);
  assert.match(banner, /latin1\.txt/);
  assert.match(banner, /UTF-8/);
  const list = await page.locator('#doclist').innerText();
  assert.match(list, /pulse\.txt/);
  assert.match(list, /latin1\.txt/);
  assert.doesNotMatch(list, /photo\.png/);
  watch.check();
  await context.close();
});
