// Issue 16: lesson mode. An embed leaves out the share panel unless asked for; every section can be
// hidden; reveal=1 hides the count until a guess is committed, then checks it; the slide preset
// fits a 960 × 700 slide, in a real reveal.js deck; a sandboxed frame that cannot open the full
// version says so and offers the address; oEmbed discovery and Open Graph follow the state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { open, total } from './harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const require = createRequire(import.meta.url);
let app;
let host;
let dir;
before(async () => {
  app = await open();
  dir = await mkdtemp(join(tmpdir(), 'rnn-params-lesson-'));
  // reveal.js from npm, as a course deck would load it.
  const reveal = join(dirname(require.resolve('reveal.js')), '..', 'dist');
  await copyFile(join(reveal, 'reveal.js'), join(dir, 'reveal.js'));
  await copyFile(join(reveal, 'reveal.css'), join(dir, 'reveal.css'));
  await copyFile(join(reveal, 'theme', 'white.css'), join(dir, 'white.css'));
  await writeFile(join(dir, 'deck.js'), 'Reveal.initialize({ width: 960, height: 700, hash: true });\n');
});
after(async () => {
  await app?.close();
  await new Promise((ok) => (host ? host.server.close(ok) : ok()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Serves the host pages written so far, on another port: another origin than the widget's. */
async function serveHost() {
  if (host) await new Promise((ok) => host.server.close(ok));
  host = await startServer({ root: dir, csp: false });
  return host;
}

const visible = (page, selector) =>
  page.$$eval(selector, (els) => els.some((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0));

test('an embed leaves out the share panel unless show=share; hide=explain removes "Where the number comes from"', async () => {
  const embed = await app.page('?cell=gru&embed=1');
  assert.equal(await embed.locator('.share-panel').count(), 0);
  assert.equal(await embed.locator('.explain-panel').count(), 1);
  const asked = await app.page('?cell=gru&embed=1&show=share');
  assert.equal(await asked.locator('.share-panel').count(), 1);
  const hidden = await app.page('?cell=gru&embed=1&hide=explain,controls');
  assert.equal(await hidden.locator('.explain-panel').count(), 0);
  assert.equal(await hidden.locator('[data-testid="arithmetic"]').count(), 0);
  assert.equal(await hidden.locator('.controls-panel').count(), 0);
  assert.equal(await total(hidden), 3343872);
  assert.deepEqual([...embed.problems, ...asked.problems, ...hidden.problems], []);
});

test('reveal=1: the count waits for a committed guess, which is then checked', async () => {
  const page = await app.page('?cell=lstm&embed=1&reveal=1', { waitForTotal: false });
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  // Nothing gives the count away: the total, the formula, the comparison, the explanation, the tensors.
  for (const selector of ['[data-testid="total"]', '[data-testid="formula"]', '[data-testid="comparison"]', '.explain-panel', '[data-testid="tensors"]', '[data-testid="diagram"]']) {
    assert.equal(await visible(page, selector), false, selector);
  }
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!text.includes('4,457,472'), 'the count is on the screen');
  assert.ok(!(await page.title()).includes('4,457,472'), await page.title());
  const button = page.locator('[data-testid="reveal"]');
  assert.equal(await button.textContent(), 'Show the count');
  assert.equal(await button.isDisabled(), true);
  // The learner forgets the bias: 4 × (4096 + 256) × 256.
  await page.fill('[data-testid="got"]', '4,456,448');
  await page.waitForFunction(() => !document.querySelector('[data-testid="reveal"]').disabled);
  assert.equal(await visible(page, '[data-testid="diagnosis"]'), false);
  await button.click();
  await page.waitForSelector('[data-testid="total"]', { state: 'visible' });
  assert.equal(await total(page), 4457472);
  assert.equal(await visible(page, '.explain-panel'), true);
  const mistakes = await page.locator('[data-testid="diagnosis"]').evaluateAll((els) => els.map((e) => Number(e.dataset.value)));
  assert.ok(mistakes.length >= 1 && mistakes.every((v) => v === 4456448), JSON.stringify(mistakes));
  // Predict again: hidden again, the guess cleared.
  await button.click();
  await page.waitForSelector('[data-testid="total"]', { state: 'hidden' });
  assert.equal(await page.inputValue('[data-testid="got"]'), '');
  assert.equal(await button.isDisabled(), true);
  assert.deepEqual(page.problems, []);
});

test('slide=1 fits 960 × 700 without scrolling inside, and in a real reveal.js deck', async () => {
  const page = await app.page('?cell=lstm&slide=1&theme=light', { viewport: { width: 960, height: 700 } });
  const fit = await page.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
  }));
  assert.ok(fit.scroll <= 700 && fit.width <= 960, JSON.stringify(fit));
  for (const selector of ['#cell-gru', '#units', '#input', '[data-testid="formula"]']) {
    assert.equal(await visible(page, selector), true, selector);
  }
  // The full page's share panel writes the deck's snippet.
  const full = await app.page('?cell=gru&units=128');
  await full.locator('.share').scrollIntoViewIfNeeded();
  await full.waitForFunction(() => document.querySelector('[data-testid="share-slide"]').value.includes('data-src'));
  const snippet = await full.inputValue('[data-testid="share-slide"]');
  assert.match(snippet, /^<iframe data-src="http:\/\/127\.0\.0\.1:\d+\/\?framework=keras&amp;cell=gru&amp;input=4096&amp;units=128&amp;bidir=0&amp;slide=1" /);
  assert.match(snippet, /width="960" height="700" data-preload/);
  await writeFile(
    join(dir, 'deck.html'),
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Deck</title>
<link rel="stylesheet" href="reveal.css"><link rel="stylesheet" href="white.css"></head><body>
<div class="reveal"><div class="slides"><section><h2>Parameters</h2></section><section>${snippet}</section></div></div>
<script src="reveal.js"></script><script src="deck.js"></script></body></html>`,
  );
  await serveHost();
  const deck = await app.context.newPage();
  deck.problems = [];
  deck.on('pageerror', (e) => deck.problems.push(e.message));
  await deck.setViewportSize({ width: 1280, height: 800 });
  await deck.goto(`${host.url}deck.html#/1`);
  const frame = deck.frameLocator('.slides section.present iframe');
  await frame.locator('[data-testid="total"][data-value="1622784"]').waitFor();
  const inside = await deck.frames()[1].evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    client: document.documentElement.clientHeight,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  // reveal.js's theme narrows frames to 95 % of the slide (912 px): still no scrolling either way.
  assert.ok(inside.clientWidth >= 900 && inside.client === 700, JSON.stringify(inside));
  assert.ok(inside.scrollWidth <= inside.clientWidth, JSON.stringify(inside));
  assert.ok(inside.scroll <= inside.client, `the slide scrolls inside: ${JSON.stringify(inside)}`);
  assert.deepEqual([...page.problems, ...full.problems, ...deck.problems], []);
});

test('a frame sandboxed without allow-popups says the full version cannot open and offers its address', async () => {
  const src = `${app.url}?cell=gru&units=128&embed=1&lock=units`;
  await writeFile(
    join(dir, 'sandbox.html'),
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Sandbox</title></head><body>
<iframe id="closed" sandbox="allow-scripts" src="${src}" width="800" height="600"></iframe>
<iframe id="open" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" src="${src}" width="800" height="600"></iframe>
</body></html>`,
  );
  await serveHost();
  const page = await app.context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(`${host.url}sandbox.html`);
  const closed = page.frameLocator('#closed');
  await closed.locator('[data-testid="total"][data-value="1622784"]').waitFor();
  assert.equal(await closed.locator('[data-testid="popup-blocked"]').isHidden(), true);
  await closed.locator('[data-testid="full-version"]').click();
  await closed.locator('[data-testid="popup-blocked"]').waitFor();
  const expected = `${app.url}?framework=keras&cell=gru&input=4096&units=128&bidir=0`;
  assert.equal(await closed.locator('[data-testid="full-address"]').inputValue(), expected);
  // With allow-popups the same click opens the full version in a new tab.
  const opened = page.frameLocator('#open');
  await opened.locator('[data-testid="total"][data-value="1622784"]').waitFor();
  const [tab] = await Promise.all([app.context.waitForEvent('page'), opened.locator('[data-testid="full-version"]').click()]);
  await tab.waitForURL(expected);
  await tab.waitForSelector('[data-testid="total"][data-value="1622784"]');
  assert.equal(await opened.locator('[data-testid="popup-blocked"]').isHidden(), true);
  assert.deepEqual(page.problems, []);
});

test('oEmbed discovery and JSON; Open Graph title and description follow the state', async () => {
  const page = await app.page('?cell=lstm');
  const href = await page.getAttribute('link[rel="alternate"][type="application/json+oembed"]', 'href');
  const answer = await (await fetch(new URL(href, app.url))).json();
  assert.equal(answer.version, '1.0');
  assert.equal(answer.type, 'rich');
  assert.equal(answer.provider_name, 'rnn-params');
  assert.match(answer.html, /^<iframe src="[^"]*\?framework=keras&amp;cell=lstm&amp;input=4096&amp;units=256&amp;bidir=0&amp;embed=1" /);
  assert.ok(Number.isInteger(answer.width) && Number.isInteger(answer.height), JSON.stringify(answer));
  const og = () =>
    page.evaluate(() => ({
      title: document.querySelector('meta[property="og:title"]').content,
      description: document.querySelector('meta[property="og:description"]').content,
      doc: document.title,
    }));
  assert.deepEqual(await og(), {
    title: 'Keras LSTM(256) on 4,096 input features: 4,457,472 parameters',
    description: '4 × ((4096 + 256 + 1) × 256) = 4,457,472: how Keras counts the parameters of LSTM(256) on 4,096 input features, with the arithmetic and the gates they come from.',
    doc: 'Keras LSTM(256) on 4,096 input features: 4,457,472 parameters',
  });
  await page.check('#cell-gru');
  await page.waitForFunction(() => document.querySelector('meta[property="og:title"]').content.includes('GRU'));
  const after = await og();
  assert.equal(after.title, after.doc);
  assert.equal(after.title, 'Keras GRU(256) on 4,096 input features: 3,343,872 parameters');
  assert.ok(after.description.includes('= 3,343,872: how Keras counts the parameters of GRU(256)'), after.description);
  assert.deepEqual(page.problems, []);
});
