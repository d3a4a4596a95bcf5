// Start-up figures for the embedded default: cold start (empty DATA_DIR: initdb, migrate,
// seed) to "ready", then warm starts on the same directory. Part of `npm run bench`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServeProcess, stopServeProcess } from '../test/support/serve-process.js';

const WARM_RUNS = 3;
const directory = await mkdtemp(join(tmpdir(), 'kb-bench-start-'));
try {
  const dataDir = join(directory, 'data');
  const cold = await startServeProcess(dataDir);
  await stopServeProcess(cold.child, 'SIGTERM');
  const warm: number[] = [];
  for (let run = 0; run < WARM_RUNS; run += 1) {
    const started = await startServeProcess(dataDir);
    warm.push(started.readyMs);
    await stopServeProcess(started.child, 'SIGTERM');
  }
  console.log('start-up, embedded PGlite (spawn of `kb serve` to its "ready" log line):');
  console.table({
    'cold start (empty DATA_DIR)': { seconds: +(cold.readyMs / 1000).toFixed(2), target: '< 60' },
    [`warm start (best of ${WARM_RUNS})`]: { seconds: +(Math.min(...warm) / 1000).toFixed(2), target: '< 5' },
    [`warm start (worst of ${WARM_RUNS})`]: { seconds: +(Math.max(...warm) / 1000).toFixed(2), target: '< 5' },
  });
} finally {
  await rm(directory, { recursive: true, force: true });
}
