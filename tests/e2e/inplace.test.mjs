// Issue 10: a change updates the page in place. A units step keeps every DOM node (rows, diagram
// blocks, gate terms, chart series and marker) and rewrites their texts and attributes; a cell
// switch changes the number of diagram blocks and tensor rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, showPlot } from './harness.mjs';
import { row, queryOf } from './golden.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

/** The elements a units step must keep, marked with a JS property (not an attribute). */
const TRACKED = {
  row: '[data-testid="tensors"] tr.tensor-row',
  block: '[data-testid="diagram"] [data-gate]',
  term: '[data-testid="arithmetic"] .gate-term',
  series: '[data-testid="plot"] [data-series="lstm"]',
  marker: '[data-testid="plot"] [data-testid="marker"]',
  area: '[data-testid="composition"] [data-part="recurrent"]',
};

const mark = (page) =>
  page.evaluate((tracked) => {
    for (const [name, selector] of Object.entries(tracked)) {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`nothing matches ${selector}`);
      el.__kept = name;
    }
  }, TRACKED);

/** For each tracked element now on the page: whether it is the one marked before, and its text or key attribute. */
const inspect = (page) =>
  page.evaluate((tracked) => {
    const out = {};
    for (const [name, selector] of Object.entries(tracked)) {
      const el = document.querySelector(selector);
      out[name] = {
        kept: el?.__kept === name,
        text: el?.textContent,
        points: el?.getAttribute('points'),
        cx: el?.getAttribute('cx'),
        count: el?.dataset.count,
      };
    }
    return out;
  }, TRACKED);

test('a units slider step keeps the rows, blocks, terms and chart elements and rewrites their values', async () => {
  const before = row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16');
  const page = await app.page(queryOf(before));
  await showPlot(page);
  await mark(page);
  const was = await inspect(page);
  // Two stops up on the slider: 256 → 300 → 384.
  await page.focus('#units-slider');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="marker"]').dataset.x === '384');
  // Keras LSTM(384) on 4096: 4 × ((4096 + 384 + 1) × 384).
  assert.equal(await total(page), 4 * (4096 + 384 + 1) * 384);
  const now = await inspect(page);
  for (const name of Object.keys(TRACKED)) {
    assert.equal(now[name].kept, true, `${name} was replaced`);
  }
  assert.notEqual(now.row.count, was.row.count, 'the first row shows its new count');
  assert.equal(now.row.count, String(4096 * 4 * 384));
  assert.notEqual(now.block.text, was.block.text, 'the block shows its new shapes');
  assert.match(now.block.text, /384 × 4096/);
  assert.notEqual(now.term.text, was.term.text);
  assert.notEqual(now.marker.cx, was.marker.cx, 'the marker moved');
  assert.deepEqual(page.problems, []);
});

test('a cell switch changes the number of diagram blocks and tensor strips, and a framework switch the rows', async () => {
  const page = await app.page('?framework=keras&cell=lstm&input=4096&units=256');
  const counts = () =>
    page.evaluate(() => ({
      blocks: document.querySelectorAll('[data-testid="diagram"] [data-gate]').length,
      rows: document.querySelectorAll('[data-testid="tensors"] tr.tensor-row').length,
      segments: document.querySelector('[data-testid="tensors"] .gate-strip').children.length,
    }));
  assert.deepEqual(await counts(), { blocks: 4, rows: 3, segments: 4 });
  await page.click('label[for="cell-gru"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagram"] [data-gate]').length === 3);
  assert.deepEqual(await counts(), { blocks: 3, rows: 3, segments: 3 });
  await page.click('label[for="framework-pytorch"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tensors"] tr.tensor-row').length === 4);
  assert.deepEqual(await counts(), { blocks: 3, rows: 4, segments: 3 });
  assert.equal(await page.getAttribute('[data-testid="tensors"] tr.tensor-row', 'data-name'), 'weight_ih_l0');
  assert.deepEqual(page.problems, []);
});
