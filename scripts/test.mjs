#!/usr/bin/env node
// `npm test`: every test a change must pass, against the real LiveKit server.
//
// 0. Prepares what a fresh machine lacks (scripts/prepare.mjs): Debian's Chromium and Firefox ESR
//    (apt-get as root; otherwise one line saying what to install) and the Django example's Python
//    packages in a local virtual environment, .cache/python.
// 1. Makes sure the LiveKit server binary and the Dendrite homeserver's tools exist (building them
//    needs the Go module proxy: scripts/livekit-server.mjs, scripts/dendrite.mjs).
// 2. As root, re-runs itself inside a private network namespace (`unshare -n`, see NETNS_SETUP),
//    so no test traffic can leave the machine. Set VISIO_NETNS=0 to skip that.
// 3. Builds, then (on a full run) the static checks: ESLint, Prettier, no import cycle in src/
//    (scripts/check-cycles.mjs) and the type-check of src/ and test/ (tsconfig.json).
// 4. Starts the LiveKit server and Dendrite (the Matrix homeserver of the Tchap tests) on 127.0.0.1, runs the Node tests (`node --test test/node/`) and
//    the browser tests (@web/test-runner in Chromium and Firefox, Lit's production build; then
//    the element tests again under Lit's development build, where a Lit warning fails; set
//    VISIO_LIT_MODE=dev to run a targeted `--files` run that way), stops the servers, and prints the totals:
//    `tests: N passed, M failed`. The totals are also written to .cache/test-summary.json.
//
// Extra arguments go to web-test-runner (for example `npm test -- --files test/e2e/call.test.ts`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDendrite, matrixTestEnv, startDendrite } from './dendrite.mjs';
import { ensureLivekitServer, startLivekitServer } from './livekit-server.mjs';
import { prepare, venvPython } from './prepare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache');
const args = process.argv.slice(2);
const TEST_PORT = 7890;
/** Dendrite's port in the tests (LiveKit takes 7890 and 7892, the node tests 7893 and 7894, the bench 7895 to 7899). */
const MATRIX_TEST_PORT = 7886;

// Inside the namespace: loopback up, plus a veth pair whose two ends both stay in the namespace
// and a default route over it. Nothing can leave the machine; the pair only exists because Firefox
// gathers no ICE candidate at all on a host whose sole interface is loopback.
const NETNS_SETUP = [
  'ip link set lo up',
  'ip link add visio0 type veth peer name visio1',
  'ip addr add 10.99.0.1/24 dev visio0',
  'ip addr add 10.99.0.2/24 dev visio1',
  'ip link set visio0 up',
  'ip link set visio1 up',
  'ip route add default via 10.99.0.2',
].join(' && ');

function canIsolate() {
  if (process.env.VISIO_NETNS === '0' || process.env.VISIO_IN_NETNS) return false;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  return spawnSync('unshare', ['-n', 'true']).status === 0;
}

/** Runs a command, echoing its output, and resolves to its exit code and output. */
function run(command, commandArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Where the tests find the LiveKit server and the homeserver this script started. */
const serverEnv = ({ livekit, matrix }) => ({
  PYTHON: process.env.PYTHON ?? venvPython,
  VISIO_TEST_LIVEKIT_URL: livekit.url,
  VISIO_TEST_LIVEKIT_KEY: livekit.apiKey,
  VISIO_TEST_LIVEKIT_SECRET: livekit.apiSecret,
  ...matrixTestEnv(matrix),
});

/** ESLint, Prettier, the import-cycle check and tsc over src/ and test/: one result each in the totals. */
async function runStaticChecks() {
  const checks = [
    ['eslint', [join(root, 'node_modules/.bin/eslint'), '.']],
    ['formatting (prettier --check; `npm run format` fixes it)', [join(root, 'node_modules/.bin/prettier'), '--check', '--log-level', 'warn', '.']],
    ['import cycles', [process.execPath, join(root, 'scripts/check-cycles.mjs')]],
    ['types (src and test)', [join(root, 'node_modules/.bin/tsc'), '-p', 'tsconfig.json', '--noEmit']],
  ];
  const totals = { passed: 0, failed: 0 };
  for (const [name, [command, ...commandArgs]] of checks) {
    const { code } = await run(command, commandArgs);
    console.log(`npm test: ${name} ${code === 0 ? 'passed' : 'FAILED'}`);
    totals[code === 0 ? 'passed' : 'failed']++;
  }
  return totals;
}

async function runNodeTests(servers) {
  const { code, output } = await run(process.execPath, ['--test', '--test-reporter=spec', 'test/node/'], serverEnv(servers));
  const pick = (name) => Number(new RegExp(`^\\S*\\s*${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
  const totals = { passed: pick('pass'), failed: pick('fail') };
  // A runner that crashed before counting still fails the run.
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  return totals;
}

async function runBrowserTests(servers, env = {}) {
  const summaryFile = join(cache, 'wtr-summary.json');
  rmSync(summaryFile, { force: true });
  const { code } = await run(
    join(root, 'node_modules/.bin/web-test-runner'),
    [...(args.includes('--config') ? [] : ['--config', 'web-test-runner.config.mjs']), ...args],
    {
      ...serverEnv(servers),
      VISIO_TEST_SUMMARY: summaryFile,
      ...env,
    },
  );
  let totals = { passed: 0, failed: 0 };
  try {
    totals = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    // No summary: the runner did not get to the end.
  }
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  return totals;
}

async function main() {
  mkdirSync(cache, { recursive: true });
  if (!process.env.VISIO_IN_NETNS) {
    const missing = prepare();
    if (missing.length) {
      for (const line of missing) console.error(`npm test: missing ${line}`);
      process.exit(1);
    }
  }
  try {
    await ensureLivekitServer();
    ensureDendrite();
  } catch (error) {
    console.error(`npm test: ${error.message}`);
    process.exit(1);
  }

  if (canIsolate()) {
    console.log('npm test: running inside a private network namespace (nothing leaves the machine)');
    const inner = spawnSync('unshare', ['-n', 'sh', '-c', `${NETNS_SETUP} && exec "$0" "$@"`, process.execPath, fileURLToPath(import.meta.url), ...args], {
      stdio: 'inherit',
      env: { ...process.env, VISIO_IN_NETNS: '1' },
    });
    process.exit(inner.status ?? 1);
  }

  // Once for every runner: the package tests read dist/, the browser tests import dist/ files and
  // the React wrappers generated from dist/custom-elements.json.
  const build = await run('npm', ['run', '--silent', 'build']);
  if (build.code !== 0) {
    console.error('npm test: npm run build failed');
    process.exit(1);
  }
  process.env.VISIO_BUILT = '1';
  const checks = args.length ? { passed: 0, failed: 0 } : await runStaticChecks();

  const livekit = await startLivekitServer({ port: TEST_PORT });
  let matrix;
  try {
    matrix = await startDendrite({ port: MATRIX_TEST_PORT });
  } catch (error) {
    await livekit.stop();
    throw error;
  }
  const servers = { livekit, matrix };
  let node;
  let browser;
  try {
    node = args.length ? { passed: 0, failed: 0 } : await runNodeTests(servers);
    browser = await runBrowserTests(servers);
    if (!args.length) {
      // Once more, the element tests against Lit's development build: a Lit warning fails.
      console.log('\nnpm test: the element tests again in Lit development mode (a Lit warning fails)');
      const dev = await runBrowserTests(servers, { VISIO_LIT_MODE: 'dev' });
      browser = { passed: browser.passed + dev.passed, failed: browser.failed + dev.failed };
    }
  } finally {
    await Promise.all([livekit.stop(), matrix.stop()]);
  }
  const passed = checks.passed + node.passed + browser.passed;
  const failed = checks.failed + node.failed + browser.failed;
  writeFileSync(join(cache, 'test-summary.json'), JSON.stringify({ passed, failed, runners: { checks, node, browser } }));
  console.log(`\nstatic checks: ${checks.passed} passed, ${checks.failed} failed`);
  console.log(`node --test: ${node.passed} passed, ${node.failed} failed`);
  console.log(`web-test-runner: ${browser.passed} passed, ${browser.failed} failed`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
