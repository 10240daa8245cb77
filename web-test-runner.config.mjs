// Browser tests: element tests and end-to-end tests against the real LiveKit server, in Debian's
// Chromium with a fake camera and microphone. Run through `npm test` (scripts/test.mjs), which
// starts the server and passes its address and credentials in VISIO_TEST_LIVEKIT_*.
//
// Lit's production build by default (what embedders ship). With VISIO_LIT_MODE=dev (a second run
// of `npm test`), the element tests run once more against Lit's development build, where any Lit
// warning fails the test that caused it (test/support/lit-dev-mode.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import * as puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { firefoxPath, firefoxPrefs, hasFirefox } from './scripts/firefox.mjs';
import { testMatrixFromEnv } from './scripts/dendrite.mjs';
import { testServerFromEnv } from './scripts/livekit-server.mjs';
import { litDevModeHtml } from './test/support/lit-dev-mode.mjs';
import { reactEsm } from './test/support/react-esm.mjs';
import { matrixEsm } from './test/support/matrix-esm.mjs';
import { permissionPlugin } from './test/support/permission-plugin.mjs';
import { mediaFeaturesPlugin } from './test/support/media-features-plugin.mjs';
import { screenshotPlugin } from './test/support/screenshot-plugin.mjs';
import { summaryReporter } from './test/support/summary-reporter.mjs';
import { tokenRoutes } from './test/support/token-routes.mjs';
import { meetRoutes } from './test/support/meet-server.mjs';
import { cspPages } from './test/support/csp-pages.mjs';
import { matrixRoutes } from './test/support/matrix-routes.mjs';

// The server's key and secret are random for each start: scripts/test.mjs passes them on.
const livekit = testServerFromEnv();
// The Dendrite homeserver of the Tchap tests (VISIO_TEST_MATRIX_*, also from scripts/test.mjs).
const matrix = testMatrixFromEnv();

function chromium(args) {
  return chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args } });
}

/** Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (no browser download). */
function firefox(prefs) {
  return chromeLauncher({
    puppeteer,
    launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true, extraPrefsFirefox: prefs },
  });
}

const litDev = process.env.VISIO_LIT_MODE === 'dev';

/**
 * A WAV of silence (one second of 16-bit zeros at 48 kHz, mono) for Chromium's fake microphones in
 * the `silent-microphone` group: what a muted or broken device sends. Written at each start.
 */
function silentWav() {
  const rate = 48_000;
  const data = rate * 2;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(data, 40);
  const path = resolve('.cache', 'silence.wav');
  mkdirSync(resolve('.cache'), { recursive: true });
  writeFileSync(path, wav);
  return path;
}

const shared = {
  // Lit, lit-html and @lit/reactive-element pick their dev build under the `development` condition.
  nodeResolve: { browser: true, exportConditions: litDev ? ['development'] : ['production'] },
  concurrency: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [
    reactEsm(),
    matrixEsm(),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' }),
    permissionPlugin(),
    screenshotPlugin(),
    mediaFeaturesPlugin(),
  ],
  middleware: [tokenRoutes(livekit), meetRoutes(livekit), cspPages(livekit), matrixRoutes(livekit, matrix)],
  reporters: [defaultReporter(), summaryReporter()],
};

/** Lit's development mode: the element tests in Chromium, Lit warnings as failures. */
const devMode = {
  ...shared,
  files: ['test/unit/**/*.test.ts'],
  browsers: [chromium(chromiumArgs)],
  testRunnerHtml: litDevModeHtml,
};

const productionMode = {
  ...shared,
  files: ['test/**/*.test.ts', '!test/autoplay/**', '!test/denied/**', '!test/no-camera/**', '!test/silent-microphone/**', '!test/popout/**'],
  browsers: [chromium(chromiumArgs)],
  groups: [
    // The browsers' default autoplay policy (audio waits for a user gesture), in its own browser.
    {
      name: 'autoplay',
      files: 'test/autoplay/**/*.test.ts',
      browsers: [chromium([...chromiumArgs.filter((arg) => !arg.startsWith('--autoplay-policy')), '--autoplay-policy=document-user-activation-required'])],
    },
    // The element and end-to-end tests again in Firefox, where it is installed (`.ci/run` installs it).
    ...(hasFirefox
      ? [
          // Not the device tests: Firefox's fake devices are one camera and one microphone, and its
          // Web Audio stays suspended without a user gesture (no level to read) in this set-up.
          {
            name: 'firefox',
            // Nor the background effect's pictures: headless Firefox here has no WebGL 2, which it needs
            // (the choice shows disabled with its reason; background-support.test.ts runs in Firefox).
            files: [
              'test/unit/**/*.test.ts',
              'test/e2e/**/*.test.ts',
              'test/popout/**/*.test.ts',
              '!test/unit/devices.test.ts',
              '!test/e2e/prejoin.test.ts',
              '!test/e2e/crowd.test.ts',
              '!test/e2e/precall-microphone.test.ts',
              '!test/e2e/background.test.ts',
            ],
            browsers: [firefox(firefoxPrefs)],
          },
          // Firefox's default autoplay policy: audible media, MediaStreams included, waits for a gesture.
          { name: 'autoplay-firefox', files: 'test/autoplay/**/*.test.ts', browsers: [firefox({ ...firefoxPrefs, 'media.autoplay.default': 1 })] },
        ]
      : []),
    // Camera and microphone access denied: without the flag that accepts every prompt, headless
    // Chromium refuses getUserMedia with NotAllowedError, as when a user clicks "Block". Without
    // that access Chromium hides host candidates behind mDNS names, which loopback-only ICE cannot
    // resolve; the feature flag keeps plain 127.0.0.1 candidates.
    {
      name: 'denied',
      files: 'test/denied/**/*.test.ts',
      browsers: [chromium([...chromiumArgs.filter((arg) => arg !== '--use-fake-ui-for-media-stream'), '--disable-features=WebRtcHideLocalIpsWithMdns'])],
    },
    // Microphones that send only silence (a WAV of zeros): the pre-call check's "seems silent" warning.
    {
      name: 'silent-microphone',
      files: 'test/silent-microphone/**/*.test.ts',
      browsers: [chromium([...chromiumArgs, `--use-file-for-fake-audio-capture=${silentWav()}`])],
    },
    // The pop-out window (Document Picture-in-Picture) in a browser of its own: the window belongs
    // to the browser, and no other file should meet one left open.
    {
      name: 'popout',
      files: 'test/popout/**/*.test.ts',
      browsers: [chromium(chromiumArgs)],
    },
    // A computer with microphones and no camera at all.
    {
      name: 'no-camera',
      files: 'test/no-camera/**/*.test.ts',
      browsers: [
        chromium(chromiumArgs.map((arg) => (arg.startsWith('--use-fake-device-for-media-stream') ? '--use-fake-device-for-media-stream=device-count=0' : arg))),
      ],
    },
  ],
};

/** Every file under test/, as paths from the project root. */
function testFiles() {
  return readdirSync('test', { recursive: true }).map((file) => `test/${String(file).split(sep).join('/')}`);
}

/** The files named after `--files` on the command line (`npm test -- --files a.test.ts b.test.ts`). */
function requestedFiles(argv = process.argv) {
  const start = argv.indexOf('--files');
  if (start < 0) return [];
  const files = [];
  for (const arg of argv.slice(start + 1)) {
    if (arg.startsWith('--')) break;
    const file = arg.replace(/^\.\//, '');
    // A glob (`test/unit/**/*.test.ts`) stands for the test files it matches.
    if (picomatch.scan(file).isGlob) {
      const matches = picomatch(file);
      files.push(...testFiles().filter((path) => matches(path)));
    } else files.push(file);
  }
  return files;
}

/**
 * With `--files`, web-test-runner replaces the default group's files but would still run every
 * file of the other groups: each group keeps only the requested files its own globs cover, and a
 * group that covers none is left out.
 */
function narrowGroups(config, requested) {
  if (!requested.length || !config.groups) return config;
  const groups = config.groups.flatMap((group) => {
    const globs = [group.files].flat();
    const include = picomatch(globs.filter((glob) => !glob.startsWith('!')));
    const exclude = picomatch(globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)));
    const files = requested.filter((file) => include(file) && !exclude(file));
    return files.length ? [{ ...group, files }] : [];
  });
  return { ...config, groups };
}

export default narrowGroups(litDev ? devMode : productionMode, requestedFiles());
