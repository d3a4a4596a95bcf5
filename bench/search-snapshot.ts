// Snapshot section of `npm run bench`: rebuilding the embedded index versus loading
// its snapshot. (1) The engine alone on the 10,000 bench documents: index build, snapshot
// write, snapshot load (read + parse + check + MiniSearch loadJS). (2) The seed through
// openSearch as the service runs it: rebuild from the database versus snapshot + outbox check.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../src/db/migrations-dir.js';
import { seedDatabase } from '../src/ingest/index.js';
import { EmbeddedSearchEngine } from '../src/search/embedded-search-engine.js';
import { indexFingerprint, parseIndexSnapshot, saveIndexSnapshot } from '../src/search/index-snapshot.js';
import { loadSearchSettings } from '../src/search/search-settings.js';
import { openSearch } from '../src/search/open-search.js';
import { loadConfig } from '../src/config.js';
import { composeSearchDocuments } from './search-documents.js';
import { BENCH_QUERIES } from './search-queries.js';

const ROUNDS = 3;
const ms = (value: number): number => Math.round(value);
const mb = (bytes: number): number => +(bytes / 2 ** 20).toFixed(1);
const best = (values: readonly number[]): number => Math.min(...values);

const settings = await loadSearchSettings();
const fingerprint = await indexFingerprint(settings);
const directory = await mkdtemp(join(tmpdir(), 'kb-bench-snapshot-'));
try {
  // (1) Engine alone, bench documents.
  const documents = composeSearchDocuments();
  const path = join(directory, 'bench-index.json');
  const rebuild: number[] = [];
  const save: number[] = [];
  const load: number[] = [];
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    const built = new EmbeddedSearchEngine();
    await built.configure(settings);
    await built.upsert(documents);
    rebuild.push(performance.now() - started);

    started = performance.now();
    bytes = (await saveIndexSnapshot(path, built, fingerprint, { database: 'bench', sequence: '0', pending: [] }))
      .bytes;
    save.push(performance.now() - started);

    started = performance.now();
    const loaded = new EmbeddedSearchEngine();
    await loaded.configure(settings);
    const snapshot = parseIndexSnapshot(await readFile(path, 'utf8'));
    loaded.importState({ index: snapshot.index, documents: snapshot.documents });
    load.push(performance.now() - started);

    if (round === 0) {
      for (const query of BENCH_QUERIES) {
        const request = { query, offset: 0, limit: 20 };
        const [a, b] = [await built.search(request), await loaded.search(request)];
        // Scores may differ in the last bit: a prefix sums its terms in the loaded tree's order.
        const same =
          a.totalCount === b.totalCount &&
          a.hits.every(
            (hit, index) =>
              hit.document.id === b.hits[index]?.document.id &&
              Math.abs(hit.score - (b.hits[index]?.score ?? -1)) < 1e-9,
          );
        if (!same) throw new Error(`snapshot answers "${query}" differently from the rebuilt index`);
      }
    }
  }

  // (2) The seed, as the service starts.
  const db = await openDatabase({
    DATA_DIR: 'unused',
    inMemory: true,
    DB_POOL_SIZE: 1,
    DB_CONNECT_TIMEOUT_MS: 5000,
    DB_STATEMENT_TIMEOUT_MS: 120_000,
  });
  const seedPath = join(directory, 'search-index.json');
  const logger = pino({ level: 'silent' });
  const startRebuild: number[] = [];
  const startSnapshot: number[] = [];
  let seedDocuments = 0;
  try {
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    await seedDatabase(db.prisma);
    const searchConfig = loadConfig({});
    for (let round = 0; round < ROUNDS; round += 1) {
      await rm(seedPath, { force: true });
      let started = performance.now();
      const rebuilt = await openSearch(searchConfig, db, {
        logger,
        engine: new EmbeddedSearchEngine(),
        snapshotPath: seedPath,
      });
      startRebuild.push(performance.now() - started);
      await rebuilt.indexer.stop();
      seedDocuments = (await rebuilt.engine.allIds()).length;

      started = performance.now();
      const fromSnapshot = await openSearch(searchConfig, db, {
        logger,
        engine: new EmbeddedSearchEngine(),
        snapshotPath: seedPath,
      });
      startSnapshot.push(performance.now() - started);
      await fromSnapshot.indexer.stop();
      if (fromSnapshot.source !== 'snapshot')
        throw new Error(`expected a start from the snapshot, got ${fromSnapshot.source}`);
    }
  } finally {
    await db.close();
  }
  const seedBytes = (await readFile(seedPath)).byteLength;

  console.log(`search index snapshot, embedded engine (best of ${ROUNDS}):`);
  console.table({
    [`bench documents (${documents.length}): index build`]: { ms: ms(best(rebuild)), size: '' },
    [`bench documents: snapshot write`]: { ms: ms(best(save)), size: `${mb(bytes)} MB` },
    [`bench documents: snapshot load (read, parse, check, loadJS)`]: { ms: ms(best(load)), size: '' },
    [`seed (${seedDocuments} documents): openSearch, rebuild from the database + snapshot write`]: {
      ms: ms(best(startRebuild)),
      size: `${mb(seedBytes)} MB`,
    },
    [`seed: openSearch from the snapshot (+ outbox check)`]: { ms: ms(best(startSnapshot)), size: '' },
  });
} finally {
  await rm(directory, { recursive: true, force: true });
}
