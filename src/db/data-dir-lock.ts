// One owner per embedded data directory. PGlite is a single-connection engine with no guard
// against a second process opening the same files, and two writers on one directory lose data
// for good; so the process that opens DATA_DIR holds an exclusive lock file there for its lifetime.
//
// Why hand-written: the npm lock libraries either judge staleness by an mtime the holder must keep
// refreshing (proper-lockfile, lockfile), so a paused holder loses its lock and a refusal cannot
// name the holder; or they record a pid but check-then-unlink a stale lock racily and trust any
// live process with that pid (pidlockfile, npid). Those built on flock (os-lock, fs-ext) are
// native addons compiled at install. None records who holds the lock and handles pid reuse.
//
// Protocol (`kb.lock` in the directory):
// - The lock file holds JSON {pid, startTime, bootId, hostname, command, since, token}. It is
//   written to a temporary file, fsynced, then hard-linked to `kb.lock`: link fails with EEXIST
//   when the lock exists (exclusive like O_EXCL), and the file appears complete, so a reader never
//   sees a half-written lock. Filesystems without hard links fall back to open(path, 'wx').
// - On EEXIST the lock is read. A holder on another host cannot be checked: refuse. A holder from
//   an earlier boot (bootId), whose pid is gone or a zombie, or whose pid now belongs to a process
//   with another start time (/proc/<pid>/stat, pid reuse) is dead. Our own pid is alive only if
//   this process holds that very token (a container restarted with the same pid). Else refuse.
//   Unparseable content is re-read for a moment (the fallback writer may be mid-write), then stale.
// - A stale lock is removed by the one process that creates the claim file
//   `kb.lock.takeover-<token of the stale lock>` (hard link again, so exactly one racer wins for
//   that lock, ever): it re-reads the lock, unlinks it only if it still holds that token, then
//   removes its claim, and everybody races the exclusive create again (one wins). Claims are never
//   broken by age: a claimer paused for a minute is alive and is waited for, not overtaken, so no
//   one can unlink a lock created after its check. A claimer that died mid-takeover is itself a
//   stale record: its claim is claimed the same way (`kb.lock.takeover-<its token>`) one level down.
//   Since tokens are random and never reused, once a stale lock is gone nothing can bring it back,
//   so leftover claims are harmless and are cleaned up by the next holder.
// - Release (close, and best-effort at process exit) unlinks the lock only if it still holds our
//   token. A process killed without cleanup leaves a lock the next start takes over.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { link, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';

export const LOCK_FILE_NAME = 'kb.lock';

/** Exit code of a `kb` command refused because another process holds DATA_DIR. */
export const DATA_DIR_LOCKED_EXIT_CODE = 3;

/** How long an acquisition may wait for a live process that is taking over a stale lock. */
const TAKEOVER_WAIT_MS = 10_000;
/** Re-reads of unparseable content before calling it stale (only the 'wx' fallback writes in place). */
const GARBAGE_REREAD_DELAYS_MS = [50, 100, 200, 400, 800];

const lockRecordSchema = z.object({
  pid: z.number().int().min(1),
  /** Start time of the process in clock ticks since boot (/proc/<pid>/stat field 22); null off Linux. */
  startTime: z.string().nullable(),
  /** /proc/sys/kernel/random/boot_id; null off Linux. */
  bootId: z.string().nullable(),
  hostname: z.string(),
  command: z.string(),
  since: z.string(),
  token: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
});
export type LockRecord = z.infer<typeof lockRecordSchema>;

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly directory: string,
    readonly holder: Pick<LockRecord, 'pid' | 'hostname' | 'command' | 'since'>,
    readonly reason: 'other-process' | 'this-process' | 'other-host',
  ) {
    const who = `pid ${holder.pid}, ${JSON.stringify(holder.command)}, since ${holder.since}`;
    super(
      reason === 'other-host'
        ? `DATA_DIR ${directory} is locked by a kb process on host ${JSON.stringify(holder.hostname)} (${who}), ` +
            `which cannot be checked from here. Stop it, or if no process uses the directory any more, ` +
            `delete ${join(directory, LOCK_FILE_NAME)}.`
        : reason === 'this-process'
          ? `DATA_DIR ${directory} is already open in this process (${who}).`
          : `DATA_DIR ${directory} is in use by another kb process (${who}). ` +
            `Stop it, or point DATA_DIR at another directory.`,
    );
  }
  get pid(): number {
    return this.holder.pid;
  }
  get command(): string {
    return this.holder.command;
  }
  get since(): string {
    return this.holder.since;
  }
}

/**
 * For the CLI: a DataDirLockedError ends the process with its message alone on stderr (no stack)
 * and DATA_DIR_LOCKED_EXIT_CODE; anything else returns for the caller to handle.
 */
export function exitIfDataDirLocked(error: unknown): void {
  if (!(error instanceof DataDirLockedError)) return;
  process.stderr.write(`${error.message}\n`);
  process.exit(DATA_DIR_LOCKED_EXIT_CODE);
}

export interface DataDirLock {
  directory: string;
  path: string;
  record: LockRecord;
  /** Unlinks the lock if it is still ours; idempotent. */
  release(): Promise<void>;
}

/**
 * Tests only: awaited between judging a lock stale and taking it over, to pause an attempt at the
 * worst moment (another process may take the lock meanwhile).
 */
export const lockTestHooks: { beforeTakeover?: () => Promise<void> } = {};

/** Tokens of this process's locks and claims, held or being taken: our pid with one of these is alive. */
const liveTokens = new Set<string>();
/** Lock path -> token of the locks this process holds, for the release at exit. */
const held = new Map<string, string>();
let exitHookInstalled = false;

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));

function readProcText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const hasProc = () => readProcText('/proc/self/stat') !== null;

/** State letter and start time (field 3 and 22 of /proc/<pid>/stat), or null when unreadable. */
function procStat(pid: number | 'self'): { state: string; startTime: string } | null {
  const text = readProcText(`/proc/${pid}/stat`);
  if (text === null) return null;
  // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : null;
}

/** The start time /proc records for a process (clock ticks since boot), or null off Linux. */
export function processStartTime(pid: number): string | null {
  return procStat(pid)?.startTime ?? null;
}

function bootId(): string | null {
  return readProcText('/proc/sys/kernel/random/boot_id')?.trim() || null;
}

function describeCommand(): string {
  const script = process.argv[1] ? basename(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') : 'node';
  return [script, ...process.argv.slice(2)].join(' ').slice(0, 120);
}

type HolderState = 'alive' | 'dead' | 'other-host';

/** Whether the process a lock or claim names is still running, as far as this host can tell. */
export function holderState(record: LockRecord): HolderState {
  if (record.hostname !== osHostname()) return 'other-host';
  const currentBoot = bootId();
  if (record.bootId !== null && currentBoot !== null && record.bootId !== currentBoot) return 'dead';
  if (record.pid === process.pid) return liveTokens.has(record.token) ? 'alive' : 'dead';
  let signalled = true;
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    if (errorCode(error) === 'ESRCH') return 'dead';
    // EPERM: it exists but belongs to another user.
    signalled = false;
  }
  const current = procStat(record.pid);
  if (current === null) {
    // Off Linux, or another user's process hidden by /proc's hidepid: alive, to be safe. A process
    // we could signal whose /proc entry is gone has exited since.
    return signalled && hasProc() && !existsSync(`/proc/${record.pid}`) ? 'dead' : 'alive';
  }
  if (current.state === 'Z' || current.state === 'X') return 'dead';
  if (record.startTime !== null && current.startTime !== record.startTime) return 'dead';
  return 'alive';
}

type Observed =
  | { kind: 'missing' }
  | { kind: 'record'; record: LockRecord; key: string }
  | { kind: 'garbage'; raw: string; key: string };

function parseRecord(raw: string): LockRecord | null {
  try {
    const parsed = lockRecordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function readOnce(path: string): Promise<Observed> {
  let raw: string;
  let ino: number;
  try {
    ino = (await stat(path)).ino;
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  const record = parseRecord(raw);
  if (record) return { kind: 'record', record, key: record.token };
  // No token to name this generation by: its inode and content, in a file-name-safe form.
  const key = `g${createHash('sha256').update(`${ino}:${raw}`).digest('hex').slice(0, 32)}`;
  return { kind: 'garbage', raw, key };
}

/** Reads a lock or claim; unparseable content is re-read for a moment before it counts as garbage. */
async function readSettled(path: string): Promise<Observed> {
  let observed = await readOnce(path);
  for (const delay of GARBAGE_REREAD_DELAYS_MS) {
    if (observed.kind !== 'garbage') return observed;
    await sleep(delay);
    const again = await readOnce(path);
    if (again.kind !== 'garbage' || again.key !== observed.key) return again;
    observed = again;
  }
  return observed;
}

/**
 * Creates `path` holding `record` exclusively and complete (temporary file, fsync, hard link).
 * False when it already exists.
 */
async function publish(path: string, record: LockRecord): Promise<boolean> {
  const content = `${JSON.stringify(record)}\n`;
  const temporary = `${path}.${record.token}.tmp`;
  const file = await open(temporary, 'wx');
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // No hard links here: exclusive create and write in place (readers re-read a partial file).
    return publishInPlace(path, content);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function publishInPlace(path: string, content: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  return true;
}

const claimPath = (lockPath: string, key: string) => `${lockPath}.takeover-${key}`;

/**
 * Removes the stale lock `stale` if this process wins the right to: see the protocol above.
 * Returns 'wait' when a live process is taking it over.
 */
async function takeOver(
  lockPath: string,
  stale: Exclude<Observed, { kind: 'missing' }>,
  mine: LockRecord,
): Promise<'done' | 'wait'> {
  const chain: string[] = [];
  let key = stale.key;
  // Each level down needs a claimant that died mid-takeover; the bound only guards against a loop.
  for (let depth = 0; depth < 16; depth += 1) {
    const claim = claimPath(lockPath, key);
    if (await publish(claim, mine)) {
      try {
        const current = await readOnce(lockPath);
        if (current.kind !== 'missing' && current.key === stale.key) {
          await unlink(lockPath).catch((error: unknown) => {
            if (errorCode(error) !== 'ENOENT') throw error;
          });
        }
      } finally {
        // Only after the stale lock is gone: while it exists, its claims keep the takeover single.
        for (const path of [claim, ...chain]) await unlink(path).catch(() => undefined);
      }
      return 'done';
    }
    const claimant = await readSettled(claim);
    if (claimant.kind === 'missing') return 'done';
    if (claimant.kind === 'record' && holderState(claimant.record) !== 'dead') return 'wait';
    // The claimant died mid-takeover (or left garbage): claim its claim.
    chain.push(claim);
    key = claimant.key;
  }
  return 'wait';
}

/** Best-effort removal of temporary files and claims left by processes that died mid-way. */
async function removeLeftovers(directory: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${LOCK_FILE_NAME}.`)) continue;
    if (!name.endsWith('.tmp') && !name.startsWith(`${LOCK_FILE_NAME}.takeover-`)) continue;
    const path = join(directory, name);
    try {
      const observed = await readOnce(path);
      const dead =
        observed.kind === 'record'
          ? holderState(observed.record) === 'dead'
          : observed.kind === 'garbage' && Date.now() - (await stat(path)).mtimeMs > 60_000;
      if (dead) await unlink(path);
    } catch {
      // Someone else removed it, or it is unreadable: leave it.
    }
  }
}

function releaseAllAtExit(): void {
  for (const [path, token] of held) {
    try {
      if (parseRecord(readFileSync(path, 'utf8'))?.token === token) unlinkSync(path);
    } catch {
      // Best effort: a lock left behind is taken over as stale by the next start.
    }
  }
}

/**
 * Takes the exclusive lock on `directory` (which must exist) or throws DataDirLockedError naming
 * the live holder. Stale locks (dead holder, reused pid, earlier boot, garbage) are taken over.
 */
export async function acquireDataDirLock(directory: string, options: { command?: string } = {}): Promise<DataDirLock> {
  const path = join(directory, LOCK_FILE_NAME);
  const record: LockRecord = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    bootId: bootId(),
    hostname: osHostname(),
    command: options.command ?? describeCommand(),
    since: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    token: randomUUID(),
  };
  // Registered before the lock can exist, so a concurrent attempt in this process reading it
  // already sees our pid as a live holder.
  liveTokens.add(record.token);
  try {
    const deadline = Date.now() + TAKEOVER_WAIT_MS;
    let waitingFor: LockRecord | undefined;
    while (Date.now() < deadline) {
      if (await publish(path, record)) {
        held.set(path, record.token);
        if (!exitHookInstalled) {
          exitHookInstalled = true;
          process.on('exit', releaseAllAtExit);
        }
        await removeLeftovers(directory);
        return { directory, path, record, release: () => release(path, record.token) };
      }
      const observed = await readSettled(path);
      if (observed.kind === 'missing') continue;
      if (observed.kind === 'record') {
        const state = holderState(observed.record);
        if (state === 'other-host') throw new DataDirLockedError(directory, observed.record, 'other-host');
        if (state === 'alive') {
          const self = observed.record.pid === process.pid;
          throw new DataDirLockedError(directory, observed.record, self ? 'this-process' : 'other-process');
        }
      }
      await lockTestHooks.beforeTakeover?.();
      if ((await takeOver(path, observed, record)) === 'wait') {
        waitingFor = observed.kind === 'record' ? observed.record : undefined;
        await sleep(25);
      }
    }
    throw new Error(
      `could not take over the stale lock ${path} within ${TAKEOVER_WAIT_MS} ms` +
        (waitingFor ? ` (stale holder pid ${waitingFor.pid}; another process is taking it over)` : ''),
    );
  } catch (error) {
    liveTokens.delete(record.token);
    throw error;
  }
}

async function release(path: string, token: string): Promise<void> {
  if (held.get(path) !== token) return;
  try {
    const current = await readOnce(path);
    if (current.kind === 'record' && current.record.token === token) await unlink(path);
  } finally {
    held.delete(path);
    liveTokens.delete(token);
  }
}
