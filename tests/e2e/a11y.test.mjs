// Issue 7: accessibility. axe-core finds no violation in the light, dark, embedded and 320 px
// layouts; the keyboard alone reaches and operates every control in a sensible order; sliders follow
// the WAI-ARIA slider pattern; the total is announced politely.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { open, total } from './harness.mjs';
import { row } from './golden.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

/** Runs axe-core in the page (injected through the DevTools protocol, which the CSP allows). */
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

const LAYOUTS = [
  ['light', '?cell=lstm&theme=light', {}],
  ['dark', '?cell=gru&bidir=1&theme=dark', {}],
  ['embedded', '?cell=lstm&embed=1&lock=input,units&hide=share', {}],
  ['320 px', '?framework=pytorch&cell=lstm&proj=64&layers=2', { viewport: { width: 320, height: 700 } }],
  ['360 px', '', { viewport: { width: 360, height: 640 } }],
  ['768 px', '?cell=gru&bidir=1&layers=2&merge=sum', { viewport: { width: 768, height: 1024 } }],
  ['auto in a dark room', '?cell=rnn', { colorScheme: 'dark' }],
  // Issue 13: the whole model (summary table, Embedding and Dense controls), dark and on a phone.
  ['whole model, dark', '?cell=gru&input=16&units=32&bidir=1&vocab=4500&dense=6,1&got=272&theme=dark', {}],
  ['whole model, 320 px', '?framework=pytorch&cell=lstm&input=16&units=32&vocab=4500&frozen=1&dense=8&head=every', { viewport: { width: 320, height: 700 } }],
];

for (const [name, query, options] of LAYOUTS) {
  test(`axe-core finds no violation: ${name}`, async () => {
    const page = await app.page(query, options);
    // Open the details so their content is checked too, and highlight a gate.
    await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
    await page.focus('[data-testid="diagram"] [data-gate]');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(page.problems, []);
  });
}

test('Tab reaches every control in reading order', async () => {
  const page = await app.page('?framework=pytorch&cell=lstm');
  const order = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const e = document.activeElement;
      if (e.dataset.gate) return `gate-${e.dataset.gate}`;
      if (e.dataset.term) return `term-${e.dataset.term}`;
      return e.id || e.dataset.testid || e.textContent.trim().slice(0, 20);
    });
    if (order.includes(id) && id !== 'framework-keras') break;
    order.push(id);
  }
  const index = (id) => {
    const i = order.indexOf(id);
    assert.ok(i >= 0, `${id} not reachable by Tab: ${order.join(' → ')}`);
    return i;
  };
  // Controls top to bottom, then the result, the diagram, the plot and the share panel.
  const sequence = ['framework-pytorch', 'cell-lstm', 'input-slider', 'input', 'units-slider', 'units', 'bidir', 'bias',
    'layers-slider', 'layers', 'proj-slider', 'proj', 'term-f', 'term-o', 'gate-f', 'gate-i', 'gate-g', 'gate-o',
    'steps-slider', 'steps', 'plot-units', 'scale-linear', 'share-link'];
  const positions = sequence.map(index);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, order.join(' → '));
  assert.deepEqual(page.problems, []);
});

test('every control is operated with the keyboard alone', async () => {
  const page = await app.page('?cell=lstm');
  const value = () => total(page);
  const expectTotal = (v) => page.waitForFunction((v) => document.querySelector('[data-testid="total"]').dataset.value === String(v), v);
  // Radio groups: arrow keys move the choice.
  await page.focus('#framework-keras');
  await page.keyboard.press('ArrowDown');
  await expectTotal(4458496); // PyTorch: pt-0188
  await page.keyboard.press('ArrowUp');
  await expectTotal(4457472);
  await page.focus('#cell-lstm');
  await page.keyboard.press('ArrowUp');
  await expectTotal(3343872); // GRU: ks-0378
  // Switches: Space toggles.
  await page.focus('#bidir');
  await page.keyboard.press('Space');
  await expectTotal(6687744); // ks-0397
  await page.keyboard.press('Space');
  // Fields: type a value.
  await page.focus('#units');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('512');
  await page.waitForFunction(() => document.querySelector('#units-slider').getAttribute('aria-valuetext') === '512 units');
  // Sliders: Home, End, Page Up / Page Down and arrows.
  await page.focus('#layers-slider');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('#layers').value === '16');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('#layers').value === '1');
  await page.focus('#units-slider');
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => Number(document.querySelector('#units').value) > 512);
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.querySelector('#units').value === '512');
  await page.keyboard.press('ArrowLeft'); // 500
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('#units').value === '384');
  assert.equal(await page.getAttribute('#units-slider', 'aria-valuetext'), '384 units');
  // The diagram's gates: Enter pins one.
  await page.focus('[data-testid="diagram"] [data-gate="z"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-gate="z"]', 'aria-pressed'), 'true');
  // The plot's axis and scale radios, and the table toggle.
  await page.focus('#plot-units');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => location.search.includes('plot=input'));
  await page.focus('.plot-data summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('.plot-data', (d) => d.open), true);
  assert.ok((await value()) > 0);
  assert.deepEqual(page.problems, []);
});

test('the framework-specific settings are operated with the keyboard alone', async () => {
  const expectTotal = (page, id) =>
    page.waitForFunction((v) => document.querySelector('[data-testid="total"]').dataset.value === String(v), row(id).total_params);
  // Keras: bias off (Space), then reset_after and merge_mode on a bidirectional GRU stack.
  const keras = await app.page('?cell=lstm&layers=2&bidir=1');
  await keras.focus('#bias');
  await keras.keyboard.press('Space');
  await expectTotal(keras, 'ks-0320-lstm-m4096-n256-L2-bi-nobias-mm-concat-T16');
  const gru = await app.page('?cell=gru&layers=3&bidir=1&merge=sum');
  await gru.focus('#reset_after');
  await gru.keyboard.press('Space');
  await expectTotal(gru, 'ks-0336-gru-m4096-n256-L3-bi-bias-ra0-mm-sum-T16');
  await gru.focus('#merge-sum');
  await gru.keyboard.press('ArrowUp');
  await gru.waitForFunction(() => document.querySelector('#merge-concat').checked);
  // PyTorch: type a projection size.
  const torch = await app.page('?framework=pytorch&cell=lstm&input=3&units=32&layers=2&bidir=1');
  await torch.focus('#proj');
  await torch.keyboard.press('Control+A');
  await torch.keyboard.type('8');
  await expectTotal(torch, 'pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5');
  // The time steps and the plot's scale.
  await torch.focus('#steps');
  await torch.keyboard.press('Control+A');
  await torch.keyboard.type('100');
  await torch.waitForFunction(() => document.querySelector('[data-testid="steps-note"]').textContent.includes('100 steps'));
  await torch.focus('#scale-linear');
  await torch.keyboard.press('ArrowRight');
  await torch.waitForFunction(() => document.querySelector('#scale-log').checked);
  // A message is dismissed with the keyboard.
  const bad = await app.page('?units=abc');
  await bad.focus('.message-dismiss');
  await bad.keyboard.press('Enter');
  await bad.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 0);
  assert.deepEqual([keras, gru, torch, bad].flatMap((p) => p.problems), []);
});

test('sliders follow the WAI-ARIA slider pattern', async () => {
  const page = await app.page('?cell=lstm');
  for (const [id, text] of [['input', '4,096 input features'], ['units', '256 units'], ['layers', '1 layer'], ['steps', '16 time steps']]) {
    const slider = page.locator(`#${id}-slider`);
    assert.equal(await slider.getAttribute('type'), 'range');
    assert.equal(await slider.getAttribute('aria-valuetext'), text);
    assert.ok(await slider.getAttribute('aria-label'));
  }
  assert.deepEqual(page.problems, []);
});

test('the total is announced politely', async () => {
  const page = await app.page('?cell=lstm');
  const live = page.locator('[data-testid="total-announcement"]');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  await page.fill('#units', '512');
  await page.waitForFunction(() => document.querySelector('[data-testid="total-announcement"]').textContent.includes('9,439,232'));
  assert.match(await live.textContent(), /9,439,232 parameters/);
  assert.deepEqual(page.problems, []);
});
