// Memory stays flat: views removed by a shape change (a cell switch removes gate blocks, strip
// segments and gate terms; a framework switch renames every tensor row; a units step across
// 1,000,000 changes the total's digit groups) give back what they held. Before the reactive_graph
// fix in vendor/ (see vendor/README.md) each cell switch kept about 3.3 KB, so 1,000 of them grew
// the wasm memory by megabytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './harness.mjs';

let app;
before(async () => {
  app = await open();
  // trunk's loader hands the wasm exports to this event; the test reads the memory's size.
  await app.context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail.wasm));
  });
});
after(async () => app?.close());

/**
 * Makes `count` changes in the page, cycling through LSTM → GRU → SimpleRNN, Keras ↔ PyTorch and a
 * units step across a million parameters, each one checked to have reached the total; returns the
 * wasm memory's size in bytes afterwards.
 */
const changes = (page, count) =>
  page.evaluate(async (count) => {
    const settle = () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => requestAnimationFrame(() => resolve());
        channel.port2.postMessage(0);
      });
    const total = () => document.querySelector('[data-testid="total"]').dataset.value;
    const cells = ['lstm', 'gru', 'rnn'];
    for (let i = 0; i < count; i++) {
      const before = total();
      const kind = i % 6;
      if (kind < 4) {
        const current = cells.find((cell) => document.getElementById(`cell-${cell}`).checked);
        document.getElementById(`cell-${cells[(cells.indexOf(current) + 1) % 3]}`).click();
      } else if (kind === 4) {
        const keras = document.getElementById('framework-keras').checked;
        document.getElementById(keras ? 'framework-pytorch' : 'framework-keras').click();
      } else {
        // 50 ↔ 64 units: 829,400 ↔ 1,065,216 parameters for Keras LSTM on 4096 inputs.
        const field = document.getElementById('units');
        field.value = field.value === '64' ? '50' : '64';
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await settle();
      if (total() === before && kind !== 4) throw new Error(`change ${i} (kind ${kind}) did not reach the total`);
    }
    return window.__wasm.memory.buffer.byteLength;
  }, count);

test('neither the wasm memory nor the JS heap grows over 1,500 cell, framework and units changes', async () => {
  const page = await app.page('?cell=lstm&input=4096&units=64', { viewport: { width: 1280, height: 6000 } });
  // The share panel is on screen: its first measure (a second widget in a hidden frame, which
  // leaves once it has reported) is done before anything is counted.
  await page.waitForFunction(() => /measured/.test(document.querySelector('[data-testid="share-height"]').textContent));
  const cdp = await app.context.newCDPSession(page);
  const jsHeap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const warm = await changes(page, 60);
  const warmHeap = await jsHeap();
  const after = await changes(page, 1500);
  const afterHeap = await jsHeap();
  const grown = after - warm;
  // Memory grows in 64 KiB pages; one or two may come from fragmentation. The leak this guards
  // against grew it by more than 1.5 MB here.
  assert.ok(grown <= 256 * 1024, `wasm memory grew by ${grown} bytes (from ${warm} to ${after})`);
  // The JS heap after garbage collection moves by tens of KB between measurements.
  const heapGrown = afterHeap - warmHeap;
  assert.ok(heapGrown <= 256 * 1024, `JS heap grew by ${heapGrown} bytes (from ${warmHeap} to ${afterHeap})`);
  assert.deepEqual(page.problems, []);
});
