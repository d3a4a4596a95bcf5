// impactIndicators, impactJurisdictions and audiences over the real seed (seed/data/impact_metrics.json,
// seed/editorial/guidance.json): the values a dashboard's filters offer, with their counts. Expected
// values are counted by hand from those files and written as literals.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const Vocabulary = graphql(`
  query DashboardVocabularyTest($jurisdictions: [String!], $dimensions: [MetricDimension!]) {
    impactIndicators(jurisdictions: $jurisdictions, dimensions: $dimensions) {
      indicator
      jurisdiction
      unit
      dimensions
      periodTypes
      metricCount
      numericCount
      firstPeriodStart
      lastPeriodEnd
    }
    impactJurisdictions {
      code
      name
      metricCount
      indicatorCount
      firstPeriodStart
      lastPeriodEnd
    }
    audiences {
      audience
      guidanceCount
    }
  }
`);

describeWithDatabase('dashboard vocabulary', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function vocabulary(variables: {
    jurisdictions?: string[];
    dimensions?: Array<'DENIALS' | 'LICENSING_VOLUME'>;
  }) {
    const response = await service.query(Vocabulary, variables);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return response.data;
  }

  it('lists each indicator once per jurisdiction and unit, with its figures and periods', async () => {
    const { impactIndicators } = await vocabulary({ jurisdictions: ['uk'] });
    expect(impactIndicators.every((indicator) => indicator.jurisdiction === 'UK')).toBe(true);
    // UK-2023Q1..Q4-SIEL-decisions and UK-2024Q1/Q2-SIEL-decisions: six quarterly counts.
    expect(impactIndicators.find((indicator) => indicator.indicator === 'SIEL licensing decisions')).toEqual({
      indicator: 'SIEL licensing decisions',
      jurisdiction: 'UK',
      unit: 'count',
      dimensions: ['LICENSING_VOLUME'],
      periodTypes: ['CALENDAR_QUARTER'],
      metricCount: 6,
      numericCount: 6,
      firstPeriodStart: '2023-01-01',
      lastPeriodEnd: '2024-06-30',
    });
    const names = impactIndicators.map((indicator) => indicator.indicator);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('narrows by dimension, and an unknown jurisdiction is refused rather than listing nothing', async () => {
    const { impactIndicators } = await vocabulary({ jurisdictions: ['EU'], dimensions: ['DENIALS'] });
    // EU-2021/2022 denials counts and the two "share of exports" percentages of the same releases.
    expect(impactIndicators.map((indicator) => [indicator.indicator, indicator.unit, indicator.metricCount])).toEqual([
      ['denials', 'count', 2],
      ['denials as share of extra-EU exports of goods (roughly)', 'percent', 1],
      ['denials as share of total extra-EU27 exports (about)', 'percent', 1],
    ]);
    const unknown = await service.query(Vocabulary, { jurisdictions: ['XX'] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'jurisdictions' });
  });

  it('lists the jurisdictions that report figures, with counts that add up to all 96 figures', async () => {
    const { impactJurisdictions } = await vocabulary({});
    expect(impactJurisdictions.map((jurisdiction) => [jurisdiction.code, jurisdiction.metricCount])).toEqual([
      ['EU', 21],
      ['UK', 43],
      ['US', 32],
    ]);
    expect(impactJurisdictions.reduce((sum, jurisdiction) => sum + jurisdiction.metricCount, 0)).toBe(96);
    expect(impactJurisdictions.find((jurisdiction) => jurisdiction.code === 'UK')).toMatchObject({
      name: 'United Kingdom',
      lastPeriodEnd: '2024-06-30',
    });
  });

  it('lists the audiences of the guidance, most documents first', async () => {
    const { audiences } = await vocabulary({});
    expect(audiences[0]).toEqual({ audience: 'researchers', guidanceCount: 3 });
    expect(audiences).toContainEqual({ audience: 'universities', guidanceCount: 2 });
    const counts = audiences.map((audience) => audience.guidanceCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});
