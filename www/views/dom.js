// DOM helpers shared by the views. Text always goes in through textContent (strings are text
// nodes), never as HTML, so an article containing markup shows that markup as text.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Creates an HTML element: h('p', {class: 'x'}, 'text', h('b', {}, 'bold')). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** Creates an SVG element. */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

const numberFormat = new Intl.NumberFormat('en');
export const fmt = (n) => (typeof n === 'number' && Number.isFinite(n) ? numberFormat.format(n) : '—');
export const fmt2 = (n) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : '—');
/** A share as a percentage: whole percents, but never "100%" for less than all nor "0%" for more
 * than nothing (a 99.6% match is not an identical copy): those show one decimal. */
export function pct(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const p = n * 100;
  const whole = Math.round(p);
  if (whole === 100 && n < 1) return `${Math.min(99.9, Math.floor(p * 10) / 10)}%`;
  if (whole === 0 && n > 0) return `${Math.max(0.1, Math.ceil(p * 10) / 10)}%`;
  return `${whole}%`;
}

export function bytes(n) {
  if (!Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "containmentAInB" → "Containment a in b"; for labelling fields the engines add later. */
export function humanize(key) {
  const words = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A short, stable label for a document: its headline, else its name. */
export function docLabel(doc, index) {
  const title = doc?.cleaned?.title || doc?.title;
  const name = doc?.name || `Document ${index + 1}`;
  return title ? `${title}` : name;
}

/** A tab strip (WAI-ARIA tabs with arrow keys) over `tabs` = [{id, label, render(panel)}]. */
export function tabStrip(container, tabs, { label, selected, onSelect } = {}) {
  const list = h('div', { role: 'tablist', 'aria-label': label, class: 'subtabs' });
  const panel = h('div', { role: 'tabpanel', class: 'subpanel' });
  const buttons = tabs.map((tab) =>
    h('button', { type: 'button', role: 'tab', id: `${container.id || 'x'}-tab-${tab.id}`, class: 'subtab', onclick: () => select(tab.id) }, tab.label),
  );
  list.append(...buttons);
  list.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const b = buttons[(next + buttons.length) % buttons.length];
    b.focus();
    b.click();
  });
  function select(id) {
    tabs.forEach((tab, i) => {
      const on = tab.id === id;
      buttons[i].setAttribute('aria-selected', String(on));
      buttons[i].tabIndex = on ? 0 : -1;
      if (on) {
        panel.setAttribute('aria-labelledby', buttons[i].id);
        clear(panel);
        tab.render(panel);
      }
    });
    if (onSelect) onSelect(id);
  }
  container.append(list, panel);
  select(tabs.some((t) => t.id === selected) ? selected : tabs[0].id);
  return { select };
}

/** Previous/next buttons over `total` rows, `size` at a time; `show(start)` draws a page. */
export function pager(total, size, show, noun) {
  const status = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'small secondary' }, `Previous ${size}`);
  const next = h('button', { type: 'button', class: 'small secondary' }, `Next ${size}`);
  let start = 0;
  const go = (at) => {
    start = Math.max(0, Math.min(at, Math.max(0, total - 1)));
    show(start);
    status.textContent = `${noun} ${fmt(start + 1)}–${fmt(Math.min(total, start + size))} of ${fmt(total)}`;
    prev.disabled = start === 0;
    next.disabled = start + size >= total;
  };
  prev.addEventListener('click', () => go(start - size));
  next.addEventListener('click', () => go(start + size));
  go(0);
  return total > size ? h('div', { class: 'pager' }, prev, status, next) : null;
}
