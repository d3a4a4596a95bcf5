// Meilisearch (MEILI_HOST set) going away under a running service: the service starts on a fake
// Meilisearch server (see test/search/fake-meilisearch-server.ts), which is then shut down, so
// MEILI_HOST points at a dead port. `search` must answer 503 with Retry-After and
// SEARCH_UNAVAILABLE, without the host in the message; queries that do not search keep
// answering, and a request asking for both keeps its data (200, the typed error on `search`).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeMeilisearchServer } from '../search/fake-meilisearch-server.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  };
}

describeWithDatabase('search engine down (Meilisearch at a dead port)', () => {
  let meilisearch: FakeMeilisearchServer;
  let service: TestService;

  async function ask(query: string): Promise<Answer> {
    const response = await service.post(JSON.stringify({ query }));
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Answer['body'],
    };
  }

  beforeAll(async () => {
    meilisearch = new FakeMeilisearchServer();
    const host = await meilisearch.start();
    service = await startTestService({
      MEILI_HOST: host,
      MEILI_SEARCH_KEY: 'search-key-0123456789',
      MEILI_ADMIN_KEY: 'admin-key-0123456789',
      MEILI_INDEX: 'kb_engine_down',
    });
    expect(meilisearch.documents.size).toBeGreaterThan(0);
    await meilisearch.stop();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('`search` answers 503 with Retry-After and SEARCH_UNAVAILABLE', async () => {
    const answer = await ask('{ search(query: "laser") { totalCount } }');
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe('5');
    expect(answer.body.data).toEqual({ search: null });
    expect(answer.body.errors).toHaveLength(1);
    const error = answer.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'SEARCH_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(error?.path).toEqual(['search']);
    expect(error?.message).not.toContain('127.0.0.1');
  });

  it('queries that do not search keep answering, and a mixed request keeps its data (200)', async () => {
    const provisions = await ask('{ provisions(first: 1) { totalCount } }');
    expect(provisions.status).toBe(200);
    expect(provisions.body.errors).toBeUndefined();

    const mixed = await ask('{ provisions(first: 1) { totalCount } search(query: "laser") { totalCount } }');
    expect(mixed.status).toBe(200);
    expect(mixed.retryAfter).toBeNull();
    expect((mixed.body.data?.provisions as { totalCount: number }).totalCount).toBeGreaterThan(0);
    expect(mixed.body.data?.search).toBeNull();
    expect(mixed.body.errors?.map((error) => error.extensions?.code)).toEqual(['SEARCH_UNAVAILABLE']);
  });
});
