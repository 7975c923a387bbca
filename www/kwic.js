// Keyword in context over cleaned bodies: shared by the Keywords view (documents on the page)
// and the workers (a big corpus's documents stay in the worker that analysed them). No DOM.

/** Hits shown at most; the search stops there, so a 100,000-document corpus stays instant. */
export const KWIC_MAX = 100;
/** Characters of context on each side of a hit. */
export const KWIC_CONTEXT = 70;

function escapeRegExp(t) {
  return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keyword in context over `report.documents`' cleaned bodies: the first `max` hits, in
 * document order ({doc, left, match, right}, `doc` the document's index). */
export function kwic(report, term, max = KWIC_MAX) {
  const words = term.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu');
  const hits = [];
  for (let i = 0; i < report.documents.length && hits.length < max; i++) {
    const body = report.documents[i].cleaned?.body || '';
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(body)) && hits.length < max) {
      const left = body.slice(Math.max(0, m.index - KWIC_CONTEXT), m.index).replace(/\s+/g, ' ');
      const right = body.slice(m.index + m[0].length, m.index + m[0].length + KWIC_CONTEXT).replace(/\s+/g, ' ');
      hits.push({ doc: i, left, match: m[0], right });
    }
  }
  return hits;
}
