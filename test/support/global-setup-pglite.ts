// Builds one migrated and seeded PGlite database per run and dumps it; each integration
// test file loads the dump into its own in-memory PGlite (about 1 s instead of a full seed).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { prepareTestDatabase } from './prepare-test-database.js';
import './provided-context.js';

export default async function setup(project: TestProject) {
  const directory = await mkdtemp(join(tmpdir(), 'kb-pglite-'));
  const db = await openDatabase({
    DATA_DIR: directory,
    inMemory: true,
    DB_POOL_SIZE: 1,
    DB_CONNECT_TIMEOUT_MS: 5000,
    DB_STATEMENT_TIMEOUT_MS: 120_000,
  });
  try {
    await prepareTestDatabase(db);
    if (!db.pglite) throw new Error('expected an embedded database');
    const dump = await db.pglite.dumpDataDir('gzip');
    const dumpPath = join(directory, 'seeded.tar.gz');
    await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
    project.provide('testDatabase', { kind: 'pglite', dumpPath });
  } finally {
    await db.close();
  }
  return async () => {
    await rm(directory, { recursive: true, force: true });
  };
}
