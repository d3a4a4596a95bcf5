// The service's Prometheus metrics, in a registry of its own made once at start and handed to
// whoever records into it (two services in one process, as in tests, never share series). What
// is counted as it happens (requests, operations, errors, cache lookups, rate-limit rejections) is
// recorded through the methods below; what is a level at a moment (database pool, search outbox)
// is read at scrape time from the plain callbacks given at construction, so the layers below
// need not know that metrics exist.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { operationLabel } from './operation-labels.js';

export interface PoolStats {
  /** Connections open (idle and in use). */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface MetricsSources {
  /** The PostgreSQL connection pool's counts (none on the embedded database). */
  pool?: () => PoolStats;
  /** Rows waiting in the search outbox (written, not yet applied to the search index). */
  searchOutboxBacklog?: () => Promise<number>;
  /** What the GraphQL response cache holds now. */
  responseCache?: () => { entries: number; bytes: number };
}

export interface MetricsOptions {
  sources?: MetricsSources;
  /** Node's process metrics (CPU, memory, event-loop lag, handles), as prom-client collects them. */
  processMetrics?: boolean;
}

export interface CompletedHttpRequest {
  method: string;
  path: string;
  status: number;
  seconds: number;
}

/** A scrape must answer even when the database does not: a level not read in time is NaN. */
const SCRAPE_READ_TIMEOUT_MS = 1000;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const ROUTES: ReadonlySet<string> = new Set(['graphql', 'export', 'healthz', 'readyz', 'metrics']);
const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The route label: the API's own paths by their first segment; web pages and unknown paths are "other". */
function routeLabel(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ROUTES.has(first) ? `/${first}` : 'other';
}

async function readWithin(read: () => Promise<number>, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(Number.NaN), ms);
  });
  try {
    return await Promise.race([read().catch(() => Number.NaN), late]);
  } finally {
    clearTimeout(timer);
  }
}

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly operationDuration: Histogram<'operation'>;
  private readonly graphqlErrors: Counter<'code'>;
  private readonly responseCacheLookups: Counter<'outcome' | 'reads'>;
  private readonly rateLimitRejections: Counter;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'kb_http_requests_total',
      help: 'HTTP requests answered, by method, route (/graphql, /export, ... or other) and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'kb_graphql_operation_duration_seconds',
      help: "GraphQL requests and their latency by operation (the web app's operation names; other, anonymous).",
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'kb_graphql_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.responseCacheLookups = new Counter({
      name: 'kb_response_cache_lookups_total',
      help: 'Lookups of the GraphQL response cache, by outcome (hit, miss) and reads (dashboard: aggregates only; catalogue: provisions, exemptions, guidance, node lookups ...).',
      labelNames: ['outcome', 'reads'],
      registers,
    });
    this.rateLimitRejections = new Counter({
      name: 'kb_rate_limit_rejections_total',
      help: 'Requests refused because their rate budget was spent (HTTP 429).',
      registers,
    });
    // Both outcomes exist from the start, so a rate of hits can be computed before the first miss.
    for (const reads of ['dashboard', 'catalogue'] as const) {
      this.responseCacheLookups.inc({ outcome: 'hit', reads }, 0);
      this.responseCacheLookups.inc({ outcome: 'miss', reads }, 0);
    }

    const { pool, searchOutboxBacklog, responseCache } = options.sources ?? {};
    if (responseCache) {
      new Gauge({
        name: 'kb_response_cache_size',
        help: 'What the GraphQL response cache holds, by unit (entries; bytes of JSON text and keys).',
        labelNames: ['unit'],
        registers,
        collect() {
          const held = responseCache();
          this.set({ unit: 'entries' }, held.entries);
          this.set({ unit: 'bytes' }, held.bytes);
        },
      });
    }
    if (pool) {
      new Gauge({
        name: 'kb_db_pool_connections',
        help: 'PostgreSQL pool connections, by state (total open, idle).',
        labelNames: ['state'],
        registers,
        collect() {
          const stats = pool();
          this.set({ state: 'total' }, stats.total);
          this.set({ state: 'idle' }, stats.idle);
        },
      });
      new Gauge({
        name: 'kb_db_pool_waiting_queries',
        help: 'Queries waiting for a PostgreSQL pool connection.',
        registers,
        collect() {
          this.set(pool().waiting);
        },
      });
    }
    if (searchOutboxBacklog) {
      new Gauge({
        name: 'kb_search_outbox_backlog',
        help: 'Writes waiting in the search outbox to reach the search index (NaN: the database did not answer).',
        registers,
        async collect() {
          this.set(await readWithin(searchOutboxBacklog, SCRAPE_READ_TIMEOUT_MS));
        },
      });
    }
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  observeHttpRequest(request: CompletedHttpRequest): void {
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    this.httpRequests.inc({ method, route: routeLabel(request.path), status: String(request.status) });
  }

  observeOperation(operationName: string | null, seconds: number): void {
    this.operationDuration.observe({ operation: operationLabel(operationName) }, seconds);
  }

  countGraphQLError(code: string): void {
    this.graphqlErrors.inc({ code: ERROR_CODE.test(code) ? code : 'OTHER' });
  }

  countResponseCacheLookup(outcome: 'hit' | 'miss', reads: 'dashboard' | 'catalogue'): void {
    this.responseCacheLookups.inc({ outcome, reads });
  }

  /** Called by the rate limiter for each request it refuses. */
  countRateLimitRejection(): void {
    this.rateLimitRejections.inc();
  }

  /** The exposition text and its content type, for GET /metrics. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
