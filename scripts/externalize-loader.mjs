// Trunk post-build hook: moves the inline module script that trunk writes into index.html into
// its own file, so the page runs under a Content-Security-Policy without 'unsafe-inline'
// (script-src 'self' 'wasm-unsafe-eval'). Trunk runs this with TRUNK_STAGING_DIR set.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('externalize-loader: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const htmlPath = join(dir, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
const inline = /<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('externalize-loader: no inline module script found in index.html');
  process.exit(1);
}
const code = match[1].trim() + '\n';
const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
writeFileSync(htmlPath, html.replace(inline, `<script type="module" src="./${name}"></script>`));
console.log(`externalize-loader: moved the loader to ${name}`);
