// A separate process taking the DATA_DIR lock, for the lock tests:
//   node --import tsx test/support/data-dir-lock-child.ts <dir> [--wait-for-go] [pause ms]
// Prints "ready" once loaded; with --wait-for-go it then waits for a "go" line on stdin, so that
// several children try at the same moment; a pause (ms) delays its takeover of a stale lock, so
// that racers interleave at the worst moment rather than in lockstep. Prints one JSON line: {"result":"won"} (then holds the
// lock until stdin ends, releases it and exits 0) or {"result":"locked","pid":...,"message":...}
// (exits 0), or {"result":"error","message":...} (exits 1).
import { createInterface } from 'node:readline';
import { acquireDataDirLock, DataDirLockedError, lockTestHooks } from '../../src/db/data-dir-lock.js';

const [directory, flag, pause] = process.argv.slice(2);
if (!directory) throw new Error('usage: data-dir-lock-child.ts <dir> [--wait-for-go]');

const lines = createInterface({ input: process.stdin });
const stdinEnded = new Promise<void>((resolve) => lines.once('close', resolve));
const go = new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));

const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const pauseMs = Number(pause ?? 0);
if (pauseMs > 0) lockTestHooks.beforeTakeover = () => new Promise((resolve) => setTimeout(resolve, pauseMs));

process.stdout.write('ready\n');
if (flag === '--wait-for-go') await go;
try {
  const lock = await acquireDataDirLock(directory, { command: 'lock test child' });
  say({ result: 'won', pid: process.pid });
  await stdinEnded;
  await lock.release();
  process.exit(0);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    say({ result: 'locked', pid: error.pid, message: error.message });
    process.exit(0);
  }
  say({ result: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
