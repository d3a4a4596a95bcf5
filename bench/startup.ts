// Start-up figures for the embedded default: cold start (empty DATA_DIR: initdb, migrate,
// seed) to "ready", then warm starts on the same directory, with the resident memory of the
// server process when it is ready. Part of `npm run bench`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServeProcess, stopServeProcess } from '../test/support/serve-process.js';

const WARM_RUNS = 3;

/** Resident set size of a process in MB, from /proc (Linux); null elsewhere. */
async function residentMb(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}

const directory = await mkdtemp(join(tmpdir(), 'kb-bench-start-'));
try {
  const dataDir = join(directory, 'data');
  const cold = await startServeProcess(dataDir);
  const coldRss = await residentMb(cold.child.pid);
  await stopServeProcess(cold.child, 'SIGTERM');
  const warm: Array<{ ms: number; rss: number | null }> = [];
  for (let run = 0; run < WARM_RUNS; run += 1) {
    const started = await startServeProcess(dataDir);
    warm.push({ ms: started.readyMs, rss: await residentMb(started.child.pid) });
    await stopServeProcess(started.child, 'SIGTERM');
  }
  const warmMs = warm.map((run) => run.ms);
  const warmRss = warm.flatMap((run) => (run.rss === null ? [] : [run.rss]));
  console.log('start-up, embedded PGlite (spawn of `kb serve` to its "ready" log line; RSS of that process then):');
  console.table({
    'cold start (empty DATA_DIR)': {
      seconds: +(cold.readyMs / 1000).toFixed(2),
      target: '< 60',
      'RSS MB': coldRss ?? 'n/a',
    },
    [`warm start (best of ${WARM_RUNS})`]: {
      seconds: +(Math.min(...warmMs) / 1000).toFixed(2),
      target: '< 5',
      'RSS MB': warmRss.length > 0 ? Math.min(...warmRss) : 'n/a',
    },
    [`warm start (worst of ${WARM_RUNS})`]: {
      seconds: +(Math.max(...warmMs) / 1000).toFixed(2),
      target: '< 5',
      'RSS MB': warmRss.length > 0 ? Math.max(...warmRss) : 'n/a',
    },
  });
} finally {
  await rm(directory, { recursive: true, force: true });
}
