// Ingest: loads the source datasets of seed/ into the database. Each dataset is one importer
// over a small generic sync (source key + content hash: new rows inserted, changed rows updated
// and audited with their old values, rows a source drops retired where the model can mark them,
// never deleted), in one transaction with its checksum.
//
// To add a dataset:
//   1. write importers/<dataset>.ts: its input files (seedFile with a zod schema), a TableSpec
//      per table it writes (rows typed SeedRow<'Model'>, ids stableId('Model', natural key)), and
//      an Importer { name, files, dependsOn, load } whose load builds the rows and calls syncTable;
//      parsing specific to the source goes in a file beside it. Each row belongs to one dataset
//      (citations aside): the check behind a checksum skip adds up the rows datasets recorded;
//   2. add the importer to SEED_DATASETS (datasets.ts), after the datasets it depends on;
//   3. add its tests under test/ingest/ (parsing on the real file; rows after a seed).
export {
  DEFAULT_SEED_DIR,
  SEED_LOADER_VERSION,
  TRANSACTION_OPTIONS,
  seedDatabase,
  tableCounts,
  type DatasetReport,
  type SeedOptions,
  type SeedReport,
} from './seed-database.js';
export { SEED_DATASETS } from './datasets.js';
export type { Importer, ImportContext } from './importer.js';
export type { SeedHooks, SeedLog, TableCounts } from './sync-context.js';
