// `npm run bench`: the nested provisions read over HTTP+GraphQL against the same rows fetched
// by one hand-written SQL query and returned as JSON by a bare HTTP handler in the same
// process, both on PostgreSQL. Prints p50, p95, their ratios and SQL statements per request.
// Load comes from autocannon (fixed request count, fixed concurrency) in its own process
// (load-runner.ts); each response time is recorded in an HDR histogram, because autocannon's
// summary has no p95.
import { createServer } from 'node:http';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase, startService } from '../src/server/service.js';
import { createThrowawayDatabase, listen } from './throwaway-postgres.js';
import { startLoadRunner, type LoadFigures } from './load-runner.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PAGE = 50;

const GRAPHQL_QUERY = `query NestedRead($first: Int!) {
  provisions(first: $first, filter: { regime: US_EAR, category: "6" }) {
    edges { node {
      code title
      thresholds { paragraph textVerbatim exponentNote unit value }
      exemptions { basis exemption { name legalBasis kind } }
      citation { url repository path commit section }
    } }
  }
}`;

// The same rows as the GraphQL query, in one statement.
const BASELINE_SQL = `
SELECT coalesce(json_agg(row_to_json(p) ORDER BY p.code, p.id), '[]'::json) AS provisions FROM (
  SELECT cp.id, cp.code, cp.title,
    (SELECT coalesce(json_agg(json_build_object('paragraph', t.paragraph, 'textVerbatim', t."textVerbatim",
        'exponentNote', t."exponentNote", 'unit', t.unit, 'value', t.value) ORDER BY t.ordinal, t.id), '[]'::json)
       FROM "Threshold" t WHERE t."provisionId" = cp.id) AS thresholds,
    (SELECT coalesce(json_agg(json_build_object('basis', ep.basis, 'exemption',
        json_build_object('name', e.name, 'legalBasis', e."legalBasis", 'kind', e.kind)) ORDER BY e."sourceKey"), '[]'::json)
       FROM "ExemptionProvision" ep JOIN "Exemption" e ON e.id = ep."exemptionId" WHERE ep."provisionId" = cp.id) AS exemptions,
    json_build_object('url', c.url, 'repository', c.repository, 'path', c.path, 'commit', c.commit, 'section', c.section) AS citation
  FROM "ControlProvision" cp JOIN "Citation" c ON c.id = cp."citationId"
  WHERE cp.regime = 'US_EAR' AND cp.category = '6' AND cp.kind = 'ENTRY' AND cp.status = 'CURRENT'
  ORDER BY cp.code, cp.id
  LIMIT $1
) p`;

type Figures = LoadFigures;

async function main() {
  const throwaway = await createThrowawayDatabase();
  const url = throwaway.url;
  const config = loadConfig({ DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'silent', DB_POOL_SIZE: String(CONNECTIONS) });
  const logger = createLogger(config);
  const db = await openDatabase(config);
  try {
    await prepareDatabase(db, config, logger);
    const service = await startService(config, logger, { database: db, prepared: true });
    await service.ready;

    const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
    // DROP DATABASE ... WITH (FORCE) at the end terminates whatever connection is still idle.
    pool.on('error', () => undefined);
    const bare = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        pool.query<{ provisions: unknown }>(BASELINE_SQL, [PAGE]).then(
          (result) => {
            response.setHeader('content-type', 'application/json');
            response.end(JSON.stringify({ data: { provisions: result.rows[0]?.provisions } }));
          },
          (error: unknown) => {
            response.statusCode = 500;
            response.end(String(error));
          },
        );
      });
    });
    const bareUrl = await listen(bare);

    const body = JSON.stringify({ query: GRAPHQL_QUERY, variables: { first: PAGE } });
    // Check both return the same provisions before timing anything.
    const viaGraphql = (await (
      await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).json()) as {
      data?: { provisions: { edges: Array<{ node: { code: string; thresholds: unknown[]; exemptions: unknown[] } }> } };
      errors?: unknown;
    };
    if (!viaGraphql.data) throw new Error(`GraphQL query failed: ${JSON.stringify(viaGraphql.errors)}`);
    const viaSql = (await (await fetch(bareUrl, { method: 'POST', body: '{}' })).json()) as {
      data: { provisions: Array<{ code: string; thresholds: unknown[]; exemptions: unknown[] }> };
    };
    const codesGraphql = viaGraphql.data.provisions.edges.map((edge) => edge.node.code).join(',');
    const codesSql = viaSql.data.provisions.map((row) => row.code).join(',');
    if (codesGraphql !== codesSql) throw new Error(`baseline and GraphQL disagree:\n${codesGraphql}\n${codesSql}`);
    const nested = viaSql.data.provisions.reduce((sum, row) => sum + row.thresholds.length + row.exemptions.length, 0);

    const before = db.statementCount();
    await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const statementsPerRequest = db.statementCount() - before;

    const loadClient = startLoadRunner(CONNECTIONS);
    const load = (url: string, requestBody: string) => loadClient.load(url, requestBody, REQUESTS);
    // Warm-up, then measure the baseline and GraphQL alternately (twice each) and keep the
    // better run of each, so a background hiccup does not decide the ratio.
    await load(bareUrl, '{}');
    await load(`${service.url}/graphql`, body);
    const runs = { sql: [] as Figures[], graphql: [] as Figures[] };
    for (let round = 0; round < 2; round += 1) {
      runs.sql.push(await load(bareUrl, '{}'));
      runs.graphql.push(await load(`${service.url}/graphql`, body));
    }
    const best = (list: Figures[]) => list.reduce((a, b) => (b.p95 < a.p95 ? b : a));
    const sql = best(runs.sql);
    const graphql = best(runs.graphql);

    console.log(`nested read: provisions(first: ${PAGE}, US_EAR category 6) with thresholds, exemptions, citation`);
    console.log(`rows: ${viaSql.data.provisions.length} provisions, ${nested} nested threshold/exemption rows`);
    console.log(`load: ${REQUESTS} requests x ${CONNECTIONS} connections per run, PostgreSQL pool ${CONNECTIONS}`);
    console.table({
      'hand-written SQL (bare HTTP)': {
        'p50 ms': sql.p50,
        'p95 ms': sql.p95,
        'req/s': Math.round(sql.requestsPerSecond),
        errors: sql.errors,
        'SQL statements/request': 1,
      },
      'GraphQL (Apollo + Pothos + Prisma)': {
        'p50 ms': graphql.p50,
        'p95 ms': graphql.p95,
        'req/s': Math.round(graphql.requestsPerSecond),
        errors: graphql.errors,
        'SQL statements/request': statementsPerRequest,
      },
    });
    console.log(
      `ratio GraphQL / SQL: p50 ${(graphql.p50 / sql.p50).toFixed(2)}x, p95 ${(graphql.p95 / sql.p95).toFixed(2)}x`,
    );

    loadClient.stop();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await pool.end();
    await service.stop();
  } finally {
    await db.close().catch(() => undefined);
    await throwaway.drop();
  }
}

await main();
