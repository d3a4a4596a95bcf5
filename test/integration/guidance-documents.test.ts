// `guidanceDocuments` over seed/data/guidance_documents.json (10 documents) with the issuer,
// audience, topics and related exemptions of seed/editorial/guidance.json: filters, ordering
// and relations.
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import {
  describeWithDatabase,
  startTestService,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';

const GuidanceListing = graphql(`
  query GuidanceListing($filter: GuidanceFilter, $first: Int, $after: String) {
    guidanceDocuments(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          summary
          body
          issuer
          audience
          topics
          publishedOn
          jurisdiction {
            code
          }
        }
      }
    }
  }
`);

type GuidanceFilterInput = NonNullable<VariablesOf<typeof GuidanceListing>['filter']>;
type ListedGuidance = ResultOf<typeof GuidanceListing>['guidanceDocuments']['edges'][number]['node'];

const BIS_FAQ = "BIS FAQ: What technologies are considered 'fundamental research'?";
const CALTECH_FAQ = 'Caltech Export Compliance FAQ - deemed exports and fundamental research (biological research)';

const byId = (rows: readonly ListedGuidance[]) => rows.map((row) => row.id).sort();

describeWithDatabase('guidance documents', () => {
  let service: TestService;
  let everything: ListedGuidance[];

  async function list(filter: GuidanceFilterInput): Promise<ListedGuidance[]> {
    const rows: ListedGuidance[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof GuidanceListing>> = await service.query(GuidanceListing, {
        filter,
        first: 3,
        after,
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const connection: ResultOf<typeof GuidanceListing>['guidanceDocuments'] | undefined =
        response.data?.guidanceDocuments;
      if (!connection) throw new Error('no guidanceDocuments connection');
      rows.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) {
        expect(connection.totalCount, JSON.stringify(filter)).toBe(rows.length);
        expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
        return rows;
      }
      after = connection.pageInfo.endCursor ?? null;
    }
    throw new Error('paging did not end');
  }

  beforeAll(async () => {
    service = await startTestService();
    everything = await list({});
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('lists the 10 guidance documents, newest first, undated ones last', () => {
    expect(everything).toHaveLength(10);
    const dated = everything.filter((row) => row.publishedOn !== null);
    expect(dated.map((row) => row.publishedOn)).toEqual([
      '2024-05-23',
      '2024-01-10',
      '2021-09-15',
      '2016-09-28',
      '2013-10-31',
    ]);
    expect(everything.slice(0, dated.length)).toEqual(dated);
    expect(everything[2]?.title.startsWith('Commission Recommendation (EU) 2021/1700 of 15 September 2021')).toBe(true);
    expect(everything[2]?.issuer).toBe('European Commission');
  });

  it('jurisdiction matches case-insensitively and partitions the listing', async () => {
    const expected = { US: 3, EU: 4, UK: 3 };
    for (const [code, count] of Object.entries(expected)) {
      for (const given of [code, code.toLowerCase()]) {
        const rows = await list({ jurisdiction: given });
        expect(rows, given).toHaveLength(count);
        expect(byId(rows), given).toEqual(byId(everything.filter((row) => row.jurisdiction.code === code)));
      }
    }
    expect(await list({ jurisdiction: 'WA' })).toEqual([]);
  });

  it('topic matches an exact tag (case-sensitive), and only documents carrying it', async () => {
    for (const topic of [
      'fundamental research',
      'public domain',
      'deemed exports',
      'basic scientific research',
      'research security',
    ]) {
      const rows = await list({ topic });
      expect(rows.length, topic).toBeGreaterThan(0);
      expect(byId(rows), topic).toEqual(byId(everything.filter((row) => row.topics.includes(topic))));
    }
    expect((await list({ topic: 'fundamental research' })).map((row) => row.title).sort()).toEqual([
      BIS_FAQ,
      CALTECH_FAQ,
    ]);
    // Another case is read as the stored tag (and the response says so, see filter-values.test.ts).
    expect(byId(await list({ topic: 'Fundamental Research' }))).toEqual(
      byId(await list({ topic: 'fundamental research' })),
    );
    // A tag, not a substring: a value that is no tag is refused, naming the tags it resembles.
    const partial = await service.query(GuidanceListing, { filter: { topic: 'fundamental' }, first: 1 });
    expect(partial.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.topic',
      closest: expect.arrayContaining(['fundamental research']),
    });
  });

  it('audience matches an exact tag, and only documents written for it', async () => {
    for (const audience of [
      'universities',
      'university researchers',
      'researchers',
      'Member State authorities',
      'exporters',
    ]) {
      const rows = await list({ audience });
      expect(rows.length, audience).toBeGreaterThan(0);
      expect(byId(rows), audience).toEqual(byId(everything.filter((row) => row.audience.includes(audience))));
    }
    expect((await list({ audience: 'universities' })).map((row) => row.title).sort()).toEqual([
      BIS_FAQ,
      'Export controls applying to academic research',
    ]);
    expect(byId(await list({ audience: 'Universities' }))).toEqual(byId(await list({ audience: 'universities' })));
  });

  it('text searches title, summary and body case-insensitively, nothing else', async () => {
    const contains = (row: ListedGuidance, text: string) =>
      `${row.title}\n${row.summary ?? ''}\n${row.body}`.toLowerCase().includes(text.toLowerCase());
    for (const text of ['deemed', 'DEEMED', 'fundamental research', 'public domain', 'Recommendation']) {
      const rows = await list({ text });
      expect(rows.length, text).toBeGreaterThan(0);
      expect(byId(rows), text).toEqual(byId(everything.filter((row) => contains(row, text))));
    }
    expect(await list({ text: 'no guidance says qzxv' })).toEqual([]);
  });

  it('filters combine: all conditions must hold', async () => {
    const rows = await list({ jurisdiction: 'us', topic: 'fundamental research', audience: 'universities' });
    expect(rows.map((row) => row.title)).toEqual([BIS_FAQ]);
    expect(await list({ jurisdiction: 'EU', topic: 'fundamental research' })).toEqual([]);
    const ukPublicDomain = await list({ jurisdiction: 'UK', topic: 'public domain', text: 'publication' });
    expect(byId(ukPublicDomain)).toEqual(
      byId(
        everything.filter(
          (row) =>
            row.jurisdiction.code === 'UK' &&
            row.topics.includes('public domain') &&
            `${row.title}\n${row.summary ?? ''}\n${row.body}`.toLowerCase().includes('publication'),
        ),
      ),
    );
  });

  it('related exemptions come by name; no guidance record names provisions, so those lists are empty', async () => {
    const Query = graphql(`
      query GuidanceRelations {
        guidanceDocuments(first: 20) {
          edges {
            node {
              title
              url
              dateNote
              citation {
                url
                sourceType
              }
              provisions {
                code
              }
              exemptions {
                name
                legalBasis
                jurisdiction {
                  code
                }
                guidance {
                  title
                }
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const documents = response.data?.guidanceDocuments.edges.map((edge) => edge.node) ?? [];
    expect(documents).toHaveLength(10);
    // editorial/guidance.json lists no provisions for any document.
    for (const document of documents) expect(document.provisions, document.title).toEqual([]);

    const exemptionsOf = (title: string) =>
      documents.find((document) => document.title === title)?.exemptions.map((exemption) => exemption.legalBasis);
    expect(exemptionsOf(BIS_FAQ)).toEqual(['15 CFR 734.7', '15 CFR 734.8']);
    expect(exemptionsOf(CALTECH_FAQ)).toEqual(['15 CFR 734.8']);
    const govUk = documents.find((document) => document.title === 'Export controls applying to academic research');
    expect(govUk?.exemptions.map((exemption) => exemption.name)).toEqual([
      'Basic scientific research (UK academic guidance)',
      'Public domain decontrol (UK)',
    ]);
    expect(govUk?.exemptions.every((exemption) => exemption.jurisdiction.code === 'UK')).toBe(true);
    // The link is seen from both sides.
    for (const document of documents) {
      for (const exemption of document.exemptions) {
        expect(
          exemption.guidance.map((other) => other.title),
          exemption.name,
        ).toContain(document.title);
      }
    }
    const linked = documents.filter((document) => document.exemptions.length > 0).length;
    expect(linked).toBe(6);
    for (const document of documents) expect(document.citation.url, document.title).not.toBeNull();
  });
});
