// The page's number formats, in Node (they touch no DOM): a share shown as a percentage must
// never read "100%" for a near-copy nor "0%" for a share that is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, pct } from '../../www/views/dom.js';

test('percentages: whole numbers, one decimal next to 0% and 100%', () => {
  assert.equal(pct(1), '100%');
  assert.equal(pct(0), '0%');
  assert.equal(pct(0.5), '50%');
  assert.equal(pct(0.994), '99%');
  assert.equal(pct(0.996), '99.6%');
  assert.equal(pct(0.99999), '99.9%');
  assert.equal(pct(0.004), '0.4%');
  assert.equal(pct(0.000001), '0.1%');
  assert.equal(pct(Number.NaN), '—');
  assert.equal(pct(undefined), '—');
});

test('sizes', () => {
  assert.equal(bytes(512), '512 B');
  assert.equal(bytes(2048), '2.0 KB');
  assert.equal(bytes(5 * 1024 * 1024), '5.0 MB');
});
