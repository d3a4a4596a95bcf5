// Starts the real HTTP service on port 0 against the database the global setup prepared,
// and talks to it over HTTP, as a client would.
import { readFile } from 'node:fs/promises';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { describe, inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { ResponseCache } from '../../src/graphql/plugins/response-cache.js';
import { startService, type RunningService } from '../../src/server/service.js';
import type { AppServices } from '../../src/services/app-services.js';
import './provided-context.js';
import { privateSnapshot } from './search-snapshot.js';

export const testDatabase = inject('testDatabase');
const testSearchSnapshot = inject('testSearchSnapshot') ?? null;

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export interface TestService {
  url: string;
  db: Database;
  /** The application services the server runs on (caches, engines). */
  services: AppServices;
  responseCache: ResponseCache;
  /** Sends a typed document and returns status, data and errors. */
  query<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<GraphQLResponse<TData>>;
  /** Raw POST to /graphql (malformed bodies, odd content types). */
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  inFlight(): number;
  /** GraphQL requests whose work has not ended (it may outlive a client that left). */
  working(): number;
  stop(): Promise<void>;
}

/** `describe` for suites that need a database: skipped, with the reason in its name, when there is none. */
export function describeWithDatabase(name: string, suite: () => void): void {
  if (testDatabase.kind === 'unavailable') {
    describe.skip(`${name} [skipped: ${testDatabase.reason}]`, suite);
  } else {
    describe(`${name} [${testDatabase.kind}]`, suite);
  }
}

/** `applicationName`: on PostgreSQL, how this service's connections appear in pg_stat_activity. */
async function openTestDatabase(applicationName?: string): Promise<Database> {
  const common = { DB_POOL_SIZE: 4, DB_CONNECT_TIMEOUT_MS: 5000, DB_STATEMENT_TIMEOUT_MS: 60_000 };
  if (testDatabase.kind === 'pglite') {
    const dump = new Blob([await readFile(testDatabase.dumpPath)]);
    return openDatabase({ ...common, DATA_DIR: 'unused', inMemory: true, loadDataDir: dump });
  }
  if (testDatabase.kind === 'postgresql') {
    const url = new URL(testDatabase.url);
    if (applicationName !== undefined) url.searchParams.set('application_name', applicationName);
    return openDatabase({ ...common, DATA_DIR: 'unused', DATABASE_URL: url.toString() });
  }
  throw new Error(`no test database: ${testDatabase.reason}`);
}

/**
 * `env`: further configuration variables (e.g. CORS_ORIGINS, WEB_DIST_DIR); `logger`: log there
 * instead of a logger made from the configuration (tests read the lines back);
 * `applicationName`: names the service's PostgreSQL connections (test files share the database);
 * `rebuildSearchIndex`: build the index from the database instead of starting from the run's
 * snapshot (see search-snapshot.ts).
 */
export async function startTestService(
  env: Record<string, string> = {},
  options: { logger?: Logger; applicationName?: string; rebuildSearchIndex?: boolean } = {},
): Promise<TestService> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    SEED_ON_START: 'false',
    // Every test file's requests come from one address; the rate budget tests turn budgets on.
    RATE_LIMIT_ENABLED: 'false',
    ...env,
  });
  const db = await openTestDatabase(options.applicationName);
  const logger = options.logger ?? createLogger(config);
  const snapshot =
    testSearchSnapshot === null || options.rebuildSearchIndex === true
      ? undefined
      : await privateSnapshot(testSearchSnapshot);
  const service: RunningService = await startService(config, logger, {
    database: db,
    prepared: true,
    ...(snapshot ? { searchSnapshotPath: snapshot.path } : {}),
  });
  const services = await service.ready;
  await snapshot?.handBack();
  const endpoint = `${service.url}/graphql`;

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(endpoint, { method: 'POST', body, headers });

  return {
    url: service.url,
    db,
    services,
    responseCache: service.responseCache,
    post,
    async query(document, ...rest) {
      const variables = rest[0] ?? {};
      const response = await post(JSON.stringify({ query: print(document), variables }));
      const json = (await response.json()) as Omit<GraphQLResponse<never>, 'status'>;
      return { status: response.status, ...json };
    },
    inFlight: () => service.inFlight(),
    working: () => service.working(),
    async stop() {
      await service.stop();
      await snapshot?.remove();
    },
  };
}
