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
  // Title and configuration first, as comment lines; then the header (the legend) and the rows.
  assert.deepEqual(text.split('\n').slice(0, 2), ['# Parameters against layers L', '# Keras LSTM(256) on 4,096 input features']);
  const lines = text.trim().split('\n').filter((l) => !l.startsWith('#'));
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
  assert.equal(await page.getAttribute('[data-series="gru"]', 'stroke'), '#A278E4');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-svg"]')]);
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, /<rect width="100%" height="100%" fill="#121417"\/>/);
  assert.match(svg, /data-series="gru"[^>]*stroke="#A278E4"/);
  // The print stylesheet is light, and so are the charts while printing.
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => document.querySelector('[data-series="gru"]').getAttribute('stroke') === '#794DB6');
  await page.emulateMedia({ media: 'screen' });
  await page.waitForFunction(() => document.querySelector('[data-series="gru"]').getAttribute('stroke') === '#A278E4');
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

/** The vertices of an SVG points attribute. */
const vertices = (points) => points.trim().split(/\s+/).map((p) => p.split(',').map(Number));

test('the scale applies to both charts, and log-log puts a log scale on the x axis too', async () => {
  const page = await app.page('?cell=lstm');
  await showPlot(page);
  const frames = () => page.$$eval('[data-testid="plot"] svg, [data-testid="composition"] svg', (ss) => ss.map((s) => s.textContent));
  const area = () => page.getAttribute('[data-testid="composition"] [data-part="input"]', 'points');
  const linear = await area();
  assert.ok((await frames()).every((t) => !/log scale/.test(t)));
  await page.check('#scale-log');
  await expectQuery(page, /scale=log(&|$)/);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="composition"] svg text')].some((t) => /log scale/.test(t.textContent)));
  for (const t of await frames()) assert.match(t, /parameters \(log scale\)/);
  assert.notEqual(await area(), linear, 'the composition areas are redrawn on the log axis');
  await page.check('#scale-loglog');
  await expectQuery(page, /scale=loglog/);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="plot"] svg text')].some((t) => /units n \(log scale\)/.test(t.textContent)));
  for (const t of await frames()) assert.match(t, /units n \(log scale\)/);
  // On a log x axis the powers of two are plotted, evenly spaced: x = 1, 2, 4 … 4096.
  const lstm = new Map((await seriesOf(page)).lstm);
  for (const x of [1, 2, 4, 8, 16, 32, 64]) assert.ok(lstm.has(x), `x = ${x}`);
  const line = vertices(await page.getAttribute('[data-series="lstm"]', 'points'));
  const at = (x) => line[[...lstm.keys()].indexOf(x)][0];
  const [step1, step2] = [at(2) - at(1), at(4096) - at(2048)];
  assert.ok(Math.abs(step1 - step2) < 0.05, `${step1} ≈ ${step2}`);
  // A power law is a straight line: the count grows like n for n ≪ m, slope ≈ 1 per decade.
  assert.deepEqual(await marker(page), { x: 256, y: 4457472 });
  assert.deepEqual(page.problems, []);
});

test('both charts download with their title, legend and configuration, CSV and SVG', async () => {
  const page = await app.page('?framework=pytorch&cell=gru&input=64&units=128&layers=2&scale=loglog');
  await showPlot(page);
  const get = async (testid) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
    return [d.suggestedFilename(), await readFile(await d.path(), 'utf8')];
  };
  const configuration = 'PyTorch GRU(128) on 64 input features, 2 layers · logarithmic axes (log-log)';
  const [csvName, csv] = await get('download-csv');
  assert.equal(csvName, 'rnn-params-scaling-pytorch-gru-m64-n128-L2-by-units.csv');
  assert.deepEqual(csv.split('\n').slice(0, 3), ['# Parameters against units n', `# ${configuration}`, 'units n,SimpleRNN,GRU,LSTM']);
  const [compName, comp] = await get('download-composition-csv');
  assert.equal(compName, 'rnn-params-composition-pytorch-gru-m64-n128-L2-by-units.csv');
  const compLines = comp.trim().split('\n');
  assert.deepEqual(compLines.slice(0, 3), ['# What the GRU count is made of', `# ${configuration}`, 'units n,input weights,recurrent weights,biases,total']);
  // Its rows add up to the GRU series of the other chart, at every x.
  const gru = new Map((await seriesOf(page)).gru);
  const rows = compLines.slice(3).map((l) => l.split(',').map(Number));
  assert.equal(rows.length, gru.size);
  for (const [x, input, recurrent, biases, sum] of rows) {
    assert.equal(input + recurrent + biases, sum, `x = ${x}`);
    assert.equal(gru.get(x), sum, `x = ${x}`);
  }
  // At the current configuration, the golden count: PyTorch GRU(128) on 64, 2 layers.
  assert.equal(rows.find((r) => r[0] === 128)[4], await total(page));
  for (const testid of ['download-svg', 'download-composition-svg']) {
    const [name, svg] = await get(testid);
    assert.match(name, /^rnn-params-(scaling|composition)-pytorch-gru-m64-n128-L2-by-units\.svg$/);
    assert.ok(svg.includes(`>${configuration}</text>`), testid);
    assert.match(svg, /<g class="caption"[^>]*>[\s\S]*<rect x="[\d.]+" y="[\d.]+" width="16" height="10" fill="#[0-9A-F]{6}"\/>/, testid);
  }
  assert.deepEqual(page.problems, []);
});

test('the marker and the curves are placed to fractions of a pixel, and the marker is never clipped', async () => {
  for (const query of ['?cell=lstm', '?cell=lstm&units=1048576', '?cell=rnn&input=1&units=1&scale=loglog']) {
    const page = await app.page(query);
    await showPlot(page);
    const line = vertices(await page.getAttribute('[data-testid="plot"] .series-current', 'points'));
    if (query === '?cell=lstm') assert.ok(line.filter(([, y]) => !Number.isInteger(y)).length > 10, 'sub-pixel vertices');
    // The whole ring of the marker lies inside the drawing.
    const inside = await page.$eval('[data-testid="plot"] [data-testid="marker"]', (m) => {
      const svg = m.ownerSVGElement.viewBox.baseVal;
      const [cx, cy, r, w] = ['cx', 'cy', 'r', 'stroke-width'].map((a) => Number(m.getAttribute(a)));
      const e = r + w / 2;
      return cx - e >= 0 && cy - e >= 0 && cx + e <= svg.width && cy + e <= svg.height;
    });
    assert.ok(inside, `${query}: ${inside}`);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

// OKLab distance between two #rrggbb or rgb() colours (Björn Ottosson's matrices).
const oklab = (css) => {
  const m = css.startsWith('#') ? css.slice(1).match(/../g).map((h) => parseInt(h, 16)) : css.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lin = m.map((c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = lin;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const mm = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [0.2104542553 * l + 0.793617785 * mm - 0.0040720468 * s, 1.9779984951 * l - 2.428592205 * mm + 0.4505937099 * s, 0.0259040371 * l + 0.7827717662 * mm - 0.808675766 * s];
};
const distance = (a, b) => Math.hypot(...oklab(a).map((v, k) => v - oklab(b)[k]));

test('series, parts and gates never share a colour, in light and in dark mode', async () => {
  for (const theme of ['light', 'dark']) {
    const colours = new Map(); // meaning → colour
    for (const cell of ['lstm', 'gru', 'rnn']) {
      const page = await app.page(`?cell=${cell}&theme=${theme}&framework=pytorch${cell === 'lstm' ? '&proj=64' : ''}`);
      await showPlot(page);
      await page.waitForSelector('[data-testid="composition"] [data-part="input"][points]');
      const seen = await page.evaluate(() => {
        const out = [];
        for (const g of document.querySelectorAll('[data-testid="diagram"] [data-gate]')) out.push([`gate ${g.dataset.gate}`, getComputedStyle(g.querySelector('.gate-rect')).stroke]);
        for (const l of document.querySelectorAll('[data-testid="plot"] [data-series]')) out.push([`series ${l.dataset.series}`, l.getAttribute('stroke')]);
        for (const a of document.querySelectorAll('[data-testid="composition"] [data-part]')) out.push([`part ${a.dataset.part}`, a.getAttribute('fill')]);
        // The legends above the charts show the same colours.
        const swatch = (sel) => getComputedStyle(document.querySelector(`${sel} .swatch`)).backgroundColor;
        for (const l of document.querySelectorAll('[data-testid="plot"] [data-series]')) out.push([`legend series ${l.dataset.series}`, swatch(`.legend-${l.dataset.series}`)]);
        for (const a of document.querySelectorAll('[data-testid="composition"] [data-part]')) out.push([`legend part ${a.dataset.part}`, swatch(`.legend-part-${a.dataset.part}`)]);
        return out;
      });
      for (const [meaning, colour] of seen) colours.set(meaning, colour);
      assert.deepEqual(page.problems, []);
      await page.close();
    }
    // Each legend swatch is its chart colour.
    for (const [meaning, colour] of colours) {
      if (meaning.startsWith('legend ')) assert.ok(distance(colour, colours.get(meaning.slice(7))) < 0.002, `${theme} ${meaning}`);
    }
    const shown = [...colours].filter(([m]) => !m.startsWith('legend '));
    assert.equal(shown.length, 8 + 3 + 4, theme); // gates f i g o r z n h, 3 series, 4 parts
    // g, n and h are the candidate of their cell and share a colour on purpose; gates of different
    // cells are never drawn together. Every other pair stays clearly apart (OKLab ΔE ≥ 0.08).
    const candidate = new Set(['gate g', 'gate n', 'gate h']);
    const cellOf = (m) => ('figo'.includes(m.at(-1)) ? 'lstm' : 'rzn'.includes(m.at(-1)) ? 'gru' : 'rnn');
    const close = [];
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        const [[a, ca], [b, cb]] = [shown[i], shown[j]];
        if (candidate.has(a) && candidate.has(b)) continue;
        if (a.startsWith('gate') && b.startsWith('gate') && cellOf(a) !== cellOf(b)) continue;
        const d = distance(ca, cb);
        if (d < 0.08) close.push(`${a} ${ca} ~ ${b} ${cb}: ${d.toFixed(3)}`);
      }
    }
    assert.deepEqual(close, [], theme);
  }
});
