// What the PostgreSQL benches share: a throwaway database created through an admin connection
// and dropped at the end, and a bare HTTP server on a free port for the hand-written baseline.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  /** Connection string of the new database. */
  url: string;
  /** Drops it, closing whatever connections are still open (WITH (FORCE)), and the admin connection. */
  drop(): Promise<void>;
}

export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`The bench runs on PostgreSQL and none answers at ${ADMIN_URL}: ${String(error)}`);
  });
  const database = `kb_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Listens on a free port of 127.0.0.1 and returns the base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
