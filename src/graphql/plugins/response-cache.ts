// Whole-response cache for GraphQL operations that only read: dashboard aggregates (impactStats,
// impactSeries, consultationStats, licensingStats) and catalogue reads (provisions, provision,
// exemptions, guidanceDocuments, node lookups and the other lists of cacheable-operations.ts).
// A repeated operation is answered from the response built last time, skipping execution, and
// (through Apollo's stringifyResult, see `stringify`) from the JSON text written last time,
// skipping serialisation too. For dashboards this saved ~2.5 ms of CPU per 200 buckets; for a
// nested provisions page it saves every statement the page runs.
//
// Why it never serves a stale answer (the argument of the aggregate cache, one level up):
// - Each cacheable operation depends on data generations (db/data-generations.ts): counters
//   bumped in the transaction of every write to the tables they watch, so committed values
//   only grow, and together with the data.
// - Before executing, the plugin reads the operation's generations G1 (one primary-key read);
//   after executing, it reads them again, G2. G1 = G2 means no write to a watched table committed
//   between the two reads. Every statement of the execution ran between them, so the whole
//   response is exactly what the data of G1 gives. Only then is it stored, under G1.
// - A stored response is served only after reading the current generations on that request and
//   finding them equal to the stored ones: any write committed before the request bumped them.
// - Only operations whose results are pure functions of their arguments and that data are
//   cached (cacheable-operations.ts says which and why). A response with errors or extensions
//   (filter notes) is not stored: a hit answers with the data alone.
// - The key is the query text hash, the operation name and the variables (canonical JSON), so
//   two requests share an entry only when they ask exactly the same thing. One cache serves one
//   app, which serves one database. The generations live in the database, so several processes
//   are covered alike.
// The memory is bounded by entries and by bytes (least recently used first out).
import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type SelectionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { canonicalJson } from '../../analytics/impact-request.js';
import type { SqlReader } from '../../db/database.js';
import { translateConnectionError } from '../../db/connection-errors.js';
import { readGenerations, type GenerationScope } from '../../db/data-generations.js';
import type { DatabaseUnavailableError } from '../../errors.js';
import type { GraphQLContext } from '../context.js';
import { stringifyAnswer } from '../spliced-answers.js';
import { generationScopes } from './cacheable-operations.js';

/** Which reads a lookup was for: dashboard aggregates only, or catalogue reads (maybe with aggregates). */
export type CachedReads = 'dashboard' | 'catalogue';

export interface ResponseCacheOptions {
  /** Off: every operation is executed (RESPONSE_CACHE_ENABLED). */
  enabled?: boolean;
  /** Most responses held (RESPONSE_CACHE_MAX_ENTRIES). */
  maxEntries?: number;
  /** Most bytes of JSON text and keys held (RESPONSE_CACHE_MAX_BYTES). */
  maxBytes?: number;
  /** Hears every hit and miss (the service's metrics count them). */
  onLookup?: (outcome: 'hit' | 'miss', reads: CachedReads) => void;
}

export interface ResponseCacheStats {
  enabled: boolean;
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/**
 * The current generations; `unavailable` when the database cannot be reached, null when they
 * cannot be read for another reason (the operation then runs as if uncached, and its fields
 * report the failure with their own typed errors, where a throw from a plugin hook would end the
 * whole request as an untyped 500).
 */
async function generationsIfReadable(
  readRows: SqlReader,
  scopes: readonly GenerationScope[],
): Promise<string | null | { unavailable: DatabaseUnavailableError }> {
  try {
    return await readGenerations(readRows, scopes);
  } catch (error) {
    const unavailable = translateConnectionError(error);
    return unavailable ? { unavailable } : null;
  }
}

/**
 * The answer of a cached operation when the database is down: every field it asks for reads the
 * database, so each would fail the same way after waiting as long again on a database that
 * stopped answering. Answered at once, with the typed error its fields would give (HTTP 503 and
 * Retry-After, see unavailability-status.ts).
 */
function unavailableAnswer(error: DatabaseUnavailableError, requestId: string): FormattedExecutionResult {
  return {
    data: null,
    errors: [{ message: error.publicMessage, extensions: { code: error.code, ...error.details(), requestId } }],
  };
}

/**
 * The variables in canonical JSON; null for values nested too deep to walk (thousands of levels
 * of a bad request: its execution refuses them with a typed error, the key must not crash first).
 */
function variablesKey(variables: Record<string, unknown> | undefined): string | null {
  try {
    return canonicalJson(variables ?? {});
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function isTypename(selection: SelectionNode): boolean {
  return selection.kind === Kind.FIELD && selection.name.value === '__typename';
}

interface Entry {
  generation: string;
  data: Record<string, unknown>;
  text: string;
}

export class ResponseCache {
  /** Off: every operation is executed (set at start from the configuration; benches switch it). */
  enabled: boolean;
  private readonly entries: LRUCache<string, Entry>;
  /** JSON text of a cached response, by its (never mutated) data object: see `stringify`. */
  private readonly serialized = new WeakMap<object, string>();
  private readonly onLookup: (outcome: 'hit' | 'miss', reads: CachedReads) => void;
  hits = 0;
  misses = 0;

  constructor(options: ResponseCacheOptions = {}) {
    this.enabled = options.enabled ?? true;
    this.onLookup = options.onLookup ?? (() => undefined);
    const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 500,
      maxSize: maxBytes,
      // No single answer may push out more than a quarter of the others.
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 4)),
      sizeCalculation: (entry, key) => Buffer.byteLength(entry.text) + Buffer.byteLength(key),
    });
  }

  /**
   * Apollo's `stringifyResult`: the default (JSON.stringify plus a newline, with rendered pages
   * spliced in: spliced-answers.ts), except that a
   * response served from this cache (data only, the very object stored) reuses its text. The
   * text is made from that object once, so it is the same bytes the default would write.
   */
  stringify(value: FormattedExecutionResult): string {
    const data = value.data;
    if (value.errors === undefined && value.extensions === undefined && data !== null && data !== undefined) {
      const text = this.serialized.get(data);
      if (text !== undefined) return text;
    }
    return stringifyAnswer(value);
  }

  stats(): ResponseCacheStats {
    return {
      enabled: this.enabled,
      hits: this.hits,
      misses: this.misses,
      entries: this.entries.size,
      bytes: this.entries.calculatedSize,
    };
  }

  resetStats(): void {
    this.hits = 0;
    this.misses = 0;
  }

  /**
   * The Apollo plugin. Dashboard operations are also left uncached while the aggregate cache of
   * the request's services is disabled (benches measure them uncached that way).
   */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    // Arrow functions below keep `this` for the cache.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const cache = this;
    return {
      async requestDidStart() {
        let pending: { key: string; generation: string; scopes: GenerationScope[] } | null = null;
        return {
          async responseForOperation(context: GraphQLRequestContextResponseForOperation<GraphQLContext>) {
            if (!cache.enabled) return null;
            const scopes = generationScopes(context.operation);
            if (scopes === null) return null;
            const { analytics, db } = context.contextValue.services;
            if (scopes.includes('analytics') && !analytics.cache.enabled) return null;
            const reads: CachedReads = scopes.includes('catalogue') ? 'catalogue' : 'dashboard';
            const variables = variablesKey(context.request.variables);
            if (variables === null) return null;
            const key = `${context.queryHash}\u0000${context.operationName ?? ''}\u0000${variables}`;
            const generation = await generationsIfReadable(db.readRows, scopes);
            if (generation === null) return null;
            if (typeof generation !== 'string') {
              // `{ __typename }` alone needs no database: it runs.
              if (context.operation.selectionSet.selections.every(isTypename)) return null;
              const answer = unavailableAnswer(generation.unavailable, context.contextValue.requestId);
              return { http: context.response.http, body: { kind: 'single', singleResult: answer } };
            }
            const entry = cache.entries.get(key);
            if (entry && entry.generation === generation) {
              cache.hits += 1;
              cache.onLookup('hit', reads);
              return { http: context.response.http, body: { kind: 'single', singleResult: { data: entry.data } } };
            }
            if (entry) cache.entries.delete(key);
            cache.misses += 1;
            cache.onLookup('miss', reads);
            pending = { key, generation, scopes };
            return null;
          },
          async willSendResponse(context) {
            if (!pending) return;
            const { key, generation, scopes } = pending;
            pending = null;
            const body = context.response.body;
            if (
              body.kind !== 'single' ||
              body.singleResult.errors !== undefined ||
              body.singleResult.extensions !== undefined ||
              !body.singleResult.data
            )
              return;
            const data = body.singleResult.data;
            if ((await generationsIfReadable(context.contextValue.services.db.readRows, scopes)) !== generation) return;
            const text = stringifyAnswer({ data });
            cache.entries.set(key, { generation, data, text });
            // An answer too large to keep was not stored; its text is not needed either.
            if (cache.entries.has(key)) cache.serialized.set(data, text);
          },
        };
      },
    };
  }
}
