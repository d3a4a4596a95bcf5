// A PostgreSQL cluster of the test's own, in a temporary directory on a free port, that the test
// may stop, start, freeze and thaw without touching the shared server. PostgreSQL refuses to run
// as root, so when the suite runs as root (here and in CI) every server command runs as the
// `postgres` OS user, which owns the directory.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 server binaries. */
export const POSTGRES_BIN_DIR = '/usr/lib/postgresql/15/bin';

/** Why a private cluster cannot run here, or undefined when it can. */
export function privateClusterUnavailableReason(): string | undefined {
  for (const binary of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(POSTGRES_BIN_DIR, binary))) return `no ${binary} in ${POSTGRES_BIN_DIR}`;
  }
  if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser';
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export class PrivatePostgresCluster {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly asRoot: boolean,
  ) {}

  /** Creates the cluster (initdb) and starts it. */
  static async start(): Promise<PrivatePostgresCluster> {
    const asRoot = process.getuid?.() === 0;
    const dir = await mkdtemp(join(tmpdir(), 'kb-private-pg-'));
    if (asRoot) {
      const { uid, gid } = await postgresUser();
      await chown(dir, uid, gid);
    }
    const cluster = new PrivatePostgresCluster(join(dir, 'data'), await freePort(), asRoot);
    await cluster.server('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    await cluster.startServer();
    return cluster;
  }

  /** A connection string for `database` on this cluster. */
  url(database = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the stopped cluster and waits until it accepts connections. */
  async startServer(): Promise<void> {
    const options = `-p ${this.port} -k ${this.socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await this.server('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.socketDir, 'server.log'),
      '-o',
      options,
      '-w',
      'start',
    ]);
  }

  /** Stops the cluster at once, as a crash would (no checkpoint, connections cut). */
  async stopImmediately(): Promise<void> {
    await this.server('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** Freezes the postmaster and every backend (SIGSTOP): sockets stay open, nothing answers. */
  async freeze(): Promise<void> {
    for (const pid of await this.serverPids()) process.kill(pid, 'SIGSTOP');
  }

  /** Lets a frozen cluster run again. */
  async thaw(): Promise<void> {
    for (const pid of await this.serverPids()) process.kill(pid, 'SIGCONT');
  }

  /** Stops the cluster (if running) and deletes its files. */
  async destroy(): Promise<void> {
    await this.thaw().catch(() => undefined);
    await this.stopImmediately().catch(() => undefined);
    await rm(join(this.dataDir, '..'), { recursive: true, force: true });
  }

  private get socketDir(): string {
    return join(this.dataDir, '..');
  }

  private async serverPids(): Promise<number[]> {
    const pidFile = await readFile(join(this.dataDir, 'postmaster.pid'), 'utf8');
    const postmaster = Number(pidFile.split('\n')[0]);
    const children = await run('pgrep', ['-P', String(postmaster)]).catch(() => ({ stdout: '' }));
    const pids = children.stdout
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
    return [postmaster, ...pids];
  }

  private async server(binary: string, args: string[]): Promise<void> {
    const path = join(POSTGRES_BIN_DIR, binary);
    if (this.asRoot) await run('runuser', ['-u', 'postgres', '--', path, ...args]);
    else await run(path, args);
  }
}
