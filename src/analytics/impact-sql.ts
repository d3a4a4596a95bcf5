// SQL fragments for the impact aggregations. Every client value reaches PostgreSQL as a bound
// parameter (Prisma.sql); the only text spliced in (Prisma.raw) comes from the fixed maps in
// this file, chosen by enum values that were validated before.
import type { Database } from '../db/database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { ChangeBasis, GroupKey, ImpactFilter, Measure, TimeInterval } from './impact-request.js';

/** What the analytics read the database through: Prisma, and the pg pool on PostgreSQL. */
export type AnalyticsDb = Pick<Database, 'prisma' | 'pool'>;

export type AttributeKey = Exclude<GroupKey, TimeInterval>;

/** Group-by column per attribute key: the expression on "ImpactMetric" m and its output alias. */
export const ATTRIBUTE_COLUMNS: Record<AttributeKey, { expression: string; alias: string }> = {
  JURISDICTION: { expression: 'm."jurisdictionId"', alias: 'k_jurisdiction' },
  DIMENSION: { expression: 'm."dimension"::text', alias: 'k_dimension' },
  INDICATOR: { expression: 'm."indicator"', alias: 'k_indicator' },
  SECTOR: { expression: 'm."sector"', alias: 'k_sector' },
  REGION: { expression: 'm."region"', alias: 'k_region' },
  UNIT: { expression: 'm."unit"', alias: 'k_unit' },
  PROVISION: { expression: 'm."provisionId"', alias: 'k_provision' },
  ASSESSMENT: { expression: 'm."assessmentId"', alias: 'k_assessment' },
  PERIOD_TYPE: { expression: 'm."periodType"::text', alias: 'k_period_type' },
};

const TRUNC_UNIT: Record<TimeInterval, string> = { YEAR: 'year', QUARTER: 'quarter', MONTH: 'month' };
export const INTERVAL_LITERAL: Record<TimeInterval, string> = {
  YEAR: "interval '1 year'",
  QUARTER: "interval '3 months'",
  MONTH: "interval '1 month'",
};

/**
 * Start of the interval holding the row's whole period; NULL when the period runs over two or
 * more intervals (FY2008 spans two calendar years): such a row belongs to no bucket and is
 * counted apart, never split or moved.
 */
export function bucketStartSql(interval: TimeInterval): Prisma.Sql {
  const unit = TRUNC_UNIT[interval];
  return Prisma.raw(
    `CASE WHEN date_trunc('${unit}', m."periodStart"::timestamp) = date_trunc('${unit}', m."periodEnd"::timestamp) ` +
      `THEN date_trunc('${unit}', m."periodStart"::timestamp)::date END`,
  );
}

export function truncDateSql(interval: TimeInterval, day: string): Prisma.Sql {
  return Prisma.sql`date_trunc(${Prisma.raw(`'${TRUNC_UNIT[interval]}'`)}, ${day}::date::timestamp)::date`;
}

const MEASURE_EXPRESSIONS: Record<Exclude<Measure, 'CHANGE' | 'CHANGE_PERCENT'>, string> = {
  // Every row of the bucket, numeric or not.
  COUNT: 'count(*)',
  SUM: 'sum(m."value")',
  AVG: 'avg(m."value")',
  MIN: 'min(m."value")',
  MAX: 'max(m."value")',
  MEDIAN: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY m."value"::float8)',
  P90: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY m."value"::float8)',
  // The value of the row whose period starts first (ties: the shorter period, then the id).
  FIRST:
    '(array_agg(m."value" ORDER BY m."periodStart", m."periodEnd", m."id") FILTER (WHERE m."value" IS NOT NULL))[1]',
  // The value of the row whose period ends last (ties: the later start, then the id).
  LAST: '(array_agg(m."value" ORDER BY m."periodEnd" DESC, m."periodStart" DESC, m."id" DESC) FILTER (WHERE m."value" IS NOT NULL))[1]',
};

export function measureSql(measure: Exclude<Measure, 'CHANGE' | 'CHANGE_PERCENT'> | ChangeBasis): Prisma.Sql {
  return Prisma.raw(MEASURE_EXPRESSIONS[measure]);
}

export const MEASURE_ALIAS: Record<Measure, string> = {
  COUNT: 'v_count',
  SUM: 'v_sum',
  AVG: 'v_avg',
  MIN: 'v_min',
  MAX: 'v_max',
  MEDIAN: 'v_median',
  P90: 'v_p90',
  FIRST: 'v_first',
  LAST: 'v_last',
  CHANGE: 'v_change',
  CHANGE_PERCENT: 'v_change_percent',
};

const PERIOD_TYPE_CAST = Prisma.raw('::"PeriodType"');
const DIMENSION_CAST = Prisma.raw('::"MetricDimension"');

function inList(column: string, values: readonly string[], cast: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(column)} IN (${Prisma.join(values.map((value) => Prisma.sql`${value}${cast}`))})`;
}

/** WHERE conditions of a filter on "ImpactMetric" m (a conjunction; TRUE when empty). */
export function filterSql(filter: ImpactFilter, includeSynthetic: boolean): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (!includeSynthetic) conditions.push(Prisma.sql`m."synthetic" = false`);
  if (filter.jurisdictions.length > 0) {
    // = ANY(ARRAY(subquery)), not IN (subquery): the semi-join made PostgreSQL estimate a few
    // hundred rows where there are tens of thousands, and so sort (spilling to disk) where a
    // hash aggregate is several times cheaper. The array is an InitPlan computed once.
    conditions.push(
      Prisma.sql`m."jurisdictionId" = ANY(ARRAY(SELECT j."id" FROM "Jurisdiction" j WHERE ${inList('j."code"', filter.jurisdictions)}))`,
    );
  }
  if (filter.dimensions.length > 0) conditions.push(inList('m."dimension"', filter.dimensions, DIMENSION_CAST));
  if (filter.indicators.length > 0) conditions.push(inList('m."indicator"', filter.indicators));
  if (filter.sectors.length > 0) conditions.push(inList('m."sector"', filter.sectors));
  if (filter.regions.length > 0) conditions.push(inList('m."region"', filter.regions));
  if (filter.units.length > 0) conditions.push(inList('m."unit"', filter.units));
  if (filter.periodTypes.length > 0) conditions.push(inList('m."periodType"', filter.periodTypes, PERIOD_TYPE_CAST));
  if (filter.provisionCodes.length > 0) {
    conditions.push(
      Prisma.sql`m."provisionId" = ANY(ARRAY(SELECT cp."id" FROM "ControlProvision" cp WHERE ${inList('cp."code"', filter.provisionCodes)}))`,
    );
  }
  if (filter.provisionIds.length > 0) conditions.push(inList('m."provisionId"', filter.provisionIds));
  if (filter.assessmentIds.length > 0) conditions.push(inList('m."assessmentId"', filter.assessmentIds));
  if (filter.periodFrom) conditions.push(Prisma.sql`m."periodStart" >= ${filter.periodFrom}::date`);
  if (filter.periodTo) conditions.push(Prisma.sql`m."periodEnd" <= ${filter.periodTo}::date`);
  return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

/** The generation the analytics cache is keyed by, read in the statement's own snapshot. */
export const GENERATION_SQL = Prisma.sql`(SELECT "generation"::text FROM "AnalyticsGeneration" WHERE "scope" = 'analytics')`;

/** Sources of a bucket: its distinct citations, ordered, as JSON text. */
export function sourcesSql(citationIds: string): Prisma.Sql {
  return Prisma.raw(
    `(SELECT json_agg(json_build_object('url', c."url", 'title', c."title", 'publisher', c."publisher") ORDER BY c."url", c."title", c."id")::text ` +
      `FROM "Citation" c WHERE c."id" = ANY(${citationIds}))`,
  );
}

/**
 * Runs one aggregate statement in a transaction of its own with settings for aggregating tens
 * of thousands of rows: work_mem 32 MB (the default 4 MB made the grouping sort spill to disk,
 * and kept the planner from hash aggregation), and no JIT (compiling costs more than these
 * statements run, and the generous row estimates of `= ANY(ARRAY(...))` put plans past
 * jit_optimize_above_cost: 490 ms instead of 40 ms on the bench's EU query). SET LOCAL ends
 * with the transaction, so pooled connections keep their defaults. The statement still reads
 * the generation in its own snapshot (see GENERATION_SQL).
 *
 * On PostgreSQL it goes straight to the pg pool behind Prisma (Database.pool), in two round trips
 * where Prisma's batch transaction takes four: BEGIN and the two SET LOCAL in one simple-query
 * message, then the statement; COMMIT (of a read-only transaction whose rows are already read)
 * is sent without holding up the answer, the connection going back to the pool once it is
 * done (or being discarded if it fails). Prisma's raw query layer also costs about 3 ms of CPU
 * per statement. Every column these statements return is text, int or boolean (numbers as
 * ::text), which pg and Prisma hand back alike.
 */
export async function queryAggregate<T extends object>(db: AnalyticsDb, sql: Prisma.Sql): Promise<T[]> {
  const { prisma, pool } = db;
  if (pool) {
    const client = await pool.connect();
    let rows: T[];
    try {
      await client.query("BEGIN; SET LOCAL work_mem = '32MB'; SET LOCAL jit = off");
      rows = (await client.query(sql.text, sql.values)).rows as T[];
    } catch (error) {
      await client.query('ROLLBACK').then(
        () => client.release(),
        (rollbackError: unknown) => client.release(rollbackError instanceof Error ? rollbackError : true),
      );
      throw error;
    }
    client.query('COMMIT').then(
      () => client.release(),
      (commitError: unknown) => client.release(commitError instanceof Error ? commitError : true),
    );
    return rows;
  }
  const [, rows] = await prisma.$transaction([
    prisma.$queryRaw`SELECT set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`,
    prisma.$queryRaw<T[]>(sql),
  ]);
  return rows;
}
