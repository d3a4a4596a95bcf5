// One search index snapshot per test run. Rebuilding the embedded index from the seeded
// database takes several seconds, and every integration test file starts its own service: the
// global setups build the index once and save it as a snapshot, and each service starts from a
// private copy of it, through the same snapshot loading a warm `kb serve` uses (which refuses a
// snapshot that no longer matches the database and rebuilds then).
import { copyFile, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { openSearch } from '../../src/search/open-search.js';

/** Builds the index of `db` and saves it as a snapshot in `directory`; returns the file's path. */
export async function buildSearchSnapshot(db: Database, directory: string): Promise<string> {
  const path = join(directory, 'search-index.snapshot');
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const search = await openSearch(config, db, { logger: createLogger(config), snapshotPath: path });
  await search.close();
  await stat(path);
  return path;
}

/** A service's own copy of the run's snapshot, and how to hand a newer one back. */
export interface PrivateSnapshot {
  path: string;
  /**
   * Puts the private copy in place of the shared one when the service wrote a new snapshot at
   * its start (it rebuilt the index, or applied rows written since): on PostgreSQL, test files
   * share one database, and a later file then starts from what this one found.
   */
  handBack(): Promise<void>;
  remove(): Promise<void>;
}

export async function privateSnapshot(shared: string): Promise<PrivateSnapshot> {
  const directory = await mkdtemp(join(tmpdir(), 'kb-search-'));
  const path = join(directory, 'search-index.snapshot');
  await copyFile(shared, path);
  const copied = await stat(path);
  return {
    path,
    async handBack() {
      const now = await stat(path).catch(() => undefined);
      if (now === undefined || now.mtimeMs === copied.mtimeMs) return;
      // A rename within the shared directory, so another file never reads half a snapshot.
      const staged = join(dirname(shared), `search-index.${process.pid}.${Date.now()}.tmp`);
      await copyFile(path, staged);
      await rename(staged, shared);
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
