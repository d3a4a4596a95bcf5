// licensingStats: one SQL statement filters, groups and measures the LicensingDecision rows
// and cites their sources, in PostgreSQL (PGlite or a server alike); Node only reshapes the
// aggregated rows. The statement reads the analytics generation too, so a result is cached
// under the data version it was computed from (aggregate-cache.ts).
//
// Values: the source gives no value for a refused decision. VALUE_GBP sums the decisions that
// have one and reports how many of the bucket's decisions have none (never counted as 0); a
// bucket where none has a value has no VALUE_GBP at all.
import { Prisma } from '../generated/prisma/client.js';
import { TooManyBucketsError } from './analytics-errors.js';
import { periodOf, type TimeInterval } from './impact-request.js';
import { GENERATION_SQL, queryAggregate, type AnalyticsDb } from './impact-sql.js';
import { MAX_BUCKETS, trimDecimal } from './impact-stats.js';
import {
  LICENSING_MEASURE_UNITS,
  licensingIntervalOf,
  type LicensingFilter,
  type LicensingGroupKey,
  type LicensingMeasure,
  type LicensingStatsRequest,
} from './licensing-request.js';

/** Caveats of the UK licence data, as its compiler and the data README state them. */
export const LICENSING_CAVEATS: readonly string[] = [
  'A refused decision has no value in the source: VALUE_GBP sums the other decisions and counts those apart, never as 0.',
  'The source gives no licence type (SIEL, OIEL, ...): decisions of every type are counted together.',
  "A row is one rating of one licence as the compiler grouped them (licence_group is the compiler's id, not an official licence number).",
  'The compiler (Campaign Against Arms Trade) warns that refusal criteria may contain false-positive matches and that low values may be off by one or two pounds.',
];

type AttributeKey = Exclude<LicensingGroupKey, TimeInterval>;

const TRUNC_UNIT: Record<TimeInterval, string> = { YEAR: 'year', QUARTER: 'quarter', MONTH: 'month' };

/** Group-by column per attribute key: the expression on "LicensingDecision" d and its output alias. */
const ATTRIBUTES: Record<AttributeKey, { expression: string; alias: string }> = {
  // The rating as the source normalised it ("ml16" -> "ML16"); as written where it gives none.
  RATING: { expression: 'coalesce(d."ratingNormalised", d."rating")', alias: 'k_rating' },
  CATEGORY: { expression: 'd."category"', alias: 'k_category' },
  RATING_TYPE: { expression: 'd."ratingType"', alias: 'k_rating_type' },
  DESTINATION: { expression: 'd."destination"', alias: 'k_destination' },
  OUTCOME: { expression: 'd."refused"', alias: 'k_refused' },
};

export type LicensingUnavailableReason = 'NO_VALUES';

export interface LicensingMeasureValue {
  measure: LicensingMeasure;
  /** The unit of this measure (decisions, items, GBP, ratio): measures are never combined. */
  unit: string;
  /** The value as a float (for charts); null with `unavailableReason` when there is none. */
  value: number | null;
  /** The value exactly as PostgreSQL computed it (numeric arithmetic), trailing zeros trimmed. */
  decimal: string | null;
  /** Decisions of the bucket the measure could not use because the source gives no figure for them. */
  decisionsWithoutValue: number;
  unavailableReason: LicensingUnavailableReason | null;
}

export interface LicensingSource {
  url: string | null;
  title: string | null;
  publisher: string | null;
  licence: string | null;
}

export interface LicensingBucket {
  rating: string | null;
  category: string | null;
  ratingType: string | null;
  destination: string | null;
  /** The ISO code of the destination, when grouped by DESTINATION and the name maps to one. */
  destinationIso: string | null;
  /** Refused (true) or not (false), when grouped by OUTCOME. */
  refused: boolean | null;
  periodStart: string | null;
  periodEnd: string | null;
  periodLabel: string | null;
  decisions: number;
  values: LicensingMeasureValue[];
  sources: LicensingSource[];
}

export interface LicensingStatsResult {
  groupBy: LicensingGroupKey[];
  measures: LicensingMeasure[];
  /** Decisions matching the filter. */
  decisions: number;
  /** Decisions matching the filter that have no value in the source (the refused ones). */
  decisionsWithoutValue: number;
  dataVersion: string;
  caveats: readonly string[];
  /** The distinct sources of all buckets. */
  sources: LicensingSource[];
  buckets: LicensingBucket[];
}

interface StatsRow {
  generation: string | null;
  total_decisions: number;
  total_without_value: number;
  decisions: number | null;
  refused_count: number | null;
  items: string | null;
  without_items: number | null;
  value_gbp: string | null;
  without_value: number | null;
  refusal_rate: string | null;
  bucket_start: string | null;
  k_rating?: string | null;
  k_category?: string | null;
  k_rating_type?: string | null;
  k_destination?: string | null;
  destination_iso?: string | null;
  k_refused?: boolean | null;
  sources: string | null;
}

function inList(expression: string, values: readonly string[]): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(expression)} IN (${Prisma.join(values)})`;
}

/** WHERE conditions of a filter on "LicensingDecision" d (a conjunction; TRUE when empty). */
export function licensingFilterSql(filter: LicensingFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.ratings.length > 0) {
    // A rating matches as written or as normalised ("ml16" and "ML16" both find the row written "ml16").
    conditions.push(
      Prisma.sql`(${inList('d."rating"', filter.ratings)} OR ${inList('d."ratingNormalised"', filter.ratings)})`,
    );
  }
  if (filter.categories.length > 0) conditions.push(inList('d."category"', filter.categories));
  if (filter.ratingTypes.length > 0) conditions.push(inList('d."ratingType"', filter.ratingTypes));
  if (filter.destinations.length > 0) conditions.push(inList('d."destination"', filter.destinations));
  if (filter.destinationIsos.length > 0) conditions.push(inList('d."destinationIso"', filter.destinationIsos));
  if (filter.refused !== null) conditions.push(Prisma.sql`d."refused" = ${filter.refused}`);
  if (filter.periodFrom) conditions.push(Prisma.sql`d."decidedOn" >= ${filter.periodFrom}::date`);
  if (filter.periodTo) conditions.push(Prisma.sql`d."decidedOn" <= ${filter.periodTo}::date`);
  return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

const SOURCES_SQL =
  `(SELECT json_agg(json_build_object('url', c."url", 'title', c."title", 'publisher', c."publisher", 'licence', c."licence") ` +
  `ORDER BY c."url", c."title", c."id")::text FROM "Citation" c WHERE c."id" = ANY(b.citation_ids))`;

export function buildLicensingStatsSql(request: LicensingStatsRequest): Prisma.Sql {
  const interval = licensingIntervalOf(request.groupBy);
  const attributes = request.groupBy.filter((key): key is AttributeKey => key in ATTRIBUTES);
  const bucket = interval ? `date_trunc('${TRUNC_UNIT[interval]}', d."decidedOn"::timestamp)::date` : 'NULL::date';
  const aliases = attributes.map((key) => ATTRIBUTES[key].alias);
  const byDestination = attributes.includes('DESTINATION');

  // Sums and counts only: aggregated first per citation (a hash aggregate), then combined per
  // bucket, so the distinct sources come without sorting every row.
  const inner = [
    ...attributes.map((key) => `${ATTRIBUTES[key].expression} AS ${ATTRIBUTES[key].alias}`),
    ...(byDestination ? ['min(d."destinationIso") AS iso'] : []),
    'd."citationId" AS cid',
    'count(*) AS c',
    'count(*) FILTER (WHERE d."refused") AS rc',
    'sum(d."itemCount") AS items',
    'count(*) - count(d."itemCount") AS no_items',
    'sum(d."valueGbp") AS v',
    'count(*) - count(d."valueGbp") AS no_value',
    `${bucket} AS bucket_date`,
  ];
  // Output names: the aliases above (PostgreSQL groups by an output column named so).
  const innerGroup = [...aliases, 'bucket_date', 'cid'];
  const outer = [
    ...aliases.map((alias) => `p.${alias}`),
    ...(byDestination ? ['min(p.iso) AS destination_iso'] : []),
    'p.bucket_date',
    'array_agg(p.cid) AS citation_ids',
    'sum(p.c)::int AS decisions',
    'sum(p.rc)::int AS refused_count',
    'sum(p.items)::text AS items',
    'sum(p.no_items)::int AS without_items',
    'sum(p.v)::text AS value_gbp',
    'sum(p.no_value)::int AS without_value',
    'round(sum(p.rc)::numeric / sum(p.c), 10)::text AS refusal_rate',
  ];
  const order = [...aliases.map((alias) => `b.${alias}${alias === 'k_refused' ? '' : ' COLLATE "C"'}`)];
  if (interval) order.push('b.bucket_date');

  return Prisma.sql`
WITH buckets AS (
  SELECT ${Prisma.raw(outer.join(', '))}
  FROM (
    SELECT ${Prisma.raw(inner.join(', '))}
    FROM "LicensingDecision" d
    WHERE ${licensingFilterSql(request.filter)}
    GROUP BY ${Prisma.raw(innerGroup.join(', '))}
  ) p
  GROUP BY ${Prisma.raw([...aliases.map((alias) => `p.${alias}`), 'p.bucket_date'].join(', '))}
),
meta AS (
  SELECT ${GENERATION_SQL} AS generation,
    (SELECT coalesce(sum(b.decisions), 0)::int FROM buckets b) AS total_decisions,
    (SELECT coalesce(sum(b.without_value), 0)::int FROM buckets b) AS total_without_value
)
SELECT meta.generation, meta.total_decisions, meta.total_without_value, r.*
FROM meta LEFT JOIN LATERAL (
  SELECT b.*, to_char(b.bucket_date, 'YYYY-MM-DD') AS bucket_start, ${Prisma.raw(SOURCES_SQL)} AS sources
  FROM buckets b
  ORDER BY ${Prisma.raw(order.length > 0 ? order.join(', ') : '1')}
  LIMIT ${MAX_BUCKETS + 1}
) r ON true`;
}

function measureValue(
  measure: LicensingMeasure,
  text: string | null,
  decisionsWithoutValue: number,
): LicensingMeasureValue {
  const unit = LICENSING_MEASURE_UNITS[measure];
  if (text === null)
    return { measure, unit, value: null, decimal: null, decisionsWithoutValue, unavailableReason: 'NO_VALUES' };
  const decimal = trimDecimal(text);
  return { measure, unit, value: Number(decimal), decimal, decisionsWithoutValue, unavailableReason: null };
}

function valuesOf(request: LicensingStatsRequest, row: StatsRow): LicensingMeasureValue[] {
  return request.measures.map((measure) => {
    switch (measure) {
      case 'DECISIONS':
        return measureValue(measure, String(row.decisions ?? 0), 0);
      case 'ITEMS':
        return measureValue(measure, row.items, row.without_items ?? 0);
      case 'VALUE_GBP':
        return measureValue(measure, row.value_gbp, row.without_value ?? 0);
      case 'REFUSED':
        return measureValue(measure, String(row.refused_count ?? 0), 0);
      case 'REFUSAL_RATE':
        return measureValue(measure, row.refusal_rate, 0);
    }
  });
}

function parseSources(text: string | null): LicensingSource[] {
  if (!text) return [];
  const parsed = JSON.parse(text) as LicensingSource[];
  return parsed.map((source) => ({
    url: source.url,
    title: source.title,
    publisher: source.publisher,
    licence: source.licence,
  }));
}

export async function runLicensingStats(
  db: AnalyticsDb,
  request: LicensingStatsRequest,
): Promise<LicensingStatsResult> {
  const rows = await queryAggregate<StatsRow>(db, buildLicensingStatsSql(request));
  const first = rows[0];
  const bucketRows = rows.filter((row) => row.decisions !== null);
  if (bucketRows.length > MAX_BUCKETS) throw new TooManyBucketsError(MAX_BUCKETS);
  const interval = licensingIntervalOf(request.groupBy);
  const sources = new Map<string, LicensingSource>();
  const buckets = bucketRows.map((row): LicensingBucket => {
    const period = interval && row.bucket_start ? periodOf(interval, row.bucket_start) : null;
    const bucketSources = parseSources(row.sources);
    for (const source of bucketSources) sources.set(JSON.stringify(source), source);
    return {
      rating: row.k_rating ?? null,
      category: row.k_category ?? null,
      ratingType: row.k_rating_type ?? null,
      destination: row.k_destination ?? null,
      destinationIso: row.destination_iso ?? null,
      refused: row.k_refused ?? null,
      periodStart: period?.start ?? null,
      periodEnd: period?.end ?? null,
      periodLabel: period?.label ?? null,
      decisions: row.decisions ?? 0,
      values: valuesOf(request, row),
      sources: bucketSources,
    };
  });
  return {
    groupBy: request.groupBy,
    measures: request.measures,
    decisions: first?.total_decisions ?? 0,
    decisionsWithoutValue: first?.total_without_value ?? 0,
    dataVersion: first?.generation ?? '',
    caveats: LICENSING_CAVEATS,
    sources: [...sources.values()],
    buckets,
  };
}
