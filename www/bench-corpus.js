// A generated news-like corpus for the in-page benchmark and the end-to-end tests: `n` articles
// of about 3 KB as JSONL, each wrapped in a navigation line and a share line (boilerplate to
// remove), every tenth a lightly edited copy of a recent one (near-duplicates to find). Line
// `broken` (1-based), when given, is invalid JSON. Deterministic, so runs compare.
const WORDS = ('government minister said police officials report city council year people week election court '
  + 'president country state security forces attack border trade talks agreement economy market prices bank '
  + 'water energy oil gas health hospital school students workers union strike protest capital region province '
  + 'army military coalition rebels ceasefire peace deal refugees aid crisis storm flood drought farmers crops '
  + 'company shares investors growth inflation budget tax spending debt loans prime opposition party vote '
  + 'campaign leader parliament law judge trial prison charges investigation journalists media report data').split(' ');

/** Function words between the content words, as in real prose (key phrases are the runs
 * between them). */
const GLUE = 'the of and in to a on for with that by from at as was is'.split(' ');

export function generateCorpus(n, broken = 0, { seed: start = 42, first = 1 } = {}) {
  // mulberry32: 32-bit integer arithmetic (Math.imul), so the sequence does not collapse the
  // way a float LCG does once products pass 2^53.
  let seed = start;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sentence = () => {
    const len = 11 + Math.floor(rand() * 10);
    const w = [];
    for (let i = 0; i < len; i++) {
      w.push(WORDS[Math.floor(rand() * WORDS.length)]);
      if (rand() < 0.55) w.push(GLUE[Math.floor(rand() * GLUE.length)]);
    }
    const s = w.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const article = () => {
    const paras = [];
    for (let p = 0; p < 7; p++) paras.push([sentence(), sentence(), sentence()].join(' '));
    return paras.join('\n\n');
  };
  const lines = [];
  const recent = [];
  for (let i = first; i < first + n; i++) {
    let text;
    if (i % 10 === 0 && recent.length > 5) {
      text = recent[Math.floor(rand() * recent.length)].replace(/ said /, ' told reporters ').replace(/\.$/, ', officials added.');
    } else {
      text = article();
    }
    recent.push(text);
    if (recent.length > 200) recent.shift();
    lines.push(i === broken ? '{"id": "broken", "text": ' : JSON.stringify({ id: `a${i}`, title: `Article ${i}`, text: `Home > News > World\n\n${text}\n\nShare this article` }));
  }
  return `${lines.join('\n')}\n`;
}
