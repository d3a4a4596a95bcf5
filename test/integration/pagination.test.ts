// Cursor paging on every root connection: `first`/`after` forward through a whole filtered
// result and `last`/`before` backward give the same rows (the backward pages in reverse order),
// with no duplicates or gaps, exact pageInfo flags at both ends, and a totalCount that does not
// depend on the page.
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

interface PageArgs {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
  edges: ReadonlyArray<{ cursor: string; node: { id: string } }>;
}

type FetchPage = (args: PageArgs) => Promise<Page>;

const ProvisionPages = graphql(`
  query PagingProvisions($filter: ProvisionFilter, $first: Int, $after: String, $last: Int, $before: String) {
    provisions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          code
        }
      }
    }
  }
`);

const ExemptionPages = graphql(`
  query PagingExemptions($first: Int, $after: String, $last: Int, $before: String) {
    exemptions(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

const ConsultationPages = graphql(`
  query PagingConsultations($first: Int, $after: String, $last: Int, $before: String) {
    consultations(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

const AssessmentPages = graphql(`
  query PagingAssessments($first: Int, $after: String, $last: Int, $before: String) {
    impactAssessments(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

const GuidancePages = graphql(`
  query PagingGuidance($first: Int, $after: String, $last: Int, $before: String) {
    guidanceDocuments(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

type ProvisionFilterInput = NonNullable<VariablesOf<typeof ProvisionPages>['filter']>;

interface Walk {
  pages: Page[];
  ids: string[];
  cursors: string[];
}

/** Pages forward with `first` until hasNextPage is false, checking each page as it comes. */
async function walkForward(fetch: FetchPage, size: number): Promise<Walk> {
  const pages: Page[] = [];
  let after: string | null = null;
  for (let index = 0; index < 200; index += 1) {
    const page = await fetch(after === null ? { first: size } : { first: size, after });
    pages.push(page);
    expect(page.pageInfo.hasPreviousPage, `forward page ${index}: hasPreviousPage`).toBe(index > 0);
    expect(page.pageInfo.startCursor ?? null).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor ?? null).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!page.pageInfo.hasNextPage) break;
    expect(page.edges, `forward page ${index} is full`).toHaveLength(size);
    after = page.pageInfo.endCursor ?? null;
  }
  const edges = pages.flatMap((page) => page.edges);
  return { pages, ids: edges.map((edge) => edge.node.id), cursors: edges.map((edge) => edge.cursor) };
}

/** Pages backward with `last` until hasPreviousPage is false; rows are returned in listing order. */
async function walkBackward(fetch: FetchPage, size: number): Promise<Walk> {
  const pages: Page[] = [];
  let before: string | null = null;
  for (let index = 0; index < 200; index += 1) {
    const page = await fetch(before === null ? { last: size } : { last: size, before });
    pages.push(page);
    expect(page.pageInfo.hasNextPage, `backward page ${index}: hasNextPage`).toBe(index > 0);
    expect(page.pageInfo.startCursor ?? null).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor ?? null).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!page.pageInfo.hasPreviousPage) break;
    expect(page.edges, `backward page ${index} is full`).toHaveLength(size);
    before = page.pageInfo.startCursor ?? null;
  }
  // The backward pages came last-first: reversing the page order restores the listing order.
  const edges = [...pages].reverse().flatMap((page) => page.edges);
  return { pages, ids: edges.map((edge) => edge.node.id), cursors: edges.map((edge) => edge.cursor) };
}

/** Both walks over one result: same rows, no duplicates or gaps, totalCount exact on every page. */
async function expectConsistentPaging(fetch: FetchPage, size: number, expectedTotal: number): Promise<string[]> {
  const forward = await walkForward(fetch, size);
  const backward = await walkBackward(fetch, size);
  expect(forward.ids).toHaveLength(expectedTotal);
  expect(new Set(forward.ids).size).toBe(expectedTotal);
  expect(forward.pages).toHaveLength(Math.max(1, Math.ceil(expectedTotal / size)));
  expect(backward.pages).toHaveLength(Math.max(1, Math.ceil(expectedTotal / size)));
  for (const page of [...forward.pages, ...backward.pages]) expect(page.totalCount).toBe(expectedTotal);
  expect(backward.ids).toEqual(forward.ids);
  expect(backward.cursors).toEqual(forward.cursors);
  // Read in the order the backward pages arrived, row by row from the end, the rows are the forward rows reversed.
  const arrivalOrderReversed = backward.pages.flatMap((page) => [...page.edges].reverse()).map((edge) => edge.node.id);
  expect(arrivalOrderReversed).toEqual([...forward.ids].reverse());
  return forward.ids;
}

describeWithDatabase('pagination', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function data<T>(promise: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> {
    const response = await promise;
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return response.data;
  }

  const provisionPages =
    (filter: ProvisionFilterInput): FetchPage =>
    async (args) =>
      (await data(service.query(ProvisionPages, { filter, ...args }))).provisions;

  it('provisions: the 60 US Category 6 entries, 10 at a time, forward and backward', async () => {
    const ids = await expectConsistentPaging(provisionPages({ regime: 'US_EAR', category: '6' }), 10, 60);
    const listed = await data(
      service.query(ProvisionPages, { filter: { regime: 'US_EAR', category: '6' }, first: 100 }),
    );
    expect(listed.provisions.edges.map((edge) => edge.node.id)).toEqual(ids);
    expect(listed.provisions.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('provisions: all 639 US entries, 100 at a time (the largest page), forward and backward', async () => {
    // The 606 ECCNs of us_ccl_full.json and the 33 the eCFR history's last snapshot adds.
    await expectConsistentPaging(provisionPages({ regime: 'US_EAR' }), 100, 639);
  });

  it('provisions: a paragraph listing whose size is an exact multiple of the page size ends without an empty page', async () => {
    const filter: ProvisionFilterInput = { regime: 'US_EAR', codePrefix: '6A003', kind: 'ANY' };
    const all = await data(service.query(ProvisionPages, { filter, first: 100 }));
    const total = all.provisions.totalCount;
    expect(total).toBe(all.provisions.edges.length);
    expect(total).toBeGreaterThan(10);
    // Pick a page size dividing the total so the last full page must report hasNextPage=false.
    const size = [10, 9, 8, 7, 6, 5, 4, 3, 2].find((candidate) => total % candidate === 0) ?? 1;
    const ids = await expectConsistentPaging(provisionPages(filter), size, total);
    expect(ids).toEqual(all.provisions.edges.map((edge) => edge.node.id));
  });

  it('exemptions, consultations, impact assessments and guidance page both ways', async () => {
    const exemptions: FetchPage = async (args) => (await data(service.query(ExemptionPages, args))).exemptions;
    const consultations: FetchPage = async (args) => (await data(service.query(ConsultationPages, args))).consultations;
    const assessments: FetchPage = async (args) => (await data(service.query(AssessmentPages, args))).impactAssessments;
    const guidance: FetchPage = async (args) => (await data(service.query(GuidancePages, args))).guidanceDocuments;
    // The 32 exemption records in force today (of 33, with EU001-EU008 of Annex II).
    await expectConsistentPaging(exemptions, 7, 32);
    await expectConsistentPaging(exemptions, 1, 32);
    await expectConsistentPaging(consultations, 5, 12);
    await expectConsistentPaging(assessments, 4, 15);
    await expectConsistentPaging(guidance, 3, 10);
    await expectConsistentPaging(guidance, 10, 10);
  });

  it('a page larger than the result returns everything, with no neighbours either way', async () => {
    const filter: ProvisionFilterInput = { regime: 'EU', codePrefix: '6A00' };
    const codes = ['6A001', '6A002', '6A003', '6A004', '6A005', '6A006', '6A007', '6A008'];
    const forward = await data(service.query(ProvisionPages, { filter, first: 100 }));
    expect(forward.provisions.edges.map((edge) => edge.node.code)).toEqual(codes);
    expect(forward.provisions.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const backward = await data(service.query(ProvisionPages, { filter, last: 100 }));
    expect(backward.provisions.edges.map((edge) => edge.node.code)).toEqual(codes);
    expect(backward.provisions.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('an empty result has null cursors and no neighbours', async () => {
    // Hong Kong has only a superseded historical text: nothing current to list.
    for (const args of [{ first: 5 }, { last: 5 }]) {
      const empty = await data(service.query(ProvisionPages, { filter: { regime: 'HK' }, ...args }));
      expect(empty.provisions).toEqual({
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      });
    }
  });

  it('paging from a cursor in the middle: after gives the rows that follow it, before the rows that precede it', async () => {
    const filter: ProvisionFilterInput = { regime: 'US_EAR', category: '6' };
    const all = (await data(service.query(ProvisionPages, { filter, first: 100 }))).provisions.edges;
    const middle = all[20];
    if (!middle) throw new Error('too few rows');
    const after = await data(service.query(ProvisionPages, { filter, first: 5, after: middle.cursor }));
    expect(after.provisions.edges.map((edge) => edge.node.id)).toEqual(all.slice(21, 26).map((edge) => edge.node.id));
    expect(after.provisions.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const before = await data(service.query(ProvisionPages, { filter, last: 5, before: middle.cursor }));
    expect(before.provisions.edges.map((edge) => edge.node.id)).toEqual(all.slice(15, 20).map((edge) => edge.node.id));
    expect(before.provisions.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });

    // A cursor handed out by a backward page works forward, and the other way round.
    const fromBackward = before.provisions.pageInfo.endCursor;
    if (!fromBackward) throw new Error('no endCursor');
    const resumed = await data(service.query(ProvisionPages, { filter, first: 1, after: fromBackward }));
    expect(resumed.provisions.edges.map((edge) => edge.node.id)).toEqual([middle.node.id]);

    // After the last row there is nothing, and the page says so.
    const last = all.at(-1);
    if (!last) throw new Error('no rows');
    const beyond = await data(service.query(ProvisionPages, { filter, first: 5, after: last.cursor }));
    expect(beyond.provisions.edges).toEqual([]);
    expect(beyond.provisions.pageInfo.hasNextPage).toBe(false);
    const first = all[0];
    if (!first) throw new Error('no rows');
    const ahead = await data(service.query(ProvisionPages, { filter, last: 5, before: first.cursor }));
    expect(ahead.provisions.edges).toEqual([]);
    expect(ahead.provisions.pageInfo.hasPreviousPage).toBe(false);
  });

  it('totalCount is exact and the same whatever the page', async () => {
    const filter: ProvisionFilterInput = { regime: 'US_EAR', category: '6', kind: 'PARAGRAPH' };
    const reference = (await data(service.query(ProvisionPages, { filter, first: 1 }))).provisions;
    expect(reference.totalCount).toBeGreaterThan(100);
    const cursor = reference.pageInfo.endCursor;
    if (!cursor) throw new Error('no cursor');
    const variants: PageArgs[] = [
      { first: 100 },
      { first: 37, after: cursor },
      { last: 3 },
      { last: 100 },
      { last: 2, before: cursor },
      {},
    ];
    for (const args of variants) {
      const page = (await data(service.query(ProvisionPages, { filter, ...args }))).provisions;
      expect(page.totalCount, JSON.stringify(args)).toBe(reference.totalCount);
    }
    // And it is the number of rows paging yields.
    const { ids } = await walkForward(provisionPages(filter), 100);
    expect(ids).toHaveLength(reference.totalCount);
  });

  it('with neither first nor last, 20 rows are returned', async () => {
    const page = (await data(service.query(ProvisionPages, { filter: { regime: 'US_EAR', category: '6' } })))
      .provisions;
    expect(page.edges).toHaveLength(20);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page.totalCount).toBe(60);
  });

  it('a well-formed cursor naming no row yields an empty page, not an error', async () => {
    const cursor = Buffer.from('GPC:S:k000000000000000000000000').toString('base64');
    const response = await service.query(ProvisionPages, { filter: { regime: 'EU' }, first: 5, after: cursor });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.provisions.edges).toEqual([]);
    // The 384 entries of EU Annex I.
    expect(response.data?.provisions.totalCount).toBe(384);
  });
});
