// A stand-in for a Meilisearch server in protocol tests (no Meilisearch can run on this machine):
// node:http on port 0 that records every request and answers with the shapes of Meilisearch's
// documented REST API (summarized task objects on 202, task objects on GET /tasks/{uid}, error
// objects { message, code, type, link }, index/settings/documents/search/stats responses).
// It does no relevance at all: searches answer with `nextSearchResponse` or the stored documents.
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
      // Meilisearch creates the index on a settings update if needed.
      return this.enqueue(reply, uid, 'settingsUpdate', () => {
        this.index ??= { uid, primaryKey: null, settings: defaultSettings() };
        Object.assign(this.index.settings, body as Json);
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
      const { page = 1, hitsPerPage = 20, q = '' } = body as { page?: number; hitsPerPage?: number; q?: string };
      const all = [...this.documents.values()];
      const hits = all
        .slice((page - 1) * hitsPerPage, page * hitsPerPage)
        .map((document) => ({ ...document, _formatted: document, _rankingScore: 1 }));
      return reply(200, {
        hits,
        query: q,
        processingTimeMs: 1,
        hitsPerPage,
        page,
        totalPages: Math.ceil(all.length / hitsPerPage),
        totalHits: all.length,
      });
    }
    return error(404, 'not_found', `${method} ${url.pathname}`);
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
