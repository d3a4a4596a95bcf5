// The DATA_DIR lock (src/db/data-dir-lock.ts): one owner per embedded database directory, the
// live holder named in the refusal, stale locks (dead pid, reused pid, our own pid from an earlier
// life, an earlier boot, garbage) taken over, and exactly one winner when several processes race
// for the same stale lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirLockedError,
  LOCK_FILE_NAME,
  lockTestHooks,
  processStartTime,
  type DataDirLock,
  type LockRecord,
} from '../../src/db/data-dir-lock.js';

const ROOT = resolve(import.meta.dirname, '../..');
const onLinux = processStartTime(process.pid) !== null;

let directory = '';
let lockPath = '';
const children: ChildProcess[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kb-lock-'));
  lockPath = join(directory, LOCK_FILE_NAME);
});

afterEach(async () => {
  delete lockTestHooks.beforeTakeover;
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
});

async function readLock(): Promise<LockRecord> {
  return JSON.parse(await readFile(lockPath, 'utf8')) as LockRecord;
}

/** A record as this host writes it (bootId, hostname, our start time), with the fields given. */
async function recordLike(fields: Partial<LockRecord>): Promise<LockRecord> {
  const scratch = await mkdtemp(join(tmpdir(), 'kb-lock-template-'));
  try {
    const lock = await acquireDataDirLock(scratch, { command: 'template' });
    await lock.release();
    return { ...lock.record, token: crypto.randomUUID(), since: '2026-01-01T00:00:00Z', ...fields };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const writeLock = (record: LockRecord) => writeFile(lockPath, `${JSON.stringify(record)}\n`);

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolveExit) => child.once('exit', resolveExit));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

/** A process that stays alive until killed. */
async function livePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolveSpawn) => child.once('spawn', resolveSpawn));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

interface LockChild {
  child: ChildProcess;
  /** The next line the child prints. */
  line(): Promise<string>;
  exited: Promise<number | null>;
}

/** test/support/data-dir-lock-child.ts in its own process, once it says "ready". */
async function startLockChild(dir: string, waitForGo: boolean, pauseMs = 0): Promise<LockChild> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/data-dir-lock-child.ts', dir, waitForGo ? '--wait-for-go' : '-', String(pauseMs)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  children.push(child);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const pending: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  if (!child.stdout) throw new Error('no stdout');
  createInterface({ input: child.stdout }).on('line', (text) => {
    const waiter = waiting.shift();
    if (waiter) waiter(text);
    else pending.push(text);
  });
  const line = () => {
    const text = pending.shift();
    if (text !== undefined) return Promise.resolve(text);
    return new Promise<string>((resolveLine, rejectLine) => {
      waiting.push(resolveLine);
      void exited.then((code) => rejectLine(new Error(`lock child exited with ${code}`)));
    });
  };
  expect(await line()).toBe('ready');
  return { child, line, exited };
}

type ChildResult = { result: 'won'; pid: number } | { result: 'locked'; pid: number; message: string };

describe('acquireDataDirLock', () => {
  it('records the holder in DATA_DIR/kb.lock, removes it on release, and can be taken again', async () => {
    const lock = await acquireDataDirLock(directory, { command: 'kb serve' });
    const record = await readLock();
    expect(record).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'kb serve' });
    expect(record.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    if (onLinux) expect(record.startTime).toBe(processStartTime(process.pid));
    await lock.release();
    await lock.release();
    expect(await readdir(directory)).toEqual([]);
    const again = await acquireDataDirLock(directory);
    await again.release();
  });

  it('refuses while another process holds it, naming the directory, its pid and command', async () => {
    const holder = await startLockChild(directory, false);
    const won = JSON.parse(await holder.line()) as ChildResult;
    expect(won).toEqual({ result: 'won', pid: holder.child.pid });

    const refused = await acquireDataDirLock(directory).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataDirLockedError);
    const error = refused as DataDirLockedError;
    expect(error.pid).toBe(holder.child.pid);
    expect(error.directory).toBe(directory);
    expect(error.command).toBe('lock test child');
    expect(error.message).toBe(
      `DATA_DIR ${directory} is in use by another kb process (pid ${holder.child.pid}, "lock test child", since ${error.since}). ` +
        'Stop it, or point DATA_DIR at another directory.',
    );
    // The refusal left the holder's lock alone; the holder's release removes it.
    expect((await readLock()).pid).toBe(holder.child.pid);
    holder.child.stdin?.end();
    expect(await holder.exited).toBe(0);
    expect(await readdir(directory)).toEqual([]);
  });

  it('refuses a second acquisition in the same process', async () => {
    const lock = await acquireDataDirLock(directory, { command: 'first' });
    await expect(acquireDataDirLock(directory)).rejects.toThrow(
      `DATA_DIR ${directory} is already open in this process (pid ${process.pid}, "first"`,
    );
    expect((await readLock()).token).toBe(lock.record.token);
    await lock.release();
  });

  it('takes over the lock of a process that no longer exists', async () => {
    await writeLock(await recordLike({ pid: await deadPid(), command: 'kb serve' }));
    const lock = await acquireDataDirLock(directory);
    expect((await readLock()).token).toBe(lock.record.token);
    await lock.release();
  });

  it('takes over a lock with our own pid that this process does not hold (a restarted container)', async () => {
    await writeLock(await recordLike({ pid: process.pid, startTime: '1' }));
    const lock = await acquireDataDirLock(directory);
    expect((await readLock()).token).toBe(lock.record.token);
    await lock.release();
  });

  it.runIf(onLinux)('takes over a lock whose pid now belongs to another process (start time differs)', async () => {
    const pid = await livePid();
    const startTime = processStartTime(pid);
    expect(startTime).not.toBeNull();
    await writeLock(await recordLike({ pid, startTime: String(Number(startTime) - 1) }));
    const lock = await acquireDataDirLock(directory);
    expect((await readLock()).token).toBe(lock.record.token);
    await lock.release();

    // The same pid with its real start time is a live holder.
    await writeLock(await recordLike({ pid, startTime }));
    await expect(acquireDataDirLock(directory)).rejects.toThrow(`(pid ${pid},`);
  });

  it.runIf(onLinux)('takes over a lock written before the last boot, even if its pid is alive', async () => {
    const pid = await livePid();
    await writeLock(await recordLike({ pid, startTime: processStartTime(pid), bootId: 'an-earlier-boot' }));
    const lock = await acquireDataDirLock(directory);
    await lock.release();
  });

  it('takes over garbage and empty lock files after re-reading them for a moment', async () => {
    // A half-written record, an empty file, and a pid that would signal a process group.
    const contents = ['{"pid": 12', '', '{"pid": 0, "token": "0123456789"}'];
    await Promise.all(
      contents.map(async (content, index) => {
        const dir = join(directory, String(index));
        await mkdir(dir);
        await writeFile(join(dir, LOCK_FILE_NAME), content);
        const lock = await acquireDataDirLock(dir);
        expect(JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
          token: lock.record.token,
        });
        await lock.release();
      }),
    );
  });

  it('refuses a lock recorded on another host, saying it cannot be checked and how to clear it', async () => {
    await writeLock(await recordLike({ pid: 4242, hostname: 'elsewhere', command: 'kb seed' }));
    await expect(acquireDataDirLock(directory)).rejects.toThrow(
      `DATA_DIR ${directory} is locked by a kb process on host "elsewhere" (pid 4242, "kb seed", since 2026-01-01T00:00:00Z), ` +
        `which cannot be checked from here. Stop it, or if no process uses the directory any more, delete ${lockPath}.`,
    );
  });

  it('claims the claim of a process that died mid-takeover, and removes what it left', async () => {
    const stale = await recordLike({ pid: await deadPid() });
    await writeLock(stale);
    const deadClaimant = await recordLike({ pid: await deadPid() });
    await writeFile(`${lockPath}.takeover-${stale.token}`, JSON.stringify(deadClaimant));
    await writeFile(`${lockPath}.${deadClaimant.token}.tmp`, JSON.stringify(deadClaimant));
    const lock = await acquireDataDirLock(directory);
    expect(await readdir(directory)).toEqual([LOCK_FILE_NAME]);
    await lock.release();
  });

  it('waits for a live process taking over a stale lock instead of overtaking it', async () => {
    const stale = await recordLike({ pid: await deadPid() });
    await writeLock(stale);
    const pid = await livePid();
    const claim = `${lockPath}.takeover-${stale.token}`;
    await writeFile(claim, JSON.stringify(await recordLike({ pid, startTime: processStartTime(pid) })));
    const attempt = acquireDataDirLock(directory);
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    // However long the claimant takes, its stale lock is not removed under it.
    expect((await readLock()).token).toBe(stale.token);
    await rm(claim);
    const lock = await attempt;
    expect((await readLock()).token).toBe(lock.record.token);
    await lock.release();
  });

  it('release leaves a lock that is no longer ours', async () => {
    const lock = await acquireDataDirLock(directory);
    const other = await recordLike({ pid: await livePid() });
    await writeLock(other);
    await lock.release();
    expect((await readLock()).token).toBe(other.token);
  });

  it('an attempt paused between judging a lock stale and removing it leaves the lock taken meanwhile', async () => {
    const stale = await recordLike({ pid: await deadPid() });
    await writeLock(stale);
    let paused = () => undefined as void;
    const reachedPause = new Promise<void>((resolvePause) => (paused = resolvePause));
    let resume = () => undefined as void;
    const gate = new Promise<void>((resolveGate) => (resume = resolveGate));
    lockTestHooks.beforeTakeover = async () => {
      paused();
      await gate;
    };
    const slow = acquireDataDirLock(directory, { command: 'slow' }).then(
      () => 'won',
      (error: unknown) => error,
    );
    await reachedPause;
    delete lockTestHooks.beforeTakeover;
    const fast = await acquireDataDirLock(directory, { command: 'fast' });
    resume();
    const refused = await slow;
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).command).toBe('fast');
    expect((await readLock()).token).toBe(fast.record.token);
    await fast.release();
  });

  it('concurrent attempts in one process on a stale lock: exactly one wins', async () => {
    await writeLock(await recordLike({ pid: await deadPid() }));
    // Staggered, so that some attempts judge the lock stale before another has replaced it and
    // try to take it over after.
    let order = 0;
    lockTestHooks.beforeTakeover = () => new Promise((resolveWait) => setTimeout(resolveWait, (order++ % 4) * 15));
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => acquireDataDirLock(directory)));
    const won = attempts.filter((a): a is PromiseFulfilledResult<DataDirLock> => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(DataDirLockedError);
    }
    expect((await readLock()).token).toBe(won[0]?.value.record.token);
    await won[0]?.value.release();
    expect(await readdir(directory)).toEqual([]);
  });

  it('processes racing for a stale lock: exactly one wins, the others name it', async () => {
    await writeLock(await recordLike({ pid: await deadPid() }));
    const racers = await Promise.all(
      Array.from({ length: 4 }, (_, index) => startLockChild(directory, true, index * 20)),
    );
    for (const racer of racers) racer.child.stdin?.write('go\n');
    const results = await Promise.all(racers.map(async (racer) => JSON.parse(await racer.line()) as ChildResult));
    const winners = results.filter((result) => result.result === 'won');
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.pid;
    expect((await readLock()).pid).toBe(winner);
    for (const result of results) {
      if (result.result === 'locked') expect(result.message).toContain(`(pid ${winner}, "lock test child"`);
    }
    expect(results.filter((result) => result.result === 'locked')).toHaveLength(3);
    for (const racer of racers) racer.child.stdin?.end();
    expect(await Promise.all(racers.map((racer) => racer.exited))).toEqual([0, 0, 0, 0]);
    expect(await readdir(directory)).toEqual([]);
  });
});
