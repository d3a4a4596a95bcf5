// The Meilisearch adapter's protocol, against a fake HTTP server that answers as Meilisearch's
// documented REST API does: which key goes where, what is sent (settings only when they
// differ, escaped filters, page windows, the matching strategy, grouping by entry with
// `distinct` and the paragraphs of each entry by multi-search) and how answers and failed
// tasks are read.
// It says nothing about Meilisearch's relevance: that is the contract suite's job against a
// real server (meilisearch-search-engine.test.ts, run when MEILI_HOST is set).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentKey } from '../../src/search/meilisearch-filter.js';
import { MeilisearchSearchEngine, MeilisearchTaskError } from '../../src/search/meilisearch-search-engine.js';
import { type SearchDocument, type SearchRequest } from '../../src/search/search-engine.js';
import { FakeMeilisearchServer } from './fake-meilisearch-server.js';
import { SearchUnavailableError } from '../../src/errors.js';

const SEARCH_KEY = 'search-key-0123456789';
const ADMIN_KEY = 'admin-key-0123456789';
const SETTINGS = {
  synonyms: { 'thermal camera': ['thermal imaging'], lidar: ['laser radar'] },
  stopWords: ['the', 'of'],
};

function doc(id: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id: `PROVISION:${id}`,
    type: 'PROVISION',
    recordId: id,
    title: `Record ${id}`,
    codes: [],
    body: 'Plain text.',
    regime: 'EU',
    jurisdiction: 'EU',
    category: '6',
    audience: [],
    date: '2024-06-30',
    ...fields,
  };
}

describe('Meilisearch adapter protocol (fake HTTP server, not Meilisearch relevance)', () => {
  let server: FakeMeilisearchServer;
  let engine: MeilisearchSearchEngine;

  beforeEach(async () => {
    server = new FakeMeilisearchServer();
    const host = await server.start();
    engine = new MeilisearchSearchEngine({
      host,
      searchKey: SEARCH_KEY,
      adminKey: ADMIN_KEY,
      index: 'kb_test',
      taskPollMs: 1,
      requestTimeoutMs: 5000,
    });
  });

  afterEach(async () => {
    await engine.close();
    await server.stop();
  });

  it('sends the search key only to /search, /multi-search (and /health), the admin key to everything else', async () => {
    await engine.configure(SETTINGS);
    await engine.upsert([doc('1', { codes: ['6A003'] }), doc('2', { codes: ['6A003.a'] })]);
    await engine.search({ query: 'laser', offset: 0, limit: 10, facets: ['type'] });
    await engine.get('PROVISION:1');
    await engine.allIds();
    await engine.delete(['PROVISION:2']);
    await engine.clear();
    await engine.health();

    const isSearch = (path: string) => path.endsWith('/search') || path === '/multi-search';
    const searches = server.requests.filter((request) => isSearch(request.path));
    // The entry's paragraphs come from a multi-search, made with the search key too.
    expect(searches.map((request) => request.path)).toEqual(['/indexes/kb_test/search', '/multi-search']);
    for (const request of server.requests) {
      const isQuery = isSearch(request.path) || request.path === '/health';
      expect(request.authorization, `${request.method} ${request.path}`).toBe(
        `Bearer ${isQuery ? SEARCH_KEY : ADMIN_KEY}`,
      );
    }
    // Settings, documents and task polling all happened, with the admin key.
    const paths = server.requests.map((request) => `${request.method} ${request.path}`);
    expect(paths).toEqual(
      expect.arrayContaining(['PATCH /indexes/kb_test/settings', 'POST /indexes/kb_test/documents', 'GET /tasks/0']),
    );
  });

  it('creates the index keyed by "key", sends settings once, and nothing when they are unchanged', async () => {
    await engine.configure(SETTINGS);
    expect(server.calls()).toEqual([
      'GET /indexes/kb_test',
      'POST /indexes',
      'GET /indexes/kb_test/settings',
      'PATCH /indexes/kb_test/settings',
    ]);
    expect(server.requests.find((request) => request.path === '/indexes')?.body).toEqual({
      uid: 'kb_test',
      primaryKey: 'key',
    });
    const patch = server.requests.find((request) => request.method === 'PATCH')?.body as Record<string, unknown>;
    expect(patch).toMatchObject({
      searchableAttributes: ['codes', 'title', 'body'],
      sortableAttributes: ['dateNumber', 'id'],
      synonyms: { lidar: ['laser radar'], 'thermal camera': ['thermal imaging'] },
      stopWords: ['of', 'the'],
      pagination: { maxTotalHits: 100_000 },
      faceting: { maxValuesPerFacet: 1000 },
    });
    // Every attribute a filter names, and the entry key `distinct` groups by.
    expect([...(patch.filterableAttributes as string[])].sort()).toEqual([
      'audience',
      'category',
      'current',
      'dateNumber',
      'entryKey',
      'jurisdiction',
      'regime',
      'type',
      'validFromNumber',
      'validToNumber',
    ]);
    // A fresh index has 1 typo from 5 letters, 2 from 9, but typos on numbers: the rule is sent.
    expect(patch.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnNumbers: true,
    });
    // No index-wide distinct attribute (grouping is asked per search): a fresh index has none.
    expect(patch).not.toHaveProperty('distinctAttribute');

    server.requests.length = 0;
    await engine.configure(SETTINGS);
    expect(server.calls()).toEqual(['GET /indexes/kb_test', 'GET /indexes/kb_test/settings']);

    server.requests.length = 0;
    await engine.configure({ ...SETTINGS, stopWords: ['the', 'of', 'a'] });
    const update = server.requests.filter((request) => request.method === 'PATCH').map((request) => request.body);
    expect(update).toEqual([{ stopWords: ['a', 'of', 'the'] }]);
  });

  it('waits for each task, polling until it is done', async () => {
    await engine.configure(SETTINGS);
    await engine.upsert([doc('1')]);
    const polls = server.requests
      .filter((request) => request.path.startsWith('/tasks/'))
      .map((request) => request.path);
    // The fake answers "enqueued" to the first poll of each task: two polls per task.
    expect(polls).toEqual(['/tasks/0', '/tasks/0', '/tasks/1', '/tasks/1', '/tasks/2', '/tasks/2']);
  });

  it('surfaces a failed task as an error naming its code and message', async () => {
    server.failNextTask = { code: 'invalid_settings_ranking_rules', message: '`sort:desc` ranking rule is invalid.' };
    await engine.configure(SETTINGS).catch(() => undefined);
    // The failure hit the index creation; creating again works, then the settings task fails.
    server.requests.length = 0;
    await engine.configure(SETTINGS);
    server.failNextTask = { code: 'invalid_settings_ranking_rules', message: '`sort:desc` ranking rule is invalid.' };
    const error = await engine.configure({ ...SETTINGS, stopWords: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MeilisearchTaskError);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as MeilisearchTaskError).taskErrorCode).toBe('invalid_settings_ranking_rules');
    expect((error as Error).message).toMatch(
      /task \d+ \(settingsUpdate, settings stopWords\) failed: invalid_settings_ranking_rules: `sort:desc` ranking rule is invalid\./u,
    );

    server.failNextTask = {
      code: 'max_fields_limit_exceeded',
      message: 'A document cannot contain more than 65,535 fields.',
    };
    await expect(engine.upsert([doc('1')])).rejects.toThrow(
      /documentAdditionOrUpdate.*max_fields_limit_exceeded: A document cannot contain more than 65,535 fields\./u,
    );
  });

  it('sends filters with every value quoted and escaped', async () => {
    await engine.configure(SETTINGS);
    await engine.search({
      query: 'camera',
      offset: 0,
      limit: 10,
      filter: { category: ['6A003" OR type = "X'], regime: ['EU'], dateFrom: '2024-01-01' },
    });
    const body = server.requests.find((request) => request.path.endsWith('/search'))?.body as { filter: string };
    expect(body.filter).toBe(
      'current = true AND regime IN ["EU"] AND category IN ["6A003\\" OR type = \\"X"] AND dateNumber >= 20240101',
    );
  });

  it('asks for exact totals by page, highlights, crops and scores, and maps the answer to the port', async () => {
    await engine.configure(SETTINGS);
    const hit = (id: string, score: number, formatted: Partial<SearchDocument>) => {
      const stored = {
        ...doc(id, { codes: ['6A003', '6A003.b'], body: 'Cameras with thermal sensors.' }),
        key: documentKey(`PROVISION:${id}`),
        dateNumber: 20240630,
      };
      return { ...stored, _formatted: { ...stored, ...formatted }, _rankingScore: score };
    };
    server.nextSearchResponse = {
      hits: [
        ...Array.from({ length: 5 }, (_, index) => hit(`skipped-${index}`, 0.99, {})),
        hit('a', 0.9, {
          title: '<mark>Record</mark> a',
          codes: ['<mark>6A003</mark>', '6A003.b'],
          body: '…<mark>Cameras</mark> with thermal…',
        }),
        hit('b', 0.4, { body: 'Cameras with thermal sensors.' }),
      ],
      query: 'record 6A003',
      processingTimeMs: 3,
      hitsPerPage: 15,
      page: 1,
      totalPages: 3,
      totalHits: 42,
      facetDistribution: { regime: { EU: 30, UK: 30, US_EAR: 12 }, type: { PROVISION: 42 } },
    };
    const response = await engine.search({ query: 'record 6A003', offset: 5, limit: 10, facets: ['regime', 'type'] });

    const sent = server.requests.find((request) => request.path.endsWith('/search'))?.body;
    expect(sent).toEqual({
      q: 'record 6A003',
      page: 1,
      hitsPerPage: 15,
      // Older versions of provisions only when a day is asked for.
      filter: 'current = true',
      facets: ['regime', 'type'],
      attributesToHighlight: ['title', 'codes', 'body'],
      highlightPreTag: '<mark>',
      highlightPostTag: '</mark>',
      attributesToCrop: ['body'],
      cropLength: 30,
      cropMarker: '…',
      showRankingScore: true,
      sort: ['id:asc'],
      matchingStrategy: 'frequency',
      distinct: 'entryKey',
    });
    expect(response.totalCount).toBe(42);
    // The search's 3 ms and the fake's 1 ms for each entry's paragraphs.
    expect(response.processingTimeMs).toBe(5);
    expect(response.hits.map((h) => h.document.id)).toEqual(['PROVISION:a', 'PROVISION:b']);
    expect(response.hits[0]?.document).toEqual(
      doc('a', { codes: ['6A003', '6A003.b'], body: 'Cameras with thermal sensors.' }),
    );
    expect(response.hits.map((h) => h.score)).toEqual([0.9, 0.4]);
    expect(response.hits[0]?.highlights).toEqual([
      { field: 'title', snippet: '<mark>Record</mark> a' },
      { field: 'codes', snippet: '<mark>6A003</mark>, 6A003.b' },
      { field: 'body', snippet: '…<mark>Cameras</mark> with thermal…' },
    ]);
    // Nothing marked, no highlight.
    expect(response.hits[1]?.highlights).toEqual([]);
    // Their entry holds no other document in the index: no paragraphs.
    expect(response.hits.map((h) => (h as { subHits?: unknown }).subHits)).toEqual([[], []]);
    expect(response.facets).toEqual([
      { field: 'regime', value: 'EU', count: 30 },
      { field: 'regime', value: 'UK', count: 30 },
      { field: 'regime', value: 'US_EAR', count: 12 },
      { field: 'type', value: 'PROVISION', count: 42 },
    ]);
  });

  it('sends matchingStrategy "frequency" with every search, and distinct "entryKey" unless groupParagraphs is false', async () => {
    await engine.configure(SETTINGS);
    await engine.search({ query: 'thermal camera', offset: 0, limit: 10 });
    await engine.search({ query: 'thermal camera', offset: 0, limit: 10, groupParagraphs: false } as SearchRequest);
    const [grouped, flat] = server.requests
      .filter((request) => request.path === '/indexes/kb_test/search')
      .map((request) => request.body as Record<string, unknown>);
    expect(grouped).toMatchObject({ q: 'thermal camera', matchingStrategy: 'frequency', distinct: 'entryKey' });
    expect(flat).toMatchObject({ q: 'thermal camera', matchingStrategy: 'frequency' });
    expect(flat).not.toHaveProperty('distinct');
  });

  it('leaves low-information words out of the query sent while it has another word, never from a synonym phrase', async () => {
    await engine.configure({
      ...SETTINGS,
      synonyms: { ...SETTINGS.synonyms, 'thermal core': ['imaging cameras'] },
      lowInformationWords: ['module', 'core', 'kit'],
    });
    for (const query of ['Thermal camera core-module', 'thermal core module', 'module kit', 'hydrophone of the kit'])
      await engine.search({ query, offset: 0, limit: 10 });
    const sent = server.requests
      .filter((request) => request.path === '/indexes/kb_test/search')
      .map((request) => (request.body as Record<string, unknown>).q);
    expect(sent).toEqual(['Thermal camera', 'thermal core', 'module kit', 'hydrophone of the']);
    // Nothing of it is an index setting.
    const patch = server.requests.find((request) => request.method === 'PATCH')?.body as Record<string, unknown>;
    expect(Object.keys(patch)).not.toContain('lowInformationWords');
    expect(patch.stopWords).toEqual(['of', 'the']);
  });

  it('returns one hit per entry, and its best other provisions as subHits from one multi-search', async () => {
    await engine.configure(SETTINGS);
    const entry = doc('e', { codes: ['6A003'], title: 'Cameras' });
    const paragraphs = ['6A003.a', '6A003.b', '6A003.b.4', '6A003.c'].map((code) =>
      doc(`p-${code}`, { codes: [code], title: `Paragraph ${code}` }),
    );
    const other = doc('o', { codes: ['6A002'], title: 'Optical sensors' });
    const otherParagraph = doc('o-a', { codes: ['6A002.a'] });
    const sameCodeElsewhere = doc('uk', { codes: ['6A003.a'], regime: 'UK' });
    const older = doc('old', { codes: ['6A003.d'], current: false });
    const exemption: SearchDocument = { ...doc('x'), id: 'EXEMPTION:x', type: 'EXEMPTION', codes: ['GEN 1'] };
    await engine.upsert([entry, ...paragraphs, other, otherParagraph, sameCodeElsewhere, older, exemption]);

    const response = await engine.search({ query: 'camera', offset: 0, limit: 10, facets: ['regime'] });
    // The fake keeps the first document of each entry (Meilisearch: the best ranked).
    expect(response.hits.map((hit) => hit.document.id)).toEqual([
      entry.id,
      other.id,
      sameCodeElsewhere.id,
      exemption.id,
    ]);
    expect(response.totalCount).toBe(4);
    const subHits = response.hits.map((hit) =>
      ((hit as { subHits?: Array<{ document: SearchDocument }> }).subHits ?? []).map((sub) => sub.document.id),
    );
    // At most 3 per entry, never the hit itself, never an older version or another regime's entry.
    expect(subHits).toEqual([paragraphs.slice(0, 3).map((paragraph) => paragraph.id), [otherParagraph.id], [], []]);
    const firstSubHit = (response.hits[0] as { subHits?: unknown[] }).subHits?.[0];
    expect(firstSubHit).toEqual({ document: paragraphs[0], score: 1, highlights: [] });

    const multi = server.requests.filter((request) => request.path === '/multi-search');
    expect(multi).toHaveLength(1);
    const { queries } = multi[0]?.body as { queries: Array<Record<string, unknown>> };
    // A query per entry hit (the EU 6A003, the EU 6A002, the UK 6A003); none for the exemption.
    expect(queries.map((query) => query.filter)).toEqual([
      'current = true AND entryKey = "EU:6A003" AND type = "PROVISION"',
      'current = true AND entryKey = "EU:6A002" AND type = "PROVISION"',
      'current = true AND entryKey = "UK:6A003" AND type = "PROVISION"',
    ]);
    expect(queries[0]).toEqual({
      indexUid: 'kb_test',
      q: 'camera',
      filter: 'current = true AND entryKey = "EU:6A003" AND type = "PROVISION"',
      limit: 4,
      matchingStrategy: 'frequency',
      attributesToHighlight: ['title', 'codes', 'body'],
      highlightPreTag: '<mark>',
      highlightPostTag: '</mark>',
      attributesToCrop: ['body'],
      cropLength: 30,
      cropMarker: '…',
      showRankingScore: true,
      sort: ['id:asc'],
    });

    // A day asked for: the paragraphs are those in force that day too.
    server.requests.length = 0;
    await engine.search({ query: 'camera', offset: 0, limit: 1, filter: { asOf: '2018-06-01' } });
    const dated = server.requests.find((request) => request.path === '/multi-search')?.body as {
      queries: Array<{ filter: string }>;
    };
    expect(dated.queries.map((query) => query.filter)).toEqual([
      'validFromNumber <= 20180601 AND validToNumber > 20180601 AND entryKey = "EU:6A003" AND type = "PROVISION"',
    ]);
  });

  it('asks for no paragraphs without grouping, for a placeholder search, or when no hit is an entry', async () => {
    await engine.configure(SETTINGS);
    const entry = doc('e', { codes: ['6A003'] });
    const paragraph = doc('p', { codes: ['6A003.a'] });
    await engine.upsert([entry, paragraph]);

    const flat = await engine.search({
      query: 'camera',
      offset: 0,
      limit: 10,
      groupParagraphs: false,
    } as SearchRequest);
    expect(flat.hits.map((hit) => hit.document.id)).toEqual([entry.id, paragraph.id]);
    expect(flat.totalCount).toBe(2);
    expect(flat.hits.every((hit) => !('subHits' in hit))).toBe(true);

    const browse = await engine.search({ query: '  ', offset: 0, limit: 10 });
    expect(browse.hits.map((hit) => hit.document.id)).toEqual([entry.id]);
    expect((browse.hits[0] as { subHits?: unknown }).subHits).toEqual([]);

    const notEntries = await engine.search({ query: 'camera', offset: 0, limit: 10, filter: { types: ['EXEMPTION'] } });
    expect(notEntries.hits).toEqual([]);
    expect(server.requests.filter((request) => request.path === '/multi-search')).toEqual([]);
  });

  it('is refused, as by Meilisearch, when an attribute it filters or groups on is not filterable', async () => {
    await engine.configure(SETTINGS);
    // The index as the adapter left it before `current`, validity and entry keys were filtered on.
    const stale = await fetch(`${server.url}/indexes/kb_test/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        filterableAttributes: ['type', 'regime', 'jurisdiction', 'category', 'audience', 'dateNumber'],
      }),
    });
    expect(stale.status).toBe(202);
    await expect(engine.search({ query: 'x', offset: 0, limit: 10 })).rejects.toThrow(
      /invalid_search_filter: Attribute `current` is not filterable/u,
    );

    server.requests.length = 0;
    await engine.configure(SETTINGS);
    const update = server.requests.filter((request) => request.method === 'PATCH').map((request) => request.body);
    expect(Object.keys(update[0] as object)).toEqual(['filterableAttributes']);
    await expect(engine.search({ query: 'x', offset: 0, limit: 10 })).resolves.toMatchObject({ totalCount: 0 });
  });

  it('stores documents under a Meilisearch-safe key with a numeric date, and reads them back', async () => {
    await engine.configure(SETTINGS);
    const odd = doc('cm1:x/ä', { date: null });
    const paragraph = doc('1', { codes: ['6A003.b.4'] });
    await engine.upsert([paragraph, odd]);
    const added = server.requests.find((request) => request.method === 'POST' && request.path.endsWith('/documents'));
    expect(added?.query.get('primaryKey')).toBe('key');
    expect(added?.body).toEqual([
      {
        ...paragraph,
        key: documentKey('PROVISION:1'),
        // What `distinct` groups by: the paragraph's entry.
        entryKey: 'EU:6A003',
        dateNumber: 20240630,
        current: true,
        validFromNumber: 0,
        validToNumber: 99991231,
      },
      {
        ...odd,
        key: documentKey(odd.id),
        // A provision without a code is an entry of its own.
        entryKey: odd.id,
        dateNumber: null,
        current: true,
        validFromNumber: 0,
        validToNumber: 99991231,
      },
    ]);
    // Read back as the port's document: the adapter's own attributes are left behind.
    expect(server.documents.get(documentKey(paragraph.id))).toHaveProperty('entryKey', 'EU:6A003');
    expect(await engine.get(paragraph.id)).toStrictEqual(paragraph);
    expect(await engine.get(odd.id)).toStrictEqual(odd);
    expect(await engine.get('PROVISION:404')).toBeNull();
    expect(await engine.allIds()).toEqual(['PROVISION:1', odd.id].sort());
    await engine.delete([odd.id, 'PROVISION:404']);
    expect(server.requests.find((request) => request.path.endsWith('/delete-batch'))?.body).toEqual([
      documentKey(odd.id),
      documentKey('PROVISION:404'),
    ]);
    expect(await engine.allIds()).toEqual(['PROVISION:1']);
    expect(await engine.documentCount()).toBe(1);
  });

  it('clears an index that does not exist yet without error', async () => {
    await expect(engine.clear()).resolves.toBeUndefined();
    expect(await engine.allIds()).toEqual([]);
    expect(await engine.get('PROVISION:1')).toBeNull();
    expect(await engine.documentCount()).toBe(0);
  });

  it('reports refused requests and an unreachable server as SearchUnavailableError; health says why', async () => {
    await engine.configure(SETTINGS);
    server.refuseWith = { status: 403, code: 'invalid_api_key', message: 'The provided API key is invalid.' };
    await expect(engine.search({ query: 'x', offset: 0, limit: 10 })).rejects.toThrow(
      /Meilisearch search failed: invalid_api_key: The provided API key is invalid\./u,
    );
    expect((await engine.health()).ok).toBe(true);

    await server.stop();
    const health = await engine.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/does not answer/u);
    await expect(engine.upsert([doc('1')])).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.search({ query: 'x', offset: 0, limit: 10 })).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it('checks page bounds before any request, and refuses work once closed', async () => {
    await expect(engine.search({ query: 'x', offset: -1, limit: 10 })).rejects.toThrow(RangeError);
    await expect(engine.search({ query: 'x', offset: 0, limit: 101 })).rejects.toThrow(RangeError);
    expect(server.requests).toEqual([]);
    await engine.close();
    await expect(engine.search({ query: 'x', offset: 0, limit: 10 })).rejects.toBeInstanceOf(SearchUnavailableError);
    expect((await engine.health()).ok).toBe(false);
  });
});
