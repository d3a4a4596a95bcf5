// `npm run bench`: the nested provisions read over HTTP+GraphQL against the same rows fetched
// by one hand-written SQL query and returned as JSON by a bare HTTP handler in the same
// process, and against PostGraphile 4 serving the same tables (its own process), all on one
// PostgreSQL database, at pages of 10, 50 and 100. Prints p50, p95, req/s, the ratios
// project/PostGraphile and project/SQL, and SQL statements per request. Then what the project's
// statement costs inside PostgreSQL at each page size (EXPLAIN ANALYZE).
// Load comes from autocannon (fixed request count, fixed concurrency) in its own process
// (load-runner.ts); each response time is recorded in an HDR histogram, because autocannon's
// summary has no p95.
import '../src/cli/production-default.js';
import { createServer } from 'node:http';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase, startService } from '../src/server/service.js';
import { createThrowawayDatabase, listen } from './throwaway-postgres.js';
import { startLoadRunner, type LoadFigures } from './load-runner.js';
import { POSTGRAPHILE_QUERY, startPostGraphile } from './postgraphile-peer.js';
import { statementCost, type CapturedStatement } from './statement-plans.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PAGES = [10, 50, 100];

const GRAPHQL_QUERY = `query NestedRead($first: Int!, $filter: ProvisionFilter = { regime: US_EAR, category: "6" }) {
  provisions(first: $first, filter: $filter) {
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
       FROM "Threshold" t WHERE t."provisionId" = cp.id AND t."retiredAt" IS NULL) AS thresholds,
    (SELECT coalesce(json_agg(json_build_object('basis', ep.basis, 'exemption',
        json_build_object('name', e.name, 'legalBasis', e."legalBasis", 'kind', e.kind)) ORDER BY e."sourceKey"), '[]'::json)
       FROM "ExemptionProvision" ep JOIN "Exemption" e ON e.id = ep."exemptionId" WHERE ep."provisionId" = cp.id) AS exemptions,
    json_build_object('url', c.url, 'repository', c.repository, 'path', c.path, 'commit', c.commit, 'section', c.section) AS citation
  FROM "ControlProvision" cp JOIN "Citation" c ON c.id = cp."citationId"
  WHERE cp.regime = 'US_EAR' AND cp.category = '6' AND cp.kind = 'ENTRY' AND cp.status = 'CURRENT' AND cp."inMainList"
  ORDER BY cp.code, cp.id
  LIMIT $1
) p`;

type Figures = LoadFigures;

interface NestedRow {
  code: string;
  thresholds: unknown[];
  exemptions: unknown[];
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

const ms = (value: number) => Number(value.toFixed(2));

async function main() {
  const throwaway = await createThrowawayDatabase();
  const url = throwaway.url;
  // The response cache is off: every request of a run asks the same page, which it would answer
  // without executing (bench/response-cache.ts measures that).
  // Rate budgets off: one address sending thousands of requests would be refused (429) within a run.
  const config = loadConfig({
    DATABASE_URL: url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: String(CONNECTIONS),
    RESPONSE_CACHE_ENABLED: 'false',
    RATE_LIMIT_ENABLED: 'false',
  });
  const logger = createLogger(config);
  const db = await openDatabase(config);
  try {
    await prepareDatabase(db, config, logger);
    const service = await startService(config, logger, { database: db, prepared: true });
    await service.ready;
    const graphqlUrl = `${service.url}/graphql`;

    const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
    // DROP DATABASE ... WITH (FORCE) at the end terminates whatever connection is still idle.
    pool.on('error', () => undefined);
    const bare = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const { first } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { first?: number };
        pool.query<{ provisions: unknown }>(BASELINE_SQL, [first ?? 50]).then(
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
    const peer = await startPostGraphile(url, CONNECTIONS);

    const bodies = (first: number) => ({
      sql: JSON.stringify({ first }),
      project: JSON.stringify({ query: GRAPHQL_QUERY, variables: { first } }),
      postgraphile: JSON.stringify({ query: POSTGRAPHILE_QUERY, variables: { first } }),
    });

    // Check all three return the same provisions, with as many thresholds, before timing anything.
    const statementsPerRequest = new Map<number, number>();
    for (const first of PAGES) {
      const viaGraphql = await postJson<{
        data?: { provisions: { edges: Array<{ node: NestedRow }> } };
        errors?: unknown;
      }>(graphqlUrl, { query: GRAPHQL_QUERY, variables: { first } });
      if (!viaGraphql.data) throw new Error(`GraphQL query failed: ${JSON.stringify(viaGraphql.errors)}`);
      const viaSql = await postJson<{ data: { provisions: NestedRow[] } }>(bareUrl, { first });
      const viaPeer = await postJson<{
        data?: {
          allControlProvisions: { nodes: Array<{ code: string; thresholdsByProvisionId: { nodes: unknown[] } }> };
        };
        errors?: unknown;
      }>(peer.url, { query: POSTGRAPHILE_QUERY, variables: { first } });
      if (!viaPeer.data) throw new Error(`PostGraphile query failed: ${JSON.stringify(viaPeer.errors)}`);
      const shape = (rows: Array<{ code: string; thresholds: number }>) =>
        rows.map((row) => `${row.code}:${row.thresholds}`).join(',');
      const project = shape(
        viaGraphql.data.provisions.edges.map(({ node }) => ({ ...node, thresholds: node.thresholds.length })),
      );
      const sql = shape(viaSql.data.provisions.map((row) => ({ ...row, thresholds: row.thresholds.length })));
      const postgraphile = shape(
        viaPeer.data.allControlProvisions.nodes.map((row) => ({
          code: row.code,
          thresholds: row.thresholdsByProvisionId.nodes.length,
        })),
      );
      if (project !== sql || project !== postgraphile) {
        throw new Error(`first ${first}: the three disagree:\n${project}\n${sql}\n${postgraphile}`);
      }
      const before = db.statementCount();
      await postJson(graphqlUrl, { query: GRAPHQL_QUERY, variables: { first } });
      statementsPerRequest.set(first, db.statementCount() - before);
    }
    const rowsAt = new Map<number, number>();
    for (const first of PAGES) {
      rowsAt.set(
        first,
        (await postJson<{ data: { provisions: NestedRow[] } }>(bareUrl, { first })).data.provisions.length,
      );
    }

    const loadClient = startLoadRunner(CONNECTIONS);
    const load = (target: string, requestBody: string) => loadClient.load(target, requestBody, REQUESTS);
    // Warm-up, then at each page size measure the three alternately (twice each) and keep the
    // better run of each, so a background hiccup does not decide the ratio.
    const warm = bodies(50);
    await load(bareUrl, warm.sql);
    await load(graphqlUrl, warm.project);
    await load(peer.url, warm.postgraphile);
    const table: Record<string, Record<string, number | string>> = {};
    const ratios: string[] = [];
    const best = (list: Figures[]) => list.reduce((a, b) => (b.p95 < a.p95 ? b : a));
    for (const first of PAGES) {
      const body = bodies(first);
      const runs = { sql: [] as Figures[], project: [] as Figures[], postgraphile: [] as Figures[] };
      for (let round = 0; round < 2; round += 1) {
        runs.sql.push(await load(bareUrl, body.sql));
        runs.project.push(await load(graphqlUrl, body.project));
        runs.postgraphile.push(await load(peer.url, body.postgraphile));
      }
      const sql = best(runs.sql);
      const project = best(runs.project);
      const postgraphile = best(runs.postgraphile);
      const row = (figures: Figures, statements: number | string) => ({
        'p50 ms': figures.p50,
        'p95 ms': figures.p95,
        'req/s': Math.round(figures.requestsPerSecond),
        errors: figures.errors,
        'SQL statements/request': statements,
      });
      table[`first ${first}: hand-written SQL`] = row(sql, 1);
      table[`first ${first}: PostGraphile 4`] = row(postgraphile, '-');
      table[`first ${first}: project (Apollo + Pothos)`] = row(project, statementsPerRequest.get(first) ?? '?');
      ratios.push(
        `first ${first} (${rowsAt.get(first)} rows): project/PostGraphile p50 ${(project.p50 / postgraphile.p50).toFixed(2)}x, ` +
          `req/s ${(project.requestsPerSecond / postgraphile.requestsPerSecond).toFixed(2)}x; ` +
          `project/SQL p50 ${(project.p50 / sql.p50).toFixed(2)}x, req/s ${(project.requestsPerSecond / sql.requestsPerSecond).toFixed(2)}x`,
      );
    }

    console.log('nested read: provisions(first: N, US_EAR category 6) with thresholds, exemptions, citation');
    console.log(`load: ${REQUESTS} requests x ${CONNECTIONS} connections per run, PostgreSQL pools of ${CONNECTIONS}`);
    console.table(table);
    for (const line of ratios) console.log(line);

    // The project's own statement for a page, inside PostgreSQL: category 6 has only 60 current
    // US entries, so the whole US list shows pages of 10, 50 and 100 among 600-odd rows.
    const captured: CapturedStatement[] = [];
    // The client is built with query events on (the statement counter listens to them); its
    // declared type does not say so.
    (db.prisma as unknown as PrismaClient<'query'>).$on('query', (event) =>
      captured.push({ query: event.query, params: JSON.parse(event.params) as unknown[] }),
    );
    // A page read in one compiled statement (src/db/compiled-read.ts), or rendered by the database
    // (src/db/compiled-projection.ts), goes through readRows, which the services read at each call.
    const readRows = db.readRows;
    db.readRows = (sql, params) => {
      captured.push({ query: sql, params: [...params] });
      return readRows(sql, params);
    };
    const costs: Record<string, Record<string, number | string>> = {};
    for (const [label, filter] of [
      ['US category 6', { regime: 'US_EAR', category: '6' }],
      ['whole US list', { regime: 'US_EAR' }],
    ] as const) {
      for (const first of PAGES) {
        captured.length = 0;
        await postJson(graphqlUrl, { query: GRAPHQL_QUERY, variables: { first, filter } });
        const statement = captured.find(
          (each) =>
            /^SELECT .*FROM "public"\."ControlProvision" AS "t0"/.test(each.query) ||
            /^SELECT json_build_object\(.*\) AS "row" FROM "ControlProvision" t1 /s.test(each.query) ||
            /^SELECT t1\."id" AS "k0", json_build_object\(.*\)::text AS "text" FROM "ControlProvision" t1 /s.test(
              each.query,
            ),
        );
        if (!statement) throw new Error('no page statement captured');
        const cost = await statementCost(pool, statement);
        costs[`${label}, first ${first}`] = {
          'execution ms (median of 5)': ms(cost.executionMs),
          'shared buffers': cost.buffers,
          rows: cost.rows,
          plan: cost.topNode,
        };
      }
    }
    console.log("the project's page statement in PostgreSQL (EXPLAIN ANALYZE; rows = page + 1 for hasNextPage):");
    console.table(costs);

    loadClient.stop();
    peer.close();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await pool.end();
    await service.stop();
  } finally {
    await db.close().catch(() => undefined);
    await throwaway.drop();
  }
}

await main();
