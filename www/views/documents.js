// The list of loaded inputs: one row per file or pasted batch (a 10,000-record JSONL is one
// row, not 10,000), with size, article count, language once analysed, and a remove button.
import { h, clear, fmt, bytes } from './dom.js';

/** Documents per language name among `rows`, added to `counts` (a Map). */
export function countLanguages(rows, counts = new Map()) {
  for (const d of rows) {
    const lang = d?.cleaned?.language;
    const name = lang?.name || lang?.code;
    if (name) counts.set(name, (counts.get(name) || 0) + 1);
  }
  return counts;
}

/** A big corpus's report counts its languages shard by shard as the shards arrive
 * (`report.languages(from, count)`): a loop over 100,000 rows here took the page's main thread
 * 50 ms when the results came. */
function languageOf(source, report, offset) {
  if (!report) return '—';
  const counts = report.languages ? report.languages(offset, source.docs.length) : countLanguages(report.documents.slice(offset, offset + source.docs.length));
  if (counts.size === 0) return '—';
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return sorted.length === 1 ? sorted[0][0] : `${sorted[0][0]} + ${sorted.length - 1} more`;
}

export function renderDocuments(root, { sources, report, reportSources, onRemove }) {
  clear(root);
  if (sources.length === 0) {
    root.append(h('p', { class: 'muted empty-list' }, 'No articles loaded yet.'));
    return;
  }
  const total = sources.reduce((n, s) => n + s.docs.length, 0);
  const table = h('table', { class: 'doclist' },
    h('caption', { class: 'visually-hidden' }, 'Loaded documents'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col', class: 'num' }, 'Size'), h('th', { scope: 'col' }, 'Language'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove')))),
  );
  const body = h('tbody');
  let offset = 0;
  for (const source of sources) {
    const analysed = report && reportSources === sources;
    const lang = analysed ? languageOf(source, report, offset) : '—';
    offset += source.docs.length;
    const count = source.docs.length === 1 ? '' : ` · ${fmt(source.docs.length)} articles`;
    body.append(
      h('tr', {},
        h('td', { class: 'name' }, h('span', { class: 'docname', title: source.name }, source.name), count ? h('span', { class: 'muted doc-count' }, count.replace(' · ', '')) : null),
        h('td', { class: 'num' }, bytes(source.size)),
        h('td', {}, lang),
        h('td', { class: 'remove' }, h('button', { type: 'button', class: 'icon', 'aria-label': `Remove ${source.name}`, title: `Remove ${source.name}`, onclick: () => onRemove(source) }, '×')),
      ),
    );
  }
  table.append(body);
  root.append(table, h('p', { class: 'muted doc-total' }, `${fmt(total)} article${total === 1 ? '' : 's'} loaded`));
}
