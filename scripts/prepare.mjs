// What `npm test` needs on a fresh machine, prepared before the run (as root with apt-get where
// it may; otherwise one line saying exactly what to install):
// - Debian's Chromium and Firefox ESR (no browser download), unless CHROME_PATH / FIREFOX_PATH
//   point at others;
// - `unshare` and `ip` for the private network namespace (only used as root);
// - the Django example's Python packages (demo/examples/django/requirements.txt) in a project-local
//   virtual environment, .cache/python (python3 -m venv; python3-venv from apt-get if missing).
// The LiveKit server is built by scripts/livekit-server.mjs (ensureLivekitServer), the Dendrite
// homeserver of the Tchap tests by scripts/dendrite.mjs (ensureDendrite): scripts/test.mjs calls both.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './chromium.mjs';
import { firefoxPath } from './firefox.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const venv = join(root, '.cache/python');
/** The Python the examples test runs the Django example with. */
export const venvPython = join(venv, 'bin/python');
const requirements = join(root, 'demo/examples/django/requirements.txt');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canApt = isRoot && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
let aptUpdated = false;

/** Installs Debian packages as root; false when that is not possible here or fails. */
function aptInstall(packages) {
  if (!canApt) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    if (spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status !== 0) return false;
    aptUpdated = true;
  }
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
}

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Each missing piece, as the one line that says what to install; empty when all is there. */
export function prepare() {
  const missing = [];
  const browser = (path, envName, pkg, what) => {
    if (existsSync(path)) return;
    if (process.env[envName]) {
      missing.push(`${what}: ${envName}=${path} does not exist`);
      return;
    }
    console.log(`npm test: installing Debian's ${pkg}`);
    if (!aptInstall([pkg]) || !existsSync(path)) missing.push(`${what}: install Debian's ${pkg} (sudo apt-get install ${pkg}) or set ${envName}`);
  };
  browser(chromiumPath, 'CHROME_PATH', 'chromium', 'Chromium');
  browser(firefoxPath, 'FIREFOX_PATH', 'firefox-esr', 'Firefox ESR');
  // The network namespace (root only): unshare from util-linux, ip from iproute2.
  if (isRoot && process.env.VISIO_NETNS !== '0' && !(has('unshare') && has('ip'))) aptInstall(['util-linux', 'iproute2']);

  const pythonProblem = prepareVenv();
  if (pythonProblem) missing.push(pythonProblem);
  return missing;
}

/** The Django example's packages in .cache/python, reinstalled when requirements.txt changes. */
function prepareVenv() {
  if (!has('python3')) {
    console.log("npm test: installing Debian's python3 and python3-venv");
    if (!aptInstall(['python3', 'python3-venv'])) return 'Python: install python3 and python3-venv (sudo apt-get install python3 python3-venv)';
  }
  if (!existsSync(venvPython)) {
    let made = spawnSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (made.status !== 0) {
      // Debian splits venv's ensurepip into python3-venv.
      console.log("npm test: installing Debian's python3-venv");
      if (!aptInstall(['python3-venv'])) return 'Python venv: install python3-venv (sudo apt-get install python3-venv)';
      made = spawnSync('python3', ['-m', 'venv', '--clear', venv], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (made.status !== 0) return `Python venv: python3 -m venv ${venv} failed`;
    }
  }
  const stamp = join(venv, '.requirements.sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return undefined;
  console.log('npm test: installing the Django example’s Python packages into .cache/python');
  const pip = spawnSync(venvPython, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '-r', requirements], { stdio: 'inherit' });
  if (pip.status !== 0) return `Python packages: ${venvPython} -m pip install -r demo/examples/django/requirements.txt failed (needs PyPI)`;
  writeFileSync(stamp, wanted);
  return undefined;
}
