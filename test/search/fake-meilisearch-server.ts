// A stand-in for a Meilisearch server in protocol tests (no Meilisearch can run on this machine):
// node:http on port 0 that records every request and answers with the shapes of Meilisearch's
// documented REST API (summarized task objects on 202, task objects on GET /tasks/{uid}, error
// objects { message, code, type, link }, index/settings/documents/search/stats responses).
// It does no relevance at all: searches answer with `nextSearchResponse` or the stored documents
// in the order they were added, after what Meilisearch does outside ranking: the filter (the
// subset of the syntax the adapter writes: conditions joined by AND, each `attr = value`,
// `attr != value`, `attr IN [...]` or a numeric comparison; only on filterable attributes),
// `distinct` (the first hit of each value kept; only a filterable attribute), pagination
// (page/hitsPerPage with exact totals, or offset/limit with estimated ones), and POST
// /multi-search (each query answered alike). `matchingStrategy` is checked and recorded only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

type Json = Record<string, unknown>;

interface FakeTask {
  uid: number;
  indexUid: string | null;
  type: string;
  enqueuedAt: string;
  polls: number;
  error: { message: string; code: string; type: string; link: string } | null;
}

/** Settings of a fresh index, as GET /indexes/{uid}/settings returns them. */
function defaultSettings(): Json {
  return {
    displayedAttributes: ['*'],
    searchableAttributes: ['*'],
    filterableAttributes: [],
    sortableAttributes: [],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    stopWords: [],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [],
    synonyms: {},
    distinctAttribute: null,
    proximityPrecision: 'byWord',
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
      disableOnAttributes: [],
      disableOnNumbers: false,
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
    pagination: { maxTotalHits: 1000 },
    searchCutoffMs: null,
  };
}

const SORTED_ON_READ = ['filterableAttributes', 'sortableAttributes', 'stopWords'];
/** Settings objects a PATCH updates field by field (the others it replaces). */
const MERGED_ON_UPDATE = ['typoTolerance', 'faceting', 'pagination'];
const MATCHING_STRATEGIES = ['last', 'all', 'frequency'];

/** A request Meilisearch refuses: HTTP status and error code. */
class FakeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `update` over `current`: nested objects field by field, null resets to `defaults`. */
function mergeSettings(current: Json, update: Json, defaults: Json): void {
  for (const [key, value] of Object.entries(update)) {
    if (value === null) current[key] = structuredClone(defaults[key] ?? null);
    else if (isJson(value) && isJson(current[key]) && isJson(defaults[key])) {
      mergeSettings(current[key], value, defaults[key]);
    } else current[key] = structuredClone(value);
  }
}

/** Unknown fields are refused as Meilisearch's deserializer does (bad_request / invalid_settings_*). */
function checkSettings(update: unknown): void {
  if (!isJson(update)) throw new FakeError(400, 'bad_request', 'Invalid value type: expected an object');
  const known = defaultSettings();
  for (const [key, value] of Object.entries(update)) {
    if (!(key in known)) {
      throw new FakeError(
        400,
        'bad_request',
        `Unknown field \`${key}\`: expected one of ${Object.keys(known).join(', ')}`,
      );
    }
    const defaults = known[key];
    if (MERGED_ON_UPDATE.includes(key) && isJson(value) && isJson(defaults)) {
      for (const field of Object.keys(value)) {
        if (!(field in defaults)) {
          const code = `invalid_settings_${key.replace(/[A-Z]/gu, (letter) => `_${letter.toLowerCase()}`)}`;
          throw new FakeError(400, code, `Unknown field \`${field}\` inside \`.${key}\``);
        }
      }
    }
  }
}

type Condition = (document: Json) => boolean;

/**
 * The adapter's subset of Meilisearch's filter syntax as a predicate. Strings compare without
 * case (as Meilisearch's facet values do), booleans as "true"/"false", an array attribute
 * matches when one of its elements does; an attribute that is missing or null matches nothing.
 */
function parseFilter(filter: string, filterable: readonly string[]): Condition {
  const tokens = [...filter.matchAll(/\s*("(?:[^"\\]|\\.)*"|!=|>=|<=|[=<>[\],]|[^\s"=<>!,[\]]+)/gu)].map(
    (match) => match[1] ?? '',
  );
  let position = 0;
  const next = (): string => {
    const token = tokens[position];
    if (token === undefined)
      throw new FakeError(400, 'invalid_search_filter', `Unexpected end of filter: \`${filter}\``);
    position += 1;
    return token;
  };
  const value = (token: string): string =>
    token.startsWith('"') ? token.slice(1, -1).replace(/\\(.)/gu, '$1') : token;
  const conditions: Condition[] = [];
  for (;;) {
    const attribute = next();
    if (attribute.startsWith('(') || ['NOT', 'OR'].includes(attribute.toUpperCase())) {
      throw new FakeError(400, 'invalid_search_filter', `The fake server does not read \`${attribute}\``);
    }
    if (!filterable.includes(attribute)) {
      throw new FakeError(
        400,
        'invalid_search_filter',
        `Attribute \`${attribute}\` is not filterable. Available filterable attribute patterns are: \`${filterable.join('`, `')}\`.`,
      );
    }
    const operator = next();
    if (operator.toUpperCase() === 'IN') {
      if (next() !== '[') throw new FakeError(400, 'invalid_search_filter', 'Expected `[` after IN');
      const values: string[] = [];
      for (let token = next(); token !== ']'; token = next()) if (token !== ',') values.push(value(token));
      conditions.push((document) =>
        valuesOf(document[attribute]).some((stored) => values.some((v) => equal(stored, v))),
      );
    } else if (['=', '!='].includes(operator)) {
      // `!=` is the negation of `=`: it also keeps documents without the attribute.
      const wanted = value(next());
      conditions.push(
        (document) => valuesOf(document[attribute]).some((stored) => equal(stored, wanted)) === (operator === '='),
      );
    } else if (['>', '>=', '<', '<='].includes(operator)) {
      const bound = Number(value(next()));
      conditions.push((document) =>
        valuesOf(document[attribute]).some(
          (stored) =>
            typeof stored === 'number' &&
            (operator === '>'
              ? stored > bound
              : operator === '>='
                ? stored >= bound
                : operator === '<'
                  ? stored < bound
                  : stored <= bound),
        ),
      );
    } else {
      throw new FakeError(400, 'invalid_search_filter', `The fake server does not read the operator \`${operator}\``);
    }
    if (position === tokens.length) break;
    const joiner = next();
    if (joiner.toUpperCase() !== 'AND') {
      throw new FakeError(400, 'invalid_search_filter', `The fake server reads only AND, not \`${joiner}\``);
    }
  }
  return (document) => conditions.every((condition) => condition(document));
}

function valuesOf(stored: unknown): unknown[] {
  if (stored === undefined || stored === null) return [];
  return Array.isArray(stored) ? stored : [stored];
}

function equal(stored: unknown, wanted: string): boolean {
  if (typeof stored === 'number') return Number(wanted) === stored;
  if (typeof stored === 'string' || typeof stored === 'boolean')
    return String(stored).toLowerCase() === wanted.toLowerCase();
  return false;
}

export class FakeMeilisearchServer {
  readonly requests: RecordedRequest[] = [];
  /** The next task enqueued ends `failed` with this error. */
  failNextTask: { code: string; message: string } | undefined;
  /** Answer to the next POST /indexes/{uid}/search (then back to listing stored documents). */
  nextSearchResponse: Json | undefined;
  /** When set, every request but /health gets this HTTP status and error code. */
  refuseWith: { status: number; code: string; message: string } | undefined;
  readonly documents = new Map<string, Json>();
  private index: { uid: string; primaryKey: string | null; settings: Json } | undefined;
  private readonly tasks = new Map<number, FakeTask>();
  private nextTaskUid = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: String(error), code: 'internal', type: 'internal', link: '' }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** Requests other than task polling, as "METHOD /path". */
  calls(): string[] {
    return this.requests
      .filter((request) => !request.path.startsWith('/tasks/'))
      .map((request) => `${request.method} ${request.path}`);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    const method = request.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
      body,
    });

    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const error = (status: number, code: string, message: string) =>
      reply(status, {
        message,
        code,
        type: status >= 500 ? 'internal' : 'invalid_request',
        link: `https://docs.meilisearch.com/errors#${code}`,
      });

    if (url.pathname === '/health') return reply(200, { status: 'available' });
    if (this.refuseWith) return error(this.refuseWith.status, this.refuseWith.code, this.refuseWith.message);

    const task = url.pathname.match(/^\/tasks\/(\d+)$/u);
    if (task && method === 'GET') {
      const found = this.tasks.get(Number(task[1]));
      if (found === undefined) return error(404, 'task_not_found', `Task \`${task[1]}\` not found.`);
      found.polls += 1;
      // First poll: still enqueued (the client must poll again); then the outcome.
      const status = found.polls === 1 ? 'enqueued' : found.error === null ? 'succeeded' : 'failed';
      const done = status !== 'enqueued';
      return reply(200, {
        uid: found.uid,
        batchUid: done ? found.uid : null,
        indexUid: found.indexUid,
        status,
        type: found.type,
        canceledBy: null,
        details: {},
        error: status === 'failed' ? found.error : null,
        duration: done ? 'PT0.001S' : null,
        enqueuedAt: found.enqueuedAt,
        startedAt: done ? found.enqueuedAt : null,
        finishedAt: done ? found.enqueuedAt : null,
      });
    }

    if (url.pathname === '/indexes' && method === 'POST') {
      const { uid, primaryKey } = body as { uid: string; primaryKey?: string };
      const exists = this.index?.uid === uid;
      return this.enqueue(reply, uid, 'indexCreation', () => {
        if (exists) return { code: 'index_already_exists', message: `Index \`${uid}\` already exists.` };
        this.index = { uid, primaryKey: primaryKey ?? null, settings: defaultSettings() };
        return null;
      });
    }

    if (url.pathname === '/multi-search' && method === 'POST') {
      const { queries, federation } = body as { queries: Json[]; federation?: unknown };
      if (federation !== undefined) return error(400, 'not_supported', 'The fake server does not federate searches');
      const results: Json[] = [];
      for (const [position, query] of queries.entries()) {
        const { indexUid, ...params } = query as Json & { indexUid: string };
        try {
          if (this.index?.uid !== indexUid)
            throw new FakeError(404, 'index_not_found', `Index \`${indexUid}\` not found.`);
          results.push({ indexUid, ...this.search(this.index.settings, params) });
        } catch (caught) {
          if (!(caught instanceof FakeError)) throw caught;
          return error(caught.status, caught.code, `Inside \`.queries[${position}]\`: ${caught.message}`);
        }
      }
      return reply(200, { results });
    }

    const indexPath = url.pathname.match(/^\/indexes\/([^/]+)(\/.*)?$/u);
    if (!indexPath) return error(404, 'not_found', 'not found');
    const uid = decodeURIComponent(indexPath[1] ?? '');
    const rest = indexPath[2] ?? '';
    const index = this.index?.uid === uid ? this.index : undefined;
    const missing = () => error(404, 'index_not_found', `Index \`${uid}\` not found.`);

    if (rest === '' && method === 'GET') {
      return index
        ? reply(200, {
            uid,
            primaryKey: index.primaryKey,
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-01T00:00:00Z',
          })
        : missing();
    }
    if (rest === '' && method === 'PATCH') {
      return this.enqueue(reply, uid, 'indexUpdate', () => {
        if (!index) return { code: 'index_not_found', message: `Index \`${uid}\` not found.` };
        index.primaryKey = (body as { primaryKey: string }).primaryKey;
        return null;
      });
    }
    if (rest === '/settings' && method === 'GET') {
      if (!index) return missing();
      const settings = structuredClone(index.settings);
      for (const key of SORTED_ON_READ) if (Array.isArray(settings[key])) (settings[key] as string[]).sort();
      return reply(200, settings);
    }
    if (rest === '/settings' && method === 'PATCH') {
      try {
        checkSettings(body);
      } catch (caught) {
        if (caught instanceof FakeError) return error(caught.status, caught.code, caught.message);
        throw caught;
      }
      // Meilisearch creates the index on a settings update if needed.
      return this.enqueue(reply, uid, 'settingsUpdate', () => {
        this.index ??= { uid, primaryKey: null, settings: defaultSettings() };
        const update = body as Json;
        const defaults = defaultSettings();
        for (const key of Object.keys(update)) {
          if (!MERGED_ON_UPDATE.includes(key)) this.index.settings[key] = null;
        }
        mergeSettings(this.index.settings, update, defaults);
        return null;
      });
    }
    if (rest === '/stats' && method === 'GET') {
      return index
        ? reply(200, { numberOfDocuments: this.documents.size, isIndexing: false, fieldDistribution: {} })
        : missing();
    }
    if (rest === '/documents' && method === 'POST') {
      const primaryKey = url.searchParams.get('primaryKey') ?? index?.primaryKey ?? 'id';
      return this.enqueue(reply, uid, 'documentAdditionOrUpdate', () => {
        this.index ??= { uid, primaryKey, settings: defaultSettings() };
        for (const document of body as Json[]) {
          const key = document[primaryKey];
          if (typeof key !== 'string' || !/^[A-Za-z0-9_-]+$/u.test(key)) {
            return {
              code: 'invalid_document_id',
              message: `Document identifier \`${JSON.stringify(key)}\` is invalid.`,
            };
          }
        }
        for (const document of body as Json[]) this.documents.set(document[primaryKey] as string, document);
        return null;
      });
    }
    if (rest === '/documents' && method === 'DELETE') {
      return this.enqueue(reply, uid, 'documentDeletion', () => {
        if (!index) return { code: 'index_not_found', message: `Index \`${uid}\` not found.` };
        this.documents.clear();
        return null;
      });
    }
    if (rest === '/documents/delete-batch' && method === 'POST') {
      return this.enqueue(reply, uid, 'documentDeletion', () => {
        for (const key of body as string[]) this.documents.delete(key);
        return null;
      });
    }
    if (rest === '/documents' && method === 'GET') {
      if (!index) return missing();
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const fields = url.searchParams.get('fields')?.split(',');
      const all = [...this.documents.values()];
      const results = all
        .slice(offset, offset + limit)
        .map((document) => (fields ? Object.fromEntries(fields.map((field) => [field, document[field]])) : document));
      return reply(200, { results, offset, limit, total: all.length });
    }
    const one = rest.match(/^\/documents\/([^/]+)$/u);
    if (one && method === 'GET') {
      if (!index) return missing();
      const document = this.documents.get(decodeURIComponent(one[1] ?? ''));
      return document ? reply(200, document) : error(404, 'document_not_found', `Document \`${one[1]}\` not found.`);
    }
    if (rest === '/search' && method === 'POST') {
      if (!index) return missing();
      const canned = this.nextSearchResponse;
      this.nextSearchResponse = undefined;
      if (canned) return reply(200, canned);
      try {
        return reply(200, this.search(index.settings, body as Json));
      } catch (caught) {
        if (caught instanceof FakeError) return error(caught.status, caught.code, caught.message);
        throw caught;
      }
    }
    return error(404, 'not_found', `${method} ${url.pathname}`);
  }

  /** One search over the stored documents: filter, distinct and a page, no relevance. */
  private search(settings: Json, params: Json): Json {
    const filterable = (settings.filterableAttributes as unknown[]).filter(
      (item): item is string => typeof item === 'string',
    );
    const {
      q = '',
      filter,
      distinct,
      matchingStrategy,
      page,
      hitsPerPage,
      offset,
      limit,
    } = params as {
      q?: string;
      filter?: unknown;
      distinct?: unknown;
      matchingStrategy?: unknown;
      page?: number;
      hitsPerPage?: number;
      offset?: number;
      limit?: number;
    };
    if (matchingStrategy !== undefined && !MATCHING_STRATEGIES.includes(String(matchingStrategy))) {
      throw new FakeError(
        400,
        'invalid_search_matching_strategy',
        `Unknown value \`${String(matchingStrategy)}\` at \`.matchingStrategy\`: expected one of \`last\`, \`all\`, \`frequency\``,
      );
    }
    if (filter !== undefined && typeof filter !== 'string') {
      throw new FakeError(400, 'invalid_search_filter', 'The fake server reads only a filter string');
    }
    const matches = filter === undefined || filter === '' ? () => true : parseFilter(filter, filterable);
    let documents = [...this.documents.values()].filter(matches);
    if (distinct !== undefined) {
      if (typeof distinct !== 'string' || !filterable.includes(distinct)) {
        throw new FakeError(
          400,
          'invalid_search_distinct',
          `Attribute \`${String(distinct)}\` is not filterable and thus, cannot be used as distinct attribute.`,
        );
      }
      const seen = new Set<string>();
      documents = documents.filter((document) => {
        const value = document[distinct];
        if (value === undefined || value === null) return true;
        const key = JSON.stringify(value);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    const asHit = (document: Json) => ({
      ...document,
      _formatted: document,
      ...(params.showRankingScore === true ? { _rankingScore: 1 } : {}),
    });
    const common = { query: q, processingTimeMs: 1 };
    if (page !== undefined || hitsPerPage !== undefined) {
      const size = hitsPerPage ?? 20;
      const number = page ?? 1;
      return {
        hits: documents.slice((number - 1) * size, number * size).map(asHit),
        ...common,
        hitsPerPage: size,
        page: number,
        totalPages: Math.ceil(documents.length / size),
        totalHits: documents.length,
      };
    }
    const from = offset ?? 0;
    const count = limit ?? 20;
    return {
      hits: documents.slice(from, from + count).map(asHit),
      ...common,
      offset: from,
      limit: count,
      estimatedTotalHits: documents.length,
    };
  }

  /** 202 with a summarized task; the task's outcome is decided now, reported when polled. */
  private enqueue(
    reply: (status: number, payload: unknown) => void,
    indexUid: string,
    type: string,
    apply: () => { code: string; message: string } | null,
  ): void {
    const uid = this.nextTaskUid;
    this.nextTaskUid += 1;
    const injected = this.failNextTask;
    this.failNextTask = undefined;
    const outcome = injected ?? apply();
    const enqueuedAt = new Date().toISOString();
    this.tasks.set(uid, {
      uid,
      indexUid,
      type,
      enqueuedAt,
      polls: 0,
      error:
        outcome === null
          ? null
          : { ...outcome, type: 'invalid_request', link: `https://docs.meilisearch.com/errors#${outcome.code}` },
    });
    reply(202, { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt });
  }
}
