// impactSeries: one indicator on a time axis. PostgreSQL aggregates the rows per interval and
// generate_series lays out every interval between the first and last (or the filter's
// period bounds), so a period without data comes back as missing, never as zero.
import { Prisma } from '../generated/prisma/client.js';
import { MixedUnitsError, TooManyBucketsError } from './analytics-errors.js';
import {
  bucketStartSql,
  filterSql,
  GENERATION_SQL,
  INTERVAL_LITERAL,
  measureSql,
  queryAggregate,
  sourcesSql,
  truncDateSql,
  type AnalyticsDb,
} from './impact-sql.js';
import { isUnitSensitive, periodOf, type ImpactSeriesRequest } from './impact-request.js';
import { MAX_BUCKETS, trimDecimal, type ImpactSource, type UnavailableReason } from './impact-stats.js';

export interface SeriesPoint {
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  /** True when no row of the indicator falls in this period: value is null, not zero. */
  missing: boolean;
  value: number | null;
  decimal: string | null;
  unavailableReason: UnavailableReason | 'MISSING_PERIOD' | null;
  rowCount: number;
  numericCount: number;
  sources: ImpactSource[];
}

export interface ImpactSeriesResult {
  indicator: string;
  interval: ImpactSeriesRequest['interval'];
  measure: ImpactSeriesRequest['measure'];
  includeSynthetic: boolean;
  /** The unit of every value of the series; null when there are no rows (or only COUNT over several units). */
  unit: string | null;
  rowCount: number;
  rowsOutsideBuckets: number;
  dataVersion: string;
  points: SeriesPoint[];
}

interface SeriesRow {
  generation: string | null;
  spanning: number;
  unit_min: string | null;
  unit_max: string | null;
  period_start: string | null;
  row_count: number | null;
  numeric_count: number | null;
  bucket_unit_min: string | null;
  bucket_unit_max: string | null;
  v: string | null;
  sources: string | null;
}

export function buildImpactSeriesSql(request: ImpactSeriesRequest): Prisma.Sql {
  const bucket = bucketStartSql(request.interval);
  const where = filterSql(request.filter, request.includeSynthetic);
  const lo = request.filter.periodFrom
    ? truncDateSql(request.interval, request.filter.periodFrom)
    : Prisma.sql`NULL::date`;
  const hi = request.filter.periodTo ? truncDateSql(request.interval, request.filter.periodTo) : Prisma.sql`NULL::date`;
  return Prisma.sql`
WITH buckets AS (
  SELECT ${bucket} AS bucket_date,
    count(*)::int AS row_count,
    count(m."value")::int AS numeric_count,
    min(m."unit" COLLATE "C") AS unit_min,
    max(m."unit" COLLATE "C") AS unit_max,
    array_agg(DISTINCT m."citationId") AS citation_ids,
    (${measureSql(request.measure)})::text AS v
  FROM "ImpactMetric" m
  WHERE ${where} AND m."indicator" = ${request.indicator}
  GROUP BY ${bucket}
),
bounds AS (
  SELECT coalesce(${lo}, min(bucket_date)) AS lo, coalesce(${hi}, max(bucket_date)) AS hi FROM buckets WHERE bucket_date IS NOT NULL
),
series AS (
  SELECT gs::date AS period_start
  FROM bounds, generate_series(bounds.lo::timestamp, bounds.hi::timestamp, ${Prisma.raw(INTERVAL_LITERAL[request.interval])}) AS gs
  WHERE bounds.lo IS NOT NULL AND bounds.hi IS NOT NULL
),
meta AS (
  SELECT ${GENERATION_SQL} AS generation,
    (SELECT coalesce(sum(row_count), 0)::int FROM buckets WHERE bucket_date IS NULL) AS spanning,
    (SELECT min(unit_min) FROM buckets WHERE bucket_date IS NOT NULL) AS unit_min,
    (SELECT max(unit_max) FROM buckets WHERE bucket_date IS NOT NULL) AS unit_max
)
SELECT meta.generation, meta.spanning, meta.unit_min, meta.unit_max, r.*
FROM meta LEFT JOIN LATERAL (
  SELECT to_char(s.period_start, 'YYYY-MM-DD') AS period_start, b.row_count, b.numeric_count,
    b.unit_min AS bucket_unit_min, b.unit_max AS bucket_unit_max, b.v,
    ${sourcesSql('b.citation_ids')} AS sources
  FROM series s LEFT JOIN buckets b ON b.bucket_date = s.period_start
  ORDER BY s.period_start
  LIMIT ${MAX_BUCKETS + 1}
) r ON true`;
}

/** Intervals between two days, inclusive, without asking the database (guards huge ranges). */
function intervalsBetween(interval: ImpactSeriesRequest['interval'], from: string, to: string): number {
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  const step = interval === 'YEAR' ? 12 : interval === 'QUARTER' ? 3 : 1;
  return Math.floor(months / step) + 1;
}

export async function runImpactSeries(db: AnalyticsDb, request: ImpactSeriesRequest): Promise<ImpactSeriesResult> {
  const { periodFrom, periodTo } = request.filter;
  if (periodFrom && periodTo && intervalsBetween(request.interval, periodFrom, periodTo) > MAX_BUCKETS) {
    throw new TooManyBucketsError(MAX_BUCKETS);
  }
  const rows = await queryAggregate<SeriesRow>(db, buildImpactSeriesSql(request));
  const first = rows[0];
  const pointRows = rows.filter((row) => row.period_start !== null);
  if (pointRows.length > MAX_BUCKETS) throw new TooManyBucketsError(MAX_BUCKETS);
  const mixed = first?.unit_min !== first?.unit_max;
  if (mixed && isUnitSensitive(request.measure)) {
    const units = await queryAggregate<{ unit: string }>(
      db,
      Prisma.sql`SELECT DISTINCT m."unit" COLLATE "C" AS unit FROM "ImpactMetric" m WHERE ${filterSql(request.filter, request.includeSynthetic)} AND m."indicator" = ${request.indicator} ORDER BY 1`,
    );
    throw new MixedUnitsError(
      units.map((row) => row.unit),
      [request.measure],
    );
  }
  const points = pointRows.map((row): SeriesPoint => {
    const period = periodOf(request.interval, row.period_start ?? '');
    const missing = row.row_count === null;
    const decimal = row.v === null ? null : trimDecimal(row.v);
    return {
      periodStart: period.start,
      periodEnd: period.end,
      periodLabel: period.label,
      missing,
      value: decimal === null ? null : Number(decimal),
      decimal,
      unavailableReason: missing ? 'MISSING_PERIOD' : decimal === null ? 'NO_NUMERIC_VALUES' : null,
      rowCount: row.row_count ?? 0,
      numericCount: row.numeric_count ?? 0,
      sources: row.sources ? (JSON.parse(row.sources) as ImpactSource[]) : [],
    };
  });
  const spanning = first?.spanning ?? 0;
  return {
    indicator: request.indicator,
    interval: request.interval,
    measure: request.measure,
    includeSynthetic: request.includeSynthetic,
    unit: mixed ? null : (first?.unit_min ?? null),
    rowCount: points.reduce((sum, point) => sum + point.rowCount, 0) + spanning,
    rowsOutsideBuckets: spanning,
    dataVersion: first?.generation ?? '',
    points,
  };
}
