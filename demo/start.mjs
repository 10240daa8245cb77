#!/usr/bin/env node
// `npm start`: builds the elements, starts a local LiveKit server (unless LIVEKIT_URL,
// LIVEKIT_API_KEY and LIVEKIT_API_SECRET name an existing deployment), the reference token
// endpoint and the demo page, and prints the URL. Ctrl-C stops everything.
//
// The local server gets a new random key and secret at each start (scripts/livekit-server.mjs),
// handed only to the token endpoint here. The demo server answers only to 127.0.0.1:<PORT> and
// localhost:<PORT> (see demo/server.mjs), so no other web page can get tokens from it.
//
//   PORT=8080          the demo's port
//   LIVEKIT_PORT=7880  the local LiveKit server's port (media on LIVEKIT_PORT + 2, UDP)
//   MATRIX_HOMESERVERS, MATRIX_FULL_ACCESS, MATRIX_LIVEKIT_URL  serve the Tchap / Element Call
//                      credentials service at /livekit/jwt/ (see demo/matrix-credentials.mjs)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLivekitServer } from '../scripts/livekit-server.mjs';
import { matrixCredentialsConfigFromEnv } from './matrix-credentials.mjs';
import { startDemoServer } from './server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function externalLivekit() {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = process.env;
  const given = [url, apiKey, apiSecret].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given < 3) fail('set all three of LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET, or none to start a local server');
  return { url, apiKey, apiSecret, stop: async () => {} };
}

let livekit = externalLivekit();

console.log('npm start: building…');
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed (see above)');

if (livekit) {
  console.log(`npm start: using the LiveKit deployment at ${livekit.url}`);
} else {
  try {
    livekit = await startLivekitServer({ port: Number(process.env.LIVEKIT_PORT ?? 7880) });
  } catch (error) {
    fail(error.message);
  }
  console.log(`npm start: local LiveKit server ${livekit.version ?? ''} on ${livekit.url}`);
}

let demo;
try {
  demo = await startDemoServer({ port: Number(process.env.PORT ?? 8080), livekit, matrixCredentials: matrixCredentialsConfigFromEnv() });
} catch (error) {
  await livekit.stop();
  fail(error.code === 'EADDRINUSE' ? `port ${process.env.PORT ?? 8080} is in use: set PORT to another one` : error.message);
}

console.log(`\n  Demo call: ${demo.url}?room=demo\n  Open it in two tabs (or add &name=…&lang=fr): they are in the same call. Ctrl-C stops.\n`);
console.log(`  Examples: ${demo.url}examples/plain.html  ${demo.url}examples/react/  ${demo.url}examples/vue/`);
console.log('  Django example: see demo/examples/django/visio_example.py\n');
const matrix = matrixCredentialsConfigFromEnv();
if (matrix) console.log(`  Tchap / Element Call credentials service: ${demo.url}livekit/jwt (homeservers: ${Object.keys(matrix.homeservers).join(', ')})\n`);

const stop = async () => {
  await demo.close();
  await livekit.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
