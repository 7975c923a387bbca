// Takes the README's screenshot (docs/screenshot.png): the page served from a sub-path, "Try the
// example" clicked, the Pulse copy's cleaned view with removed lines and one reason showing.
// Run after `./build.sh build`: node tools/readme-screenshot.mjs
import { join } from 'node:path';
import { setup, open, analysed, ROOT } from '../tests/e2e/helpers.mjs';

const env = await setup();
try {
  const { page } = await open(env, { width: 1280, height: 860 });
  await page.getByRole('button', { name: 'Try the example' }).click();
  await analysed(page);
  await page.selectOption('#cleaned-doc', '1');
  const removed = page.locator('#panel-cleaned .block.removed');
  await removed.first().focus();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
  console.log('wrote docs/screenshot.png');
} finally {
  await env.close();
}
