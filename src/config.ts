// The only reader of process.env. Every variable is validated at once and every bad one is
// reported together, so a misconfigured deployment fails at start with the full list.
import { z } from 'zod';

const positiveInt = (name: string, fallback: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be at least 1`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

/** Points per hour of a rate budget: a whole number, 0 meaning no budget. */
const budgetPoints = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be 0 (no budget) or more`)
    .max(1_000_000_000, `${name} must be at most 1000000000`)
    .default(fallback);

/** One configured API key and, when it names one, its own budget. */
export interface ApiKey {
  key: string;
  pointsPerHour?: number;
}

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'DATA_DIR must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgresql:// (or postgres://)')
    .optional(),
  DB_POOL_SIZE: positiveInt('DB_POOL_SIZE', 10, 200),
  // Also the longest wait for a pooled connection and for the liveness probe: a database that
  // does not answer fails requests within a few seconds instead of holding them.
  DB_CONNECT_TIMEOUT_MS: positiveInt('DB_CONNECT_TIMEOUT_MS', 2000, 120_000),
  DB_STATEMENT_TIMEOUT_MS: positiveInt('DB_STATEMENT_TIMEOUT_MS', 15_000, 600_000),
  // The service's reads prepared once per connection, or once in the embedded database
  // (db/pg-prepared-statements.ts, db/pglite-prepared-statements.ts). Off behind a pooler that
  // hands each transaction another server connection (PgBouncer's transaction mode before 1.21),
  // where a statement prepared on one connection is not there on the next.
  DB_PREPARED_STATEMENTS: z
    .enum(['true', 'false'], { error: 'DB_PREPARED_STATEMENTS must be true or false' })
    .default('true')
    .transform((value) => value === 'true'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'BODY_LIMIT must look like 100kb or 1mb')
    .default('100kb'),
  SHUTDOWN_TIMEOUT_MS: positiveInt('SHUTDOWN_TIMEOUT_MS', 10_000, 300_000),
  /** How long one GraphQL request may work before it is stopped (HTTP 504, REQUEST_TIMEOUT). */
  REQUEST_DEADLINE_MS: positiveInt('REQUEST_DEADLINE_MS', 10_000, 600_000),
  /**
   * Points (query cost) from which an operation is costly: costly operations execute
   * HEAVY_QUERY_CONCURRENCY at a time, the others at once (graphql/plugins/heavy-query-gate.ts).
   * The web app's own operations cost less than 100.
   */
  HEAVY_QUERY_COST: positiveInt('HEAVY_QUERY_COST', 100, 1_000_000),
  HEAVY_QUERY_CONCURRENCY: positiveInt('HEAVY_QUERY_CONCURRENCY', 1, 1_000),
  /**
   * Operations costing this many points or more run their pieces of work (searches,
   * evaluations, statements) one per turn of the event loop, so lighter requests are answered
   * between them (domain/cpu-lane.ts).
   */
  CPU_LANE_COST: positiveInt('CPU_LANE_COST', 50, 1_000_000),
  /** The largest GraphQL answer sent; a larger one is replaced by a RESPONSE_TOO_LARGE error. */
  RESPONSE_MAX_BYTES: positiveInt('RESPONSE_MAX_BYTES', 10 * 1024 * 1024, 1024 * 1024 * 1024),
  // Limits of the HTTP server (see src/server/http-server.ts).
  HTTP_HEADERS_TIMEOUT_MS: positiveInt('HTTP_HEADERS_TIMEOUT_MS', 10_000, 300_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt('HTTP_REQUEST_TIMEOUT_MS', 30_000, 600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt('HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 600_000),
  HTTP_MAX_CONNECTIONS: positiveInt('HTTP_MAX_CONNECTIONS', 1_000, 100_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  // Production unless told otherwise: introspection and error suggestions are for development.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /**
   * Keys (comma-separated, at least 16 characters each) that unlock introspection and
   * "Did you mean" suggestions outside development, presented as `authorization: Bearer <key>`
   * or `x-api-key: <key>`.
   */
  INTROSPECTION_KEYS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter((key) => key !== ''),
    )
    .pipe(
      z.array(z.string().min(16, 'INTROSPECTION_KEYS must list keys of at least 16 characters, separated by commas')),
    ),
  /** A JSON manifest of the only operations to run (hash -> document); unset runs any operation. */
  OPERATION_SAFELIST: z.string().min(1, 'OPERATION_SAFELIST must not be empty').optional(),
  // Search. MEILI_HOST switches search to Meilisearch; the search key is used for
  // queries only, the admin key for settings, indexing and reading documents back.
  MEILI_HOST: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, 'MEILI_HOST must be an http:// or https:// URL, e.g. http://127.0.0.1:7700')
    .optional(),
  MEILI_SEARCH_KEY: z.string().optional(),
  MEILI_ADMIN_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'MEILI_INDEX may hold only letters, digits, - and _ (a Meilisearch index uid)')
    .default('kb_documents'),
  /**
   * Origins (scheme://host[:port]) whose browser pages may call the API, comma-separated; empty
   * (the default) allows the service's own origin only, as browsers do without CORS headers.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[^\s/,]+$/,
            'CORS_ORIGINS must list origins like https://dash.example.org, separated by commas, without paths',
          ),
      ),
    ),
  /** The built web app the service serves (web/dist of the checkout when unset). */
  WEB_DIST_DIR: z.string().min(1, 'WEB_DIST_DIR must not be empty').optional(),
  /** Serve Prometheus metrics at GET /metrics (off: 404). */
  METRICS_ENABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /**
   * Express's `trust proxy`: which proxies in front of the service may name the client address
   * (X-Forwarded-For), read by the per-address rate budget. `false` (the default): none, the
   * TCP peer is the client; a number: that many hops; else a comma list of addresses, subnets
   * (10.0.0.0/8) or the names loopback, linklocal, uniquelocal. Trusting every proxy (`true`) is
   * not offered: any client could then choose its own address and its own budget.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, context): false | number | string[] => {
      if (value === 'false') return false;
      if (/^\d{1,2}$/u.test(value)) return Number(value);
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
      const bad = entries.filter(
        (entry) => !/^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/u.test(entry),
      );
      if (entries.length === 0 || bad.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `TRUST_PROXY must be false, a number of hops, or a comma list of addresses, subnets, loopback, linklocal or uniquelocal (not: ${bad.join(', ') || value})`,
        });
        return z.NEVER;
      }
      return entries;
    }),
  /** Shared counters (rate budgets) live in this Redis when set; in each process's memory when not. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/u, 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379')
    .optional(),
  /** Prefix of every key the service writes in Redis (several deployments may share one Redis). */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,100}$/u, 'REDIS_KEY_PREFIX may hold only letters, digits and : _ . -')
    .default('kb:'),
  /** Rate budgets (README "Rate budgets"): off with `false`. */
  RATE_LIMIT_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Points per hour for each client address without an API key; 0: no budget for them. */
  RATE_LIMIT_POINTS_PER_HOUR: budgetPoints('RATE_LIMIT_POINTS_PER_HOUR', 10_000),
  /** Points per hour for each API key (unless the key names its own); 0: no budget for keys. */
  RATE_LIMIT_KEY_POINTS_PER_HOUR: budgetPoints('RATE_LIMIT_KEY_POINTS_PER_HOUR', 50_000),
  /**
   * API keys, comma-separated, each `key` or `key:points` (its own points per hour). A key has
   * 16 to 200 characters of letters, digits and - _ . ~ + / =.
   */
  API_KEYS: z
    .string()
    .default('')
    .transform((value, context): ApiKey[] => {
      const keys: ApiKey[] = [];
      for (const entry of value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')) {
        const match = /^([A-Za-z0-9\-_.~+/=]{16,200})(?::(\d{1,9}))?$/u.exec(entry);
        if (match === null) {
          context.addIssue({
            code: 'custom',
            message: `API_KEYS: an entry is not \`key\` or \`key:points\` with a key of 16 to 200 letters, digits or - _ . ~ + / = (entry ${keys.length + 1})`,
          });
          continue;
        }
        keys.push({ key: match[1]!, ...(match[2] !== undefined ? { pointsPerHour: Number(match[2]) } : {}) });
      }
      return keys;
    }),
  /**
   * The GraphQL response cache (README "Response cache"): repeated read-only operations answered
   * from the response built last time, checked against the data generations on every request.
   */
  RESPONSE_CACHE_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Most responses the cache holds; the least recently used goes first. */
  RESPONSE_CACHE_MAX_ENTRIES: positiveInt('RESPONSE_CACHE_MAX_ENTRIES', 500, 1_000_000),
  /**
   * Most bytes the cache holds, counted as the JSON text of its responses and their keys (the
   * parsed answer kept beside each text takes about as much again on the heap). One answer may
   * take at most a quarter of it.
   */
  RESPONSE_CACHE_MAX_BYTES: positiveInt('RESPONSE_CACHE_MAX_BYTES', 32 * 1024 * 1024, 8 * 1024 * 1024 * 1024),
  /** Embedded engine on the embedded database only: keep a snapshot of the index in DATA_DIR. */
  SEARCH_SNAPSHOT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

/**
 * Rules across variables, checked on the raw environment so they are reported together with
 * every other bad variable: Meilisearch needs both keys, and keys without a host are a mistake.
 */
function crossVariableProblems(env: Record<string, string>): string[] {
  const keys = ['MEILI_SEARCH_KEY', 'MEILI_ADMIN_KEY'] as const;
  if (env.MEILI_HOST !== undefined) {
    return keys
      .filter((key) => env[key] === undefined)
      .map(
        (key) =>
          `${key}: ${key} is required when MEILI_HOST is set (an unprotected development instance, started without a master key, accepts any value)`,
      );
  }
  return keys
    .filter((key) => env[key] !== undefined)
    .map((key) => `${key}: ${key} is set but MEILI_HOST is not: set MEILI_HOST to use Meilisearch`);
}

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads configuration from an environment (process.env by default). Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)),
    ...crossVariableProblems(present as Record<string, string>),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
