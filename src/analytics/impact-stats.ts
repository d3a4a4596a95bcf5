// impactStats: one SQL statement groups, measures and cites the filtered ImpactMetric rows in
// PostgreSQL (PGlite or a server alike); Node only reshapes the aggregated rows. The same
// statement reads the analytics generation, so a result is cached under the data version it
// was computed from (aggregate-cache.ts).
import { Prisma } from '../generated/prisma/client.js';
import { MixedUnitsError, TooManyBucketsError } from './analytics-errors.js';
import {
  ATTRIBUTE_COLUMNS,
  bucketStartSql,
  filterSql,
  GENERATION_SQL,
  INTERVAL_LITERAL,
  MEASURE_ALIAS,
  measureSql,
  queryAggregate,
  sourcesSql,
  type AnalyticsDb,
  type AttributeKey,
} from './impact-sql.js';
import {
  isUnitSensitive,
  periodOf,
  timeIntervalOf,
  type GroupKey,
  type ImpactFilter,
  type ImpactStatsRequest,
  type Measure,
} from './impact-request.js';

export const MAX_BUCKETS = 10_000;

const DECOMPOSABLE = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX'] as const;
type Decomposable = (typeof DECOMPOSABLE)[number];
/** Bucket values combined from the per-citation partial aggregates (c, nc, s, mn, mx) of p. */
const COMBINED: Record<Decomposable, string> = {
  COUNT: 'sum(p.c)',
  SUM: 'sum(p.s)',
  AVG: 'sum(p.s) / nullif(sum(p.nc), 0)',
  MIN: 'min(p.mn)',
  MAX: 'max(p.mx)',
};

/** Why a measure has no value in a bucket. */
export type UnavailableReason =
  'NO_NUMERIC_VALUES' | 'NO_PREVIOUS_PERIOD' | 'NO_PREVIOUS_VALUE' | 'PREVIOUS_VALUE_ZERO';

export interface MeasureValue {
  measure: Measure;
  /** The value as a float (for charts); null with `unavailableReason` when there is none. */
  value: number | null;
  /** The value exactly as PostgreSQL computed it (numeric arithmetic), trailing zeros trimmed. */
  decimal: string | null;
  unavailableReason: UnavailableReason | null;
}

export interface ImpactSource {
  url: string | null;
  title: string | null;
  publisher: string | null;
}

export interface ImpactBucket {
  jurisdiction: string | null;
  dimension: string | null;
  indicator: string | null;
  sector: string | null;
  region: string | null;
  /** The single unit of the bucket's rows; null when they are in several (only COUNT is then given). */
  unit: string | null;
  provisionId: string | null;
  provisionCode: string | null;
  assessmentId: string | null;
  assessmentTitle: string | null;
  periodType: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  periodLabel: string | null;
  rowCount: number;
  numericCount: number;
  textOnlyCount: number;
  values: MeasureValue[];
  sources: ImpactSource[];
}

export interface ImpactStatsResult {
  groupBy: GroupKey[];
  measures: Measure[];
  includeSynthetic: boolean;
  /** Rows matching the filter. */
  rowCount: number;
  /** Rows matching the filter whose period runs over more than one YEAR/QUARTER/MONTH: in no bucket. */
  rowsOutsideBuckets: number;
  /** The analytics generation the answer was computed from. */
  dataVersion: string;
  buckets: ImpactBucket[];
}

interface StatsRow {
  generation: string | null;
  spanning: number;
  row_count: number | null;
  numeric_count: number | null;
  unit_min: string | null;
  unit_max: string | null;
  bucket_start: string | null;
  k_jurisdiction?: string | null;
  jurisdiction_code?: string | null;
  k_dimension?: string | null;
  k_indicator?: string | null;
  k_sector?: string | null;
  k_region?: string | null;
  k_unit?: string | null;
  k_provision?: string | null;
  provision_code?: string | null;
  k_assessment?: string | null;
  assessment_title?: string | null;
  k_period_type?: string | null;
  has_previous?: boolean | null;
  previous_basis?: string | null;
  current_basis?: string | null;
  sources: string | null;
  [measure: string]: unknown;
}

/** "3008.000000" -> "3008", "0.500" -> "0.5"; other text unchanged. */
export function trimDecimal(text: string): string {
  if (!/^-?\d+\.\d+$/.test(text)) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function measureValue(measure: Measure, text: unknown, reason: UnavailableReason | null): MeasureValue {
  if (typeof text !== 'string')
    return { measure, value: null, decimal: null, unavailableReason: reason ?? 'NO_NUMERIC_VALUES' };
  const decimal = trimDecimal(text);
  return { measure, value: Number(decimal), decimal, unavailableReason: null };
}

function changeReason(row: StatsRow, percent: boolean): UnavailableReason | null {
  if (row.current_basis === null || row.current_basis === undefined) return 'NO_NUMERIC_VALUES';
  if (!row.has_previous) return 'NO_PREVIOUS_PERIOD';
  if (row.previous_basis === null || row.previous_basis === undefined) return 'NO_PREVIOUS_VALUE';
  if (percent && Number(row.previous_basis) === 0) return 'PREVIOUS_VALUE_ZERO';
  return null;
}

function attributeKeys(groupBy: readonly GroupKey[]): AttributeKey[] {
  return groupBy.filter((key): key is AttributeKey => key in ATTRIBUTE_COLUMNS);
}

export function buildImpactStatsSql(request: ImpactStatsRequest): Prisma.Sql {
  const interval = timeIntervalOf(request.groupBy);
  const attributes = attributeKeys(request.groupBy);
  const where = filterSql(request.filter, request.includeSynthetic);
  const bucket = interval ? bucketStartSql(interval) : Prisma.sql`NULL::date`;

  const keyColumns = attributes.map((key) =>
    Prisma.raw(`${ATTRIBUTE_COLUMNS[key].expression} AS ${ATTRIBUTE_COLUMNS[key].alias}`),
  );
  const groupColumns = [
    ...attributes.map((key) => Prisma.raw(ATTRIBUTE_COLUMNS[key].expression)),
    ...(interval ? [bucket] : []),
  ];
  const wantsChange = request.measures.includes('CHANGE') || request.measures.includes('CHANGE_PERCENT');
  // The bucket's unit range (min = max: one unit). Grouped by UNIT, the unit is the key itself:
  // no per-row comparisons needed.
  const byUnit = attributes.includes('UNIT');
  const unitMin = Prisma.raw(byUnit ? 'm."unit"' : 'min(m."unit" COLLATE "C")');
  const unitMax = Prisma.raw(byUnit ? 'm."unit"' : 'max(m."unit" COLLATE "C")');
  const measureColumns = request.measures
    .filter(
      (measure): measure is Exclude<Measure, 'CHANGE' | 'CHANGE_PERCENT'> =>
        measure !== 'CHANGE' && measure !== 'CHANGE_PERCENT',
    )
    .map((measure) => Prisma.sql`(${measureSql(measure)})::text AS ${Prisma.raw(MEASURE_ALIAS[measure])}`);
  if (wantsChange) measureColumns.push(Prisma.sql`(${measureSql(request.changeBasis)})::numeric AS c_basis`);

  // Sum-like measures only: aggregate first per citation (a hash aggregate PostgreSQL runs in
  // parallel), then combine the partial results per bucket, so the distinct sources come
  // without sorting every row. Medians, percentiles and first/last need the rows themselves.
  const decomposable = [...request.measures, ...(wantsChange ? [request.changeBasis] : [])].every(
    (measure) =>
      measure === 'CHANGE' || measure === 'CHANGE_PERCENT' || (DECOMPOSABLE as readonly string[]).includes(measure),
  );
  let bucketsSql: Prisma.Sql;
  if (decomposable) {
    const aliases = attributes.map((key) => Prisma.raw(ATTRIBUTE_COLUMNS[key].alias));
    const partialColumns = request.measures
      .filter((measure): measure is Decomposable => (DECOMPOSABLE as readonly string[]).includes(measure))
      .map((measure) => Prisma.sql`(${Prisma.raw(COMBINED[measure])})::text AS ${Prisma.raw(MEASURE_ALIAS[measure])}`);
    if (wantsChange)
      partialColumns.push(
        Prisma.sql`(${Prisma.raw(COMBINED[request.changeBasis as Decomposable])})::numeric AS c_basis`,
      );
    bucketsSql = Prisma.sql`
  SELECT ${Prisma.join(
    [
      ...aliases,
      Prisma.sql`to_char(p.bucket_date, 'YYYY-MM-DD') AS bucket_start`,
      Prisma.sql`sum(p.c)::int AS row_count`,
      Prisma.sql`sum(p.nc)::int AS numeric_count`,
      Prisma.sql`min(p.umin) AS unit_min`,
      Prisma.sql`max(p.umax) AS unit_max`,
      Prisma.sql`array_agg(p.cid) AS citation_ids`,
      ...partialColumns,
    ],
    ', ',
  )}
  FROM (
    SELECT ${Prisma.join(
      [
        ...keyColumns,
        Prisma.sql`${bucket} AS bucket_date`,
        Prisma.sql`m."citationId" AS cid, count(*) AS c, count(m."value") AS nc, sum(m."value") AS s, min(m."value") AS mn, max(m."value") AS mx`,
        Prisma.sql`${unitMin} AS umin, ${unitMax} AS umax`,
      ],
      ', ',
    )}
    FROM "ImpactMetric" m
    WHERE ${where}
    GROUP BY ${Prisma.join([...groupColumns, Prisma.sql`m."citationId"`], ', ')}
  ) p
  GROUP BY ${Prisma.join([...aliases, Prisma.sql`p.bucket_date`], ', ')}`;
  } else {
    const inner = Prisma.join(
      [
        ...keyColumns,
        Prisma.sql`to_char(${bucket}, 'YYYY-MM-DD') AS bucket_start`,
        Prisma.sql`count(*)::int AS row_count`,
        Prisma.sql`count(m."value")::int AS numeric_count`,
        Prisma.sql`${unitMin} AS unit_min`,
        Prisma.sql`${unitMax} AS unit_max`,
        Prisma.sql`array_agg(DISTINCT m."citationId") AS citation_ids`,
        ...measureColumns,
      ],
      ', ',
    );
    const groupBy = groupColumns.length > 0 ? Prisma.sql`GROUP BY ${Prisma.join(groupColumns, ', ')}` : Prisma.empty;
    bucketsSql = Prisma.sql`
  SELECT ${inner}
  FROM "ImpactMetric" m
  WHERE ${where}
  ${groupBy}`;
  }

  const outerColumns: Prisma.Sql[] = [
    ...attributes.map((key) => Prisma.raw(`b.${ATTRIBUTE_COLUMNS[key].alias}`)),
    Prisma.sql`b.bucket_start, b.row_count, b.numeric_count, b.unit_min, b.unit_max`,
    ...request.measures
      .filter((measure) => measure !== 'CHANGE' && measure !== 'CHANGE_PERCENT')
      .map((measure) => Prisma.raw(`b.${MEASURE_ALIAS[measure]}`)),
    Prisma.sql`${sourcesSql('b.citation_ids')} AS sources`,
  ];
  const joins: Prisma.Sql[] = [];
  const order: string[] = [];
  for (const key of attributes) {
    const alias = ATTRIBUTE_COLUMNS[key].alias;
    if (key === 'JURISDICTION') {
      outerColumns.push(Prisma.sql`j."code" AS jurisdiction_code`);
      joins.push(Prisma.sql`LEFT JOIN "Jurisdiction" j ON j."id" = b.k_jurisdiction`);
      order.push('j."code"');
    } else if (key === 'PROVISION') {
      outerColumns.push(Prisma.sql`cp."code" AS provision_code`);
      joins.push(Prisma.sql`LEFT JOIN "ControlProvision" cp ON cp."id" = b.k_provision`);
      order.push('cp."code" NULLS FIRST', 'b.k_provision NULLS FIRST');
    } else if (key === 'ASSESSMENT') {
      outerColumns.push(Prisma.sql`a."title" AS assessment_title`);
      joins.push(Prisma.sql`LEFT JOIN "ImpactAssessment" a ON a."id" = b.k_assessment`);
      order.push('a."title"', 'b.k_assessment');
    } else {
      order.push(`b.${alias}`);
    }
  }
  if (interval) order.push('b.bucket_start');
  if (wantsChange && interval) {
    const sameKeys = attributes.map(
      (key) => `p.${ATTRIBUTE_COLUMNS[key].alias} IS NOT DISTINCT FROM b.${ATTRIBUTE_COLUMNS[key].alias}`,
    );
    const previous = `p.bucket_start = to_char(b.bucket_start::date - ${INTERVAL_LITERAL[interval]}, 'YYYY-MM-DD')`;
    joins.push(Prisma.raw(`LEFT JOIN buckets p ON ${[...sameKeys, previous].join(' AND ')}`));
    outerColumns.push(
      Prisma.sql`(p.bucket_start IS NOT NULL) AS has_previous`,
      Prisma.sql`b.c_basis::text AS current_basis`,
      Prisma.sql`p.c_basis::text AS previous_basis`,
      Prisma.sql`(b.c_basis - p.c_basis)::text AS v_change`,
      Prisma.sql`CASE WHEN p.c_basis <> 0 THEN round((b.c_basis - p.c_basis) * 100 / abs(p.c_basis), 10)::text END AS v_change_percent`,
    );
  }
  const inBucket = interval ? Prisma.sql`b.bucket_start IS NOT NULL` : Prisma.sql`TRUE`;
  const spanning = interval ? Prisma.sql`b.bucket_start IS NULL` : Prisma.sql`FALSE`;

  return Prisma.sql`
WITH buckets AS (${bucketsSql}
),
meta AS (
  SELECT ${GENERATION_SQL} AS generation,
    (SELECT coalesce(sum(b.row_count), 0)::int FROM buckets b WHERE ${spanning}) AS spanning
)
SELECT meta.generation, meta.spanning, r.*
FROM meta LEFT JOIN LATERAL (
  SELECT ${Prisma.join(outerColumns, ', ')}
  FROM buckets b
  ${joins.length > 0 ? Prisma.join(joins, ' ') : Prisma.empty}
  WHERE ${inBucket} AND b.row_count > 0
  ORDER BY ${Prisma.raw(order.length > 0 ? order.join(', ') : '1')}
  LIMIT ${MAX_BUCKETS + 1}
) r ON true`;
}

/** Distinct units of the filtered rows (asked only to word a refusal). */
async function unitsOf(db: AnalyticsDb, filter: ImpactFilter, includeSynthetic: boolean): Promise<string[]> {
  const rows = await queryAggregate<{ unit: string }>(
    db,
    Prisma.sql`SELECT DISTINCT m."unit" COLLATE "C" AS unit FROM "ImpactMetric" m WHERE ${filterSql(filter, includeSynthetic)} ORDER BY 1`,
  );
  return rows.map((row) => row.unit);
}

function parseSources(text: string | null): ImpactSource[] {
  if (!text) return [];
  const parsed = JSON.parse(text) as Array<{ url: string | null; title: string | null; publisher: string | null }>;
  return parsed.map((source) => ({ url: source.url, title: source.title, publisher: source.publisher }));
}

export async function runImpactStats(db: AnalyticsDb, request: ImpactStatsRequest): Promise<ImpactStatsResult> {
  const rows = await queryAggregate<StatsRow>(db, buildImpactStatsSql(request));
  const first = rows[0];
  const generation = first?.generation ?? '';
  const spanning = first?.spanning ?? 0;
  const bucketRows = rows.filter((row) => row.row_count !== null);
  if (bucketRows.length > MAX_BUCKETS) throw new TooManyBucketsError(MAX_BUCKETS);

  const sensitive = request.measures.filter(isUnitSensitive);
  if (
    sensitive.length > 0 &&
    !request.groupBy.includes('UNIT') &&
    bucketRows.some((row) => row.unit_min !== row.unit_max)
  ) {
    throw new MixedUnitsError(await unitsOf(db, request.filter, request.includeSynthetic), sensitive);
  }

  const interval = timeIntervalOf(request.groupBy);
  const buckets = bucketRows.map((row): ImpactBucket => {
    const period = interval && row.bucket_start ? periodOf(interval, row.bucket_start) : null;
    const rowCount = row.row_count ?? 0;
    const numericCount = row.numeric_count ?? 0;
    return {
      jurisdiction: row.jurisdiction_code ?? null,
      dimension: row.k_dimension ?? null,
      indicator: row.k_indicator ?? null,
      sector: row.k_sector ?? null,
      region: row.k_region ?? null,
      unit: row.unit_min === row.unit_max ? row.unit_min : null,
      provisionId: row.k_provision ?? null,
      provisionCode: row.provision_code ?? null,
      assessmentId: row.k_assessment ?? null,
      assessmentTitle: row.assessment_title ?? null,
      periodType: row.k_period_type ?? null,
      periodStart: period?.start ?? null,
      periodEnd: period?.end ?? null,
      periodLabel: period?.label ?? null,
      rowCount,
      numericCount,
      textOnlyCount: rowCount - numericCount,
      values: request.measures.map((measure) => {
        if (measure === 'CHANGE' || measure === 'CHANGE_PERCENT') {
          const reason = changeReason(row, measure === 'CHANGE_PERCENT');
          return reason
            ? measureValue(measure, null, reason)
            : measureValue(measure, row[MEASURE_ALIAS[measure]], null);
        }
        return measureValue(measure, row[MEASURE_ALIAS[measure]], null);
      }),
      sources: parseSources(row.sources),
    };
  });
  return {
    groupBy: request.groupBy,
    measures: request.measures,
    includeSynthetic: request.includeSynthetic,
    rowCount: buckets.reduce((sum, bucket) => sum + bucket.rowCount, 0) + spanning,
    rowsOutsideBuckets: spanning,
    dataVersion: generation,
    buckets,
  };
}
