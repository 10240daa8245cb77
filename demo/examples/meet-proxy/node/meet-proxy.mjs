// A same-site proxy of La Suite Meet's API for a portal written in Node: the portal serves
// `/visio-api/…` itself and forwards it to Meet's `/api/v1.0/…`, so that Meet's cookies (the
// session, `csrftoken`, the lobby's `lobbyParticipantId`) are the portal's own, first-party
// cookies, sent with `SameSite=Lax`. The page then uses
//
//   <visio-call meet-api="/visio-api/" room="…">
//
// Why: two services under `gouv.fr` are two sites (gouv.fr is on the Public Suffix List), so a
// page on one cannot send the other's SameSite=Lax cookies. Calls authenticated by the LiveKit
// token (toggle-hand/, rename/, mute-participant/ for members) do not need this proxy: CORS
// (Meet's CORS_ALLOWED_ORIGINS) is enough for them.
//
// Run it alone: MEET_URL=https://visio.example.fr PORT=8080 node meet-proxy.mjs
// Meet must list the portal's origin in CSRF_TRUSTED_ORIGINS (the browser's Origin is forwarded
// as it is, so Meet's CSRF check still applies), and OIDC's redirect URI must be the portal's
// `/visio-api/callback/` if users sign in to Meet through it.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** Request headers the browser sends that Meet needs. Everything else stays at the portal. */
const FORWARDED_REQUEST = ['accept', 'accept-language', 'authorization', 'content-type', 'cookie', 'origin', 'referer', 'user-agent', 'x-csrftoken'];
/** Response headers Meet sends that the browser needs. */
const FORWARDED_RESPONSE = ['content-type', 'cache-control', 'location', 'retry-after', 'www-authenticate', 'vary'];
const MAX_BODY_BYTES = 1024 * 1024;

/** A cookie Meet set, made the portal's: no `Domain` (it would name Meet's host), the rest kept. */
export function portalCookie(setCookie) {
  return setCookie
    .split(';')
    .filter((part) => !/^\s*domain\s*=/i.test(part))
    .join(';');
}

/**
 * @param {{ meet: string, prefix?: string, upstream?: string }} options `meet`: Meet's origin
 *   (`https://visio.example.fr`); `prefix`: the portal's path (default `/visio-api/`);
 *   `upstream`: Meet's API path (default `/api/v1.0/`).
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 *   handles requests under `prefix`, resolves to false for any other.
 */
export function createMeetProxy({ meet, prefix = '/visio-api/', upstream = '/api/v1.0/' }) {
  const meetOrigin = new URL(meet).origin;
  return async (req, res) => {
    const url = new URL(req.url, 'http://portal.invalid');
    if (!url.pathname.startsWith(prefix)) return false;
    const rest = url.pathname.slice(prefix.length);
    // No way out of Meet's API by `..` or an encoded slash.
    if (rest.split('/').some((segment) => segment === '..' || segment === '.') || /%2f|%5c/i.test(rest)) {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"detail":"Bad path."}');
      return true;
    }
    const headers = {};
    for (const name of FORWARDED_REQUEST) if (req.headers[name]) headers[name] = req.headers[name];
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    headers['x-forwarded-proto'] = req.socket.encrypted ? 'https' : 'http';
    headers['x-forwarded-host'] = req.headers.host ?? '';
    let body;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const chunks = [];
      let size = 0;
      for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          res.writeHead(413, { 'Content-Type': 'application/json' }).end('{"detail":"Request body too large."}');
          return true;
        }
        chunks.push(chunk);
      }
      body = Buffer.concat(chunks);
    }
    let answer;
    try {
      answer = await fetch(`${meetOrigin}${upstream}${rest}${url.search}`, { method: req.method, headers, body, redirect: 'manual' });
    } catch {
      res.writeHead(502, { 'Content-Type': 'application/json' }).end('{"detail":"La Suite Meet could not be reached."}');
      return true;
    }
    const out = {};
    for (const name of FORWARDED_RESPONSE) {
      const value = answer.headers.get(name);
      if (value !== null) out[name] = value;
    }
    const cookies = answer.headers.getSetCookie().map(portalCookie);
    if (cookies.length) out['set-cookie'] = cookies;
    res.writeHead(answer.status, out);
    res.end(Buffer.from(await answer.arrayBuffer()));
    return true;
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const meet = process.env.MEET_URL;
  if (!meet) throw new Error('Set MEET_URL to La Suite Meet’s address, e.g. https://visio.example.fr');
  const proxy = createMeetProxy({ meet });
  const port = Number(process.env.PORT ?? 8080);
  createServer((req, res) => {
    proxy(req, res).then(
      (handled) => handled || res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'),
      () => res.writeHead(500).end(),
    );
  }).listen(port, '127.0.0.1', () => console.log(`Meet proxy: http://127.0.0.1:${port}/visio-api/ → ${meet}/api/v1.0/`));
}
