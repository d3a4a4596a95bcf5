// `impactAssessments` over seed/data/impact_metrics.json (96 figures, grouped by source into 15
// assessments with seed/editorial/impact-sources.json): filters, ordering, and the metrics
// connection, including a UK ECJU quarterly figure with its unit and period.
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import {
  describeWithDatabase,
  startTestService,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';

const AssessmentListing = graphql(`
  query AssessmentListing($filter: ImpactAssessmentFilter, $first: Int, $after: String) {
    impactAssessments(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          method
          publisher
          publishedOn
          jurisdiction {
            code
          }
          metrics(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`);

type AssessmentFilterInput = NonNullable<VariablesOf<typeof AssessmentListing>['filter']>;
type ListedAssessment = ResultOf<typeof AssessmentListing>['impactAssessments']['edges'][number]['node'];

const ECJU_TITLE = 'UK ECJU strategic export licensing (military and dual-use)';
const Q2_2023_SOURCE =
  'https://www.gov.uk/government/statistics/strategic-export-controls-licensing-statistics-1-april-to-30-june-2023/strategic-export-controls-commentary-1-april-to-30-june-2023';

const byId = (rows: readonly ListedAssessment[]) => rows.map((row) => row.id).sort();

describeWithDatabase('impact assessments', () => {
  let service: TestService;
  let everything: ListedAssessment[];

  async function list(filter: AssessmentFilterInput): Promise<ListedAssessment[]> {
    const rows: ListedAssessment[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof AssessmentListing>> = await service.query(AssessmentListing, {
        filter,
        first: 4,
        after,
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const connection: ResultOf<typeof AssessmentListing>['impactAssessments'] | undefined =
        response.data?.impactAssessments;
      if (!connection) throw new Error('no impactAssessments connection');
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

  it('lists 15 assessments holding all 96 reported figures, newest first, undated last', () => {
    expect(everything).toHaveLength(15);
    expect(everything.reduce((sum, row) => sum + row.metrics.totalCount, 0)).toBe(96);
    const dated = everything.filter((row) => row.publishedOn !== null);
    // The three ECJU releases state their publication dates; no other source does.
    expect(dated.map((row) => [row.publishedOn, row.title])).toEqual([
      ['2024-12-12', ECJU_TITLE],
      ['2024-06-13', ECJU_TITLE],
      ['2024-01-16', ECJU_TITLE],
    ]);
    expect(everything.slice(0, 3)).toEqual(dated);
    expect(everything.slice(0, 3).map((row) => row.metrics.totalCount)).toEqual([15, 14, 13]);
  });

  it('jurisdiction matches case-insensitively and partitions the listing', async () => {
    const expected = { US: 7, EU: 4, UK: 4 };
    for (const [code, count] of Object.entries(expected)) {
      for (const given of [code, code.toLowerCase()]) {
        const rows = await list({ jurisdiction: given });
        expect(rows, given).toHaveLength(count);
        expect(byId(rows), given).toEqual(byId(everything.filter((row) => row.jurisdiction.code === code)));
      }
    }
    expect(await list({ jurisdiction: 'HK' })).toEqual([]);
  });

  it('text searches title, method and publisher case-insensitively, nothing else', async () => {
    const contains = (row: ListedAssessment, text: string) =>
      `${row.title}\n${row.method}\n${row.publisher}`.toLowerCase().includes(text.toLowerCase());
    for (const text of ['ecju', 'SITAC', 'Secondary', 'gao-01-528', 'Official']) {
      const rows = await list({ text });
      expect(rows.length, text).toBeGreaterThan(0);
      expect(byId(rows), text).toEqual(byId(everything.filter((row) => contains(row, text))));
    }
    expect((await list({ text: 'ecju' })).map((row) => row.publishedOn)).toEqual([
      '2024-12-12',
      '2024-06-13',
      '2024-01-16',
    ]);
    // "Licensing statistics reported in official advisory committee minutes" (impact-sources.json).
    expect(
      (await list({ text: 'advisory committee minutes' })).every((row) =>
        row.publisher.startsWith('BIS / SITAC minutes'),
      ),
    ).toBe(true);
    expect(await list({ text: 'no assessment says qzxv' })).toEqual([]);
    const combined = await list({ text: 'secondary', jurisdiction: 'eu' });
    expect(byId(combined)).toEqual(
      byId(everything.filter((row) => row.jurisdiction.code === 'EU' && contains(row, 'secondary'))),
    );
    expect(combined).toHaveLength(2);
  });

  it('a UK ECJU quarterly figure: 186 SIELs refused in 2023 Q2, a count over a calendar quarter, quoted verbatim', async () => {
    const Query = graphql(`
      query AssessmentEcjuQuarter {
        impactAssessments(first: 5, filter: { text: "ECJU" }) {
          edges {
            node {
              publishedOn
              method
              publisher
              consultation {
                title
              }
              provisions {
                code
              }
              citation {
                url
                licence
              }
              metrics(first: 100) {
                totalCount
                edges {
                  node {
                    id
                    indicator
                    dimension
                    value
                    valueText
                    unit
                    period
                    periodType
                    periodStart
                    periodEnd
                    sector
                    region
                    notes
                    quote
                    jurisdiction {
                      code
                    }
                    provision {
                      code
                    }
                    citation {
                      url
                    }
                    assessment {
                      publishedOn
                    }
                  }
                }
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const release = response.data?.impactAssessments.edges.find((edge) => edge.node.publishedOn === '2024-01-16')?.node;
    if (!release) throw new Error('ECJU release of 16 January 2024 not found');
    expect(release).toMatchObject({
      method: 'Published licensing statistics',
      consultation: null,
      provisions: [],
      citation: { licence: 'Crown copyright, Open Government Licence v3.0' },
    });
    expect(release.publisher).toContain('ECJU Official Statistics (published 16 January 2024)');
    expect(release.metrics.totalCount).toBe(13);
    expect(release.metrics.edges).toHaveLength(13);

    const refused = release.metrics.edges
      .map((edge) => edge.node)
      .find((metric) => metric.indicator === 'SIELs refused' && metric.period === '2023 Q2');
    expect(refused).toMatchObject({
      dimension: 'DENIALS',
      value: 186,
      valueText: null,
      unit: 'count',
      periodType: 'CALENDAR_QUARTER',
      periodStart: '2023-04-01',
      periodEnd: '2023-06-30',
      sector: ECJU_TITLE,
      notes: 'SIEL timeliness figures exclude SIELs processed in LITE for 2023 Q1-Q2.',
      jurisdiction: { code: 'UK' },
      provision: null,
      citation: { url: Q2_2023_SOURCE },
      assessment: { publishedOn: '2024-01-16' },
    });
    expect(refused?.quote).toContain('2,868 (93.8%) were issued, 186 (6.1%) were refused');

    const within20Days = release.metrics.edges
      .map((edge) => edge.node)
      .find(
        (metric) =>
          metric.indicator === 'SIELs processed to first outcome within 20 working days' && metric.period === '2023 Q2',
      );
    expect(within20Days).toMatchObject({ value: 55, unit: 'percent', dimension: 'PROCESSING_TIME' });

    // Figures come by start of period: the 2023 Q1 figures before the 2023 Q2 ones.
    const starts = release.metrics.edges.map((edge) => edge.node.periodStart);
    expect(starts).toEqual([...starts].sort());
    expect(new Set(starts)).toEqual(new Set(['2023-01-01', '2023-04-01']));
    expect(starts.filter((start) => start === '2023-01-01')).toHaveLength(3);
  });

  it('the metrics connection pages forward and backward through an assessment', async () => {
    const Page = graphql(`
      query AssessmentMetricsPage($first: Int, $after: String, $last: Int, $before: String) {
        impactAssessments(first: 1, filter: { text: "ECJU" }) {
          edges {
            node {
              publishedOn
              metrics(first: $first, after: $after, last: $last, before: $before) {
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
                    period
                    indicator
                  }
                }
              }
            }
          }
        }
      }
    `);
    type Metrics = ResultOf<typeof Page>['impactAssessments']['edges'][number]['node']['metrics'];
    const fetchPage = async (variables: VariablesOf<typeof Page>): Promise<Metrics> => {
      const response = await service.query(Page, variables);
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const node = response.data?.impactAssessments.edges[0]?.node;
      if (!node) throw new Error('no ECJU assessment');
      // Newest release first: published 12 December 2024.
      expect(node.publishedOn).toBe('2024-12-12');
      return node.metrics;
    };
    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const metrics: Metrics = await fetchPage({ first: 4, after });
      expect(metrics.totalCount).toBe(15);
      forward.push(...metrics.edges.map((edge) => edge.node.id));
      if (!metrics.pageInfo.hasNextPage) break;
      after = metrics.pageInfo.endCursor ?? null;
    }
    const backward: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const metrics: Metrics = await fetchPage({ last: 4, before });
      expect(metrics.totalCount).toBe(15);
      backward.unshift(...metrics.edges.map((edge) => edge.node.id));
      if (!metrics.pageInfo.hasPreviousPage) break;
      before = metrics.pageInfo.startCursor ?? null;
    }
    expect(forward).toHaveLength(15);
    expect(new Set(forward).size).toBe(15);
    expect(backward).toEqual(forward);
  });

  it('figures with no number keep the source wording in valueText', async () => {
    const Query = graphql(`
      query AssessmentAllMetrics {
        impactAssessments(first: 20) {
          edges {
            node {
              title
              metrics(first: 100) {
                edges {
                  node {
                    indicator
                    period
                    value
                    valueText
                    unit
                    quote
                    periodStart
                    periodEnd
                  }
                }
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const metrics =
      response.data?.impactAssessments.edges.flatMap((edge) => edge.node.metrics.edges.map((metric) => metric.node)) ??
      [];
    expect(metrics).toHaveLength(96);
    for (const metric of metrics) {
      // Every figure is either a number or the source's own wording, and always quoted.
      expect(metric.value !== null || metric.valueText !== null, JSON.stringify(metric)).toBe(true);
      expect(metric.quote.length).toBeGreaterThan(0);
      expect(metric.periodStart <= metric.periodEnd, JSON.stringify(metric)).toBe(true);
    }
    // impact_metrics.json: FR-UGEA-processing ("a few days") and US-FY2007-ir-camera-top-destination ("UK").
    const worded = metrics.filter((metric) => metric.valueText !== null);
    expect(worded.map((metric) => [metric.period, metric.valueText, metric.unit, metric.value]).sort()).toEqual([
      ['2021', 'a few days', 'qualitative', null],
      ['FY2007', 'UK', 'country', null],
    ]);
  });
});
