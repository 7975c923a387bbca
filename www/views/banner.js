// The problems banner: every bad record named by file and line, every failed document, and
// messages such as "nothing to analyse". Nothing here stops the rest of the work.
import { h, clear, fmt } from './dom.js';

/** How many problems are listed; the rest are counted (all are in the JSON export). */
const SHOWN = 50;

export function renderBanner(root, { warnings = [], failures = [], message = null }) {
  clear(root);
  const items = [
    ...failures.map((f) => ({ where: f.name, text: `could not be analysed: ${f.message}` })),
    ...warnings.map((w) => ({ where: w.line ? `${w.name}, line ${w.line}` : w.name, text: w.message })),
  ];
  if (!message && items.length === 0) {
    root.hidden = true;
    return;
  }
  root.hidden = false;
  if (message) root.append(h('p', { class: 'banner-message' }, message));
  if (items.length) {
    const title = items.length === 1 ? 'One problem in the input; everything else was read.' : `${fmt(items.length)} problems in the input; everything else was read.`;
    root.append(
      h('p', { class: 'banner-title' }, title),
      h('ul', { class: 'banner-list', tabindex: 0, 'aria-label': 'Problems' }, items.slice(0, SHOWN).map((i) => h('li', {}, h('strong', {}, i.where), ': ', i.text))),
    );
    if (items.length > SHOWN) root.append(h('p', {}, `…and ${fmt(items.length - SHOWN)} more.`));
  }
  root.append(h('button', { type: 'button', class: 'link', onclick: () => { root.hidden = true; } }, 'Dismiss'));
}
