// In-process cache of aggregate answers, keyed by the normalised request and the analytics
// generation (table "AnalyticsGeneration", bumped by statement triggers in the transaction of
// every write to the tables the analytics read; see the migration analytics_generation).
//
// Why no stale answer is possible, with any number of processes on one database:
// - Every aggregate statement also reads the generation, in the same statement and so in the
//   same snapshot as the rows it aggregates: an entry stored under generation G holds exactly
//   what the committed data of generation G gives. (Committed data and generation move
//   together: the bump is a row update inside the writer's transaction, not a sequence, whose
//   value would be visible before the write commits.)
// - An entry is served only after reading the current generation from the database on that
//   request and finding it equal to the entry's. A write committed before that read has bumped
//   the generation, so the entry is not served; a write committing after it is concurrent with
//   the request, and the answer is the one the request would have got from the database.
// - Nothing about the data version lives only in this process: another process writing (seed,
//   bench generator, psql) bumps the same row, which every process reads.
// The price is one primary-key read per cached answer. A request with no entry yet skips it.
// GraphQL operations made only of analytics fields are also cached whole, one level up, by
// the same argument, in the GraphQL layer's response cache: a repeated dashboard request skips execution.
import { canonicalJson } from './impact-request.js';
import type { AnalyticsDb } from './impact-sql.js';

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  enabled: boolean;
}

interface Entry {
  generation: string;
  value: unknown;
}

/** The aggregate answers of one database (each service instance owns one cache). */
export class AggregateCache {
  private readonly entries = new Map<string, Entry>();
  private hits = 0;
  private misses = 0;
  enabled = true;

  constructor(
    private readonly db: AnalyticsDb,
    private readonly maxEntries = 500,
  ) {}

  /**
   * The answer to `request` of `kind`: from the cache when it was computed from the current
   * generation, else from `compute`, which must return the generation its statement read.
   */
  async get<T>(kind: string, request: unknown, compute: () => Promise<{ generation: string; value: T }>): Promise<T> {
    if (!this.enabled) return (await compute()).value;
    const key = `${kind}:${canonicalJson(request)}`;
    const entries = this.entries;
    const entry = entries.get(key);
    if (entry) {
      const current = await currentGeneration(this.db);
      if (current !== null && current === entry.generation) {
        this.hits += 1;
        // Refresh its place in the LRU order.
        entries.delete(key);
        entries.set(key, entry);
        return entry.value as T;
      }
      entries.delete(key);
    }
    this.misses += 1;
    const { generation, value } = await compute();
    // No generation row (a database someone emptied by hand): answer, but do not cache.
    if (generation !== '') {
      entries.set(key, { generation, value });
      while (entries.size > this.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    }
    return value;
  }

  /** Hit and miss counts since start (or the last reset), and the entries held. */
  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, enabled: this.enabled };
  }

  resetStats(): void {
    this.hits = 0;
    this.misses = 0;
  }
}

const GENERATION_QUERY = `SELECT "generation"::text AS generation FROM "AnalyticsGeneration" WHERE "scope" = 'analytics'`;

/** The committed generation now: one primary-key read, on the pg pool directly when there is one. */
export async function currentGeneration(db: AnalyticsDb): Promise<string | null> {
  const { prisma, pool } = db;
  const rows = pool
    ? (await pool.query<{ generation: string }>(GENERATION_QUERY)).rows
    : await prisma.$queryRawUnsafe<Array<{ generation: string }>>(GENERATION_QUERY);
  return rows[0]?.generation ?? null;
}
