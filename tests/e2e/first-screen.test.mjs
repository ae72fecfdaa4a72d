// Issue 15: the first screen answers the whole classic question at every width, the number fields
// are spin buttons, deliberate steps make history entries (Back undoes them), a reset goes back to
// the classic example and the tab's title follows the state. Counts are what real Keras printed
// (crates/model/tests/data/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, expectQuery } from './harness.mjs';
import { row } from './golden.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

const WIDTHS = [
  [320, 568],
  [360, 640],
  [768, 1024],
  [1280, 800],
];
const CLASSIC = row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16').total_params; // 4,457,472
const KERAS_GRU = row('ks-0124-gru-m4096-n256-L1-uni-bias-ra1-T16').total_params; // 3,343,872

/** The tab's title becomes `t` (it is written once changes pause, like the address). */
const expectTitle = async (page, t) => {
  await page.waitForFunction((t) => document.title === t, t, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.title(), t);
};

const expectTotal = (page, v) =>
  page.waitForFunction((v) => document.querySelector('[data-testid="total"]').dataset.value === String(v), v);

/** The element's box in the viewport. */
const box = (page, selector) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });

for (const [width, height] of WIDTHS) {
  test(`at ${width} × ${height} the first viewport holds the total, the labelled formula and the time-steps sentence`, async () => {
    const page = await app.page('', { viewport: { width, height } });
    assert.equal(await total(page), CLASSIC);
    const formula = await box(page, '[data-testid="formula"]');
    const note = await box(page, '[data-testid="steps-note"]');
    const count = await box(page, '[data-testid="total"]');
    for (const [name, b] of Object.entries({ total: count, formula, note })) {
      assert.ok(b.top >= 0 && b.bottom <= height, `${name} outside the first viewport: ${JSON.stringify(b)}`);
      assert.ok(b.left >= 0 && b.right <= width, `${name} wider than the screen: ${JSON.stringify(b)}`);
    }
    // Every factor labelled, in the words, with the classic numbers.
    const factors = await page.$$eval('[data-testid="formula"] .factor', (fs) =>
      fs.map((f) => [f.querySelector('.factor-value').textContent, f.querySelector('.factor-label').textContent]),
    );
    assert.deepEqual(factors, [
      ['4', 'gate blocks'],
      ['4096', 'input m'],
      ['256', 'units n'],
      ['1', 'bias'],
      ['256', 'units n'],
      ['4,457,472', 'parameters'],
    ]);
    // 4 × (4096 + 256 + 1) × 256, evaluated from what the page shows.
    const [g, m, n, b, n2, shown] = factors.map(([v]) => Number(v.replaceAll(',', '')));
    assert.equal(g * (m + n + b) * n2, shown);
    const sentence = await page.textContent('[data-testid="steps-note"]');
    assert.match(sentence, /^Time steps and batch size never enter: the same W, U and b serve all T = 16 steps/);
    assert.match(sentence, /U is n × n = 256 × 256, not 4096 × 4096: it multiplies h\(t−1\)/);
    // On one column the explanation comes before the controls.
    if (width < 896) {
      const controls = await box(page, '.controls-panel');
      assert.ok(note.bottom <= controls.top, `the controls come first: ${JSON.stringify({ note, controls })}`);
    }
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.equal(widths[0], widths[1], 'no sideways scroll');
    await expectTitle(page, 'Keras LSTM(256) on 4,096 input features: 4,457,472 parameters');
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('the hardest sentence (Keras stores each W transposed) comes after the step-by-step arithmetic', async () => {
  const page = await app.page('');
  const order = await page.evaluate(() => {
    const notes = [...document.querySelectorAll('[data-testid="arithmetic"] .note')];
    const transposed = notes.findIndex((n) => /Keras stores each W transposed/.test(n.textContent));
    const derivation = document.querySelector('[data-testid="arithmetic"] .derivation');
    return notes[transposed].compareDocumentPosition(derivation) & Node.DOCUMENT_POSITION_PRECEDING;
  });
  assert.ok(order, 'the derivation comes before the transposed-kernel note');
  assert.deepEqual(page.problems, []);
});

test('the number fields are spin buttons: ArrowUp / ArrowDown step by 1, Shift by 10', async () => {
  const page = await app.page('');
  const units = page.locator('#units');
  assert.equal(await units.getAttribute('role'), 'spinbutton');
  assert.equal(await units.getAttribute('aria-valuenow'), '256');
  assert.equal(await units.getAttribute('aria-valuemin'), '1');
  assert.equal(await units.getAttribute('aria-valuemax'), '1048576');
  await units.focus();
  await page.keyboard.press('ArrowUp');
  // Keras LSTM(257) on 4096: 4 × (4096 + 257 + 1) × 257.
  await expectTotal(page, 4 * (4096 + 257 + 1) * 257);
  assert.equal(await units.inputValue(), '257');
  assert.equal(await units.getAttribute('aria-valuenow'), '257');
  await page.keyboard.press('Shift+ArrowUp');
  await expectTotal(page, 4 * (4096 + 267 + 1) * 267);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expectTotal(page, CLASSIC);
  // The slider follows the field.
  assert.equal(await page.getAttribute('#units-slider', 'aria-valuetext'), '256 units');
  // At the bottom of the range ArrowDown stays there.
  const layers = page.locator('#layers');
  await layers.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await layers.inputValue(), '1');
  await page.keyboard.press('ArrowUp');
  // Layer 2 sees the 256 outputs of layer 1: 4 × (256 + 256 + 1) × 256 more.
  await expectTotal(page, CLASSIC + 4 * (256 + 256 + 1) * 256);
  assert.deepEqual(page.problems, []);
});

test('the slider stops at the round numbers people type', async () => {
  const page = await app.page('?units=256');
  await page.focus('#units-slider');
  const seen = [];
  for (let k = 0; k < 6; k++) {
    await page.keyboard.press('ArrowRight');
    seen.push(await page.inputValue('#units'));
  }
  assert.deepEqual(seen, ['300', '384', '500', '512', '768', '1000']);
  await expectTotal(page, 4 * (4096 + 1000 + 1) * 1000);
  assert.deepEqual(page.problems, []);
});

test('Back undoes a cell switch and the title follows', async () => {
  const page = await app.page('');
  await page.check('#cell-gru');
  await expectTotal(page, KERAS_GRU);
  await expectQuery(page, /cell=gru/);
  await expectTitle(page, 'Keras GRU(256) on 4,096 input features: 3,343,872 parameters');
  await page.goBack();
  await expectTotal(page, CLASSIC);
  assert.equal(await page.isChecked('#cell-lstm'), true);
  await expectTitle(page, 'Keras LSTM(256) on 4,096 input features: 4,457,472 parameters');
  await page.goForward();
  await expectTotal(page, KERAS_GRU);
  assert.equal(await page.isChecked('#cell-gru'), true);
  assert.deepEqual(page.problems, []);
});

test('a slider drag is one history entry, and Back goes to the value before it', async () => {
  const page = await app.page('');
  const entries = await page.evaluate(() => history.length);
  // The pointer can only drag what is on screen.
  await page.locator('#units-slider').scrollIntoViewIfNeeded();
  const slider = await box(page, '#units-slider');
  const y = (slider.top + slider.bottom) / 2;
  // From the thumb (256) rightwards in small moves, as a finger drags.
  const from = await page.$eval('#units-slider', (s) => {
    const r = s.getBoundingClientRect();
    return r.left + ((Number(s.value) / Number(s.max)) * (r.width - 16) + 8);
  });
  await page.mouse.move(from, y);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(from + k * 6, y);
  await page.mouse.up();
  const units = Number(await page.inputValue('#units'));
  assert.ok(units > 256, `the drag moved the value: ${units}`);
  await expectQuery(page, new RegExp(`units=${units}(&|$)`));
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  await page.goBack();
  await expectTotal(page, CLASSIC);
  assert.equal(await page.inputValue('#units'), '256');
  assert.deepEqual(page.problems, []);
});

test('typing a value is one history entry', async () => {
  const page = await app.page('');
  const entries = await page.evaluate(() => history.length);
  await page.click('#units', { clickCount: 3 });
  await page.keyboard.type('512');
  await expectQuery(page, /units=512/);
  await page.locator('#units').blur();
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  await page.goBack();
  await expectTotal(page, CLASSIC);
  assert.deepEqual(page.problems, []);
});

test('reset goes back to the classic example, and Back undoes the reset', async () => {
  const page = await app.page('?framework=pytorch&cell=gru&units=64&steps=3&got=123');
  const before = await total(page);
  await page.click('[data-testid="reset"]');
  await expectTotal(page, CLASSIC);
  assert.equal(await page.isChecked('#framework-keras'), true);
  assert.equal(await page.isChecked('#cell-lstm'), true);
  assert.equal(await page.inputValue('#units'), '256');
  assert.equal(await page.inputValue('#steps'), '16');
  assert.equal(await page.inputValue('[data-testid="got"]'), '');
  await expectQuery(page, /^\?framework=keras&cell=lstm&input=4096&units=256&bidir=0$/);
  await expectTitle(page, 'Keras LSTM(256) on 4,096 input features: 4,457,472 parameters');
  assert.equal(await page.getAttribute('[data-testid="reset"]', 'aria-disabled'), 'true');
  await page.goBack();
  await expectTotal(page, before);
  assert.equal(await page.isChecked('#cell-gru'), true);
  // A page that fixes a control has no reset (it could not reach the example).
  const fixed = await app.page('?cell=gru&lock=cell');
  assert.equal(await fixed.locator('[data-testid="reset"]').count(), 0);
  assert.deepEqual([...page.problems, ...fixed.problems], []);
});

test('a setting that does not apply never looks set', async () => {
  // reset_after is on in the state, but an LSTM has none; merge_mode without bidirectional.
  const page = await app.page('?cell=lstm&reset_after=1&merge=sum');
  assert.equal(await page.isDisabled('#reset_after'), true);
  assert.equal(await page.isChecked('#reset_after'), false);
  const merges = await page.$$eval('input[name="merge"]', (rs) => rs.map((r) => [r.disabled, r.checked]));
  assert.ok(merges.every(([disabled, checked]) => disabled && !checked), JSON.stringify(merges));
  // Faded, with a not-allowed pointer.
  const look = await page.$eval('#reset_after', (e) => [getComputedStyle(e).opacity, getComputedStyle(e).cursor]);
  assert.ok(Number(look[0]) < 1 && look[1] === 'not-allowed', `${look}`);
  // Switched on, the kept Keras choice shows again.
  await page.check('#bidir');
  await page.waitForFunction(() => document.querySelector('#merge-sum').checked);
  await page.check('#cell-gru');
  await page.waitForFunction(() => document.querySelector('#reset_after').checked);
  assert.deepEqual(page.problems, []);
});

test('at 320 px the sticky total keeps its whole caption', async () => {
  const query = '?framework=pytorch&cell=lstm&bidir=1&layers=3&proj=64&bias=0';
  const page = await app.page(query, { viewport: { width: 320, height: 568 } });
  const bar = '[data-testid="sticky-total"]';
  await page.locator('#proj').scrollIntoViewIfNeeded();
  await page.waitForSelector(bar, { state: 'visible' });
  const text = await page.textContent(bar);
  const caption = await page.textContent('#total-caption');
  assert.ok(text.endsWith(caption), `${text} / ${caption}`);
  const fits = await page.$eval(bar, (e) => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1);
  assert.ok(fits, 'nothing cut off');
  const [bottom, inner] = await page.$eval(bar, (e) => [e.getBoundingClientRect().bottom, innerHeight]);
  assert.ok(bottom <= inner + 0.5);
  assert.deepEqual(page.problems, []);
});

test('at 320 px the tensor table keeps every count and the total in sight', async () => {
  const query = '?framework=keras&cell=gru&bidir=1&layers=2';
  const page = await app.page(query, { viewport: { width: 320, height: 568 } });
  await page.locator('[data-testid="tensors-total"]').scrollIntoViewIfNeeded();
  const seen = await page.evaluate(() => {
    const region = document.querySelector('.table-scroll').getBoundingClientRect();
    const cells = [...document.querySelectorAll('[data-testid="tensors"] td.num')];
    return {
      cells: cells.map((c) => {
        const r = c.getBoundingClientRect();
        return [c.textContent, r.left >= region.left - 0.5 && r.right <= region.right + 0.5];
      }),
      total: document.querySelector('[data-testid="tensors-total"]').textContent,
    };
  });
  assert.ok(seen.cells.length >= 12, `${seen.cells.length} counts`);
  assert.deepEqual(seen.cells.filter(([, inside]) => !inside), [], 'every count inside the visible region');
  assert.equal(Number(seen.total.replaceAll(',', '')), await total(page));
  assert.deepEqual(page.problems, []);
});

test('the code panel has a Copy button, prints the Keras summary and wraps long lines', async () => {
  const page = await app.page('?cell=gru&bidir=1&layers=3&merge=sum', { viewport: { width: 320, height: 568 } });
  await page.click('.code-panel summary');
  const code = await page.textContent('[data-testid="code"]');
  assert.match(code, /model\.summary\(\)\nprint\(model\.count_params\(\)\)/);
  assert.match(code, /x = Bidirectional\(GRU\(units=256, use_bias=True, return_sequences=True, reset_after=True\), merge_mode='sum'\)\(x\)/);
  // Nothing scrolls sideways: the long Bidirectional lines wrap inside the panel.
  const [scroll, client] = await page.$eval('[data-testid="code"]', (e) => [e.scrollWidth, e.clientWidth]);
  assert.ok(scroll <= client, `${scroll} > ${client}`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('[data-testid="code-copy"]');
  await page.waitForFunction(() => document.querySelector('#code-copy-status').textContent !== '');
  assert.equal(await page.textContent('#code-copy-status'), 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  assert.deepEqual(page.problems, []);
});

test('while loading only a short note shows; the long explanation waits 5 s', async () => {
  // The app never starts here (its script is refused), as in a folder uploaded only in part.
  const page = await app.context.newPage();
  await page.route('**/*.js', (route) => route.abort());
  await page.goto(app.url);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#loading')).opacity === '1');
  assert.equal(await page.isVisible('#loading .loading-more'), false);
  assert.match(await page.textContent('#loading p'), /^Loading…$/);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.loading-more')).visibility === 'visible', null, { timeout: 10000 });
  assert.equal(await page.getAttribute('#loading a', 'href'), 'embedding.md');
  const notes = await page.request.get(new URL('embedding.md', app.url).href);
  assert.equal(notes.status(), 200);
  await page.close();
});

test('the words match the layer: where r applies, and how merge modes combine', async () => {
  const after = await app.page('?cell=gru&reset_after=1');
  const labels = (page) => page.$$eval('[data-testid="diagram"] text', (ts) => ts.map((t) => t.textContent));
  assert.ok((await labels(after)).includes('r scales U·h(t−1) inside n'));
  const before = await app.page('?cell=gru&reset_after=0');
  assert.ok((await labels(before)).includes('r scales h(t−1) before U'));
  // Toggled in place, the label follows.
  await before.check('#reset_after');
  await before.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="diagram"] text')].some((t) => t.textContent === 'r scales U·h(t−1) inside n'),
  );
  const merge = await app.page('?cell=lstm&bidir=1&layers=2');
  const details = await merge.$$eval('input[name="merge"]', (rs) => rs.map((r) => [r.value, r.labels[0].querySelector('.radio-detail').textContent]));
  assert.deepEqual(details, [
    ['concat', 'side by side: the next layer sees 2n'],
    ['sum', 'added element-wise: the next layer sees n'],
    ['mul', 'multiplied element-wise: the next layer sees n'],
    ['ave', 'averaged element-wise: the next layer sees n'],
  ]);
  assert.deepEqual([...after.problems, ...before.problems, ...merge.problems], []);
});

test('each chart download has its title, legend and configuration, and a file name from the state', async () => {
  const { readFile } = await import('node:fs/promises');
  const { showPlot } = await import('./harness.mjs');
  const page = await app.page('?framework=pytorch&cell=gru&input=64&units=128&layers=2&scale=log');
  await showPlot(page);
  const get = async (testid) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
    return [d.suggestedFilename(), await readFile(await d.path(), 'utf8')];
  };
  const [csvName] = await get('download-csv');
  assert.equal(csvName, 'rnn-params-scaling-pytorch-gru-m64-n128-L2-by-units.csv');
  const [svgName, svg] = await get('download-svg');
  assert.equal(svgName, 'rnn-params-scaling-pytorch-gru-m64-n128-L2-by-units.svg');
  assert.match(svg, /<g class="caption"[^>]*>/);
  assert.match(svg, />PyTorch GRU\(128\) on 64 input features, 2 layers · logarithmic y axis<\/text>/);
  for (const name of ['SimpleRNN', 'GRU \\(current, marked ○\\)', 'LSTM']) assert.match(svg, new RegExp(`>${name}</text>`));
  const [compName, comp] = await get('download-composition-svg');
  assert.equal(compName, 'rnn-params-composition-pytorch-gru-m64-n128-L2-by-units.svg');
  assert.match(comp, /<polygon data-part="input"/);
  // The composition chart follows the scale too.
  assert.match(comp, />PyTorch GRU\(128\) on 64 input features, 2 layers · logarithmic y axis<\/text>/);
  assert.match(comp, />input weights<\/text>/);
  assert.match(comp, /<line data-testid="composition-current" data-x="128"/);
  assert.match(comp, /<rect width="100%" height="100%" fill="#FFFFFF"\/>/);
  // Both parse as SVG.
  for (const text of [svg, comp]) {
    const ok = await page.evaluate((t) => new DOMParser().parseFromString(t, 'image/svg+xml').querySelector('parsererror') === null, text);
    assert.ok(ok);
  }
  assert.deepEqual(page.problems, []);
});

test('embedded, a step makes no history entry (Back stays the host page’s)', async () => {
  const page = await app.page('?embed=1');
  const entries = await page.evaluate(() => history.length);
  await page.check('#cell-gru');
  await expectTotal(page, KERAS_GRU);
  await expectQuery(page, /cell=gru/);
  assert.equal(await page.evaluate(() => history.length), entries);
  assert.deepEqual(page.problems, []);
});

test('the composition chart marks the current configuration and follows it in place', async () => {
  const { showPlot } = await import('./harness.mjs');
  const page = await app.page('');
  await showPlot(page);
  await page.waitForSelector('[data-testid="composition-current"][x1]', { state: 'attached' });
  const read = () =>
    page.$eval('[data-testid="composition-current"]', (l) => ['x1', 'y1', 'y2'].map((a) => Number(l.getAttribute(a))));
  const [x, bottom, top] = await read();
  assert.ok(top < bottom, `${top} < ${bottom}`);
  await page.$eval('[data-testid="composition-current"]', (l) => (l.dataset.kept = '1'));
  await page.fill('#units', '512');
  await page.waitForFunction((x) => Number(document.querySelector('[data-testid="composition-current"]').getAttribute('x1')) > x, x);
  assert.equal(await page.getAttribute('[data-testid="composition-current"]', 'data-kept'), '1');
  assert.deepEqual(page.problems, []);
});
