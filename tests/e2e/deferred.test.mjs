// Issue 12: the first screen comes from the first WebAssembly module; the panels below it from a
// second one (src/deferred), fetched once the first screen is painted. These tests load the release
// build under the app's CSP, at the root and under a sub-path, and with the second module's request
// aborted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, showPlot } from './harness.mjs';
import { row, rows, queryOf } from './golden.mjs';

// Records, in the page, when the total first shows a value (navigation-relative, as resource timings).
const RECORD_TOTAL = () => {
  const seen = () => {
    const t = document.querySelector('[data-testid="total"]');
    if (t && t.dataset.value && window.__totalShown === undefined) window.__totalShown = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true });
};

let app;
let sub;
before(async () => {
  app = await open();
  sub = await open({ base: '/courses/rnn/' });
  await app.context.addInitScript(RECORD_TOTAL);
  await sub.context.addInitScript(RECORD_TOTAL);
});
after(async () => {
  await app?.close();
  await sub?.close();
});

const PANELS = /-panels\.wasm$/;
// Keras LSTM(256) on 4,096 input features.
const classic = row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16');

for (const [where, server] of [
  ['at the root', () => app],
  ['under a sub-path', () => sub],
]) {
  test(`${where}, the second module arrives after the total and its panels work (diagram, plot, share)`, async () => {
    const served = server();
    const page = await served.page(queryOf(classic));
    assert.equal(await total(page), classic.total_params);
    // The panels module was requested, relative to the page, and only after the total showed.
    const timing = await page.evaluate(() => {
      const panels = performance.getEntriesByType('resource').find((e) => /-panels\.wasm$/.test(e.name));
      return panels && { url: panels.name, start: panels.startTime, total: window.__totalShown };
    });
    assert.ok(timing, 'the panels module was fetched');
    assert.ok(timing.start > timing.total, `requested at ${timing.start} ms, after the total at ${timing.total} ms`);
    assert.ok(new URL(timing.url).pathname.startsWith(new URL(served.url).pathname), timing.url);
    assert.equal(await page.locator('.deferred').count(), 0, 'no panel is left loading');

    // The diagram: focusing a gate block highlights its term in the (first-module) arithmetic.
    await page.focus('[data-testid="diagram"] [data-gate="f"]');
    await page.waitForSelector('[data-highlight="f"]');
    const lit = await page.$$eval('[data-testid="arithmetic"] [data-term]', (terms) =>
      terms.filter((t) => getComputedStyle(t).outlineStyle === 'solid').map((t) => t.dataset.term),
    );
    assert.deepEqual(lit, ['f']);
    // The plot's marker sits at the layer's units and count, and follows a change of the units.
    await showPlot(page);
    const marker = () =>
      page.$eval('[data-testid="plot"] [data-testid="marker"]', (m) => [Number(m.dataset.x), Number(m.dataset.y)]);
    assert.deepEqual(await marker(), [256, classic.total_params]);
    await page.fill('#units', '512');
    await page.waitForFunction(() => document.querySelector('[data-testid="marker"]').dataset.x === '512');
    assert.deepEqual(await marker(), [512, 9_439_232]);
    // The share panel's link reproduces the state, under the page's own path.
    const link = await page.inputValue('[data-testid="share-link"]');
    assert.ok(link.startsWith(served.url), link);
    assert.match(link, /units=512/);
    assert.deepEqual(page.problems, []);
  });
}

test('with the second module blocked, the total, arithmetic and controls still work and each missing panel says so', async () => {
  const context = await app.browser.newContext();
  await context.route(PANELS, (route) => route.abort());
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(new URL(queryOf(classic), app.url).href);
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  assert.equal(Number(await page.getAttribute('[data-testid="total"]', 'data-value')), classic.total_params);
  const failed = await page.locator('.deferred.failed').allInnerTexts();
  // The number check, the code, the diagram, cost, paste box, tensors, plot and share panel (the
  // summary table is not on this page: there are no layers around this one; nor the family's
  // settings: a Keras layer has none).
  assert.equal(failed.length, 8, failed.join('\n'));
  for (const text of failed) assert.match(text, /^The .+ did not load\.\s*Try again$/);
  assert.ok(failed.some((t) => t.startsWith('The diagram')), failed.join('\n'));
  assert.ok(failed.some((t) => t.startsWith('The charts')), failed.join('\n'));
  // One message for the page says why, once.
  const notices = await page.locator('[data-testid="message"]').allInnerTexts();
  assert.equal(notices.filter((t) => /Part of this page did not load/.test(t)).length, 1, notices.join('\n'));
  // The controls still change the count, and the arithmetic follows.
  await page.fill('#units', '512');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '9439232');
  assert.match(await page.textContent('[data-testid="arithmetic"]'), /9,439,232/);
  await page.check('#cell-gru');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value !== '9439232');
  assert.deepEqual(problems, [], 'no page error: the failed fetch is reported in words, not thrown');
  await context.close();
});

// A Keras ConvLSTM2D with a 3x5 kernel, valid padding, strides 2, channels_first: its own settings
// (kernel, padding, strides, format) come with the second module; its total does not wait for it.
const conv = rows('keras_convlstm.jsonl').find(
  (r) => r.config.id === 'cl-0086-convlstm2d-c3-f16-k3x5-bias-valid-s2-d1-cf-fr32x32-T5',
);
const CONV_QUERY =
  '?kind=convlstm&input=3&units=16&rank=2&kernel=3x5&frame=32x32&padding=valid&strides=2&dilation=1&format=first';

test("with the second module blocked, a ConvLSTM's total shows and only its settings say they did not load", async () => {
  const context = await app.browser.newContext();
  await context.route(PANELS, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(new URL(CONV_QUERY, app.url).href);
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  assert.equal(Number(await page.getAttribute('[data-testid="total"]', 'data-value')), conv.total_params);
  assert.match(
    await page.textContent('[data-testid="kind-options"] .deferred.failed'),
    /^The layer family's settings did not load\.\s*Try again$/,
  );
  // The family choice itself is on the first screen and still works.
  await page.check('#kind-layer');
  await page.waitForFunction((n) => document.querySelector('[data-testid="total"]').dataset.value !== String(n), conv.total_params);
  assert.equal(await page.locator('[data-testid="kind-options"] .deferred').count(), 0, 'a layer has no settings to wait for');
  await context.close();
});

const FAMILIES = /-families\.wasm$/;

test("a ConvLSTM page fetches its family's rules at once, and without them says why it shows no count", async () => {
  // Fetched at once: requested before the first paint's panels module.
  const page = await app.page(CONV_QUERY);
  assert.equal(await total(page), conv.total_params);
  const [families, panels] = await page.evaluate(() =>
    [/-families\.wasm$/, /-panels\.wasm$/].map(
      (re) => performance.getEntriesByType('resource').find((e) => re.test(e.name))?.startTime,
    ),
  );
  assert.ok(families < panels, `families requested at ${families} ms, panels at ${panels} ms`);
  assert.deepEqual(page.problems, []);

  const context = await app.browser.newContext();
  await context.route(FAMILIES, (route) => route.abort());
  const blocked = await context.newPage();
  await blocked.goto(new URL(CONV_QUERY, app.url).href);
  await blocked.waitForSelector('.app[data-ready]', { state: 'attached' });
  const notices = await blocked.locator('[data-testid="message"]').allInnerTexts();
  assert.equal(notices.filter((t) => /rules for counting ConvLSTM.+did not load/.test(t)).length, 1, notices.join('\n'));
  assert.equal(await blocked.getAttribute('[data-testid="total"]', 'data-value'), '');
  // A Keras layer is counted without them: LSTM(256) on 4,096 inputs.
  await blocked.check('#kind-layer');
  await blocked.fill('#input', '4096');
  await blocked.fill('#units', '256');
  await blocked.waitForFunction(
    (n) => document.querySelector('[data-testid="total"]').dataset.value === String(n),
    classic.total_params,
  );
  await context.close();
});

test("a family chosen on a Keras layer's page is counted with the rules fetched after the first paint", async () => {
  const context = await app.browser.newContext();
  const fetched = [];
  context.on('request', (r) => fetched.push(r.url()));
  const page = await context.newPage();
  await page.goto(new URL(queryOf(classic), app.url).href);
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  assert.ok(fetched.some((u) => FAMILIES.test(u)), 'the rules are fetched without being asked for');
  await page.check('#kind-tf1');
  // tf.compat.v1 BasicLSTMCell(256) on 4,096 inputs (golden row tf-0008: 4,457,472).
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '4457472');
  assert.match(await page.textContent('[data-testid="arithmetic"]'), /4,457,472/);
  await context.close();
});

for (const width of [1280, 375]) {
  test(`at ${width} px, the room kept for a family's settings is about what they take when they arrive`, async () => {
    const context = await app.browser.newContext({ viewport: { width, height: 900 } });
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await context.route(PANELS, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const heights = {};
    for (const query of [CONV_QUERY, '?kind=flax', '?kind=flax&flax_cell=convlstm', '?kind=tf1']) {
      await page.goto(new URL(query, app.url).href);
      await page.waitForSelector('[data-testid="kind-options"] .deferred');
      heights[query] = [await page.$eval('[data-testid="kind-options"]', (e) => e.getBoundingClientRect().height)];
    }
    release();
    for (const query of Object.keys(heights)) {
      await page.goto(new URL(query, app.url).href);
      await page.waitForSelector('[data-testid="kind-options"] .kind-option');
      heights[query].push(await page.$eval('[data-testid="kind-options"]', (e) => e.getBoundingClientRect().height));
    }
    for (const [query, [kept, taken]] of Object.entries(heights)) {
      assert.ok(taken > 100, `${query}: the settings take ${taken} px`);
      assert.ok(Math.abs(kept - taken) <= 24, `${query}: kept ${kept} px, the settings take ${taken} px`);
    }
    await context.close();
  });
}

test('after a failed fetch, "Try again" fetches the second module again and the panels arrive', async () => {
  const context = await app.browser.newContext();
  let blocked = true;
  await context.route(PANELS, (route) => (blocked ? route.abort() : route.continue()));
  const page = await context.newPage();
  await page.goto(new URL(queryOf(classic), app.url).href);
  await page.waitForSelector('.deferred.failed');
  blocked = false;
  await page.click('.deferred[data-panel="diagram"] button');
  await page.waitForSelector('[data-testid="diagram"] [data-gate="f"]');
  await page.waitForFunction(() => document.querySelectorAll('.deferred').length === 0);
  // The page's message about it has gone with the problem.
  assert.deepEqual(
    (await page.locator('[data-testid="message"]').allInnerTexts()).filter((t) => /did not load/.test(t)),
    [],
  );
  await context.close();
});

test('with the second module blocked, reveal=1 still takes a guess and shows the count', async () => {
  const context = await app.browser.newContext();
  await context.route(PANELS, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(new URL(`${queryOf(classic)}&reveal=1`, app.url).href);
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  // The guess field is on the first screen, not in the missing module.
  await page.fill('[data-testid="got"]', '4456448');
  await page.click('[data-testid="reveal"]');
  await page.waitForSelector('.app:not(.concealed)', { state: 'attached' });
  assert.equal(Number(await page.getAttribute('[data-testid="total"]', 'data-value')), classic.total_params);
  await context.close();
});

test('a second module that takes long is said to be slow, and arrives', async () => {
  const context = await app.browser.newContext();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route(PANELS, async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(new URL(queryOf(classic), app.url).href);
  // The first screen works meanwhile.
  await page.fill('#units', '512');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '9439232');
  await page.waitForSelector('.deferred.slow', { timeout: 20_000 });
  assert.match(await page.textContent('.deferred[data-panel="plot"]'), /Still loading the charts: the connection is slow/);
  release();
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  // It shows the state as it is now, not as it was at load.
  await page.locator('[data-testid="plot"]').scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-testid="plot"] [data-testid="marker"]');
  assert.equal(await page.getAttribute('[data-testid="plot"] [data-testid="marker"]', 'data-x'), '512');
  await context.close();
});

test('printed before the second module arrives, the waiting panels take no room and say nothing', async () => {
  const context = await app.browser.newContext();
  await context.route(PANELS, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(new URL(queryOf(classic), app.url).href);
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const shown = await page.$$eval('.deferred', (boxes) => boxes.filter((b) => b.getClientRects().length > 0).length);
  assert.equal(shown, 0);
  await context.close();
});
