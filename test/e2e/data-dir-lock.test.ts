// One owner per embedded database, with real processes: while `kb serve` holds DATA_DIR, a
// `kb seed`, a second `kb serve`, `kb migrate` and `kb reindex` on the same directory exit at once
// with exit code 3 and one line naming the directory and the server's pid, without opening the
// database; the data read through the server is unchanged. After the server is killed with
// SIGKILL (no cleanup), a new `kb serve` takes over its stale lock and serves the same data.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR_LOCKED_EXIT_CODE, LOCK_FILE_NAME, type LockRecord } from '../../src/db/data-dir-lock.js';
import { startServeProcess, stopServeProcess, type ServeProcess } from '../support/serve-process.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Counts and contents of the seeded tables, and a search: what a lost or doubled record would change. */
const DATA_QUERY = `{
  us: provisions(first: 100, filter: { regime: US_EAR }) { totalCount edges { node { id code title text } } }
  eu: provisions(first: 100, filter: { regime: EU }) { totalCount edges { node { id code title text } } }
  exemptions(first: 100) { totalCount edges { node { id name legalBasis conditions { __typename } } } }
  consultations(first: 100) { totalCount edges { node { id title responseCount } } }
  guidanceDocuments(first: 100) { totalCount edges { node { id title topics } } }
  impactAssessments(first: 100) { totalCount edges { node { id title publisher } } }
  search(query: "thermal camera", first: 20) { totalCount edges { node { __typename ... on ControlProvision { code } } } }
}`;

interface DataSummary {
  counts: Record<string, number>;
  sha256: string;
}

async function readData(port: number): Promise<DataSummary> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: DATA_QUERY }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: Record<string, { totalCount: number }>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const data = body.data ?? {};
  const counts = Object.fromEntries(Object.entries(data).map(([field, value]) => [field, value.totalCount]));
  return { counts, sha256: createHash('sha256').update(JSON.stringify(data)).digest('hex') };
}

interface KbRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `kb <command>` on `dataDir` to its end (killed after `killAfterMs`, so a hang fails the test instead). */
function runKb(command: string, dataDir: string, killAfterMs = 60_000): Promise<KbRun> {
  const began = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/kb.ts', command], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolveRun) => {
    child.once('close', (code) => {
      clearTimeout(killer);
      resolveRun({ code, stdout, stderr, ms: Math.round(performance.now() - began) });
    });
  });
}

const readLock = async (dataDir: string) =>
  JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')) as LockRecord;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('one kb process per embedded data directory', () => {
  let root = '';
  const servers: ServeProcess[] = [];
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('refuses seed, serve, migrate and reindex while kb serve runs; takes over after the server is SIGKILLed', async () => {
    root = await mkdtemp(join(tmpdir(), 'kb-e2e-lock-'));
    const dataDir = join(root, 'data');
    const first = await startServeProcess(dataDir);
    servers.push(first);
    const firstPid = first.child.pid;
    expect((await readLock(dataDir)).pid).toBe(firstPid);
    const before = await readData(first.port);
    expect(before.counts.us).toBeGreaterThanOrEqual(606);

    // One after another: on 2 shared cores, loading the CLI (about 3 s of CPU, before the lock is
    // even tried) in four processes at once would measure the machine, not the refusal.
    const refused: KbRun[] = [];
    for (const command of ['seed', 'serve', 'migrate', 'reindex']) refused.push(await runKb(command, dataDir));
    const message = new RegExp(
      `^DATA_DIR ${escapeRegExp(dataDir)} is in use by another kb process \\(pid ${firstPid}, "kb serve", ` +
        `since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\\. Stop it, or point DATA_DIR at another directory\\.\\n$`,
    );
    for (const run of refused) {
      expect(run.code).toBe(DATA_DIR_LOCKED_EXIT_CODE);
      // The message alone: no stack trace, no log of a database opened, migrated or seeded.
      expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toMatch(/"msg":"(database opened|migrations|seed|reindexed)"/);
      expect(run.ms).toBeLessThan(10_000);
    }
    console.info(`refused in ${refused.map((run) => `${run.ms} ms`).join(', ')} (seed, serve, migrate, reindex)`);

    // The server still owns the directory and its data is as it was.
    expect((await readLock(dataDir)).pid).toBe(firstPid);
    expect(await readData(first.port)).toEqual(before);

    // Killed without any cleanup: its lock stays behind, naming a dead process.
    await stopServeProcess(first.child, 'SIGKILL');
    expect((await readLock(dataDir)).pid).toBe(firstPid);

    const second = await startServeProcess(dataDir);
    servers.push(second);
    console.info(`after SIGKILL, a new kb serve took over and was ready in ${Math.round(second.readyMs)} ms`);
    expect((await readLock(dataDir)).pid).toBe(second.child.pid);
    expect(await readData(second.port)).toEqual(before);

    // A clean stop releases the lock.
    expect(await stopServeProcess(second.child, 'SIGTERM')).toBe(0);
    await expect(readFile(join(dataDir, LOCK_FILE_NAME))).rejects.toThrow(/ENOENT/);
  }, 600_000);
});
