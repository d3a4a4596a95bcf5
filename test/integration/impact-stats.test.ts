// impactStats / impactSeries / consultationStats and the /export routes over the real seed
// figures (seed/data/impact_metrics.json, consultations.json). Expected values are worked out
// by hand from the quoted sources and written as literals, each with the record it comes from.
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, testDatabase, type TestService } from '../support/test-service.js';
import { errorCode, onlyError } from './support-narrow.js';

const Stats = graphql(`
  query ImpactStatsTest(
    $filter: ImpactStatsFilter
    $groupBy: [ImpactGroupKey!]
    $measures: [ImpactMeasure!]!
    $includeSynthetic: Boolean
    $mixedUnits: MixedUnitPolicy
  ) {
    impactStats(
      filter: $filter
      groupBy: $groupBy
      measures: $measures
      includeSynthetic: $includeSynthetic
      mixedUnits: $mixedUnits
    ) {
      groupBy
      measures
      rowCount
      rowsOutsideBuckets
      dataVersion
      buckets {
        jurisdiction
        indicator
        unit
        periodType
        periodStart
        periodEnd
        periodLabel
        rowCount
        numericCount
        textOnlyCount
        values {
          measure
          value
          decimal
          unavailableReason
        }
        sources {
          url
          publisher
        }
      }
    }
  }
`);

const Series = graphql(`
  query ImpactSeriesTest($indicator: String!, $filter: ImpactStatsFilter, $interval: ImpactInterval!) {
    impactSeries(indicator: $indicator, filter: $filter, interval: $interval) {
      unit
      rowCount
      rowsOutsideBuckets
      points {
        periodLabel
        periodStart
        periodEnd
        missing
        value
        decimal
        unavailableReason
        rowCount
        sources {
          url
        }
      }
    }
  }
`);

const Consultations = graphql(`
  query ConsultationStatsTest($consultationId: ID, $timelineInterval: TimelineInterval) {
    consultationStats(consultationId: $consultationId, timelineInterval: $timelineInterval) {
      consultationCount
      reportedResponseCount
      recordedSubmissionCount
      byStakeholderType {
        type
        count
      }
      byPosition {
        position
        count
      }
      byTheme {
        theme
        count
      }
      submissionsWithoutTheme
      timeline {
        periodStart
        periodEnd
        count
      }
      undatedSubmissionCount
      consultations {
        consultationId
        title
        reference
        deadline
        extendedDeadline
        reportedResponseCount
        reportedResponseCountQuote
        recordComplete
        recordedSubmissionCount
        byStakeholderType {
          type
          count
        }
        timeline {
          periodStart
          count
        }
        undatedSubmissionCount
      }
    }
  }
`);

type Bucket = ResultOf<typeof Stats>['impactStats']['buckets'][number];
const valueOf = (bucket: Bucket | undefined, measure: string) =>
  bucket?.values.find((value) => value.measure === measure);

// UK ECJU quarterly releases (impact_metrics.json UK-2023Q1..Q4-SIEL-decisions, UK-2024Q1/Q2-SIEL-decisions).
const SIEL_DECISIONS = 'SIEL licensing decisions';

describeWithDatabase('impact analytics', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function stats(variables: VariablesOf<typeof Stats>) {
    const response = await service.query(Stats, variables);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return response.data.impactStats;
  }

  it('the four 2023 quarters of UK SIEL decisions add up to the calendar-year figure the same release states', async () => {
    const year = await stats({
      filter: { jurisdictions: ['uk'], indicators: [SIEL_DECISIONS], periodFrom: '2023-01-01', periodTo: '2023-12-31' },
      groupBy: ['YEAR'],
      measures: ['SUM', 'COUNT', 'MIN', 'MAX', 'AVG', 'MEDIAN', 'FIRST', 'LAST'],
    });
    // 2940 (UK-2023Q1) + 3056 (UK-2023Q2) + 3040 (UK-2023Q3) + 2996 (UK-2023Q4) = 12032 = UK-2023-SIEL-decisions.
    expect(year.buckets).toHaveLength(1);
    const [bucket] = year.buckets;
    expect(bucket).toMatchObject({
      periodLabel: '2023',
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      unit: 'count',
      rowCount: 4,
      numericCount: 4,
      textOnlyCount: 0,
    });
    expect(bucket?.values.map((value) => [value.measure, value.decimal])).toEqual([
      ['SUM', '12032'],
      ['COUNT', '4'],
      ['MIN', '2940'],
      ['MAX', '3056'],
      ['AVG', '3008'],
      // percentile_cont(0.5) of 2940, 2996, 3040, 3056: (2996 + 3040) / 2.
      ['MEDIAN', '3018'],
      ['FIRST', '2940'],
      ['LAST', '2996'],
    ]);
    const annual = await stats({
      filter: {
        jurisdictions: ['UK'],
        indicators: ['SIEL licensing decisions (calendar year)'],
        periodTypes: ['CALENDAR_YEAR'],
      },
      groupBy: ['YEAR'],
      measures: ['SUM'],
    });
    expect(annual.buckets.map((row) => [row.periodLabel, valueOf(row, 'SUM')?.decimal])).toEqual([
      ['2022', '13716'],
      ['2023', '12032'],
    ]);
    expect(bucket?.sources.length).toBeGreaterThanOrEqual(2);
    expect(bucket?.sources.every((source) => source.publisher?.includes('ECJU Official Statistics'))).toBe(true);
  });

  it('change between quarters: absolute and percent, exact, null with a reason for the first quarter', async () => {
    const quarters = await stats({
      filter: { jurisdictions: ['UK'], indicators: [SIEL_DECISIONS] },
      groupBy: ['QUARTER'],
      measures: ['SUM', 'CHANGE', 'CHANGE_PERCENT'],
    });
    expect(
      quarters.buckets.map((row) => [
        row.periodLabel,
        ...row.values.map((value) => value.decimal ?? value.unavailableReason),
      ]),
    ).toEqual([
      ['2023 Q1', '2940', 'NO_PREVIOUS_PERIOD', 'NO_PREVIOUS_PERIOD'],
      ['2023 Q2', '3056', '116', '3.9455782313'],
      ['2023 Q3', '3040', '-16', '-0.5235602094'],
      ['2023 Q4', '2996', '-44', '-1.4473684211'],
      ['2024 Q1', '3202', '206', '6.8758344459'],
      ['2024 Q2', '2823', '-379', '-11.8363522798'],
    ]);
  });

  it('refusals: the quarters record 186 and 154 SIELs refused; the rate against decisions matches the 6.1% the Q2 release quotes', async () => {
    const refusals = await stats({
      filter: {
        jurisdictions: ['UK'],
        indicators: ['SIELs refused', SIEL_DECISIONS],
        periodFrom: '2023-04-01',
        periodTo: '2023-06-30',
      },
      groupBy: ['INDICATOR', 'QUARTER'],
      measures: ['SUM'],
    });
    const refused = Number(
      valueOf(
        refusals.buckets.find((row) => row.indicator === 'SIELs refused'),
        'SUM',
      )?.decimal,
    );
    const decisions = Number(
      valueOf(
        refusals.buckets.find((row) => row.indicator === SIEL_DECISIONS),
        'SUM',
      )?.decimal,
    );
    // UK-2023Q2-SIEL-refused quote: "2,868 (93.8%) were issued, 186 (6.1%) were refused".
    expect([refused, decisions]).toEqual([186, 3056]);
    expect(((refused / decisions) * 100).toFixed(1)).toBe('6.1');
  });

  it('EU denials and authorised values between 2021 and 2022 (Commission report COM(2025) 19 as quoted)', async () => {
    const denials = await stats({
      filter: { jurisdictions: ['EU'], indicators: ['denials'] },
      groupBy: ['YEAR'],
      measures: ['SUM', 'CHANGE', 'CHANGE_PERCENT'],
    });
    // EU-2021-denials-count 568, EU-2022-denials-count 831: +263, +46.30...%.
    expect(
      denials.buckets.map((row) => [
        row.periodLabel,
        ...row.values.map((value) => value.decimal ?? value.unavailableReason),
      ]),
    ).toEqual([
      ['2021', '568', 'NO_PREVIOUS_PERIOD', 'NO_PREVIOUS_PERIOD'],
      ['2022', '831', '263', '46.3028169014'],
    ]);
    const values = await stats({
      filter: { jurisdictions: ['EU'], indicators: ['authorised dual-use exports (value)'] },
      groupBy: ['YEAR'],
      measures: ['SUM', 'CHANGE', 'CHANGE_PERCENT'],
    });
    // EU-2021-authorised-value EUR 38.5 bn, EU-2022-authorised-value EUR 57.3 bn.
    expect(
      values.buckets.map((row) => [
        row.periodLabel,
        row.unit,
        ...row.values.map((value) => value.decimal ?? value.unavailableReason),
      ]),
    ).toEqual([
      ['2021', 'EUR billion', '38.5', 'NO_PREVIOUS_PERIOD', 'NO_PREVIOUS_PERIOD'],
      ['2022', 'EUR billion', '57.3', '18.8', '48.8311688312'],
    ]);
  });

  it('mixed units are refused with the units listed, unless grouped by unit; COUNT alone is allowed', async () => {
    const refused = await service.query(Stats, {
      filter: { jurisdictions: ['EU'] },
      groupBy: ['YEAR'],
      measures: ['COUNT', 'SUM'],
    });
    const error = onlyError(refused);
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
      rule: 'no-mixed-units',
      measures: ['SUM'],
    });
    // EU rows: values in EUR billion, percent, count, items; FR-UGEA-processing is "qualitative".
    expect(error.extensions?.units).toEqual(['EUR billion', 'count', 'items', 'percent', 'qualitative']);
    expect(error.message).toContain('"EUR billion"');

    const grouped = await stats({
      filter: { jurisdictions: ['EU'], periodFrom: '2021-01-01', periodTo: '2021-12-31' },
      groupBy: ['YEAR'],
      measures: ['SUM'],
      mixedUnits: 'GROUP_BY_UNIT',
    });
    expect(grouped.groupBy).toEqual(['UNIT', 'YEAR']);
    const byUnit = Object.fromEntries(grouped.buckets.map((row) => [row.unit, row]));
    // 2021: EU-2021-authorised-value 38.5 (EUR billion); EU-2021-denials-count 568 (count); the two shares 1.8 + 0.01 (percent).
    expect(valueOf(byUnit['EUR billion'], 'SUM')?.decimal).toBe('38.5');
    expect(valueOf(byUnit.count, 'SUM')?.decimal).toBe('568');
    expect(valueOf(byUnit.items, 'SUM')?.decimal).toBe('1884');
    // FR-UGEA-processing: "a few days" has no number; it is counted apart, never as zero.
    expect(byUnit.qualitative).toMatchObject({ rowCount: 1, numericCount: 0, textOnlyCount: 1 });
    expect(valueOf(byUnit.qualitative, 'SUM')).toMatchObject({
      value: null,
      decimal: null,
      unavailableReason: 'NO_NUMERIC_VALUES',
    });

    const counted = await stats({ filter: { jurisdictions: ['EU'] }, groupBy: ['YEAR'], measures: ['COUNT'] });
    expect(counted.buckets.map((row) => [row.periodLabel, row.unit, row.rowCount])).toEqual([
      ['2020', null, 7],
      ['2021', null, 6],
      ['2022', null, 8],
    ]);
  });

  it('figures whose period spans two years are in no YEAR bucket, and say so', async () => {
    const us = await stats({ filter: { jurisdictions: ['US'] }, groupBy: ['YEAR'], measures: ['COUNT'] });
    // 32 US rows; all but US-2012-night-vision-survey-respondents and US-2022-university-outreach are fiscal years or
    // ranges across a year end (FY2007, FY2008, FY2000, 2006-10-01 to 2007-01-17, first 9 months of FY2006).
    expect(us.rowCount).toBe(32);
    expect(us.rowsOutsideBuckets).toBe(30);
    expect(us.buckets.map((row) => [row.periodLabel, row.rowCount])).toEqual([
      ['2012', 1],
      ['2022', 1],
    ]);
  });

  it('arguments are checked: one time interval, change needs one, ids of the right type', async () => {
    expect(errorCode(await service.query(Stats, { groupBy: ['YEAR', 'QUARTER'], measures: ['COUNT'] }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      onlyError(await service.query(Stats, { groupBy: ['INDICATOR'], measures: ['CHANGE'] })).extensions?.rule,
    ).toBe('change-needs-time-interval');
    expect(onlyError(await service.query(Stats, { measures: [] })).extensions?.field).toBe('measures');
    expect(
      onlyError(await service.query(Stats, { filter: { assessmentIds: ['bm90LWFuLWlk'] }, measures: ['COUNT'] }))
        .extensions?.field,
    ).toBe('filter.assessmentIds');
    expect(
      onlyError(
        await service.query(Stats, {
          filter: { periodFrom: '2024-01-01', periodTo: '2023-01-01' },
          measures: ['COUNT'],
        }),
      ).extensions?.field,
    ).toBe('filter.periodTo');
  });

  it('synthetic rows are excluded unless asked for', async () => {
    const before = await stats({ measures: ['COUNT'] });
    expect(before.rowCount).toBe(96);
    const withSynthetic = await stats({ measures: ['COUNT'], includeSynthetic: true });
    expect(withSynthetic.rowCount).toBeGreaterThanOrEqual(96);
  });

  it('impactSeries shows the quarters without a refusal figure as missing, not zero', async () => {
    const response = await service.query(Series, {
      indicator: 'SIELs refused',
      filter: { jurisdictions: ['UK'] },
      interval: 'QUARTER',
    });
    expect(response.errors).toBeUndefined();
    const series = response.data?.impactSeries;
    expect(series?.unit).toBe('count');
    // UK-2023Q2-SIEL-refused 186, UK-2023Q4-SIEL-refused 154, UK-2024Q2-SIEL-refused 110; no Q3 2023 or Q1 2024 figure.
    expect(
      series?.points.map((point) => [
        point.periodLabel,
        point.missing,
        point.decimal,
        point.unavailableReason,
        point.rowCount,
      ]),
    ).toEqual([
      ['2023 Q2', false, '186', null, 1],
      ['2023 Q3', true, null, 'MISSING_PERIOD', 0],
      ['2023 Q4', false, '154', null, 1],
      ['2024 Q1', true, null, 'MISSING_PERIOD', 0],
      ['2024 Q2', false, '110', null, 1],
    ]);
    expect(series?.points[1]?.sources).toEqual([]);

    // The filter's period bounds extend the axis: missing periods at both ends too.
    const bounded = await service.query(Series, {
      indicator: 'SIELs refused',
      filter: { periodFrom: '2023-01-01', periodTo: '2024-12-31' },
      interval: 'YEAR',
    });
    expect(bounded.data?.impactSeries.points.map((point) => [point.periodLabel, point.decimal])).toEqual([
      ['2023', '340'],
      ['2024', '110'],
    ]);
    // A known indicator over a year without figures: every quarter missing.
    const empty = await service.query(Series, {
      indicator: 'SIELs refused',
      filter: { periodFrom: '2020-01-01', periodTo: '2020-12-31' },
      interval: 'QUARTER',
    });
    expect(empty.data?.impactSeries.points.map((point) => point.missing)).toEqual([true, true, true, true]);
    // An indicator nothing reports is refused, not answered with an empty series.
    const unknown = await service.query(Series, {
      indicator: 'no such indicator',
      filter: { periodFrom: '2023-01-01', periodTo: '2023-12-31' },
      interval: 'QUARTER',
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicator' });
  });

  it('consultationStats counts the recorded submissions and says what is unknown', async () => {
    const response = await service.query(Consultations, { timelineInterval: 'MONTH' });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const all = response.data?.consultationStats;
    expect(all).toMatchObject({
      consultationCount: 12,
      // No consultation record states an exact number of responses.
      reportedResponseCount: null,
      recordedSubmissionCount: 21,
      byPosition: [{ position: 'UNKNOWN', count: 21 }],
      byTheme: [],
      submissionsWithoutTheme: 21,
      undatedSubmissionCount: 3,
    });
    // consultations.json: 16 rows of the 2008 deemed-export record of comments (6 universities, 1 academic
    // association, 3 industry associations, 4 companies, 1 individual, 1 non-profit research organisation), 2 example
    // commenters (SIA, Business Roundtable: industry associations), 3 stakeholders named in the UK 2003 debate (no
    // type given).
    expect(all?.byStakeholderType).toEqual([
      { type: 'UNIVERSITY', count: 6 },
      { type: 'INDUSTRY_ASSOCIATION', count: 5 },
      { type: 'COMPANY', count: 4 },
      { type: 'UNKNOWN', count: 3 },
      { type: 'ACADEMIC_ASSOCIATION', count: 1 },
      { type: 'INDIVIDUAL', count: 1 },
      { type: 'RESEARCH_ORGANISATION', count: 1 },
    ]);
    expect(all?.timeline).toEqual([
      { periodStart: '2008-06-01', periodEnd: '2008-06-30', count: 1 },
      { periodStart: '2008-08-01', periodEnd: '2008-08-31', count: 9 },
      { periodStart: '2008-09-01', periodEnd: '2008-09-30', count: 6 },
      { periodStart: '2019-01-01', periodEnd: '2019-01-31', count: 1 },
      { periodStart: '2020-11-01', periodEnd: '2020-11-30', count: 1 },
    ]);
    const deac = all?.consultations.find((entry) => entry.recordedSubmissionCount === 16);
    expect(deac).toMatchObject({
      deadline: '2008-08-18',
      extendedDeadline: '2008-09-22',
      reportedResponseCount: null,
      recordComplete: null,
      undatedSubmissionCount: 0,
    });
    const emerging = all?.consultations.find((entry) => entry.reportedResponseCountQuote?.includes('several hundred'));
    expect(emerging).toMatchObject({ recordedSubmissionCount: 1, reportedResponseCount: null, recordComplete: null });

    const one = await service.query(Consultations, {
      consultationId: deac?.consultationId ?? '',
      timelineInterval: 'DAY',
    });
    expect(one.data?.consultationStats?.consultationCount).toBe(1);
    expect(one.data?.consultationStats?.recordedSubmissionCount).toBe(16);
    // Six comments are dated August 18, 2008, the original deadline.
    expect(one.data?.consultationStats?.timeline.find((point) => point.periodStart === '2008-08-18')?.count).toBe(6);
  });

  it('cache: a repeated question is a hit; a write to a metric or its citation changes the next answer', async () => {
    const variables = {
      filter: { indicators: [SIEL_DECISIONS], periodFrom: '2023-01-01', periodTo: '2023-03-31' },
      groupBy: ['QUARTER' as const],
      measures: ['SUM' as const, 'COUNT' as const],
      includeSynthetic: true,
    };
    const first = await stats(variables);
    const before = service.services.analytics.cache.stats();
    const responseHitsBefore = service.responseCache.hits;
    const again = await stats(variables);
    expect(again).toEqual(first);
    // The same operation again is answered whole by the response cache (no execution, so no
    // aggregate-cache lookup); the same field inside another operation by the aggregate cache.
    expect(service.responseCache.hits).toBe(responseHitsBefore + 1);
    expect(service.services.analytics.cache.stats().hits).toBe(before.hits);
    const other = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($filter: ImpactStatsFilter, $groupBy: [ImpactGroupKey!], $measures: [ImpactMeasure!]!, $includeSynthetic: Boolean) {
          __typename impactStats(filter: $filter, groupBy: $groupBy, measures: $measures, includeSynthetic: $includeSynthetic) { dataVersion rowCount } }`,
        variables,
      }),
    });
    expect(
      ((await other.json()) as { data: { impactStats: { dataVersion: string; rowCount: number } } }).data.impactStats,
    ).toEqual({
      dataVersion: first.dataVersion,
      rowCount: first.rowCount,
    });
    expect(service.services.analytics.cache.stats().hits).toBe(before.hits + 1);
    expect(valueOf(first.buckets[0], 'SUM')?.decimal).toBe('2940');

    const prisma = service.db.prisma;
    const real = await prisma.impactMetric.findUniqueOrThrow({ where: { sourceKey: 'UK-2023Q1-SIEL-decisions' } });
    const citation = await prisma.citation.create({
      data: {
        key: `test:cache:${process.pid}:${Date.now()}`,
        sourceType: 'URL',
        url: 'https://example.invalid/synthetic-cache-test',
        publisher: 'cache test (synthetic)',
      },
    });
    const written = await prisma.impactMetric.create({
      data: {
        sourceKey: `test:cache:${process.pid}:${Date.now()}`,
        contentHash: 'test',
        assessmentId: real.assessmentId,
        jurisdictionId: real.jurisdictionId,
        dimension: real.dimension,
        indicator: SIEL_DECISIONS,
        value: '60',
        unit: 'count',
        period: '2023 Q1',
        periodType: 'CALENDAR_QUARTER',
        periodStart: real.periodStart,
        periodEnd: real.periodEnd,
        sector: real.sector,
        region: real.region,
        quote: 'SYNTHETIC row written by the cache test.',
        synthetic: true,
        citationId: citation.id,
      },
    });
    try {
      const afterInsert = await stats(variables);
      expect(afterInsert.dataVersion).not.toBe(first.dataVersion);
      expect(valueOf(afterInsert.buckets[0], 'SUM')?.decimal).toBe('3000');
      expect(valueOf(afterInsert.buckets[0], 'COUNT')?.decimal).toBe('2');
      expect(afterInsert.buckets[0]?.sources.map((source) => source.publisher)).toContain('cache test (synthetic)');
      // The normal answer (synthetic rows excluded) is unchanged in value.
      expect(valueOf((await stats({ ...variables, includeSynthetic: false })).buckets[0], 'SUM')?.decimal).toBe('2940');

      await prisma.impactMetric.update({ where: { id: written.id }, data: { value: '61' } });
      expect(valueOf((await stats(variables)).buckets[0], 'SUM')?.decimal).toBe('3001');

      await prisma.citation.update({ where: { id: citation.id }, data: { publisher: 'cache test (renamed)' } });
      expect((await stats(variables)).buckets[0]?.sources.map((source) => source.publisher)).toContain(
        'cache test (renamed)',
      );
    } finally {
      await prisma.impactMetric.delete({ where: { id: written.id } });
      await prisma.citation.delete({ where: { id: citation.id } });
    }
    const afterDelete = await stats(variables);
    expect(valueOf(afterDelete.buckets[0], 'SUM')?.decimal).toBe('2940');
    expect(afterDelete.buckets[0]?.sources.map((source) => source.publisher)).not.toContain('cache test (renamed)');
  });

  it('cache: a write committed by another connection (another process) is seen by the very next answer', async () => {
    // PGlite has a single connection: the writer above is the only kind there is.
    if (testDatabase.kind !== 'postgresql') return;
    const variables = {
      filter: { indicators: [SIEL_DECISIONS], periodFrom: '2023-01-01', periodTo: '2023-03-31' },
      groupBy: ['QUARTER' as const],
      measures: ['SUM' as const],
    };
    const first = await stats(variables);
    const hitsBefore = service.responseCache.hits;
    expect(await stats(variables)).toEqual(first);
    expect(service.responseCache.hits).toBe(hitsBefore + 1);
    const other = new pg.Client({ connectionString: testDatabase.url });
    await other.connect();
    try {
      await other.query(
        `UPDATE "ImpactMetric" SET "value" = "value" + 1 WHERE "sourceKey" = 'UK-2023Q1-SIEL-decisions'`,
      );
      const after = await stats(variables);
      expect(after.dataVersion).not.toBe(first.dataVersion);
      expect(valueOf(after.buckets[0], 'SUM')?.decimal).toBe('2941');
    } finally {
      await other.query(
        `UPDATE "ImpactMetric" SET "value" = "value" - 1 WHERE "sourceKey" = 'UK-2023Q1-SIEL-decisions'`,
      );
      await other.end();
    }
    expect(valueOf((await stats(variables)).buckets[0], 'SUM')?.decimal).toBe('2940');
  });

  it('export: CSV with a header row, quoted fields and the filters in the file name', async () => {
    const query = new URLSearchParams([
      ['jurisdictions', 'UK'],
      ['indicators', SIEL_DECISIONS],
      ['groupBy', 'QUARTER'],
      ['measures', 'SUM,CHANGE'],
    ]);
    const response = await fetch(`${service.url}/export/impact-stats.csv?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="impact-stats_jurisdictions-UK_indicators-SIEL-licensing-decisions_by-QUARTER_measures-SUM-CHANGE.csv"',
    );
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'periodLabel,periodStart,periodEnd,unit,rowCount,numericCount,textOnlyCount,SUM,SUM_unavailableReason,CHANGE,CHANGE_unavailableReason,sources',
    );
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(
      /^2023 Q1,2023-01-01,2023-03-31,count,1,1,0,2940,,,NO_PREVIOUS_PERIOD,"Department for Business and Trade, ECJU Official Statistics/,
    );
    expect(lines[2]).toMatch(/^2023 Q2,2023-04-01,2023-06-30,count,1,1,0,3056,,116,,"/);
  });

  it('export: JSON array of buckets, and the series as CSV and JSON', async () => {
    const stats = await fetch(
      `${service.url}/export/impact-stats.json?jurisdictions=EU&indicators=denials&groupBy=YEAR&measures=SUM`,
    );
    expect(stats.status).toBe(200);
    expect(stats.headers.get('content-disposition')).toBe(
      'attachment; filename="impact-stats_jurisdictions-EU_indicators-denials_by-YEAR_measures-SUM.json"',
    );
    const buckets = (await stats.json()) as Array<{ periodLabel: string; values: Array<{ decimal: string }> }>;
    expect(buckets.map((bucket) => [bucket.periodLabel, bucket.values[0]?.decimal])).toEqual([
      ['2021', '568'],
      ['2022', '831'],
    ]);

    const csv = await fetch(
      `${service.url}/export/impact-series.csv?indicator=SIELs%20refused&jurisdictions=UK&interval=QUARTER`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="impact-series_indicator-SIELs-refused_jurisdictions-UK_by-QUARTER_measure-SUM.csv"',
    );
    const lines = (await csv.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'periodLabel,periodStart,periodEnd,missing,value,unavailableReason,unit,rowCount,numericCount,sources',
    );
    expect(lines[2]).toBe('2023 Q3,2023-07-01,2023-09-30,true,,MISSING_PERIOD,count,0,0,');

    const json = await fetch(
      `${service.url}/export/impact-series.json?indicator=SIELs%20refused&jurisdictions=UK&interval=YEAR`,
    );
    expect(
      ((await json.json()) as Array<{ periodLabel: string; decimal: string }>).map((point) => [
        point.periodLabel,
        point.decimal,
      ]),
    ).toEqual([
      ['2023', '340'],
      ['2024', '110'],
    ]);
  });

  it('export: 400 naming the bad parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/export/impact-stats.csv?groupBy=YEAR', 'measures'],
      ['/export/impact-stats.csv?measures=SUM&groupBy=WEEK', 'groupBy'],
      ['/export/impact-stats.json?measures=SUM&colour=red', 'colour'],
      ['/export/impact-stats.csv?measures=SUM&periodFrom=2023-1-1', 'periodFrom'],
      // Dates are decoded with the other parameters: an impossible day is named as given.
      ['/export/impact-stats.csv?measures=SUM&periodFrom=2023-02-30', 'periodFrom'],
      ['/export/impact-stats.csv?measures=SUM&includeSynthetic=yes', 'includeSynthetic'],
      ['/export/impact-series.csv?indicator=denials', 'interval'],
      ['/export/impact-stats.csv?measures=SUM&jurisdictions=EU&groupBy=YEAR', 'groupBy'],
    ];
    for (const [path, parameter] of cases) {
      const response = await fetch(`${service.url}${path}`);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as {
        errors: Array<{ message: string; extensions: Record<string, unknown> }>;
      };
      const error = body.errors[0];
      expect(error?.extensions.code, path).toBe('BAD_USER_INPUT');
      expect(error?.extensions.parameter ?? error?.extensions.field, path).toBe(parameter);
      expect(error?.message, path).toContain(parameter.replace(/^filter\./, ''));
    }
  });
});
