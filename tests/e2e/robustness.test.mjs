// Defects found by adversarial testing, kept fixed: locks that cannot be undone indirectly,
// refused or half-typed values that never stick, frames that report their full height, a sandboxed
// frame that still runs, narrow screens that stay readable, and a panic that shows instead of freezing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, messages, expectQuery } from './harness.mjs';
import { row, queryOf } from './golden.mjs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let app;
let hosts;
before(async () => {
  hosts = await mkdtemp(join(tmpdir(), 'rnn-params-hosts-'));
  app = await open({ extra: hosts });
});
after(async () => {
  await app?.close();
  await rm(hosts, { recursive: true, force: true });
});

test('lock=proj also holds the framework and the cell that the projection needs', async () => {
  const page = await app.page('?framework=pytorch&cell=lstm&units=256&proj=64&lock=proj');
  const before = await total(page);
  assert.equal(await page.isDisabled('#framework-keras'), true);
  assert.equal(await page.isDisabled('#cell-gru'), true);
  assert.match(await page.textContent('#framework-reason'), /fixes proj_size/);
  await page.click('label[for="framework-keras"]', { force: true });
  await page.click('label[for="cell-gru"]', { force: true });
  assert.equal(await total(page), before);
  await expectQuery(page, /proj=64/);
  assert.deepEqual(page.problems, []);
});

test('a slider move past what is allowed stops at the last allowed stop, and the thumb shows it', async () => {
  const page = await app.page('?framework=pytorch&cell=lstm&units=256&proj=64');
  await page.focus('#units-slider');
  await page.keyboard.press('Home'); // 1 unit: below the projection, refused
  await page.waitForSelector('#units-error:not([hidden])');
  // Found by an adversarial tester: a fast drag stopped at 128 although lower stops were allowed.
  const units = Number(await page.inputValue('#units'));
  assert.ok(units > 64 && units < 256, `${units}`);
  assert.match(await page.textContent('#units-error'), new RegExp(`proj_size.*Stopped at ${units}\\.`));
  assert.equal(await page.getAttribute('#units-slider', 'aria-valuetext'), `${units} units`);
  // One stop further down is refused: this was the lowest allowed.
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => /Keeping/.test(document.querySelector('#units-error').textContent));
  assert.equal(await page.inputValue('#units'), String(units));
  // PyTorch LSTM, m = 4096, p = 64: 4 blocks of W (n × m), U (n × p) and two biases, plus weight_hr (p × n).
  assert.equal(await total(page), 4 * (units * 4096 + units * 64 + 2 * units) + 64 * units);
  assert.deepEqual(page.problems, []);
});

test('text typed key by key that ends invalid keeps the value from before the edit', async () => {
  for (const typed of ['1048577', '1e3', '2.5']) {
    const page = await app.page('?cell=lstm&units=256');
    await page.click('#units', { clickCount: 3 });
    await page.keyboard.type(typed);
    await page.waitForSelector('#units-error:not([hidden])');
    assert.match(await page.textContent('#units-error'), /Keeping 256\./, typed);
    assert.equal(await total(page), 4457472, typed);
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#units'), '256', typed);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('dismissing a message keeps the keyboard in the list, and after the last one moves it on', async () => {
  const page = await app.page('?units=5&units=abc&input=x');
  assert.equal((await messages(page)).length, 3);
  await page.focus('[data-testid="message"] button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 2);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'message-dismiss');
  // After the last one, the keyboard goes on to what follows the list, not back to the page's start.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 0);
  const focused = await page.evaluate(() => {
    const list = document.querySelector('[data-testid="messages"]');
    const active = document.activeElement;
    return { tag: active.tagName, after: Boolean(list.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) };
  });
  assert.notEqual(focused.tag, 'BODY');
  assert.equal(focused.after, true);
  assert.deepEqual(page.problems, []);
});

/**
 * Opens a host page whose body is `html`, served from another origin (localhost instead of
 * 127.0.0.1: another site, as a course platform would be).
 */
async function hostPage(html) {
  const name = `host-${Math.random().toString(36).slice(2)}.html`;
  await writeFile(join(hosts, name), `<!DOCTYPE html><html lang="en"><head><title>host</title></head><body>${html}</body></html>`);
  const host = await app.context.newPage();
  await host.goto(`${app.url.replace('127.0.0.1', 'localhost')}extra/${name}`);
  return host;
}

test('a frame sandboxed without allow-same-origin still runs', async () => {
  const problems = [];
  const host = await hostPage(`<iframe sandbox="allow-scripts" src="${app.url}?cell=gru&embed=1" width="800" height="600"></iframe>`);
  host.on('pageerror', (e) => problems.push(e.message));
  const frame = host.frameLocator('iframe');
  await frame.locator('[data-testid="total"][data-value="3343872"]').waitFor();
  assert.deepEqual(problems, []);
  await host.close();
});

test('copy in a frame without clipboard permission falls back without a policy violation', async () => {
  const errors = [];
  // An embed shows the share panel only when asked for (issue 16's lesson mode).
  const host = await hostPage(`<iframe src="${app.url}?cell=lstm&embed=1&show=share" width="900" height="5000"></iframe>`);
  host.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const frame = host.frameLocator('iframe');
  await frame.locator('.share').scrollIntoViewIfNeeded();
  await frame.locator('[data-testid="share-link"]').waitFor();
  const inner = host.frames().find((f) => f !== host.mainFrame());
  await inner.waitForFunction(() => document.querySelector('[data-testid="share-link"]').value !== '');
  await frame.locator('.copy-row:has([data-testid="share-link"]) button').click();
  await frame.locator('#share-link-status:text("press Ctrl+C")').waitFor();
  assert.deepEqual(errors, []);
  await host.close();
});

test('on a 320 px phone names and shapes stay whole and the biggest total breaks only between digit groups', async () => {
  const r = row('pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5');
  const page = await app.page(queryOf(r), { viewport: { width: 320, height: 700 } });
  const lines = await page.$$eval('.tensors .tensor-name, .tensors td code', (els) =>
    els.map((e) => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '20'))),
  );
  assert.ok(lines.every((n) => n <= 1), `some names or shapes wrap: ${lines}`);
  const big = await app.page('?framework=pytorch&cell=lstm&bidir=1&layers=16&units=1048576&input=1048576', { viewport: { width: 320, height: 700 } });
  // Each digit group is one text node; none of them is split across lines.
  const groups = await big.$$eval('[data-testid="total"]', ([e]) => {
    const range = document.createRange();
    return [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => {
      range.selectNodeContents(n);
      return range.getClientRects().length;
    });
  });
  assert.ok(groups.length >= 5 && groups.every((n) => n === 1), `${groups}`);
  const widths = await big.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `${widths}`);
  assert.deepEqual([...page.problems, ...big.problems], []);
});

test('in a 320 px course page the frames report their full height', async () => {
  const page = await app.page('examples/course-page.html', { viewport: { width: 320, height: 700 }, waitForTotal: false });
  for (const id of ['widget-lstm', 'widget-gru']) {
    await page.frameLocator(`#${id}`).locator('[data-testid="total"][data-value]').waitFor();
    await page.waitForFunction((id) => {
      const frame = document.getElementById(id);
      const doc = frame.contentDocument.documentElement;
      return doc.scrollHeight <= doc.clientHeight + 1 && frame.clientHeight > 1000;
    }, id);
  }
  assert.deepEqual(page.problems, []);
});

test('a projection is shown in the diagram and the step note counts it', async () => {
  const r = row('pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5');
  const page = await app.page(queryOf(r));
  assert.match(await page.textContent('[data-testid="projection-note"]'), /weight_hr \(8 × 32 = 256 parameters/);
  const note = await page.textContent('[data-testid="steps-note"]');
  assert.match(note, /W, U, b of every block and weight_hr: 1,920 parameters/); // layer 1, one direction
  assert.match(note, /; layer 2 has its own, reused the same way\./);
  assert.deepEqual(page.problems, []);
});

test('a panic shows a visible error and stops the page instead of freezing it silently', async () => {
  // No URL or control value can make the app panic, so the test makes the browser fail under it:
  // once the page runs, creating or cloning DOM nodes throws, and Leptos unwraps that error when the
  // cell switch builds the GRU's blocks.
  const page = await app.page('?cell=lstm');
  assert.equal(await page.isHidden('#fatal'), true);
  await page.evaluate(() => {
    const refuse = () => {
      throw new Error('DOM creation refused by the test');
    };
    Document.prototype.createElement = refuse;
    Document.prototype.createElementNS = refuse;
    Node.prototype.cloneNode = refuse;
  });
  await page.check('#cell-gru');
  await page.waitForSelector('#fatal', { state: 'visible' });
  assert.match(await page.innerText('#fatal p'), /^rnn-params stopped because of an internal error, so the numbers/);
  // The details hold the first panic: the refused DOM call, not what failed after it.
  assert.match(await page.textContent('#fatal-details'), /^panicked at .*DOM creation refused by the test/s);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('stopped')), true);
  const inert = await page.$$eval('body > *', (els) => els.map((e) => [e.id || e.className, e.inert]));
  assert.ok(inert.some(([, isInert]) => isInert), JSON.stringify(inert));
  assert.ok(inert.every(([name, isInert]) => isInert === (name !== 'fatal')), JSON.stringify(inert));
  assert.ok(page.problems.some((p) => p.startsWith('console: rnn-params stopped because of an internal error')));
});

test('a click just before a reload is kept, and a slider drag is a few address updates, not one per step', async () => {
  const page = await app.page('?cell=gru');
  await page.check('#cell-rnn');
  await page.reload();
  await page.waitForSelector('[data-testid="total"][data-value]');
  assert.equal(await page.isChecked('#cell-rnn'), true);
  // Count the history writes during 45 quick slider steps.
  await page.evaluate(() => {
    window.writes = 0;
    const replace = history.replaceState.bind(history);
    history.replaceState = (...args) => {
      window.writes += 1;
      return replace(...args);
    };
    // A step makes a history entry: those are address updates too.
    const push = history.pushState.bind(history);
    history.pushState = (...args) => {
      window.writes += 1;
      return push(...args);
    };
  });
  await page.focus('#units-slider');
  // 256 is 39 stops below the top of the ladder.
  for (let k = 0; k < 45; k++) await page.keyboard.press('ArrowRight');
  // The last write holds the final value.
  const units = await page.inputValue('#units');
  assert.equal(units, '1048576');
  await expectQuery(page, new RegExp(`units=${units}(&|$)`));
  const writes = await page.evaluate(() => window.writes);
  assert.ok(writes >= 1 && writes <= 5, `${writes} writes`);
  assert.deepEqual(page.problems, []);
});

test('on a phone the total stays in sight while the controls below it are used', async () => {
  const page = await app.page('', { viewport: { width: 375, height: 740 } });
  const bar = '[data-testid="sticky-total"]';
  assert.equal(await page.isVisible(bar), false); // the total itself is on screen
  await page.locator('#units').scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 400);
  await page.waitForSelector(bar, { state: 'visible' });
  assert.equal(await page.textContent(bar), '4,457,472 parameters · Keras LSTM(256) on 4,096 input features');
  await page.check('#cell-gru');
  await page.waitForFunction((s) => document.querySelector(s).textContent.startsWith('3,343,872 parameters'), bar);
  // Back at the top the bar goes away; on a wide screen it never shows.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForSelector(bar, { state: 'hidden' });
  const wide = await app.page('', { viewport: { width: 1280, height: 700 } });
  await wide.mouse.wheel(0, 1500);
  await wide.waitForTimeout(200);
  assert.equal(await wide.isVisible(bar), false);
  assert.deepEqual([...page.problems, ...wide.problems], []);
});

test('at 320 px with the text at 200 % the page still does not scroll sideways', async () => {
  for (const query of ['', '?framework=keras&cell=lstm&input=1048576&units=1048576&bidir=1&layers=16']) {
    const page = await app.page(query, { viewport: { width: 320, height: 800 } });
    // What a reader's larger default font size does: the root font size doubles.
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    await page.waitForTimeout(100);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.equal(widths[0], widths[1], `${query}: ${widths}`);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});
