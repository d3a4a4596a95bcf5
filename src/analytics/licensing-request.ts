// What a `licensingStats` request asks for, normalised (deduplicated, sorted, ISO codes
// upper-cased) and checked. The normalised form is the cache key and the only input the SQL
// builder accepts: group-by keys and measures come from the fixed lists below.
import { isoDay } from '../domain/calendar-date.js';
import { InvalidArgumentError } from '../errors.js';
import { textList, TIME_INTERVALS, type TimeInterval } from './impact-request.js';

export const LICENSING_GROUP_KEYS = [
  'RATING',
  'CATEGORY',
  'RATING_TYPE',
  'DESTINATION',
  'OUTCOME',
  'YEAR',
  'QUARTER',
  'MONTH',
] as const;
export type LicensingGroupKey = (typeof LICENSING_GROUP_KEYS)[number];

export const LICENSING_MEASURES = ['DECISIONS', 'ITEMS', 'VALUE_GBP', 'REFUSED', 'REFUSAL_RATE'] as const;
export type LicensingMeasure = (typeof LICENSING_MEASURES)[number];

/**
 * The unit of each measure. Every measure is computed on its own and carries its unit; nothing
 * adds one measure to another (a count of decisions to a sum of pounds).
 */
export const LICENSING_MEASURE_UNITS: Record<LicensingMeasure, string> = {
  DECISIONS: 'decisions',
  ITEMS: 'items',
  VALUE_GBP: 'GBP',
  REFUSED: 'decisions',
  REFUSAL_RATE: 'ratio',
};

/** Filter as given (GraphQL input or export query string). */
export interface LicensingFilterInput {
  ratings?: readonly string[] | null;
  categories?: readonly string[] | null;
  ratingTypes?: readonly string[] | null;
  destinations?: readonly string[] | null;
  destinationIsos?: readonly string[] | null;
  refused?: boolean | null;
  /** Only decisions on or after this day. */
  periodFrom?: Date | null;
  /** Only decisions on or before this day. */
  periodTo?: Date | null;
}

export interface LicensingFilter {
  ratings: string[];
  categories: string[];
  ratingTypes: string[];
  destinations: string[];
  destinationIsos: string[];
  refused: boolean | null;
  periodFrom: string | null;
  periodTo: string | null;
}

export interface LicensingStatsInput {
  filter?: LicensingFilterInput | null;
  groupBy?: readonly LicensingGroupKey[] | null;
  measures: readonly LicensingMeasure[];
}

export interface LicensingStatsRequest {
  filter: LicensingFilter;
  /** In the canonical order of LICENSING_GROUP_KEYS; at most one time interval. */
  groupBy: LicensingGroupKey[];
  /** In the order asked (the order of the values in each bucket). */
  measures: LicensingMeasure[];
}

export function normalizeLicensingFilter(input: LicensingFilterInput | null | undefined): LicensingFilter {
  const filter: LicensingFilter = {
    ratings: textList('filter.ratings', input?.ratings, (rating) => rating.trim()),
    categories: textList('filter.categories', input?.categories, (category) => category.trim()),
    ratingTypes: textList('filter.ratingTypes', input?.ratingTypes, (type) => type.trim()),
    destinations: textList('filter.destinations', input?.destinations),
    destinationIsos: textList('filter.destinationIsos', input?.destinationIsos, (code) => code.trim().toUpperCase()),
    refused: input?.refused ?? null,
    periodFrom: input?.periodFrom ? isoDay(input.periodFrom) : null,
    periodTo: input?.periodTo ? isoDay(input.periodTo) : null,
  };
  if (filter.periodFrom && filter.periodTo && filter.periodFrom > filter.periodTo) {
    throw new InvalidArgumentError(
      'filter.periodTo',
      'not-before-period-from',
      `"filter.periodTo" (${filter.periodTo}) is before "filter.periodFrom" (${filter.periodFrom}).`,
    );
  }
  return filter;
}

export function licensingIntervalOf(groupBy: readonly LicensingGroupKey[]): TimeInterval | null {
  return (
    (groupBy.find((key) => (TIME_INTERVALS as readonly string[]).includes(key)) as TimeInterval | undefined) ?? null
  );
}

export function normalizeLicensingStats(input: LicensingStatsInput): LicensingStatsRequest {
  const asked = new Set(input.groupBy ?? []);
  const groupBy = LICENSING_GROUP_KEYS.filter((key) => asked.has(key));
  const times = groupBy.filter((key) => (TIME_INTERVALS as readonly string[]).includes(key));
  if (times.length > 1) {
    throw new InvalidArgumentError(
      'groupBy',
      'one-time-interval',
      `"groupBy" may hold one of YEAR, QUARTER, MONTH; it holds ${times.join(', ')}.`,
    );
  }
  const measures = [...new Set(input.measures)];
  if (measures.length === 0) {
    throw new InvalidArgumentError(
      'measures',
      'not-empty',
      '"measures" must name at least one measure (e.g. [DECISIONS, REFUSAL_RATE]).',
    );
  }
  return { filter: normalizeLicensingFilter(input.filter), groupBy, measures };
}
