// licensingStats and /export/licensing-stats over the seeded UK licence data. Expected figures
// are computed here from seed/data/uk_licences_2008_2015.csv.gz itself.
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';
import { readUkLicenceCsv, type UkLicenceCsvRow } from '../support/uk-licence-rows.js';
import { onlyError } from './support-narrow.js';

const Stats = graphql(`
  query LicensingStatsTest(
    $filter: LicensingStatsFilter
    $groupBy: [LicensingGroupKey!]
    $measures: [LicensingMeasure!]!
  ) {
    licensingStats(filter: $filter, groupBy: $groupBy, measures: $measures) {
      groupBy
      measures
      decisions
      decisionsWithoutValue
      dataVersion
      caveats
      sources {
        url
        publisher
        licence
      }
      buckets {
        rating
        category
        ratingType
        destination
        destinationIso
        refused
        periodStart
        periodEnd
        periodLabel
        decisions
        values {
          measure
          unit
          value
          decimal
          decisionsWithoutValue
          unavailableReason
        }
        sources {
          url
        }
      }
    }
  }
`);

let csv: UkLicenceCsvRow[];
const countBy = (rows: readonly UkLicenceCsvRow[], key: (row: UkLicenceCsvRow) => string) => {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
};
const sumValues = (rows: readonly UkLicenceCsvRow[]) =>
  rows.reduce((sum, row) => sum + (row.value_gbp === '' ? 0n : BigInt(row.value_gbp)), 0n);

describeWithDatabase('licensing statistics', () => {
  let service: TestService;

  beforeAll(async () => {
    csv = readUkLicenceCsv();
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function stats(variables: VariablesOf<typeof Stats>) {
    const response = await service.query(Stats, variables);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return response.data.licensingStats;
  }

  it('6A003 decisions by year equal the rows of the file, with the source cited', async () => {
    const result = await stats({ filter: { ratings: ['6A003'] }, groupBy: ['YEAR'], measures: ['DECISIONS'] });
    const expected = countBy(
      csv.filter((row) => row.rating_normalised === '6A003'),
      (row) => row.date.slice(0, 4),
    );
    expect(Object.fromEntries(result.buckets.map((bucket) => [bucket.periodLabel, bucket.decisions]))).toEqual(
      expected,
    );
    expect(result.buckets.map((bucket) => bucket.values[0]?.decimal)).toEqual(
      Object.keys(expected)
        .sort()
        .map((year) => String(expected[year])),
    );
    expect(result.decisions).toBe(2_874);
    expect(result.buckets[0]).toMatchObject({ periodStart: '2008-01-01', periodEnd: '2008-12-31' });
    expect(result.sources).toEqual([
      expect.objectContaining({ publisher: 'Campaign Against Arms Trade', url: expect.stringContaining('caatdata') }),
    ]);
    expect(result.sources[0]?.licence).toContain('Open Government Licence');
    expect(result.caveats.join(' ')).toContain('no licence type');
  });

  it('refusal rate: refused decisions over decisions, per Category 6 rating, exact to 10 places', async () => {
    const result = await stats({
      filter: { categories: ['6'] },
      groupBy: ['RATING'],
      measures: ['DECISIONS', 'REFUSED', 'REFUSAL_RATE'],
    });
    const category6 = csv.filter((row) => row.dual_use_category === '6');
    const decisions = countBy(category6, (row) => row.rating_normalised);
    const refused = countBy(
      category6.filter((row) => row.refused === '1'),
      (row) => row.rating_normalised,
    );
    expect(result.buckets).toHaveLength(Object.keys(decisions).length);
    for (const bucket of result.buckets) {
      const rating = bucket.rating ?? '';
      const [total, refusals, rate] = bucket.values;
      expect([rating, total?.decimal, refusals?.decimal]).toEqual([
        rating,
        String(decisions[rating]),
        String(refused[rating] ?? 0),
      ]);
      expect(rate?.unit).toBe('ratio');
      expect(Math.abs(Number(rate?.decimal) - (refused[rating] ?? 0) / (decisions[rating] ?? 1))).toBeLessThan(1e-10);
    }
    // 6A003: 78 of 2,874 refused.
    const a003 = result.buckets.find((bucket) => bucket.rating === '6A003');
    expect(a003?.values.map((value) => value.decimal)).toEqual(['2874', '78', '0.0271398747']);
  });

  it('a filter by destination (as written or by ISO code) counts that destination only', async () => {
    const china = csv.filter((row) => row.country === 'China');
    const byName = await stats({
      filter: { destinations: ['China'] },
      groupBy: ['RATING_TYPE', 'DESTINATION'],
      measures: ['DECISIONS', 'ITEMS'],
    });
    expect(Object.fromEntries(byName.buckets.map((bucket) => [bucket.ratingType, bucket.decisions]))).toEqual(
      countBy(china, (row) => row.rating_type),
    );
    expect(new Set(byName.buckets.map((bucket) => [bucket.destination, bucket.destinationIso].join()))).toEqual(
      new Set(['China,CN']),
    );
    const byIso = await stats({
      filter: { destinationIsos: ['cn'] },
      groupBy: ['RATING_TYPE', 'DESTINATION'],
      measures: ['DECISIONS', 'ITEMS'],
    });
    expect(byIso.buckets).toEqual(byName.buckets);
    const sixA003 = await stats({
      filter: { destinations: ['China'], ratings: ['6A003'], periodFrom: '2013-01-01', periodTo: '2013-12-31' },
      measures: ['DECISIONS'],
    });
    expect(sixA003.decisions).toBe(
      china.filter((row) => row.rating_normalised === '6A003' && row.date.startsWith('2013')).length,
    );
  });

  it('never sums mixed units: each measure has its own unit, and refused decisions have no value (not 0)', async () => {
    const result = await stats({
      groupBy: ['OUTCOME'],
      measures: ['DECISIONS', 'ITEMS', 'VALUE_GBP'],
    });
    expect(result.decisions).toBe(csv.length);
    expect(result.decisionsWithoutValue).toBe(1_411);
    const [approved, refused] = result.buckets;
    expect([approved?.refused, refused?.refused]).toEqual([false, true]);
    expect(approved?.values.map((value) => [value.measure, value.unit, value.decisionsWithoutValue])).toEqual([
      ['DECISIONS', 'decisions', 0],
      ['ITEMS', 'items', 0],
      ['VALUE_GBP', 'GBP', 0],
    ]);
    const notRefused = csv.filter((row) => row.refused === '0');
    expect(approved?.values.map((value) => value.decimal)).toEqual([
      String(notRefused.length),
      String(notRefused.reduce((sum, row) => sum + Number(row.count), 0)),
      String(sumValues(notRefused)),
    ]);
    // The refused bucket: decisions and items counted, the value unknown (never 0).
    expect(refused?.decisions).toBe(1_411);
    expect(refused?.values[2]).toEqual({
      measure: 'VALUE_GBP',
      unit: 'GBP',
      value: null,
      decimal: null,
      decisionsWithoutValue: 1_411,
      unavailableReason: 'NO_VALUES',
    });
    // Without OUTCOME, the value sums the valued decisions and says how many had none.
    const all = await stats({ measures: ['VALUE_GBP', 'ITEMS'] });
    expect(all.buckets[0]?.values.map((value) => [value.decimal, value.unit, value.decisionsWithoutValue])).toEqual([
      [String(sumValues(csv)), 'GBP', 1_411],
      [String(csv.reduce((sum, row) => sum + Number(row.count), 0)), 'items', 0],
    ]);
  });

  it('arguments are checked: one time interval, at least one measure, period in order', async () => {
    expect(
      onlyError(await service.query(Stats, { groupBy: ['YEAR', 'MONTH'], measures: ['DECISIONS'] })).extensions?.rule,
    ).toBe('one-time-interval');
    expect(onlyError(await service.query(Stats, { measures: [] })).extensions?.field).toBe('measures');
    expect(
      onlyError(
        await service.query(Stats, {
          filter: { periodFrom: '2014-01-01', periodTo: '2013-01-01' },
          measures: ['DECISIONS'],
        }),
      ).extensions?.field,
    ).toBe('filter.periodTo');
  });

  it('cache: a repeated request is served from the cache; a write to a decision changes the next answer', async () => {
    const variables = {
      filter: { ratings: ['6A003'], destinations: ['China'] },
      groupBy: ['YEAR' as const],
      measures: ['DECISIONS' as const, 'REFUSED' as const],
    };
    const first = await stats(variables);
    const before = service.services.analytics.cache.stats();
    const responseHitsBefore = service.responseCache.hits;
    expect(await stats(variables)).toEqual(first);
    expect(service.responseCache.hits).toBe(responseHitsBefore + 1);
    // The same field inside another operation: answered by the aggregate cache.
    const other = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($filter: LicensingStatsFilter, $groupBy: [LicensingGroupKey!], $measures: [LicensingMeasure!]!) {
          __typename licensingStats(filter: $filter, groupBy: $groupBy, measures: $measures) { dataVersion decisions } }`,
        variables,
      }),
    });
    expect(
      ((await other.json()) as { data: { licensingStats: { dataVersion: string; decisions: number } } }).data
        .licensingStats,
    ).toEqual({ dataVersion: first.dataVersion, decisions: first.decisions });
    expect(service.services.analytics.cache.stats().hits).toBe(before.hits + 1);

    const prisma = service.db.prisma;
    const target = await prisma.licensingDecision.findFirstOrThrow({
      where: {
        ratingNormalised: '6A003',
        destination: 'China',
        refused: false,
        decidedOn: { lt: new Date('2009-01-01') },
      },
    });
    const year = target.decidedOn.toISOString().slice(0, 4);
    const refusedIn = (result: typeof first) =>
      result.buckets.find((bucket) => bucket.periodLabel === year)?.values[1]?.decimal;
    const refusedBefore = Number(refusedIn(first));
    await prisma.licensingDecision.update({ where: { id: target.id }, data: { refused: true } });
    try {
      const after = await stats(variables);
      expect(after.dataVersion).not.toBe(first.dataVersion);
      expect(Number(refusedIn(after))).toBe(refusedBefore + 1);
    } finally {
      await prisma.licensingDecision.update({ where: { id: target.id }, data: { refused: false } });
    }
    expect(Number(refusedIn(await stats(variables)))).toBe(refusedBefore);
  });

  it('export: CSV with the keys, each measure with its unit and the decisions without value, and the filter in the file name', async () => {
    const query = new URLSearchParams([
      ['ratings', '6A003'],
      ['groupBy', 'YEAR,OUTCOME'],
      ['measures', 'DECISIONS,VALUE_GBP'],
    ]);
    const response = await fetch(`${service.url}/export/licensing-stats.csv?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="licensing-stats_ratings-6A003_by-OUTCOME-YEAR_measures-DECISIONS-VALUE_GBP.csv"',
    );
    expect(response.headers.get('x-decisions')).toBe('2874');
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'refused,periodLabel,periodStart,periodEnd,decisions,DECISIONS,DECISIONS_unit,DECISIONS_decisionsWithoutValue,DECISIONS_unavailableReason,VALUE_GBP,VALUE_GBP_unit,VALUE_GBP_decisionsWithoutValue,VALUE_GBP_unavailableReason,sources',
    );
    const a003 = csv.filter((row) => row.rating_normalised === '6A003');
    const approved2008 = a003.filter((row) => row.refused === '0' && row.date.startsWith('2008'));
    expect(lines[1]).toBe(
      `false,2008,2008-01-01,2008-12-31,${approved2008.length},${approved2008.length},decisions,0,,${sumValues(approved2008)},GBP,0,,Campaign Against Arms Trade https://github.com/caatdata/uk-arms-export-data/blob/f8e49da05ff6e714ed8835bfc1c27e29ec49c448/values.csv`,
    );
    const refused = lines.filter((line) => line.startsWith('true,'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((line) => line.includes(',GBP,') && line.includes(',NO_VALUES,'))).toBe(true);

    const json = await fetch(`${service.url}/export/licensing-stats.json?destinationIsos=cn&measures=DECISIONS`);
    expect(json.status).toBe(200);
    const buckets = (await json.json()) as Array<{ decisions: number }>;
    expect(buckets.map((bucket) => bucket.decisions)).toEqual([csv.filter((row) => row.country === 'China').length]);
    const bad = await fetch(`${service.url}/export/licensing-stats.csv?measures=DECISIONS&groupBy=WEEK`);
    expect(bad.status).toBe(400);
  });
});
