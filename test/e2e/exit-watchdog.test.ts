// The shutdown's last resort: a process whose main thread is blocked (one long synchronous
// statement) when the shutdown time is up is killed by the watchdog's own thread, instead of
// running on until the statement ends (43 s past a 10 s timeout, measured before it existed).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const WATCHDOG_MS = 300;

describe('exit watchdog', () => {
  it('kills a process whose main thread stays blocked past the watchdog time, with a log line saying why', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/blocked-process.ts', String(WATCHDOG_MS)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let armedAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (armedAt === 0 && output.includes('armed')) armedAt = performance.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolveExit) =>
      child.once('exit', (_code, exitSignal) => resolveExit(exitSignal)),
    );
    const afterArmed = performance.now() - armedAt;
    expect(signal).toBe('SIGKILL');
    expect(armedAt).toBeGreaterThan(0);
    // The busy loop runs for 60 s; the kill comes at the watchdog time (generous bound: shared CPUs).
    expect(afterArmed).toBeLessThan(WATCHDOG_MS + 10_000);
    const line = output.split('\n').find((candidate) => candidate.includes('shutdown timed out'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 60, ms: WATCHDOG_MS });
  });
});
