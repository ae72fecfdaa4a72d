// Issue 17: every recurrent layer learners ask about. Rows of the real runs (ConvLSTM, Flax,
// PyTorch cells, TensorFlow 1 / CuDNN / Keras 2: crates/model/tests/data/) go through the URL and
// through the paste box; the page must show the framework's total and exactly its tensors (names
// and shapes, in the framework's order).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, messages, expectQuery } from './harness.mjs';
import { rows } from './golden.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const all = [
  ...rows('keras_convlstm.jsonl'),
  ...rows('flax.jsonl'),
  ...rows('pytorch_cells.jsonl'),
  ...rows('tf_legacy.jsonl'),
];
const row = (id) => {
  const r = all.find((x) => x.config.id === id);
  if (!r) throw new Error(`no golden row ${id}`);
  return r;
};
const dims = (v, rank) => (Array.isArray(v) ? v.join('x') : String(v ?? '')).replace(/^$/, String(rank));

/** The widget query for a row of the second batch. */
function queryOf(r) {
  const c = r.config;
  const q = new URLSearchParams();
  const kw = c.cell_kwargs ?? {};
  if (c.cell?.startsWith('convlstm')) {
    q.set('kind', 'convlstm');
    q.set('input', c.input_channels);
    q.set('units', c.filters);
    q.set('bidir', c.bidirectional ? 1 : 0);
    q.set('bias', c.bias ? 1 : 0);
    q.set('layers', c.num_layers);
    if (c.merge_mode) q.set('merge', c.merge_mode);
    q.set('rank', c.rank);
    q.set('kernel', dims(c.kernel_size));
    q.set('frame', c.frame_size.join('x'));
    q.set('padding', c.padding);
    q.set('strides', c.strides);
    q.set('dilation', c.dilation_rate);
    q.set('format', c.data_format === 'channels_first' ? 'first' : 'last');
  } else if (c.api === 'linen' || c.api === 'nnx') {
    q.set('kind', 'flax');
    q.set('api', c.api);
    q.set('flax_cell', c.cell.replace('Cell', '').toLowerCase());
    q.set('input', c.input_size);
    q.set('units', c.hidden_size);
    q.set('bidir', c.wrapper.startsWith('Bidirectional') || c.wrapper.startsWith('Sequential-Bi') ? 1 : 0);
    if (c.wrapper === 'cell') q.set('wrap', 'cell');
    if (c.wrapper === 'Bidirectional-shared') q.set('wrap', 'shared');
    if (c.wrapper.startsWith('Sequential')) q.set('layers', 2);
    if (c.wrapper === 'Sequential-Bidirectional+RNN') q.set('top_rnn', 1);
    if (kw.kernel_size) q.set('kernel', kw.kernel_size.join('x'));
    if (c.extra?.frame) q.set('frame', c.extra.frame.join('x'));
    if (kw.use_bias === false) q.set('bias', 0);
    if (kw.reset_gate === false) q.set('reset_gate', 0);
  } else if (c.kind === 'cell') {
    q.set('kind', 'cell');
    q.set('framework', 'pytorch');
    q.set('cell', c.cell);
    q.set('input', c.input_size);
    q.set('units', c.hidden_size);
    q.set('bias', c.bias ? 1 : 0);
  } else {
    const cell = { BasicRNNCell: 'rnn', SimpleRNN: 'rnn', GRUCell: 'gru', GRU: 'gru', CuDNNGRU: 'gru' }[c.cell] ?? 'lstm';
    q.set('kind', { v1: 'tf1', cudnn: 'cudnn', keras2: 'keras2' }[c.api]);
    q.set('cell', cell);
    q.set('input', c.input_size);
    q.set('units', c.hidden_size);
    q.set('bidir', c.bidirectional ? 1 : 0);
    q.set('layers', c.num_layers);
    if (c.cell === 'LSTMCell') q.set('lstm_cell', 'full');
    if (kw.use_peepholes) q.set('peepholes', 1);
    if (kw.num_proj) q.set('num_proj', kw.num_proj);
    if (kw.num_unit_shards) q.set('unit_shards', kw.num_unit_shards);
    if (kw.num_proj_shards) q.set('proj_shards', kw.num_proj_shards);
    if (kw.reset_after === false) q.set('reset_after', 0);
    if (kw.use_bias === false) q.set('bias', 0);
  }
  return '?' + q.toString();
}

/** The tensor rows shown, by name and shape. */
const tensorsOf = (page) =>
  page.$$eval('[data-testid="tensors"] tr.tensor-row', (trs) =>
    trs.map((tr) => ({ name: tr.dataset.name, shape: tr.dataset.shape })),
  );

/** What the row's framework names each tensor: Keras's short name, Flax's path, TF's variable. */
const expected = (r) =>
  r.weights.map((w) => ({
    name: r.config.api === 'cudnn' ? w.name.split('/').pop() : w.path && !w.name ? w.path : w.name ?? w.path,
    shape: w.shape.join(','),
  }));

const URL_ROWS = [
  'cl-0000-convlstm2d-c1-f1-k3-bias-same-s1-d1-cl-fr8x8-T5',
  'cl-0060-convlstm3d-c3-f8-k1x3x3-bias-same-s1-d1-cl-fr8x8x8-T5', // non-square 3D kernel
  'cl-0086-convlstm2d-c3-f16-k3x5-bias-valid-s2-d1-cf-fr32x32-T5', // valid, strides, channels_first
  'cl-0100-convlstm2d-c16-f64-k3-bias-same-s1-d1-cl-fr8x8-T5-bi-mm-concat',
  'cl-0114-convlstm2d-c3-f16-k3-bias-valid-s1-d1-cl-fr8x8-T5-L2', // layer 2 sees c = f
  'fx-0001-linen-LSTMCell-m3-n4-RNN-T5-B2', // 128: Keras's count, not PyTorch's 144
  'fx-0053-nnx-OptimizedLSTMCell-m16-n32-Bidirectional-T5-B2', // NNX sorts backward_rnn first
  'fx-0058-linen-GRUCell-m16-n32-cell-T5-B2', // bare Linen cell: creation order
  'fx-0073-linen-LSTMCell-m16-n32-Bidirectional-shared-T5-B2', // shared: one direction
  'fx-0076-linen-ConvLSTMCell-m16-n8-RNN-T5-B2-kernel_size-3x5-frame-8x8',
  'pc-0018-cell-lstm-m3-n4-L1-uni-bias', // nn.LSTMCell(3, 4): 144
  'tf-0025-v1-LSTMCell-m4096-n256-L1-uni-T10-num_proj-64-num_proj_shards-2-num_unit_shards-4-use_peepholes-True',
  'tf-0032-v1-LSTMCell-m16-n32-L1-bi-T10-num_proj-8-use_peepholes-True',
  'tf-0035-v1-GRUCell-m16-n32-L2-uni-T10', // MultiRNNCell
  'tf-0046-cudnn-CuDNNLSTM-m4096-n256-L1-uni-T10-how-sequential', // two biases: 4,458,496
  'tf-0055-keras2-GRU-m16-n32-L1-bi-T10-reset_after-False',
];

for (const id of URL_ROWS) {
  test(`${id}: through the URL, the framework's total and every tensor`, async () => {
    const matches = all.filter((x) => x.config.id.startsWith(id));
    assert.equal(matches.length, 1, id);
    const r = matches[0];
    const page = await app.page(queryOf(r));
    assert.equal(await total(page), r.total_params);
    assert.deepEqual(await messages(page), []);
    assert.deepEqual(await tensorsOf(page), expected(r));
    assert.deepEqual(page.problems, []);
  });
}

test('the URL writes the layer back, and the comparison explains the convention', async () => {
  const page = await app.page('?kind=flax&input=3&units=4');
  assert.equal(await total(page), 128);
  const line = await page.textContent('[data-testid="comparison"]');
  assert.match(line, /Keras LSTM: 128 — the same/);
  assert.match(line, /PyTorch nn\.LSTM has 144/);
  await expectQuery(page, /kind=flax/);
  assert.deepEqual(page.problems, []);
});

test('a refused ConvLSTM shows Keras’s reason and keeps a countable layer', async () => {
  const page = await app.page('?kind=convlstm&input=3&units=16&kernel=9&frame=8&padding=valid');
  const text = (await messages(page)).join('\n');
  assert.match(text, /Computed output size would be zero or negative/);
  assert.equal(await total(page), 11008); // the kind's defaults: 3×3 same on 64×64
  assert.deepEqual(page.problems, []);
});

const paste = async (page, text) => {
  await page.fill('[data-testid="paste"]', text);
  await page.click('[data-testid="paste-read"]');
  await page.waitForSelector('[data-testid="paste-message"]:not([hidden])');
};

const PASTE_ROWS = [
  ['cl-0112-convlstm2d-c3-f16-k3-bias-same-s1-d1-cl-fr8x8-T5-L2', null], // not pasted: two filter counts
  ['cl-0052-convlstm2d-c3-f16-k3x5-bias-same-s1-d1-cl-fr8x8-T5', 'code'],
  ['fx-0085-linen-LSTMCell-m16-n32-Sequential-Bidirectional+RNN-T5-B2', 'code'],
  ['fx-0036-nnx-GRUCell-m3-n4-RNN-T5-B2', 'code'],
  ['pc-0012-cell-gru-m16-n32-L1-uni-bias', 'constructor'],
  ['tf-0020-v1-LSTMCell-m4096-n256-L1-uni-T10-num_proj-64-use_peepholes-True', 'code'],
  ['tf-0045-cudnn-CuDNNLSTM-m16-n32-L1-bi-T10-how-build', 'code'],
].filter(([, field]) => field);

test('the code export of a whole model around TF1, Flax and CuDNN states the page\'s total and pastes back to it', async () => {
  for (const q of [
    // LSTMCell(256, num_proj=64) on 4096 (tf-0018) after Embedding(1000, 4096), then Dense(10) on p = 64.
    '?kind=tf1&input=4096&units=256&lstm_cell=full&num_proj=64&vocab=1000&dense=10',
    // Flax Linen bidirectional GRUCell(32) on 16, Embedding(500, 16), Dense(6) then Dense(1).
    '?kind=flax&flax_cell=gru&cell=gru&input=16&units=32&bidir=1&vocab=500&dense=6,1',
    // CuDNNGRU(4) on 3 with Dense(2).
    '?kind=cudnn&cell=gru&input=3&units=4&dense=2',
  ]) {
    let page = await app.page(q);
    const want = await total(page);
    await page.click('.code-panel summary');
    const code = await page.textContent('[data-testid="code"]');
    assert.ok(code.includes(`# ${want.toLocaleString('en-US')}`), `${q}:\n${code}`);
    assert.ok(!code.includes('Only the recurrent layer'), `${q}:\n${code}`);
    page = await app.page('');
    await paste(page, code);
    await page.waitForFunction((w) => document.querySelector('[data-testid="total"]').dataset.value === String(w), want);
    assert.deepEqual(page.problems, []);
  }
});

for (const [id, field] of PASTE_ROWS) {
  test(`${id}: its construction code pasted gives the framework's total and tensors`, async () => {
    const r = row(id);
    const page = await app.page('');
    await paste(page, r[field]);
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="total"]').dataset.value === want,
      String(r.total_params),
    );
    const shown = await tensorsOf(page);
    const want = expected(r);
    assert.deepEqual(shown.map((t) => t.shape), want.map((t) => t.shape));
    if (r.config.extra?.how !== 'build') assert.deepEqual(shown, want);
    assert.deepEqual(page.problems, []);
  });
}

test('the ConvLSTM diagram shows the kernels, and the code export prints the same count', async () => {
  // ConvLSTM2D(filters=64, kernel_size=3) on grey 64×64 frames: 150,016.
  const page = await app.page('?kind=convlstm&input=1&units=64');
  assert.equal(await total(page), 150016);
  const diagram = await page.textContent('[data-testid="diagram"]');
  assert.match(diagram, /W 3×3×1×64/);
  assert.match(diagram, /U 3×3×64×64/);
  const line = await page.textContent('[data-testid="comparison"]');
  assert.match(line, /shared across positions/);
  assert.match(line, /never enters/);
  assert.deepEqual(page.problems, []);
});

test('a Flax MGUCell draws its two gates, f and n, with the tensor table\'s numbers', async () => {
  // flax.linen.MGUCell(256) on 300 features: f = if (300×256 + 256) + hf (256×256) = 142,592;
  // n = in (300×256 + 256) + hn (256×256) + hn's bias with reset_gate (the default) = 142,848.
  for (const [q, want] of [
    ['?kind=flax&flax_cell=mgu&cell=gru&input=300&units=256&bidir=0', { f: [142592, 'b 256'], n: [142848, 'b 2 × 256'] }],
    ['?kind=flax&flax_cell=mgu&cell=gru&input=300&units=256&bidir=0&reset_gate=0', { f: [142592, 'b 256'], n: [142592, 'b 256'] }],
  ]) {
    const page = await app.page(q);
    assert.equal(await total(page), want.f[0] + want.n[0], q);
    const blocks = await page.$$eval('[data-testid="diagram"] [data-gate]', (gs) =>
      gs.map((g) => ({ gate: g.dataset.gate, params: Number(g.dataset.params), text: g.textContent })),
    );
    assert.deepEqual(blocks.map((b) => b.gate), ['f', 'n'], q);
    // Each block's count is the sum of the tensor rows whose gate strip holds only that gate.
    const rowsOf = await page.$$eval('[data-testid="tensors"] tr.tensor-row', (trs) =>
      trs.map((tr) => ({
        count: Number(tr.dataset.count),
        gates: [...tr.querySelectorAll('.gate-strip [data-gate]')].map((s) => s.dataset.gate),
      })),
    );
    for (const b of blocks) {
      const held = rowsOf.filter((r) => r.gates.join() === b.gate).reduce((s, r) => s + r.count, 0);
      assert.equal(b.params, held, `${q} ${b.gate}`);
      assert.equal(b.params, want[b.gate][0], `${q} ${b.gate}`);
      assert.match(b.text, /W 256 × 300/);
      assert.match(b.text, /U 256 × 256/);
      assert.ok(b.text.includes(want[b.gate][1]), `${q} ${b.gate}: ${b.text}`);
    }
    assert.equal(await page.textContent('#diagram-title'), 'MGU gate diagram');
    assert.deepEqual(page.problems, []);
  }
});

test('the arithmetic writes each family\'s gate terms: ConvLSTM\'s K per axis, TF1\'s peepholes and projection, MGU\'s two gates', async () => {
  const terms = (page) =>
    page.$$eval('[data-testid="arithmetic"] .gate-term', (ts) => ts.map((t) => ({ gate: t.dataset.term, text: t.textContent })));
  // ConvLSTM2D(64, 3×3) on 1 channel: 4 × (9·1·64 + 9·64·64 + 64) = 150,016.
  let page = await app.page('?kind=convlstm&input=1&units=64');
  let t = await terms(page);
  assert.deepEqual(t.map((x) => x.gate), ['i', 'f', 'g', 'o']);
  assert.ok(t[0].text.includes('W_i (3 × 3) × 1 × 64 + U_i (3 × 3) × 64 × 64 + b_i 64'), t[0].text);
  // LSTMCell(256, use_peepholes=True, num_proj=64) on 4096 (tf_legacy tf-0020): 4,278,016.
  page = await app.page('?kind=tf1&input=4096&units=256&lstm_cell=full&peepholes=1&num_proj=64');
  assert.equal(await total(page), 4278016);
  t = await terms(page);
  assert.deepEqual(t.map((x) => x.gate), ['i', 'g', 'f', 'o']);
  assert.ok(t[0].text.includes('U_i 256 × 64'), t[0].text);
  assert.match(await page.textContent('[data-testid="arithmetic"] [data-term="peepholes"]'), /\+ 3 × 256/);
  assert.match(await page.textContent('[data-testid="arithmetic"] [data-term="projection"]'), /\+ 256 × 64/);
  assert.equal(await page.getAttribute('[data-testid="arithmetic"] [data-term="total"]', 'data-value'), '4278016');
  // Flax MGUCell(256) on 300: two gates, the n gate with its bias on hn.
  page = await app.page('?kind=flax&flax_cell=mgu&cell=gru&input=300&units=256&bidir=0');
  t = await terms(page);
  assert.deepEqual(t.map((x) => x.gate), ['f', 'n']);
  assert.ok(t[1].text.includes('b_n 2 × 256'), t[1].text);
  assert.deepEqual(page.problems, []);
});

test('“I got …”: peepholes counted as full matrices, the frame size multiplied in or flattened, with the working', async () => {
  // LSTMCell(256, use_peepholes=True) on 4096 is 4,458,240 (tf_legacy tf-0015); with the three
  // peepholes as 256 × 256 matrices: 4,458,240 − 768 + 196,608.
  let page = await app.page('?kind=tf1&input=4096&units=256&lstm_cell=full&peepholes=1&got=4654080');
  assert.equal(await total(page), 4458240);
  const peep = page.locator('[data-testid="diagnosis"][data-mistake="tf1-peepholes-full"]');
  await peep.waitFor();
  assert.match(await peep.textContent(), /full n × n matrices/);
  // The working: the three vectors written 3 × 256 × 256 where 3 × 256 belongs.
  assert.match(await peep.textContent(), /3 × 256 × 256/);
  assert.match(await peep.textContent(), /Right: 4 × 256 × 4096 \+ 4 × 256 × 256 \+ 4 × 256 \+ 3 × 256 = 4,458,240/);
  // ConvLSTM2D(64, 3×3) on 1 channel, 64×64 frames: 150,016 × 4,096 positions.
  page = await app.page('?kind=convlstm&input=1&units=64&got=614465536');
  const frame = page.locator('[data-testid="diagnosis"][data-mistake="convlstm-times-positions"]');
  await frame.waitFor();
  assert.match(await frame.textContent(), /frame size multiplied in/);
  // The frame flattened into an LSTM's input: 4((64·64·1 + 64)·64 + 64).
  page = await app.page(`?kind=convlstm&input=1&units=64&got=${4 * ((64 * 64 * 1 + 64) * 64 + 64)}`);
  await page.locator('[data-testid="diagnosis"][data-mistake="convlstm-frame-flattened"]').waitFor();
  assert.deepEqual(page.problems, []);
});

test('choosing the family and its settings on the page updates the count in place', async () => {
  const page = await app.page('?input=1&units=64');
  await page.check('#kind-convlstm');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '150016');
  await page.fill('[data-testid="kind-kernel"]', '3x5');
  await page.press('[data-testid="kind-kernel"]', 'Enter');
  // 4 × (15·1·64 + 15·64·64 + 64)
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '249856');
  await expectQuery(page, /kind=convlstm&kernel=3x5/);
  // The frame size never changes it.
  await page.fill('[data-testid="kind-frame"]', '128x96');
  await page.press('[data-testid="kind-frame"]', 'Enter');
  await expectQuery(page, /frame=128x96/);
  assert.equal(await total(page), 249856);
  await page.check('#kind-cell');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === String(4 * (64 + 64 * 64 + 2 * 64)));
  assert.deepEqual(
    await page.$$eval('[data-testid="tensors"] tr.tensor-row', (trs) => trs.map((tr) => tr.dataset.name)),
    ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'],
  );
  assert.deepEqual(page.problems, []);
});
