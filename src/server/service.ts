// Start-up and shutdown of the whole service: open the database, listen at once (so
// /healthz answers and /readyz says "starting"), migrate and seed, then serve GraphQL.
// stop() lets in-flight requests finish, then closes the database.
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadRulebook, type Rulebook } from '../classification/rulebook.js';
import { currentExemptionRules, useRulebook } from '../classification/rulebook-holder.js';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { applyMigrations } from '../db/migrate.js';
import { MIGRATIONS_DIR } from '../db/migrations-dir.js';
import { usePrisma } from '../db/prisma.js';
import { seedDatabase } from '../ingest/index.js';
import { schema } from '../graphql/index.js';
import type { Logger } from '../logger.js';
import { EmbeddedSearchEngine } from '../search/embedded-search-engine.js';
import { createSearchEngine, useSearchEngine } from '../search/engine-holder.js';
import {
  indexFingerprint,
  loadIndexSnapshot,
  SNAPSHOT_FILE_NAME,
  SnapshottingSearchIndexer,
} from '../search/index-snapshot.js';
import { MeilisearchSearchEngine } from '../search/meilisearch-search-engine.js';
import type { SearchEngine } from '../search/search-engine.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { loadSearchSettings } from '../search/search-settings.js';
import { createApp } from './app.js';

export interface RunningService {
  url: string;
  port: number;
  db: Database;
  /** Resolves once migrations and seed are done and GraphQL answers. */
  ready: Promise<void>;
  /** Requests received and not yet answered. */
  inFlight(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Use an already opened database (tests); it is still migrated and seeded unless `prepared`. */
  database?: Database;
  prepared?: boolean;
  /** Use this engine instead of the embedded one (tests inject failing engines). */
  searchEngine?: SearchEngine;
  /** Use these threshold encodings instead of seed/encodings (tests). */
  rulebook?: Rulebook;
}

export interface StartSearchOptions {
  /** Embedded engine only: load the index from this snapshot file when usable, keep it current. */
  snapshotPath?: string;
}

/** How start-up got the index: rebuilt from the database, loaded from a snapshot, or kept (Meilisearch). */
export type SearchIndexSource = 'rebuilt' | 'snapshot' | 'kept';

/**
 * Opens the search index: settings applied, then the index made current, then a background
 * drain of the outbox for later writes. The embedded engine lives in memory: it loads its
 * snapshot (then drains what was written since) or rebuilds from the database. Meilisearch
 * keeps its index: it is rebuilt only when empty, otherwise the outbox backlog is drained.
 */
export async function startSearch(
  db: Database,
  logger: Logger,
  engine: SearchEngine = new EmbeddedSearchEngine(),
  options: StartSearchOptions = {},
) {
  const started = performance.now();
  const settings = await loadSearchSettings();
  await engine.configure(settings);
  const indexerOptions = { log: (msg: string, data?: object) => logger.warn(data ?? {}, msg) };
  let indexer: SearchIndexer;
  let source: SearchIndexSource = 'rebuilt';
  let applied = 0;
  if (engine instanceof EmbeddedSearchEngine && options.snapshotPath !== undefined) {
    const path = options.snapshotPath;
    const fingerprint = await indexFingerprint(settings);
    const snapshotting = new SnapshottingSearchIndexer(
      db.prisma,
      engine,
      {
        path,
        fingerprint,
        onSaved: (saved) =>
          logger.info(
            { path: saved.path, documents: saved.documents, bytes: saved.bytes, ms: saved.ms },
            'search index snapshot saved',
          ),
        onError: (error) => logger.warn({ err: error, path }, 'search index snapshot not saved'),
      },
      indexerOptions,
    );
    const loaded = await loadIndexSnapshot(path, engine, fingerprint, db.prisma);
    if (loaded.loaded) {
      source = 'snapshot';
      logger.info(
        { path, documents: loaded.documents, bytes: loaded.bytes, ms: loaded.ms },
        'search index loaded from snapshot',
      );
      // Everything written since the snapshot; saves a new snapshot when it applied anything.
      applied = (await snapshotting.drainAll()).applied;
    } else {
      if (loaded.absent) logger.info({ path }, 'no search index snapshot yet: rebuilding');
      else logger.warn({ path, reason: loaded.reason }, 'search index snapshot ignored: rebuilding');
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
  useSearchEngine(engine);
  logger.info(
    { engine: engine.name, source, outboxRowsApplied: applied, ms: Math.round(performance.now() - started) },
    'search index ready',
  );
  return { engine, indexer, source };
}

/** The snapshot file, when snapshots apply: embedded engine on the embedded database in DATA_DIR. */
export function searchSnapshotPath(
  config: Pick<Config, 'SEARCH_SNAPSHOT' | 'MEILI_HOST'>,
  db: Pick<Database, 'kind' | 'location'>,
): string | undefined {
  if (!config.SEARCH_SNAPSHOT || config.MEILI_HOST !== undefined) return undefined;
  if (db.kind !== 'pglite' || db.location === 'memory://') return undefined;
  return join(db.location, SNAPSHOT_FILE_NAME);
}

/** Migrates, then seeds when asked; returns what was done for the log. */
export async function prepareDatabase(db: Database, config: Pick<Config, 'SEED_ON_START'>, logger: Logger) {
  const migrations = await applyMigrations(db.sql, MIGRATIONS_DIR);
  logger.info({ applied: migrations.applied, alreadyApplied: migrations.alreadyApplied.length }, 'migrations');
  if (!config.SEED_ON_START) return;
  const report = await seedDatabase(db.prisma, { log: (msg, data) => logger.info(data ?? {}, msg) });
  logger.info({ seed: report }, 'seed');
}

export async function startService(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningService> {
  const startedAt = performance.now();
  // Threshold encodings are read before anything opens: an invalid one (EncodingError, listing
  // every problem) must stop the start rather than give wrong classifications later.
  const rulebook = options.rulebook ?? loadRulebook();
  useRulebook(rulebook);
  // Loaded now so an invalid exemption file fails the start, not the first request.
  currentExemptionRules();
  logger.info({ encodedEntries: rulebook.entries.length, facts: rulebook.facts.size }, 'threshold encodings loaded');
  const db = options.database ?? (await openDatabase(config));
  logger.info({ database: db.kind, location: db.location }, 'database opened');
  usePrisma(db.prisma);

  let ready = false;
  const httpServer = createServer();
  const app = await createApp({
    schema,
    logger,
    httpServer,
    bodyLimit: config.BODY_LIMIT,
    checkDatabase: () => db.ping(),
    isReady: () => ready,
  });
  httpServer.on('request', app.express);
  httpServer.requestTimeout = 30_000;
  await new Promise<void>((resolveListen, rejectListen) => {
    httpServer.once('error', rejectListen);
    httpServer.listen(config.PORT, config.HOST, () => resolveListen());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url }, 'listening');

  let search: Awaited<ReturnType<typeof startSearch>> | undefined;
  const readyPromise = (options.prepared ? Promise.resolve() : prepareDatabase(db, config, logger)).then(async () => {
    search = await startSearch(db, logger, options.searchEngine ?? createSearchEngine(config), {
      snapshotPath: searchSnapshotPath(config, db),
    });
    ready = true;
    logger.info({ url, graphql: `${url}/graphql`, ms: Math.round(performance.now() - startedAt) }, 'ready');
  });

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    db,
    ready: readyPromise,
    inFlight: app.inFlight,
    stop() {
      stopping ??= (async () => {
        // Requests already received finish normally; new ones get 503 until the listener closes.
        ready = false;
        await readyPromise.catch(() => undefined);
        logger.info({ inFlight: app.inFlight() }, 'draining');
        // Closes the listener and waits (bounded) for in-flight requests.
        await app.apollo.stop();
        await search?.indexer.stop();
        await search?.engine.close();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
