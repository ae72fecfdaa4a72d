// Issue 5: the scaling plot (plotters), its table and downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open, total, showPlot, expectQuery } from './harness.mjs';
import { row, queryOf } from './golden.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const marker = (page) =>
  page.$eval('[data-testid="plot"] [data-testid="marker"]', (m) => ({ x: Number(m.dataset.x), y: Number(m.dataset.y) }));

/** { lstm: Map(x → y), ... } from the chart's lines. */
const seriesOf = (page) =>
  page.$$eval('[data-testid="plot"] [data-series]', (lines) =>
    Object.fromEntries(lines.map((l) => [l.dataset.series, l.dataset.values.split(' ').map((p) => p.split(':').map(Number))])),
  );

test('the plot renders three series and marks the current configuration', async () => {
  const r = row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16');
  const page = await app.page(queryOf(r));
  await showPlot(page);
  const series = await seriesOf(page);
  assert.deepEqual(Object.keys(series).sort(), ['gru', 'lstm', 'rnn']);
  assert.deepEqual(await marker(page), { x: 256, y: r.total_params });
  const lstmAt256 = new Map(series.lstm).get(256);
  assert.equal(lstmAt256, r.total_params);
  // The other cells at the same x are what Keras reported for them.
  assert.equal(new Map(series.gru).get(256), row('ks-0381-gru-m4096-n256-L1-uni-bias-ra1-TNone').total_params);
  assert.equal(new Map(series.rnn).get(256), row('ks-0373-rnn-m4096-n256-L1-uni-bias-TNone').total_params);
  assert.equal(await page.getAttribute('[data-testid="plot"] [data-series="lstm"]', 'class'), 'series series-current');
  assert.match(await page.textContent('[data-testid="plot"] svg title'), /units n/);
  assert.deepEqual(page.problems, []);
});

test('the marker follows the units field', async () => {
  const page = await app.page('?cell=lstm&input=4096&units=256');
  await showPlot(page);
  await page.fill('#units', '512');
  await page.waitForFunction(() => document.querySelector('[data-testid="marker"]').dataset.x === '512');
  assert.deepEqual(await marker(page), { x: 512, y: 9439232 });
  assert.equal(await total(page), 9439232);
  assert.deepEqual(page.problems, []);
});

test('the table shows the same numbers as the series', async () => {
  const page = await app.page('?cell=gru&input=4096&units=256&bidir=1');
  await showPlot(page);
  await page.click('.plot-data summary');
  const series = await seriesOf(page);
  const cells = await page.$$eval('[data-testid="plot-table"] tbody td', (tds) =>
    tds.map((td) => [td.dataset.series, Number(td.closest('tr').dataset.x), td.dataset.value]),
  );
  let compared = 0;
  for (const [key, x, value] of cells) {
    const y = new Map(series[key]).get(x);
    assert.equal(value, y === undefined ? '' : String(y), `${key} at ${x}`);
    compared++;
  }
  assert.equal(compared, 3 * series.gru.length);
  assert.equal(await page.textContent('[data-testid="plot-table"] tr.current td[data-series="gru"]'), '6,687,744'); // ks-0397
  assert.deepEqual(page.problems, []);
});

test('the CSV download has a header and one row per point', async () => {
  const page = await app.page('?cell=lstm&plot=layers');
  await showPlot(page);
  const series = await seriesOf(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-csv"]')]);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'layers L,SimpleRNN,GRU,LSTM');
  assert.equal(lines.length - 1, series.lstm.length);
  assert.equal(lines[1], `1,${new Map(series.rnn).get(1)},${new Map(series.gru).get(1)},${new Map(series.lstm).get(1)}`);
  assert.equal(lines[1].split(',')[3], String(row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16').total_params));
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-svg"]')]);
  assert.match(await readFile(await svgDownload.path(), 'utf8'), /^<svg[^>]*role="img".*<rect width="100%" height="100%" fill="#FFFFFF"\/>/s);
  assert.deepEqual(page.problems, []);
});

test('a dark page prints its charts in the light palette and downloads them on their own background', async () => {
  const page = await app.page('?cell=gru&theme=dark');
  await showPlot(page);
  assert.equal(await page.getAttribute('[data-series="gru"]', 'stroke'), '#7CB8F2');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-svg"]')]);
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, /<rect width="100%" height="100%" fill="#121417"\/>/);
  assert.match(svg, /data-series="gru"[^>]*stroke="#7CB8F2"/);
  // The print stylesheet is light, and so are the charts while printing.
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => document.querySelector('[data-series="gru"]').getAttribute('stroke') === '#0B5CAD');
  await page.emulateMedia({ media: 'screen' });
  await page.waitForFunction(() => document.querySelector('[data-series="gru"]').getAttribute('stroke') === '#7CB8F2');
  assert.deepEqual(page.problems, []);
});

test('plot= and scale= in the URL choose the axis and the scale', async () => {
  const page = await app.page('?cell=lstm&plot=input&scale=log');
  await showPlot(page);
  assert.deepEqual(await marker(page), { x: 4096, y: 4457472 });
  assert.match(await page.textContent('[data-testid="plot"] svg'), /log scale/);
  assert.equal(await page.isChecked('#plot-input'), true);
  await page.check('#plot-layers');
  await page.waitForFunction(() => document.querySelector('[data-testid="marker"]').dataset.x === '1');
  await expectQuery(page, /plot=layers/);
  assert.deepEqual(page.problems, []);
});

test('the composition sentence is computed from the current numbers', async () => {
  const page = await app.page('?cell=lstm&input=4096&units=256');
  await showPlot(page);
  assert.equal(
    (await page.textContent('[data-testid="composition-sentence"]')).trim(),
    'At 256 units the recurrent weights are 5.9 % of the count; at 4,096 units they are 50 %: they grow with n², the input weights only with n.',
  );
  const parts = await page.$$eval('[data-testid="composition"] [data-part]', (els) => els.map((e) => e.dataset.part));
  assert.deepEqual(parts, ['bias', 'recurrent', 'input']);
  assert.deepEqual(page.problems, []);
});

test('the charts are drawn only when the reader gets near them', async () => {
  const page = await app.page('?cell=lstm', { viewport: { width: 1280, height: 700 } });
  assert.equal(await page.locator('[data-testid="plot"] .chart.pending').count(), 1);
  assert.equal(await page.locator('[data-testid="plot"] [data-series]').count(), 0);
  await showPlot(page);
  assert.equal(await page.locator('[data-testid="plot"] [data-series]').count(), 3);
  assert.deepEqual(page.problems, []);
});
