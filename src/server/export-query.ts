// The query parameters of the export downloads: they mirror the GraphQL arguments (lists as
// repeated parameters; enum lists may also be comma-separated), are checked with zod (400
// naming the parameter) and decoded here (dates to Date, global ids to database ids), and the
// file name carries the filters.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  CHANGE_BASES,
  GROUP_KEYS,
  MEASURES,
  METRIC_DIMENSIONS,
  PERIOD_TYPES,
  TIME_INTERVALS,
  type ImpactFilterInput,
} from '../analytics/impact-request.js';
import { LICENSING_GROUP_KEYS, LICENSING_MEASURES, type LicensingFilterInput } from '../analytics/licensing-request.js';
import { isoDay, parseCalendarDate } from '../domain/calendar-date.js';
import { databaseIdsOf } from '../graphql/global-id.js';

const text = z.string().max(500);
/** A parameter given once or repeated. */
const textList = z.union([text, z.array(text)]).transform((value) => (Array.isArray(value) ? value : [value]));
/** Enum lists: repeated and/or comma-separated ("groupBy=INDICATOR,QUARTER"). */
function enumList<const T extends readonly [string, ...string[]]>(values: T) {
  return textList
    .transform((items) =>
      items
        .flatMap((item) => item.split(','))
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .pipe(z.array(z.enum(values)));
}
/** A calendar date, decoded here: the layers below take Date values. */
const day = z.string().transform((value, context) => {
  const date = parseCalendarDate(value);
  if (date) return date;
  context.addIssue({ code: 'custom', message: 'expected a real calendar date written YYYY-MM-DD' });
  return z.NEVER;
});
const bool = z.enum(['true', 'false']).transform((value) => value === 'true');

const filterShape = {
  jurisdictions: textList.optional(),
  dimensions: enumList(METRIC_DIMENSIONS).optional(),
  indicators: textList.optional(),
  sectors: textList.optional(),
  regions: textList.optional(),
  units: textList.optional(),
  periodTypes: enumList(PERIOD_TYPES).optional(),
  provisionCodes: textList.optional(),
  provisionIds: textList.optional(),
  assessmentIds: textList.optional(),
  periodFrom: day.optional(),
  periodTo: day.optional(),
};

export const statsQuery = z
  .object({
    ...filterShape,
    groupBy: enumList(GROUP_KEYS).optional(),
    measures: enumList(MEASURES),
    includeSynthetic: bool.optional(),
    mixedUnits: z.enum(['REFUSE', 'GROUP_BY_UNIT']).optional(),
    changeBasis: z.enum(CHANGE_BASES).optional(),
  })
  .strict();

export const seriesQuery = z
  .object({
    ...filterShape,
    indicator: text,
    interval: z.enum(TIME_INTERVALS),
    measure: z.enum(CHANGE_BASES).optional(),
    includeSynthetic: bool.optional(),
  })
  .strict();

export const licensingStatsQuery = z
  .object({
    ratings: textList.optional(),
    categories: textList.optional(),
    ratingTypes: textList.optional(),
    destinations: textList.optional(),
    destinationIsos: textList.optional(),
    refused: bool.optional(),
    periodFrom: day.optional(),
    periodTo: day.optional(),
    groupBy: enumList(LICENSING_GROUP_KEYS).optional(),
    measures: enumList(LICENSING_MEASURES),
  })
  .strict();
export type LicensingStatsQuery = z.output<typeof licensingStatsQuery>;

export function licensingFilterOf(query: LicensingStatsQuery): LicensingFilterInput {
  return {
    ratings: query.ratings ?? null,
    categories: query.categories ?? null,
    ratingTypes: query.ratingTypes ?? null,
    destinations: query.destinations ?? null,
    destinationIsos: query.destinationIsos ?? null,
    refused: query.refused ?? null,
    periodFrom: query.periodFrom ?? null,
    periodTo: query.periodTo ?? null,
  };
}

/** The licensing filter as given, for the file name. */
export function licensingFilterParts(
  query: LicensingStatsQuery,
): Array<[string, readonly string[] | string | null | undefined]> {
  return [
    ['ratings', query.ratings],
    ['categories', query.categories],
    ['ratingTypes', query.ratingTypes],
    ['destinations', query.destinations],
    ['destinationIsos', query.destinationIsos?.map((code) => code.toUpperCase())],
    ['refused', query.refused === undefined ? null : String(query.refused)],
    ['from', query.periodFrom ? isoDay(query.periodFrom) : null],
    ['to', query.periodTo ? isoDay(query.periodTo) : null],
  ];
}

export type FilterQuery = { [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]> };

/**
 * The filter as the analytics take it: global ids decoded to database ids (named as the GraphQL
 * filter names them, so both surfaces report the same field).
 */
export function impactFilterOf(query: FilterQuery): ImpactFilterInput {
  return {
    jurisdictions: query.jurisdictions ?? null,
    dimensions: query.dimensions ?? null,
    indicators: query.indicators ?? null,
    sectors: query.sectors ?? null,
    regions: query.regions ?? null,
    units: query.units ?? null,
    periodTypes: query.periodTypes ?? null,
    provisionCodes: query.provisionCodes ?? null,
    provisionIds: databaseIdsOf(query.provisionIds, 'ControlProvision', 'filter.provisionIds'),
    assessmentIds: databaseIdsOf(query.assessmentIds, 'ImpactAssessment', 'filter.assessmentIds'),
    periodFrom: query.periodFrom ?? null,
    periodTo: query.periodTo ?? null,
  };
}

export class BadParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (!issue) throw new BadParameterError('query', 'The query parameters are invalid.');
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys?: string[] }).keys ?? [];
    throw new BadParameterError(
      keys[0] ?? 'query',
      `Unknown query parameter${keys.length > 1 ? 's' : ''} ${keys.map((key) => `"${key}"`).join(', ')}.`,
    );
  }
  const parameter = String(issue.path[0] ?? 'query');
  const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
  throw new BadParameterError(
    parameter,
    missing
      ? `Query parameter "${parameter}" is required.`
      : `Query parameter "${parameter}" is invalid: ${issue.message}.`,
  );
}

/** Letters, digits, dot and hyphen only; long names are cut and keep a hash of the whole. */
export function exportFileName(
  kind: string,
  parts: ReadonlyArray<readonly [string, readonly string[] | string | null | undefined]>,
  extension: 'csv' | 'json',
): string {
  const words = [kind];
  for (const [name, value] of parts) {
    if (value === null || value === undefined) continue;
    const values = typeof value === 'string' ? [value] : value;
    if (values.length === 0) continue;
    words.push(`${name}-${values.join('+')}`);
  }
  let base = words
    .join('_')
    .replace(/[^A-Za-z0-9.+_-]+/g, '-')
    .replace(/\+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/(^[-.]+)|([-.]+$)/g, '');
  // Nothing left (a kind made only of punctuation): never a bare ".csv" (a hidden file).
  if (base === '') base = 'export';
  if (base.length > 150)
    base = `${base.slice(0, 140).replace(/[-_.]+$/, '')}-${createHash('sha256').update(base).digest('hex').slice(0, 8)}`;
  return `${base}.${extension}`;
}

/** The filter as given, for the file name (ids as the client wrote them). */
export function filterParts(filter: FilterQuery): Array<[string, readonly string[] | string | null | undefined]> {
  return [
    ['jurisdictions', filter.jurisdictions?.map((code) => code.toUpperCase())],
    ['dimensions', filter.dimensions],
    ['indicators', filter.indicators],
    ['sectors', filter.sectors],
    ['regions', filter.regions],
    ['units', filter.units],
    ['periodTypes', filter.periodTypes],
    ['provisionCodes', filter.provisionCodes],
    ['provisionIds', filter.provisionIds],
    ['assessmentIds', filter.assessmentIds],
    ['from', filter.periodFrom ? isoDay(filter.periodFrom) : null],
    ['to', filter.periodTo ? isoDay(filter.periodTo) : null],
  ];
}
