// Exports: the whole report as JSON, CSV tables (keywords, pairs, clusters), the cleaned texts as
// JSONL, and the dedup receipts as JSONL. Each can be downloaded or copied.
import { termRows } from './keywords.js';

function csvCell(v) {
  if (v === null || v === undefined) return '';
  const t = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function csv(header, rows) {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');

const verdictOf = (v) => (typeof v === 'string' ? v : v?.kind ?? (v ? Object.keys(v)[0] : ''));

export const EXPORTS = [
  {
    id: 'report',
    label: 'Report (JSON)',
    file: 'article-analyzer-report.json',
    type: 'application/json',
    build: (r) => JSON.stringify(r, null, 2),
  },
  {
    id: 'terms',
    label: 'Term table (CSV)',
    file: 'terms.csv',
    type: 'text/csv',
    build: (r) => {
      const { rows, fromEngine } = termRows(r);
      // The engine's table has TF-IDF and counts stories (copies of one story once); the summed
      // key phrases of a big corpus have their key-phrase score and count documents.
      const header = fromEngine ? ['term', 'count', 'tfidf', 'stories'] : ['term', 'count', 'key_phrase_score', 'documents'];
      return csv(header, rows.map((t) => [t.term, t.count, t.score, t.documents]));
    },
  },
  {
    id: 'keywords',
    label: 'Keywords per document (CSV)',
    file: 'keywords.csv',
    type: 'text/csv',
    build: (r) =>
      csv(['document_id', 'document_name', 'rank', 'term', 'count', 'score'],
        r.documents.flatMap((d) => (d.keywords || []).map((k, i) => [d.id, d.name, i + 1, k.term, k.count, k.score]))),
  },
  {
    id: 'pairs',
    label: 'Pairs (CSV)',
    file: 'pairs.csv',
    type: 'text/csv',
    build: (r) =>
      csv(['a_id', 'b_id', 'score', 'jaccard', 'containment_a_in_b', 'containment_b_in_a', 'verdict', 'reason'],
        (r.pairs || []).map((p) => {
          const s = p.similarity || {};
          return [r.documents[p.a]?.id, r.documents[p.b]?.id, s.score, s.jaccard, s.containmentAInB, s.containmentBInA, verdictOf(s.verdict), s.reason];
        })),
  },
  {
    id: 'clusters',
    label: 'Clusters (CSV)',
    file: 'clusters.csv',
    type: 'text/csv',
    build: (r) =>
      csv(['document_id', 'document_name', 'cluster_representative_id', 'score'],
        (r.clusters || []).map((c) => [r.documents[c.doc]?.id, r.documents[c.doc]?.name, r.documents[c.cluster]?.id, c.score])),
  },
  {
    id: 'cleaned',
    label: 'Cleaned texts (JSONL)',
    file: 'cleaned.jsonl',
    type: 'application/x-ndjson',
    build: (r) =>
      jsonl(r.documents.map((d) => ({
        id: d.id,
        name: d.name,
        title: d.cleaned?.title ?? null,
        date: d.cleaned?.date ?? null,
        source: d.cleaned?.source ?? null,
        language: d.cleaned?.language?.code ?? null,
        text: d.cleaned?.body ?? '',
      }))),
  },
  {
    id: 'receipts',
    label: 'Dedup receipts (JSONL)',
    file: 'dedup-receipts.jsonl',
    type: 'application/x-ndjson',
    build: (r) => {
      const sizes = new Map();
      for (const c of r.clusters || []) sizes.set(c.cluster, (sizes.get(c.cluster) || 0) + 1);
      const pairOf = new Map((r.pairs || []).map((p) => [`${p.a},${p.b}`, p.similarity]));
      return jsonl((r.clusters || [])
        .filter((c) => c.doc !== c.cluster && sizes.get(c.cluster) > 1)
        .map((c) => {
          const sim = pairOf.get(`${Math.min(c.doc, c.cluster)},${Math.max(c.doc, c.cluster)}`);
          return {
            id: r.documents[c.doc]?.id,
            duplicateOf: r.documents[c.cluster]?.id,
            score: c.score,
            clusterSize: sizes.get(c.cluster),
            verdict: sim ? verdictOf(sim.verdict) : undefined,
            reason: sim?.reason,
            jaccard: sim?.jaccard,
            containment: sim ? Math.max(sim.containmentAInB ?? 0, sim.containmentBInA ?? 0) : undefined,
            receipt: c.receipt ?? c.evidence,
          };
        }));
    },
  },
];

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
