// What the test servers we build and start (the LiveKit server, Dendrite) share: a port check, and
// a child process watched until it answers, with its last log lines kept for the error when it
// does not, and stopped (SIGTERM, then SIGKILL) by `stop()` or when this process exits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A set-up problem the user can act on: printed as its message alone, without a stack. */
export class SetupError extends Error {}

/** Whether nothing listens on `port` of 127.0.0.1. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Spawns `command` with `args` (`spawnOptions` for its env or cwd) and resolves once `answers()`
 * says it serves, polled every 100 ms for `timeoutMs`. `log` receives each of its log lines.
 * `cleanUp` runs once it has stopped (or failed to start). Rejects with a SetupError naming
 * `name`, why, and its last 15 log lines.
 *
 * @returns {Promise<{ stop(): Promise<void> }>}
 */
export async function startServerProcess({ name, command, args, spawnOptions = {}, log, answers, timeoutMs, cleanUp = () => {} }) {
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      if (log) log(line);
      recent.push(line);
      if (recent.length > 40) recent.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolve(code ?? signal);
    }),
  );
  const killOnExit = () => {
    child.kill('SIGKILL');
    cleanUp();
  };
  process.once('exit', killOnExit);

  const deadline = Date.now() + timeoutMs;
  while (!(await answers())) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      process.off('exit', killOnExit);
      const why = exited ? `exited (${await exit})` : `did not answer within ${timeoutMs / 1000} s`;
      cleanUp();
      throw new SetupError(`${name} ${why}:\n${recent.slice(-15).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    async stop() {
      process.off('exit', killOnExit);
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exit;
        clearTimeout(timer);
      }
      cleanUp();
    },
  };
}

/**
 * `start [--port N]` of a server script: starts the server with `start({ port, log })` (the port
 * given, else `defaultPort`; its log on stderr), prints `describe(server)`, and stops it on Ctrl-C
 * or SIGTERM.
 */
export async function serveUntilStopped(args, defaultPort, start, describe) {
  const portFlag = args.indexOf('--port');
  const port = portFlag >= 0 ? Number(args[portFlag + 1]) : defaultPort;
  const server = await start({ port, log: (line) => console.error(line) });
  console.log(`${describe(server)}; Ctrl-C stops it`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Runs `cli(process.argv.slice(2))` when `moduleUrl` is the script node was started with. A
 * SetupError is printed as its message alone, any other error with its stack, after `name: `; both
 * exit 1.
 */
export function runAsScript(moduleUrl, name, cli) {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  cli(process.argv.slice(2)).catch((error) => {
    console.error(`${name}: ${error instanceof SetupError ? error.message : error.stack}`);
    process.exit(1);
  });
}
