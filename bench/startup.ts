// Start-up figures for the embedded default: cold start (empty DATA_DIR: initdb, migrate,
// seed) to "ready", then warm starts on the same directory, with the resident memory of the
// server process when it is ready and where that memory is (the "ready" log line's report, see
// src/server/memory-report.ts). Runs the compiled server as `npm start` does (built first when
// stale); `--entry tsx` runs the TypeScript through tsx instead, to compare. Part of `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoryReport } from '../src/server/memory-report.js';
import {
  startServeProcess,
  stopServeProcess,
  type ServeEntry,
  type ServeProcess,
} from '../test/support/serve-process.js';

const WARM_RUNS = 3;
const entryFlag = process.argv.indexOf('--entry');
const entry: ServeEntry = entryFlag !== -1 && process.argv[entryFlag + 1] === 'tsx' ? 'tsx' : 'compiled';

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

interface Run {
  label: string;
  ms: number;
  rss: number | null;
  memory: MemoryReport | undefined;
}

async function measure(label: string, dataDir: string): Promise<Run> {
  const started: ServeProcess = await startServeProcess(dataDir, 300_000, {}, entry);
  const run = {
    label,
    ms: started.readyMs,
    rss: await residentMb(started.child.pid),
    memory: started.readyEntry.memory as MemoryReport | undefined,
  };
  await stopServeProcess(started.child, 'SIGTERM');
  return run;
}

if (entry === 'compiled') {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const directory = await mkdtemp(join(tmpdir(), 'kb-bench-start-'));
try {
  const dataDir = join(directory, 'data');
  const runs = [await measure('cold (empty DATA_DIR)', dataDir)];
  for (let run = 1; run <= WARM_RUNS; run += 1) runs.push(await measure(`warm ${run}`, dataDir));
  const warm = runs.slice(1);
  const warmRss = warm.flatMap((run) => (run.rss === null ? [] : [run.rss]));
  console.log(
    `start-up, embedded PGlite, ${entry === 'tsx' ? 'TypeScript through tsx' : 'compiled (dist/, as npm start)'} ` +
      '(spawn of `kb serve` to its "ready" log line; RSS of that process then; noisy on a shared machine):',
  );
  console.table({
    'cold start (empty DATA_DIR)': {
      seconds: +(runs[0]!.ms / 1000).toFixed(2),
      target: '< 60',
      'RSS MB': runs[0]!.rss ?? 'n/a',
    },
    [`warm start (best of ${WARM_RUNS})`]: {
      seconds: +(Math.min(...warm.map((run) => run.ms)) / 1000).toFixed(2),
      target: '< 5',
      'RSS MB': warmRss.length > 0 ? Math.min(...warmRss) : 'n/a',
    },
    [`warm start (worst of ${WARM_RUNS})`]: {
      seconds: +(Math.max(...warm.map((run) => run.ms)) / 1000).toFixed(2),
      target: '< 5',
      'RSS MB': warmRss.length > 0 ? Math.max(...warmRss) : 'n/a',
    },
  });
  console.log('memory at "ready" (MB; resident by mapping from /proc/self/smaps, heap figures from V8):');
  console.table(
    Object.fromEntries(
      runs.map((run) => {
        const memory = run.memory;
        return [
          run.label,
          {
            rss: memory?.rss ?? 'n/a',
            'wasm (resident)': memory?.resident?.wasm ?? 'n/a',
            'PGlite wasm (grown)': memory?.pgliteWasm ?? 'n/a',
            'other anonymous': memory?.resident?.anonymous ?? 'n/a',
            'V8 heap used': memory?.heapUsed ?? 'n/a',
            'V8 heap total': memory?.heapTotal ?? 'n/a',
            external: memory?.external ?? 'n/a',
            'files (code)': memory?.resident?.files ?? 'n/a',
          },
        ];
      }),
    ),
  );
} finally {
  await rm(directory, { recursive: true, force: true });
}
