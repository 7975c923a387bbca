// Accessibility: axe-core's WCAG 2 A/AA rules on the page before and after an analysis, in
// light and dark, on every panel; and every control reachable by keyboard with a visible focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { setup, analysed, dropCorpus } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let env;
before(async () => (env = await setup()));
after(async () => env.close());

async function audit(page, where) {
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(problems, [], `${where}:\n${problems.join('\n')}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`WCAG A/AA rules pass on every panel (${colorScheme})`, async () => {
    // axe is injected as a script, which the page's CSP rightly forbids: only this test's
    // context bypasses it.
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(env.base);
    await page.waitForSelector('body[data-ready="true"]');
    await page.addScriptTag({ path: AXE });
    await audit(page, 'empty page');
    await page.getByRole('button', { name: 'Try the example' }).click();
    await analysed(page);
    await page.selectOption('#cleaned-doc', '1');
    await audit(page, 'cleaned');
    await page.getByRole('tab', { name: 'Duplicates' }).click();
    await page.locator('#panel-duplicates .pair').first().click();
    await audit(page, 'duplicates');
    await page.getByRole('tab', { name: 'Keywords' }).click();
    await page.locator('#panel-keywords table.terms .term').first().click();
    await audit(page, 'keywords');
    await page.locator('#settings summary').click();
    await page.locator('#export summary').click();
    await audit(page, 'settings and export open');
    await context.close();
  });
}

test('the keyboard reaches the controls in order, with a visible focus ring', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.base);
  await page.waitForSelector('body[data-ready="true"]');
  const seen = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const label = el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.id;
      return { label: label.trim().slice(0, 40), ring: ring || el.closest('label')?.matches(':focus-within') };
    });
    seen.push(info);
  }
  const labels = seen.map((s) => s.label);
  for (const name of ['Skip to results', 'Paste one or more articles', 'Add another article', 'Try the example', 'Analyse']) {
    assert.ok(labels.some((l) => l.includes(name)), `${name} is reachable by Tab: ${labels.join(' | ')}`);
  }
  const noRing = seen.filter((s) => !s.ring).map((s) => s.label);
  assert.deepEqual(noRing, [], 'every focused control shows a focus ring');
  await context.close();
});

/** Tabs from the top of the page (the skip link) until focus leaves the page or comes round
 * again; every stop as {label, ring}. */
async function tabWalk(page, max = 400) {
  await page.locator('.skip').focus();
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const label = el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.getAttribute('title') || el.textContent || el.id;
      return { label: label.trim().replace(/\s+/g, ' ').slice(0, 120), ring: ring || !!el.closest('label')?.matches(':focus-within'), removedLine: el.matches('.block.removed') };
    });
    if (info === null || (stops.length && info.label === stops[0].label)) break;
    stops.push(info);
  }
  return stops;
}

test('after an analysis, Tab reaches every result control on each panel, each with a focus ring', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.base);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(page);
  await page.selectOption('#cleaned-doc', '1');
  const check = (stops, names, where) => {
    const labels = stops.map((s) => s.label);
    for (const name of names) assert.ok(labels.some((l) => l.includes(name)), `${where}: ${name} is reachable by Tab: ${labels.join(' | ')}`);
    assert.deepEqual(stops.filter((s) => !s.ring).map((s) => s.label), [], `${where}: every focused control shows a focus ring`);
  };
  let stops = await tabWalk(page);
  check(stops, ['Cleaned', 'Export', 'Document', 'Show removed lines', 'Copy text', 'Download', 'Keep line'], 'cleaned');
  assert.ok(stops.some((s) => s.removedLine), 'removed lines take focus (their reason shows)');
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  await page.locator('#panel-duplicates .pair').first().click();
  stops = await tabWalk(page);
  check(stops, ['Close comparison', 'Text A', 'Text B', 'similar', 'dawn-afp-2017-10-11.txt and'], 'duplicates');
  await page.getByRole('tab', { name: 'Keywords' }).click();
  await page.locator('#panel-keywords table.terms .term').first().click();
  stops = await tabWalk(page);
  check(stops, ['Terms', 'Next 25', 'Table (scrolls sideways'], 'keywords');
  await context.close();
});

test('WCAG A/AA rules pass with a 60-document corpus (canvas heatmap, pagers, groups)', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(env.base);
  await page.waitForSelector('body[data-ready="true"]');
  await page.addScriptTag({ path: AXE });
  await dropCorpus(page, 60);
  await analysed(page, 1, 120000);
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  await page.locator('#panel-duplicates .heatmap canvas').focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('#panel-duplicates .clusters summary').first().click();
  await audit(page, 'duplicates of 60 documents');
  await page.getByRole('tab', { name: 'Keywords' }).click();
  await page.getByRole('tab', { name: 'Per document' }).click();
  await audit(page, 'per-document table of 60 documents');
  await context.close();
});
