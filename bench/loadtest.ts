// `npm run loadtest`: the service on a throwaway PostgreSQL database (migrated and seeded),
// loaded with a realistic mix of what the web app and API clients send: provision lists, the
// provision page, search, classifyItem, checkExemptions and impactStats (the web app's own
// documents, from web/src). It steps the connections up until the throughput knee (requests per
// second stop growing, or p99 more than doubles), then holds 80% of the knee's rate for 60 s
// (autocannon's overallRate) and prints requests per second, p50 / p97.5 / p99, errors and
// non-2xx answers. The load generator runs in its own process (loadtest-client.ts).
// LOADTEST_STEP_SECONDS (10), LOADTEST_HOLD_SECONDS (60) and LOADTEST_MAX_CONNECTIONS (128)
// shorten or widen a run.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { prepareDatabase, startService } from '../src/server/service.js';
import {
  WebCheckExemptionsDocument,
  WebClassifyItemDocument,
  WebImpactStatsDocument,
  WebProvisionPageDocument,
  WebSearchDocument,
  type WebCheckExemptionsQueryVariables,
  type WebClassifyItemQueryVariables,
  type WebImpactStatsQueryVariables,
  type WebProvisionPageQueryVariables,
  type WebSearchQueryVariables,
} from '../web/src/gql/graphql.js';
import type { LoadtestFigures, LoadtestRun, MixRequest } from './loadtest-client.js';
import { BENCH_QUERIES } from './search-queries.js';
import { createThrowawayDatabase } from './throwaway-postgres.js';

const STEP_SECONDS = Number(process.env.LOADTEST_STEP_SECONDS ?? 10);
const HOLD_SECONDS = Number(process.env.LOADTEST_HOLD_SECONDS ?? 60);
const MAX_CONNECTIONS = Number(process.env.LOADTEST_MAX_CONNECTIONS ?? 128);
/** A step past the knee: requests per second grew less than this fraction... */
const MIN_GROWTH = 0.1;
/** ...or p99 grew more than this factor over the previous step. */
const P99_JUMP = 2;
/** With fewer answers in a step, its p99 is one slow answer: only the throughput decides. */
const MIN_REQUESTS_FOR_P99 = 200;
const HOLD_SHARE = 0.8;

// The web app has no provision list page; this is the list an API client pages through.
const PROVISIONS_LIST = `query LoadtestProvisions($regime: Regime, $category: String, $first: Int) {
  provisions(filter: { regime: $regime, category: $category }, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id code regime title category reasonsForControl citation { url title } } }
  }
}`;

const CAMERA: WebClassifyItemQueryVariables['item']['facts'] = [
  { name: 'item_kind', choice: 'camera' },
  { name: 'incorporates_focal_plane_array', boolean: true },
  { name: 'microbolometer', boolean: true },
  { name: 'detection_mechanism', choice: 'bolometric' },
  { name: 'unfiltered_response_shortest_wavelength', number: 8, unit: 'um' },
  { name: 'unfiltered_response_longest_wavelength', number: 14, unit: 'um' },
  { name: 'frame_rate', number: 30, unit: 'Hz' },
];

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
const provisionPage = (variables: WebProvisionPageQueryVariables) => body(String(WebProvisionPageDocument), variables);
const search = (variables: WebSearchQueryVariables) => body(String(WebSearchDocument), variables);
const classify = (variables: WebClassifyItemQueryVariables) => body(String(WebClassifyItemDocument), variables);
const exemptions = (variables: WebCheckExemptionsQueryVariables) => body(String(WebCheckExemptionsDocument), variables);
const impact = (variables: WebImpactStatsQueryVariables) => body(String(WebImpactStatsDocument), variables);

/**
 * The mix, in the proportions of a public reader's session: searches and lists most, a provision
 * page for each few searches, the decision tools and a dashboard now and then.
 */
const MIX: MixRequest[] = [
  ...BENCH_QUERIES.slice(0, 8).map((query) => ({ name: 'search', body: search({ query, first: 20 }) })),
  { name: 'provisions', body: body(PROVISIONS_LIST, { regime: 'US_EAR', first: 20 }) },
  { name: 'provisions', body: body(PROVISIONS_LIST, { regime: 'EU', category: '6', first: 50 }) },
  { name: 'provisions', body: body(PROVISIONS_LIST, { regime: 'WASSENAAR', first: 20 }) },
  { name: 'provisions', body: body(PROVISIONS_LIST, { first: 100 }) },
  { name: 'provision page', body: provisionPage({ code: '6A003', regime: 'US_EAR' }) },
  { name: 'provision page', body: provisionPage({ code: '6A003', regime: 'EU' }) },
  { name: 'provision page', body: provisionPage({ code: '3A001', regime: 'WASSENAAR' }) },
  { name: 'classifyItem', body: classify({ item: { facts: CAMERA }, regimes: ['EU', 'US_EAR'] }) },
  { name: 'classifyItem', body: classify({ item: { facts: [{ name: 'item_kind', choice: 'camera' }] } }) },
  {
    name: 'checkExemptions',
    body: exemptions({
      input: {
        provisions: ['6E001'],
        regimes: ['US_EAR'],
        activity: [
          { name: 'research_is_fundamental', boolean: true },
          { name: 'results_intended_for_publication', boolean: true },
        ],
      },
    }),
  },
  {
    name: 'checkExemptions',
    body: exemptions({
      input: { item: { description: 'uncooled thermal camera', facts: CAMERA }, regimes: ['US_EAR'] },
    }),
  },
  {
    name: 'impactStats',
    body: impact({ filter: { jurisdictions: ['UK'] }, groupBy: ['INDICATOR', 'YEAR'], measures: ['SUM', 'COUNT'] }),
  },
];

interface GraphQLAnswer {
  errors?: { message: string }[];
}

/**
 * Every request of the mix answers 200 without errors before it is timed; each is timed alone
 * too (median of three), so the knee can be read against what one request of each kind costs.
 */
async function checkMix(url: string): Promise<void> {
  const alone: Record<string, number[]> = {};
  for (const request of MIX) {
    const times: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: request.body,
      });
      const answer = (await response.json()) as GraphQLAnswer;
      times.push(performance.now() - started);
      if (response.status !== 200 || answer.errors) {
        throw new Error(
          `the mix's ${request.name} request failed (HTTP ${response.status}): ${JSON.stringify(answer.errors)}`,
        );
      }
    }
    (alone[request.name] ??= []).push(times.sort((a, b) => a - b)[1] ?? Number.NaN);
  }
  console.log('each request of the mix alone (median of 3, ms):');
  console.table(
    Object.entries(alone).map(([name, medians]) => ({
      request: name,
      count: medians.length,
      'min ms': Math.round(Math.min(...medians)),
      'max ms': Math.round(Math.max(...medians)),
    })),
  );
}

function startClient() {
  const child = fork(fileURLToPath(new URL('./loadtest-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  return {
    run: (run: LoadtestRun) =>
      new Promise<LoadtestFigures>((resolve, reject) => {
        child.once('message', (reply: { figures?: LoadtestFigures; error?: string }) =>
          reply.figures ? resolve(reply.figures) : reject(new Error(reply.error ?? 'the load client failed')),
        );
        child.send(run);
      }),
    stop: () => child.send({ done: true }),
  };
}

const row = (figures: LoadtestFigures) => ({
  connections: figures.connections,
  'req/s': Math.round(figures.requestsPerSecond),
  'p50 ms': figures.p50,
  'p97.5 ms': figures.p97_5,
  'p99 ms': figures.p99,
  requests: figures.requests,
  errors: figures.errors,
  timeouts: figures.timeouts,
  'non-2xx': figures.non2xx,
});

async function main(): Promise<void> {
  const throwaway = await createThrowawayDatabase();
  // One client sends the whole load: a per-address rate budget would measure its 429s, not the service.
  const config = loadConfig({
    DATABASE_URL: throwaway.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    RATE_LIMIT_ENABLED: 'false',
    // To compare with the CPU lane off (LOADTEST_CPU_LANE_COST=1000000).
    ...(process.env.LOADTEST_CPU_LANE_COST ? { CPU_LANE_COST: process.env.LOADTEST_CPU_LANE_COST } : {}),
  });
  const logger = createLogger(config);
  const db = await openDatabase(config);
  try {
    await prepareDatabase(db, config, logger);
    const service = await startService(config, logger, { database: db, prepared: true });
    const client = startClient();
    try {
      await service.ready;
      const url = `${service.url}/graphql`;
      await checkMix(url);
      console.log(
        `loadtest: ${MIX.length} requests in the mix (${[...new Set(MIX.map((request) => request.name))].join(', ')}), PostgreSQL pool ${config.DB_POOL_SIZE}`,
      );
      // Warm-up: JIT, caches and the pool, untimed.
      await client.run({ url, requests: MIX, connections: 4, seconds: 5 });

      const steps: LoadtestFigures[] = [];
      let knee: LoadtestFigures | undefined;
      for (let connections = 1; connections <= MAX_CONNECTIONS; connections *= 2) {
        const figures = await client.run({ url, requests: MIX, connections, seconds: STEP_SECONDS });
        steps.push(figures);
        console.log(`step: ${JSON.stringify(row(figures))}`);
        const previous = steps.at(-2);
        if (
          previous &&
          (figures.requestsPerSecond < previous.requestsPerSecond * (1 + MIN_GROWTH) ||
            (Math.min(figures.requests, previous.requests) >= MIN_REQUESTS_FOR_P99 &&
              figures.p99 > previous.p99 * P99_JUMP))
        ) {
          knee = previous;
          break;
        }
      }
      knee ??= steps.at(-1);
      if (!knee) throw new Error('no load step ran');
      console.log('\nthroughput steps (connections doubled until the knee):');
      console.table(steps.map(row));

      const rate = Math.max(1, Math.floor(knee.requestsPerSecond * HOLD_SHARE));
      console.log(
        `knee: ${Math.round(knee.requestsPerSecond)} req/s at ${knee.connections} connections (p99 ${knee.p99} ms); holding ${rate} req/s (80%) for ${HOLD_SECONDS} s`,
      );
      // Enough connections that the rate is never short of one waiting for an answer.
      const hold = await client.run({
        url,
        requests: MIX,
        connections: Math.max(2, knee.connections * 2),
        seconds: HOLD_SECONDS,
        overallRate: rate,
      });
      console.table([{ ...row(hold), 'target req/s': rate }]);
      console.log(
        `sustained ${Math.round(hold.requestsPerSecond)} req/s for ${HOLD_SECONDS} s: p50 ${hold.p50} ms, p97.5 ${hold.p97_5} ms, p99 ${hold.p99} ms, ${hold.errors} errors, ${hold.timeouts} timeouts, ${hold.non2xx} non-2xx`,
      );
    } finally {
      client.stop();
      await service.stop();
    }
  } finally {
    await throwaway.drop();
  }
}

await main();
