// Issue 16: the script embed (embed.js at the root of the build) on a plain host page of another
// origin: one widget from a script tag, three from placeholders, each frame sized to its content and
// resized after a change; a late listener gets the height by asking; heights from anyone but the
// widget's own frame and origin are ignored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from './harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

let app;
let host;
let dir;
before(async () => {
  // The widget under a sub-path, the host page on another port: another origin.
  app = await open({ base: '/courses/rnn/' });
  dir = await mkdtemp(join(tmpdir(), 'rnn-params-host-'));
  const page = (body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title></head><body>
<h1>A course page</h1>${body}<p id="after">After the widgets.</p></body></html>`;
  await writeFile(
    join(dir, 'one.html'),
    page(`<script src="${app.url}embed.js" data-rnn-params="cell=gru&units=128" async></script>`),
  );
  await writeFile(
    join(dir, 'three.html'),
    page(`<div class="w" id="a" data-rnn-params="cell=lstm"></div>
<div class="w" id="b" data-rnn-params="cell=gru&bidir=1&hide=plot,diagram,tensors,cost,paste"></div>
<div class="w" id="c" data-rnn-params="cell=rnn&units=64&input=32"></div>
<script src="${app.url}embed.js" async></script>`),
  );
  await writeFile(join(dir, 'plain.html'), page(`<iframe id="late" src="${app.url}?cell=gru&embed=1" width="100%" height="300"></iframe>`));
  await writeFile(
    join(dir, 'intruder.html'),
    page(`<script src="intruder.js"></script>`),
  );
  await writeFile(join(dir, 'intruder.js'), "parent.postMessage({ type: 'rnn-params:resize', height: 250 }, '*');\n");
  host = await startServer({ root: dir, csp: false });
});
after(async () => {
  await app?.close();
  await new Promise((ok) => (host ? host.server.close(ok) : ok()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function hostPage(name) {
  const page = await app.context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  await page.goto(`${host.url}${name}`);
  return page;
}

/** The widget frames' heights and their content heights (read through the frames, not the host). */
async function sizes(page) {
  const frames = await page.$$('iframe');
  return Promise.all(
    frames.map(async (handle) => {
      const frame = await handle.contentFrame();
      const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      const scroll = await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
      const height = await handle.evaluate((f) => f.getBoundingClientRect().height);
      return { height, content, scroll };
    }),
  );
}

/** Waits until every widget frame is as tall as its content. */
async function sized(page, count) {
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  assert.equal(frames.length, count);
  // The frames load lazily (loading="lazy"): each is scrolled to in turn.
  for (const handle of await page.$$('iframe')) {
    await handle.scrollIntoViewIfNeeded();
    await (await handle.contentFrame()).waitForSelector('.app[data-ready]', { state: 'attached' });
  }
  for (let i = 0; i < 100; i += 1) {
    const s = await sizes(page);
    if (s.every((x) => Math.abs(x.height - x.content) <= 2)) return s;
    await page.waitForTimeout(50);
  }
  assert.fail(`frames not sized: ${JSON.stringify(await sizes(page))}`);
}

test('one script tag puts one widget after itself, sized to its content and resized after a change', async () => {
  const page = await hostPage('one.html');
  const frame = page.frameLocator('iframe');
  await frame.locator('[data-testid="total"][data-value="1622784"]').waitFor();
  const [first] = await sized(page, 1);
  assert.ok(first.content > 1500, JSON.stringify(first));
  assert.ok(first.scroll <= 1, `scrolls inside: ${JSON.stringify(first)}`);
  // The frame comes right after the script, loads the widget from the script's folder with embed=1.
  const placed = await page.evaluate(() => {
    const f = document.querySelector('iframe');
    return { after: f.previousElementSibling.tagName, src: f.src, title: f.title };
  });
  assert.equal(placed.after, 'SCRIPT');
  assert.equal(placed.src, `${app.url}?cell=gru&units=128&embed=1`);
  assert.ok(placed.title.startsWith('rnn-params'), placed.title);
  // An embed has no share panel (the teacher's tools), and the title changes nothing in the host.
  assert.equal(await frame.locator('.share-panel').count(), 0);
  await frame.locator('#layers').fill('3');
  // Two more GRU(128) layers on 128 inputs: 2 × 3 × (128·128 + 128·128 + 2·128) = 198,144 more.
  await frame.locator('[data-testid="total"][data-value="1820928"]').waitFor();
  await page.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height > h + 100, first.height);
  const [grown] = await sized(page, 1);
  assert.ok(grown.scroll <= 1, JSON.stringify(grown));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('three placeholders and one script: three widgets, each sized on its own', async () => {
  const page = await hostPage('three.html');
  const totals = [];
  for (const id of ['a', 'b', 'c']) {
    await page.locator(`#${id} iframe`).scrollIntoViewIfNeeded();
    const t = page.frameLocator(`#${id} iframe`).locator('[data-testid="total"]');
    await t.waitFor();
    totals.push(Number(await t.getAttribute('data-value')));
  }
  // LSTM(256) on 4096; bidirectional GRU(256) on 4096 (reset_after: 2 × 3 × (4096·256 + 256·256 + 2·256));
  // SimpleRNN(64) on 32: 32·64 + 64·64 + 64.
  assert.deepEqual(totals, [4457472, 6687744, 6208]);
  const s = await sized(page, 3);
  // The widget without the lower panels is far shorter than the others.
  assert.ok(s[1].height < s[0].height - 1000, JSON.stringify(s));
  for (const x of s) assert.ok(x.scroll <= 1, JSON.stringify(s));
  // The placeholder keeps its element and holds the frame; the text after them is below all three.
  const order = await page.evaluate(() => [...document.querySelectorAll('.w')].map((w) => w.firstElementChild.tagName));
  assert.deepEqual(order, ['IFRAME', 'IFRAME', 'IFRAME']);
  // A change in the third resizes the third only.
  await page.frameLocator('#c iframe').locator('#layers').fill('4');
  // Three more SimpleRNN(64) layers on 64 inputs: 3 × (64·64 + 64·64 + 64).
  await page.frameLocator('#c iframe').locator('[data-testid="total"][data-value="30976"]').waitFor();
  await page.waitForFunction((h) => document.querySelector('#c iframe').getBoundingClientRect().height > h + 100, s[2].height);
  const t = await sized(page, 3);
  assert.deepEqual([t[0].height, t[1].height], [s[0].height, s[1].height]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a listener added after the widget loaded gets the height by asking', async () => {
  const page = await hostPage('plain.html');
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame.waitForSelector('.app[data-ready]', { state: 'attached' });
  await page.waitForTimeout(300); // the widget's own first posts have gone by, unheard
  const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  const answer = await page.evaluate(
    () =>
      new Promise((done) => {
        const late = document.getElementById('late');
        window.addEventListener('message', (e) => {
          if (e.source === late.contentWindow && e.data?.type === 'rnn-params:resize') done(e.data.height);
        });
        late.contentWindow.postMessage({ type: 'rnn-params:request-height' }, '*');
      }),
  );
  assert.ok(Math.abs(answer - content) <= 2, `${answer} vs ${content}`);
  // The request changed nothing in the widget.
  // GRU(256) on 4096 inputs, reset_after: 3 × (4096·256 + 256·256 + 2·256).
  assert.equal(await frame.getAttribute('[data-testid="total"]', 'data-value'), '3343872');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('embed.js takes heights only from the widget frame and origin it created', async () => {
  const page = await hostPage('one.html');
  await page.frameLocator('iframe').locator('[data-testid="total"]').waitFor();
  const [first] = await sized(page, 1);
  // The host page itself (not the frame) posts a height.
  await page.evaluate(() => window.postMessage({ type: 'rnn-params:resize', height: 250 }, '*'));
  await page.waitForTimeout(200);
  assert.equal((await sizes(page))[0].height, first.height);
  // The frame is navigated to a page of another origin, which posts a height: ignored too.
  await page.evaluate((href) => {
    document.querySelector('iframe').contentWindow.location = href;
  }, `${host.url}intruder.html`);
  await page.waitForFunction(() => {
    try {
      return document.querySelector('iframe').contentDocument?.querySelector('h1') != null;
    } catch {
      return false;
    }
  });
  await page.waitForTimeout(200);
  const height = await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height);
  assert.equal(height, first.height);
  assert.deepEqual(page.problems, []);
  await page.close();
});
