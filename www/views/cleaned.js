// The Cleaned panel: one document at a time, its metadata above, then every input line; removed
// lines are struck through and greyed, with the reason on hover and on keyboard focus, and a
// "Keep this line" button that re-runs cleaning with that line kept.
import { h, clear, fmt, docLabel, humanize } from './dom.js';

/** Words for the removal reasons the cleaner gives today; unknown kinds are spelled out. */
const REASONS = {
  shortNonProse: 'Short line that reads like a menu, label or caption, not prose',
  duplicateOfBlock: 'Repeats an earlier line',
  sourceCredit: 'Names the publication (a credit line)',
  dateLine: 'A date line',
  headline: 'The headline (shown above as the title)',
};

export function reasonText(reason, blocks) {
  if (!reason) return 'Removed';
  if (typeof reason === 'string') return REASONS[reason] || humanize(reason);
  const kind = reason.kind || Object.keys(reason)[0];
  let text = REASONS[kind] || humanize(kind || 'removed');
  const of = reason.of;
  if (kind === 'duplicateOfBlock' && typeof of === 'number') {
    const line = blocks?.find((b) => b.index === of)?.line;
    text += line ? ` (line ${line})` : '';
  } else if (of !== undefined && of !== null && typeof of !== 'object') {
    text += ` (${of})`;
  }
  if (reason.detail) text += `: ${reason.detail}`;
  return text;
}

/** What the line looks like, in words: the measures the cleaner decided on, leaving out the
 * ones that say nothing about this line (a "no", a zero). Unknown measures are spelled out. */
const FEATURES = {
  words: (v) => `${fmt(v)} word${v === 1 ? '' : 's'}`,
  stopwordRatio: (v) => `${Math.round(v * 100)}% function words (the, of, and…)`,
  terminalPunctuation: (v) => (v ? 'ends like a sentence' : 'does not end like a sentence'),
  ellipsis: (v) => (v ? 'ends with “…”' : ''),
  titleCaseRatio: (v) => (v ? `${Math.round(v * 100)}% of words Capitalised` : ''),
  allCaps: (v) => (v ? 'ALL CAPITALS' : ''),
  digitRatio: (v) => (v ? `${Math.round(v * 100)}% digits` : ''),
  hasDate: (v) => (v ? 'has a date or time' : ''),
  linkTokens: (v) => (v ? `${fmt(v)} link${v === 1 ? '' : 's'}, handle${v === 1 ? '' : 's'} or address${v === 1 ? '' : 'es'}` : ''),
  separators: (v) => (v ? `${fmt(v)} menu separator${v === 1 ? '' : 's'} (> | • …)` : ''),
  position: () => '',
  previousSimilarity: (v) => (v >= 0.3 ? `${Math.round(v * 100)}% like the line before` : ''),
  inShortRun: (v) => (v > 1 ? `one of ${fmt(v)} short lines in a row` : ''),
};

function featureText(features) {
  if (!features || typeof features !== 'object') return '';
  return Object.entries(features)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => (FEATURES[k] ? FEATURES[k](v) : `${humanize(k).toLowerCase()} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v}`))
    .filter(Boolean)
    .join(' · ');
}

/** The learned decision's part in a removal: its content score and what pulled it down. */
function modelText(block) {
  if (typeof block.contentScore !== 'number') return '';
  const pulls = Array.isArray(block.contentEvidence) ? block.contentEvidence : [];
  const why = pulls
    .filter((e) => e && typeof e.feature === 'string' && typeof e.value === 'number')
    .map((e) => `${humanize(e.feature).toLowerCase()} ${e.value.toFixed(2)}`)
    .join(', ');
  return `content score ${block.contentScore.toFixed(2)}${why ? `; pulled down by ${why}` : ''}`;
}

/** The detector's confidence is a score, not a probability ("63% sure" of an obviously English
 * text reads as doubt): below half it is shown as a doubt, above it not at all (the exported
 * JSON keeps the number). */
const LANGUAGE_DOUBT = 0.5;
function languageText(language) {
  const name = language.name || language.code;
  const doubtful = typeof language.confidence === 'number' && language.confidence < LANGUAGE_DOUBT;
  return doubtful ? `${name} (probably; the text is short or mixed)` : name;
}

function metadata(doc, stats) {
  const c = doc.cleaned || {};
  const rows = [
    // The record's own title names the document; the headline found in its text is shown here.
    ['Headline in the text', doc.detectedHeadline],
    ['Date', c.date],
    ['Author', c.author],
    ['Source', c.source],
    ['Agency', c.agency],
    ['Language', c.language ? languageText(c.language) : null],
    ['Read as', c.html === true ? 'HTML page' : c.html === false ? 'Plain text' : null],
    ['Words', stats?.words !== undefined ? fmt(stats.words) : null],
    ['Removed lines', Array.isArray(c.removed) ? fmt(c.removed.length) : c.removedCount !== undefined ? fmt(c.removedCount) : null],
    ['File', doc.name],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return h('dl', { class: 'meta' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, String(v)))));
}

/** The cleaned text's file name: the document's own name (its folder path flattened, its
 * extension replaced), so a folder of articles downloads as recognisable files. */
export function txtName(doc, index) {
  const base = String(doc.name || doc.id || `document-${index + 1}`)
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\.(txt|md|html?|jsonl|ndjson|csv)(\.gz)?$/i, '');
  return `${base || `document-${index + 1}`}.cleaned.txt`;
}

/**
 * state: {report, index, detail (a full document report when the corpus report is slim),
 * showRemoved, kept: Set of block indices kept by the user}
 * actions: {select(index), keep(index, block), unkeep(index, block), toggleRemoved(on), copy(text),
 * download(fileName, text)}
 */
export function renderCleaned(root, state, actions) {
  clear(root);
  const { report } = state;
  const n = report.documents.length;
  const index = Math.min(state.index, n - 1);
  const doc = state.detail || report.documents[index];
  const c = doc.cleaned || {};

  const picker = h('div', { class: 'picker' });
  if (n <= 1000) {
    const select = h('select', { id: 'cleaned-doc', onchange: (e) => actions.select(Number(e.target.value)) },
      report.documents.map((d, i) => h('option', { value: i, selected: i === index }, `${i + 1}. ${docLabel(d, i)}`.slice(0, 120))));
    picker.append(h('label', { for: 'cleaned-doc' }, 'Document'), select);
  } else {
    const input = h('input', { id: 'cleaned-doc', type: 'number', min: 1, max: n, value: index + 1, onchange: (e) => actions.select(Math.max(0, Math.min(n - 1, Number(e.target.value) - 1))) });
    picker.append(h('label', { for: 'cleaned-doc' }, `Document (1–${fmt(n)})`), input);
  }
  const toggle = h('input', { type: 'checkbox', id: 'show-removed', checked: state.showRemoved, onchange: (e) => actions.toggleRemoved(e.target.checked) });
  const body = c.body || '';
  picker.append(
    h('span', { class: 'picker-tools' },
      h('label', { class: 'check' }, toggle, ' Show removed lines'),
      h('button', { type: 'button', class: 'secondary small', onclick: () => actions.copy(body, 'Cleaned text copied') }, 'Copy text'),
      h('button', { type: 'button', class: 'secondary small', title: 'Download the cleaned text of this document', onclick: () => actions.download(txtName(doc, index), body) }, 'Download .txt')),
  );
  root.append(picker);

  const article = h('article', { class: 'cleaned-doc', 'aria-labelledby': 'cleaned-title' });
  article.append(h('h3', { id: 'cleaned-title', class: 'doc-title' }, c.title || doc.name || `Document ${index + 1}`), metadata(doc, doc.stats));
  const repeats = (report.repeats || []).find((r) => r.document === index)?.repeats;
  if (Array.isArray(repeats) && repeats.length) {
    article.append(
      h('details', { class: 'repeats' },
        h('summary', {}, `Repeated inside this article: ${repeats.length} passage${repeats.length === 1 ? '' : 's'}`),
        h('ul', {}, repeats.slice(0, 20).map((r) =>
          h('li', {}, h('span', { class: 'muted small' }, `${humanize(String(r.kind || 'passage'))} ×${Array.isArray(r.occurrences) ? r.occurrences.length : '?'}: `), `“${r.text}”`)))),
    );
  }

  const text = h('div', { class: `cleaned-text${state.showRemoved ? '' : ' hide-removed'}` });
  if (doc.failed) {
    text.append(h('p', { class: 'muted' }, `This document could not be analysed: ${doc.failed}`));
  } else if (Array.isArray(c.blocks)) {
    const blocks = c.blocks;
    for (const b of blocks) {
      const userKept = state.kept.has(b.index);
      if (b.kept) {
        text.append(
          h('p', { class: `block kept${userKept ? ' user-kept' : ''}`, dataset: { block: b.index } },
            b.text,
            userKept ? h('span', { class: 'kept-note' }, ' kept by you ', h('button', { type: 'button', class: 'link', onclick: () => actions.unkeep(index, b.index) }, 'undo')) : null),
        );
        continue;
      }
      const reason = reasonText(b.reason, blocks);
      const tipId = `reason-${index}-${b.index}`;
      const features = featureText(b.features);
      const model = modelText(b);
      text.append(
        h('p', { class: 'block removed', tabindex: 0, dataset: { block: b.index }, 'aria-describedby': tipId },
          h('span', { class: 'visually-hidden' }, 'Removed line: '),
          h('del', {}, b.text),
          h('span', { class: 'reason', id: tipId, role: 'tooltip' },
            h('span', { class: 'reason-line' }, `Line ${b.line}: ${reason}`),
            model ? h('span', { class: 'reason-features' }, model) : null,
            features ? h('span', { class: 'reason-features' }, `The line: ${features}`) : null),
          h('button', { type: 'button', class: 'keep', 'aria-label': `Keep line ${b.line}`, onclick: () => actions.keep(index, b.index) }, 'Keep this line'),
        ),
      );
    }
    if (blocks.length === 0) text.append(h('p', { class: 'muted' }, 'No text found in this document.'));
    else if (!blocks.some((b) => b.kept)) {
      // Said first: a page of struck-through lines with nothing kept looks like a failure.
      text.prepend(h('p', { class: 'notice' }, 'Every line of this document looks like boilerplate (menus, credits, teasers), so nothing was kept. Keep the lines you need with “Keep this line”, or choose Cleaning: Gentle or Off in Settings.'));
    }
  } else if (state.loadingDetail) {
    text.append(h('p', { class: 'muted' }, 'Loading the line-by-line view…'));
  } else {
    for (const p of body.split(/\n{2,}/)) if (p.trim()) text.append(h('p', { class: 'block kept' }, p));
  }
  article.append(text);
  root.append(article);
}
