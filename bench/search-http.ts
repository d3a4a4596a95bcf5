// Search over HTTP against the engine alone, on the same index: the real seed (about 5,200
// records, embedded PGlite) plus 10,000 documents composed from the seed vocabulary, stored as
// records as well (search-documents-store.ts). Both
// sides run the same request (first 20, all facets) one at a time, alternating query by query;
// prints p50/p95 and the ratio. The HTTP client runs in a separate process, as a real client
// would. Part of `npm run bench`, run with the Node flags of `npm start` (--max-semi-space-size=32).
import '../src/cli/production-default.js';
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { FACET_FIELDS } from '../src/search/search-engine.js';
import { startService } from '../src/server/service.js';
import { composeSearchDocuments } from './search-documents.js';
import { storeComposedDocuments } from './search-documents-store.js';
import { BENCH_QUERIES } from './search-queries.js';

const ROUNDS = 20;
const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: +percentile(sorted, 0.5).toFixed(2), p95: +percentile(sorted, 0.95).toFixed(2) };
};

const directory = await mkdtemp(join(tmpdir(), 'kb-bench-search-'));
const config = loadConfig({ DATA_DIR: join(directory, 'data'), PORT: '0', LOG_LEVEL: 'silent' });
const service = await startService(config, createLogger(config));
try {
  const services = await service.ready;
  const engine = services.search.engine;
  // As database records too, so every hit of a page is a record the page returns.
  await engine.upsert(await storeComposedDocuments(service.db.prisma, composeSearchDocuments()));
  const indexed = (await engine.allIds()).length;

  const alone = (query: string) => engine.search({ query, offset: 0, limit: 20, facets: [...FACET_FIELDS] });
  // The client runs in its own process (search-http-client.ts). Each query is timed alone in
  // this process and then over HTTP, one after the other, so both see the same heap, JIT state
  // and machine load: timing them in two separate phases let a noisy phase decide the ratio.
  const client = fork(fileURLToPath(new URL('./search-http-client.ts', import.meta.url)), [`${service.url}/graphql`], {
    execArgv: ['--import', 'tsx'],
  });
  const overHttp = (query: string) =>
    new Promise<number>((resolve, reject) => {
      client.once('message', (reply: { ms?: number; edges?: number; error?: string }) => {
        if (reply.error !== undefined) {
          reject(new Error(reply.error));
          return;
        }
        edges += reply.edges ?? 0;
        resolve(reply.ms ?? Number.NaN);
      });
      client.send({ query });
    });
  let edges = 0;
  const engineOnly: number[] = [];
  const http: number[] = [];
  try {
    for (const query of BENCH_QUERIES) {
      await alone(query);
      await overHttp(query);
    } // warm-up
    edges = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const query of BENCH_QUERIES) {
        const started = performance.now();
        await alone(query);
        engineOnly.push(performance.now() - started);
        http.push(await overHttp(query));
      }
    }
  } finally {
    client.send({ done: true });
  }
  const engineFigures = summary(engineOnly);
  const httpFigures = summary(http);
  console.log(
    `search over HTTP vs the engine alone: ${indexed} documents (seed + composed), ${BENCH_QUERIES.length} queries x ${ROUNDS} rounds, first 20, all facets; ${(edges / http.length).toFixed(1)} edges per page on average`,
  );
  console.table({ 'engine alone': engineFigures, 'search over HTTP (GraphQL)': httpFigures });
  console.log(
    `ratio HTTP / engine: p50 ${(httpFigures.p50 / engineFigures.p50).toFixed(2)}x, p95 ${(httpFigures.p95 / engineFigures.p95).toFixed(2)}x (target p95 < 2x)`,
  );
} finally {
  await service.stop();
  await rm(directory, { recursive: true, force: true });
}
