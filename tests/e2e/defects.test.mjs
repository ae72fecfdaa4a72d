// Issue 18: six defects an adversarial test found, each reproduced as it was reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, messages, expectQuery } from './harness.mjs';
import { CSP } from '../../scripts/csp.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

test('a 2 MB query renders its total and says it was cut', async () => {
  const page = await app.page('?' + Array(262000).fill('units=1').join('&'));
  // units=1: Keras LSTM(1) on 4096 inputs, 4 × (4096 + 1 + 1) × 1.
  assert.equal(await total(page), 4 * (4096 + 1 + 1));
  const texts = await messages(page);
  assert.ok(texts.some((t) => /only its first 65,535 bytes are read/.test(t)), texts.join('\n'));
  assert.deepEqual(page.problems, []);
});

test('400 KB of distinct unknown names renders promptly with one notice for them', async () => {
  const names = Array.from({ length: 40000 }, (_, i) => `n${i}=1`).join('&');
  const page = await app.page('?units=8&' + names);
  assert.equal(await total(page), 4 * (4096 + 8 + 1) * 8);
  assert.ok((await messages(page)).length <= 8);
  assert.deepEqual(page.problems, []);
});

test('the share panel enables Copy with a stated estimate when the measuring frame cannot load', async () => {
  // The app's policy with frame-ancestors narrowed to a course platform's origin, as
  // docs/embedding.md suggests: the share panel's own measuring frame is then refused too.
  const narrowed = CSP.replace('frame-ancestors *', 'frame-ancestors https://lms.example.edu');
  assert.notEqual(narrowed, CSP);
  const denied = await open({ headers: { 'Content-Security-Policy': narrowed } });
  try {
    const page = await denied.page('?cell=gru');
    await page.locator('[data-testid="share-iframe"]').scrollIntoViewIfNeeded();
    const copy = page.locator('.copy-row:has([data-testid="share-iframe"]) button');
    await page.waitForFunction(() => /an estimate/.test(document.querySelector('[data-testid="share-height"]').textContent), null, { timeout: 20000 });
    assert.equal(await copy.isEnabled(), true);
    assert.match(await page.inputValue('[data-testid="share-iframe"]'), /height="\d+"/);
  } finally {
    await denied.close();
  }
});

test('a reload 50 ms after typing keeps the typed value', async () => {
  const page = await app.page('?cell=lstm&units=256');
  await page.click('#units', { clickCount: 3 });
  await page.keyboard.type('1234');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === String(4 * (4096 + 1234 + 1) * 1234));
  await page.waitForTimeout(50);
  await page.reload();
  await page.waitForSelector('[data-testid="total"][data-value]:not([data-value=""])');
  assert.equal(await page.inputValue('#units'), '1234');
  assert.equal(await total(page), 4 * (4096 + 1234 + 1) * 1234);
  // A slider drag reloaded at once comes back where it stopped.
  await page.focus('#units-slider');
  for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowLeft');
  const stopped = await page.inputValue('#units');
  await page.reload();
  await page.waitForSelector('[data-testid="total"][data-value]:not([data-value=""])');
  assert.equal(await page.inputValue('#units'), stopped);
  assert.deepEqual(page.problems, []);
});

test('under a path that starts with // the address still follows the state across a reload', async () => {
  // A server that merges slashes, as nginx does by default, serves the page at //.
  const merging = await open({ mergeSlashes: true });
  try {
  const page = await merging.page('');
  const origin = new URL(page.url()).origin;
  await page.goto(`${origin}//?cell=gru`);
  await page.waitForSelector('[data-testid="total"][data-value]:not([data-value=""])');
  await page.click('label[for="cell-rnn"]');
  await expectQuery(page, /cell=rnn/);
  assert.equal(new URL(page.url()).origin, origin);
  await page.reload();
  await page.waitForSelector('[data-testid="total"][data-value]:not([data-value=""])');
  assert.equal(await page.isChecked('#cell-rnn'), true);
  assert.equal(new URL(page.url()).pathname, '//');
  assert.deepEqual(page.problems, []);
  } finally {
    await merging.close();
  }
});

test('duplicate notices are dismissed one by one', async () => {
  const page = await app.page('?units=x&%E2%80%8E=1&%E2%80%8F=2');
  const count = () => page.locator('[data-testid="message"]').count();
  const before = await count();
  assert.ok(before >= 3, `${before} messages`);
  for (let left = before; left > 0; left--) {
    await page.locator('[data-testid="message"] button').last().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="message"]').length === n, left - 1);
  }
  assert.deepEqual(page.problems, []);
});

test('the Markdown link survives a ) in the hosting path', async () => {
  // As the browser sends it: the space percent-encoded, ) and ' as they are.
  const odd = await open({ base: "/x)y%20z/k'q/" });
  try {
    const page = await odd.page('?cell=lstm');
    await page.locator('[data-testid="share-markdown"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('[data-testid="share-markdown"]').value !== '');
    const markdown = await page.inputValue('[data-testid="share-markdown"]');
    // CommonMark: [text](destination) where the destination has no space and no unbalanced ).
    const m = markdown.match(/^\[(.*)\]\(([^\s()]+)\)$/);
    assert.ok(m, markdown);
    assert.equal(decodeURIComponent(new URL(m[2]).pathname), "/x)y z/k'q/");
    assert.match(m[2], /cell=lstm/);
  } finally {
    await odd.close();
  }
});
