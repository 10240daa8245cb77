// The demo's web server: the demo page, the framework examples under /examples/ (plain.html,
// react/, vue/), the built files under /dist/, Vue's browser build under /vendor/, and the
// reference token endpoint on POST /api/token, and its moderation endpoint on POST
// /api/moderation/<action> (rooms named `lobby-…` have a lobby), and, when given homeservers
// (`matrixCredentials`, from MATRIX_HOMESERVERS in `npm start`), the Tchap / Element Call
// credentials service under /livekit/jwt/ (demo/matrix-credentials.mjs). Node's `http` only; bound to 127.0.0.1 by default (a browser
// allows camera and microphone on localhost without HTTPS).
//
// It answers only requests addressed to it by name: a Host header of 127.0.0.1:<port> or
// localhost:<port> (and <host>:<port> when started on another address). Anything else gets 421.
// Without this check, DNS rebinding would let any website (evil.example resolving to 127.0.0.1
// once its page is loaded) call /api/token as a same-origin request and get tokens signed with
// the keys `npm start` was given, those of a real deployment included.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMatrixCredentials, matrixCredentialsListener } from './matrix-credentials.mjs';
import { createCallEndpoints, tokenRequestListener } from './token-endpoint.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(root, 'dist');
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.html': 'text/html; charset=utf-8', '.ts': 'text/plain; charset=utf-8' };

async function serveFile(res, file) {
  try {
    const content = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(content);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  }
}

/** Where URL prefixes are served from. */
const MOUNTS = [
  ['/dist/', distDir],
  ['/examples/', join(root, 'demo', 'examples')],
  ['/vendor/', join(root, 'node_modules', 'vue', 'dist')],
];

/** The file a URL path names under one of the mounts, or undefined if it points anywhere else. */
function mountedFile(pathname) {
  const mount = MOUNTS.find(([prefix]) => pathname.startsWith(prefix));
  if (!mount) return undefined;
  const [prefix, dir] = mount;
  let relative;
  try {
    relative = normalize(decodeURIComponent(pathname.slice(prefix.length)));
  } catch {
    return undefined;
  }
  if (relative === '.' || relative.endsWith(sep) || relative === '') relative = join(relative, 'index.html');
  const file = join(dir, relative);
  return file.startsWith(dir + sep) ? file : undefined;
}

/** The Host headers this server answers to, on `port`. */
function allowedHosts(host, port) {
  const names = new Set(['127.0.0.1', 'localhost']);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') ? `[${host}]` : host);
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}

/** The demo's rooms with a lobby: those whose name starts with `lobby-` (the first person in is their owner; others knock). */
export const DEMO_LOBBY = (room) => room.startsWith('lobby-');

/**
 * @param {{
 *   port?: number, host?: string, lobby?: (room: string) => boolean, livekit: { url: string, apiKey: string, apiSecret: string },
 *   matrixCredentials?: { homeservers: Record<string, string>, fullAccess?: string[], livekitUrl?: string },
 * }} options
 *   `matrixCredentials`: serve the Tchap / Element Call credentials service at /livekit/jwt/ for
 *   these homeservers (see `createMatrixCredentials`), signing for `livekit`.
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startDemoServer({ port = 8080, host = '127.0.0.1', livekit, lobby = DEMO_LOBBY, matrixCredentials }) {
  const endpoints = createCallEndpoints({ apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, serverUrl: livekit.url, lobby });
  const tokens = tokenRequestListener(endpoints.token);
  const moderation = tokenRequestListener(endpoints.moderation);
  const matrix =
    matrixCredentials &&
    matrixCredentialsListener(
      createMatrixCredentials({
        apiKey: livekit.apiKey,
        apiSecret: livekit.apiSecret,
        livekitApiUrl: livekit.url.replace(/^ws/, 'http'),
        ...matrixCredentials,
        livekitUrl: matrixCredentials.livekitUrl ?? livekit.url,
      }),
    );
  let hosts = new Set();
  const server = createServer(async (req, res) => {
    const asked = req.headers.host?.toLowerCase();
    if (!asked || !hosts.has(asked)) {
      const where = [...hosts].map((h) => `http://${h}/`).join(' or ');
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', Connection: 'close' });
      return res.end(
        `This demo server answers only at ${where}, not at Host ${JSON.stringify((asked ?? '').slice(0, 100))} (a guard against DNS rebinding).\n`,
      );
    }
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/api/token') return tokens(req, res);
    if (matrix && (await matrix(req, res))) return undefined;
    const action = /^\/api\/moderation\/([a-z-]{1,32})$/.exec(pathname);
    if (action) return moderation(req, res, { action: action[1] });
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    if (pathname === '/' || pathname === '/index.html') return serveFile(res, join(root, 'demo', 'index.html'));
    const file = mountedFile(pathname);
    if (file) return serveFile(res, file);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  hosts = allowedHosts(host, address.port);
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
