// Issue 11: the learner's own number ("I got …") and own code (the paste box). Expected counts are
// what real PyTorch and Keras printed (crates/model/tests/data/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, total, expectQuery } from './harness.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const pasted = readFileSync(new URL('../../crates/model/tests/data/pasted.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const paste = async (page, text) => {
  await page.fill('[data-testid="paste"]', text);
  await page.click('[data-testid="paste-read"]');
  await page.waitForSelector('[data-testid="paste-message"]:not([hidden])');
};

test("the seed's own arithmetic, 17,246,978,048, is explained as time steps and the input size squared", async () => {
  const page = await app.page('?cell=lstm&input=4096&units=256&steps=16&got=17246978048');
  await page.waitForSelector('[data-testid="diagnosis"]');
  const found = await page.$$eval('[data-testid="diagnosis"]', (els) => els.map((e) => [e.dataset.mistake, e.dataset.value]));
  assert.deepEqual(found[0], ['steps-and-input-squared', '17246978048']);
  const first = page.locator('[data-testid="diagnosis"]').first();
  assert.match(await first.textContent(), /T = 16/);
  assert.match(await first.textContent(), /4,457,472/); // the right count beside it
  assert.equal(await page.locator('.mistake-term.differs').first().count(), 1);
  assert.equal(await total(page), 4457472);
  assert.deepEqual(page.problems, []);
});

test('typing a number into the got field checks it and puts it in the address', async () => {
  const page = await app.page('?cell=lstm&input=4096&units=256&steps=16');
  await page.fill('[data-testid="got"]', '71,319,552'); // 4,457,472 × 16
  await page.waitForSelector('[data-testid="diagnosis"][data-mistake="times-steps"]');
  await expectQuery(page, /got=71319552/);
  await page.fill('[data-testid="got"]', '4457472');
  await page.waitForFunction(() => /exactly the count Keras reports/.test(document.querySelector('[data-testid="got-line"]').textContent));
  assert.equal(await page.locator('[data-testid="diagnosis"]').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('pasting nn.LSTM(20, 300, 5, True) shows 3,276,000 and says that True is bias', async () => {
  const page = await app.page('');
  await paste(page, 'nn.LSTM(20, 300, 5, True)');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '3276000');
  assert.match(await page.textContent('[data-testid="paste-report"]'), /bias, not bidirectional/);
  assert.equal(await page.isChecked('#framework-pytorch'), true);
  assert.equal(await page.inputValue('#layers'), '5');
  await expectQuery(page, /units=300/);
  assert.deepEqual(page.problems, []);
});

test('a pasted summary whose Param # disagrees is flagged', async () => {
  // Keras GRU(256) on Input(shape=(100, 4096)), as model.summary() printed it.
  const row = pasted.find((r) => r.config.id === 'pp-0007-gru-m4096-n256-L1-uni-bias-ra1-functional-T100');
  const text = row.keras.summary;
  const page = await app.page('');
  await paste(page, text);
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '3343872');
  const right = await total(page);
  assert.equal(right, row.keras.total_params);
  assert.equal(await page.locator('.paste-disagree').count(), 0);
  // The same table with the recurrent layer's Param # one higher.
  const grouped = right.toLocaleString('en-US');
  assert.ok(text.includes(grouped), `the table prints ${grouped}`);
  await paste(page, text.replace(grouped, (right + 1).toLocaleString('en-US')));
  await page.waitForSelector('.paste-disagree');
  assert.match(await page.textContent('.paste-disagree'), new RegExp(`prints ${(right + 1).toLocaleString('en-US')}.*counts ${grouped}`));
  assert.deepEqual(page.problems, []);
});

test('junk leaves the state as it was and says why', async () => {
  const page = await app.page('?cell=gru&units=64');
  const before = await total(page);
  for (const junk of ['<img src=x onerror=alert(1)>', '((((((', 'print("hello")', 'é'.repeat(200_000)]) {
    await paste(page, junk);
    assert.equal(await total(page), before, junk.slice(0, 20));
    assert.notEqual((await page.textContent('[data-testid="paste-message"]')).trim(), '');
  }
  assert.equal(await page.locator('[data-testid="paste-report"] img').count(), 0);
  assert.deepEqual(page.problems, []);
});
