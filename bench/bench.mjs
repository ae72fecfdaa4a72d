// Benchmarks of the release build in dist/, in Debian's headless chromium. Prints numbers; asserts
// nothing (targets are compared in docs/performance.md). Run through scripts/bench.
//
//   1. every file of the first load (requested before the total shows) and of the whole widget, raw
//      and gzip, and their totals;
//   2. first render: navigation start → the total visible, over 20 cold loads (fresh context), with
//      the medians of its steps (page parsed, first module instantiated, the app's main), and its
//      floor: the same first screen as static markup (the page's own HTML and stylesheet, the
//      markup the app had built when its total showed, written by one line of JS; no
//      WebAssembly), and the smallest Leptos page (bench/leptos-floor: a counter showing a total,
//      in the same page and stylesheet), loaded the same way from the same kind of server,
//      interleaved with the app's loads; the first render is reported as a ratio to both;
//   3. update latency: control change → every panel updated (total, arithmetic, diagram, tensors,
//      plot) and laid out, over 320 changes (slider steps, cell and framework switches);
//   4. memory: JS heap and wasm memory after 10, 1,000 and 10,000 changes;
//   5. the plain-JS floor: the DOM changes of one units-slider step of the real page, captured with
//      a MutationObserver, replayed by hand-written DOM calls on a static copy of the same page (same
//      stylesheet, same layout), measured with the same clock; the product's units steps are
//      reported as a ratio to it.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch } from '../tests/e2e/harness.mjs';
import { startServer } from '../scripts/static-server.mjs';

const COLD_LOADS = Number(process.env.BENCH_COLD_LOADS ?? 20);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 320);
// How many changes the memory is measured over (issue 10's target: flat over 10,000).
const MEMORY_CHANGES = Number(process.env.BENCH_MEMORY_CHANGES ?? 10000);
// BENCH_LOAD_ONLY=1 stops after the sizes and the first render (to compare two builds quickly).
const LOAD_ONLY = process.env.BENCH_LOAD_ONLY === '1';
// The build measured (another build, e.g. of an earlier commit, to compare in the same conditions).
const DIST = process.env.BENCH_DIST ?? 'dist';
// The query the cold loads open (e.g. `?kind=convlstm`, whose count waits for the families module).
const QUERY = process.env.BENCH_QUERY ?? '';

const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7) + ' KB';
const ms = (v) => v.toFixed(1).padStart(6) + ' ms';

// Records when the total first shows a value, relative to navigation start, and the wasm exports;
// also when the page was parsed and when the first module was instantiated (the split of the first
// render into the page's own loading and the app's `main`).
const INSTRUMENT = () => {
  window.__bench = {};
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive') window.__bench.parsed = performance.now();
  });
  const instantiate = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function (...args) {
    return instantiate.apply(this, args).then((result) => {
      window.__bench.instantiated ??= performance.now();
      return result;
    });
  };
  addEventListener('TrunkApplicationStarted', (e) => (window.__bench.wasm = e.detail.wasm));
  const seen = () => {
    const t = document.querySelector('[data-testid="total"]');
    if (t && t.dataset.value && !window.__bench.firstRender) {
      window.__bench.firstRender = performance.now();
      // What the reader sees at that moment, for the first render's floor (below).
      window.__bench.firstScreen = document.body.innerHTML;
    }
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true });
};

/**
 * The files of one load, split at the moment the total first shows: `first` is every file requested
 * before it (the page, its stylesheet, the first module and its glue), `whole` every file the page
 * requests until the network is idle (with the second module, src/deferred).
 */
async function loadFiles(server, browser) {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.__bench.firstRender !== undefined);
  await page.waitForSelector('.app[data-ready]', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  const { shown, firstScreen, resources } = await page.evaluate(() => ({
    shown: window.__bench.firstRender,
    firstScreen: window.__bench.firstScreen,
    resources: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime })),
  }));
  await context.close();
  const row = async (path) => {
    const file = path === '/' ? 'index.html' : path.slice(1);
    const bytes = await readFile(join(DIST, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const unique = (list) => [...new Set(list)];
  const first = await Promise.all(unique(['/', ...resources.filter((r) => r.start < shown).map((r) => r.path)]).map(row));
  const whole = await Promise.all(unique(['/', ...resources.map((r) => r.path)]).map(row));
  return { first, whole, firstScreen };
}

/** The app's boot script and the preload links after it, in dist's index.html. */
const BOOT_SCRIPTS = /<script type="module"[^>]*><\/script>(<link rel="(?:modulepreload|preload)"[^>]*>)*/;

/**
 * The first render's floor: a folder with the page's own index.html and stylesheet in which the
 * app's scripts are replaced by one module that writes `firstScreen` (the markup the app had built
 * when its total showed) into the body. What a page with this first screen costs the browser, the
 * server and this harness with no WebAssembly and no app code at all.
 */
async function floorPage(firstScreen) {
  const folder = await mkdtemp(join(tmpdir(), 'rnn-params-floor-'));
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  if (!BOOT_SCRIPTS.test(html)) throw new Error('bench: the boot script was not found in index.html');
  await writeFile(join(folder, 'index.html'), html.replace(BOOT_SCRIPTS, '<script type="module" src="./floor.js"></script>'));
  await writeFile(join(folder, 'floor.js'), `document.body.innerHTML = ${JSON.stringify(firstScreen)};\n`);
  for (const file of await readdir(DIST)) {
    if (file.endsWith('.css') || file === 'favicon.svg') await copyFile(join(DIST, file), join(folder, file));
  }
  return folder;
}

/**
 * The Leptos floor's page: the app's index.html and stylesheet with the counter of
 * bench/leptos-floor (built by its `build` into `pkg`) in place of the app's scripts, preloaded the
 * same way. Null when it was not built (scripts/bench builds it).
 */
async function leptosFloorPage() {
  const pkg = join('target', 'leptos-floor', 'pkg');
  if (!existsSync(join(pkg, 'floor_bg.wasm'))) return null;
  const folder = await mkdtemp(join(tmpdir(), 'rnn-params-leptos-floor-'));
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const boot =
    '<script type="module" src="./boot.js"></script><link rel="modulepreload" href="./floor.js">' +
    '<link rel="preload" href="./floor_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">';
  await writeFile(join(folder, 'index.html'), html.replace(BOOT_SCRIPTS, boot));
  await writeFile(
    join(folder, 'boot.js'),
    "import init from './floor.js';\nawait init({ module_or_path: new URL('./floor_bg.wasm', import.meta.url) });\n",
  );
  for (const file of ['floor.js', 'floor_bg.wasm']) await copyFile(join(pkg, file), join(folder, file));
  for (const file of await readdir(DIST)) {
    if (file.endsWith('.css') || file === 'favicon.svg') await copyFile(join(DIST, file), join(folder, file));
  }
  return folder;
}

/** One cold load (an empty cache) of `url`: the instrumented steps, navigation start → total visible. */
async function coldLoad(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.firstRender !== undefined);
  const steps = await page.evaluate(() => ({ ...window.__bench, wasm: undefined, firstScreen: undefined }));
  await context.close();
  return steps;
}

/**
 * The app's cold loads and the floor pages' (static markup; the Leptos counter when built),
 * interleaved, so that the machine's drift touches them alike.
 */
async function firstRender(server, floorServer, leptosServer, browser) {
  const [app, floor, leptos] = [[], [], []];
  for (let i = 0; i < COLD_LOADS; i++) {
    app.push(await coldLoad(browser, server.url + QUERY));
    floor.push(await coldLoad(browser, floorServer.url));
    if (leptosServer) leptos.push(await coldLoad(browser, leptosServer.url));
  }
  return { app, floor, leptos };
}

/** Performs change `i` of a fixed sequence in the page and returns how long until every panel showed it. */
/** The units slider's stops (crates/model/src/ladder.rs): 2^k, 1.5·2^k and 1, 2, 3, 5·10^k, in order. */
const STOPS = (() => {
  const s = new Set();
  for (let p = 1; p <= 1048576; p *= 2) {
    s.add(p);
    if (p >= 2 && p + p / 2 <= 1048576) s.add(p + p / 2);
  }
  for (let t = 1; t <= 1048576; t *= 10) for (const k of [1, 2, 3, 5]) if (t * k <= 1048576) s.add(t * k);
  return [...s].sort((a, b) => a - b);
})();

const CHANGE = async ([i, stops]) => {
  const grouped = (v) => Number(v).toLocaleString('en-US');
  const hop = () => new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = r;
    c.port2.postMessage(0);
  });
  // Every panel shows the same total, and the change itself is visible in each panel it affects.
  const consistent = (shows) => {
    const total = document.querySelector('[data-testid="total"]').dataset.value;
    const g = grouped(total);
    return (
      shows() &&
      document.querySelector('[data-testid="arithmetic-summary"]').textContent.endsWith(g) &&
      document.querySelector('[data-testid="tensors-total"]').textContent === g &&
      document.querySelector('[data-testid="diagram"] desc').textContent.includes(g) &&
      document.querySelector('[data-testid="plot"] [data-testid="marker"]')?.dataset.y === total
    );
  };
  let shows;
  const t0 = performance.now();
  const kind = i % 8;
  if (kind < 5) {
    // A units slider step, sweeping up and down between 32 and 16,384.
    const slider = document.getElementById('units-slider');
    // Positions of 32 and 16,384.
    const lo = stops.indexOf(32);
    const hi = stops.indexOf(16384);
    const span = hi - lo;
    const k = Math.floor(i / 8) * 5 + kind;
    const phase = k % (2 * span);
    const index = phase < span ? lo + phase : hi - (phase - span);
    slider.value = String(index);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    // The page updates after the event, so the value is computed here.
    const units = String(stops[index]);
    shows = () =>
      document.querySelector('[data-testid="diagram"] [data-gate]').textContent.includes(`W ${units} ×`) &&
      document.querySelector('[data-testid="arithmetic-summary"]').textContent.includes(`× ${units})`) &&
      document.querySelector('[data-testid="plot"] [data-testid="marker"]')?.dataset.x === units;
  } else if (kind < 7) {
    const cells = ['rnn', 'gru', 'lstm'];
    const current = cells.find((c) => document.getElementById(`cell-${c}`).checked);
    const next = cells[(cells.indexOf(current) + 1) % 3];
    document.getElementById(`cell-${next}`).click();
    const blocks = { rnn: 1, gru: 3, lstm: 4 }[next];
    shows = () =>
      document.querySelectorAll('[data-testid="diagram"] [data-gate]').length === blocks &&
      document.querySelector('[data-testid="tensors"] .gate-strip').children.length === blocks &&
      document.querySelector('[data-testid="plot"] .series-current')?.dataset.series === next;
  } else {
    const next = document.getElementById('framework-keras').checked ? 'pytorch' : 'keras';
    document.getElementById(`framework-${next}`).click();
    const first = next === 'keras' ? 'kernel' : 'weight_ih_l0';
    const other = next === 'keras' ? 'PyTorch' : 'Keras';
    shows = () =>
      document.querySelector('[data-testid="tensors"] tr.tensor-row').dataset.name === first &&
      document.querySelector('[data-testid="comparison"]').textContent.startsWith(other);
  }
  for (let n = 0; !consistent(shows); n++) {
    if (n > 10000) throw new Error(`change ${i} never showed everywhere`);
    await hop();
  }
  void document.body.offsetHeight; // style and layout of the new content
  return performance.now() - t0;
};

async function updates(server, browser) {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  // Tall enough that every panel, the plot included, is drawn.
  await page.setViewportSize({ width: 1280, height: 6000 });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="plot"] [data-testid="marker"]');
  const cdp = await context.newCDPSession(page);
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__bench.wasm.memory.buffer.byteLength);
    return { js: heap.usedSize, wasm };
  };
  const latencies = [];
  const byKind = { 'units slider step': [], 'cell switch': [], 'framework switch': [] };
  for (let i = 0; i < 10; i++) await page.evaluate(CHANGE, [i, STOPS]);
  const after10 = await memory();
  for (let i = 10; i < 1000; i++) {
    const t = await page.evaluate(CHANGE, [i, STOPS]);
    if (i < 10 + CHANGES) {
      latencies.push(t);
      const kind = i % 8;
      byKind[kind < 5 ? 'units slider step' : kind < 7 ? 'cell switch' : 'framework switch'].push(t);
    }
  }
  const after1000 = await memory();
  for (let i = 1000; i < MEMORY_CHANGES; i++) await page.evaluate(CHANGE, [i, STOPS]);
  const after10000 = await memory();
  await context.close();
  return { latencies, byKind, after10, after1000, after10000 };
}


/**
 * The plain-JS floor, in the real page: captures the DOM changes of one units step (256 → 300) and
 * of the step back with a MutationObserver (each changed attribute, text node, or replaced subtree,
 * with its new value), then replays them `count` times, alternating, with hand-written DOM calls on
 * the same nodes while the app sits idle. Same document, stylesheet and layout as the product, same
 * clock; the app's own work is what the product's time adds.
 */
async function floor(server, browser, count) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 6000 });
  await page.goto(server.url + '?cell=lstm&input=4096&units=256');
  await page.waitForSelector('[data-testid="plot"] [data-testid="marker"]');
  await page.waitForTimeout(300);
  const record = (delta) =>
    page.evaluate(async ([delta, stops]) => {
      const seen = new Map();
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const node = r.type === 'characterData' ? r.target : r.target;
          const key = r.type === 'attributes' ? `a:${r.attributeName}` : r.type === 'characterData' ? 't' : 'h';
          if (!seen.has(node)) seen.set(node, new Map());
          seen.get(node).set(key, { kind: key[0], name: r.attributeName });
        }
      });
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      // One stop of the units slider, then wait until the plot's marker shows it and everything
      // has settled.
      const slider = document.getElementById('units-slider');
      const target = Number(slider.value) + delta;
      const units = String(stops[target]);
      slider.value = String(target);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      for (let n = 0; document.querySelector('[data-testid="plot"] [data-testid="marker"]')?.dataset.x !== units; n++) {
        if (n > 10000) throw new Error('the step never showed');
        await new Promise((r) => setTimeout(r, 0));
      }
      await new Promise((r) => setTimeout(r, 50));
      observer.disconnect();
      const replaced = [...seen].filter(([, m]) => m.has('h')).map(([n]) => n);
      const changes = [];
      for (const [node, m] of seen) {
        if (!node.isConnected || replaced.some((h) => h !== node && h.contains(node))) continue;
        for (const { kind, name } of m.values()) {
          if (kind === 'a') changes.push({ node, kind, name, value: node.getAttribute(name) });
          else if (kind === 't') changes.push({ node, kind, value: node.data });
          else changes.push({ node, kind, value: node.innerHTML });
        }
      }
      (window.__floor ??= []).push(changes);
      const n = (k) => changes.filter((c) => c.kind === k).length;
      return { text: n('t'), attributes: n('a'), subtrees: n('h') };
    }, [delta, STOPS]);
  const up = await record(1);
  const down = await record(-1);
  // Measured as the product's changes are (CHANGE): one change per call, a message-channel hop
  // after it (the product needs it for its effects to run), then a forced style and layout.
  const times = [];
  for (let i = 0; i < count; i++) {
    times.push(
      await page.evaluate(async (i) => {
        const hop = () => new Promise((r) => {
          const c = new MessageChannel();
          c.port1.onmessage = r;
          c.port2.postMessage(0);
        });
        const t0 = performance.now();
        for (const c of window.__floor[i % 2]) {
          if (c.kind === 'a') c.node.setAttribute(c.name, c.value);
          else if (c.kind === 't') c.node.data = c.value;
          else c.node.innerHTML = c.value;
        }
        await hop();
        void document.body.offsetHeight; // style and layout of the new content
        return performance.now() - t0;
      }, i),
    );
  }
  await context.close();
  return { up, down, times };
}

const kinds = (c) => `${c.text} text nodes, ${c.attributes} attributes, ${c.subtrees} subtrees replaced`;

const served = await startServer({ root: DIST });
const browser = await launch();
try {
  console.log(`rnn-params benchmark, ${new Date().toISOString()}, chromium ${browser.version()}\n`);

  const { first, whole, firstScreen } = await loadFiles(served, browser);
  const sum = (files, k) => files.reduce((a, f) => a + f[k], 0);
  console.log('First load (every file requested before the total shows):');
  for (const f of first) console.log(`  ${f.file.padEnd(44)} ${kb(f.raw)} raw ${kb(f.gzip)} gzip`);
  console.log(`  ${'total'.padEnd(44)} ${kb(sum(first, 'raw'))} raw ${kb(sum(first, 'gzip'))} gzip   (target ≤ 90 KB gzip)\n`);
  console.log('Whole widget (every file the page requests):');
  for (const f of whole.filter((w) => !first.some((f) => f.file === w.file))) {
    console.log(`  ${f.file.padEnd(44)} ${kb(f.raw)} raw ${kb(f.gzip)} gzip`);
  }
  console.log(`  ${'total'.padEnd(44)} ${kb(sum(whole, 'raw'))} raw ${kb(sum(whole, 'gzip'))} gzip   (target ≤ 250 KB gzip)\n`);

  // No policy header: the snapshot keeps the style attributes the app had set through the CSSOM,
  // which a strict style-src would refuse in markup.
  const floorServer = await startServer({ root: await floorPage(firstScreen), csp: false });
  const leptosFloor = await leptosFloorPage();
  const leptosServer = leptosFloor && (await startServer({ root: leptosFloor }));
  const { app: loads, floor: floorLoads, leptos: leptosLoads } = await firstRender(served, floorServer, leptosServer, browser);
  floorServer.server.close();
  leptosServer?.server.close();
  const renders = loads.map((l) => l.firstRender);
  const floorRenders = floorLoads.map((l) => l.firstRender);
  console.log(`First render, navigation start → total visible, ${renders.length} cold loads:`);
  console.log(`  median ${ms(pct(renders, 50))}   p95 ${ms(pct(renders, 95))}   (target: median ≤ 100 ms, p95 ≤ 150 ms)`);
  // Medians of each step on its own: the page's loading, then the app's main (see docs/performance.md).
  const step = (f) => ms(pct(loads.map(f), 50));
  console.log(`  page parsed at ${step((l) => l.parsed)}, first module instantiated at ${step((l) => l.instantiated)}, main (instantiated → total) ${step((l) => l.firstRender - l.instantiated)}`);
  console.log(`  floor: the same first screen as static markup, no WebAssembly (${floorRenders.length} cold loads, interleaved):`);
  console.log(`  median ${ms(pct(floorRenders, 50))}   p95 ${ms(pct(floorRenders, 95))}   page parsed at ${ms(pct(floorLoads.map((l) => l.parsed), 50))}`);
  const ratio = (floors) => `median ${(pct(renders, 50) / pct(floors, 50)).toFixed(2)} ×   p95 ${(pct(renders, 95) / pct(floors, 95)).toFixed(2)} ×`;
  console.log(`  first render / static floor  ${ratio(floorRenders)}`);
  if (leptosServer) {
    const leptosRenders = leptosLoads.map((l) => l.firstRender);
    console.log(`  Leptos floor: a Leptos counter in the same page (bench/leptos-floor), ${leptosRenders.length} cold loads, interleaved:`);
    console.log(`  median ${ms(pct(leptosRenders, 50))}   p95 ${ms(pct(leptosRenders, 95))}   its wasm ${kb(gzipSync(readFileSync(join(leptosFloor, 'floor_bg.wasm')), { level: 9 }).length)} gzip`);
    console.log(`  first render / Leptos floor  ${ratio(leptosRenders)}\n`);
  } else {
    console.log('  Leptos floor: not built (scripts/bench builds it: bench/leptos-floor/build)\n');
  }
  if (!LOAD_ONLY) await restOfBench(served, browser);
} finally {
  await browser.close();
  served.server.close();
}

/** Update latency, the plain-JS floor and memory (everything after the first render). */
async function restOfBench(served, browser) {

  const { latencies, byKind, after10, after1000, after10000 } = await updates(served, browser);
  console.log(`Update latency, change → every panel updated and laid out, ${latencies.length} changes:`);
  console.log(`  all                 p50 ${ms(pct(latencies, 50))}   p95 ${ms(pct(latencies, 95))}   max ${ms(Math.max(...latencies))}   (target p95 ≤ 4 ms)`);
  for (const [kind, values] of Object.entries(byKind)) {
    console.log(`  ${kind.padEnd(19)} p50 ${ms(pct(values, 50))}   p95 ${ms(pct(values, 95))}   (${values.length})`);
  }
  console.log('');

  const captured = await floor(served, browser, 400);
  const floorTimes = captured.times;
  const units = byKind['units slider step'];
  const [f50, f95] = [pct(floorTimes, 50), pct(floorTimes, 95)];
  console.log('Plain-JS floor: the same DOM changes as one units step, by hand, same page and clock:');
  console.log(`  one step up   ${kinds(captured.up)}`);
  console.log(`  one step down ${kinds(captured.down)}`);
  console.log(`  floor               p50 ${ms(f50)}   p95 ${ms(f95)}   (${floorTimes.length})`);
  console.log(`  units step / floor  p50 ${(pct(units, 50) / f50).toFixed(2)} ×   p95 ${(pct(units, 95) / f95).toFixed(2)} ×   (target ≤ 1.5 ×)`);
  for (const kind of ['cell switch', 'framework switch']) {
    const v = byKind[kind];
    console.log(`  ${kind.padEnd(17)} / floor  p95 ${(pct(v, 95) / f95).toFixed(2)} ×   (target ≤ 3 ×)`);
  }
  console.log('');

  console.log(`Memory after 10 changes → 1,000 changes → ${MEMORY_CHANGES.toLocaleString('en-US')} changes (target: flat):`);
  console.log(`  JS heap ${kb(after10.js)} → ${kb(after1000.js)} → ${kb(after10000.js)}`);
  console.log(`  wasm    ${kb(after10.wasm)} → ${kb(after1000.wasm)} → ${kb(after10000.wasm)}`);
}
