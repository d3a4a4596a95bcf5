// Start-up and shutdown of the whole service, and the one place that builds what it runs on:
// the encodings are loaded (an invalid file stops the start), the database opened, HTTP
// listening at once (so /healthz answers and /readyz says "starting"), then migrations, seed and
// the search index, and only then the application services, handed to GraphQL and HTTP.
// stop() lets in-flight requests finish, then closes the search index and the database.
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { loadExemptionRules } from '../classification/exemption-rules.js';
import { loadRulebook, type Rulebook } from '../classification/rulebook.js';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { applyMigrations } from '../db/migrate.js';
import { MIGRATIONS_DIR } from '../db/migrations-dir.js';
import { seedDatabase } from '../ingest/index.js';
import { schema } from '../graphql/index.js';
import { ResponseCache } from '../graphql/plugins/response-cache.js';
import type { Logger } from '../logger.js';
import { openSearch, type OpenedSearch } from '../search/open-search.js';
import type { SearchEngine } from '../search/search-engine.js';
import { createServices, type AppServices } from '../services/app-services.js';
import { createApp } from './app.js';
import { memoryReport } from './memory-report.js';
import { ServiceMetrics } from './metrics.js';

/** The part of SHUTDOWN_TIMEOUT_MS in-flight requests may use; the rest is for closing. */
const SHUTDOWN_SHARE_FOR_REQUESTS = 0.8;
import { graphqlEdge } from './graphql-edge.js';
import { createHttpServer } from './http-server.js';
import { RateBudgetStore } from './rate-budget.js';

export interface RunningService {
  url: string;
  port: number;
  db: Database;
  /** Resolves with the services once migrations, seed and the search index are done and GraphQL answers. */
  ready: Promise<AppServices>;
  /** Whole GraphQL responses of repeated read-only operations (tests and benches read its counts). */
  responseCache: ResponseCache;
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** The service's Prometheus registry (also at GET /metrics when enabled). */
  metrics: ServiceMetrics;
  /** GraphQL requests whose work has not ended (it may outlive a client that left). */
  working(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Use an already opened database (tests); it is still migrated and seeded unless `prepared`. */
  database?: Database;
  prepared?: boolean;
  /** Use this engine instead of the configured one (tests inject failing engines). */
  searchEngine?: SearchEngine;
  /** Use these threshold encodings instead of the committed ones (tests). */
  rulebook?: Rulebook;
  /**
   * Keep the embedded index in this snapshot file, whatever the database (tests start from one
   * snapshot built once per run instead of rebuilding the index in every test file).
   */
  searchSnapshotPath?: string;
}

/** Migrates, then seeds when asked; logs what was done. */
export async function prepareDatabase(db: Database, config: Pick<Config, 'SEED_ON_START'>, logger: Logger) {
  const migrations = await applyMigrations(db.sql, MIGRATIONS_DIR);
  logger.info({ applied: migrations.applied, alreadyApplied: migrations.alreadyApplied.length }, 'migrations');
  if (!config.SEED_ON_START) return;
  const report = await seedDatabase(db.prisma, { log: (msg, data) => logger.info(data ?? {}, msg) });
  logger.info({ seed: report }, 'seed');
}

/**
 * Start-up leaves about 100 MB of garbage (the search snapshot's text and its parsed copy, the
 * seed check's reads) that V8 returns to the system only after a full collection, which an idle
 * server may not run for minutes. When node runs with --expose-gc (`npm start` does), one
 * collection returns it now.
 */
function collectStartUpGarbage(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
}

export async function startService(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningService> {
  const startedAt = performance.now();
  // Encodings are read before anything opens: an invalid one (every problem listed) must stop
  // the start rather than give wrong answers later.
  const rulebook = options.rulebook ?? loadRulebook();
  const exemptionRules = loadExemptionRules(rulebook);
  // So is the operation safelist, when one is configured.
  const edge = graphqlEdge(config);
  logger.info({ encodedEntries: rulebook.entries.length, facts: rulebook.facts.size }, 'threshold encodings loaded');
  const db = options.database ?? (await openDatabase({ ...config, watchLiveness: true }));
  logger.info({ database: db.kind, location: db.location }, 'database opened');

  const rateBudgets = new RateBudgetStore(config, logger);
  logger.info({ enabled: config.RATE_LIMIT_ENABLED, store: rateBudgets.store }, 'rate budgets');
  let search: OpenedSearch | undefined;
  const ready = (options.prepared ? Promise.resolve() : prepareDatabase(db, config, logger)).then(async () => {
    search = await openSearch(config, db, {
      logger,
      ...(options.searchEngine ? { engine: options.searchEngine } : {}),
      ...(options.searchSnapshotPath !== undefined ? { snapshotPath: options.searchSnapshotPath } : {}),
    });
    await rateBudgets.connected();
    return createServices({ db, rulebook, exemptionRules, searchEngine: search.engine });
  });

  let accepting = false;
  const pool = db.pool;
  const metrics = new ServiceMetrics({
    processMetrics: config.METRICS_ENABLED,
    sources: {
      ...(pool ? { pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) } : {}),
      searchOutboxBacklog: () => db.prisma.searchOutbox.count(),
      responseCache: () => responseCache.stats(),
    },
  });
  const responseCache = new ResponseCache({
    enabled: config.RESPONSE_CACHE_ENABLED,
    maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES,
    maxBytes: config.RESPONSE_CACHE_MAX_BYTES,
    onLookup: (outcome, reads) => metrics.countResponseCacheLookup(outcome, reads),
  });
  const httpServer = createHttpServer(config);
  const app = await createApp({
    schema,
    logger,
    httpServer,
    bodyLimit: config.BODY_LIMIT,
    services: ready,
    responseCache,
    checkDatabase: () => db.ping(),
    isReady: () => accepting,
    corsOrigins: config.CORS_ORIGINS,
    metrics,
    ...(config.METRICS_ENABLED
      ? { metricsEndpoint: config.METRICS_TOKEN !== undefined ? { token: config.METRICS_TOKEN } : {} }
      : {}),
    requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    responseMaxBytes: config.RESPONSE_MAX_BYTES,
    heavyQueries: {
      minCost: config.HEAVY_QUERY_COST,
      concurrency: config.HEAVY_QUERY_CONCURRENCY,
      laneCost: config.CPU_LANE_COST,
    },
    graphqlEdge: edge,
    rateBudgets,
    trustProxy: config.TRUST_PROXY,
    ...(config.WEB_DIST_DIR !== undefined ? { webDistDir: resolve(config.WEB_DIST_DIR) } : {}),
  });
  httpServer.on('request', app.express);
  await new Promise<void>((resolveListen, rejectListen) => {
    httpServer.once('error', rejectListen);
    httpServer.listen(config.PORT, config.HOST, () => resolveListen());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url }, 'listening');

  const readyLogged = ready.then(async (services) => {
    accepting = true;
    const ms = Math.round(performance.now() - startedAt);
    collectStartUpGarbage();
    logger.info({ url, graphql: `${url}/graphql`, ms, memory: await memoryReport(db.pglite) }, 'ready');
    return services;
  });

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    db,
    ready: readyLogged,
    responseCache,
    inFlight: app.inFlight,
    metrics,
    working: app.working,
    stop() {
      stopping ??= (async () => {
        // Requests already received finish normally; new ones get 503 until the listener closes.
        accepting = false;
        await readyLogged.catch(() => undefined);
        logger.info({ inFlight: app.inFlight() }, 'draining');
        // Requests still working when most of the shutdown time is gone are stopped (answered
        // 503), so that closing the database fits in what is left.
        const stopWork = setTimeout(
          () => {
            if (app.working() === 0) return;
            logger.warn({ working: app.working() }, 'shutdown: stopping requests still running');
            app.stopWork();
          },
          Math.floor(config.SHUTDOWN_TIMEOUT_MS * SHUTDOWN_SHARE_FOR_REQUESTS),
        );
        stopWork.unref();
        // Closes the listener and waits (bounded) for in-flight requests.
        await app.apollo.stop();
        clearTimeout(stopWork);
        await search?.close();
        await rateBudgets.close();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
