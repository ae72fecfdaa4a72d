// Issue 16: the anywidget in a real JupyterLab from PyPI (python/requirements-test.txt, in the venv
// that scripts/setup --browser caches), driven by Debian's chromium: the wheel that
// scripts/build-wheel makes (with the widget's files bundled) displays the widget; a change in the
// widget updates the Python object, and setting the Python object updates the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { launch } from './harness.mjs';

const VENV = process.env.RNN_PARAMS_VENV ?? join(homedir(), '.cache', 'rnn-params', 'jupyter-venv');
const ROOT = resolve(import.meta.dirname, '..', '..');

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const freePort = () =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

let lab;
let dir;
let browser;
let url;
before(async () => {
  // A fresh machine gets the venv here (scripts/test has run scripts/setup --browser already).
  if (!existsSync(join(VENV, 'bin', 'jupyter'))) run('scripts/setup', ['--browser'], { stdio: 'inherit' });
  run('scripts/build-wheel', [], { env: { ...process.env, RNN_PARAMS_VENV: VENV } });
  const wheel = readdirSync(join(ROOT, 'target', 'wheel')).find((f) => f.endsWith('.whl'));
  run(join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '--no-deps', '--force-reinstall', join(ROOT, 'target', 'wheel', wheel)]);
  dir = await mkdtemp(join(tmpdir(), 'rnn-params-lab-'));
  const cell = (source) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });
  await writeFile(
    join(dir, 'lesson.ipynb'),
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      cells: [
        cell('from rnn_params import RnnParams\nw = RnnParams(cell="lstm", input=4096, units=256)\nw'),
        cell('print("state", w.cell, w.input, w.units, w.layers)'),
        cell('w.cell = "gru"'),
      ],
    }),
  );
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const env = {
    ...process.env,
    JUPYTER_CONFIG_DIR: join(dir, '.jupyter'),
    JUPYTER_DATA_DIR: join(dir, '.data'),
    JUPYTER_RUNTIME_DIR: join(dir, '.runtime'),
    JUPYTERLAB_SETTINGS_DIR: join(dir, '.settings'),
    JUPYTERLAB_WORKSPACES_DIR: join(dir, '.workspaces'),
    IPYTHONDIR: join(dir, '.ipython'),
  };
  lab = spawn(
    join(VENV, 'bin', 'jupyter'),
    ['lab', '--no-browser', `--port=${port}`, '--ip=127.0.0.1', `--IdentityProvider.token=${token}`, '--allow-root', '--LabApp.extension_manager=readonly', `--ServerApp.root_dir=${dir}`, '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  lab.stderr.on('data', (d) => (log += d));
  for (let i = 0; ; i += 1) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {}
    if (i > 120 || lab.exitCode !== null) throw new Error(`JupyterLab did not start:\n${log}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
  url = `http://127.0.0.1:${port}/lab/tree/lesson.ipynb?token=${token}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (lab && lab.exitCode === null) {
    lab.kill('SIGTERM');
    await new Promise((ok) => lab.once('exit', ok));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('RnnParams in JupyterLab: the widget shows, and its state syncs both ways with Python', async (t) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  const cells = page.locator('.jp-Notebook .jp-Cell');
  await cells.nth(2).waitFor();
  const runCell = async (i) => {
    await cells.nth(i).locator('.jp-InputArea-editor').click();
    await page.keyboard.press('Shift+Enter');
  };
  await runCell(0);
  const frame = page.frameLocator('.jp-Cell:nth-child(1) iframe.rnn-params-frame');
  const classic = frame.locator('[data-testid="total"][data-value="4457472"]');
  // A fresh JupyterLab can still be starting its kernel when the first Shift+Enter comes, and now
  // and then that first execution never runs (two of five runs here): run the cell again
  // once. A widget that does not show fails either way. Once (in a full test run on a fresh
  // machine) JupyterLab had opened a dialog by then, which took the retry's click: the dialog's
  // words go to the test's diagnostics and its default button closes it first.
  try {
    await classic.waitFor({ timeout: 45000 });
  } catch {
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.count()) {
      t.diagnostic(`JupyterLab dialog before the retry: ${(await dialog.first().innerText()).replace(/\s+/g, ' ')}`);
      await dialog.first().locator('.jp-mod-accept').first().click();
      await dialog.first().waitFor({ state: 'detached' });
    }
    await runCell(0);
    await classic.waitFor({ timeout: 60000 });
  }
  // The frame takes the widget's height: no scrolling inside.
  await page.waitForFunction(() => {
    const f = document.querySelector('iframe.rnn-params-frame');
    return f && f.getBoundingClientRect().height > 2000;
  });
  // The learner types 128 units in the widget: the Python object follows.
  await frame.locator('#units').fill('128');
  await frame.locator('[data-testid="total"][data-value="2163200"]').waitFor();
  await runCell(1);
  await page.locator('.jp-Cell:nth-child(2) .jp-OutputArea-output').filter({ hasText: 'state' }).waitFor();
  const printed = await page.locator('.jp-Cell:nth-child(2) .jp-OutputArea-output').innerText();
  assert.equal(printed.trim(), 'state lstm 4096 128 1');
  // Python sets the cell: the widget shows a GRU(128) on 4096 inputs, 3 × (4096·128 + 128·128 + 2·128).
  await runCell(2);
  await frame.locator('[data-testid="total"][data-value="1622784"]').waitFor();
  assert.equal(await frame.locator('#cell-gru').isChecked(), true);
  assert.equal(await frame.locator('#units').inputValue(), '128');
  assert.deepEqual(errors, []);
});
