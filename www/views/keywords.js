// The Keywords panel: the corpus term table (term, count, TF-IDF, documents) with a bar chart of
// the top terms, tabs for multi-word phrases and names, a KWIC concordance for the chosen term,
// and counts and readability per document. It renders whatever the engine gives (a corpus term
// table, n-grams, names, readability) and otherwise sums the per-document key phrases.
import { h, clear, fmt, fmt2, docLabel, tabStrip, pager } from './dom.js';
import { kwic, KWIC_MAX } from '../kwic.js';

const BARS = 15;
/** Rows per page of a term table. */
const TABLE_ROWS = 25;

const pick = (o, ...keys) => keys.map((k) => o?.[k]).find((v) => v !== undefined && v !== null);

function normaliseTerm(t) {
  return {
    term: t.term ?? t.text ?? t.ngram ?? t.name ?? '',
    count: pick(t, 'count', 'frequency', 'tf'),
    score: pick(t, 'tfidf', 'tfIdf', 'score'),
    documents: pick(t, 'documents', 'documentFrequency', 'df', 'docs'),
  };
}

/** Tables already summed for a report: a 10,000-document corpus takes a tenth of a second per
 * table, and choosing a term or a tab re-renders the panel. */
const summed = new WeakMap();
function memo(report, key, build) {
  if (!summed.has(report)) summed.set(report, new Map());
  const cache = summed.get(report);
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key);
}

/** Sums a per-document list (`field` of each document) into one table keyed by lowercase term.
 * Written for 100,000 documents of a dozen phrases each: no per-row allocation but the table
 * entry, and a plain code-unit tie-break (localeCompare is ten times slower). */
function aggregate(report, field, filter = () => true) {
  const byKey = new Map();
  let scored = false;
  for (const d of report.documents) {
    const list = d[field];
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const term = raw.term ?? raw.text ?? raw.ngram ?? raw.name;
      if (!term || !filter(term)) continue;
      const key = term.toLowerCase();
      let e = byKey.get(key);
      if (!e) {
        e = { term, count: 0, score: 0, documents: 0, top: 0 };
        byKey.set(key, e);
      }
      const count = raw.count ?? raw.frequency ?? raw.tf ?? 0;
      // The form most used ("Moscow" over a dateline's "MOSCOW").
      if (count > e.top) {
        e.top = count;
        e.term = term;
      }
      e.count += count;
      const score = raw.tfidf ?? raw.tfIdf ?? raw.score;
      if (typeof score === 'number') {
        e.score += score;
        scored = true;
      }
      e.documents += 1;
    }
  }
  const rows = [...byKey.values()];
  // Lists without a score (the engine's n-grams and names) are counts: no column of zeros.
  if (!scored) for (const e of rows) e.score = undefined;
  return rows.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

/** The corpus term table as the Terms tab shows it (the Terms CSV export writes the same rows). */
export function termRows(report) {
  return memo(report, 'terms', () => corpusTable(report));
}

function corpusTable(report) {
  const table = report.corpusTerms || report.terms || report.corpus?.terms;
  if (Array.isArray(table) && table.length) return { rows: table.map(normaliseTerm), fromEngine: true };
  return { rows: aggregate(report, 'keywords'), fromEngine: false };
}

function barChart(rows, label, onTerm, measure) {
  const top = rows.slice(0, BARS);
  const value = (r) => (measure ? r.score : r.count) ?? 0;
  const by = measure ? measure.words : 'count';
  const max = Math.max(...top.map(value), 1e-9);
  const list = h('ol', { class: 'bars', 'aria-label': `${label}, by ${by}` });
  for (const r of top) {
    const v = value(r);
    const fill = h('span', { class: 'bar-fill', 'aria-hidden': 'true' });
    // CSSOM, not a style attribute: allowed by the page's style-src 'self'.
    fill.style.width = `${Math.max(1, (100 * v) / max) * 0.85}%`;
    list.append(h('li', {},
      h('button', { type: 'button', class: 'bar-label', title: r.term, onclick: () => onTerm(r.term) }, r.term),
      h('span', { class: 'bar-track' }, fill, h('span', { class: 'bar-value' }, measure ? fmt2(v) : fmt(v)))));
  }
  return h('figure', { class: 'chart' }, list, h('figcaption', { class: 'muted small' }, `${label}, by ${by}; choose one to read it in context.`));
}

/** `measure`: the rows' score ({head, words, title}: TFIDF or KEY_PHRASE_SCORE), or null when
 * the rows are plain counts. */
function termTable(rows, onTerm, caption, storyCounts, measure) {
  const body = h('tbody');
  // One page of rows at a time: a 100,000-document corpus has hundreds of thousands of terms,
  // and a table of them all would take seconds to lay out. The exports hold every row.
  const show = (start) => {
    clear(body);
    for (const r of rows.slice(start, start + TABLE_ROWS)) {
      body.append(
        h('tr', {},
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link term', onclick: () => onTerm(r.term) }, r.term)),
          h('td', { class: 'num' }, fmt(r.count)),
          measure ? h('td', { class: 'num' }, fmt2(r.score)) : null,
          h('td', { class: 'num' }, fmt(r.documents))),
      );
    }
  };
  const nav = pager(rows.length, TABLE_ROWS, show, 'Terms');
  const docsHeader = storyCounts
    ? h('th', { scope: 'col', class: 'num', title: 'Stories using the term: near-duplicate copies of one story count once' }, 'Stories')
    : h('th', { scope: 'col', class: 'num' }, 'Documents');
  return h('div', { class: 'term-table' },
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Table (scrolls sideways on small screens)' },
      h('table', { class: 'terms' },
        h('caption', { class: 'muted small' }, caption),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Term'), h('th', { scope: 'col', class: 'num' }, 'Count'), measure ? h('th', { scope: 'col', class: 'num', title: measure.title }, measure.head) : null, docsHeader)),
        body)),
    nav);
}

/** What a term table's score column holds. */
const TFIDF = { head: 'TF-IDF', words: 'TF-IDF', title: 'Count × inverse document frequency over the stories: high for terms frequent here and rare elsewhere' };
const KEY_PHRASE_SCORE = { head: 'Score', words: 'key-phrase score', title: 'Key-phrase score: each document\u2019s score for the phrase, summed over the documents' };

function termsView(rows, note, onTerm, label, { storyCounts = false, measure = null } = {}) {
  if (rows.length === 0) return h('p', { class: 'muted' }, `No ${label.toLowerCase()} found.`);
  const scored = measure && rows.some((r) => typeof r.score === 'number') ? measure : null;
  return h('div', { class: 'terms-view' }, barChart(rows, label, onTerm, scored), termTable(rows, onTerm, note, storyCounts, scored));
}

/** How many hits in how many documents, and why the term table's count can differ. */
function kwicCaption(report, hits) {
  const docs = new Set(hits.map((x) => x.doc)).size;
  const copies = (report.clusters || []).some((c) => c.size > 1);
  return `${fmt(hits.length)}${hits.length >= KWIC_MAX ? '+' : ''} occurrence${hits.length === 1 ? '' : 's'} in the cleaned text${docs === 1 ? '' : 's'} of ${fmt(docs)} document${docs === 1 ? '' : 's'}; the first column is the document's number.`
    + (copies ? ' The term table counts copies of one story once and includes headlines, so its count can differ.' : '');
}

function kwicView(report, term) {
  const engine = report.kwic?.[term];
  // A big corpus's bodies stay in the workers: the page asks them (`loading` until they answer).
  if (engine === 'loading') {
    return h('section', { class: 'kwic', 'aria-labelledby': 'kwic-title', tabindex: -1, 'aria-busy': 'true' },
      h('h3', { id: 'kwic-title' }, `“${term}” in context`),
      h('p', { class: 'muted small' }, 'Finding it in the cleaned texts…'));
  }
  const hits = Array.isArray(engine) ? engine : kwic(report, term);
  const body = h('tbody');
  for (const hit of hits) {
    body.append(h('tr', {},
      h('td', { class: 'kwic-doc muted small' }, `${hit.doc + 1}`),
      h('td', { class: 'kwic-left' }, hit.left),
      h('td', { class: 'kwic-match' }, hit.match),
      h('td', { class: 'kwic-right' }, hit.right)));
  }
  return h('section', { class: 'kwic', 'aria-labelledby': 'kwic-title', tabindex: -1 },
    h('h3', { id: 'kwic-title' }, `“${term}” in context`),
    h('p', { class: 'muted small' }, hits.length === 0 ? 'Not found in the cleaned texts.' : kwicCaption(report, hits)),
    hits.length ? h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Table (scrolls sideways on small screens)' }, h('table', { class: 'kwic-table' }, h('thead', { class: 'visually-hidden' }, h('tr', {}, h('th', {}, 'Document'), h('th', {}, 'Before'), h('th', {}, 'Term'), h('th', {}, 'After'))), body)) : null);
}

/** Rows per page of the per-document table. */
const DOC_ROWS = 50;

/** Flesch's own reading-ease bands (Flesch 1948), for English only: the other languages'
 * formulas are fitted to their own readers, and their bands are not published alike. */
const FLESCH_BANDS = [[90, 'very easy'], [80, 'easy'], [70, 'fairly easy'], [60, 'plain English'], [50, 'fairly hard'], [30, 'hard'], [-Infinity, 'very hard']];
const FLESCH = 'Flesch Reading Ease';

const readabilityOf = (d) => d.stats?.readability || d.readability || null;

function easeText(r) {
  if (!r || typeof r.score !== 'number') return '—';
  const score = Math.round(r.score);
  if (r.formula !== FLESCH) return String(score);
  return `${score} · ${FLESCH_BANDS.find(([min]) => r.score >= min)[1]}`;
}

function minutes(m) {
  if (typeof m !== 'number' || !Number.isFinite(m)) return '—';
  return m < 1 ? 'under 1 min' : `${Math.round(m)} min`;
}

/** The per-document table's columns: what a reader compares (length, sentence length, reading
 * time, reading ease), the rest of the engine's numbers in the JSON export. */
const DOC_COLUMNS = [
  { label: 'Words', value: (d) => fmt(d.stats?.words) },
  { label: 'Sentences', value: (d) => fmt(d.stats?.sentences) },
  { label: 'Words per sentence', value: (d) => (d.stats?.sentences ? (d.stats.words / d.stats.sentences).toFixed(1) : '—') },
  { label: 'Reading time', value: (d) => (d.stats?.words ? minutes(d.stats.readingMinutes) : '—') },
  {
    label: 'Reading ease',
    value: (d) => easeText(readabilityOf(d)),
    title: (d) => {
      const r = readabilityOf(d);
      if (!r) return null;
      return typeof r.score === 'number' ? `${r.formula}: ${r.score.toFixed(1)} (higher is easier)` : r.note || 'No readability formula for this text';
    },
  },
  { label: 'School grade', value: (d) => { const g = readabilityOf(d)?.grade; return typeof g === 'number' ? g.toFixed(1) : '—'; } },
  { label: 'Different words', value: (d) => fmt(d.stats?.uniqueWords) },
];

/** What the reading-ease column means for this set: the formulas used, and why some documents
 * have none. */
function readabilityCaption(all) {
  const formulas = new Set();
  let missing = 0;
  for (const d of all.slice(0, 2000)) {
    const r = readabilityOf(d);
    if (r && typeof r.score === 'number' && r.formula) formulas.add(r.formula);
    else missing++;
  }
  const parts = [];
  if (formulas.size) {
    parts.push(`Reading ease is on a 0–100 scale where higher is easier (${[...formulas].join(', ')}${formulas.size > 1 ? ', each for its language' : ''}).`);
    if (formulas.has(FLESCH)) parts.push('For English, 60–70 is plain English and below 30 reads like a legal or academic text; the school grade is the US school year a reader needs (Flesch–Kincaid).');
  }
  if (missing) parts.push('A dash under reading ease: no score, because the text has no words to measure or no readability formula is validated for its language (hover it for which).');
  return parts.join(' ');
}

/** Per-document counts and readability, a page of documents at a time. */
function perDocument(report) {
  const all = report.documents;
  const body = h('tbody');
  const show = (start) => {
    clear(body);
    all.slice(start, start + DOC_ROWS).forEach((d, j) =>
      body.append(h('tr', {},
        h('th', { scope: 'row', class: 'docname-cell' }, `${start + j + 1}. ${docLabel(d, start + j)}`),
        DOC_COLUMNS.map((c) => h('td', { class: 'num', title: c.title ? c.title(d) : null }, c.value(d))),
        h('td', { class: 'top-phrases' }, (d.keywords || []).slice(0, 3).map((k) => k.term).join(', ')))),
    );
  };
  const nav = pager(all.length, DOC_ROWS, show, 'Documents');
  // The explanation stays outside the table, which scrolls sideways on a phone.
  return h('div', {},
    h('p', { id: 'perdoc-note', class: 'muted small perdoc-note' }, readabilityCaption(all)),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Table (scrolls sideways on small screens)' },
      h('table', { class: 'perdoc', 'aria-describedby': 'perdoc-note' },
        h('caption', { class: 'visually-hidden' }, 'Counts and readability per document'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Document'), DOC_COLUMNS.map((c) => h('th', { scope: 'col', class: 'num' }, c.label)), h('th', { scope: 'col' }, 'Top phrases'))),
        body)),
    nav);
}

const isName = (t) => t.split(/\s+/).every((w) => /^\p{Lu}/u.test(w));

/** state: {report, tab, term}; actions: {term(t), tab(id)} */
export function renderKeywords(root, state, actions) {
  clear(root);
  const { report } = state;
  const { rows, fromEngine } = termRows(report);
  const docs = report.documents.length;
  const stories = docs - (report.clusters || []).filter((c) => c.cluster !== c.doc).length;
  const note = fromEngine
    ? `Terms over the ${fmt(docs)} loaded documents. Near-duplicate copies of one story count once (${fmt(docs)} document${docs === 1 ? '' : 's'}, ${fmt(stories)} ${stories === 1 ? 'story' : 'stories'})${stories === 1 ? ', so with one story TF-IDF is the count: load other stories to see which terms set each apart' : ''}.`
    : report.documents.length > 1 ? `Each document\u2019s key phrases, their counts and scores summed over the ${fmt(docs)} documents.` : 'Key phrases of the document.';
  const hasNgrams = report.documents.some((d) => Array.isArray(d.ngrams));
  const hasNames = report.documents.some((d) => Array.isArray(d.names));
  // Summed when their tab is first chosen, not before.
  const ngrams = () => memo(report, 'ngrams', () => (hasNgrams ? aggregate(report, 'ngrams') : aggregate(report, 'keywords', (t) => /\s/.test(t.trim()))));
  const names = () => memo(report, 'names', () => (hasNames ? aggregate(report, 'names') : aggregate(report, 'keywords', isName)));
  const onTerm = (t) => actions.term(t);
  // Unlike the term table, these lists count every copy of a story.
  const copies = (report.clusters || []).some((c) => c.size > 1) ? ' Every copy of a story counts here, unlike in Terms.' : '';
  tabStrip(root, [
    // The engine's term table has TF-IDF; summed key phrases have the key-phrase score; the
    // engine's n-grams and names are counts.
    { id: 'terms', label: 'Terms', render: (p) => p.append(termsView(rows, note, onTerm, 'Top terms', { storyCounts: fromEngine, measure: fromEngine ? TFIDF : KEY_PHRASE_SCORE })) },
    { id: 'ngrams', label: 'Phrases', render: (p) => p.append(termsView(ngrams(), hasNgrams ? `Two- and three-word phrases a document uses at least twice, by how often they occur, with the number of documents using them.${copies}` : 'Key phrases of two or more words.', onTerm, 'Top phrases', { measure: KEY_PHRASE_SCORE })) },
    { id: 'names', label: 'Names', render: (p) => p.append(termsView(names(), hasNames ? `Names of people, places and organisations, by how often they occur, with the number of documents naming them.${copies}` : 'Key phrases written with capitals (people, places, organisations).', onTerm, 'Top names', { measure: KEY_PHRASE_SCORE })) },
    { id: 'docs', label: 'Per document', render: (p) => p.append(perDocument(report)) },
  ], { label: 'Keyword views', selected: state.tab, onSelect: actions.tab });
  if (state.term) root.append(kwicView(report, state.term));
}
