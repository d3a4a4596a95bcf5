// What an `impactStats` / `impactSeries` request asks for, normalised (deduplicated, sorted,
// upper-cased where the stored form is) and checked. The normalised form is the cache key,
// and the only input the SQL builder accepts: group-by keys and measures come from the
// fixed lists below, never from the client's text.
import { isoDay } from '../domain/calendar-date.js';
import { InvalidArgumentError } from '../errors.js';
import { MetricDimension, PeriodType } from '../generated/prisma/client.js';

export const GROUP_KEYS = [
  'JURISDICTION',
  'DIMENSION',
  'INDICATOR',
  'SECTOR',
  'REGION',
  'UNIT',
  'PROVISION',
  'ASSESSMENT',
  'PERIOD_TYPE',
  'YEAR',
  'QUARTER',
  'MONTH',
] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const TIME_INTERVALS = ['YEAR', 'QUARTER', 'MONTH'] as const;
export type TimeInterval = (typeof TIME_INTERVALS)[number];

export const MEASURES = [
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'MEDIAN',
  'P90',
  'FIRST',
  'LAST',
  'CHANGE',
  'CHANGE_PERCENT',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Measures a change can be computed on (the value of the bucket compared with the previous one). */
export const CHANGE_BASES = ['SUM', 'AVG', 'MIN', 'MAX', 'MEDIAN', 'P90', 'FIRST', 'LAST', 'COUNT'] as const;
export type ChangeBasis = (typeof CHANGE_BASES)[number];

/** Measures whose value depends on the unit: summing or comparing EUR with counts is meaningless. */
export function isUnitSensitive(measure: Measure): boolean {
  return measure !== 'COUNT';
}

export type MixedUnitPolicy = 'REFUSE' | 'GROUP_BY_UNIT';

/** The stored enums, as lists for the HTTP edge's parsing (one source: the Prisma schema). */
export const METRIC_DIMENSIONS = Object.values(MetricDimension) as [MetricDimension, ...MetricDimension[]];
export type MetricDimensionName = MetricDimension;
export const PERIOD_TYPES = Object.values(PeriodType) as [PeriodType, ...PeriodType[]];
export type PeriodTypeName = PeriodType;

/** Filter as given (GraphQL input or export query string), decoded by those edges: ids are database ids. */
export interface ImpactFilterInput {
  jurisdictions?: readonly string[] | null;
  dimensions?: readonly MetricDimensionName[] | null;
  indicators?: readonly string[] | null;
  sectors?: readonly string[] | null;
  regions?: readonly string[] | null;
  units?: readonly string[] | null;
  periodTypes?: readonly PeriodTypeName[] | null;
  provisionCodes?: readonly string[] | null;
  provisionIds?: readonly string[] | null;
  assessmentIds?: readonly string[] | null;
  /** Only rows whose period starts on or after this day. */
  periodFrom?: Date | null;
  /** Only rows whose period ends on or before this day. */
  periodTo?: Date | null;
}

export interface ImpactFilter {
  jurisdictions: string[];
  dimensions: MetricDimensionName[];
  indicators: string[];
  sectors: string[];
  regions: string[];
  units: string[];
  periodTypes: PeriodTypeName[];
  provisionCodes: string[];
  provisionIds: string[];
  assessmentIds: string[];
  periodFrom: string | null;
  periodTo: string | null;
}

export interface ImpactStatsInput {
  filter?: ImpactFilterInput | null;
  groupBy?: readonly GroupKey[] | null;
  measures: readonly Measure[];
  includeSynthetic?: boolean | null;
  mixedUnits?: MixedUnitPolicy | null;
  changeBasis?: ChangeBasis | null;
}

export interface ImpactStatsRequest {
  filter: ImpactFilter;
  /** In the canonical order of GROUP_KEYS; at most one time interval. */
  groupBy: GroupKey[];
  /** In the order asked (the order of the values in each bucket). */
  measures: Measure[];
  includeSynthetic: boolean;
  mixedUnits: MixedUnitPolicy;
  changeBasis: ChangeBasis;
}

export interface ImpactSeriesInput {
  indicator: string;
  filter?: ImpactFilterInput | null;
  interval: TimeInterval;
  measure?: ChangeBasis | null;
  includeSynthetic?: boolean | null;
}

export interface ImpactSeriesRequest {
  indicator: string;
  filter: ImpactFilter;
  interval: TimeInterval;
  measure: ChangeBasis;
  includeSynthetic: boolean;
}

export const MAX_FILTER_VALUES = 100;
export const MAX_TEXT_LENGTH = 500;
/** A filter list: deduplicated, sorted, each value checked (count, length, no NUL). */
export function textList(
  field: string,
  values: readonly string[] | null | undefined,
  transform: (value: string) => string = (value) => value,
): string[] {
  const list = [...new Set((values ?? []).map(transform))].sort();
  if (list.length > MAX_FILTER_VALUES) {
    throw new InvalidArgumentError(
      field,
      'max-values',
      `"${field}" accepts at most ${MAX_FILTER_VALUES} values; ${list.length} were given.`,
    );
  }
  for (const value of list) {
    if (value.length === 0 || value.length > MAX_TEXT_LENGTH) {
      throw new InvalidArgumentError(
        field,
        'text-length',
        `Each value of "${field}" must be 1 to ${MAX_TEXT_LENGTH} characters long.`,
      );
    }
    // NUL cannot be sent to PostgreSQL as text.
    if (value.includes('\u0000'))
      throw new InvalidArgumentError(field, 'no-nul', `"${field}" must not contain NUL characters.`);
  }
  return list;
}

export function normalizeFilter(input: ImpactFilterInput | null | undefined, path = 'filter'): ImpactFilter {
  const filter: ImpactFilter = {
    jurisdictions: textList(`${path}.jurisdictions`, input?.jurisdictions, (code) => code.trim().toUpperCase()),
    dimensions: [...new Set(input?.dimensions ?? [])].sort(),
    indicators: textList(`${path}.indicators`, input?.indicators),
    sectors: textList(`${path}.sectors`, input?.sectors),
    regions: textList(`${path}.regions`, input?.regions),
    units: textList(`${path}.units`, input?.units),
    periodTypes: [...new Set(input?.periodTypes ?? [])].sort(),
    provisionCodes: textList(`${path}.provisionCodes`, input?.provisionCodes, (code) => code.trim()),
    provisionIds: textList(`${path}.provisionIds`, input?.provisionIds),
    assessmentIds: textList(`${path}.assessmentIds`, input?.assessmentIds),
    periodFrom: input?.periodFrom ? isoDay(input.periodFrom) : null,
    periodTo: input?.periodTo ? isoDay(input.periodTo) : null,
  };
  if (filter.periodFrom && filter.periodTo && filter.periodFrom > filter.periodTo) {
    throw new InvalidArgumentError(
      `${path}.periodTo`,
      'not-before-period-from',
      `"${path}.periodTo" (${filter.periodTo}) is before "${path}.periodFrom" (${filter.periodFrom}).`,
    );
  }
  return filter;
}

export function timeIntervalOf(groupBy: readonly GroupKey[]): TimeInterval | null {
  return (
    (groupBy.find((key) => (TIME_INTERVALS as readonly string[]).includes(key)) as TimeInterval | undefined) ?? null
  );
}

export function normalizeImpactStats(input: ImpactStatsInput): ImpactStatsRequest {
  const filter = normalizeFilter(input.filter);
  const mixedUnits = input.mixedUnits ?? 'REFUSE';
  const asked = new Set(input.groupBy ?? []);
  if (mixedUnits === 'GROUP_BY_UNIT') asked.add('UNIT');
  const groupBy = GROUP_KEYS.filter((key) => asked.has(key));
  const times = groupBy.filter((key) => (TIME_INTERVALS as readonly string[]).includes(key));
  if (times.length > 1) {
    throw new InvalidArgumentError(
      'groupBy',
      'one-time-interval',
      `"groupBy" may hold one of YEAR, QUARTER, MONTH; it holds ${times.join(', ')}.`,
    );
  }
  const measures = [...new Set(input.measures)];
  if (measures.length === 0)
    throw new InvalidArgumentError(
      'measures',
      'not-empty',
      '"measures" must name at least one measure (e.g. [COUNT, SUM]).',
    );
  if ((measures.includes('CHANGE') || measures.includes('CHANGE_PERCENT')) && times.length === 0) {
    throw new InvalidArgumentError(
      'measures',
      'change-needs-time-interval',
      'CHANGE and CHANGE_PERCENT compare a bucket with the previous period: add YEAR, QUARTER or MONTH to "groupBy".',
    );
  }
  return {
    filter,
    groupBy,
    measures,
    includeSynthetic: input.includeSynthetic ?? false,
    mixedUnits,
    changeBasis: input.changeBasis ?? 'SUM',
  };
}

export function normalizeImpactSeries(input: ImpactSeriesInput): ImpactSeriesRequest {
  const [indicator] = textList('indicator', [input.indicator]);
  if (indicator === undefined)
    throw new InvalidArgumentError('indicator', 'text-length', '"indicator" must not be empty.');
  return {
    indicator,
    filter: normalizeFilter(input.filter),
    interval: input.interval,
    measure: input.measure ?? 'SUM',
    includeSynthetic: input.includeSynthetic ?? false,
  };
}

/** JSON with object keys sorted: equal requests give equal strings (the cache key). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** First and last day (inclusive) of the interval that starts on `start` (YYYY-MM-DD), and its label. */
export function periodOf(interval: TimeInterval, start: string): { start: string; end: string; label: string } {
  const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const months = interval === 'YEAR' ? 12 : interval === 'QUARTER' ? 3 : 1;
  const end = new Date(Date.UTC(year, month - 1 + months, 0)).toISOString().slice(0, 10);
  const label =
    interval === 'YEAR'
      ? String(year)
      : interval === 'QUARTER'
        ? `${year} Q${Math.floor((month - 1) / 3) + 1}`
        : `${year}-${String(month).padStart(2, '0')}`;
  return { start, end, label };
}
