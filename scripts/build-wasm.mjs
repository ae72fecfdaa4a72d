// Trunk post-build hook: builds the app's WebAssembly in two modules and adds its loader to the page.
//
// trunk 0.21.14 cannot split a module (trunk-rs/trunk#1022): the split must happen between the
// linker and wasm-bindgen. So index.html has no `rel="rust"` asset, and this hook runs the steps
// trunk would run, with the split in the middle:
//
//   cargo build (--emit-relocs, .cargo/config.toml)
//   → wasm-split-cli: the main module, plus one module per split point of `src/deferred`
//     (split_panels.wasm, split_families.wasm) and chunk_*.wasm for code that several of them share
//   → wasm-bindgen --keep-lld-exports on the main module (the other modules import its exports)
//   → wasm-opt -Oz on every module
//   → content-hashed names, and a boot script (no inline script: the strict CSP of docs/embedding.md)
//   → terser on the three JS files of a release build (trunk minifies only the files it makes:
//     the stylesheet and index.html, `minify` in Trunk.toml)
//
// Every file is named with one hash of all of them (the main module's JS and the split loader import
// each other, so no file's own hash could name the other), and loaded relative to the page.
//
// Environment: TRUNK_PROFILE and TRUNK_STAGING_DIR come from trunk. RNN_PARAMS_PROFILING=1 keeps
// function names for a CPU profile (no wasm-opt, no strip: docs/performance.md).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('build-wasm: TRUNK_STAGING_DIR is not set (run through trunk: scripts/build)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === 'release';
const profiling = process.env.RNN_PARAMS_PROFILING === '1';
const name = 'rnn-params';
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });

const cargoArgs = ['build', '--locked', '--target', 'wasm32-unknown-unknown'];
if (release) cargoArgs.push('--release');
run('cargo', cargoArgs, profiling ? { CARGO_PROFILE_RELEASE_STRIP: 'none' } : {});
const targetDir = process.env.CARGO_TARGET_DIR ?? 'target';
const linked = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${name}.wasm`);

const work = join(targetDir, 'split', release ? 'release' : 'debug');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'bindgen'), { recursive: true });
run('wasm-split-cli', ['--target', 'web', '--out-name', name, linked, work]);
const bindgenArgs = ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', join(work, 'bindgen')];
if (profiling) bindgenArgs.push('--keep-debug', '--no-demangle');
run('wasm-bindgen', [...bindgenArgs, '--out-name', name, join(work, `${name}.wasm`)]);

const optimise = (input, output) => {
  if (release && !profiling) run('wasm-opt', ['-Oz', input, '-o', output]);
  else writeFileSync(output, readFileSync(input));
};
const mainWasm = join(work, 'main.wasm');
optimise(join(work, 'bindgen', `${name}_bg.wasm`), mainWasm);
// The split modules and shared chunks, by the name the split loader fetches them under.
const parts = readdirSync(work)
  .filter((f) => /^(split_\w+|chunk_\d+)\.wasm$/.test(f))
  .sort()
  .map((file) => {
    const optimised = join(work, `opt-${file}`);
    optimise(join(work, file), optimised);
    return { file, content: readFileSync(optimised) };
  });
if (!parts.some((p) => p.file === 'split_panels.wasm')) {
  console.error('build-wasm: wasm-split-cli wrote no split_panels.wasm; the split point changed');
  process.exit(1);
}

const files = {
  mainJs: readFileSync(join(work, 'bindgen', `${name}.js`), 'utf8'),
  splitJs: readFileSync(join(work, '__wasm_split.js'), 'utf8'),
  mainWasm: readFileSync(mainWasm),
};
const hash = createHash('sha256');
for (const content of Object.values(files)) hash.update(content);
for (const part of parts) hash.update(part.content);
// The JS is minified below in a release build: the same sources then serve other bytes.
hash.update(release && !profiling ? 'minified' : 'as generated');
const id = hash.digest('hex').slice(0, 16);
const out = {
  mainJs: `${name}-${id}.js`,
  splitJs: `${name}-${id}-split.js`,
  mainWasm: `${name}-${id}_bg.wasm`,
  boot: `boot-${id}.js`,
};
// split_panels.wasm → rnn-params-<id>-panels.wasm; chunk_3.wasm → rnn-params-<id>-chunk3.wasm.
for (const part of parts) part.served = `${name}-${id}-${part.file.replace(/^split_/, '').replace('_', '')}`;

// Replaces the path in one `from "…"` import or `new URL("…"` fetch, and fails the build if the
// generated code no longer has it. (The wasm import object keeps its keys: they are the module's
// import names, not paths.)
const swap = (text, from, to, what) => {
  const quoted = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(from |new URL\\()(["'])${quoted}\\2`, 'g');
  if (!pattern.test(text)) {
    console.error(`build-wasm: ${what} no longer names ${from}; the generated code changed`);
    process.exit(1);
  }
  return text.replace(pattern, `$1"${to}"`);
};
const mainJs = swap(files.mainJs, './__wasm_split.js', `./${out.splitJs}`, 'the wasm-bindgen glue');
const splitJs = parts.reduce(
  (text, part) => swap(text, `./${part.file}`, `./${part.served}`, 'the split loader'),
  swap(files.splitJs, `./${name}.js`, `./${out.mainJs}`, 'the split loader'),
);
// A page opened on a layer family beyond the Keras / PyTorch layers (`kind=` other than `layer`)
// needs the families module for its count: the boot script starts fetching it (and the chunks it
// shares) beside the first module, as a preload the split loader's own fetch then takes.
const familyParts = parts.filter((p) => p.file === 'split_families.wasm' || p.file.startsWith('chunk_'));
const preloadFamilies = familyParts.length
  ? `if (/[?&]kind=(?!layer(&|$))/.test(location.search)) {
  for (const file of ${JSON.stringify(familyParts.map((p) => p.served))}) {
    const link = document.createElement('link');
    Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: new URL('./' + file, import.meta.url).href });
    document.head.append(link);
  }
}
`
  : '';
const boot = `import init, * as bindings from './${out.mainJs}';
${preloadFamilies}const wasm = await init({ module_or_path: new URL('./${out.mainWasm}', import.meta.url) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
`;
// A release build's JS minified (the glue 8.9 → 6.7 KB gzip, docs/performance.md): ES modules, so
// top-level names are mangled too; exports, imports, property names and strings stay as they are.
// The names above hash the files before it (and whether they are minified).
const shrink = async (code) => {
  if (!release || profiling) return code;
  const result = await minify(code, { module: true, ecma: 2020, compress: { passes: 2 } });
  return result.code;
};
writeFileSync(join(staging, out.mainJs), await shrink(mainJs));
writeFileSync(join(staging, out.splitJs), await shrink(splitJs));
writeFileSync(join(staging, out.mainWasm), files.mainWasm);
for (const part of parts) writeFileSync(join(staging, part.served), part.content);
writeFileSync(join(staging, out.boot), await shrink(boot));

// The page loads the boot script; the main module and its glue are preloaded beside it. The other
// modules are not: the app requests them itself once it starts, so they never compete with the first.
const htmlPath = join(staging, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
const tags =
  `<script type="module" src="./${out.boot}"></script>` +
  `<link rel="modulepreload" href="./${out.mainJs}">` +
  `<link rel="modulepreload" href="./${out.splitJs}">` +
  `<link rel="preload" href="./${out.mainWasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`;
if (!html.includes('</head>')) {
  console.error('build-wasm: index.html has no </head>');
  process.exit(1);
}
// trunk leaves its skipped `rel="rust"` link in the page; it has no use there. (Minified, its
// attributes come in another order and without quotes: `<link data-trunk … rel=rust>`.)
const page = html.replace(/<link data-trunk\b[^>]*\brel="?rust"?[^>]*>\s*/, '').replace('</head>', `${tags}</head>`);
writeFileSync(htmlPath, page);
const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(
  `build-wasm: ${out.mainWasm} ${kb(files.mainWasm.length)} KB, ` +
    parts.map((p) => `${p.served} ${kb(p.content.length)} KB`).join(', '),
);
