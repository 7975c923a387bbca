// Dropping files through a DataTransfer, as a person dragging them from the desktop: text and
// HTML files, a JSONL with a broken line (reported with its line number, the rest read), a
// binary file, invalid UTF-8, and a gzipped file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { setup, open, analysed, dropFiles, shot, brokenJsonl, seed } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());


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
  await dropFiles(page, [{ name: 'corpus.jsonl', text: brokenJsonl() }]);
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

/** A folder on disk as a person's file chooser sees it. */
function makeFolder(files) {
  const dir = mkdtempSync(join(tmpdir(), 'aa-e2e-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

test('"Choose files" reads .md, .htm, .csv and a gzipped JSONL; the list shows name, size and language', async () => {
  const { page, watch, context } = await open(env);
  const dawn = seed('dawn-afp-2017-10-11.txt');
  const pulse = seed('pulse-afp-2017-10-10.txt');
  const csvCell = (t) => `"${t.replace(/"/g, '""')}"`;
  const jsonl = [
    JSON.stringify({ id: 'j1', title: 'Copy one', text: dawn }),
    JSON.stringify({ id: 'j2', title: 'Copy two', text: pulse }),
  ].join('\n') + '\n';
  const dir = makeFolder({
    'notes.md': `# Moscow says US pretending to fight IS\n\n${dawn}`,
    'page.htm': `<!doctype html><html><head><title>Moscow says US pretending</title></head><body><nav><a href="/">Home</a></nav><article>${pulse.split('\n\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}</article></body></html>`,
    'two.csv': `id,title,text\nc1,First,${csvCell(dawn)}\nc2,Second,${csvCell(pulse)}\n`,
    'corpus.jsonl.gz': gzipSync(jsonl),
  });
  await page.locator('#files').setInputFiles(['notes.md', 'page.htm', 'two.csv', 'corpus.jsonl.gz'].map((f) => join(dir, f)));
  await analysed(page);
  // Keyed by the name element itself: the cell's innerText puts the "2 articles" line under the
  // name only once the table is laid out, and a read during a re-render ran the two together.
  const rows = await page.locator('#doclist tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.docname')?.textContent ?? '', ...[...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())]));
  const byName = Object.fromEntries(rows.map(([name, ...cells]) => [name, cells]));
  assert.deepEqual(Object.keys(byName).sort(), ['corpus.jsonl.gz', 'notes.md', 'page.htm', 'two.csv'], JSON.stringify(rows));
  // Size as stored on disk (the .gz compressed), in the units a person reads.
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  assert.equal(byName['notes.md'][1], kb(statSync(join(dir, 'notes.md')).size));
  assert.equal(byName['corpus.jsonl.gz'][1], kb(statSync(join(dir, 'corpus.jsonl.gz')).size));
  assert.match(byName['two.csv'][0], /2 articles/);
  assert.match(byName['corpus.jsonl.gz'][0], /2 articles/);
  for (const [name, ...cells] of rows) assert.equal(cells[2], 'English', `language of ${name}`);
  assert.match(await page.locator('#doclist').innerText(), /6 articles loaded/);
  // The .htm file was read as HTML, the CSV rows by their title column.
  const docs = await page.evaluate(() => window.articleAnalyzer.state.report.documents.map((d) => ({ name: d.name, html: d.cleaned.html, title: d.cleaned.title })));
  assert.equal(docs.find((d) => /page\.htm/.test(d.name)).html, true);
  // A Markdown heading is the headline without its "#", in the engine's metadata itself.
  assert.equal(docs.find((d) => /notes\.md/.test(d.name)).title, 'Moscow says US pretending to fight IS');
  await page.selectOption('#cleaned-doc', { label: '1. Moscow says US pretending to fight IS' });
  assert.equal(await page.locator('#cleaned-title').innerText(), 'Moscow says US pretending to fight IS');
  // Each CSV row is named by its own title column (the second row was once named by the
  // headline found in its text); that headline is shown as metadata.
  const csvTitles = docs.filter((d) => /two\.csv/.test(d.name)).map((d) => d.title);
  assert.deepEqual(csvTitles, ['First', 'Second'], JSON.stringify(docs));
  const second = docs.findIndex((d) => d.title === 'Second');
  await page.selectOption('#cleaned-doc', { index: second });
  assert.equal(await page.locator('#cleaned-title').innerText(), 'Second');
  assert.match(await page.locator('#panel-cleaned dl.meta').innerText(), /Headline in the text\s+\S/);
  // Six copies of one story: one group.
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  assert.match(await page.locator('#panel-duplicates .clusters').innerText(), /1 group of copies of one story/);
  rmSync(dir, { recursive: true });
  watch.check();
  await context.close();
});

test('"Choose a folder" reads every supported file in it, sub-folders too, and says what it skipped', async () => {
  const { page, watch, context } = await open(env);
  const dir = makeFolder({
    'press/dawn.txt': seed('dawn-afp-2017-10-11.txt'),
    'press/2017/pulse.txt': seed('pulse-afp-2017-10-10.txt'),
    'press/photo.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    'press/notes.docx': Buffer.from('PK\u0003\u0004'),
  });
  await page.locator('#folder').setInputFiles(join(dir, 'press'));
  await analysed(page);
  const list = await page.locator('#doclist').innerText();
  assert.match(list, /press\/dawn\.txt/);
  assert.match(list, /press\/2017\/pulse\.txt/);
  assert.doesNotMatch(list, /photo|docx/);
  assert.match(list, /2 articles loaded/);
  // The files left out are named, so nothing disappears silently.
  const banner = await page.locator('#banner').innerText();
  assert.match(banner, /press: left out 2 files of other types/);
  assert.match(banner, /press\/photo\.jpg/);
  assert.match(banner, /press\/notes\.docx/);
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  assert.equal(await page.locator('#panel-duplicates .pair').count(), 1);
  rmSync(dir, { recursive: true });
  watch.check();
  await context.close();
});
