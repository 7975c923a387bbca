// The Duplicates panel. Up to 200 documents: a similarity heatmap (every cell labelled for
// screen readers) and the pairs sorted by score; choosing a pair opens both texts side by side
// with the shared passages in matching colours and word edits marked. Bigger corpora: the
// clusters, each with its representative, size, scores and receipts.
import { h, s, clear, fmt, pct, docLabel, humanize, pager } from './dom.js';

/** Cells are drawn as focusable SVG up to this many documents; above, as one canvas. */
const SVG_HEATMAP_MAX = 40;
/** Pairs listed before "Show more". */
const PAIRS_SHOWN = 50;
/** Groups of near-duplicates per page. */
const GROUPS_SHOWN = 50;
/** Passage colours, cycled; the same index colours the passage on both sides. */
const PASSAGE_COLOURS = 6;

function verdictText(sim) {
  const v = sim?.verdict;
  if (!v) return '';
  return typeof v === 'string' ? humanize(v) : humanize(v.kind || Object.keys(v)[0]);
}

/** Colour ramp of the accent for a score in [0, 1]; the CSS class does light/dark. */
function heat(score) {
  return `heat-${Math.max(0, Math.min(9, Math.floor(score * 10)))}`;
}

function pairScores(report) {
  const n = report.documents.length;
  const m = new Float64Array(n * n);
  for (const p of report.pairs) {
    const score = p.similarity?.score ?? 0;
    m[p.a * n + p.b] = score;
    m[p.b * n + p.a] = score;
  }
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/** The colour scale under a heatmap: ten steps from 0 to 100% similar. `paint(span, step)`
 * colours one step as the map does. Hidden from screen readers: every cell says its score. */
function legend(paint) {
  const steps = Array.from({ length: 10 }, (_, i) => {
    const sw = h('span', { class: 'swatch' });
    paint(sw, i);
    return sw;
  });
  return h('div', { class: 'heat-legend', 'aria-hidden': 'true' }, h('span', {}, '0%'), h('span', { class: 'swatches' }, steps), h('span', {}, '100% similar'));
}

/** The canvas heatmap's colour for a score (the SVG one uses the heat-N classes). */
const canvasColour = (v, dark) => (dark ? `rgba(138,180,248,${0.08 + 0.92 * v})` : `rgba(36,87,166,${0.05 + 0.95 * v})`);

function heatmap(report, onPair) {
  const n = report.documents.length;
  const m = pairScores(report);
  const names = report.documents.map((d, i) => `${i + 1}. ${docLabel(d, i)}`);
  const wrap = h('figure', { class: 'heatmap' });
  const caption = h('figcaption', {}, `Similarity of every pair of the ${fmt(n)} documents (the stronger the colour, the more alike). Choose a cell or a pair below to compare.`);
  if (n <= SVG_HEATMAP_MAX) {
    const cell = Math.max(20, Math.min(56, Math.floor(400 / n)));
    const size = n * cell;
    // Row and column numbers match the numbers in the document picker and the pair list.
    const pad = 22;
    // Room on the right and below for the focus ring of the last column and row.
    const ring = 6;
    const extent = size + 2 + pad + ring;
    const svg = s('svg', { viewBox: `${-pad} ${-pad} ${extent} ${extent}`, width: extent, height: extent, role: 'group', 'aria-label': 'Similarity heatmap' });
    for (let i = 0; i < n; i++) {
      const mid = 1 + i * cell + (cell - 2) / 2;
      svg.append(s('text', { x: mid, y: -7, 'text-anchor': 'middle', class: 'axis', 'aria-hidden': 'true' }, String(i + 1)));
      svg.append(s('text', { x: -6, y: mid + 4, 'text-anchor': 'end', class: 'axis', 'aria-hidden': 'true' }, String(i + 1)));
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const score = m[i * n + j];
        const label = i === j ? `${names[i]}: itself` : `${names[i]} and ${names[j]}: ${pct(score)} similar`;
        const rect = s('rect', { x: 1 + j * cell, y: 1 + i * cell, width: cell - 2, height: cell - 2, rx: 3, class: `cell ${i === j ? 'self' : heat(score)}` }, s('title', {}, label));
        if (i !== j) {
          rect.setAttribute('tabindex', '0');
          rect.setAttribute('role', 'button');
          rect.setAttribute('aria-label', label);
          const open = () => onPair(Math.min(i, j), Math.max(i, j));
          rect.addEventListener('click', open);
          rect.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              open();
            }
          });
        }
        svg.append(rect);
      }
    }
    wrap.append(svg, legend((sw, i) => sw.classList.add(`heat-${i}`)));
  } else {
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const [canvas, readout] = canvasHeatmap(n, m, names, onPair);
    // CSSOM, not a style attribute: allowed by the page's style-src 'self'.
    wrap.append(canvas, legend((sw, i) => { sw.style.background = canvasColour((i + 0.5) / 10, dark); }), readout);
  }
  wrap.append(caption);
  return wrap;
}

/** Cells a Page Up / Page Down key press moves the heatmap cursor. */
const HEAT_PAGE = 10;

/**
 * Above SVG_HEATMAP_MAX documents the heatmap is one canvas, a few pixels per cell. A cell is
 * read out under the map when pointed at, and the keyboard moves a cursor over the cells (arrow
 * keys, Page Up/Down by ten, Home/End) with the same read-out announced, so every pair has a
 * name for sighted, mouse and screen-reader users alike; Enter or a click compares the pair.
 */
function canvasHeatmap(n, m, names, onPair) {
  const px = Math.max(2, Math.floor(480 / n));
  const size = n * px;
  const readout = h('p', { class: 'heat-readout', id: 'heat-readout', 'aria-live': 'polite' }, 'Point at a cell, or focus the map and use the arrow keys, to read a pair; click or press Enter to compare it.');
  const canvas = h('canvas', {
    width: size,
    height: size,
    tabindex: 0,
    role: 'application',
    'aria-roledescription': 'heatmap',
    'aria-label': `Similarity heatmap of ${fmt(n)} documents: the arrow keys move between pairs and Enter compares the pair. The pair list has the same scores as text.`,
    'aria-describedby': 'heat-readout',
  });
  const ctx = canvas.getContext('2d');
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m[i * n + j];
      ctx.fillStyle = canvasColour(v, dark);
      ctx.fillRect(j * px, i * px, px - (px > 3 ? 1 : 0), px - (px > 3 ? 1 : 0));
    }
  }
  const base = ctx.getImageData(0, 0, size, size);
  let cursor = null;
  const label = (i, j) => (i === j ? `${names[i]}: itself` : `${names[i]} and ${names[j]}: ${pct(m[i * n + j])} similar`);
  const show = (i, j) => {
    cursor = { i, j };
    ctx.putImageData(base, 0, 0);
    // A cross through the row and the column, then a ring round the cell: a 2-pixel cell needs
    // both to be found.
    ctx.fillStyle = dark ? 'rgba(255,255,255,0.25)' : 'rgba(0,0,0,0.18)';
    ctx.fillRect(0, i * px, size, px);
    ctx.fillRect(j * px, 0, px, size);
    ctx.strokeStyle = dark ? '#fff' : '#000';
    ctx.lineWidth = 2;
    ctx.strokeRect(j * px - 2, i * px - 2, px + 4, px + 4);
    readout.textContent = `${label(i, j)}${i === j ? '' : '. Click or press Enter to compare.'}`;
    readout.dataset.row = String(i);
    readout.dataset.col = String(j);
  };
  const cellAt = (e) => {
    const r = canvas.getBoundingClientRect();
    const j = Math.floor(((e.clientX - r.left) / r.width) * n);
    const i = Math.floor(((e.clientY - r.top) / r.height) * n);
    return i >= 0 && j >= 0 && i < n && j < n ? { i, j } : null;
  };
  const open = ({ i, j }) => {
    if (i !== j) onPair(Math.min(i, j), Math.max(i, j));
  };
  canvas.addEventListener('mousemove', (e) => {
    const c = cellAt(e);
    if (c && (!cursor || c.i !== cursor.i || c.j !== cursor.j)) show(c.i, c.j);
  });
  canvas.addEventListener('click', (e) => {
    const c = cellAt(e);
    if (c) open(c);
  });
  canvas.addEventListener('focus', () => {
    if (!cursor) show(0, 1);
  });
  canvas.addEventListener('keydown', (e) => {
    const at = cursor || { i: 0, j: 1 };
    const moves = {
      ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0],
      PageDown: [HEAT_PAGE, 0], PageUp: [-HEAT_PAGE, 0],
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(at);
    } else if (moves[e.key]) {
      e.preventDefault();
      const [di, dj] = moves[e.key];
      show(Math.max(0, Math.min(n - 1, at.i + di)), Math.max(0, Math.min(n - 1, at.j + dj)));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      show(at.i, e.key === 'Home' ? 0 : n - 1);
    }
  });
  return [canvas, readout];
}

/** How the pairs divide by verdict, so a long list of "Different" pairs surprises nobody. */
function verdictSummary(pairs) {
  if (pairs.length < 2) return null;
  const counts = new Map();
  for (const p of pairs) {
    const v = verdictText(p.similarity) || 'Not judged';
    counts.set(v, (counts.get(v) || 0) + 1);
  }
  const order = ['Same story', 'Related', 'Different'];
  const parts = [...counts].sort((x, y) => (order.indexOf(x[0]) + 1 || 9) - (order.indexOf(y[0]) + 1 || 9))
    .map(([v, n]) => `${fmt(n)} ${v.toLowerCase()}`);
  return h('p', { class: 'muted small pair-summary' }, `${fmt(pairs.length)} pairs: ${parts.join(', ')}.`);
}

function pairList(report, onPair, selected) {
  const list = h('ol', { class: 'pairs' });
  let shown = 0;
  const more = h('button', { type: 'button', class: 'secondary small' }, 'Show more pairs');
  const add = () => {
    const next = report.pairs.slice(shown, shown + PAIRS_SHOWN);
    for (const p of next) {
      const a = report.documents[p.a];
      const b = report.documents[p.b];
      const on = selected && selected.a === p.a && selected.b === p.b;
      list.append(
        h('li', {},
          h('button', { type: 'button', class: `pair${on ? ' selected' : ''}`, 'aria-pressed': String(!!on), onclick: () => onPair(p.a, p.b) },
            h('span', { class: `score ${heat(p.similarity?.score ?? 0)}` }, pct(p.similarity?.score)),
            h('span', { class: 'pair-names' }, h('span', {}, `${p.a + 1}. ${docLabel(a, p.a)}`), h('span', { class: 'muted' }, ' and '), h('span', {}, `${p.b + 1}. ${docLabel(b, p.b)}`)),
            h('span', { class: 'verdict' }, verdictText(p.similarity)))),
      );
    }
    shown += next.length;
    more.hidden = shown >= report.pairs.length;
    more.textContent = `Show ${fmt(Math.min(PAIRS_SHOWN, report.pairs.length - shown))} more pairs (${fmt(report.pairs.length - shown)} left)`;
  };
  more.addEventListener('click', add);
  add();
  return h('div', {}, h('h3', {}, 'Pairs, most similar first'), verdictSummary(report.pairs), list, more);
}

// ----- side by side -----

/** UTF-8 byte offset → UTF-16 index for one text (the core counts bytes). */
function byteToIndex(text) {
  const map = new Uint32Array(new TextEncoder().encode(text).length + 1);
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i);
    const len = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < len; k++) map[byte + k] = i;
    byte += len;
    if (code >= 0x10000) i++;
  }
  map[byte] = text.length;
  return (b) => (b >= 0 && b < map.length ? map[b] : null);
}

/** Reads a span of side `side` ('a' or 'b') from the shapes an engine may use. */
function spanOf(p, side) {
  const o = p[side] ?? p[`span${side.toUpperCase()}`] ?? p[`${side}Span`];
  if (Array.isArray(o) && o.length === 2) return { start: o[0], end: o[1] };
  if (o && typeof o === 'object' && typeof o.start === 'number') return { start: o.start, end: o.end };
  const start = p[`${side}Start`] ?? p[`start${side.toUpperCase()}`];
  const end = p[`${side}End`] ?? p[`end${side.toUpperCase()}`];
  if (typeof start === 'number' && typeof end === 'number') return { start, end };
  return null;
}

/** Turns engine spans (byte offsets) into string ranges, checked against the passage text. */
function toRange(span, text, conv, expect) {
  if (!span) return null;
  const s0 = conv(span.start);
  const e0 = conv(span.end);
  if (s0 !== null && e0 !== null && e0 > s0) return { start: s0, end: e0 };
  if (expect) {
    const at = text.indexOf(expect);
    if (at >= 0) return { start: at, end: at + expect.length };
  }
  return null;
}

/** Shared passages from the engine, when it gives them: [{a:{start,end}, b:{start,end}, edits}]. */
function enginePassages(sim, textA, textB) {
  const list = sim?.passages || sim?.sharedPassages;
  if (!Array.isArray(list) || list.length === 0) return null;
  const ca = byteToIndex(textA);
  const cb = byteToIndex(textB);
  const out = [];
  list.forEach((p, i) => {
    const a = toRange(spanOf(p, 'a'), textA, ca, p.textA ?? p.text);
    const b = toRange(spanOf(p, 'b'), textB, cb, p.textB ?? p.text);
    if (!a && !b) return;
    const edits = { a: [], b: [] };
    for (const e of p.edits || p.wordEdits || []) {
      const ea = toRange(spanOf(e, 'a'), textA, ca, null);
      const eb = toRange(spanOf(e, 'b'), textB, cb, null);
      const label = [e.kind || e.op, e.textA ?? e.from, e.textB ?? e.to].filter((x) => typeof x === 'string' && x).join(': ');
      if (ea) edits.a.push({ ...ea, label });
      if (eb) edits.b.push({ ...eb, label });
    }
    out.push({ colour: i % PASSAGE_COLOURS, a, b, edits });
  });
  return out.length ? out : null;
}

/** Without engine passages: sentences that occur word for word in both texts. */
function identicalSentences(textA, textB) {
  const key = (t) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const split = (t) => [...t.matchAll(/[^.!?\n]+[.!?]*["”’»)]*/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, key: key(m[0]) })).filter((x) => x.key.split(' ').length >= 4);
  const sa = split(textA);
  const sb = split(textB);
  const inB = new Map();
  for (const x of sb) if (!inB.has(x.key)) inB.set(x.key, x);
  const out = [];
  for (const x of sa) {
    const y = inB.get(x.key);
    if (y) out.push({ colour: out.length % PASSAGE_COLOURS, a: x, b: y, edits: { a: [], b: [] } });
  }
  return out;
}

/** The text with ranges wrapped: passages in <mark class="p{colour}">, edits in <ins>. */
function highlighted(text, ranges, edits, label) {
  const cuts = new Set([0, text.length]);
  for (const r of [...ranges, ...edits]) {
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  // Scrolls on its own, so it takes keyboard focus (arrow keys scroll it).
  const out = h('div', { class: 'side-text', tabindex: 0, role: 'region', 'aria-label': label });
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const passage = ranges.find((r) => r.start <= from && r.end >= to);
    const edit = edits.find((r) => r.start <= from && r.end >= to);
    let node = document.createTextNode(piece);
    if (edit) node = h('span', { class: 'edit', title: edit.label || 'Edited words' }, node);
    if (passage) node = h('mark', { class: `p${passage.colour}`, title: `Shared passage ${passage.n}` }, node);
    out.append(node);
  }
  return out;
}

/** Labels for the similarity measures the engine reports today, in the A/B words of its
 * reasons (A is the left text, B the right one); new ones are spelled out. */
const MEASURES = {
  jaccard: 'Jaccard of word shingles',
  containmentAInB: 'A found in B',
  containmentBInA: 'B found in A',
  minhashJaccard: 'MinHash estimate',
  lead: 'Openings agree',
  shingleSize: 'Words per shingle',
  shinglesA: 'Shingles in A',
  shinglesB: 'Shingles in B',
  sharedShingles: 'Shingles shared',
  sentencesA: 'Sentences in A',
  sentencesB: 'Sentences in B',
  matchedSentencesA: 'Sentences of A matched',
  matchedSentencesB: 'Sentences of B matched',
};
/** Measures that are shares in [0, 1], shown as percentages even when they are exactly 0 or 1. */
const SHARES = new Set(['jaccard', 'containmentAInB', 'containmentBInA', 'minhashJaccard', 'lead', 'score']);
const measureValue = (k, v) => (SHARES.has(k) || !Number.isInteger(v) ? pct(v) : fmt(v));

/** What the headline score is (src/dedup/mod.rs: half the openings, half the bodies). */
const SCORE_NOTE = 'The score is half how far the two openings agree and half how much of the texts is shared (their Jaccard, or how much of one is found in the other when the openings agree).';

/** The engine's reason starts in lower case ("same story: …"); shown alone, it is a sentence. */
const sentence = (t) => (t ? t.charAt(0).toUpperCase() + t.slice(1) : t);

function sideBySide(report, a, b, onClose, aside = null) {
  const pair = report.pairs.find((p) => p.a === a && p.b === b);
  const da = report.documents[a];
  const db = report.documents[b];
  const ta = da.cleaned?.body || '';
  const tb = db.cleaned?.body || '';
  const sim = pair?.similarity || {};
  let passages = enginePassages(sim, ta, tb);
  const fromEngine = !!passages;
  if (!passages) passages = identicalSentences(ta, tb);
  passages.forEach((p, i) => (p.n = i + 1));
  const rangesA = passages.filter((p) => p.a).map((p) => ({ ...p.a, colour: p.colour, n: p.n }));
  const rangesB = passages.filter((p) => p.b).map((p) => ({ ...p.b, colour: p.colour, n: p.n }));
  const editsA = passages.flatMap((p) => p.edits.a);
  const editsB = passages.flatMap((p) => p.edits.b);

  const measures = Object.entries(sim)
    .filter(([k, v]) => typeof v === 'number' && k !== 'score')
    .map(([k, v]) => h('div', {}, h('dt', {}, MEASURES[k] || humanize(k)), h('dd', {}, measureValue(k, v))));
  const note = fromEngine
    ? `${fmt(passages.length)} shared passage${passages.length === 1 ? '' : 's'}, in matching colours${editsA.length + editsB.length ? '; edited words are underlined' : ''}.`
    : passages.length
      ? `Highlighted: ${fmt(passages.length)} sentence${passages.length === 1 ? '' : 's'} found word for word in both texts, in matching colours.`
      : 'No sentence appears word for word in both texts.';

  return h('section', { class: 'side-by-side', 'aria-labelledby': 'sbs-title', tabindex: -1 },
    h('div', { class: 'sbs-head' },
      h('h3', { id: 'sbs-title' }, `${pct(sim.score)} similar`, verdictText(sim) ? h('span', { class: 'verdict' }, ` · ${verdictText(sim)}`) : null),
      h('button', { type: 'button', class: 'secondary small', onclick: onClose }, 'Close comparison')),
    aside ? h('p', { class: 'muted small' }, aside) : null,
    sim.reason ? h('p', { class: 'reason-summary' }, sentence(sim.reason)) : null,
    typeof sim.score === 'number' && typeof sim.lead === 'number' ? h('p', { class: 'muted small' }, SCORE_NOTE) : null,
    h('dl', { class: 'measures' }, measures),
    h('p', { class: 'muted' }, note),
    h('div', { class: 'sbs' },
      sideColumn('A', da, a, ta, rangesA, editsA),
      sideColumn('B', db, b, tb, rangesB, editsB)),
  );
}

/** One column of the comparison: its letter (the reasons and measures say A and B), the
 * headline, the file name (or that no headline was found, so both columns line up), the text. */
function sideColumn(letter, doc, i, text, ranges, edits) {
  const label = docLabel(doc, i);
  return h('div', { class: 'side' },
    h('h4', {}, h('span', { class: 'side-letter', 'aria-hidden': 'true' }, letter), h('span', { class: 'visually-hidden' }, `Text ${letter}: `), ' ', label),
    h('p', { class: 'muted small side-file' }, label !== doc.name ? doc.name : 'No headline found'),
    highlighted(text, ranges, edits, `Text ${letter}, ${label}`));
}

// ----- clusters -----

function clusterGroups(report) {
  const groups = new Map();
  for (const c of report.clusters || []) {
    if (!groups.has(c.cluster)) groups.set(c.cluster, []);
    groups.get(c.cluster).push(c);
  }
  return [...groups.entries()].filter(([, m]) => m.length > 1).sort((x, y) => y[1].length - x[1].length || x[0] - y[0]);
}

/** One line of evidence from a cluster receipt: the scores against the representative (numbers
 * at the top level or one level down) and the size of the top shared passage. */
/** A receipt scores the member (A) against its group's representative (B). */
const RECEIPT_MEASURES = {
  ...MEASURES,
  score: 'score',
  lead: 'openings agree',
  containmentAInB: 'this copy found in the representative',
  containmentBInA: 'representative found in this copy',
  sharedShingles: 'shingles shared',
};

function receiptText(r) {
  if (!r) return null;
  if (typeof r === 'string') return r;
  const parts = [];
  const label = (k) => {
    const t = RECEIPT_MEASURES[k] || humanize(k);
    return /^(Jaccard|MinHash)/.test(t) ? t : t.charAt(0).toLowerCase() + t.slice(1);
  };
  const add = (k, v) => {
    if (k === 'score') return; // the badge in front of the line shows it
    if (typeof v === 'number') parts.push(`${label(k)} ${measureValue(k, v)}`);
    else if (typeof v === 'string' || typeof v === 'boolean') parts.push(`${label(k)}: ${v}`);
  };
  for (const [k, v] of Object.entries(r)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (/passage/i.test(k)) {
        if (typeof v.words === 'number') parts.push(`top shared passage: ${fmt(v.words)} words${typeof v.sentences === 'number' ? ` in ${fmt(v.sentences)} sentence${v.sentences === 1 ? '' : 's'}` : ''}${v.identical ? ', identical' : ''}`);
      } else {
        for (const [k2, v2] of Object.entries(v)) add(k2, v2);
      }
    } else add(k, v);
  }
  // One line, one sentence: a capital for its first word only (the labels are shared with the
  // side-by-side measures, where each starts a line).
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

function clusterList(report, onOpenDoc, onCompare) {
  const groups = clusterGroups(report);
  const wrap = h('div', { class: 'clusters' }, h('h3', {}, 'Groups of near-duplicates'));
  if (groups.length === 0) {
    wrap.append(h('p', { class: 'muted' }, `No two of the ${fmt(report.documents.length)} documents reach the same-story threshold.`));
    return wrap;
  }
  const dupes = groups.reduce((n, [, m]) => n + m.length - 1, 0);
  wrap.append(h('p', {}, `${fmt(groups.length)} group${groups.length === 1 ? '' : 's'} of copies of one story. Keeping one document per group (its representative, the fullest copy) would set aside ${fmt(dupes)} of the ${fmt(report.documents.length)} documents.`));
  const list = h('ol', { class: 'cluster-list' });
  // A page of groups at a time, and each group's members built when it is opened: a 100,000-
  // document corpus has thousands of groups.
  const show = (start) => {
    clear(list);
    list.start = start + 1;
    for (const [rep, members] of groups.slice(start, start + GROUPS_SHOWN)) {
      const repDoc = report.documents[rep];
      const others = members.filter((m) => m.doc !== rep).sort((x, y) => (y.score ?? 0) - (x.score ?? 0));
      const memberList = () =>
        h('ul', { class: 'members' },
          h('li', {}, h('span', { class: 'badge' }, 'representative'), ' ', h('button', { type: 'button', class: 'link', onclick: () => onOpenDoc(rep) }, docLabel(repDoc, rep)), docLabel(repDoc, rep) !== repDoc?.name ? h('span', { class: 'muted small' }, ` ${repDoc?.name}`) : null),
          others.slice(0, 100).map((m) =>
            h('li', {},
              h('span', { class: `score ${heat(m.score ?? 0)}` }, pct(m.score)), ' ',
              m.exactDuplicate ? h('span', { class: 'badge' }, 'exact copy') : null, m.exactDuplicate ? ' ' : null,
              h('button', { type: 'button', class: 'link', onclick: () => onOpenDoc(m.doc) }, docLabel(report.documents[m.doc], m.doc)),
              ' ',
              h('button', { type: 'button', class: 'secondary small compare', 'aria-label': `Compare ${docLabel(report.documents[m.doc], m.doc)} with the representative, side by side`, onclick: () => onCompare(m.doc, rep) }, 'Compare'),
              docLabel(report.documents[m.doc], m.doc) !== report.documents[m.doc]?.name ? h('span', { class: 'muted small' }, ` ${report.documents[m.doc]?.name}`) : null,
              receiptText(m.receipt || m.evidence) ? h('div', { class: 'muted small' }, receiptText(m.receipt || m.evidence)) : null)),
          others.length > 100 ? h('li', { class: 'muted' }, `…and ${fmt(others.length - 100)} more (all in the exports)`) : null);
      const details = h('details', {},
        h('summary', {}, h('strong', {}, docLabel(repDoc, rep)), h('span', { class: 'muted' }, ` · ${fmt(members.length)} documents · ${others.length === 1 ? 'score' : 'lowest score'} ${pct(Math.min(...others.map((m) => m.score ?? 0)))}`)));
      details.addEventListener('toggle', () => {
        if (details.open && details.children.length === 1) details.append(memberList());
      });
      list.append(h('li', {}, details));
    }
  };
  const nav = pager(groups.length, GROUPS_SHOWN, show, 'Groups');
  wrap.append(list);
  if (nav) wrap.append(nav);
  return wrap;
}

/** A big corpus scores no pairs up front: comparing a group member with its representative
 * analyses the two documents on their own (`pair.report`, a two-document report). */
const FRESH_NOTE = 'These two documents were analysed again on their own for this comparison, so a line or two may be cleaned differently than in the whole set.';

/**
 * state: {report, pair: {a, b, report?, loading?} | null}
 * actions: {openPair(a, b), closePair(), openDoc(i), compare(a, b)}
 */
export function renderDuplicates(root, state, actions) {
  clear(root);
  const { report, pair } = state;
  const n = report.documents.length;
  if (n < 2) {
    root.append(h('p', { class: 'muted' }, 'Add a second article to compare: duplicates need at least two documents.'));
    return;
  }
  if (report.pairs?.length) {
    if (pair) {
      const view = sideBySide(report, pair.a, pair.b, actions.closePair);
      root.append(view);
    }
    root.append(h('div', { class: 'dup-grid' }, heatmap(report, actions.openPair), pairList(report, actions.openPair, pair)));
  }
  if (pair && !report.pairs?.length) {
    if (pair.report) root.append(sideBySide(pair.report, 0, 1, actions.closePair, FRESH_NOTE));
    else if (pair.loading) root.append(h('section', { class: 'side-by-side', tabindex: -1 }, h('p', { class: 'muted' }, 'Comparing the two documents…')));
  }
  root.append(clusterList(report, actions.openDoc, actions.compare));
}
