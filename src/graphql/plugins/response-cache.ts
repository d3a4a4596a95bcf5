// Whole-response cache for GraphQL operations that only ask for dashboard aggregates (impactStats,
// impactSeries, consultationStats, licensingStats, __typename at the top level). The aggregate
// cache (analytics/aggregate-cache.ts) saves the SQL, but a hit still ran graphql-js over every bucket:
// ~2.5 ms of CPU for 200 buckets, most of a cached answer's time under load. This plugin
// answers a repeated operation from the response built last time, skipping execution, and
// (through Apollo's stringifyResult, see `stringify`) from the JSON text written last time,
// skipping serialisation too (~0.5 ms for 70 kB).
//
// Why it never serves a stale answer (the same argument as the aggregate cache, one level up):
// - Before executing, the plugin reads the generation G1 (AnalyticsGeneration, one primary-key
//   read); after executing, it reads it again, G2. The generation is bumped in the transaction
//   of every write to the tables the analytics read, so committed values only grow, and
//   G1 = G2 means no such write committed between the two reads. Every aggregate in the
//   response was computed (or validated, for an aggregate-cache hit) between them, so the whole
//   response is exactly what the data of generation G1 gives. Only then is it stored, under G1.
// - A stored response is served only after reading the current generation on that request and
//   finding it equal to the stored one: any write committed before the request bumped it.
// - Only operations whose top-level fields are all in CACHEABLE_FIELDS are cached: those
//   fields' results are pure functions of their arguments and the data generation (their
//   nested fields only reshape the computed result). Any other top-level field, fragment
//   spread or inline fragment at the top level, a mutation or an error: not cached.
// - The key is the query text hash, the operation name and the variables (canonical JSON), so
//   two requests share an entry only when they ask exactly the same thing. One cache serves one
//   app, which serves one database. The generation lives in the database, so several processes
//   are covered alike.
import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import type { FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import { currentGeneration } from '../../analytics/aggregate-cache.js';
import { canonicalJson } from '../../analytics/impact-request.js';
import type { GraphQLContext } from '../context.js';

export const CACHEABLE_FIELDS: ReadonlySet<string> = new Set([
  'impactStats',
  'impactSeries',
  'consultationStats',
  'licensingStats',
  '__typename',
]);

/** True when every top-level selection of the query is a field of CACHEABLE_FIELDS. */
export function isCacheableOperation(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation || operation.operation !== 'query') return false;
  const selections = operation.selectionSet.selections;
  return (
    selections.length > 0 &&
    selections.every((selection) => selection.kind === 'Field' && CACHEABLE_FIELDS.has(selection.name.value))
  );
}

/**
 * The current generation, or null when it cannot be read (the database is down): the operation
 * then runs as if uncached, and its fields report the failure with their own typed errors, where
 * a throw from a plugin hook would end the whole request as an untyped 500.
 */
async function generationIfReadable(db: Parameters<typeof currentGeneration>[0]): Promise<string | null> {
  try {
    return await currentGeneration(db);
  } catch {
    return null;
  }
}

interface Entry {
  generation: string;
  data: Record<string, unknown>;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** JSON text of a cached response, by its (never mutated) data object: see `stringify`. */
  private readonly serialized = new WeakMap<object, string>();
  hits = 0;
  misses = 0;

  /** `onLookup` hears every hit and miss (the service's metrics count them). */
  constructor(
    private readonly maxEntries = 200,
    private readonly onLookup: (outcome: 'hit' | 'miss') => void = () => undefined,
  ) {}

  /**
   * Apollo's `stringifyResult`: the default (JSON.stringify plus a newline), except that a
   * response served from this cache (data only, the very object stored) reuses its text. The
   * text is made from that object once, so it is the same bytes the default would write.
   */
  stringify(value: FormattedExecutionResult): string {
    const data = value.data;
    if (value.errors === undefined && value.extensions === undefined && data !== null && data !== undefined) {
      const text = this.serialized.get(data);
      if (text !== undefined) return text;
    }
    return `${JSON.stringify(value)}\n`;
  }

  resetStats(): void {
    this.hits = 0;
    this.misses = 0;
  }

  /** The Apollo plugin; disabled together with the aggregate cache of the request's services. */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    // Arrow functions below keep `this` for the cache.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const cache = this;
    return {
      async requestDidStart() {
        let pending: { key: string; generation: string } | null = null;
        return {
          async responseForOperation(context: GraphQLRequestContextResponseForOperation<GraphQLContext>) {
            const { analytics, db } = context.contextValue.services;
            if (!analytics.cache.enabled || !isCacheableOperation(context.operation)) return null;
            const key = `${context.queryHash}\u0000${context.operationName ?? ''}\u0000${canonicalJson(context.request.variables ?? {})}`;
            const generation = await generationIfReadable(db);
            if (generation === null) return null;
            const entries = cache.entries;
            const entry = entries.get(key);
            if (entry && entry.generation === generation) {
              cache.hits += 1;
              cache.onLookup('hit');
              entries.delete(key);
              entries.set(key, entry);
              return { http: context.response.http, body: { kind: 'single', singleResult: { data: entry.data } } };
            }
            if (entry) entries.delete(key);
            cache.misses += 1;
            cache.onLookup('miss');
            pending = { key, generation };
            return null;
          },
          async willSendResponse(context) {
            if (!pending) return;
            const { key, generation } = pending;
            pending = null;
            const body = context.response.body;
            // A response with filter notes is not kept: a hit answers with the data alone.
            if (
              body.kind !== 'single' ||
              body.singleResult.errors !== undefined ||
              body.singleResult.extensions?.filterNotes !== undefined ||
              !body.singleResult.data
            )
              return;
            const data = body.singleResult.data;
            if ((await generationIfReadable(context.contextValue.services.db)) !== generation) return;
            const entries = cache.entries;
            entries.set(key, { generation, data });
            cache.serialized.set(data, `${JSON.stringify({ data })}\n`);
            while (entries.size > cache.maxEntries) {
              const oldest = entries.keys().next().value;
              if (oldest === undefined) break;
              entries.delete(oldest);
            }
          },
        };
      },
    };
  }
}
