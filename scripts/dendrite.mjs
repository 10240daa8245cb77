#!/usr/bin/env node
// A real Matrix homeserver for the Tchap (MatrixRTC) tests: Dendrite (Apache-2.0, the
// github.com/matrix-org/dendrite Go module; never element-hq/dendrite, which is AGPL), built once
// with `go install` like the LiveKit server, started on 127.0.0.1 with SQLite files in a fresh
// temporary folder, and stopped.
//
//   node scripts/dendrite.mjs build             find it, or build it once (`go install`)
//   node scripts/dendrite.mjs start [--port N]  run it until Ctrl-C (prints the shared secret)
//
// The tools (dendrite, generate-config, generate-keys, create-account) go to the git-ignored
// .cache/dendrite/bin (about 80 s on two cores, once). .cache/dendrite is shared between worktrees:
// the build holds .cache/dendrite/.build.lock (flock) so that two builds never run at once, and a
// process that finds the lock taken waits for the other build and uses it.
//
// Each start: a new signing key (generate-keys), a configuration from `generate-config -ci` (no
// rate limits, no key perspectives so nothing asks matrix.org for keys, fast bcrypt, JetStream in
// memory) with open registration off and a random `registration_shared_secret`: users are made by
// the shared-secret admin registration (`registerUser`), then logged in with their password, so
// each session has its own device id. The server name is `localhost:<port>`; its client and
// federation APIs (the OpenID userinfo endpoint a credentials service asks) answer over plain HTTP
// at http://127.0.0.1:<port>.
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portIsFree, runAsScript, serveUntilStopped, SetupError, startServerProcess } from './server-process.mjs';

export const DENDRITE_VERSION = 'v0.13.8';
const MODULE = 'github.com/matrix-org/dendrite';
const TOOLS = ['dendrite', 'generate-config', 'generate-keys', 'create-account'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'dendrite');
const binDir = join(cacheDir, 'bin');
const versionFile = join(cacheDir, 'version');
const lockFile = join(cacheDir, '.build.lock');
const tool = (name) => join(binDir, name);
/** flock's exit status when the lock is taken (-n -E). */
const LOCK_TAKEN = 75;

function onPath(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Whether every tool is in .cache/dendrite/bin, built from DENDRITE_VERSION. */
export function isDendriteBuilt() {
  if (!TOOLS.every((name) => existsSync(tool(name)))) return false;
  try {
    return readFileSync(versionFile, 'utf8').trim() === DENDRITE_VERSION;
  } catch {
    return false;
  }
}

/** The build itself; run only while holding the lock (`node scripts/dendrite.mjs build-locked`). */
function buildLocked() {
  if (isDendriteBuilt()) return;
  const go = onPath('go');
  if (!go)
    throw new SetupError('Dendrite is not built and Go is not installed to build it: install Go 1.26 or newer, then run `node scripts/dendrite.mjs build`');
  mkdirSync(binDir, { recursive: true });
  const packages = TOOLS.map((name) => `${MODULE}/cmd/${name}@${DENDRITE_VERSION}`);
  console.error(`dendrite: building ${MODULE}@${DENDRITE_VERSION} (${TOOLS.join(', ')}) with ${go} into ${binDir} (once; about 80 s)…`);
  const result = spawnSync(go, ['install', ...packages], {
    // Dendrite's SQLite driver (mattn/go-sqlite3) is C: cgo and a C compiler (scripts/prepare.mjs).
    env: { ...process.env, GOBIN: binDir, CGO_ENABLED: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.status !== 0 || !TOOLS.every((name) => existsSync(tool(name)))) {
    const lastLines = (result.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    throw new SetupError(`could not build Dendrite ${DENDRITE_VERSION} (go install exited ${result.status}):\n${lastLines}`);
  }
  writeFileSync(versionFile, `${DENDRITE_VERSION}\n`);
  console.error(`dendrite: built ${DENDRITE_VERSION}`);
}

/**
 * The folder holding the Dendrite tools: cached, or built now under the shared lock (a build
 * another worktree runs meanwhile is waited for, then used).
 * @returns {string}
 */
export function ensureDendrite() {
  if (isDendriteBuilt()) return binDir;
  if (!onPath('flock')) {
    buildLocked();
    return binDir;
  }
  mkdirSync(cacheDir, { recursive: true });
  const self = fileURLToPath(import.meta.url);
  const locked = ['build-locked'];
  const first = spawnSync('flock', ['-n', '-E', String(LOCK_TAKEN), lockFile, process.execPath, self, ...locked], { stdio: 'inherit' });
  if (first.status === LOCK_TAKEN) {
    // Another process builds Dendrite right now.
    console.error(`dendrite: another process is building Dendrite (${lockFile} is locked); waiting for it…`);
    spawnSync('flock', [lockFile, process.execPath, self, ...locked], { stdio: 'inherit' });
  }
  if (!isDendriteBuilt()) throw new SetupError(`Dendrite ${DENDRITE_VERSION} is not built (see the lines above)`);
  return binDir;
}

/** Replaces the one YAML line `key: …` (at any indentation) of `text`; throws when it is not there. */
function setYaml(text, key, value) {
  const line = new RegExp(`^(\\s*${key}:) .*$`, 'm');
  if (!line.test(text)) throw new SetupError(`dendrite: generate-config wrote no "${key}:" line (another Dendrite version?)`);
  return text.replace(line, `$1 ${value}`);
}

/** The configuration of one test start, from `generate-config -ci`. */
function configFor(dir, serverName, sharedSecret, openidTokenLifetimeMs) {
  const generated = spawnSync(tool('generate-config'), ['-ci', '-dir', dir, '-server', serverName], { encoding: 'utf8' });
  if (generated.status !== 0) throw new SetupError(`dendrite: generate-config failed: ${generated.stderr.trim()}`);
  let config = generated.stdout;
  config = setYaml(config, 'private_key', JSON.stringify(join(dir, 'matrix_key.pem')));
  config = setYaml(config, 'registration_shared_secret', JSON.stringify(sharedSecret));
  config = setYaml(config, 'registration_disabled', 'true');
  // -ci logs every request at trace level on stdout: warnings are enough.
  config = setYaml(config, 'level', 'warn');
  if (openidTokenLifetimeMs) config = setYaml(config, 'openid_token_lifetime_ms', String(openidTokenLifetimeMs));
  return config;
}

async function answersVersions(baseUrl) {
  try {
    const response = await fetch(`${baseUrl}/_matrix/client/versions`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** A JSON request to the homeserver; throws with Matrix's errcode when it is refused. */
async function matrixJson(url, { method = 'GET', body, accessToken } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    throw new Error(`${method} ${new URL(url).pathname}: ${response.status} ${json?.errcode ?? ''} ${json?.error ?? text.slice(0, 200)}`.trim());
  }
  return json;
}

/**
 * Makes Matrix accounts on a Dendrite started with `sharedSecret` as its
 * `registration_shared_secret`: the shared-secret admin registration (not an admin), with that
 * display name, then a password login, so the session has a device id of its own.
 *
 * @param {string} baseUrl
 * @param {string} sharedSecret
 * @returns {(localpart: string, displayName?: string) => Promise<{ userId: string, accessToken: string, deviceId: string, password: string }>}
 */
export function userRegistration(baseUrl, sharedSecret) {
  return async (localpart, displayName) => {
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const { nonce } = await matrixJson(`${baseUrl}/_synapse/admin/v1/register`);
    const mac = createHmac('sha1', sharedSecret).update([nonce, localpart, password, 'notadmin'].join('\0')).digest('hex');
    const body = { nonce, username: localpart, password, mac, admin: false };
    if (displayName) body.displayname = displayName;
    await matrixJson(`${baseUrl}/_synapse/admin/v1/register`, { method: 'POST', body });
    const login = await matrixJson(`${baseUrl}/_matrix/client/v3/login`, {
      method: 'POST',
      body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: localpart }, password },
    });
    return { userId: login.user_id, accessToken: login.access_token, deviceId: login.device_id, password };
  };
}

/**
 * The Dendrite `npm test` started (scripts/test.mjs passes VISIO_TEST_MATRIX_URL,
 * VISIO_TEST_MATRIX_SERVER_NAME and VISIO_TEST_MATRIX_SECRET), or undefined when they are not set.
 * @returns {{ baseUrl: string, serverName: string, sharedSecret: string, registerUser: ReturnType<typeof userRegistration> } | undefined}
 */
export function testMatrixFromEnv(env = process.env) {
  const { VISIO_TEST_MATRIX_URL: baseUrl, VISIO_TEST_MATRIX_SERVER_NAME: serverName, VISIO_TEST_MATRIX_SECRET: sharedSecret } = env;
  if (!baseUrl || !serverName || !sharedSecret) return undefined;
  return { baseUrl, serverName, sharedSecret, registerUser: userRegistration(baseUrl, sharedSecret) };
}

/** The environment that tells the tests where this Dendrite is (see `testMatrixFromEnv`). */
export function matrixTestEnv({ baseUrl, serverName, sharedSecret }) {
  return { VISIO_TEST_MATRIX_URL: baseUrl, VISIO_TEST_MATRIX_SERVER_NAME: serverName, VISIO_TEST_MATRIX_SECRET: sharedSecret };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts Dendrite on 127.0.0.1:`port` with SQLite files in a new temporary folder (removed by
 * `stop()`), and resolves once its client API answers.
 *
 * @param {{ port?: number, log?: (line: string) => void, openidTokenLifetimeMs?: number }} [options]
 *   `log` receives the server's own output (default: kept, and printed only if it fails to start);
 *   `openidTokenLifetimeMs`: how long its OpenID tokens last (Dendrite's default: an hour).
 * @returns {Promise<{
 *   baseUrl: string, serverName: string, sharedSecret: string, dataDir: string,
 *   registerUser(localpart: string, displayName?: string): Promise<{ userId: string, accessToken: string, deviceId: string, password: string }>,
 *   stop(): Promise<void>,
 * }>}
 *   `registerUser` makes the account (shared-secret admin registration, not an admin) with that
 *   display name, then logs it in with its password: the session has its own device id.
 */
export async function startDendrite({ port = 8008, log, openidTokenLifetimeMs } = {}) {
  ensureDendrite();
  if (!(await portIsFree(port))) throw new SetupError(`port ${port} on 127.0.0.1 is in use (another Dendrite?): stop it or choose another port`);

  const dir = mkdtempSync(join(tmpdir(), 'visio-dendrite-'));
  const serverName = `localhost:${port}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const sharedSecret = randomBytes(24).toString('hex');
  const keys = spawnSync(tool('generate-keys'), ['--private-key', join(dir, 'matrix_key.pem')], { encoding: 'utf8' });
  if (keys.status !== 0) throw new SetupError(`dendrite: generate-keys failed: ${keys.stderr.trim()}`);
  const configFile = join(dir, 'dendrite.yaml');
  writeFileSync(configFile, configFor(dir, serverName, sharedSecret, openidTokenLifetimeMs), { mode: 0o600 });

  const server = await startServerProcess({
    name: 'Dendrite',
    command: tool('dendrite'),
    args: ['--config', configFile, '--http-bind-address', `127.0.0.1:${port}`],
    spawnOptions: { cwd: dir },
    log,
    answers: () => answersVersions(baseUrl),
    timeoutMs: 60_000,
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  });

  return {
    baseUrl,
    serverName,
    sharedSecret,
    dataDir: dir,
    registerUser: userRegistration(baseUrl, sharedSecret),
    stop: () => server.stop(),
  };
}

async function cli([command = 'start', ...rest]) {
  if (command === 'build-locked') return buildLocked();
  if (command === 'build') {
    console.log(`dendrite ${DENDRITE_VERSION}: ${ensureDendrite()}`);
    return;
  }
  if (command === 'start')
    return serveUntilStopped(
      rest,
      8008,
      startDendrite,
      (server) => `Dendrite ${DENDRITE_VERSION} at ${server.baseUrl} (server name ${server.serverName}, registration shared secret ${server.sharedSecret})`,
    );
  throw new SetupError(`unknown command "${command}": use build or start [--port N]`);
}

runAsScript(import.meta.url, 'dendrite', cli);
