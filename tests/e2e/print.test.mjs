// Issue 16: printing. The PDF that Chromium prints (page.pdf, A4) holds the whole tensor table
// (every gate slice of every tensor), the charts drawn, and no mostly empty page. Its text is read
// with pdf.js (npm pdfjs-dist).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './harness.mjs';

// pdf.js 6 uses Promise.withResolvers, which Node 20 lacks.
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

/** Prints `query` to an A4 PDF and reads back each page's text and how much of the page it spans. */
async function printed(query) {
  // The viewport of an A4 page at 96 px per inch, as the printed layout is.
  const page = await app.page(query, { viewport: { width: 794, height: 1123 } });
  await page.emulateMedia({ media: 'print' });
  // The plot, never scrolled to, is drawn for print.
  await page.waitForSelector('[data-testid="plot"] [data-series]', { state: 'attached' });
  const series = await page.locator('[data-testid="plot"] [data-series]').count();
  const tensorRows = await page.locator('[data-testid="tensors"] .tensor-row').count();
  const pdf = await page.pdf({ format: 'A4' });
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const p = await doc.getPage(i);
    const items = (await p.getTextContent()).items.filter((t) => t.str.trim());
    const ys = items.map((t) => t.transform[5]);
    const height = p.view[3];
    pages.push({
      text: items.map((t) => t.str).join(' ').replace(/\s+/g, ' '),
      filled: items.length ? (Math.max(...ys) - Math.min(...ys)) / height : 0,
    });
  }
  assert.deepEqual(page.problems, []);
  await page.close();
  // Compared without spaces: a printed line may break inside "768–1023" or after "columns".
  return { pages, series, tensorRows, text: pages.map((p) => p.text).join(' '), squeezed: pages.map((p) => p.text).join('').replace(/\s/g, '') };
}

test('the printed LSTM holds the whole tensor table and the drawn plot, on pages that are not mostly empty', async () => {
  const { pages, series, tensorRows, text, squeezed } = await printed('?cell=lstm');
  assert.ok(series >= 3, `plot series drawn: ${series}`);
  assert.equal(tensorRows, 3);
  // Every gate slice of every tensor, the last of each included.
  for (const tensor of ['lstm/lstm_cell/kernel', 'lstm/lstm_cell/recurrent_kernel', 'lstm/lstm_cell/bias']) {
    assert.ok(squeezed.includes(tensor), `${tensor} missing`);
  }
  for (const slice of ['icolumns0–255', 'fcolumns256–511', 'gcolumns512–767']) {
    assert.equal(squeezed.split(slice).length - 1, 2, `${slice} of kernel and recurrent_kernel`);
  }
  assert.equal(squeezed.split('ocolumns768–1023').length - 1, 2, 'the o slices of kernel and recurrent_kernel');
  assert.equal(squeezed.split('oentries768–1023').length - 1, 1, "the bias's o slice");
  // (The unrolled diagram's "t=6 … t=T" is meant; a cut slice would end in "…" too.)
  assert.doesNotMatch(squeezed, /(columns|rows|entries)\d*–?\d*…/, 'a slice printed cut short');
  assert.ok(text.includes('4,457,472'));
  assert.ok(text.includes('How the count scales'));
  // No mostly empty page: every page but the last is at least 60 % filled, and there are at most 5.
  assert.ok(pages.length <= 5, `${pages.length} pages: ${pages.map((p) => p.filled.toFixed(2))}`);
  for (const [i, p] of pages.slice(0, -1).entries()) {
    assert.ok(p.filled >= 0.6, `page ${i + 1} is ${Math.round(p.filled * 100)} % filled: ${pages.map((q) => q.filled.toFixed(2))}`);
  }
});

test('a printed three-layer bidirectional PyTorch GRU lists every tensor, to the last gate slice', async () => {
  const { squeezed, tensorRows, pages } = await printed('?framework=pytorch&cell=gru&bidir=1&layers=3&units=64&input=32');
  // 3 layers × 2 directions × 4 tensors.
  assert.equal(tensorRows, 24);
  for (const name of ['weight_ih_l0', 'weight_hh_l2_reverse', 'bias_ih_l2_reverse', 'bias_hh_l2_reverse']) {
    assert.ok(squeezed.includes(name), `${name} missing`);
  }
  // PyTorch stacks r z n as rows: every n slice (24 tensors) ends at row 191.
  // (weights: rows, biases: entries).
  assert.equal(squeezed.split('nrows128–191').length - 1, 12);
  assert.equal(squeezed.split('nentries128–191').length - 1, 12);
  assert.doesNotMatch(squeezed, /(columns|rows|entries)\d*–?\d*…/, 'a slice printed cut short');
  for (const [i, p] of pages.slice(0, -1).entries()) assert.ok(p.filled >= 0.6, `page ${i + 1}: ${p.filled}`);
});
