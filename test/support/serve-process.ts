// Runs `kb serve` (the real CLI, as `npm start` does) in a child process and waits for its "ready"
// log line. Shared by the end-to-end test and the start-up bench.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  /** From spawn to the "ready" log line. */
  readyMs: number;
  /** The "ready" log line itself (it carries the memory report, see src/server/memory-report.ts). */
  readyEntry: Record<string, unknown>;
  output: () => string;
}

/**
 * How the CLI is loaded: its TypeScript through tsx (tests), or the JavaScript `npm start` runs
 * from dist/ (built by scripts/build-server.mjs; the caller builds it first), with its flags and
 * environment.
 */
export type ServeEntry = 'tsx' | 'compiled';

const ENTRY_ARGS: Record<ServeEntry, string[]> = {
  tsx: ['--import', 'tsx', 'src/cli/kb.ts'],
  compiled: ['--expose-gc', 'dist/cli/kb.js'],
};
const ENTRY_ENV: Record<ServeEntry, Record<string, string>> = {
  tsx: {},
  compiled: { MALLOC_TRIM_THRESHOLD_: '131072' },
};

/** `env` adds to or overrides the environment (NODE_ENV is production unless it says otherwise). */
export function startServeProcess(
  dataDir: string,
  timeoutMs = 150_000,
  env: Record<string, string> = {},
  entry: ServeEntry = 'tsx',
): Promise<ServeProcess> {
  const began = performance.now();
  // One process (no tsx wrapper in between), so signals reach the service itself.
  const child = spawn(process.execPath, ['--max-semi-space-size=32', ...ENTRY_ARGS[entry], 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...ENTRY_ENV[entry],
      NODE_ENV: 'production',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    let port = 0;
    const timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        const logged = JSON.parse(line) as { msg?: string; url?: string };
        if (logged.msg === 'listening' && logged.url) port = Number(new URL(logged.url).port);
        if (logged.msg === 'ready' && port) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolvePromise({ child, port, readyMs: performance.now() - began, readyEntry: logged, output: () => output });
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kb serve exited with ${code}:\n${output}`));
    });
  });
}

export function stopServeProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolvePromise) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolvePromise(code));
    child.kill(signal);
  });
}
