// Synthetic ImpactMetric rows for benchmarks: generated inside PostgreSQL by one
// INSERT ... SELECT over generate_series (no row crosses the wire), shaped after the real
// rows (their indicators, dimensions, units, period kinds, sectors, regions, assessments and
// magnitudes), every one marked synthetic = true and citing one clearly labelled synthetic
// citation. Normal queries exclude them (synthetic = false); `removeSyntheticMetrics` deletes
// them. Re-running with the same row count is a no-op; another count replaces them.
import type pg from 'pg';

export const SYNTHETIC_CITATION_ID = 'synthetic-bench-citation';
const SYNTHETIC_CITATION_KEY = 'synthetic:bench-data';
/** First year of the synthetic periods; they run for 25 years. */
const FIRST_YEAR = 2000;
const YEARS = 25;

export interface GenerateReport {
  status: 'created' | 'unchanged';
  rows: number;
  ms: number;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

export async function syntheticMetricCount(client: Queryable): Promise<number> {
  const result = await client.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM "ImpactMetric" WHERE "synthetic"',
  );
  return result.rows[0]?.count ?? 0;
}

/** Inserts `rows` synthetic metrics (replacing any), in one transaction. */
export async function generateSyntheticMetrics(client: Queryable, rows: number, seed = 0.42): Promise<GenerateReport> {
  if (!Number.isInteger(rows) || rows < 1 || rows > 50_000_000)
    throw new RangeError(`rows must be an integer from 1 to 50,000,000; got ${rows}`);
  const started = performance.now();
  if ((await syntheticMetricCount(client)) === rows)
    return { status: 'unchanged', rows, ms: Math.round(performance.now() - started) };
  await client.query('BEGIN');
  try {
    await client.query('SELECT setseed($1)', [seed]);
    await client.query(
      `INSERT INTO "Citation" ("id", "key", "sourceType", "title", "publisher", "note")
       VALUES ($1, $2, 'URL', 'SYNTHETIC benchmark data: not a reported figure', 'kb bench generator (npm run bench:data)',
               'Rows citing this are generated for load tests (ImpactMetric.synthetic = true) and excluded from normal answers.')
       ON CONFLICT ("key") DO NOTHING`,
      [SYNTHETIC_CITATION_ID, SYNTHETIC_CITATION_KEY],
    );
    await client.query('DELETE FROM "ImpactMetric" WHERE "synthetic"');
    // Templates: the real numeric rows. Sectors and regions are drawn from the real vocabulary
    // of the same jurisdiction, so filters on them select realistic shares.
    await client.query(`
      CREATE TEMP TABLE synthetic_templates ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY m."sourceKey") - 1)::int AS t, m."assessmentId", m."jurisdictionId", m."dimension",
             m."indicator", m."value", m."unit", m."periodType", m."sector", m."region"
      FROM "ImpactMetric" m WHERE NOT m."synthetic" AND m."value" IS NOT NULL`);
    const templates =
      (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM synthetic_templates')).rows[0]
        ?.count ?? 0;
    if (templates === 0) throw new Error('No real impact metrics to model synthetic rows on: seed the database first.');
    await client.query(`
      CREATE TEMP TABLE synthetic_vocabulary ON COMMIT DROP AS
      SELECT "jurisdictionId", array_agg(DISTINCT "sector") AS sectors, array_agg(DISTINCT "region") AS regions
      FROM "ImpactMetric" WHERE NOT "synthetic" GROUP BY "jurisdictionId"`);
    await client.query(
      `
      INSERT INTO "ImpactMetric" ("id", "sourceKey", "contentHash", "assessmentId", "jurisdictionId", "provisionId", "dimension", "indicator",
        "value", "valueText", "unit", "period", "periodType", "periodStart", "periodEnd", "sector", "region", "quote", "notes", "synthetic", "citationId")
      SELECT 'synthetic-' || g.n, 'synthetic:' || g.n, 'synthetic', t."assessmentId", t."jurisdictionId", NULL, t."dimension", t."indicator",
        CASE WHEN g.r_null < 0.002 THEN NULL
             WHEN t."unit" = 'percent' THEN round(least(100, t."value" * (0.5 + g.r_value))::numeric, 1)
             WHEN t."unit" IN ('count', 'days', 'items') THEN round(t."value" * (0.5 + g.r_value))
             ELSE round((t."value" * (0.5 + g.r_value))::numeric, 3) END,
        CASE WHEN g.r_null < 0.002 THEN 'not stated (synthetic)' END,
        t."unit", p.label, p.kind::"PeriodType", p.start_day, p.end_day,
        v.sectors[1 + floor(g.r_sector * array_length(v.sectors, 1))::int],
        v.regions[1 + floor(g.r_region * array_length(v.regions, 1))::int],
        'SYNTHETIC benchmark row: not a reported figure.', NULL, true, $3
      FROM (
        SELECT n, random() AS r_value, random() AS r_null, random() AS r_sector, random() AS r_region, random() AS r_period
        FROM generate_series(0, $1::int - 1) AS n
      ) g
      JOIN synthetic_templates t ON t.t = g.n % $2::int
      JOIN synthetic_vocabulary v ON v."jurisdictionId" = t."jurisdictionId"
      CROSS JOIN LATERAL (
        SELECT
          CASE t."periodType"
            WHEN 'CALENDAR_QUARTER' THEN make_date(${FIRST_YEAR} + q / 4, 1 + 3 * (q % 4), 1)
            WHEN 'CALENDAR_YEAR' THEN make_date(${FIRST_YEAR} + y, 1, 1)
            WHEN 'US_FISCAL_YEAR' THEN make_date(${FIRST_YEAR} + y - 1, 10, 1)
            ELSE make_date(${FIRST_YEAR} + mo / 12, 1 + mo % 12, 1) END AS start_day,
          CASE t."periodType"
            WHEN 'CALENDAR_QUARTER' THEN (make_date(${FIRST_YEAR} + q / 4, 1 + 3 * (q % 4), 1) + interval '3 months' - interval '1 day')::date
            WHEN 'CALENDAR_YEAR' THEN make_date(${FIRST_YEAR} + y, 12, 31)
            WHEN 'US_FISCAL_YEAR' THEN make_date(${FIRST_YEAR} + y, 9, 30)
            ELSE (make_date(${FIRST_YEAR} + mo / 12, 1 + mo % 12, 1) + interval '1 month' - interval '1 day')::date END AS end_day,
          CASE t."periodType"
            WHEN 'CALENDAR_QUARTER' THEN (${FIRST_YEAR} + q / 4) || ' Q' || (1 + q % 4)
            WHEN 'CALENDAR_YEAR' THEN (${FIRST_YEAR} + y)::text
            WHEN 'US_FISCAL_YEAR' THEN 'FY' || (${FIRST_YEAR} + y)
            ELSE to_char(make_date(${FIRST_YEAR} + mo / 12, 1 + mo % 12, 1), 'YYYY-MM-DD') || ' to ' ||
                 to_char((make_date(${FIRST_YEAR} + mo / 12, 1 + mo % 12, 1) + interval '1 month' - interval '1 day')::date, 'YYYY-MM-DD') END AS label,
          CASE WHEN t."periodType" IN ('CALENDAR_QUARTER', 'CALENDAR_YEAR', 'US_FISCAL_YEAR') THEN t."periodType"::text ELSE 'DATE_RANGE' END AS kind
        FROM (SELECT floor(g.r_period * ${YEARS * 4})::int AS q, floor(g.r_period * ${YEARS})::int AS y, floor(g.r_period * ${YEARS * 12})::int AS mo) AS pick
      ) p`,
      [rows, templates, SYNTHETIC_CITATION_ID],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query('ANALYZE "ImpactMetric"');
  return { status: 'created', rows, ms: Math.round(performance.now() - started) };
}

export async function removeSyntheticMetrics(client: Queryable): Promise<number> {
  await client.query('BEGIN');
  try {
    const deleted = await client.query('DELETE FROM "ImpactMetric" WHERE "synthetic"');
    await client.query(
      'DELETE FROM "Citation" WHERE "id" = $1 AND NOT EXISTS (SELECT 1 FROM "ImpactMetric" WHERE "citationId" = $1)',
      [SYNTHETIC_CITATION_ID],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE "ImpactMetric"');
    return deleted.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
