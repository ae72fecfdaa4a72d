// Issue 14: what grows with the sequence. torchinfo's "Total mult-adds" and input shapes are from
// real torchinfo 1.8 runs (crates/model/tests/data/pytorch_cells.jsonl); parameter counts from real
// PyTorch and Keras.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, total, messages } from './harness.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const cells = readFileSync(new URL('../../crates/model/tests/data/pytorch_cells.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const multAdds = async (page) => Number(await page.getAttribute('[data-testid="mult-adds"]', 'data-value'));

test("the panel shows torchinfo's Total mult-adds for PyTorch layers, from the input shape torchinfo was given", async () => {
  let checked = 0;
  for (const r of cells.filter((r) => r.torchinfo && r.config.kind !== 'cell' && r.config.proj_size === 0).slice(0, 4)) {
    const c = r.config;
    // torchinfo's input_size is (batch, T, m) with batch_first=True, else (T, batch, m).
    const [a, b] = r.torchinfo.input_size;
    const [batch, steps] = /batch_first=True/.test(r.constructor) ? [a, b] : [b, a];
    const q = new URLSearchParams({
      framework: 'pytorch', cell: c.cell, input: c.input_size, units: c.hidden_size, layers: c.num_layers,
      bidir: c.bidirectional ? 1 : 0, bias: c.bias ? 1 : 0, steps, batch,
    });
    const page = await app.page(`?${q}`);
    assert.equal(await total(page), r.total_params, c.id);
    assert.equal(await multAdds(page), r.torchinfo.total_mult_adds, c.id);
    assert.match(await page.textContent('[data-testid="mult-adds"]'), /torchinfo reports/);
    await page.close();
    checked++;
  }
  assert.equal(checked, 4);
});

test('steps=16 against steps=1: 16 times the multiply-adds, the same parameters, and the weights in bytes', async () => {
  const one = await app.page('?cell=lstm&input=4096&units=256&steps=1');
  const sixteen = await app.page('?cell=lstm&input=4096&units=256&steps=16');
  assert.equal(await total(one), 4457472); // Keras, ks-0188
  assert.equal(await total(sixteen), 4457472);
  assert.equal(await multAdds(sixteen), 16 * (await multAdds(one)));
  // Keras: W·x and U·h of four gate blocks, 4 × 256 × (4096 + 256) per step.
  assert.equal(await multAdds(one), 4 * 256 * (4096 + 256));
  assert.equal(await sixteen.textContent('[data-testid="growth-sentence"]'),
    '4,457,472 parameters whatever T; 71.3 M multiply-adds for T = 16, 16 × as many as for T = 1.');
  assert.equal(Number(await sixteen.getAttribute('[data-testid="weight-bytes"]', 'data-value')), 4 * 4457472);
  assert.deepEqual([...one.problems, ...sixteen.problems], []);
});

test('the batch field multiplies the work, and bad batch values get their message', async () => {
  const page = await app.page('?cell=gru&input=300&units=128&steps=10');
  const perSequence = await multAdds(page);
  await page.fill('#batch', '32');
  await page.waitForFunction((v) => Number(document.querySelector('[data-testid="mult-adds"]').dataset.value) === v, 32 * perSequence);
  for (const bad of ['0', '65537', 'x']) {
    const p = await app.page(`?cell=gru&batch=${bad}`);
    const texts = await messages(p);
    assert.ok(texts.some((t) => /batch takes a whole number from 1 to 65,536/.test(t)), `${bad}: ${texts}`);
    await p.close();
  }
  assert.deepEqual(page.problems, []);
});
