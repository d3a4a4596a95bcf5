// The last resort of a shutdown: a timer on another thread that kills the process when the
// shutdown time is up and the main thread is still busy. A timer of the main thread cannot do
// it there: the embedded database runs a statement synchronously on that thread, and one long
// statement kept a 10 s shutdown timeout from firing for 43 s. A worker's timer fires whatever
// the main thread does; SIGKILL is the one way out that needs nothing of a blocked thread (the
// data directory's lock is recognised as stale at the next start, and PGlite's files survive a
// kill at any point). It writes its log line itself, in the logger's JSON format, straight to
// stdout (the logger's own stream is drained by the blocked thread).
import { Worker } from 'node:worker_threads';

const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
setTimeout(() => {
  const line = { level: 60, time: Date.now(), service: 'export-control-kb', ms: workerData.ms,
    msg: 'shutdown timed out with the main thread blocked: killing the process' };
  writeSync(1, JSON.stringify(line) + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, workerData.ms);
`;

/** Kills the process `ms` from now unless it has exited by then. */
export function armExitWatchdog(ms: number): void {
  const worker = new Worker(WATCHDOG, { eval: true, workerData: { ms } });
  // The watchdog alone never keeps the process alive.
  worker.unref();
}
