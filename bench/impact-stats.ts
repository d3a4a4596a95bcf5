// `npm run bench` (impact-stats part): typical dashboard aggregates over 1,000,000 synthetic
// impact metrics (plus the 96 real ones) on PostgreSQL, through GraphQL over HTTP (cache off)
// against the same aggregation as hand-written SQL behind a bare HTTP handler, then the same
// GraphQL requests answered from the cache. Prints p50, p95, their ratio, cache hits/misses,
// and how long the generator took. Load: autocannon in its own process (load-runner.ts),
// latencies in an HDR histogram.
import '../src/cli/production-default.js';
import { createServer } from 'node:http';
import pg from 'pg';
import { generateSyntheticMetrics } from '../src/analytics/synthetic-metrics.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase, startService } from '../src/server/service.js';
import { createThrowawayDatabase, listen } from './throwaway-postgres.js';
import { startLoadRunner, type LoadFigures } from './load-runner.js';

const ROWS = Number(process.env.BENCH_IMPACT_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);

interface DashboardQuery {
  name: string;
  graphql: string;
  /** The same aggregation written by hand: one statement returning JSON. */
  sql: string;
}

const bucketsOf = (data: unknown) => (data as { impactStats: { buckets: unknown[] } }).impactStats.buckets.length;
const rowCountOf = (data: unknown) => (data as { impactStats: { rowCount: number } }).impactStats.rowCount;

// The hand-written SQL gives the same answer as the GraphQL query, field for field that the
// query asks for: buckets of the rows whose period lies in one year / quarter (others are
// counted in rowCount, as GraphQL's rowsOutsideBuckets), the unit checked for mixing (min =
// max), the distinct sources, and CHANGE against the immediately preceding quarter (not merely
// the previous bucket). It is the natural one-statement query a person would write (a join on
// the jurisdiction code, GROUP BY with array_agg(DISTINCT)), and runs with the same session
// settings as the GraphQL path (work_mem 32MB, jit off; see queryAggregate in impact-sql.ts).
const QUARTER_SQL = `CASE WHEN date_trunc('quarter', m."periodStart"::timestamp) = date_trunc('quarter', m."periodEnd"::timestamp) THEN date_trunc('quarter', m."periodStart"::timestamp)::date END`;
const YEAR_SQL = `CASE WHEN date_trunc('year', m."periodStart"::timestamp) = date_trunc('year', m."periodEnd"::timestamp) THEN date_trunc('year', m."periodStart"::timestamp)::date END`;
const SOURCES = `(SELECT json_agg(json_build_object('url', c.url, 'publisher', c.publisher) ORDER BY c.url, c.title, c.id) FROM "Citation" c WHERE c.id = ANY(b.cids))`;
const QUERIES: DashboardQuery[] = [
  {
    name: 'UK SIEL decisions by quarter: sum, count, change, change %',
    graphql: `{ impactStats(includeSynthetic: true, filter: { jurisdictions: ["UK"], indicators: ["SIEL licensing decisions"] }, groupBy: [QUARTER], measures: [SUM, COUNT, CHANGE, CHANGE_PERCENT]) {
      rowCount buckets { periodLabel unit rowCount values { measure decimal unavailableReason } sources { url publisher } } } }`,
    sql: `
      WITH a AS (
        SELECT ${QUARTER_SQL} AS period, min(m.unit COLLATE "C") AS unit_min, max(m.unit COLLATE "C") AS unit_max, count(*) AS rows,
          sum(m.value) AS total, array_agg(DISTINCT m."citationId") AS cids
        FROM "ImpactMetric" m JOIN "Jurisdiction" j ON j.id = m."jurisdictionId"
        WHERE j.code = 'UK' AND m.indicator = 'SIEL licensing decisions'
        GROUP BY 1
      ), b AS (
        SELECT a.*, p.total AS previous, p.period IS NOT NULL AS has_previous
        FROM a LEFT JOIN a p ON p.period = (a.period - interval '3 months')::date
        WHERE a.period IS NOT NULL
      )
      SELECT json_build_object('rowCount', (SELECT coalesce(sum(a.rows), 0) FROM a), 'buckets', coalesce((
        SELECT json_agg(json_build_object('period', b.period, 'unit', CASE WHEN b.unit_min = b.unit_max THEN b.unit_min END, 'rows', b.rows,
          'total', b.total, 'change', b.total - b.previous, 'change_percent', round((b.total - b.previous) * 100 / nullif(abs(b.previous), 0), 10),
          'has_previous', b.has_previous, 'sources', ${SOURCES}) ORDER BY b.period)
        FROM b), '[]')) AS result`,
  },
  {
    name: 'EU denials by year and unit: count, sum, median, p90',
    graphql: `{ impactStats(includeSynthetic: true, filter: { jurisdictions: ["EU"], dimensions: [DENIALS] }, groupBy: [YEAR, UNIT], measures: [COUNT, SUM, MEDIAN, P90]) {
      rowCount buckets { periodLabel unit rowCount values { measure decimal } sources { url publisher } } } }`,
    sql: `
      WITH b AS (
        SELECT m.unit, ${YEAR_SQL} AS period, count(*) AS rows, sum(m.value) AS total,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value::float8) AS median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY m.value::float8) AS p90, array_agg(DISTINCT m."citationId") AS cids
        FROM "ImpactMetric" m JOIN "Jurisdiction" j ON j.id = m."jurisdictionId"
        WHERE j.code = 'EU' AND m.dimension = 'DENIALS'
        GROUP BY 1, 2
      )
      SELECT json_build_object('rowCount', (SELECT coalesce(sum(b.rows), 0) FROM b), 'buckets', coalesce((
        SELECT json_agg(json_build_object('unit', b.unit, 'period', b.period, 'rows', b.rows, 'total', b.total, 'median', b.median, 'p90', b.p90,
          'sources', ${SOURCES}) ORDER BY b.unit, b.period)
        FROM b WHERE b.period IS NOT NULL), '[]')) AS result`,
  },
  {
    name: 'US licensing volume by indicator and quarter: sum, avg, min, max',
    graphql: `{ impactStats(includeSynthetic: true, filter: { jurisdictions: ["US"], dimensions: [LICENSING_VOLUME], periodFrom: "2015-01-01" }, groupBy: [INDICATOR, QUARTER], measures: [SUM, AVG, MIN, MAX]) {
      rowCount buckets { indicator periodLabel unit rowCount values { measure decimal } sources { url publisher } } } }`,
    sql: `
      WITH b AS (
        SELECT m.indicator, ${QUARTER_SQL} AS period, min(m.unit COLLATE "C") AS unit_min, max(m.unit COLLATE "C") AS unit_max, count(*) AS rows,
          sum(m.value) AS total, avg(m.value) AS mean, min(m.value) AS low, max(m.value) AS high, array_agg(DISTINCT m."citationId") AS cids
        FROM "ImpactMetric" m JOIN "Jurisdiction" j ON j.id = m."jurisdictionId"
        WHERE j.code = 'US' AND m.dimension = 'LICENSING_VOLUME' AND m."periodStart" >= '2015-01-01'
        GROUP BY 1, 2
      )
      SELECT json_build_object('rowCount', (SELECT coalesce(sum(b.rows), 0) FROM b), 'buckets', coalesce((
        SELECT json_agg(json_build_object('indicator', b.indicator, 'period', b.period, 'unit', CASE WHEN b.unit_min = b.unit_max THEN b.unit_min END,
          'rows', b.rows, 'total', b.total, 'mean', b.mean, 'low', b.low, 'high', b.high, 'sources', ${SOURCES}) ORDER BY b.indicator, b.period)
        FROM b WHERE b.period IS NOT NULL), '[]')) AS result`,
  },
];

type Figures = LoadFigures;

async function postJson(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return response.json();
}

async function main() {
  const throwaway = await createThrowawayDatabase();
  const url = throwaway.url;
  const config = loadConfig({
    DATABASE_URL: url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: String(CONNECTIONS),
    DB_STATEMENT_TIMEOUT_MS: '120000',
  });
  const logger = createLogger(config);
  const db = await openDatabase(config);
  // The hand-written SQL gets the session settings the GraphQL path sets per statement.
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS, options: '-c work_mem=32MB -c jit=off' });
  // DROP DATABASE ... WITH (FORCE) at the end terminates whatever connection is still idle.
  pool.on('error', () => undefined);
  try {
    await prepareDatabase(db, config, logger);
    const generator = await pool.connect();
    const generated = await generateSyntheticMetrics(generator, ROWS).finally(() => generator.release());
    // A freshly loaded table: let autovacuum's work (visibility map) not land inside the timing.
    await pool.query('VACUUM ANALYZE "ImpactMetric"');
    // And write the freshly dirtied pages out now: a checkpoint of the 1M-row load running during
    // the timed runs took CPU and disk from the requests (cached p95 4-6 ms, 2.4-3.7 ms on 20,000 rows).
    await pool.query('CHECKPOINT');

    const service = await startService(config, logger, { database: db, prepared: true });
    const { cache: aggregateCache } = (await service.ready).analytics;
    const responseCache = service.responseCache;
    const graphqlUrl = `${service.url}/graphql`;
    const loadClient = startLoadRunner(CONNECTIONS);
    const load = (url: string, body: string, requests = REQUESTS) => loadClient.load(url, body, requests);

    let current = 0;
    const bare = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const query = QUERIES[current];
        if (!query) throw new Error('no query');
        pool.query<{ result: unknown }>(query.sql).then(
          (result) => {
            response.setHeader('content-type', 'application/json');
            response.end(JSON.stringify({ data: result.rows[0]?.result }));
          },
          (error: unknown) => {
            response.statusCode = 500;
            response.end(String(error));
          },
        );
      });
    });
    const bareUrl = await listen(bare);

    console.log(
      `impactStats on PostgreSQL: ${ROWS.toLocaleString('en')} synthetic + 96 real metric rows (generator: ${generated.status}, ${generated.ms} ms)`,
    );
    console.log(
      `load: ${REQUESTS} requests x ${CONNECTIONS} connections per run, PostgreSQL pool ${CONNECTIONS}; best of 2 runs each`,
    );
    const table: Record<string, Record<string, number | string>> = {};
    const best = (list: Figures[]) => list.reduce((a, b) => (b.p95 < a.p95 ? b : a));
    for (const [index, query] of QUERIES.entries()) {
      current = index;
      const body = JSON.stringify({ query: query.graphql });
      const viaGraphql = (await postJson(graphqlUrl, body)) as { data?: unknown; errors?: unknown };
      if (!viaGraphql.data) throw new Error(`GraphQL failed for ${query.name}: ${JSON.stringify(viaGraphql.errors)}`);
      const viaSql = (await postJson(bareUrl, '{}')) as { data: { rowCount: number; buckets: unknown[] } };
      if (
        bucketsOf(viaGraphql.data) !== viaSql.data.buckets.length ||
        rowCountOf(viaGraphql.data) !== Number(viaSql.data.rowCount)
      ) {
        throw new Error(
          `${query.name}: GraphQL has ${bucketsOf(viaGraphql.data)} buckets of ${rowCountOf(viaGraphql.data)} rows, SQL ${viaSql.data.buckets.length} of ${viaSql.data.rowCount}`,
        );
      }

      aggregateCache.enabled = false;
      await load(bareUrl, '{}', Math.ceil(REQUESTS / 4));
      await load(graphqlUrl, body, Math.ceil(REQUESTS / 4));
      const runs = { sql: [] as Figures[], graphql: [] as Figures[] };
      for (let round = 0; round < 2; round += 1) {
        runs.sql.push(await load(bareUrl, '{}'));
        runs.graphql.push(await load(graphqlUrl, body));
      }
      const sql = best(runs.sql);
      const graphql = best(runs.graphql);

      aggregateCache.enabled = true;
      aggregateCache.resetStats();
      responseCache.resetStats();
      await postJson(graphqlUrl, body);
      // Warm-up and best of 2, as for the uncached runs above.
      await load(graphqlUrl, body, Math.ceil(REQUESTS / 4));
      const cached = best([await load(graphqlUrl, body), await load(graphqlUrl, body)]);
      const stats = aggregateCache.stats();

      table[`Q${index + 1} ${query.name}`] = {
        buckets: viaSql.data.buckets.length,
        'SQL p50': sql.p50,
        'SQL p95': sql.p95,
        'GraphQL p50': graphql.p50,
        'GraphQL p95': graphql.p95,
        'ratio p95': Number((graphql.p95 / sql.p95).toFixed(2)),
        'cached p50': cached.p50,
        'cached p95': cached.p95,
        'response hits': responseCache.hits,
        'response misses': responseCache.misses,
        'aggregate hits': stats.hits,
        'aggregate misses': stats.misses,
        errors: sql.errors + graphql.errors + cached.errors,
      };
    }
    console.table(table);
    console.log(
      'ms; "ratio p95" = GraphQL p95 / hand-written SQL p95 (caches off); cached = GraphQL with the caches on (every hit reads the generation: one primary-key read). Response hits skip GraphQL execution; aggregate hits are field-level hits inside executed operations.',
    );

    loadClient.stop();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await service.stop();
  } finally {
    await pool.end().catch(() => undefined);
    await db.close().catch(() => undefined);
    await throwaway.drop();
  }
}

await main();
