// Opens the database for either runtime mode: embedded PGlite in DATA_DIR when
// DATABASE_URL is unset, otherwise PostgreSQL through a pg pool with explicit size and
// timeouts. Callers get one Prisma client plus the raw SQL executor for migrations/health.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Config } from '../config.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { preparedReader } from './pg-prepared-statements.js';
import { pgExecutor } from './pg-executor.js';
import { watchPoolLiveness } from './pg-liveness.js';
import { pgliteExecutor } from './pglite-executor.js';
import { preparedPgliteReader } from './pglite-prepared-statements.js';
import type { SqlExecutor } from './sql-executor.js';
import { cancelStatementsOfStoppedWork } from './pg-statement-cancel.js';
import { guardAdapterFactory, guardStatement } from './statement-guard.js';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  sql: SqlExecutor;
  /**
   * Reads rows outside Prisma, for hot read paths where Prisma's own cost per statement
   * dominates (about 0.5 ms of CPU per findMany on top of PGlite's 0.35 ms, measured on a search
   * page). On PGlite it is safe next to Prisma's transactions: PGlite runs a top-level query
   * only when no transaction holds the connection.
   */
  readRows: SqlReader;
  /**
   * The node-postgres pool behind Prisma, on PostgreSQL only: the dashboard aggregates run
   * several statements in one transaction on a pooled connection (about 3 ms of CPU per Prisma
   * statement, and extra round trips for a transaction), which PGlite's single connection has
   * no equivalent of, so they use Prisma there.
   */
  pool?: pg.Pool;
  /** The embedded engine itself, when this is PGlite (dumping a data dir in tests). */
  pglite?: PGlite;
  /** Human-readable location for logs (never contains a password). */
  location: string;
  /**
   * Counts statements Prisma sends for requests; tests use it to catch N+1 queries. The search
   * indexer's background polls of the outbox (every second, whatever requests run) are left out,
   * or a poll landing during a request would make its count flaky.
   */
  statementCount(): number;
  /**
   * Counts the statements requests ran (work under a request's signal), each when it starts.
   * Background work (the search indexer's drains, liveness probes) never adds to it, and a
   * statement is counted before it runs, so a count read after a request's work ended is final.
   */
  requestStatementCount(): number;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions = Pick<
  Config,
  'DATA_DIR' | 'DATABASE_URL' | 'DB_POOL_SIZE' | 'DB_CONNECT_TIMEOUT_MS' | 'DB_STATEMENT_TIMEOUT_MS'
> & {
  /** Prepare the service's reads once per connection, or once in the embedded database (true unless set false). */
  DB_PREPARED_STATEMENTS?: boolean;
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
  /** Embedded only: start from a data directory dumped by PGlite's dumpDataDir (tests). */
  loadDataDir?: Blob;
  /**
   * PostgreSQL only: cut every connection when the server stops answering (see pg-liveness.ts).
   * For serving requests; batch work (migrate, seed, import) keeps its long transactions.
   */
  watchLiveness?: boolean;
};

/**
 * A pooled connection busy this long makes the liveness watch check that the server still
 * answers, looked at twice a second. On a healthy server the probe (one short connection)
 * answers in milliseconds and the slow statement runs on.
 */
/**
 * PGlite's PostgreSQL keeps initdb's 128 MB of shared buffers, and touches them all when it
 * opens: 128 MB resident from the first second. Its pages are files read through the operating
 * system, whose page cache keeps them too, so 16 MB of buffers cut the resident memory of a warm
 * start by about 120 MB (measured with bench/startup.ts).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
const LIVENESS_SLOW_AFTER_MS = 1000;
const LIVENESS_INTERVAL_MS = 500;

/** Statements of the search outbox drain (src/search/search-indexer.ts), not of any request. */
const BACKGROUND_STATEMENT = /"SearchOutbox"/;

/**
 * Runs one read-only parameterised statement outside Prisma and returns its rows, on whichever
 * database the client runs on; counted with Prisma's statements (Database.statementCount).
 */
export type SqlReader = <Row extends Record<string, unknown>>(
  sql: string,
  params: readonly unknown[],
) => Promise<Row[]>;

/** `inProcess`: the database runs its statements in this process (see guardStatement). */
function countingClient(adapter: SqlDriverAdapterFactory, inProcess: boolean) {
  let statements = 0;
  let requestStatements = 0;
  const countRequestStatement = () => {
    requestStatements += 1;
  };
  const prisma = new PrismaClient({
    adapter: guardAdapterFactory(adapter, countRequestStatement, inProcess),
    log: [{ emit: 'event', level: 'query' }],
  });
  prisma.$on('query', (event) => {
    if (!BACKGROUND_STATEMENT.test(event.query)) statements += 1;
  });
  const counted =
    (run: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>): SqlReader =>
    async <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]) => {
      await guardStatement(sql, countRequestStatement, inProcess);
      statements += 1;
      return (await run(sql, [...params])) as Row[];
    };
  return { prisma, statementCount: () => statements, requestStatementCount: () => requestStatements, counted };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.DATABASE_URL) {
    const url = new URL(options.DATABASE_URL);
    const pool = new pg.Pool({
      connectionString: options.DATABASE_URL,
      max: options.DB_POOL_SIZE,
      connectionTimeoutMillis: options.DB_CONNECT_TIMEOUT_MS,
      statement_timeout: options.DB_STATEMENT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    // A server that stops answering fails queries within about slowAfter + probe timeout instead
    // of holding them until the statement timeout it cannot enforce.
    const liveness = options.watchLiveness
      ? watchPoolLiveness(pool, {
          connectionString: options.DATABASE_URL,
          slowAfterMs: LIVENESS_SLOW_AFTER_MS,
          probeTimeoutMs: options.DB_CONNECT_TIMEOUT_MS,
          intervalMs: LIVENESS_INTERVAL_MS,
        })
      : undefined;
    // A request stopped by its deadline or its client's leaving stops its running statement too.
    cancelStatementsOfStoppedWork(pool, {
      connectionString: options.DATABASE_URL,
      connectionTimeoutMillis: options.DB_CONNECT_TIMEOUT_MS,
    });
    const { prisma, statementCount, requestStatementCount, counted } = countingClient(new PrismaPg(pool), false);
    return {
      kind: 'postgresql',
      prisma,
      sql: pgExecutor(pool),
      readRows: counted(
        options.DB_PREPARED_STATEMENTS === false
          ? async (sql, params) => (await pool.query<Record<string, unknown>>(sql, params)).rows
          : preparedReader(pool),
      ),
      pool,
      location: `postgresql://${url.host}${url.pathname}`,
      statementCount,
      requestStatementCount,
      async ping() {
        await pool.query('SELECT 1');
      },
      async close() {
        liveness?.stop();
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  let dataDir: string | undefined;
  // PGlite has no guard against a second process on the same files: one owner per directory.
  let lock: DataDirLock | undefined;
  if (!options.inMemory) {
    dataDir = resolve(options.DATA_DIR);
    await mkdir(dataDir, { recursive: true });
    lock = await acquireDataDirLock(dataDir);
  }
  const pglite = await PGlite.create(dataDir, {
    startParams: PGLITE_START_PARAMS,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  }).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const { prisma, statementCount, requestStatementCount, counted } = countingClient(new PrismaPGlite(pglite), true);
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteExecutor(pglite),
    readRows: counted(
      options.DB_PREPARED_STATEMENTS === false
        ? async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params)).rows
        : preparedPgliteReader(pglite),
    ),
    pglite,
    location: dataDir ?? 'memory://',
    statementCount,
    requestStatementCount,
    async ping() {
      await pglite.query('SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await lock?.release();
    },
  };
}
