// Issue 7: 2,000 random and malformed query strings (huge, negative, fractional, unicode, repeated
// keys, empty values, markup, broken escapes). The page never panics and is never blank, every
// rejected value is named in a message, and no value is ever inserted as markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './harness.mjs';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

/** mulberry32: a small seeded generator, so a failure can be replayed with FUZZ_SEED. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMERIC = ['input', 'units', 'layers', 'proj', 'steps'];
const FLAGS = ['bidir', 'bias', 'reset_after', 'embed'];
const CHOICES = {
  framework: ['keras', 'pytorch'],
  cell: ['rnn', 'gru', 'lstm'],
  merge: ['concat', 'sum', 'mul', 'ave'],
  plot: ['units', 'input', 'layers'],
  scale: ['linear', 'log'],
  theme: ['auto', 'light', 'dark'],
};
const LISTS = { hide: ['controls', 'diagram', 'arithmetic', 'tensors', 'plot', 'share'], lock: ['framework', 'cell', 'input', 'units', 'bidir', 'bias', 'reset_after', 'layers', 'merge', 'proj', 'steps', 'plot', 'scale'] };
const KEYS = [...NUMERIC, ...FLAGS, ...Object.keys(CHOICES), ...Object.keys(LISTS)];
const DEFAULTS = { framework: 'keras', cell: 'lstm', input: '4096', units: '256', bidir: '0', bias: '1', reset_after: '1', layers: '1', merge: 'concat', proj: '0', steps: '16', plot: 'units', scale: 'linear', embed: '0', theme: 'auto' };
const NASTY = ['', ' ', '-3', '0', '-0', '2.5', '1e3', '99999999999', '9'.repeat(40), '+12', '0x10', '１２８', '٣', '🙂', 'NaN', 'Infinity', 'null',
  '<img src=x onerror=alert(1)>', '<b>bold</b>', '"quoted"', "'); drop", '%', '%ZZ', '%00', '\u0000', 'a'.repeat(300), 'LSTM', ' gru ', 'TRUE', 'yes', 'off'];
const MARKUP = /<[a-z]/i;

function generate(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const value = (key) => {
    const r = random();
    if (r < 0.35) return pick(NASTY);
    if (NUMERIC.includes(key)) return String(r < 0.6 ? Math.floor(random() * 5000) : Math.floor(random() * 2_000_000) - 1000);
    if (FLAGS.includes(key)) return pick(['0', '1', '2', 'true', 'false']);
    if (CHOICES[key]) return r < 0.8 ? pick(CHOICES[key]) : pick(CHOICES[key]).toUpperCase();
    if (LISTS[key]) return Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.75 ? pick(LISTS[key]) : pick(NASTY))).join(',');
    return pick(NASTY);
  };
  const pairs = [];
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const key = random() < 0.9 ? pick(KEYS) : pick(['foo', 'Units', '', 'cell[]', '<x>', 'ünits']);
    pairs.push([key, value(key)]);
    if (random() < 0.1) pairs.push([key, value(key)]); // a repeated key
  }
  // Mostly well-encoded; sometimes raw, to get broken escapes and stray separators.
  return pairs
    .map(([k, v]) => (random() < 0.85 ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`))
    .join(random() < 0.95 ? '&' : '&&');
}

/** How the app reads a value, to tell whether it was used as given. */
function normalise(key, raw) {
  const v = raw.trim();
  if (NUMERIC.includes(key)) {
    const digits = v.replace(/^\+/, '');
    if (/^-0+$/.test(digits)) return '0';
    return /^\d+$/.test(digits) ? BigInt(digits).toString() : null;
  }
  if (FLAGS.includes(key)) {
    const l = v.toLowerCase();
    return ['1', 'true', 'yes', 'on'].includes(l) ? '1' : ['0', 'false', 'no', 'off'].includes(l) ? '0' : null;
  }
  return v.toLowerCase();
}

let app;
before(async () => {
  app = await open();
});
after(async () => app?.close());

/** Loads `query` in `page` and checks everything the issue asks; returns whether it had messages. */
async function check(page, run, query) {
    page.problems.length = 0;
    await page.goto(`${app.url}?${query}`);
    // Not a speed check: a loaded machine has taken 8 s for one load while other builds ran.
    const total = '[data-testid="total"][data-value]:not([data-value=""])';
    try {
      await page.waitForSelector(total, { timeout: 30000 });
    } catch {
      // Known and not yet understood (2026-12-02): about one load in 4,000 here never showed its
      // total, and 40 direct loads of the same query all did. Say what the page held, then load
      // it once more; a query whose total never shows still fails.
      const held = await page.evaluate(() => ({
        url: location.href,
        total: document.querySelector('[data-testid="total"]')?.outerHTML.slice(0, 200) ?? null,
        loading: document.getElementById('loading') !== null,
        fatal: !document.getElementById('fatal').hidden,
      }));
      console.log(`fuzz run ${run}: the total did not show; the page held ${JSON.stringify(held)} and reported ${JSON.stringify(page.problems)}; loading it again`);
      page.problems.length = 0;
      await page.goto(`${app.url}?${query}`);
      await page
        .waitForSelector(total, { timeout: 30000 })
        .catch((e) => assert.fail(`run ${run}: ?${query}: the total never showed (${e.message.split('\n')[0]})`));
    }
    const seen = await page.evaluate(() => ({
      fatal: !document.getElementById('fatal').hidden,
      text: document.body.innerText.length,
      canonical: location.search,
      messages: [...document.querySelectorAll('[data-testid="message"]')].map((m) => ({ param: m.dataset.param, text: m.textContent })),
      injected: document.querySelectorAll('.messages img, .messages b, .messages script, img:not([src$=".svg"])').length,
    }));
    const context = `run ${run}: ?${query}`;
    assert.deepEqual(page.problems, [], context);
    assert.equal(seen.fatal, false, context);
    assert.ok(seen.text > 200, `${context}: the page is blank`);
    assert.equal(seen.injected, 0, `${context}: markup from the URL became elements`);

    // Each given parameter either shows as given in the canonical address, or has a message.
    const given = new URLSearchParams(query);
    const canonical = new URLSearchParams(seen.canonical);
    const named = new Set(seen.messages.map((m) => m.param));
    const last = new Map([...given.entries()]);
    for (const [key, raw] of last) {
      if (KEYS.includes(key) && !LISTS[key]) {
        const wanted = normalise(key, raw);
        const got = canonical.get(key) ?? DEFAULTS[key];
        if (wanted !== got) assert.ok(named.has(key), `${context}: ${key}=${raw} became ${got} without a message`);
      } else if (LISTS[key]) {
        for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
          if (!LISTS[key].includes(name.toLowerCase())) {
            assert.ok(seen.messages.some((m) => m.param === key), `${context}: unknown ${key} name ${name} without a message`);
          }
        }
      } else {
        assert.ok(seen.messages.some((m) => m.text.includes('unknown parameter')), `${context}: unknown key ${key}`);
      }
      if (MARKUP.test(raw) && named.has(key) && KEYS.includes(key) && !LISTS[key]) {
        const shown = seen.messages.some((m) => m.param === key && m.text.includes(raw.trim().slice(0, 20)));
        assert.ok(shown, `${context}: markup not shown as text: ${JSON.stringify(seen.messages)}`);
      }
    }
    for (const m of seen.messages) assert.ok(m.text.length > 10, context);
    return seen.messages.length > 0;
}

const WORKERS = 2;

test(`${RUNS} random and malformed query strings (seed ${SEED})`, { timeout: 30 * 60 * 1000 }, async () => {
  const random = rng(SEED);
  const queries = Array.from({ length: RUNS }, () => generate(random));
  let next = 0;
  let withMessages = 0;
  // A few pages work through the list side by side; the queries and their order stay fixed by the seed.
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const page = await app.page('');
      while (next < queries.length) {
        const run = next++;
        if (await check(page, run, queries[run])) withMessages++;
      }
    }),
  );
  assert.ok(withMessages > RUNS / 4, `only ${withMessages} runs produced messages: the generator is too tame`);
});
