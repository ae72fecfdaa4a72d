// Trunk post-build hook: writes oembed.json at the root of the build, the oEmbed answer (type
// "rich", the iframe snippet) that index.html's discovery <link> points to. oEmbed wants absolute
// addresses, which a static file can only know from the build: set RNN_PARAMS_URL to where dist/
// will be served (https://example.edu/courses/rnn/). Without it the snippet's address is relative
// ("./?embed=1"), which a host resolves against the page it fetched oembed.json from only if it
// does so; see docs/embedding.md ("Link previews").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('oembed: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const given = process.env.RNN_PARAMS_URL ?? '';
let base = './';
if (given) {
  const url = new URL(given); // throws (and fails the build) on a malformed address
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`RNN_PARAMS_URL must be http(s): ${given}`);
  base = url.href.endsWith('/') ? url.href : `${url.href}/`;
}
const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const query = 'framework=keras&cell=lstm&input=4096&units=256&bidir=0&embed=1';
const title = 'Keras LSTM(256) on 4096 inputs: 4,457,472 parameters';
const width = 760;
const height = 4400;
const html =
  `<iframe src="${attr(`${base}?${query}`)}" title="rnn-params: ${attr(title)}" width="100%" height="${height}" ` +
  `loading="lazy" style="border:0" allow="clipboard-write"></iframe>`;
const answer = {
  version: '1.0',
  type: 'rich',
  title,
  provider_name: 'rnn-params',
  provider_url: base,
  width,
  height,
  html,
};
writeFileSync(join(dir, 'oembed.json'), `${JSON.stringify(answer, null, 2)}\n`);
console.log(`oembed: wrote oembed.json for ${base}`);
