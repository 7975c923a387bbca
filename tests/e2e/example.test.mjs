// "Try the example": both seed articles analysed, all three panels showing results, screenshots
// at desktop and 360 px, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, analysed, shot } from './helpers.mjs';

let env;
before(async () => (env = await setup()));
after(async () => env.close());

/** Visible controls that stick out of the window sideways (cut off on a phone), but for those in
 * tables, which scroll sideways on purpose; an open menu's box counts too. */
async function cutOff(page) {
  return page.evaluate(() => [...document.querySelectorAll('button, summary, select, input, a, details[open] > .menu-items')]
    .filter((el) => !el.closest('table, .skip, .visually-hidden') && el.getClientRects().length > 0)
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < -1 || r.right > document.documentElement.clientWidth + 1);
    })
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} “${el.textContent.trim().slice(0, 30)}”`));
}

async function runExample(page) {
  await page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(page);
}

test('the example fills all three panels for both articles', async () => {
  const { page, watch, context } = await open(env);
  const t0 = Date.now();
  await runExample(page);
  const ms = Date.now() - t0;

  // Document list: both files, with a language once analysed.
  const list = await page.locator('#doclist').innerText();
  assert.match(list, /dawn-afp-2017-10-11\.txt/);
  assert.match(list, /pulse-afp-2017-10-10\.txt/);
  assert.match(list, /English/);
  assert.match(list, /dawn-afp-2017-10-11\.txt\s+3\.0 KB\s+English/);

  // Cleaned: a picker naming both, metadata, text, and at least one removed line with a reason.
  const options = await page.locator('#cleaned-doc option').allInnerTexts();
  assert.equal(options.length, 2);
  assert.ok(await page.locator('#panel-cleaned .block.kept').count() > 3);
  const removed = page.locator('#panel-cleaned .block.removed');
  const title0 = await page.locator('#cleaned-title').innerText();
  assert.ok(title0.length > 10, title0);
  await page.selectOption('#cleaned-doc', '1');
  assert.ok(await removed.count() > 0, 'the pulse copy has boilerplate lines');
  await removed.first().focus();
  assert.ok(await removed.first().locator('.reason').isVisible(), 'the reason shows on keyboard focus');
  assert.match(await removed.first().locator('.reason').innerText(), /Line \d+/);
  await shot(page, 'example-cleaned-desktop-light');

  // Duplicates: one pair (two documents), a heatmap with labelled cells.
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  assert.equal(await page.locator('#panel-duplicates .pair').count(), 1);
  assert.ok(await page.locator('#panel-duplicates svg .cell[aria-label*="similar"]').count() >= 2);
  const score = await page.locator('#panel-duplicates .pair .score').innerText();
  assert.match(score, /\d+%/);
  await shot(page, 'example-duplicates-desktop-light');

  // Keywords: a term table, a chart, and a row per document.
  await page.getByRole('tab', { name: 'Keywords' }).click();
  assert.ok(await page.locator('#panel-keywords table.terms tbody tr').count() >= 5);
  // The term table counts stories (copies count once) and pages through its rows.
  assert.match(await page.locator('#panel-keywords table.terms thead').innerText(), /Stories/i);
  assert.match(await page.locator('#panel-keywords table.terms caption').innerText(), /2 documents, 1 story/);
  const firstTerm = await page.locator('#panel-keywords table.terms tbody .term').first().innerText();
  await page.getByRole('button', { name: 'Next 25' }).click();
  assert.match(await page.locator('#panel-keywords .pager').innerText(), /26–/);
  assert.notEqual(await page.locator('#panel-keywords table.terms tbody .term').first().innerText(), firstTerm);
  await page.getByRole('button', { name: 'Previous 25' }).click();
  assert.ok(await page.locator('#panel-keywords ol.bars li').count() >= 5);
  // Phrases and names: their own tables and charts, and a term opens its concordance.
  await page.getByRole('tab', { name: 'Phrases' }).click();
  const phrases = await page.locator('#panel-keywords table.terms tbody .term').allInnerTexts();
  assert.ok(phrases.length >= 3 && phrases.every((p) => /\s|-/.test(p.trim())), `phrases of two or more words: ${phrases}`);
  await page.getByRole('tab', { name: 'Names' }).click();
  const names = await page.locator('#panel-keywords table.terms tbody .term').allInnerTexts();
  assert.ok(names.includes('Konashenkov') && names.includes('Pentagon'), `names: ${names}`);
  assert.ok(names.every((n) => /^\p{Lu}/u.test(n)), `names are capitalised: ${names}`);
  // Names are counted, not scored: no column or bars of zeros.
  assert.doesNotMatch(await page.locator('#panel-keywords table.terms thead').innerText(), /TF-IDF|score/i);
  const values = await page.locator('#panel-keywords ol.bars .bar-value').allInnerTexts();
  assert.ok(values.every((v) => /^[1-9][\d,]*$/.test(v)), `bar values are counts: ${values}`);
  assert.match(await page.locator('#panel-keywords figcaption').innerText(), /by count/);
  await page.locator('#panel-keywords ol.bars .bar-label', { hasText: 'Konashenkov' }).click();
  assert.match(await page.locator('#kwic-title').innerText(), /Konashenkov/);
  assert.ok(await page.locator('#panel-keywords .kwic-match').count() >= 2);
  // Per document: counts and readability, explained.
  await page.getByRole('tab', { name: 'Per document' }).click();
  assert.equal(await page.locator('#panel-keywords table.perdoc tbody tr').count(), 2);
  const heads = await page.locator('#panel-keywords table.perdoc thead th').allInnerTexts();
  for (const col of ['Words', 'Sentences', 'Reading time', 'Reading ease', 'School grade']) {
    assert.ok(heads.some((t) => t.replace(/\s+/g, ' ').toLowerCase() === col.toLowerCase()), `column ${col}: ${heads}`);
  }
  const ease = await page.locator('#panel-keywords table.perdoc tbody tr').first().locator('td').nth(4);
  assert.match(await ease.innerText(), /^\d+ · (very easy|easy|fairly easy|plain English|fairly hard|hard|very hard)$/);
  assert.match(await ease.getAttribute('title'), /Flesch Reading Ease: \d+\.\d/);
  assert.match(await page.locator('#perdoc-note').innerText(), /higher is easier/);
  await shot(page, 'example-perdoc-desktop-light');
  await page.getByRole('tab', { name: 'Terms' }).click();
  await page.locator('#panel-keywords table.terms tbody .term').first().click();
  assert.ok(await page.locator('#panel-keywords .kwic-table tr').count() >= 1, 'KWIC lists the term in context');
  await shot(page, 'example-keywords-desktop-light');

  console.log(`example analysed and drawn ${ms} ms after the click (including test overhead)`);
  watch.check();
  await context.close();
});

for (const [name, opts] of [
  ['desktop-dark', { width: 1280, height: 900, colorScheme: 'dark' }],
  ['360-light', { width: 360, height: 780, colorScheme: 'light' }],
  ['360-dark', { width: 360, height: 780, colorScheme: 'dark' }],
]) {
  test(`the example at ${name}`, async () => {
    const { page, watch, context } = await open(env, opts);
    await shot(page, `start-${name}`, { fullPage: false });
    await runExample(page);
    await page.selectOption('#cleaned-doc', '1');
    await shot(page, `example-cleaned-${name}`);
    assert.deepEqual(await cutOff(page), [], 'every control of the Cleaned view is on screen');
    await page.locator('#results').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('results').scrollIntoView());
    await shot(page, `example-cleaned-${name}-view`, { fullPage: false });
    await page.getByRole('tab', { name: 'Duplicates' }).click();
    await page.locator('#panel-duplicates .pair').first().click();
    await shot(page, `example-pair-${name}`);
    await page.evaluate(() => document.querySelector('#panel-duplicates .side-by-side').scrollIntoView());
    await shot(page, `example-pair-${name}-view`, { fullPage: false });
    assert.deepEqual(await cutOff(page), [], 'every control of the Duplicates view is on screen');
    await page.getByRole('tab', { name: 'Keywords' }).click();
    await shot(page, `example-keywords-${name}`);
    assert.deepEqual(await cutOff(page), [], 'every control of the Keywords view is on screen');
    // The export menu opens on screen, wherever its button sits.
    await page.locator('#export summary').click();
    assert.deepEqual(await cutOff(page), [], 'the export menu is on screen');
    await shot(page, `example-export-${name}`, { fullPage: false });
    await page.keyboard.press('Escape');
    await page.evaluate(() => document.getElementById('results').scrollIntoView());
    await shot(page, `example-keywords-${name}-view`, { fullPage: false });
    // Nothing overflows sideways at 360 px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    watch.check();
    await context.close();
  });
}
