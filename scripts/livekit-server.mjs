#!/usr/bin/env node
// The real LiveKit server for the demo, the tests and the bench: found or built, started on
// 127.0.0.1 with scripts/livekit.yaml (loopback-only ICE) and a random key and secret made for
// that start, and stopped.
//
//   node scripts/livekit-server.mjs build            find it, or build it once (`go install`)
//   node scripts/livekit-server.mjs start [--port N] run it until Ctrl-C
//
// Where it comes from: `livekit-server` on PATH, else the git-ignored .cache/livekit/bin/server,
// else `go install github.com/livekit/livekit-server/cmd/server@<LIVEKIT_VERSION>` into that
// folder (about three minutes on two cores, once). If the pinned tag does not build, the next
// older tags are tried and the one that built is recorded in .cache/livekit/version.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portIsFree, runAsScript, serveUntilStopped, SetupError, startServerProcess } from './server-process.mjs';

export const LIVEKIT_VERSION = 'v1.13.5';
const MODULE = 'github.com/livekit/livekit-server';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'livekit');
const cachedBinary = join(cacheDir, 'bin', 'server');
const configFile = join(root, 'scripts', 'livekit.yaml');

/**
 * Fresh credentials for one start of the local server: a random key and a random 64-character
 * secret (LiveKit wants 32 or more). Nothing published: while `npm start` runs, only this process
 * and the token endpoint it feeds know them, so no one else can sign a token for this server.
 */
export function randomDevKeys() {
  return { apiKey: `dev-${randomBytes(6).toString('hex')}`, apiSecret: `dev-secret-${randomBytes(32).toString('hex')}` };
}

/**
 * The LiveKit server `npm test` started (scripts/test.mjs passes its address and its random
 * credentials in VISIO_TEST_LIVEKIT_URL, VISIO_TEST_LIVEKIT_KEY and VISIO_TEST_LIVEKIT_SECRET).
 * @returns {{ url: string, apiKey: string, apiSecret: string }}
 */
export function testServerFromEnv(env = process.env) {
  const { VISIO_TEST_LIVEKIT_URL: url = 'ws://127.0.0.1:7890', VISIO_TEST_LIVEKIT_KEY: apiKey, VISIO_TEST_LIVEKIT_SECRET: apiSecret } = env;
  if (!apiKey || !apiSecret) {
    throw new SetupError(
      'VISIO_TEST_LIVEKIT_KEY and VISIO_TEST_LIVEKIT_SECRET are not set: run the tests through `npm test` (it starts the LiveKit server with a random secret and passes it on), or set them to the key and secret `npm run livekit-server -- start --port 7890` printed',
    );
  }
  return { url, apiKey, apiSecret };
}

function onPath(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function versionOf(binary) {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return /(\d+\.\d+\.\d+)/.exec(`${out.stdout}${out.stderr}`)?.[1];
}

/** Tags older than `tag`, newest first, from the Go module proxy. */
function olderTags(go, tag, count) {
  try {
    const listed = execFileSync(go, ['list', '-m', '-versions', MODULE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const key = (v) => v.slice(1).split('.').map(Number);
    const older = (a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
      return false;
    };
    return listed
      .trim()
      .split(/\s+/)
      .slice(1)
      .filter((v) => /^v\d+\.\d+\.\d+$/.test(v) && older(v, tag))
      .reverse()
      .slice(0, count);
  } catch {
    return [];
  }
}

function build() {
  const go = onPath('go');
  if (!go) {
    throw new SetupError(
      `the LiveKit server is not on PATH and Go is not installed to build it: install Go 1.26 or newer (then run \`npm run livekit-server -- build\`), or put a livekit-server binary on PATH`,
    );
  }
  mkdirSync(join(cacheDir, 'bin'), { recursive: true });
  const failures = [];
  for (const tag of [LIVEKIT_VERSION, ...olderTags(go, LIVEKIT_VERSION, 3)]) {
    console.error(`livekit-server: building ${MODULE}@${tag} with ${go} (once; a few minutes)…`);
    const result = spawnSync(go, ['install', `${MODULE}/cmd/server@${tag}`], {
      env: { ...process.env, GOBIN: join(cacheDir, 'bin') },
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    if (result.status === 0 && existsSync(cachedBinary)) {
      writeFileSync(join(cacheDir, 'version'), `${tag}\n`);
      if (tag !== LIVEKIT_VERSION) console.error(`livekit-server: ${LIVEKIT_VERSION} did not build; using ${tag}`);
      return cachedBinary;
    }
    const lastLine = (result.stderr ?? '').trim().split('\n').pop();
    failures.push(`${tag}: ${lastLine || `exit ${result.status}`}`);
  }
  throw new SetupError(`could not build the LiveKit server (${failures.join('; ')})`);
}

/**
 * The path of a LiveKit server binary: on PATH, cached, or built now.
 * @returns {Promise<string>}
 */
export async function ensureLivekitServer() {
  const fromPath = onPath('livekit-server');
  if (fromPath) return fromPath;
  if (existsSync(cachedBinary)) return cachedBinary;
  return build();
}

async function answers(httpUrl) {
  try {
    const response = await fetch(httpUrl, { signal: AbortSignal.timeout(1000) });
    return response.ok && (await response.text()).trim() === 'OK';
  } catch {
    return false;
  }
}

/**
 * Starts the LiveKit server on 127.0.0.1 with fresh random credentials ({@link randomDevKeys},
 * handed to the server in its LIVEKIT_KEYS variable, never on its command line where `ps` shows
 * it) and resolves once it answers, with the key and secret to sign tokens with.
 *
 * @param {{ port?: number, udpPort?: number, log?: (line: string) => void }} [options]
 *   `port` for signalling (default 7880), `udpPort` for media (default port + 2), `log` receives
 *   the server's own log lines (default: kept, and printed only if it fails to start).
 * @returns {Promise<{ url: string, httpUrl: string, apiKey: string, apiSecret: string, version: string | undefined, stop(): Promise<void> }>}
 */
export async function startLivekitServer({ port = 7880, udpPort = port + 2, log } = {}) {
  const binary = await ensureLivekitServer();
  for (const p of [port, udpPort]) {
    if (!(await portIsFree(p))) throw new SetupError(`port ${p} on 127.0.0.1 is in use (another LiveKit server?): stop it or choose another port`);
  }

  const keys = randomDevKeys();
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('LIVEKIT_')) delete env[name];
  env.LIVEKIT_KEYS = `${keys.apiKey}: ${keys.apiSecret}`;
  const args = ['--config', configFile, '--bind', '127.0.0.1', '--port', String(port), '--udp-port', String(udpPort)];
  const httpUrl = `http://127.0.0.1:${port}`;
  const server = await startServerProcess({
    name: 'the LiveKit server',
    command: binary,
    args,
    spawnOptions: { env },
    log,
    answers: () => answers(httpUrl),
    timeoutMs: 30_000,
  });

  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    ...keys,
    version: versionOf(binary),
    stop: () => server.stop(),
  };
}

function cachedVersionNote() {
  try {
    return ` (built from ${readFileSync(join(cacheDir, 'version'), 'utf8').trim()})`;
  } catch {
    return '';
  }
}

async function cli([command = 'start', ...rest]) {
  if (command === 'build') {
    const binary = await ensureLivekitServer();
    console.log(`livekit-server ${versionOf(binary) ?? '(unknown version)'}: ${binary}${binary === cachedBinary ? cachedVersionNote() : ''}`);
    return;
  }
  if (command === 'start')
    return serveUntilStopped(
      rest,
      7880,
      startLivekitServer,
      (server) => `LiveKit server ${server.version ?? ''} on ${server.url} (API key ${server.apiKey}, secret ${server.apiSecret})`,
    );
  throw new SetupError(`unknown command "${command}": use build or start [--port N]`);
}

runAsScript(import.meta.url, 'livekit-server', cli);
