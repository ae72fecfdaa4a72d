// Issue 16: the MyST {anywidget} recipe of docs/embedding.md, checked with mystmd's own CLI (npm
// mystmd) offline: `myst build --site` parses the page and copies the module (its last step, the
// theme, needs a download this network refuses, so it fails there, after the page is built). The
// node it writes (esm + model) is then rendered the way a MyST theme does, with an in-page model,
// in Chromium: the widget shows the recipe's layer, sized, and a change in it reaches the model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, writeFile, readFile, rm, mkdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { open } from './harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '..', '..');
let app;
let host;
let dir;
before(async () => {
  app = await open();
  dir = await mkdtemp(join(tmpdir(), 'rnn-params-myst-'));
});
after(async () => {
  await app?.close();
  await new Promise((ok) => (host ? host.server.close(ok) : ok()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The recipe as docs/embedding.md gives it, with the test server's address for example.edu. */
async function recipe() {
  const docs = await readFile(join(ROOT, 'docs', 'embedding.md'), 'utf8');
  const block = docs.match(/````markdown\n([\s\S]*?)\n````/);
  assert.ok(block, 'docs/embedding.md has the MyST recipe in a ````markdown block');
  return block[1].replaceAll('https://example.edu/courses/rnn/', app.url);
}

function findNode(node, type) {
  if (Array.isArray(node)) return node.map((n) => findNode(n, type)).find(Boolean);
  if (node && typeof node === 'object') {
    if (node.type === type) return node;
    return findNode(Object.values(node), type);
  }
  return undefined;
}

test("mystmd parses the docs' {anywidget} recipe, and the node it writes renders the widget", async () => {
  const markdown = await recipe();
  await writeFile(join(dir, 'myst.yml'), 'version: 1\nproject:\n  title: Lesson\nsite:\n  template: book-theme\n');
  await writeFile(join(dir, 'lesson.md'), markdown);
  // The module beside the page, as the recipe says (dist/anywidget.js copied into the book).
  await mkdir(join(dir, 'rnn'));
  await copyFile(join(ROOT, process.env.DIST ?? 'dist', 'anywidget.js'), join(dir, 'rnn', 'anywidget.js'));
  const myst = require.resolve('mystmd/dist/myst.cjs');
  const r = spawnSync(process.execPath, [myst, 'build', '--site'], { cwd: dir, encoding: 'utf8', timeout: 120000 });
  const log = `${r.stdout}\n${r.stderr}`;
  // The page is built; only the theme lookup fails offline.
  assert.match(log, /Built 1 page/, log);
  assert.doesNotMatch(log, /Error saving asset|Unknown directive|anywidget.*(error|invalid)/i, log);
  const page = JSON.parse(await readFile(join(dir, '_build', 'site', 'content', 'lesson.json'), 'utf8'));
  const node = findNode(page.mdast, 'anywidget');
  assert.ok(node, JSON.stringify(page.mdast).slice(0, 500));
  assert.match(node.esm, /^\/anywidget-[0-9a-f]+\.js$/);
  assert.deepEqual(node.model, { base_url: app.url, cell: 'gru', input: 4096, units: 128 });
  const module = await readFile(join(dir, '_build', 'site', 'public', node.esm.slice(1)), 'utf8');
  assert.equal(module, await readFile(join(dir, 'rnn', 'anywidget.js'), 'utf8'));

  // Rendered as a theme does: the module's default export, an in-page model from the node.
  await writeFile(join(dir, 'page.html'), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Lesson</title></head><body><h1>Lesson</h1><div id="w"></div><script type="module" src="page.js"></script></body></html>');
  await writeFile(
    join(dir, 'page.js'),
    `const page = await (await fetch('_build/site/content/lesson.json')).json();
const find = (n) => Array.isArray(n) ? n.map(find).find(Boolean) : n && typeof n === 'object' ? (n.type === 'anywidget' ? n : find(Object.values(n))) : undefined;
const node = find(page.mdast);
const widget = await import('./_build/site/public' + node.esm);
const listeners = {};
const model = {
  data: { ...node.model },
  get(k) { return this.data[k]; },
  set(k, v) { this.data[k] = v; for (const f of listeners['change:' + k] ?? []) f(); },
  on(e, f) { (listeners[e] ??= []).push(f); },
  off(e, f) { listeners[e] = (listeners[e] ?? []).filter((g) => g !== f); },
  save_changes() { window.saved = (window.saved ?? 0) + 1; },
};
window.model = model;
widget.default.render({ model, el: document.getElementById('w') });
`,
  );
  host = await startServer({ root: dir, csp: false });
  const browserPage = await app.context.newPage();
  const problems = [];
  browserPage.on('pageerror', (e) => problems.push(e.message));
  await browserPage.goto(`${host.url}page.html`);
  const frame = browserPage.frameLocator('#w iframe');
  await frame.locator('[data-testid="total"][data-value="1622784"]').waitFor();
  await browserPage.waitForFunction(() => {
    const f = document.querySelector('#w iframe');
    return f && f.getBoundingClientRect().height > 1500;
  });
  await frame.locator('#units').fill('64');
  await browserPage.waitForFunction(() => window.model.data.units === 64 && window.saved > 0);
  assert.equal(await browserPage.evaluate(() => window.model.data.cell), 'gru');
  assert.deepEqual(problems, []);
});
