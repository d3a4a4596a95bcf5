// A connection page whose nodes PostgreSQL writes as JSON text (src/graphql/rendered-pages.ts)
// must answer exactly what graphql-js completes from the same rows: the same values, the same
// keys in the same order (aliases, fragments, @include/@skip), nulls, global ids, dates, floats,
// enums, lists, relations filtered and ordered by their arguments, cursors and pageInfo both
// ways. Each query is sent three times on the database this suite runs on (PGlite and
// PostgreSQL): rendered, through the compiled read completed by graphql-js, and through Prisma.
// The answers are compared as parsed JSON re-written (so key order counts, and a float written
// 1e-7 by PostgreSQL equals 1e-7 written by JavaScript) and as values.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readProjectedPage, type Projection } from '../../src/db/compiled-projection.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const PROVISIONS = `query Provisions($first: Int, $last: Int, $after: String, $before: String, $filter: ProvisionFilter,
    $withTitle: Boolean = true, $revoked: Boolean = false) {
  provisions(first: $first, last: $last, after: $after, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { __typename cursor node {
      __typename id code
      heading: title @include(if: $withTitle)
      text @skip(if: $withTitle)
      kind status regime category validFrom validTo textDate itemType reasonsForControl regimeMarkers printedCode
      ...Thresholds
      exemptions(includeRevoked: $revoked) { basis note exemption { id name legalBasis kind regime itemTypes } }
      citation { id url repository path commit section }
      parent { code title supersedes { code } }
      supersededBy { code }
      ... on ControlProvision { entryCode wassenaarCode }
    } }
  }
}
fragment Thresholds on ControlProvision {
  thresholds { paragraph textVerbatim exponentNote unit value valueMax comparator parameter minInclusive values retiredAt }
}`;

// The bench's query: a page of provisions with their thresholds, exemptions and citation.
const NESTED_READ = `query NestedRead($first: Int!, $filter: ProvisionFilter = { regime: US_EAR, category: "6" }) {
  provisions(first: $first, filter: $filter) {
    edges { node {
      code title
      thresholds { paragraph textVerbatim exponentNote unit value }
      exemptions { basis exemption { name legalBasis kind } }
      citation { url repository path commit section }
    } }
  }
}`;

const EXEMPTIONS = `query Exemptions($first: Int, $after: String) {
  exemptions(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id name kind legalBasis regime validFrom validTo revoked appliesTo doesNotApplyTo itemTypes typeLabel
      jurisdiction { code name }
      citation { url section }
      conditions { role ordinal textVerbatim secondary }
    } }
  }
}`;

const GUIDANCE = `query Guidance($first: Int) {
  guidanceDocuments(first: $first) {
    edges { cursor node { id title summary issuer publishedOn dateNote audience topics url jurisdiction { code } citation { url } } }
  }
}`;

describeWithDatabase('connection pages the database renders', () => {
  let service: TestService;
  beforeAll(async () => {
    // Executed every time: the response cache would answer repeated reads without running them.
    service = await startTestService({ RESPONSE_CACHE_ENABLED: 'false' });
  });
  afterAll(async () => {
    await service.stop();
  });

  const isRendered = (sql: string) => /^SELECT t1\."id" AS "k0", json_build_object\(/.test(sql);

  async function answer(query: string, variables: Record<string, unknown>) {
    const db = service.db;
    const readRows = db.readRows;
    let rendered = 0;
    db.readRows = ((sql: string, params: readonly unknown[]) => {
      if (isRendered(sql)) rendered += 1;
      return readRows(sql, params);
    }) as typeof readRows;
    try {
      const response = await service.post(JSON.stringify({ query, variables }));
      expect(response.status).toBe(200);
      const text = await response.text();
      return { text, body: JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown }, rendered };
    } finally {
      db.readRows = readRows;
    }
  }

  /** The answer rendered, compiled and through Prisma: all equal; returns the rendered page. */
  async function same(query: string, variables: Record<string, unknown>, rendered = true) {
    const { compiledReads } = service.services;
    try {
      const viaRendered = await answer(query, variables);
      compiledReads.rendered = false;
      const viaCompiled = await answer(query, variables);
      compiledReads.enabled = false;
      const viaPrisma = await answer(query, variables);
      expect(viaRendered.body.errors, JSON.stringify(viaRendered.body.errors)).toBeUndefined();
      expect(viaRendered.rendered).toBe(rendered ? 1 : 0);
      expect(viaCompiled.rendered).toBe(0);
      // Key order included: each answer parsed and written again by the same JSON.stringify.
      expect(JSON.stringify(viaRendered.body)).toBe(JSON.stringify(viaCompiled.body));
      expect(JSON.stringify(viaRendered.body)).toBe(JSON.stringify(viaPrisma.body));
      expect(viaRendered.body).toStrictEqual(viaPrisma.body);
      const [page] = Object.values(viaRendered.body.data ?? {}) as Array<{
        edges: Array<{ cursor: string; node: Record<string, unknown> }>;
        pageInfo: { endCursor: string | null };
      }>;
      if (!page) throw new Error('no page');
      return page;
    } finally {
      compiledReads.enabled = true;
      compiledReads.rendered = true;
    }
  }

  it('renders a page of provisions as graphql-js completes it: aliases, fragments, directives, relations and their arguments', async () => {
    const filter = { regime: 'US_EAR', category: '6' };
    const page = await same(PROVISIONS, { first: 25, filter });
    expect(page.edges).toHaveLength(25);
    // The page holds what the test is about: thresholds with values, exemptions, parents.
    const nodes = page.edges.map((edge) => edge.node);
    expect(nodes.some((node) => (node.thresholds as unknown[]).length > 0)).toBe(true);
    expect(nodes.some((node) => (node.exemptions as unknown[]).length > 0)).toBe(true);
    const cursor = page.edges[7]?.cursor;
    await same(PROVISIONS, { first: 10, after: cursor, filter, withTitle: false, revoked: true });
    await same(PROVISIONS, { last: 4, before: cursor, filter });
    await same(PROVISIONS, { first: 30, filter: { kind: 'PARAGRAPH', regime: 'US_EAR', category: '6' } });
    await same(PROVISIONS, { first: 20, filter: { regime: 'EU', text: 'infrared' } });
    await same(PROVISIONS, { first: 20, filter: { regime: 'WASSENAAR' } });
    await same(PROVISIONS, { first: 20, filter: { regime: 'UK', kind: 'ANY' } });
  });

  it('renders the bench page and empty pages', async () => {
    const page = await same(NESTED_READ, { first: 50 });
    expect(page.edges).toHaveLength(50);
    await same(NESTED_READ, { first: 5, filter: { regime: 'US_EAR', text: 'no provision holds this text' } });
  });

  it('renders the exemption and guidance listings', async () => {
    const exemptions = await same(EXEMPTIONS, { first: 20 });
    await same(EXEMPTIONS, { first: 20, after: exemptions.pageInfo.endCursor });
    await same(GUIDANCE, { first: 10 });
  });

  it('leaves to graphql-js a page with a field computed in code, a relation or edges asked twice', async () => {
    const computed = `query { provisions(first: 5) { edges { node { code paragraphs { code } } } } }`;
    await same(computed, {}, false);
    const encoded = `query { provisions(first: 5) { edges { node { code thresholds { encoded } } } } }`;
    await same(encoded, {}, false);
    const aliased = `query { provisions(first: 5) { edges { node { code thresholds { id } encoded: thresholds(encoded: true) { id value } } } } }`;
    await same(aliased, {}, false);
    const twoNodes = `query { provisions(first: 5) { edges { a: node { code } b: node { title } } } }`;
    await same(twoNodes, {}, false);
    const twice = `query { provisions(first: 5) { edges { node { code } } more: edges { cursor } } }`;
    await same(twice, {}, false);
  });

  it('answers another way when a float has no JSON number (NaN): the statement refuses it', async () => {
    const projection: Projection = {
      model: 'Threshold',
      entries: [['value', { kind: 'column', column: 'value', format: 'float' }]],
    };
    class RolledBack extends Error {}
    const outcome = await service.db.sql
      .transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `SELECT id FROM "Threshold" WHERE value IS NOT NULL ORDER BY id LIMIT 1`,
        );
        if (!row) throw new Error('no threshold with a value');
        const read = <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]) =>
          tx.query<Row>(sql, [...params]);
        const finite = await readProjectedPage(read, { where: { id: row.id } }, projection, ['id']);
        expect(finite).toHaveLength(1);
        await tx.exec(`UPDATE "Threshold" SET value = 'NaN' WHERE id = '${row.id}'`);
        const nonFinite = await readProjectedPage(read, { where: { id: row.id } }, projection, ['id']);
        throw new RolledBack(JSON.stringify(nonFinite ?? 'undefined'));
      })
      .catch((error: unknown) => (error instanceof RolledBack ? error.message : error));
    // Left unanswered (the caller completes the page through graphql-js, which reports the NaN).
    expect(outcome).toBe('"undefined"');
  });

  it('keeps rendered answers in the response cache as they were sent', async () => {
    const cached = await startTestService({});
    try {
      const body = JSON.stringify({ query: NESTED_READ, variables: { first: 10 } });
      const first = await (await cached.post(body)).text();
      const hitsBefore = cached.responseCache.stats().hits;
      const second = await (await cached.post(body)).text();
      expect(cached.responseCache.stats().hits).toBe(hitsBefore + 1);
      expect(second).toBe(first);
      const parsed = JSON.parse(first) as { data: { provisions: { edges: unknown[] } } };
      expect(parsed.data.provisions.edges).toHaveLength(10);
    } finally {
      await cached.stop();
    }
  });
});
