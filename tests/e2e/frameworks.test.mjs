// Issue 3: framework-exact counts. A dozen ground-truth rows (real Keras and PyTorch runs) go
// through the URL; the page must show the framework's total and exactly its tensors, by name and
// shape, in order, with per-layer input sizes and subtotals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, messages, expectQuery } from './harness.mjs';
import { row, queryOf } from './golden.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const IDS = [
  'ks-0188-lstm-m4096-n256-L1-uni-bias-T16', // the classic Keras example
  'pt-0188-lstm-m4096-n256-L1-uni-bias-T5', // the same layer in PyTorch: 1,024 more
  'ks-0280-gru-m3-n4-L2-bi-bias-ra1-mm-concat-T16', // Keras stacked bidirectional GRU, (2, 3n) bias
  'ks-0364-rnn-m3-n4-L2-bi-bias-mm-mul-T16', // merge_mode=mul: layer 2 sees n
  'ks-0320-lstm-m4096-n256-L2-bi-nobias-mm-concat-T16', // bias off
  'pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5', // projection, stacked, bidirectional
  'pt-0001-rnn-m1-n1-L1-uni-nobias-T5', // the smallest
  'pt-0004-rnn-m1-n4-L1-uni-bias-T5',
  'pt-0354-gru-m16-n32-L2-bi-bias-T5-batch_first-True', // batch_first does not change the count
  'ks-0336-gru-m4096-n256-L3-bi-bias-ra0-mm-sum-T16', // reset_after=False, merge sum, three layers
  'ks-0330-rnn-m4096-n256-L3-bi-bias-mm-sum-T16',
  'pt-0250-gru-m4096-n256-L3-bi-bias-T5', // PyTorch stacks see 2n
];


for (const id of IDS) {
  test(`${id}: total, layers and every tensor match the framework`, async () => {
    const r = row(id);
    const page = await app.page(queryOf(r));
    assert.equal(await total(page), r.total_params);
    assert.deepEqual(await messages(page), []);
    const shown = await page.$$eval('[data-testid="tensors"] tr.tensor-row', (trs) =>
      trs.map((tr) => ({ name: tr.dataset.name, shape: tr.dataset.shape, count: Number(tr.dataset.count) })),
    );
    assert.deepEqual(
      shown,
      r.weights.map((w) => ({ name: w.name, shape: w.shape.join(','), count: w.numel })),
    );
    const layers = await page.$$eval('[data-testid="tensors"] tbody[data-layer]', (bodies) =>
      bodies.map((b) => ({ input: Number(b.dataset.inputSize), params: Number(b.dataset.params) })),
    );
    assert.deepEqual(
      layers,
      r.layers.map((l) => ({ input: l.input_size_seen, params: l.params ?? l.count_params })),
    );
    assert.deepEqual(page.problems, []);
  });
}

test('the other framework is shown with the difference explained', async () => {
  const keras = row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16');
  const torch = row('pt-0188-lstm-m4096-n256-L1-uni-bias-T5');
  const page = await app.page(queryOf(keras));
  const line = await page.textContent('[data-testid="comparison"]');
  assert.equal(Number(await page.getAttribute('[data-testid="comparison"]', 'data-other-value')), torch.total_params);
  assert.match(line, /^PyTorch: 4,458,496 — 1,024 more: .*b_ih and b_hh/);
  await page.check('#framework-pytorch');
  await page.waitForFunction((v) => document.querySelector('[data-testid="total"]').dataset.value === String(v), torch.total_params);
  assert.equal(Number(await page.getAttribute('[data-testid="comparison"]', 'data-other-value')), keras.total_params);
  assert.deepEqual(page.problems, []);
});

test('a refused configuration (proj_size = hidden_size) shows PyTorch\'s reason and keeps a valid state', async () => {
  const refused = row('pt-0361-lstm-m16-n32-L1-uni-bias-p32-T5');
  const without = row('pt-0168-lstm-m16-n32-L1-uni-bias-T5');
  const page = await app.page(queryOf(refused));
  const shown = await messages(page);
  assert.equal(shown.length, 1);
  assert.ok(shown[0].includes('proj_size has to be smaller than hidden_size'), shown[0]);
  assert.equal(await total(page), without.total_params);
  assert.deepEqual(page.problems, []);
});

test('proj_size on a GRU is refused with PyTorch\'s reason', async () => {
  const refused = row('pt-0363-gru-m16-n32-L1-uni-bias-p8-T5');
  const page = await app.page(queryOf(refused));
  const shown = await messages(page);
  assert.ok(shown.some((m) => m.includes('only supported for LSTM, not RNN or GRU')), JSON.stringify(shown));
  assert.deepEqual(page.problems, []);
});

test('typing a refused projection, key by key, keeps the last valid state and says why at the field', async () => {
  const r = row('pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5');
  const page = await app.page(queryOf(r));
  await page.click('#proj', { clickCount: 3 });
  await page.keyboard.type('50'); // "5" is accepted on the way, "50" is refused
  await page.waitForSelector('#proj-error:not([hidden])');
  assert.match(await page.textContent('#proj-error'), /proj_size has to be smaller than hidden_size" \(proj_size 50 ≥ hidden_size 32\)\. Keeping 8\./);
  await page.waitForFunction((v) => document.querySelector('[data-testid="total"]').dataset.value === String(v), r.total_params);
  assert.equal(await page.getAttribute('#proj', 'aria-invalid'), 'true');
  await page.keyboard.press('Tab'); // leaving the field puts the kept value back
  assert.equal(await page.inputValue('#proj'), '8');
  assert.equal(await page.isHidden('#proj-error'), true);
  await expectQuery(page, /proj=8/);
  // Units at or below the projection are refused the same way.
  await page.fill('#units', '8');
  await page.waitForSelector('#units-error:not([hidden])');
  assert.match(await page.textContent('#units-error'), /proj_size 8 ≥ hidden_size 8\)\. Keeping 32\./);
  assert.equal(await total(page), r.total_params);
  assert.deepEqual(await messages(page), [], 'no page-level banner for a field refusal');
  assert.deepEqual(page.problems, []);
});

test('settings that do not apply are disabled with the reason', async () => {
  const page = await app.page('?framework=keras&cell=lstm');
  assert.equal(await page.isDisabled('#proj'), true);
  assert.match(await page.textContent('#proj-hint'), /PyTorch LSTM only/);
  assert.equal(await page.isDisabled('#reset_after'), true);
  await page.check('#cell-gru');
  await page.waitForFunction(() => !document.querySelector('#reset_after').disabled);
  await page.check('#framework-pytorch');
  await page.waitForFunction(() => document.querySelector('#reset_after').disabled);
  assert.match(await page.textContent('#reset_after-hint'), /PyTorch's GRU always has two bias vectors/);
  assert.equal(await page.isDisabled('#merge-sum'), true);
  assert.deepEqual(page.problems, []);
});

test('with Keras-only settings kept under PyTorch, the comparison gives what the switch to Keras shows', async () => {
  const page = await app.page('?framework=pytorch&cell=gru&input=10&units=20&reset_after=0');
  assert.equal(await total(page), 1920);
  // Disabled, the checkbox shows what PyTorch does; the comparison counts the kept Keras choice.
  assert.equal(await page.isChecked('#reset_after'), true);
  assert.equal(await page.isDisabled('#reset_after'), true);
  assert.equal(await page.getAttribute('[data-testid="comparison"]', 'data-other-value'), '1860');
  assert.match(await page.textContent('[data-testid="comparison"]'), /Keras: 1,860 — 60 fewer: Keras with reset_after=False/);
  await page.check('#framework-keras');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '1860');
  assert.equal(await page.isChecked('#reset_after'), false);

  const stack = await app.page('?framework=pytorch&cell=lstm&input=10&units=20&bidir=1&layers=3&merge=sum');
  assert.equal(await stack.isChecked('#merge-concat'), true);
  assert.equal(await stack.getAttribute('[data-testid="comparison"]', 'data-other-value'), '18080');
  await stack.check('#framework-keras');
  await stack.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '18080');
  assert.equal(await stack.isChecked('#merge-sum'), true);
  assert.deepEqual([...page.problems, ...stack.problems], []);
});

test('a projection dropped by a switch to Keras or GRU comes back on the way back', async () => {
  const page = await app.page('?framework=pytorch&cell=lstm&proj=100');
  assert.equal(await total(page), 4324352);
  await page.check('#framework-keras');
  await expectQuery(page, /framework=keras&(?!.*proj)/);
  await page.check('#framework-pytorch');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '4324352');
  await page.check('#cell-gru');
  await expectQuery(page, /cell=gru&(?!.*proj)/);
  await page.check('#cell-lstm');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '4324352');
  await expectQuery(page, /proj=100/);
  // Cleared by hand, it stays cleared.
  await page.fill('#proj', '0');
  await page.press('#proj', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '4458496');
  await page.check('#framework-keras');
  await page.check('#framework-pytorch');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '4458496');
  assert.deepEqual(page.problems, []);
});
