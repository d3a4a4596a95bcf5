// Creates a throwaway PostgreSQL database for this run, migrates and seeds it, builds the search
// index snapshot the test files start from, and drops it all at the end. Without a reachable
// server the suite is skipped with the reason, except under CI=true, where the PostgreSQL run is
// required and its absence fails the run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { assertThrowawayDatabaseName, newThrowawayDatabaseName } from './database-guard.js';
import { prepareTestDatabase } from './prepare-test-database.js';
import { buildSearchSnapshot } from './search-snapshot.js';
import './provided-context.js';

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = `no PostgreSQL reachable at ${new URL(ADMIN_URL).host} (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.CI === 'true') {
      throw new Error(`CI=true requires the PostgreSQL integration run, but ${reason}`);
    }
    console.warn(`[integration-postgresql] skipped: ${reason}`);
    project.provide('testDatabase', { kind: 'unavailable', reason });
    project.provide('testSearchSnapshot', null);
    return;
  }

  const database = newThrowawayDatabaseName();
  await admin.query(`CREATE DATABASE "${assertThrowawayDatabaseName(database)}"`);
  const url = urlFor(database);
  const db = await openDatabase({
    DATA_DIR: 'unused',
    DATABASE_URL: url,
    DB_POOL_SIZE: 4,
    DB_CONNECT_TIMEOUT_MS: 5000,
    DB_STATEMENT_TIMEOUT_MS: 120_000,
  });
  const directory = await mkdtemp(join(tmpdir(), 'kb-postgresql-'));
  try {
    await prepareTestDatabase(db);
    project.provide('testSearchSnapshot', await buildSearchSnapshot(db, directory));
  } finally {
    await db.close();
  }
  project.provide('testDatabase', { kind: 'postgresql', url, database });

  return async () => {
    await rm(directory, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS "${assertThrowawayDatabaseName(database)}" WITH (FORCE)`);
    await admin.end();
  };
}
