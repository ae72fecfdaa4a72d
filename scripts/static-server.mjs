// A static server for dist/: correct MIME types (application/wasm), the app's
// Content-Security-Policy on every response, and an optional sub-path (e.g. /courses/rnn/) to prove
// the build works away from the site root. Used by scripts/serve and by the end-to-end tests.
//
//   node scripts/static-server.mjs [--port 8080] [--root dist] [--base /] [--extra folder-served-at-/extra/]
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import sirv from 'sirv';
import { CSP } from './csp.mjs';

/**
 * Starts the server on 127.0.0.1.
 * @param {{root?: string, port?: number, base?: string, extra?: string, csp?: boolean}} options
 *   root: the folder to serve; base: the path prefix it is served under; extra: a second folder
 *   served under /extra/, without the app's policy (host pages in tests); csp: send the policy
 *   header with the app (default true); headers: more headers sent with the app (e.g. a host's
 *   X-Frame-Options, in tests); mergeSlashes: read `//` in a path as `/`, as nginx does by default.
 * @returns {Promise<{server: http.Server, url: string, requests: string[]}>} the base URL of the app
 *   and the log of request paths.
 */
export async function startServer({
  root = 'dist',
  port = 0,
  base = '/',
  extra,
  csp = true,
  headers = {},
  mergeSlashes = false,
} = {}) {
  const app = sirv(resolve(root), { etag: true, maxAge: 0 });
  const extraApp = extra ? sirv(resolve(extra), { dev: true }) : null;
  const prefix = base.endsWith('/') ? base : base + '/';
  const requests = [];
  // Request lines up to 8 MiB: the tests send absurdly long queries on purpose.
  const server = http.createServer({ maxHeaderSize: 8 * 1024 * 1024 }, (req, res) => {
    requests.push(req.url);
    if (mergeSlashes) {
      const q = req.url.indexOf('?');
      const [path, query] = q < 0 ? [req.url, ''] : [req.url.slice(0, q), req.url.slice(q)];
      req.url = path.replace(/\/{2,}/g, '/') + query;
    }
    // The app's policy on the app and on the example course page (which frames the app, as the
    // policy's frame-src 'self' allows). Pages under /extra/ are hosts of other people's making: no policy.
    const isExtra = extraApp && req.url.startsWith('/extra/');
    if (csp && !isExtra) res.setHeader('Content-Security-Policy', CSP);
    if (!isExtra) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Public static files: a frame sandboxed without allow-same-origin (origin "null") may load them.
    res.setHeader('Access-Control-Allow-Origin', '*');
    const notFound = () => {
      res.statusCode = 404;
      res.end('not found');
    };
    if (extraApp && req.url.startsWith('/extra/')) {
      req.url = req.url.slice('/extra'.length);
      return extraApp(req, res, notFound);
    }
    if (!req.url.startsWith(prefix)) return notFound();
    req.url = '/' + req.url.slice(prefix.length);
    app(req, res, notFound);
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { server, url, requests };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
  );
  const { url } = await startServer({
    root: args.root ?? 'dist',
    port: Number(args.port ?? 8080),
    base: args.base ?? '/',
    extra: args.extra,
  });
  console.log(`rnn-params is served at ${url}`);
}
