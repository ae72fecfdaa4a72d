// Issue 4: the gate diagram and the arithmetic that explain the factor 4.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, expectQuery } from './harness.mjs';
import { row, queryOf } from './golden.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

/**
 * The elements drawn as highlighted (the stylesheet outlines them from the root's data-highlight),
 * as [data-gate or data-term, data-slice] pairs, found by their computed style.
 */
const lit = (page, selector) =>
  page.$$eval(selector, (els) =>
    els
      .filter((e) => {
        const target = e.querySelector('.gate-rect') ?? e;
        const style = getComputedStyle(target);
        return style.outlineStyle === 'solid' || style.strokeWidth === '5px';
      })
      .map((e) => [e.dataset.gate ?? e.dataset.term, e.dataset.slice ?? null]),
  );

const gates = (page) => page.$$eval('[data-testid="diagram"] [data-gate]', (els) => els.map((e) => e.dataset.gate));

test('LSTM draws 4 gate blocks, GRU 3, SimpleRNN 1, named as PyTorch names them', async () => {
  const expected = { lstm: ['f', 'i', 'g', 'o'], gru: ['r', 'z', 'n'], rnn: ['h'] };
  for (const [cell, keys] of Object.entries(expected)) {
    const page = await app.page(`?cell=${cell}`);
    assert.deepEqual(await gates(page), keys, cell);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('each block shows its shapes and count for the current numbers', async () => {
  const r = row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16');
  const page = await app.page(queryOf(r));
  const f = page.locator('[data-testid="diagram"] [data-gate="f"]');
  const text = await f.textContent();
  assert.ok(text.includes('W 256 × 4096') && text.includes('U 256 × 256') && text.includes('b 256'), text);
  assert.ok(text.includes('1,114,368'), text);
  // Four equal blocks make the framework's total.
  assert.equal(4 * Number(await f.getAttribute('data-params')), r.total_params);
  assert.match(await page.textContent('[data-testid="diagram"] title'), /LSTM/);
  assert.match(await page.textContent('[data-testid="diagram"] desc'), /4,457,472/);
  await page.fill('#units', '512');
  await page.waitForFunction(() => document.querySelector('[data-gate="f"]').textContent.includes('W 512 × 4096'));
  assert.deepEqual(page.problems, []);
});

test('focusing the forget gate highlights its term and its tensor slices, and only those', async () => {
  const page = await app.page('?cell=lstm');
  await page.focus('[data-testid="diagram"] [data-gate="f"]');
  await page.waitForSelector('[data-highlight="f"]');
  assert.deepEqual(await lit(page, '[data-testid="arithmetic"] [data-term]'), [['f', null]]);
  assert.deepEqual(await lit(page, '[data-testid="diagram"] [data-gate]'), [['f', null]]);
  const slices = await lit(page, '.gate-seg');
  // Keras kernel, recurrent_kernel and bias: the forget gate is the second block of 256 columns.
  assert.deepEqual(slices, [['f', '1:256:512'], ['f', '1:256:512'], ['f', '0:256:512']]);
  // Under the drawing, the term itself (the arithmetic may be a screen away).
  assert.match(await page.textContent('[data-testid="gate-focus"]'), /^f forget gate: .* = 1,114,368 parameters/);
  await page.keyboard.press('Tab'); // on to the next gate
  await page.waitForSelector('[data-highlight="i"]');
  assert.deepEqual(await lit(page, '[data-testid="arithmetic"] [data-term]'), [['i', null]]);
  assert.deepEqual(page.problems, []);
});

test('the other way round: pointing at a term highlights the gate block', async () => {
  const page = await app.page('?cell=gru&framework=pytorch');
  await page.hover('[data-testid="arithmetic"] [data-term="z"]');
  await page.waitForSelector('[data-highlight="z"]');
  assert.deepEqual(await lit(page, '[data-testid="diagram"] [data-gate]'), [['z', null]]);
  // PyTorch stacks r, z, n: z is rows 256–511 of weight_ih_l0.
  assert.deepEqual(await lit(page, 'tr[data-name="weight_ih_l0"] .gate-seg'), [['z', '0:256:512']]);
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => !document.querySelector('[data-highlight]'));
  assert.deepEqual(await lit(page, '.gate-seg, [data-term], [data-gate]'), []);
  assert.deepEqual(page.problems, []);
});

test('tapping a gate keeps it highlighted until tapped again', async () => {
  const page = await app.page('?cell=lstm');
  await page.click('[data-testid="diagram"] [data-gate="o"]');
  await page.mouse.move(0, 0);
  assert.equal(await page.getAttribute('[data-gate="o"]', 'aria-pressed'), 'true');
  assert.deepEqual(await lit(page, '[data-testid="arithmetic"] [data-term]'), [['o', null]]);
  assert.deepEqual(page.problems, []);
});

test('steps=1 and steps=100 give the same total; the drawing elides long sequences', async () => {
  const one = await app.page('?cell=lstm&steps=1');
  const hundred = await app.page('?cell=lstm&steps=100');
  assert.equal(await total(one), 4457472); // ks-0370.. seq-len rows: T never changes the count
  assert.equal(await total(hundred), await total(one));
  assert.equal(await one.locator('[data-testid="unrolled"] .step').count(), 1);
  assert.equal(await hundred.locator('[data-testid="unrolled"] .step').count(), 7);
  assert.equal(await hundred.getAttribute('[data-testid="unrolled"] .step-gap', 'data-elided'), '93');
  await hundred.fill('#steps', '3');
  await hundred.waitForFunction(() => document.querySelectorAll('[data-testid="unrolled"] .step').length === 3);
  assert.equal(await total(hundred), 4457472);
  await expectQuery(hundred, /steps=3/);
  assert.deepEqual([...one.problems, ...hundred.problems], []);
});

test('bidirectional draws a forward and a backward row', async () => {
  const page = await app.page('?cell=lstm&bidir=1&steps=4');
  assert.equal(await page.locator('[data-testid="unrolled"] .step').count(), 8);
  assert.match(await page.textContent('[data-testid="steps-note"]'), /backward row has its own/);
  assert.deepEqual(page.problems, []);
});

test('the equivalent forms all print the same number', async () => {
  for (const id of ['ks-0188-lstm-m4096-n256-L1-uni-bias-T16', 'pt-0188-lstm-m4096-n256-L1-uni-bias-T5', 'ks-0378-gru-m4096-n256-L1-uni-bias-ra1-T1', 'pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5']) {
    const r = row(id);
    const page = await app.page(queryOf(r));
    const values = await page.$$eval('[data-testid="forms"] .form', (els) => els.map((e) => e.dataset.value));
    assert.equal(values.length, 3, id);
    assert.equal(new Set(values).size, 1, `${id}: ${values}`);
    // One direction of layer 1, as the framework reported it.
    const layer = r.layers[0];
    const perDirection = (layer.params ?? layer.count_params) / (r.config.bidirectional ? 2 : 1);
    assert.equal(Number(values[0]), perDirection, id);
    assert.equal(await total(page), r.total_params);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('the derivation multiplies up to the total', async () => {
  const r = row('ks-0280-gru-m3-n4-L2-bi-bias-ra1-mm-concat-T16');
  const page = await app.page(queryOf(r));
  const terms = await page.$$eval('[data-testid="arithmetic"] .derivation > li', (els) => els.map((e) => [e.dataset.term, Number(e.dataset.value)]));
  assert.deepEqual(terms.map((t) => t[0]), ['block', 'gates', 'directions', 'layers', 'total']);
  assert.equal(terms.at(-1)[1], r.total_params);
  assert.equal(terms[2][1], r.layers[0].count_params); // × 2 directions = layer 1
  assert.deepEqual(page.problems, []);
});

test('no label of the diagram crosses a wire, a block or an operation node, wide or tall', async () => {
  // Measured on the rendered text (getBBox), so the real font decides, not an estimate.
  const collisions = (page) =>
    page.$eval('svg[data-testid="diagram"]', (svg) => {
      const boxes = (sel) => [...svg.querySelectorAll(sel)].map((e) => ({ e, b: e.getBBox() }));
      const hit = (b, c) => b.x < c.x + c.width && c.x < b.x + b.width && b.y < c.y + c.height && c.y < b.y + b.height;
      // A segment crosses a box if it is not entirely on one side of it (the segments are axis-parallel
      // or short, so the box of the segment is a close enough test for these layouts).
      const crosses = (b, [x1, y1], [x2, y2]) =>
        hit(b, { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1) || 0.01, height: Math.abs(y2 - y1) || 0.01 });
      const found = [];
      for (const { e, b } of boxes('text.diagram-label')) {
        for (const wire of svg.querySelectorAll('polyline')) {
          const pts = wire.getAttribute('points').trim().split(/\s+/).map((p) => p.split(',').map(Number));
          for (let k = 1; k < pts.length; k++) {
            if (crosses(b, pts[k - 1], pts[k])) found.push(`"${e.textContent}" crosses wire ${wire.getAttribute('points')}`);
          }
        }
        for (const other of boxes('.gate-rect, .op-node ellipse, .diagram-box rect')) {
          if (hit(b, other.b)) found.push(`"${e.textContent}" overlaps ${other.e.closest('[data-gate]')?.dataset.gate ?? 'a node'}`);
        }
      }
      return { labels: svg.querySelectorAll('text.diagram-label').length, found };
    });
  for (const width of [1280, 375]) {
    for (const query of ['?cell=lstm', '?cell=gru', '?cell=rnn', '?framework=pytorch&proj=64', '?framework=pytorch&proj=64&layers=3', '?cell=gru&layers=2']) {
      const page = await app.page(query, { viewport: { width, height: 900 } });
      const { labels, found } = await collisions(page);
      assert.ok(labels >= 2, `${width} ${query}: the labels are drawn`);
      assert.deepEqual(found, [], `${width} ${query}`);
      await page.close();
    }
  }
});

test('where the drawing order differs from the stored order, a note gives both', async () => {
  const lstm = await app.page('?cell=lstm');
  assert.deepEqual(await gates(lstm), ['f', 'i', 'g', 'o']);
  assert.match(await lstm.textContent('[data-testid="order-note"]'), /\(f, i, g, o\); Keras stores the blocks as i, f, g, o/);
  const gru = await app.page('?cell=gru');
  assert.match(await gru.textContent('[data-testid="order-note"]'), /\(r, z, n\); Keras stores the blocks as z, r, n/);
  const torchGru = await app.page('?cell=gru&framework=pytorch');
  assert.equal(await torchGru.locator('[data-testid="order-note"]').count(), 0);
  const rnn = await app.page('?cell=rnn');
  assert.equal(await rnn.locator('[data-testid="order-note"]').count(), 0);
  assert.deepEqual([lstm, gru, torchGru, rnn].flatMap((p) => p.problems), []);
});

test('h(t) feeds back to the input bus; the projection and the next layer are drawn when present', async () => {
  const boxes = (page) => page.$$eval('[data-testid="diagram"] .diagram-box', (bs) => bs.map((b) => [b.dataset.testid, b.textContent]));
  // The feedback wire ends where the input bus ends: the next step's h(t−1).
  const ends = (page) =>
    page.$eval('[data-testid="diagram"]', (svg) => {
      const pts = (e) => e.getAttribute('points').trim().split(/\s+/);
      const feedback = [...svg.querySelectorAll('[data-testid="feedback"]')];
      const bus = svg.querySelector('polyline.wire-input');
      return [feedback.length, pts(feedback.at(-1)).at(-1), pts(bus).at(-1)];
    });
  for (const width of [1280, 375]) {
    const one = await app.page('?cell=gru', { viewport: { width, height: 900 } });
    const [count, end, busEnd] = await ends(one);
    assert.ok(count >= 1, `${width}: a feedback wire`);
    assert.equal(end, busEnd, `${width}: it ends on the bus`);
    assert.deepEqual(await boxes(one), [], `${width}: one layer, no projection`);
    const torch = await app.page('?framework=pytorch&cell=lstm&proj=64&layers=2', { viewport: { width, height: 900 } });
    assert.deepEqual(await boxes(torch), [['projection', 'weight_hrp × n'], ['next-layer', 'layer 2reads h(t)']], `${width}`);
    // Said in words too, for a screen reader.
    assert.match(await one.textContent('[data-testid="diagram"] desc'), /h\(t\) goes back to the input as h\(t−1\) of the next step\./);
    assert.match(await torch.textContent('[data-testid="diagram"] desc'), /and on to layer 2, which reads it as its input \(64 input features\)\./);
    // Built once per shape: a units step keeps the boxes; a third layer relabels the stack.
    await torch.$eval('[data-testid="projection"]', (b) => (b.dataset.kept = '1'));
    await torch.fill('#units', '300');
    await torch.waitForFunction(() => document.querySelector('[data-gate="f"]').textContent.includes('W 300 ×'));
    assert.equal(await torch.getAttribute('[data-testid="projection"]', 'data-kept'), '1');
    await torch.fill('#layers', '3');
    await torch.waitForFunction(() => document.querySelector('[data-testid="next-layer"]')?.textContent.includes('layers 2 to L'));
    // The hooks still work in the new drawing.
    await torch.focus('[data-testid="diagram"] [data-gate="o"]');
    await torch.waitForSelector('[data-highlight="o"]');
    assert.deepEqual([...one.problems, ...torch.problems], []);
    await one.close();
    await torch.close();
  }
});

test('wires cross only where one has a gap, and a branch is drawn as a junction', async () => {
  // Read from the rendered polylines: no two wires cross strictly inside both segments.
  const crossings = (page) =>
    page.$eval('svg[data-testid="diagram"]', (svg) => {
      const segs = [];
      [...svg.querySelectorAll('polyline')].forEach((w, k) => {
        const pts = w.getAttribute('points').trim().split(/\s+/).map((p) => p.split(',').map(Number));
        for (let i = 1; i < pts.length; i++) segs.push([k, pts[i - 1], pts[i]]);
      });
      const within = (v, p, q) => v > Math.min(p, q) + 0.5 && v < Math.max(p, q) - 0.5;
      const found = [];
      for (let i = 0; i < segs.length; i++) {
        for (let j = i + 1; j < segs.length; j++) {
          const [wa, a1, a2] = segs[i];
          const [wb, b1, b2] = segs[j];
          if (wa === wb) continue;
          const cross =
            (a1[1] === a2[1] && b1[0] === b2[0] && within(b1[0], a1[0], a2[0]) && within(a1[1], b1[1], b2[1])) ||
            (a1[0] === a2[0] && b1[1] === b2[1] && within(a1[0], b1[0], b2[0]) && within(b1[1], a1[1], a2[1]));
          if (cross) found.push(`${a1}–${a2} × ${b1}–${b2}`);
        }
      }
      return { found, junctions: svg.querySelectorAll('circle.junction').length, wires: svg.querySelectorAll('polyline').length };
    });
  for (const width of [1280, 375]) {
    for (const query of ['?cell=gru', '?cell=lstm', '?cell=rnn', '?framework=pytorch&proj=64&layers=2', '?cell=gru&reset_after=0&layers=4']) {
      const page = await app.page(query, { viewport: { width, height: 900 } });
      const { found, junctions, wires } = await crossings(page);
      assert.ok(wires > 4, `${width} ${query}: wires drawn`);
      assert.deepEqual(found, [], `${width} ${query}`);
      assert.equal(junctions, 1, `${width} ${query}: h(t) branches once`);
      assert.deepEqual(page.problems, []);
      await page.close();
    }
  }
});
