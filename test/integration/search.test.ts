// `search` over HTTP: lay words find the list entries, the node union resolves
// every searchable type, highlights and facets, exact totals, filters, stable paging, one clear
// validation error per bad argument, and SEARCH_UNAVAILABLE when the engine is down while the
// rest of the API keeps answering.
import { readFile } from 'node:fs/promises';
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { print } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { startService, type RunningService } from '../../src/server/service.js';
import { graphql } from '../generated/gql.js';
import { FailingSearchEngine } from '../support/failing-search-engine.js';
import {
  describeWithDatabase,
  startTestService,
  testDatabase,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';
import { onlyError } from './support-narrow.js';

const SearchParagraphs = graphql(`
  query SearchParagraphs($query: String!, $filter: SearchFilter, $first: Int, $groupParagraphs: Boolean) {
    search(query: $query, filter: $filter, first: $first, groupParagraphs: $groupParagraphs) {
      totalCount
      didYouMean
      relaxedQuery
      interpretedQuery {
        searchedText
        unmatchedWords
        removed {
          text
          reason
        }
        destination {
          code
          name
        }
      }
      edges {
        highlights {
          snippet
        }
        node {
          __typename
          ... on ControlProvision {
            code
          }
        }
        paragraphs {
          node {
            code
          }
          highlights {
            snippet
          }
        }
      }
    }
  }
`);

const Search = graphql(`
  query Search($query: String!, $types: [SearchableType!], $filter: SearchFilter, $first: Int, $after: String) {
    search(query: $query, types: $types, filter: $filter, first: $first, after: $after) {
      totalCount
      processingTimeMs
      facets {
        field
        value
        count
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        score
        highlights {
          field
          snippet
        }
        node {
          __typename
          ... on ControlProvision {
            id
            code
            regime
            category
            jurisdiction {
              code
            }
            textDate
          }
          ... on Exemption {
            id
            name
            legalBasis
          }
          ... on GuidanceDocument {
            id
            title
            publishedOn
          }
          ... on StakeholderConsultation {
            id
            title
          }
          ... on ImpactAssessment {
            id
            title
          }
          ... on ListText {
            id
            label
          }
        }
      }
    }
  }
`);

const SearchAndProvisions = graphql(`
  query SearchAndProvisions($query: String!) {
    search(query: $query, first: 1) {
      totalCount
    }
    provisions(first: 1) {
      totalCount
    }
  }
`);

const SearchOnly = graphql(`
  query SearchOnly($query: String!) {
    search(query: $query, first: 1) {
      totalCount
    }
  }
`);

const ProvisionsCount = graphql(`
  query ProvisionsCount {
    provisions(first: 1) {
      totalCount
    }
  }
`);

// Nested relations under the union: the page's records are read with the select the request
// plans, so relations must arrive in the same statements whatever the page size.
const SearchWithRelations = graphql(`
  query SearchWithRelations($query: String!, $types: [SearchableType!], $first: Int) {
    search(query: $query, types: $types, first: $first) {
      edges {
        node {
          __typename
          ... on ControlProvision {
            id
            code
            text
            citation {
              url
              title
            }
            parent {
              code
            }
          }
          ... on Exemption {
            id
            name
            citation {
              url
            }
          }
          ... on GuidanceDocument {
            id
            title
            citation {
              url
            }
          }
          ... on StakeholderConsultation {
            id
            title
          }
          ... on ImpactAssessment {
            id
            title
          }
          ... on ListText {
            id
            label
          }
        }
      }
    }
  }
`);

// Plain fields only, on every member: the page is read in one statement whatever mix of types
// it holds (src/db/scalar-rows.ts).
const SearchScalarFields = graphql(`
  query SearchScalarFields($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      edges {
        node {
          __typename
          ... on ControlProvision {
            id
            code
            title
            textDate
            reasonsForControl
          }
          ... on Exemption {
            id
            name
            itemTypes
            validFrom
          }
          ... on GuidanceDocument {
            id
            title
            publishedOn
            audience
          }
          ... on StakeholderConsultation {
            id
            title
            deadline
          }
          ... on ImpactAssessment {
            id
            title
            publishedOn
          }
          ... on ListText {
            id
            label
          }
        }
      }
    }
  }
`);

type SearchData = ResultOf<typeof Search>;
type SearchVariables = VariablesOf<typeof Search>;
type SearchResult = NonNullable<SearchData['search']>;
type Node = SearchResult['edges'][number]['node'];

const TYPENAME_OF = {
  PROVISION: 'ControlProvision',
  EXEMPTION: 'Exemption',
  GUIDANCE_DOCUMENT: 'GuidanceDocument',
  CONSULTATION: 'StakeholderConsultation',
  IMPACT_ASSESSMENT: 'ImpactAssessment',
  LIST_TEXT: 'ListText',
} as const;

/** A field every union member answers, to prove the member's own fields resolved. */
function labelOf(node: Node): string {
  switch (node.__typename) {
    case 'ControlProvision':
      return node.code;
    case 'Exemption':
      return node.name;
    case 'GuidanceDocument':
    case 'StakeholderConsultation':
    case 'ImpactAssessment':
      return node.title;
    case 'ListText':
      return node.label;
  }
}

describeWithDatabase('search', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function search(variables: SearchVariables): Promise<SearchResult> {
    const response = await service.query(Search, variables);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const result = response.data?.search;
    if (!result) throw new Error(`no search result: ${JSON.stringify(response).slice(0, 500)}`);
    return result;
  }

  /** The one BAD_USER_INPUT error of a search, naming `field`. */
  async function expectInvalid(variables: SearchVariables, field: string): Promise<void> {
    const response = await service.query(Search, variables);
    expect(response.status).toBeLessThan(500);
    const error = onlyError(response);
    expect(error.extensions?.code, error.message).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field, error.message).toBe(field);
    expect(error.message).toContain(field.split('.').at(-1) ?? field);
    expect(response.data?.search ?? null).toBeNull();
  }

  it('reads full-width characters as what they stand for ("６Ａ００３" is 6A003)', async () => {
    const result = await search({ query: '６Ａ００３', types: ['PROVISION'], first: 5 });
    expect(result.edges.map((edge) => labelOf(edge.node))[0]).toMatch(/6A003/);
  });

  it('finds the 6A003 family for the lay words "thermal camera"', async () => {
    const result = await search({ query: 'thermal camera', types: ['PROVISION'], first: 10 });
    expect(result.totalCount).toBeGreaterThan(0);
    const codes = result.edges.map((edge) => labelOf(edge.node));
    expect(
      codes.slice(0, 5).some((code) => code.startsWith('6A003')),
      codes.join(', '),
    ).toBe(true);
    expect(result.processingTimeMs).toBeGreaterThanOrEqual(0);
    const scores = result.edges.map((edge) => edge.score);
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('resolves every member of the node union with its own fields', async () => {
    for (const [type, typename] of Object.entries(TYPENAME_OF) as Array<[keyof typeof TYPENAME_OF, string]>) {
      const result = await search({ query: 'export', types: [type], first: 5 });
      expect(result.edges.length, type).toBeGreaterThan(0);
      for (const { node } of result.edges) {
        expect(node.__typename, type).toBe(typename);
        expect(node.id).toMatch(/\S/);
        expect(labelOf(node), type).toMatch(/\S/);
      }
      const typeFacets = result.facets.filter((facet) => facet.field === 'type');
      expect(typeFacets, type).toEqual([{ field: 'type', value: type, count: result.totalCount }]);
    }
  });

  it('reads nested relations of the nodes in a fixed number of statements, whatever the page size', async () => {
    // One kind of record, so both pages need the same tables: only the number of rows differs.
    const run = async (first: number) => {
      const before = service.db.requestStatementCount();
      const response = await service.query(SearchWithRelations, { query: 'camera', types: ['PROVISION'], first });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return { statements: service.db.requestStatementCount() - before, edges: response.data?.search?.edges ?? [] };
    };
    const small = await run(3);
    const large = await run(30);
    expect(large.edges.length).toBeGreaterThan(small.edges.length);
    expect(large.statements).toBe(small.statements);
    expect(large.edges.every(({ node }) => node.__typename === 'ControlProvision')).toBe(true);
    for (const { node } of large.edges) {
      if (node.__typename === 'ControlProvision') {
        expect(node.text.length).toBeGreaterThan(0);
        expect(node.citation.url).toMatch(/^https?:/);
      }
    }
  });

  it('reads a page of several record types with plain fields in one statement, with the values the record queries give', async () => {
    const before = service.db.requestStatementCount();
    const response = await service.query(SearchScalarFields, { query: 'research', first: 50 });
    const statements = service.db.requestStatementCount() - before;
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const nodes = (response.data?.search?.edges ?? []).map((edge) => edge.node);
    expect(new Set(nodes.map((node) => node.__typename)).size).toBeGreaterThanOrEqual(3);
    expect(statements).toBe(1);
    // Same values as Prisma gives (dates as the API serialises them).
    for (const node of nodes) {
      if (node.__typename === 'ControlProvision') {
        const row = await service.db.prisma.controlProvision.findUniqueOrThrow({
          where: { id: decodeGlobalID(node.id).id },
          select: { code: true, title: true, textDate: true, reasonsForControl: true },
        });
        expect({ code: node.code, title: node.title, reasonsForControl: node.reasonsForControl }).toEqual({
          code: row.code,
          title: row.title,
          reasonsForControl: row.reasonsForControl,
        });
        expect(node.textDate).toBe(row.textDate ? row.textDate.toISOString().slice(0, 10) : null);
      }
      if (node.__typename === 'Exemption') {
        const row = await service.db.prisma.exemption.findUniqueOrThrow({
          where: { id: decodeGlobalID(node.id).id },
          select: { name: true, itemTypes: true },
        });
        expect({ name: node.name, itemTypes: node.itemTypes }).toEqual(row);
      }
    }
  });

  it('finds a provision by the words of its notes, in every list that prints them as note records', async () => {
    // eu_annex_i.json, Note to 6A003.b.2: "6A003.b.2. does not control scanning cameras and
    // scanning camera systems, specially designed for any of the following: a. Industrial or
    // civilian photocopiers; ..."; the paragraph's own text does not say "photocopiers".
    const response = await service.query(SearchParagraphs, {
      query: 'scanning cameras photocopiers',
      filter: { regime: ['EU'] },
      first: 5,
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const edges = response.data?.search?.edges ?? [];
    const entry = edges.find(({ node }) => node.__typename === 'ControlProvision' && node.code === '6A003');
    // One result per entry: the paragraph is shown under the EU entry 6A003, with its highlights.
    const paragraph = entry?.paragraphs.find(({ node }) => node?.code === '6A003.b.2');
    expect(paragraph, JSON.stringify(edges)).toBeDefined();
    expect(paragraph?.highlights.some((highlight) => highlight.snippet.includes('<mark>'))).toBe(true);
  });

  it('lists the paragraphs as results of their own with groupParagraphs: false, and says what it searched', async () => {
    const response = await service.query(SearchParagraphs, {
      query: 'do I need a licence to export scanning cameras photocopiers to Japan',
      filter: { regime: ['EU'] },
      first: 5,
      groupParagraphs: false,
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const search = response.data?.search;
    const codes = (search?.edges ?? []).map(({ node }) => (node.__typename === 'ControlProvision' ? node.code : null));
    expect(codes).toContain('6A003.b.2');
    expect(search?.edges.every((edge) => edge.paragraphs.length === 0)).toBe(true);
    expect(search?.interpretedQuery.searchedText).toBe('scanning cameras photocopiers');
    expect(search?.interpretedQuery.destination).toEqual({ code: 'JP', name: 'Japan' });
    expect(search?.interpretedQuery.removed.map((part) => part.reason)).toEqual(
      expect.arrayContaining(['QUESTION', 'DESTINATION']),
    );
  });

  it('suggests a spelling and marks the results of the relaxed query when nothing matches', async () => {
    const response = await service.query(SearchParagraphs, { query: 'spekrometr', first: 5 });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const search = response.data?.search;
    expect(search?.interpretedQuery.unmatchedWords).toEqual(['spekrometr']);
    expect(search?.didYouMean).toMatch(/^spectrometr/u);
    expect(search?.relaxedQuery).toBe(search?.didYouMean);
    expect(search?.totalCount).toBeGreaterThan(0);
  });

  it('with asOf, finds the provisions as in force that day: older US versions, nothing not yet in force', async () => {
    const SearchAsOf = graphql(`
      query SearchAsOf($query: String!, $filter: SearchFilter) {
        search(query: $query, types: [PROVISION], filter: $filter, first: 50) {
          totalCount
          edges {
            node {
              __typename
              ... on ControlProvision {
                code
                regime
                validFrom
                validTo
                listNotes {
                  text
                }
              }
            }
          }
        }
      }
    `);
    const provisions = async (query: string, filter: VariablesOf<typeof SearchAsOf>['filter']) => {
      const response = await service.query(SearchAsOf, { query, filter });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return (response.data?.search?.edges ?? []).flatMap(({ node }) =>
        node.__typename === 'ControlProvision' ? [node] : [],
      );
    };
    // us_ccl_history.json: Note 3 to 6A003.b.4 (held on 6A003.b.4.c) read "at least 10 mrad/pixel
    // (milliradians/pixel)" from 2017-01-15 to 2017-07-07, "at least 2 mrad" from 2020-09-11.
    const then = await provisions('mrad pixel milliradians', { regime: ['US_EAR'], asOf: '2017-02-01' });
    const held = then.find((node) => node.code === '6A003.b.4.c');
    expect(held).toMatchObject({ validFrom: '2017-01-15', validTo: '2017-08-15' });
    expect(held?.listNotes.some((note) => note.text.includes('10 mrad/pixel'))).toBe(true);
    for (const node of then) {
      expect(node.validFrom ?? '', node.code).not.toBe('');
      expect((node.validFrom ?? '') <= '2017-02-01', node.code).toBe(true);
      expect(node.validTo === null || node.validTo > '2017-02-01', node.code).toBe(true);
    }
    // Today: no older version, and Note 3 no longer says "mrad/pixel".
    const today = await provisions('mrad pixel milliradians', { regime: ['US_EAR'] });
    expect(today.every((node) => node.validTo === null)).toBe(true);
    expect(today.some((node) => node.listNotes.some((note) => note.text.includes('10 mrad/pixel')))).toBe(false);
    // Before the first snapshot no US text is known, and the EU text of 15.11.2025 is not in force in 2024.
    expect(await provisions('cameras', { regime: ['US_EAR'], asOf: '2016-12-31' })).toEqual([]);
    expect(await provisions('cameras', { regime: ['EU'], asOf: '2024-06-01' })).toEqual([]);
  });

  it('finds the definitions of EU Annex I by their term', async () => {
    const result = await search({ query: 'space-qualified definition', types: ['LIST_TEXT'], first: 3 });
    const first = result.edges[0]?.node;
    expect(first?.__typename).toBe('ListText');
    if (first?.__typename === 'ListText') expect(first.label).toBe('Space-qualified');
  });

  it('highlights matches with <mark>, on the result or on the paragraphs shown under it', async () => {
    const response = await service.query(SearchParagraphs, { query: 'infrared', first: 10 });
    const edges = response.data?.search?.edges ?? [];
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      // An entry whose own text is a heading stands for its paragraphs: the matches are theirs.
      const highlights = [...edge.highlights, ...edge.paragraphs.flatMap((paragraph) => paragraph.highlights)];
      expect(
        highlights.some((highlight) => /<mark>[^<]+<\/mark>/.test(highlight.snippet)),
        JSON.stringify(edge),
      ).toBe(true);
    }
  });

  it('counts exactly: totalCount equals the results paged through, and the type facets sum to it', async () => {
    const first = await search({ query: 'laser', first: 100 });
    expect(first.totalCount).toBeGreaterThan(0);
    const typeFacets = first.facets.filter((facet) => facet.field === 'type');
    expect(typeFacets.reduce((sum, facet) => sum + facet.count, 0)).toBe(first.totalCount);
    let seen = first.edges.length;
    let page = first;
    while (page.pageInfo.hasNextPage) {
      page = await search({ query: 'laser', first: 100, after: page.pageInfo.endCursor });
      seen += page.edges.length;
    }
    expect(seen).toBe(first.totalCount);
    // Each facet value's count is the totalCount of the search narrowed to it.
    for (const facet of typeFacets) {
      const narrowed = await search({ query: 'laser', types: [facet.value as keyof typeof TYPENAME_OF], first: 1 });
      expect(narrowed.totalCount, facet.value).toBe(facet.count);
    }
    for (const facet of first.facets.filter((f) => f.field === 'jurisdiction')) {
      const narrowed = await search({ query: 'laser', filter: { jurisdiction: [facet.value] }, first: 1 });
      expect(narrowed.totalCount, facet.value).toBe(facet.count);
    }
  });

  it('`types` narrows to the kinds asked for', async () => {
    const all = await search({ query: 'research', first: 1 });
    const some = await search({ query: 'research', types: ['EXEMPTION', 'GUIDANCE_DOCUMENT'], first: 100 });
    expect(some.totalCount).toBeGreaterThan(0);
    expect(some.totalCount).toBeLessThan(all.totalCount);
    for (const { node } of some.edges) expect(['Exemption', 'GuidanceDocument']).toContain(node.__typename);
  });

  it('`filter` narrows by regime, jurisdiction (any case), category and dates', async () => {
    const all = await search({ query: 'camera', first: 1 });
    expect(all.totalCount).toBeGreaterThan(0);

    const us = await search({ query: 'camera', filter: { regime: ['US_EAR'] }, types: ['PROVISION'], first: 100 });
    expect(us.totalCount).toBeGreaterThan(0);
    expect(us.totalCount).toBeLessThan(all.totalCount);
    for (const { node } of us.edges) {
      if (node.__typename !== 'ControlProvision') throw new Error(`expected a provision, got ${node.__typename}`);
      expect(node.regime).toBe('US_EAR');
    }

    // The least frequent jurisdiction of the unfiltered result, asked for in upper and in lower case.
    const jurisdiction = all.facets.filter((facet) => facet.field === 'jurisdiction').at(-1);
    if (!jurisdiction) throw new Error('no jurisdiction facet');
    const upper = await search({
      query: 'camera',
      filter: { jurisdiction: [jurisdiction.value.toUpperCase()] },
      first: 100,
    });
    const lower = await search({
      query: 'camera',
      filter: { jurisdiction: [` ${jurisdiction.value.toLowerCase()} `] },
      first: 100,
    });
    expect(upper.totalCount).toBe(jurisdiction.count);
    expect(upper.totalCount).toBeLessThan(all.totalCount);
    expect(lower.edges.map((edge) => edge.node.id)).toEqual(upper.edges.map((edge) => edge.node.id));
    expect(upper.facets.filter((facet) => facet.field === 'jurisdiction')).toEqual([
      { field: 'jurisdiction', value: jurisdiction.value, count: upper.totalCount },
    ]);

    const category6 = await search({ query: 'laser', filter: { category: ['6'] }, first: 100 });
    expect(category6.totalCount).toBeGreaterThan(0);
    for (const { node } of category6.edges) {
      if (node.__typename !== 'ControlProvision') throw new Error(`expected a provision, got ${node.__typename}`);
      expect(node.category).toBe('6');
    }
    const categoryFacet = (await search({ query: 'laser', first: 1 })).facets.find(
      (facet) => facet.field === 'category' && facet.value === '6',
    );
    expect(category6.totalCount).toBe(categoryFacet?.count);

    const dated = await search({
      query: 'export',
      types: ['GUIDANCE_DOCUMENT'],
      filter: { dateFrom: '1900-01-01', dateTo: '2999-12-31' },
      first: 100,
    });
    const dates = dated.edges
      .map(({ node }) => (node.__typename === 'GuidanceDocument' ? node.publishedOn : null))
      .filter((date): date is string => date !== null);
    expect(dates.length).toBeGreaterThan(1);
    const sorted = [...dates].sort();
    const pivot = sorted[Math.floor(sorted.length / 2)] ?? '';
    const from = await search({
      query: 'export',
      types: ['GUIDANCE_DOCUMENT'],
      filter: { dateFrom: pivot },
      first: 100,
    });
    const to = await search({ query: 'export', types: ['GUIDANCE_DOCUMENT'], filter: { dateTo: pivot }, first: 100 });
    const day = await search({
      query: 'export',
      types: ['GUIDANCE_DOCUMENT'],
      filter: { dateFrom: pivot, dateTo: pivot },
      first: 100,
    });
    expect(from.totalCount).toBe(dates.filter((date) => date >= pivot).length);
    expect(to.totalCount).toBe(dates.filter((date) => date <= pivot).length);
    expect(day.totalCount).toBe(dates.filter((date) => date === pivot).length);
    for (const { node } of from.edges)
      if (node.__typename === 'GuidanceDocument') expect(node.publishedOn ?? '').toMatch(/^\d{4}/);
    for (const { node } of from.edges)
      if (node.__typename === 'GuidanceDocument') expect((node.publishedOn ?? '') >= pivot).toBe(true);
    for (const { node } of to.edges)
      if (node.__typename === 'GuidanceDocument') expect((node.publishedOn ?? '9999') <= pivot).toBe(true);
  });

  it('pages with first/after without duplicates and ends with hasNextPage false', async () => {
    const ids: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    let total = -1;
    for (;;) {
      // 49 a page: "control" matches well over a thousand records since Annex I is stored by
      // paragraph, and an odd page size still ends pages mid-way through every kind of record.
      const page = await search({ query: 'control', first: 49, after });
      pages += 1;
      total = page.totalCount;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
      ids.push(...page.edges.map((edge) => `${edge.node.__typename}:${edge.node.id}`));
      if (page.edges.length > 0) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(200);
    }
    expect(pages).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
  });

  it('rejects bad arguments with BAD_USER_INPUT naming the field', async () => {
    await expectInvalid({ query: '' }, 'query');
    await expectInvalid({ query: ' \t\n ' }, 'query');
    await expectInvalid({ query: 'a'.repeat(501) }, 'query');
    // No letter or digit: nothing to search, not every record.
    for (const query of ['🔥', '-', '...', '\u200b', '\ud800', '?!']) await expectInvalid({ query }, 'query');
    await expectInvalid({ query: 'laser', first: 0 }, 'first');
    await expectInvalid({ query: 'laser', first: 101 }, 'first');
    await expectInvalid({ query: 'laser', filter: { jurisdiction: ['XX'] } }, 'filter.jurisdiction');
    await expectInvalid({ query: 'laser', filter: { category: ['x'] } }, 'filter.category');
    await expectInvalid(
      { query: 'laser', filter: { dateFrom: '2024-02-01', dateTo: '2024-01-31' } },
      'filter.dateFrom',
    );
    await expectInvalid({ query: 'laser', after: 'not-a-cursor' }, 'after');
    await expectInvalid({ query: 'laser', after: Buffer.from('search:-1').toString('base64') }, 'after');
    // 500 characters is still fine.
    expect((await search({ query: `laser ${'a'.repeat(494)}`, first: 1 })).totalCount).toBeGreaterThanOrEqual(0);
  });
});

/** Opens the database the global setup prepared, as startTestService does. */
async function openPreparedDatabase(): Promise<Database> {
  const common = { DB_POOL_SIZE: 4, DB_CONNECT_TIMEOUT_MS: 5000, DB_STATEMENT_TIMEOUT_MS: 60_000 };
  if (testDatabase.kind === 'pglite') {
    return openDatabase({
      ...common,
      DATA_DIR: 'unused',
      inMemory: true,
      loadDataDir: new Blob([await readFile(testDatabase.dumpPath)]),
    });
  }
  if (testDatabase.kind === 'postgresql')
    return openDatabase({ ...common, DATA_DIR: 'unused', DATABASE_URL: testDatabase.url });
  throw new Error(`no test database: ${testDatabase.reason}`);
}

describeWithDatabase('search while the engine is down', () => {
  const engine = new FailingSearchEngine();
  let service: RunningService | undefined;

  async function query<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<GraphQLResponse<TData>> {
    if (!service) throw new Error('service not started');
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<TData>, 'status'>) };
  }

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SEED_ON_START: 'false',
    });
    service = await startService(config, createLogger(config), {
      database: await openPreparedDatabase(),
      prepared: true,
      searchEngine: engine,
    });
    await service.ready;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('answers SEARCH_UNAVAILABLE for `search` while other queries keep answering, and recovers', async () => {
    const healthy = await query(SearchAndProvisions, { query: 'laser' });
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data?.search?.totalCount).toBeGreaterThan(0);

    engine.setFailing({ search: true });
    try {
      const response = await query(SearchOnly, { query: 'laser' });
      // Nothing answered and the only error is an unavailability: 503, as for a service that is down.
      expect(response.status).toBe(503);
      const error = onlyError(response);
      expect(error.extensions?.code, error.message).toBe('SEARCH_UNAVAILABLE');
      expect(error.path).toEqual(['search']);
      expect(engine.refused.search).toBeGreaterThan(0);
      const provisions = await query(ProvisionsCount, {});
      expect(provisions.errors).toBeUndefined();
      expect(provisions.data?.provisions.totalCount).toBeGreaterThan(0);
    } finally {
      engine.setFailing({ search: false });
    }
    const recovered = await query(SearchAndProvisions, { query: 'laser' });
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?.search?.totalCount).toBe(healthy.data?.search?.totalCount);
  });

  // `search` is nullable so that its SEARCH_UNAVAILABLE error does not null the whole `data`.
  it('keeps `provisions` in the same request as a failing `search`', async () => {
    engine.setFailing({ search: true });
    try {
      const response = await query(SearchAndProvisions, { query: 'laser' });
      expect(onlyError(response).extensions?.code).toBe('SEARCH_UNAVAILABLE');
      expect(response.data?.provisions.totalCount).toBeGreaterThan(0);
    } finally {
      engine.setFailing({ search: false });
    }
  });
});
