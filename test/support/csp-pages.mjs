// Test-only routes under /csp/: a page served with the strict Content Security Policy (with
// Trusted Types) that docs/guide.md gives portals, loading the BUILT self-contained bundle
// (dist/visio-elements.bundle.js) from 'self'. No inline script or style on it: a harness script
// (test/support/csp-harness.js) counts `securitypolicyviolation` events. Tests open it in a
// same-origin iframe (web-test-runner's own pages need inline scripts) and drive it from outside.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The policy of docs/guide.md, for a LiveKit server at `livekitUrl` (ws:// or wss://).
 * `trustedTypes`: the policy names the page allows (a page that forgot `visio-elements` can be
 * asked for with `/csp/page.html?trusted-types=lit-html`).
 */
export function strictPolicy(livekitUrl, trustedTypes = "lit-html visio-elements 'allow-duplicates'", wasm = false) {
  const ws = new URL(livekitUrl);
  const http = new URL(livekitUrl.replace(/^ws/, 'http'));
  return [
    "default-src 'none'",
    // The guide's addition for background blur (MediaPipe's WebAssembly): `?wasm=1`.
    wasm ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${ws.origin} ${http.origin}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "worker-src 'self' blob:",
    "require-trusted-types-for 'script'",
    `trusted-types ${trustedTypes}`,
  ].join('; ');
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>visio-elements under a strict CSP</title>
    <script src="/csp/harness.js"></script>
    <script type="module" src="BUNDLE"></script>EXPOSE
    <link rel="stylesheet" href="STYLE" />
  </head>
  <body>BODY</body>
</html>
`;

/**
 * `?autojoin=<room>&endpoint=<case>`: the page's own markup holds `<visio-call autojoin>` for that
 * room, asking `/test/token/<case>` (`ok`, `500`) with the room in the query, so that each test
 * counts its own requests; otherwise the body is empty and tests add elements.
 */
function pageBody(query) {
  const room = typeof query.autojoin === 'string' && /^[\w-]{1,64}$/.test(query.autojoin) ? query.autojoin : undefined;
  const endpoint = ['ok', '500'].includes(query.endpoint) ? query.endpoint : 'ok';
  if (!room) return '';
  return `<visio-call lang="en" autojoin token-endpoint="/test/token/${endpoint}?for=${room}" room="${room}" name="Camille Martin" audio="off"></visio-call>`;
}

/**
 * `?chunks=missing`: the bundle from `/csp/gone/`, where nothing beside it is served (its chunks
 * and language files answer 404), as after a deploy that replaced them while the page was open. A
 * URL of its own, so that no chunk an earlier page loaded comes from the browser's cache.
 * `?languages=missing`: the bundle from `/csp/no-i18n/`, where its chunks are served but not its
 * language files.
 */
const bundleUrl = (query) =>
  query.chunks === 'missing'
    ? '/csp/gone/visio-elements.bundle.js'
    : query.languages === 'missing'
      ? '/csp/no-i18n/visio-elements.bundle.js'
      : '/csp/visio-elements.bundle.js';

/** What a portal's own stylesheet says about the tag: a block of the viewport's height. */
const PAGE_CSS = `body { margin: 0; }
visio-call { display: block; height: 100vh; }
`;

/** `?host=block-600`: the page gives the call a block 600 px high, as many portals do. */
const BLOCK_600_CSS = `body { margin: 0; }
visio-call { display: block; height: 600px; }
`;
const styleUrl = (query) => (query.host === 'block-600' ? '/csp/page.css?host=block-600' : '/csp/page.css');

/**
 * @param {{ url: string }} livekit
 * @returns Koa middleware for `/csp/page.html`, `/csp/page.css`, `/csp/harness.js`, and the built
 * `/csp/visio-elements.bundle.js` with its on-demand files (`/csp/chunks/`, and its language files
 * `/csp/visio-elements.i18n/*.js`), and `/csp/e2ee-worker.js` (every answer with the policy).
 */
export function cspPages(livekit) {
  const policy = strictPolicy(livekit.url);
  const files = {
    '/csp/page.html': [
      'text/html',
      async (query) =>
        PAGE.replace('BODY', pageBody(query))
          .replace('BUNDLE', bundleUrl(query))
          .replace('STYLE', styleUrl(query))
          .replace('EXPOSE', query.expose === '1' ? `\n    <script type="module" src="${bundleUrl(query).replace(/[^/]+$/, 'expose.js')}"></script>` : ''),
    ],
    '/csp/page.css': ['text/css', async (query) => (query.host === 'block-600' ? BLOCK_600_CSS : PAGE_CSS)],
    '/csp/harness.js': ['text/javascript', () => readFile(join(root, 'test/support/csp-harness.js'), 'utf8')],
    '/csp/visio-elements.bundle.js': ['text/javascript', () => readFile(join(root, 'dist/visio-elements.bundle.js'), 'utf8')],
    '/csp/gone/visio-elements.bundle.js': ['text/javascript', () => readFile(join(root, 'dist/visio-elements.bundle.js'), 'utf8')],
    '/csp/no-i18n/visio-elements.bundle.js': ['text/javascript', () => readFile(join(root, 'dist/visio-elements.bundle.js'), 'utf8')],
    '/csp/e2ee-worker.js': ['text/javascript', () => readFile(join(root, 'dist/e2ee-worker.js'), 'utf8')],
    // `?expose=1`: for tests that call the bundle's functions in the page, its exports as
    // `window.visio` (the same module as the page's, imported from the same URL; the CSP allows
    // no inline script).
    '/csp/no-i18n/expose.js': ['text/javascript', async () => "import * as visio from './visio-elements.bundle.js';\nwindow.visio = visio;\n"],
  };
  return async (ctx, next) => {
    // The files the bundle imports from beside itself when a page needs them: elements and languages.
    const beside = (/^\/csp\/((?:chunks|visio-elements\.i18n)\/[\w-]+\.js)$/.exec(ctx.path) ?? /^\/csp\/no-i18n\/(chunks\/[\w-]+\.js)$/.exec(ctx.path))?.[1];
    // The background segmentation files beside the bundle (loaded only when blur is turned on).
    const effect = /^\/csp\/(effects\/segmentation\/[\w.-]+\.(js|wasm|tflite))$/.exec(ctx.path);
    const effectType = { js: 'text/javascript', wasm: 'application/wasm', tflite: 'application/octet-stream' }[effect?.[2]];
    const file =
      files[ctx.path] ??
      (beside ? ['text/javascript', () => readFile(join(root, 'dist', beside), 'utf8')] : undefined) ??
      (effect ? [effectType, () => readFile(join(root, 'dist', effect[1]))] : undefined);
    if (!file) return next();
    const trustedTypes = ctx.query['trusted-types'];
    const wasm = ctx.query.wasm === '1';
    ctx.set(
      'Content-Security-Policy',
      typeof trustedTypes === 'string' && /^[\w' -]+$/.test(trustedTypes)
        ? strictPolicy(livekit.url, trustedTypes, wasm)
        : wasm
          ? strictPolicy(livekit.url, undefined, true)
          : policy,
    );
    ctx.set('Cache-Control', 'no-store');
    try {
      ctx.body = await file[1](ctx.query);
      ctx.type = file[0];
      ctx.status = 200;
    } catch {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = `${ctx.path}: not built (npm run build)`;
    }
  };
}
