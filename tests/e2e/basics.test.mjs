// Issue 2: the widget in a real browser. Expected numbers are the counts real Keras reported
// (crates/model/tests/data/keras.jsonl), quoted with the row they come from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, messages, expectQuery } from './harness.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const CLASSIC = '?cell=lstm&input=4096&units=256&bidir=0';

test('the classic example shows Keras LSTM(256) on 4,096 input features: 4,457,472', async () => {
  const page = await app.page(CLASSIC);
  assert.equal(await total(page), 4457472); // ks-0188
  assert.equal((await page.textContent('[data-testid="total"]')).trim(), '4,457,472');
  const summary = await page.textContent('[data-testid="arithmetic-summary"]');
  assert.equal(summary.trim(), '4 × ((4096 + 256 + 1) × 256) = 4,457,472');
  assert.deepEqual(page.problems, []);
});

test('the defaults are the classic example', async () => {
  const page = await app.page('');
  assert.equal(await total(page), 4457472);
  assert.deepEqual(await messages(page), []);
  assert.deepEqual(page.problems, []);
});

test('typing 512 into the units field shows 9,439,232 and updates the URL', async () => {
  const page = await app.page(CLASSIC);
  await page.fill('#units', '512');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '9439232');
  assert.equal((await page.textContent('[data-testid="total"]')).trim(), '9,439,232');
  await expectQuery(page, /units=512/);
  assert.deepEqual(page.problems, []);
});

test('the units slider moved with the keyboard updates the total', async () => {
  const page = await app.page(CLASSIC);
  await page.focus('#units-slider');
  // The stops after 256: 300, 384, 500, 512.
  for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '9439232');
  assert.equal(await page.inputValue('#units'), '512');
  assert.equal(await page.getAttribute('#units-slider', 'aria-valuetext'), '512 units');
  for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '4457472');
  assert.deepEqual(page.problems, []);
});

test('bidir=1 doubles the layer: 8,914,944', async () => {
  const page = await app.page('?cell=lstm&input=4096&units=256&bidir=1');
  assert.equal(await total(page), 8914944); // ks-0400
  assert.match(await page.textContent('[data-testid="arithmetic-summary"]'), /^2 × 4 × /);
  assert.equal(await page.isChecked('#bidir'), true);
  assert.deepEqual(page.problems, []);
});

test('cell=gru shows Keras GRU(256) on 4,096 input features: 3,343,872', async () => {
  const page = await app.page('?cell=gru&input=4096&units=256&bidir=0');
  assert.equal(await total(page), 3343872); // ks-0378
  assert.equal(await page.isChecked('#cell-gru'), true);
  assert.deepEqual(page.problems, []);
});

test('the controls change the count: switching the cell and bidirectional', async () => {
  const page = await app.page(CLASSIC);
  await page.check('#cell-gru');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '3343872');
  await page.check('#bidir');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '6687744'); // ks-0397
  await expectQuery(page, /cell=gru/);
  await expectQuery(page, /bidir=1/);
  assert.deepEqual(page.problems, []);
});

const BAD = [
  { query: 'units=abc', param: 'units', range: '1 to 1,048,576' },
  { query: 'units=0', param: 'units', range: '1 to 1,048,576' },
  { query: 'input=-3', param: 'input', range: '1 to 1,048,576' },
  { query: 'cell=transformer', param: 'cell', range: 'rnn, gru, lstm' },
  { query: 'units=99999999999', param: 'units', range: '1 to 1,048,576' },
];

for (const { query, param, range } of BAD) {
  test(`a bad value (${query}) shows a message and falls back to the default`, async () => {
    const page = await app.page(`?${query}`);
    const shown = await messages(page);
    assert.equal(shown.length, 1, `messages: ${JSON.stringify(shown)}`);
    assert.ok(shown[0].includes(param), shown[0]);
    assert.ok(shown[0].includes(range), shown[0]);
    assert.ok(shown[0].includes('default'), shown[0]);
    assert.equal(await page.getAttribute('[data-testid="message"]', 'data-param'), param);
    assert.equal(await total(page), 4457472, 'the default configuration is counted');
    assert.deepEqual(page.problems, []);
  });
}

test('typing an invalid number into a field shows a message and keeps the count', async () => {
  const page = await app.page(CLASSIC);
  await page.fill('#units', '0');
  await page.waitForSelector('#units-error:not([hidden])');
  assert.match(await page.textContent('#units-error'), /1 to 1,048,576/);
  assert.equal(await page.getAttribute('#units', 'aria-invalid'), 'true');
  assert.equal(await total(page), 4457472);
  await page.fill('#units', '4,096');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value !== '4457472');
  assert.equal(await page.getAttribute('#units', 'aria-invalid'), null);
  assert.deepEqual(page.problems, []);
});
