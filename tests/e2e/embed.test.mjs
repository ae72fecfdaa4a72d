// Issue 6: embedding in course pages. Every parameter's effect, the example course page with two
// frames that size themselves, locked controls, sub-path hosting, no foreign requests, phones, print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, total, messages, showPlot, expectQuery } from './harness.mjs';
import { row } from './golden.mjs';

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

test('embed=1 drops header and footer and links to the full version', async () => {
  const page = await app.page('?cell=gru&embed=1&hide=plot&lock=units');
  assert.equal(await page.locator('.page-header').count(), 0);
  assert.equal(await page.locator('.page-footer').count(), 0);
  const href = await page.getAttribute('.embed-bar a', 'href');
  assert.equal(href, '?framework=keras&cell=gru&input=4096&units=256&bidir=0');
  const full = await app.page('?cell=gru');
  assert.equal(await full.locator('.page-header').count(), 1);
  assert.equal(await full.locator('.embed-bar').count(), 0);
  assert.deepEqual([...page.problems, ...full.problems], []);
});

test('hide= removes exactly the named sections', async () => {
  const selectors = {
    controls: '.controls-panel',
    diagram: '[data-testid="diagram"]',
    arithmetic: '[data-testid="arithmetic"]',
    tensors: '[data-testid="tensors"]',
    plot: '[data-testid="plot"]',
    share: '.share-panel',
  };
  for (const name of Object.keys(selectors)) {
    const page = await app.page(`?hide=${name}`);
    for (const [other, selector] of Object.entries(selectors)) {
      assert.equal(await page.locator(selector).count(), other === name ? 0 : 1, `hide=${name}: ${other}`);
    }
    assert.equal(await total(page), 4457472);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('unknown names in hide and lock are ignored with a message', async () => {
  const page = await app.page('?hide=plot,sidebar&lock=units,colour');
  const shown = await messages(page);
  assert.equal(shown.length, 2);
  assert.ok(shown[0].includes('"sidebar"') && shown[1].includes('"colour"'), JSON.stringify(shown));
  assert.equal(await page.locator('[data-testid="plot"]').count(), 0);
  assert.equal(await page.getAttribute('#units', 'readonly'), '');
  assert.deepEqual(page.problems, []);
});

test('locked controls cannot be changed by mouse or keyboard', async () => {
  const page = await app.page('?lock=input,units,cell,bidir');
  // Typing into a read-only field changes nothing. (No End key here: a read-only field leaves it to the
  // page, which starts scrolling to the bottom and would move the labels clicked below.)
  await page.click('#units');
  await page.keyboard.type('9');
  await page.keyboard.press('Backspace');
  assert.equal(await page.inputValue('#units'), '256');
  // Sliders and radios are disabled: clicks and keys do nothing.
  assert.equal(await page.isDisabled('#units-slider'), true);
  await page.click('#cell-gru', { force: true });
  await page.click('label[for="cell-rnn"]', { force: true });
  await page.click('label[for="bidir"]', { force: true });
  await page.focus('#input-slider').catch(() => {});
  await page.keyboard.press('ArrowRight');
  assert.equal(await total(page), 4457472);
  assert.equal(await page.isChecked('#cell-lstm'), true);
  await expectQuery(page, /units=256/);
  // Unlocked controls still work.
  await page.check('#framework-pytorch');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').dataset.value === '4458496');
  assert.deepEqual(page.problems, []);
});

test('theme sets the colours and color-scheme; auto follows the reader', async () => {
  const scheme = (page) => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  const background = (page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const dark = await app.page('?theme=dark');
  assert.equal(await scheme(dark), 'dark');
  assert.equal(await background(dark), 'rgb(18, 20, 23)');
  const light = await app.page('?theme=light', { colorScheme: 'dark' });
  assert.equal(await scheme(light), 'light');
  assert.equal(await background(light), 'rgb(255, 255, 255)');
  // auto declares both schemes and the reader's preference picks the colours.
  const autoDark = await app.page('?theme=auto', { colorScheme: 'dark' });
  assert.equal(await scheme(autoDark), 'light dark');
  assert.equal(await background(autoDark), 'rgb(18, 20, 23)');
  const autoLight = await app.page('', { colorScheme: 'light' });
  assert.equal(await background(autoLight), 'rgb(255, 255, 255)');
  // The chart follows the theme too.
  await showPlot(dark);
  await showPlot(light);
  assert.equal(await dark.getAttribute('[data-series="lstm"]', 'stroke'), '#E1627C');
  assert.equal(await light.getAttribute('[data-series="lstm"]', 'stroke'), '#992154');
  assert.deepEqual([dark, light, autoDark, autoLight].flatMap((p) => p.problems), []);
});

test('the example course page shows both widgets, each sized to its content', async () => {
  const page = await app.page('examples/course-page.html', { waitForTotal: false });
  const lstm = row('ks-0188-lstm-m4096-n256-L1-uni-bias-T16');
  const gru = row('ks-0397-gru-m4096-n256-L1-bi-bias-ra1-mm-concat-T1');
  const first = page.frameLocator('#widget-lstm');
  const second = page.frameLocator('#widget-gru');
  await first.locator('[data-testid="total"]').waitFor();
  await second.locator('[data-testid="total"]').waitFor();
  assert.equal(Number(await first.locator('[data-testid="total"]').getAttribute('data-value')), lstm.total_params);
  assert.equal(Number(await second.locator('[data-testid="total"]').getAttribute('data-value')), gru.total_params);
  assert.equal(await second.locator('[data-testid="plot"]').count(), 0);
  for (const id of ['widget-lstm', 'widget-gru']) {
    // The host script applied the posted height: the frame shows all of its content.
    await page.waitForFunction((id) => {
      const frame = document.getElementById(id);
      const doc = frame.contentDocument;
      return doc && doc.body && Math.abs(frame.clientHeight - doc.body.getBoundingClientRect().height) <= 2;
    }, id);
    const scroll = await page.evaluate((id) => {
      const doc = document.getElementById(id).contentDocument.documentElement;
      return { scrollHeight: doc.scrollHeight, clientHeight: doc.clientHeight };
    }, id);
    assert.ok(scroll.scrollHeight <= scroll.clientHeight + 1, `${id} scrolls inside: ${JSON.stringify(scroll)}`);
  }
  // The second frame is dark, the first follows the (light) reader.
  const frames = page.frames();
  const backgrounds = await Promise.all(
    frames.filter((f) => f !== page.mainFrame()).map((f) => f.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)),
  );
  assert.deepEqual(backgrounds.sort(), ['rgb(18, 20, 23)', 'rgb(255, 255, 255)']);
  // The first frame's input and units are locked.
  assert.equal(await first.locator('#units').getAttribute('readonly'), '');
  assert.equal(await first.locator('#input-slider').isDisabled(), true);
  assert.deepEqual(page.problems, []);
});

test('a frame resizes again when its content grows, and posts both message forms', async () => {
  const page = await app.page('examples/course-page.html', { waitForTotal: false });
  await page.evaluate(() => {
    window.received = [];
    window.addEventListener('message', (e) => window.received.push(e.data));
  });
  const first = page.frameLocator('#widget-lstm');
  await first.locator('[data-testid="total"]').waitFor();
  const before = await page.evaluate(() => document.getElementById('widget-lstm').clientHeight);
  await first.locator('#layers').fill('4'); // four layers: a longer tensor table
  await page.waitForFunction((h) => document.getElementById('widget-lstm').clientHeight > h + 100, before);
  const received = await page.evaluate(() => window.received);
  assert.ok(received.some((m) => m.type === 'rnn-params:resize' && Number.isInteger(m.height) && m.height > before));
  assert.ok(received.some((m) => m.subject === 'lti.frameResize' && m.height > before));
  assert.deepEqual(page.problems, []);
});

test('the widget never acts on messages it receives', async () => {
  const page = await app.page('examples/course-page.html', { waitForTotal: false });
  const first = page.frameLocator('#widget-lstm');
  await first.locator('[data-testid="total"]').waitFor();
  await page.evaluate(() => {
    const w = document.getElementById('widget-lstm').contentWindow;
    for (const data of [{ type: 'rnn-params:resize', height: 5 }, { units: 1 }, 'cell=gru', { subject: 'lti.frameResize' }]) {
      w.postMessage(data, '*');
    }
  });
  await page.waitForTimeout(200);
  assert.equal(await first.locator('[data-testid="total"]').getAttribute('data-value'), '4457472');
  assert.deepEqual(page.problems, []);
});

test('the build works from a sub-path and requests nothing from another origin', async () => {
  const sub = await open({ base: '/courses/rnn/' });
  try {
    const page = await sub.page('?cell=gru&bidir=1');
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.reload();
    await page.waitForSelector('[data-testid="total"][data-value="6687744"]');
    assert.ok(requested.length >= 4, requested.join('\n'));
    for (const url of requested) assert.ok(url.startsWith(sub.url) || url.startsWith('data:'), `request outside the app: ${url}`);
    assert.ok(sub.requests.every((p) => p.startsWith('/courses/rnn/')), sub.requests.join('\n'));
    assert.deepEqual(page.problems, []);
  } finally {
    await sub.close();
  }
});

test('at 320 px nothing scrolls sideways and touch targets are at least 24 px', async () => {
  for (const query of ['', '?framework=pytorch&cell=lstm&bidir=1&layers=3&proj=64&units=1048576&input=1048576', '?cell=gru&embed=1&theme=dark']) {
    const page = await app.page(query, { viewport: { width: 320, height: 640 } });
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `${query}: ${widths}`);
    const small = await page.$$eval('input, button, select, textarea, summary, [role="button"]', (els) =>
      els
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { id: e.id || e.className?.baseVal || e.tagName, w: Math.round(r.width), h: Math.round(r.height) };
        })
        .filter((r) => r.w < 24 || r.h < 24),
    );
    assert.deepEqual(small, [], query);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('printing shows the values and the diagram, not the controls', async () => {
  const page = await app.page('?cell=lstm');
  await page.emulateMedia({ media: 'print' });
  const shown = (selector) => page.$eval(selector, (e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0);
  assert.equal(await shown('.controls-panel'), false);
  assert.equal(await shown('.share-panel'), false);
  assert.equal(await shown('[data-testid="total"]'), true);
  assert.equal(await shown('[data-testid="diagram"]'), true);
  assert.equal(await shown('[data-testid="arithmetic"]'), true);
  assert.equal(await shown('[data-testid="tensors"]'), true);
  assert.deepEqual(page.problems, []);
});

test('the share panel copies a permalink, an iframe snippet and a Markdown link', async () => {
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await app.page('?cell=gru&bidir=1&steps=12');
  // The texts are written when the panel nears the viewport.
  await page.locator('.share').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-markdown"]').value !== '');
  const link = await page.inputValue('[data-testid="share-link"]');
  assert.equal(link, `${app.url}?framework=keras&cell=gru&input=4096&units=256&bidir=1&steps=12`);
  const iframe = await page.inputValue('[data-testid="share-iframe"]');
  assert.match(iframe, /^<iframe src="[^"]+&embed=1" title="rnn-params: Keras bidirectional GRU\(256\) on 4,096 input features" width="100%" height="\d+" loading="lazy"/);
  const markdown = await page.inputValue('[data-testid="share-markdown"]');
  assert.equal(markdown, `[Keras bidirectional GRU(256) on 4,096 input features: 6,687,744 parameters](${link})`);
  await page.click('.copy-row:has([data-testid="share-link"]) button');
  await page.waitForSelector('#share-link-status:text("Copied.")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  // The link opens exactly this state.
  const again = await app.page(link.slice(app.url.length));
  assert.equal(await total(again), 6687744);
  assert.equal(await again.inputValue('#steps'), '12');
  assert.deepEqual([...page.problems, ...again.problems], []);
});

test("the snippet's height is the embedded widget's own height, measured for the chosen column width", async () => {
  const page = await app.page('?cell=gru&input=16&units=32&bidir=1');
  await page.locator('.share').scrollIntoViewIfNeeded();
  const measuredSnippet = async (previous) => {
    await page.waitForFunction(
      (before) =>
        /measured/.test(document.querySelector('[data-testid="share-height"]').textContent) &&
        document.querySelector('[data-testid="share-iframe"]').value !== before,
      previous,
    );
    const snippet = await page.inputValue('[data-testid="share-iframe"]');
    return { snippet, src: snippet.match(/src="([^"]+)"/)[1], height: Number(snippet.match(/height="(\d+)"/)[1]) };
  };
  // How tall the same address is in a frame of the given width on a page of its own.
  const heightAt = async (src, width) => {
    // A page of the same origin (its policy allows framing the widget), emptied for one frame.
    const host = await app.page('examples/course-page.html', { waitForTotal: false });
    await host.evaluate(
      ([src, width]) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        // Set through CSSOM, which the page's stylesheet (iframes 100 % wide) does not override.
        frame.style.setProperty('width', `${width}px`, 'important');
        frame.style.setProperty('height', '20000px', 'important');
        document.body.replaceChildren(frame);
      },
      [src, width],
    );
    const frame = host.frameLocator('iframe');
    await frame.locator('[data-testid="total"][data-value]').waitFor();
    // Charts not drawn yet keep the room they will take, so the height is final once the page is.
    await host.waitForTimeout(300);
    const h = await frame.locator('body').evaluate((body) => Math.ceil(body.getBoundingClientRect().height));
    await host.close();
    return h;
  };
  const full = await measuredSnippet('');
  assert.ok(full.height > 4000, `a whole widget is tall: ${full.height}`);
  assert.equal(full.height, await heightAt(full.src, 760));
  assert.match(await page.textContent('[data-testid="share-height"]'), new RegExp(`height="${full.height}" .* 760 px wide`));
  const copyButton = '.copy-row:has([data-testid="share-iframe"]) button';
  assert.equal(await page.isEnabled(copyButton), true);
  // Leaving sections out makes the frame shorter, by what they took; Copy waits for the measure.
  await page.check('#embed-hide-plot');
  await page.check('#embed-hide-tensors');
  await page.waitForSelector(`${copyButton}[disabled]`);
  const shorter = await measuredSnippet(full.snippet);
  assert.equal(await page.isEnabled(copyButton), true);
  assert.match(shorter.src, /hide=tensors,plot/);
  assert.ok(shorter.height < full.height - 1000, `${shorter.height} < ${full.height}`);
  assert.equal(shorter.height, await heightAt(shorter.src, 760));
  // A phone-wide column is taller.
  await page.check('#embed-column-400');
  const phone = await measuredSnippet(shorter.snippet);
  assert.ok(phone.height > shorter.height);
  assert.equal(phone.height, await heightAt(phone.src, 400));
  // The measuring frame adds nothing to the page's own size and is not reachable.
  const sizes = await page.evaluate(() => [document.documentElement.scrollHeight, document.body.getBoundingClientRect().height]);
  assert.ok(sizes[0] - sizes[1] < 40, JSON.stringify(sizes));
  // Once it has reported, the measuring frame leaves the page: no second widget keeps running.
  assert.equal(await page.locator('.measure-frame').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('inside a frame the share panel measures nothing and says so', async () => {
  const page = await app.page('examples/course-page.html', { waitForTotal: false });
  // An embed shows the share panel only when asked for (show=share).
  await page.frameLocator('iframe').nth(1).locator('.app[data-ready]').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    const f = document.getElementById('widget-gru');
    f.loading = 'eager';
    f.src = `${f.src}&show=share`;
  });
  const frame = page.frameLocator('iframe').nth(1);
  await frame.locator('[data-testid="total"][data-value]').waitFor();
  await frame.locator('.share').scrollIntoViewIfNeeded();
  await frame.locator('[data-testid="share-height"]').filter({ hasText: "this frame's own height" }).waitFor();
  assert.equal(await frame.locator('[name="embed-column"]').count(), 0);
  assert.equal(await frame.locator('.measure-frame').count(), 0);
  assert.equal(await frame.locator('.copy-row:has([data-testid="share-iframe"]) button').isEnabled(), true);
  assert.deepEqual(page.problems, []);
});

test('the embed options write lock, hide and theme into the iframe snippet, and the snippet opens that state', async () => {
  const page = await app.page('?cell=lstm&input=4096&units=256');
  await page.locator('.share').scrollIntoViewIfNeeded();
  await page.check('#embed-lock-input');
  await page.check('#embed-lock-units');
  await page.check('#embed-hide-plot');
  await page.check('#embed-theme-light');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-iframe"]').value.includes('theme=light'));
  const snippet = await page.inputValue('[data-testid="share-iframe"]');
  const src = snippet.match(/src="([^"]+)"/)[1];
  assert.match(src, /[?&]theme=light&embed=1&hide=plot&lock=input,units$/);
  // The page itself is unchanged: the options are for the snippet only.
  assert.equal(await page.locator('[data-testid="plot"]').count(), 1);
  assert.equal(await page.getAttribute('#units', 'readonly'), null);
  const embedded = await app.page(src.slice(src.indexOf('?')));
  assert.equal(await total(embedded), 4457472);
  assert.equal(await embedded.locator('[data-testid="plot"]').count(), 0);
  assert.equal(await embedded.getAttribute('#units', 'readonly'), '');
  assert.equal(await embedded.evaluate(() => getComputedStyle(document.documentElement).colorScheme), 'light');
  assert.deepEqual([...page.problems, ...embedded.problems], []);
});

test('when the clipboard is refused, the text is selected with a hint', async () => {
  const page = await app.context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await page.goto(`${app.url}?cell=lstm`);
  await page.locator('.share').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-markdown"]').value !== '');
  await page.click('.copy-row:has([data-testid="share-markdown"]) button');
  await page.waitForSelector('#share-markdown-status:text("press Ctrl+C")');
  const selection = await page.evaluate(() => {
    const el = document.activeElement;
    return el.value.slice(el.selectionStart, el.selectionEnd);
  });
  assert.equal(selection, await page.inputValue('[data-testid="share-markdown"]'));
  assert.deepEqual(page.problems, []);
});
