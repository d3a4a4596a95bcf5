// The rows and columns of the /export/licensing-stats.csv download: the grouping keys asked
// for, the decisions, and per measure its value, unit, the decisions without a figure and why
// a value is missing, then the sources.
import type { LicensingGroupKey } from '../analytics/licensing-request.js';
import type { LicensingBucket, LicensingSource, LicensingStatsResult } from '../analytics/licensing-stats.js';

const KEY_COLUMNS: Record<LicensingGroupKey, Array<keyof LicensingBucket>> = {
  RATING: ['rating'],
  CATEGORY: ['category'],
  RATING_TYPE: ['ratingType'],
  DESTINATION: ['destination', 'destinationIso'],
  OUTCOME: ['refused'],
  YEAR: ['periodLabel', 'periodStart', 'periodEnd'],
  QUARTER: ['periodLabel', 'periodStart', 'periodEnd'],
  MONTH: ['periodLabel', 'periodStart', 'periodEnd'],
};

function sourcesText(sources: readonly LicensingSource[]): string {
  return sources.map((source) => [source.publisher ?? source.title, source.url].filter(Boolean).join(' ')).join(' | ');
}

export function licensingCsvColumns(stats: LicensingStatsResult): string[] {
  const keys = [...new Set(stats.groupBy.flatMap((key) => KEY_COLUMNS[key]))];
  return [
    ...keys,
    'decisions',
    ...stats.measures.flatMap((measure) => [
      measure,
      `${measure}_unit`,
      `${measure}_decisionsWithoutValue`,
      `${measure}_unavailableReason`,
    ]),
    'sources',
  ];
}

export function* licensingCsvRows(stats: LicensingStatsResult): Generator<Record<string, unknown>> {
  for (const bucket of stats.buckets) {
    const row: Record<string, unknown> = {};
    for (const key of stats.groupBy) for (const column of KEY_COLUMNS[key]) row[column] = bucket[column];
    row.decisions = bucket.decisions;
    for (const value of bucket.values) {
      row[value.measure] = value.decimal;
      row[`${value.measure}_unit`] = value.unit;
      row[`${value.measure}_decisionsWithoutValue`] = value.decisionsWithoutValue;
      row[`${value.measure}_unavailableReason`] = value.unavailableReason;
    }
    row.sources = sourcesText(bucket.sources);
    yield row;
  }
}
