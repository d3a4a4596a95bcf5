// Loads a few datasets into an in-memory database the way the seed does (one transaction per
// dataset, through their importers), without the other datasets of the seed: the printed-list
// tests need only the jurisdictions and their own rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED_DIR, TRANSACTION_OPTIONS, type Importer, type TableCounts } from '../../src/ingest/index.js';
import { SeedFiles } from '../../src/ingest/seed-files.js';
import { IdMap } from '../../src/ingest/sync-context.js';
import type { LoggedDatabase } from './logged-database.js';

export interface LoadedDataset {
  counts: Record<string, TableCounts>;
  logs: Array<{ msg: string; data?: object }>;
  written: number;
}

/** Loads the datasets in order; the report of the last one. */
export async function loadDatasets(db: LoggedDatabase, importers: readonly Importer[]): Promise<LoadedDataset> {
  const files = new SeedFiles(DEFAULT_SEED_DIR);
  let result: LoadedDataset = { counts: {}, logs: [], written: 0 };
  for (const importer of importers) {
    result = { counts: {}, logs: [], written: 0 };
    const report = result;
    await db.prisma.$transaction(async (tx) => {
      const written: Array<{ table: string; id: string }> = [];
      await importer.load({
        tx,
        files,
        dataset: importer.name,
        ids: new IdMap(),
        audits: [],
        counts: report.counts,
        log: (msg, data) => report.logs.push({ msg, data }),
        written,
      });
      report.written = written.length;
    }, TRANSACTION_OPTIONS);
  }
  return result;
}

/** A seed data file as plain JSON, read independently of the importers. */
export function readSeedJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(DEFAULT_SEED_DIR, relativePath), 'utf8'));
}
