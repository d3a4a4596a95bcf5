// Builds one migrated and seeded PGlite database per run and dumps it; each integration
// test file loads the dump into its own in-memory PGlite (about 1 s instead of a full seed), and
// starts its search index from the snapshot built here.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../../src/db/database.js';
import { prepareTestDatabase } from './prepare-test-database.js';
import { buildSearchSnapshot } from './search-snapshot.js';
import './provided-context.js';

const OPTIONS = { DB_POOL_SIZE: 1, DB_CONNECT_TIMEOUT_MS: 5000, DB_STATEMENT_TIMEOUT_MS: 120_000 };

async function dumpOf(db: Database): Promise<Blob> {
  if (!db.pglite) throw new Error('expected an embedded database');
  return db.pglite.dumpDataDir('none');
}

export default async function setup(project: TestProject) {
  const directory = await mkdtemp(join(tmpdir(), 'kb-pglite-'));
  const seeding = await openDatabase({ ...OPTIONS, DATA_DIR: directory, inMemory: true });
  let seeded: Blob;
  try {
    await prepareTestDatabase(seeding);
    seeded = await dumpOf(seeding);
  } finally {
    await seeding.close();
  }
  // A database loaded from a dump shows its sequences further on than the one dumped
  // (PostgreSQL logs sequence values ahead of use), and the snapshot's outbox mark must match
  // what the test files load: the snapshot is built on a loaded copy, and that copy is dumped.
  const db = await openDatabase({ ...OPTIONS, DATA_DIR: 'unused', inMemory: true, loadDataDir: seeded });
  try {
    project.provide('testSearchSnapshot', await buildSearchSnapshot(db, directory));
    const dumpPath = join(directory, 'seeded.tar');
    await writeFile(dumpPath, Buffer.from(await (await dumpOf(db)).arrayBuffer()));
    project.provide('testDatabase', { kind: 'pglite', dumpPath });
  } finally {
    await db.close();
  }
  return async () => {
    await rm(directory, { recursive: true, force: true });
  };
}
