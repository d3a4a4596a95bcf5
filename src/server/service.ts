// Start-up and shutdown of the whole service: open the database, listen at once (so
// /healthz answers and /readyz says "starting"), migrate and seed, then serve GraphQL.
// stop() lets in-flight requests finish, then closes the database.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { applyMigrations } from '../db/migrate.js';
import { MIGRATIONS_DIR } from '../db/migrations-dir.js';
import { usePrisma } from '../db/prisma.js';
import { seedDatabase } from '../db/seed/index.js';
import { schema } from '../graphql/index.js';
import type { Logger } from '../logger.js';
import { EmbeddedSearchEngine } from '../search/embedded-search-engine.js';
import { useSearchEngine } from '../search/engine-holder.js';
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
}

/**
 * Opens the search index: settings applied, then (the embedded engine lives in memory) a
 * rebuild from the database, then a background drain of the outbox for later writes.
 */
export async function startSearch(db: Database, logger: Logger, engine: SearchEngine = new EmbeddedSearchEngine()) {
  const started = performance.now();
  await engine.configure(await loadSearchSettings());
  const indexer = new SearchIndexer(db.prisma, engine, { log: (msg, data) => logger.warn(data ?? {}, msg) });
  const indexed = await indexer.reindex();
  indexer.start();
  useSearchEngine(engine);
  logger.info({ engine: engine.name, documents: indexed, ms: Math.round(performance.now() - started) }, 'search index built');
  return { engine, indexer };
}

/** Migrates, then seeds when asked; returns what was done for the log. */
export async function prepareDatabase(db: Database, config: Pick<Config, 'SEED_ON_START'>, logger: Logger) {
  const migrations = await applyMigrations(db.sql, MIGRATIONS_DIR);
  logger.info({ applied: migrations.applied, alreadyApplied: migrations.alreadyApplied.length }, 'migrations');
  if (!config.SEED_ON_START) return;
  const report = await seedDatabase(db.prisma, { log: (msg, data) => logger.info(data ?? {}, msg) });
  logger.info({ seed: report }, 'seed');
}

export async function startService(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningService> {
  const startedAt = performance.now();
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
    search = await startSearch(db, logger, options.searchEngine);
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
