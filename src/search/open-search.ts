// Opening the search index for `kb serve` and rebuilding it for `kb reindex`: the one place that
// knows which engine the configuration chooses and how each keeps its index. The embedded
// engine lives in the serving process's memory and loads a snapshot from DATA_DIR when it can;
// Meilisearch keeps its index on its server and is rebuilt only when empty.
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { EmbeddedSearchEngine } from './embedded-search-engine.js';
import {
  indexFingerprint,
  loadIndexSnapshot,
  SNAPSHOT_FILE_NAME,
  SnapshottingSearchIndexer,
  type SnapshotSaved,
} from './index-snapshot.js';
import { MeilisearchSearchEngine } from './meilisearch-search-engine.js';
import type { SearchEngine } from './search-engine.js';
import { SearchIndexer, type ReindexProgress } from './search-indexer.js';
import { loadSearchSettings } from './search-settings.js';

export type SearchConfig = Pick<
  Config,
  'MEILI_HOST' | 'MEILI_SEARCH_KEY' | 'MEILI_ADMIN_KEY' | 'MEILI_INDEX' | 'SEARCH_SNAPSHOT'
>;

/** How start-up got the index: rebuilt from the database, loaded from a snapshot, or kept (Meilisearch). */
export type SearchIndexSource = 'rebuilt' | 'snapshot' | 'kept';

/** An open index: the engine answers queries, the indexer keeps it current in the background. */
export interface OpenedSearch {
  engine: SearchEngine;
  indexer: SearchIndexer;
  source: SearchIndexSource;
  /** Stops the background indexer, then closes the engine. */
  close(): Promise<void>;
}

/** Meilisearch when MEILI_HOST is set (the configuration guarantees both keys then), else the embedded engine. */
export function createSearchEngine(config: SearchConfig): SearchEngine {
  if (config.MEILI_HOST === undefined) return new EmbeddedSearchEngine();
  return new MeilisearchSearchEngine({
    host: config.MEILI_HOST,
    searchKey: config.MEILI_SEARCH_KEY ?? '',
    adminKey: config.MEILI_ADMIN_KEY ?? '',
    index: config.MEILI_INDEX,
  });
}

/** The snapshot file, when snapshots apply: the embedded engine on the embedded database in DATA_DIR. */
export function searchSnapshotPath(
  config: Pick<Config, 'SEARCH_SNAPSHOT' | 'MEILI_HOST'>,
  db: Pick<Database, 'kind' | 'location'>,
): string | undefined {
  if (!config.SEARCH_SNAPSHOT || config.MEILI_HOST !== undefined) return undefined;
  if (db.kind !== 'pglite' || db.location === 'memory://') return undefined;
  return join(db.location, SNAPSHOT_FILE_NAME);
}

export interface OpenSearchOptions {
  logger: Logger;
  /** Use this engine instead of the configured one (tests inject failing engines). */
  engine?: SearchEngine;
  /** Keep the embedded index in this snapshot file instead of the one the configuration gives. */
  snapshotPath?: string;
}

/**
 * Opens the index for serving: settings applied, the index made current (snapshot plus what was
 * written since, a rebuild, or Meilisearch's own index plus the outbox backlog), then a
 * background drain of the outbox for later writes.
 */
export async function openSearch(
  config: SearchConfig,
  db: Database,
  options: OpenSearchOptions,
): Promise<OpenedSearch> {
  const { logger } = options;
  const started = performance.now();
  const engine = options.engine ?? createSearchEngine(config);
  const settings = await loadSearchSettings();
  await engine.configure(settings);
  const indexerOptions = { log: (msg: string, data?: object) => logger.warn(data ?? {}, msg) };
  const snapshotPath = options.snapshotPath ?? searchSnapshotPath(config, db);
  let indexer: SearchIndexer;
  let source: SearchIndexSource = 'rebuilt';
  let applied = 0;
  if (engine instanceof EmbeddedSearchEngine && snapshotPath !== undefined) {
    const fingerprint = await indexFingerprint(settings);
    const snapshotting = new SnapshottingSearchIndexer(
      db.prisma,
      engine,
      {
        path: snapshotPath,
        fingerprint,
        onSaved: (saved) =>
          logger.info(
            { path: saved.path, documents: saved.documents, bytes: saved.bytes, ms: saved.ms },
            'search index snapshot saved',
          ),
        onError: (error) => logger.warn({ err: error, path: snapshotPath }, 'search index snapshot not saved'),
      },
      indexerOptions,
    );
    const loaded = await loadIndexSnapshot(snapshotPath, engine, fingerprint, db.prisma);
    if (loaded.loaded) {
      source = 'snapshot';
      logger.info(
        { path: snapshotPath, documents: loaded.documents, bytes: loaded.bytes, ms: loaded.ms },
        'search index loaded from snapshot',
      );
      // Everything written since the snapshot; saves a new snapshot when it applied anything.
      applied = (await snapshotting.drainAll()).applied;
    } else {
      if (loaded.absent) logger.info({ path: snapshotPath }, 'no search index snapshot yet: rebuilding');
      else logger.warn({ path: snapshotPath, reason: loaded.reason }, 'search index snapshot ignored: rebuilding');
      await snapshotting.reindex();
      await snapshotting.saveSnapshot();
    }
    indexer = snapshotting;
  } else if (engine instanceof MeilisearchSearchEngine) {
    indexer = new SearchIndexer(db.prisma, engine, indexerOptions);
    if ((await engine.documentCount()) === 0) {
      await indexer.reindex();
    } else {
      source = 'kept';
      applied = (await indexer.drainAll()).applied;
    }
  } else {
    indexer = new SearchIndexer(db.prisma, engine, indexerOptions);
    await indexer.reindex();
  }
  indexer.start();
  logger.info(
    { engine: engine.name, source, outboxRowsApplied: applied, ms: Math.round(performance.now() - started) },
    'search index ready',
  );
  return {
    engine,
    indexer,
    source,
    async close() {
      await indexer.stop();
      await engine.close();
    },
  };
}

export interface RebuiltSearchIndex {
  engine: string;
  documents: number;
  /** The snapshot written for the next `kb serve`, when the embedded engine keeps one. */
  snapshot: SnapshotSaved | null;
}

/**
 * Rebuilds the index from the database for `kb reindex`. Meilisearch holds the shared index: it
 * is rebuilt and the outbox consumed. The embedded engine lives inside the serving process: on
 * the embedded database (one process at a time) the rebuild is saved as the snapshot the next
 * `kb serve` loads; on PostgreSQL a server may be running with its own index, so the rebuild
 * only checks that every record indexes and leaves the outbox rows to that server.
 */
export async function rebuildSearchIndex(
  config: SearchConfig,
  db: Database,
  onProgress?: (progress: ReindexProgress) => void,
): Promise<RebuiltSearchIndex> {
  const engine = createSearchEngine(config);
  try {
    const settings = await loadSearchSettings();
    await engine.configure(settings);
    const snapshotPath = searchSnapshotPath(config, db);
    const snapshotting =
      engine instanceof EmbeddedSearchEngine && snapshotPath !== undefined
        ? new SnapshottingSearchIndexer(db.prisma, engine, {
            path: snapshotPath,
            fingerprint: await indexFingerprint(settings),
          })
        : undefined;
    const indexer = snapshotting ?? new SearchIndexer(db.prisma, engine);
    const consumeOutbox = !(engine instanceof EmbeddedSearchEngine) || snapshotting !== undefined;
    const documents = await indexer.reindex(onProgress, { consumeOutbox });
    let snapshot: SnapshotSaved | null = null;
    if (snapshotting) {
      snapshot = await snapshotting.saveSnapshot();
      if (snapshot === null) throw new Error(`the search index snapshot could not be written to ${snapshotPath}`);
    }
    return { engine: engine.name, documents, snapshot };
  } finally {
    await engine.close();
  }
}
