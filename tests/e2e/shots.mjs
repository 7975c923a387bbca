// Screenshots of every view for a person to look at (not a test): the example (cleaned view
// with removed lines and a reason shown, duplicates heatmap and side by side, keywords with
// KWIC), the export menu, the error banner of a broken JSONL, and the cluster list of a
// 400-article corpus, at 1280 px and 360 px, light and dark.
// `node tests/e2e/shots.mjs` writes test-results/shots/<view>-<width>-<scheme>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setup, open, analysed, dropFiles, dropCorpus, brokenJsonl, RESULTS } from './helpers.mjs';

const DIR = join(RESULTS, 'shots');
mkdirSync(DIR, { recursive: true });
const only = process.env.ONLY ? process.env.ONLY.split(',') : null;
const env = await setup();
const snap = async (page, name, tag, fullPage = true) => {
  if (only && !only.some((o) => name.startsWith(o))) return;
  await page.screenshot({ path: join(DIR, `${name}-${tag}.png`), fullPage });
};
try {
  for (const [width, height] of [[1280, 900], [360, 780]]) {
    for (const colorScheme of ['light', 'dark']) {
      const tag = `${width}-${colorScheme}`;
      const { page, watch, context } = await open(env, { width, height, colorScheme });
      await snap(page, 'start', tag, false);
      await page.getByRole('button', { name: 'Try the example' }).click();
      await analysed(page);
      await page.selectOption('#cleaned-doc', '1');
      await page.evaluate(() => document.getElementById('results').scrollIntoView());
      await page.locator('#panel-cleaned .block.removed').first().focus();
      await snap(page, 'cleaned', tag, false);
      await snap(page, 'cleaned-full', tag);
      await page.getByRole('tab', { name: 'Duplicates' }).click();
      await page.evaluate(() => document.getElementById('results').scrollIntoView());
      await snap(page, 'heatmap', tag, false);
      await page.locator('#panel-duplicates .pair').first().click();
      await page.evaluate(() => document.querySelector('#panel-duplicates .side-by-side').scrollIntoView());
      await snap(page, 'side-by-side', tag, false);
      await snap(page, 'duplicates-full', tag);
      await page.getByRole('tab', { name: 'Keywords' }).click();
      await page.locator('#panel-keywords table.terms tbody .term').first().click();
      await page.evaluate(() => document.getElementById('results').scrollIntoView());
      await snap(page, 'keywords', tag, false);
      await snap(page, 'keywords-full', tag);
      await page.evaluate(() => document.querySelector('#panel-keywords .kwic')?.scrollIntoView());
      await snap(page, 'kwic', tag, false);
      await page.getByRole('tab', { name: 'Per document' }).click();
      await snap(page, 'perdoc', tag);
      await page.evaluate(() => document.getElementById('results').scrollIntoView());
      await page.locator('#export summary').click();
      await snap(page, 'export', tag, false);
      await page.keyboard.press('Escape');
      watch.check();
      await context.close();

      // The error banner: a JSONL with a broken line and a record without text.
      {
        const { page, context } = await open(env, { width, height, colorScheme });
        await dropFiles(page, [{ name: 'corpus.jsonl', text: brokenJsonl() }]);
        await analysed(page);
        await snap(page, 'banner', tag, false);
        await context.close();
      }
      // A corpus: the cluster list.
      if (!only || only.some((o) => o.startsWith('clusters'))) {
        const { page, context } = await open(env, { width, height, colorScheme });
        await dropCorpus(page, 400);
        await analysed(page, 1, 120000);
        await page.getByRole('tab', { name: 'Duplicates' }).click();
        await page.locator('#panel-duplicates .cluster-list summary').first().click();
        await page.evaluate(() => document.getElementById('results').scrollIntoView());
        await snap(page, 'clusters', tag, false);
        await snap(page, 'clusters-full', tag);
        await page.getByRole('tab', { name: 'Cleaned' }).click();
        await page.waitForSelector('#panel-cleaned .block.removed');
        await snap(page, 'corpus-cleaned', tag, false);
        await context.close();
      }
      console.log('done', tag);
    }
  }
} finally {
  await env.close();
}
