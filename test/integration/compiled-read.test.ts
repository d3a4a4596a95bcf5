// A list read in one compiled statement (src/db/compiled-read.ts) must return what Prisma's
// findMany returns, field by field, or a page would show different values depending on which
// path read it. Compared twice, on the database this suite runs on (PGlite and PostgreSQL):
// the rows themselves for a set of findMany arguments (nested lists with their filters and
// order, to-one relations, Decimal, dates, JSON, arrays, cursors both ways), and whole GraphQL
// responses with compiled reads on and off (nulls, order, cursors, totalCount, pageInfo).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileFindMany, readCompiled, type FindManyArgs } from '../../src/db/compiled-read.js';
import { PROVISION_ORDER, provisionWhere } from '../../src/services/listings/provision-listing.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const NESTED_SELECT = {
  id: true,
  code: true,
  title: true,
  validFrom: true,
  textDate: true,
  controlTable: true,
  reasonsForControl: true,
  itemType: true,
  thresholds: {
    select: {
      id: true,
      paragraph: true,
      textVerbatim: true,
      exponentNote: true,
      unit: true,
      value: true,
      valueMax: true,
    },
    where: { retiredAt: null },
    orderBy: [{ ordinal: 'asc' }, { id: 'asc' }],
  },
  exemptions: {
    select: {
      exemptionId: true,
      provisionId: true,
      basis: true,
      exemption: { select: { id: true, name: true, legalBasis: true, kind: true, validFrom: true } },
    },
    where: { exemption: { revoked: false } },
    orderBy: [{ exemption: { name: 'asc' } }, { exemptionId: 'asc' }],
  },
  citation: { select: { id: true, url: true, repository: true, path: true, commit: true, section: true } },
  parent: { select: { id: true, code: true } },
  children: { select: { id: true, code: true }, orderBy: [{ ordinal: 'asc' }, { id: 'asc' }], take: 3 },
} as const;

const usCategory6 = provisionWhere({ regime: 'US_EAR', category: '6' }, null);

describeWithDatabase('compiled reads', () => {
  let service: TestService;
  beforeAll(async () => {
    // Executed every time: the response cache would answer repeated reads without running them.
    service = await startTestService({ RESPONSE_CACHE_ENABLED: 'false' });
  });
  afterAll(async () => {
    await service.stop();
  });

  const viaPrisma = (args: FindManyArgs) =>
    service.db.prisma.controlProvision.findMany(
      args as Parameters<typeof service.db.prisma.controlProvision.findMany>[0],
    );

  async function compare(args: FindManyArgs): Promise<Array<Record<string, unknown>>> {
    const want = await viaPrisma(args);
    const got = await readCompiled(service.db.readRows, 'ControlProvision', args);
    expect(got).toStrictEqual(want);
    return want as Array<Record<string, unknown>>;
  }

  it('reads a nested page exactly as Prisma does: lists with their filters and order, to-one relations, Decimal, dates, JSON', async () => {
    const rows = await compare({ select: NESTED_SELECT, where: usCategory6, orderBy: PROVISION_ORDER, take: 60 });
    expect(rows.length).toBeGreaterThan(10);
    // The comparison covered values, not only empty lists and nulls.
    const thresholds = rows.flatMap((row) => row.thresholds as Array<Record<string, unknown>>);
    expect(thresholds.some((threshold) => threshold.value !== null)).toBe(true);
    expect(rows.some((row) => (row.exemptions as unknown[]).length > 1)).toBe(true);
    expect(rows.some((row) => row.parent !== null) || rows.some((row) => (row.children as unknown[]).length > 0)).toBe(
      true,
    );
  });

  it('reads a to-one relation it orders by from the joined row, nulls and filters included, as Prisma does', async () => {
    // The parent is ordered by, selected and filtered: one join serves all three. Entries have no
    // parent (a NULL join), paragraphs have one.
    const byParent = {
      select: { id: true, code: true, parent: { select: { id: true, code: true, category: true } } },
      orderBy: [{ parent: { code: 'asc' } }, { code: 'asc' }, { id: 'asc' }],
    };
    const mixed = await compare({ ...byParent, where: { regime: 'US_EAR', category: '6' } });
    expect(mixed.some((row) => row.parent === null)).toBe(true);
    expect(mixed.some((row) => row.parent !== null)).toBe(true);
    // Asserted filters on the joined parent (plain and `is`)...
    const asserted = await compare({
      ...byParent,
      where: { regime: 'US_EAR', parent: { code: { startsWith: '6A00' } } },
    });
    expect(asserted.length).toBeGreaterThan(0);
    expect(asserted.every((row) => (row.parent as { code: string }).code.startsWith('6A00'))).toBe(true);
    await compare({ ...byParent, where: { AND: [{ regime: 'EU' }, { parent: { is: { category: '6' } } }] } });
    // ...and filters under NOT: Prisma keeps rows without a parent, and drops rows whose parent
    // has NULL in the column compared (no US parent has a Wassenaar code), as SQL's NOT of NULL.
    const negated = await compare({ ...byParent, where: { regime: 'US_EAR', NOT: { parent: { category: '6' } } } });
    expect(negated.some((row) => row.parent === null)).toBe(true);
    const unknownColumn = { regime: 'US_EAR', category: '6', NOT: { parent: { wassenaarCode: '6A003' } } };
    const unknown = await compare({ ...byParent, where: unknownColumn });
    expect(unknown.some((row) => row.parent === null)).toBe(true);
    expect(unknown.some((row) => row.parent !== null)).toBe(false);
    // The same without the join (not ordered by the parent): the filter reads the related row alone.
    const byCode = { ...byParent, orderBy: [{ code: 'asc' }, { id: 'asc' }] };
    expect(await compare({ ...byCode, where: unknownColumn })).toHaveLength(unknown.length);
    await compare({
      ...byCode,
      where: { regime: 'US_EAR', category: '6', parent: { isNot: { wassenaarCode: '6A003' } } },
    });
    await compare({ ...byCode, where: { regime: 'US_EAR', NOT: { parent: { is: { category: '6' } } } } });
    await compare({ ...byParent, where: { OR: [{ parent: { category: '6' } }, { code: { startsWith: '6A00' } }] } });
    await compare({ ...byParent, where: { regime: 'US_EAR', parent: { isNot: { category: '6' } } } });
  });

  it('pages by cursor forward and backward as Prisma does, and finds nothing after an unknown cursor', async () => {
    const base = { select: { id: true, code: true }, where: usCategory6, orderBy: PROVISION_ORDER };
    const all = await compare(base);
    const middle = all[Math.floor(all.length / 2)];
    if (!middle) throw new Error('no provisions in the seed');
    await compare({ ...base, cursor: { id: middle.id as string }, skip: 1, take: 6 });
    await compare({ ...base, cursor: { id: middle.id as string }, skip: 1, take: -6 });
    await compare({ ...base, take: -4 });
    expect(await compare({ ...base, cursor: { id: 'no-such-id' }, skip: 1, take: 5 })).toStrictEqual([]);
  });

  it('translates the listing filters as Prisma does: dates, text patterns, relation filters, OR and NOT', async () => {
    const select = { id: true, code: true, status: true, validTo: true };
    await compare({ select, where: provisionWhere({ kind: 'ANY', text: 'laser' }, null), orderBy: PROVISION_ORDER });
    await compare({
      select,
      where: provisionWhere({ jurisdiction: 'eu' }, new Date('2024-06-01')),
      orderBy: PROVISION_ORDER,
    });
    await compare({
      select,
      where: provisionWhere({ codePrefix: '6A00', kind: 'PARAGRAPH' }, null),
      orderBy: PROVISION_ORDER,
    });
    await compare({
      select,
      where: { NOT: { regime: 'US_EAR' }, category: { in: ['3', '6'] }, thresholds: { some: { unit: 'Hz' } } },
      orderBy: [{ code: 'desc' }, { id: 'asc' }],
      take: 20,
    });
    // Include mode: every scalar column, with the relations listed.
    await compare({ include: { citation: true }, where: usCategory6, orderBy: PROVISION_ORDER, take: 5 });
  });

  it('leaves to Prisma what it does not translate', () => {
    const refused = (args: FindManyArgs) =>
      expect(() => compileFindMany('ControlProvision', args)).toThrow(/not compilable/);
    refused({ select: { id: true, _count: { select: { children: true } } } });
    refused({ select: { id: true }, distinct: ['code'] });
    refused({ select: { id: true }, where: { reasonsForControl: { has: 'NS' } } });
    refused({ select: { id: true }, where: { validFrom: { lte: new Date('2024-06-01T12:00:00Z') } } });
  });

  const NESTED_QUERY = `query Nested($first: Int, $last: Int, $after: String, $before: String, $filter: ProvisionFilter) {
    provisions(first: $first, last: $last, after: $after, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node {
        id code title validFrom itemType reasonsForControl controlTable
        thresholds { paragraph textVerbatim exponentNote unit value valueMax encoded }
        exemptions { basis exemption { name legalBasis kind } }
        citation { url repository path commit section }
        parent { code }
      } }
    }
  }`;

  const EXEMPTIONS_QUERY = `query Exemptions($first: Int, $after: String) {
    exemptions(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node {
        id name kind legalBasis regime validFrom validTo revoked appliesTo destinations extra itemTypes
        jurisdiction { code name }
        citation { url section }
        conditions { role ordinal textVerbatim secondary }
      } }
    }
  }`;

  const GUIDANCE_QUERY = `query Guidance($first: Int, $after: String) {
    guidanceDocuments(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id title summary issuer publishedOn dateNote audience topics url extra jurisdiction { code } citation { url } } }
    }
  }`;

  interface Page {
    edges: Array<{ cursor: string }>;
    pageInfo: Record<string, unknown>;
  }

  /**
   * The response with compiled reads, checked equal to the one without. `compiled`: whether the
   * page is expected to come from a compiled statement (one statement, as Prisma's own).
   */
  async function both(query: string, variables: Record<string, unknown>, compiled = true): Promise<Page> {
    const db = service.db;
    const readRows = db.readRows;
    let compiledReads = 0;
    db.readRows = ((sql: string, params: readonly unknown[]) => {
      if (sql.startsWith('SELECT json_build_object(')) compiledReads += 1;
      return readRows(sql, params);
    }) as typeof readRows;
    const run = async () => {
      const [beforeStatements, beforeReads] = [db.requestStatementCount(), compiledReads];
      const response = await service.post(JSON.stringify({ query, variables }));
      const body = (await response.json()) as { data?: Record<string, Page>; errors?: unknown };
      return { body, statements: db.requestStatementCount() - beforeStatements, reads: compiledReads - beforeReads };
    };
    try {
      const viaCompiled = await run();
      service.services.compiledReads.enabled = false;
      const viaPrisma = await run();
      expect(viaCompiled.body.errors, JSON.stringify(viaCompiled.body.errors)).toBeUndefined();
      expect(viaCompiled.body).toStrictEqual(viaPrisma.body);
      expect(viaCompiled.reads).toBe(compiled ? 1 : 0);
      expect(viaPrisma.reads).toBe(0);
      // Never more statements than Prisma (which needs one per relation where it cannot join them).
      expect(viaCompiled.statements).toBeLessThanOrEqual(viaPrisma.statements);
      const [page] = Object.values(viaCompiled.body.data ?? {});
      if (!page) throw new Error('no page');
      return page;
    } finally {
      service.services.compiledReads.enabled = true;
      db.readRows = readRows;
    }
  }

  it('answers GraphQL pages as the Prisma path does: nulls, order, cursors, totalCount and pageInfo', async () => {
    const filter = { regime: 'US_EAR', category: '6' };
    const first = await both(NESTED_QUERY, { first: 10, filter });
    const cursor = first.edges[4]?.cursor;
    expect(cursor).toBeTypeOf('string');
    await both(NESTED_QUERY, { first: 10, after: cursor, filter });
    await both(NESTED_QUERY, { last: 3, before: cursor, filter });
    await both(NESTED_QUERY, { last: 5, filter });
    await both(NESTED_QUERY, { first: 50, filter: { kind: 'ANY', text: 'infrared' } });
    await both(NESTED_QUERY, { first: 5, filter: { regime: 'US_EAR', text: 'no provision holds this text' } });
  });

  it('answers the exemption and guidance listings as the Prisma path does', async () => {
    const exemptions = await both(EXEMPTIONS_QUERY, { first: 20 });
    await both(EXEMPTIONS_QUERY, { first: 20, after: exemptions.pageInfo.endCursor });
    // Guidance pages by a nullable date: the first page is compiled, a page after a cursor is not.
    const guidance = await both(GUIDANCE_QUERY, { first: 3 });
    await both(GUIDANCE_QUERY, { first: 3, after: guidance.pageInfo.endCursor }, false);
  });
});
