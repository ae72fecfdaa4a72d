// Issue 13: the model around the layer. Whole-model ground-truth rows (real Keras 3 and PyTorch
// runs, crates/model/tests/data/models_*.jsonl) go through the URL; the summary table must show the
// framework's own rows (Keras model.summary(): "Layer (type)", "Output Shape", "Param #";
// torchinfo: "├─Class: 1-i", its output size, its Param #) and its total, and the page total must
// equal it. Then the public case with a Dense (cases.json C10b) and the "I got" check of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, total, messages } from './harness.mjs';

const DATA = new URL('../../crates/model/tests/data/', import.meta.url);
const modelRows = (file) =>
  readFileSync(new URL(file, DATA), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const ALL = [...modelRows('models_keras.jsonl'), ...modelRows('models_pytorch.jsonl')];
const byId = (id) => {
  const r = ALL.find((r) => r.config.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

/** The widget query for a whole-model row (rows whose layers the widget can express). */
function queryOf(r) {
  const c = r.config;
  const layers = c.layers;
  const emb = layers.find((l) => l.type === 'embedding');
  const rec = layers.filter((l) => l.type === 'recurrent');
  const dense = layers.filter((l) => l.type === 'dense');
  const top = rec[rec.length - 1];
  const q = new URLSearchParams({
    framework: r.framework,
    cell: rec[0].cell,
    input: emb ? emb.dim : (c.input.features ?? rec[0].input_size),
    units: rec[0].units,
    bidir: rec[0].bidirectional ? 1 : 0,
  });
  if (rec[0].bias === false) q.set('bias', 0);
  if (rec[0].reset_after === false) q.set('reset_after', 0);
  const stacked = r.framework === 'keras' ? rec.length : (rec[0].num_layers ?? 1);
  if (stacked > 1) q.set('layers', stacked);
  if (rec[0].merge_mode && rec[0].merge_mode !== 'concat') q.set('merge', rec[0].merge_mode);
  if (rec[0].proj_size) q.set('proj', rec[0].proj_size);
  if (emb) {
    q.set('vocab', emb.vocab);
    if (emb.trainable === false || emb.frozen) q.set('frozen', 1);
  }
  if (dense.length) {
    q.set('dense', dense.map((d) => d.units).join(','));
    if (dense[0].bias === false) q.set('dense_bias', 0);
    const every = r.framework === 'keras' ? top.return_sequences : c.head === 'all_steps';
    if (every) q.set('head', dense.some((d) => d.time_distributed) ? 'td' : 'every');
  }
  if (c.input.time_steps) q.set('steps', c.input.time_steps);
  if (r.forward) q.set('batch', r.forward.input_shape[0]);
  return '?' + q.toString();
}

/** The framework's printed rows with parameters (parameter-free layers are named, counted 0). */
function printedRows(r) {
  if (r.framework === 'keras') {
    return r.summary_text
      .split('\n')
      .filter((l) => l.startsWith('│'))
      .map((l) => l.slice(1, -1).split('│').map((c) => c.trim()))
      .map(([label, output, params]) => ({ label, output, params: Number(params.replaceAll(',', '')) }))
      .filter((row) => !/\((Dropout|Masking|Activation)\)$/.test(row.label));
  }
  return r.torchinfo.rows
    .filter((t) => t.depth === 1 && t.num_params > 0)
    .map((t, i) => ({ label: `├─${t.class_name}: 1-${i + 1}`, output: `[${t.output_size.join(', ')}]`, params: t.num_params }));
}

async function shownRows(page) {
  return page.$$eval('[data-testid="summary"] tr.summary-row', (trs) =>
    trs.map((tr) => ({
      layer: tr.dataset.layer,
      count: Number(tr.dataset.count),
      label: tr.querySelector('th').textContent.trim(),
      output: tr.querySelector('td').textContent.trim(),
    })),
  );
}

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const IDS = [
  'km-0105-real-questions', // Embedding(4500, 16) -> Bidirectional(GRU(32)) -> Dense(6) -> Dense(1): 81,997
  'km-0114-real-questions', // Bidirectional(GRU(16), reset_after=False) -> TimeDistributed(Dense(8)): 264, not 272
  'km-0030-emb-rnn-seq-dense', // return_sequences=True, TimeDistributed(Dense(8))
  'km-0124-frozen-embedding', // trainable=False: in the total, non-trainable
  'pm-0018-emb-rnn-linear', // bias=False LSTM, Linear(128, 92)
  'pm-0033-per-step-linear', // Linear(512, 4500) on every step of a bidirectional LSTM
  'pm-0043-stacked', // num_layers=2, bidirectional: one LSTM row
  'pm-0054-proj-size', // proj_size=8: the Linear sees p
  'pm-0109-frozen-embedding', // from_pretrained(freeze=True)
];

for (const id of IDS) {
  test(`${id}: the summary rows and total are the framework's`, async () => {
    const r = byId(id);
    const page = await app.page(queryOf(r));
    assert.deepEqual(await messages(page), [], queryOf(r));
    const want = r.total_params;
    assert.equal(await total(page), want, 'the page total is the whole model');
    assert.equal(Number(await page.getAttribute('[data-testid="summary-total"]', 'data-value')), want);
    const printed = printedRows(r);
    const shown = await shownRows(page);
    assert.deepEqual(
      shown.map(({ label, output, count }) => ({ label, output, params: count })),
      printed,
      'rows as the framework prints them',
    );
    assert.equal(
      (await page.locator('[data-testid="summary-non-trainable"]').innerText()).replaceAll(',', ''),
      String(r.non_trainable_params),
    );
    // Every Embedding and Dense weight is in the tensor table under its framework name and shape.
    const around = await page.$$eval(
      '[data-testid="tensors"] tbody[data-layer="embedding"] tr.tensor-row, [data-testid="tensors"] tbody[data-layer="dense"] tr.tensor-row',
      (trs) => trs.map((tr) => [tr.dataset.name, tr.dataset.shape]),
    );
    const surrounding = (w) =>
      r.framework === 'keras'
        ? ['Embedding', 'Dense', 'TimeDistributed'].includes(r.layers[w.layer].class_name)
        : /^(embedding|fc\d*)\./.test(w.name);
    assert.deepEqual(
      around,
      r.weights.filter(surrounding).map((w) => [w.name, w.shape.join(',')]),
      'Embedding and Dense tensors',
    );
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('each summary row shows its arithmetic: V × d, and in × k + k with in = 2n after Bidirectional', async () => {
  const page = await app.page(queryOf(byId('km-0105-real-questions')));
  const arith = await page.$$eval('[data-testid="summary"] tr.summary-row', (trs) =>
    trs.map((tr) => [tr.dataset.layer, tr.querySelector('.summary-arith').textContent.replace(/\s+/g, ' ').trim()]),
  );
  assert.equal(arith[0][0], 'embedding');
  assert.match(arith[0][1], /V × d = 4,500 × 16 = 72,000/);
  assert.equal(arith[1][0], 'recurrent');
  assert.match(arith[1][1], /the layer's arithmetic/);
  assert.match(arith[2][1], /in × k \+ k = 64 × 6 \+ 6 = 390/);
  assert.match(arith[2][1], /in = 2 × 32: both directions concatenated/);
  assert.match(arith[3][1], /6 × 1 \+ 1 = 7/);
  assert.equal(
    await page.locator('[data-testid="model-sum"]').innerText(),
    'Whole model: Embedding 72,000 + Bidirectional 9,600 + Dense 390 + Dense 7 = 81,997',
  );
  // The comparison line covers the whole model: a PyTorch GRU equals a Keras GRU with reset_after=True.
  assert.match(await page.locator('[data-testid="comparison"]').innerText(), /PyTorch, whole model: 81,997 — the same/);
  // The scaling panel says which part dominates: here the Embedding, 72,000 of 81,997.
  const share = await page.locator('[data-testid="model-share"]').innerText();
  assert.match(share, /the Embedding holds 72,000 \(87\.8 %\), the recurrent layer 9,600 \(11\.7 %\) and the 2 Dense layers 397/);
  assert.match(share, /The Embedding is the largest part/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// cases.json C10b: "Bidirectional doubles the GRU; a Dense(8) after it sees 32 inputs and keeps 8
// biases (264, not 2x136)."
test('public case C10b: the Dense after the bidirectional GRU is 264, and 272 is named as the mistake', async () => {
  const cases = JSON.parse(readFileSync(new URL('cases.json', DATA), 'utf8'));
  const c = cases.find((k) => k.id === 'C10b');
  const q = new URLSearchParams({
    framework: c.framework,
    cell: c.cell,
    input: c.input_size,
    units: c.units,
    bidir: c.bidirectional ? 1 : 0,
    reset_after: c.reset_after ? 1 : 0,
    steps: c.seq_len,
    dense: 8,
    head: 'td',
    got: 272,
  });
  const page = await app.page('?' + q.toString());
  const shown = await shownRows(page);
  assert.deepEqual(
    shown.map((s) => [s.layer, s.count]),
    [
      ['recurrent', c.reported_by_framework],
      ['dense', 264],
    ],
  );
  assert.equal(await total(page), c.reported_by_framework + 264);
  const diagnosis = page.locator('[data-testid="diagnosis"]').first();
  assert.equal(await diagnosis.getAttribute('data-mistake'), 'dense-doubled');
  assert.match(await diagnosis.innerText(), /2 × \(16 × 8 \+ 8\) = 272/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the controls add an Embedding and a Dense; the URL keeps them; a bad vocabulary keeps the value', async () => {
  const page = await app.page('?cell=gru&input=16&units=32&bidir=1');
  assert.equal(await page.locator('[data-testid="summary"]').count(), 0, 'no summary for a lone layer');
  await page.fill('#vocab', '4500');
  await page.press('#vocab', 'Enter');
  await page.fill('#dense', '6, 1');
  await page.press('#dense', 'Enter');
  await page.waitForSelector('[data-testid="summary-total"][data-value="81997"]');
  assert.equal(await total(page), 81997);
  await page.waitForFunction(() => /vocab=4500/.test(location.search) && /dense=6,1/.test(location.search));
  await page.fill('#vocab', '99999999');
  await page.press('#vocab', 'Enter');
  assert.match(await page.locator('#vocab-error').innerText(), /1 to 16,777,216/);
  assert.equal(await total(page), 81997, 'the value is kept');
  assert.deepEqual(page.problems, []);
  await page.close();
});
