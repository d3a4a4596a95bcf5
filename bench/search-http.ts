// Search over HTTP against the engine alone, on the same index: the real seed (about 5,200
// records, embedded PGlite) plus 10,000 documents composed from the seed vocabulary. Both
// sides run the same request (first 20, all facets) one at a time; prints p50/p95 and the
// ratio. Part of `npm run bench`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { currentSearchEngine } from '../src/search/engine-holder.js';
import { FACET_FIELDS } from '../src/search/search-engine.js';
import { startService } from '../src/server/service.js';
import { composeSearchDocuments } from './search-documents.js';
import { BENCH_QUERIES } from './search-queries.js';

const ROUNDS = 10;
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: +percentile(sorted, 0.5).toFixed(2), p95: +percentile(sorted, 0.95).toFixed(2) };
};

const directory = await mkdtemp(join(tmpdir(), 'kb-bench-search-'));
const config = loadConfig({ DATA_DIR: join(directory, 'data'), PORT: '0', LOG_LEVEL: 'silent' });
const service = await startService(config, createLogger(config));
try {
  await service.ready;
  const engine = currentSearchEngine();
  if (!engine) throw new Error('search engine not started');
  await engine.upsert(composeSearchDocuments());
  const indexed = (await engine.allIds()).length;

  const QUERY = `query BenchSearch($query: String!) { search(query: $query, first: 20) { totalCount processingTimeMs
    facets { field value count } edges { score highlights { field snippet } node { __typename
      ... on ControlProvision { id code title } ... on Exemption { id name } ... on GuidanceDocument { id title }
      ... on StakeholderConsultation { id title } ... on ImpactAssessment { id title } } } } }`;
  const overHttp = async (query: string) => {
    const response = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { query } }) });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const alone = (query: string) => engine.search({ query, offset: 0, limit: 20, facets: [...FACET_FIELDS] });

  for (const query of BENCH_QUERIES) {
    await overHttp(query);
    await alone(query);
  }
  const http: number[] = [];
  const engineOnly: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const query of BENCH_QUERIES) {
      let started = performance.now();
      await alone(query);
      engineOnly.push(performance.now() - started);
      started = performance.now();
      await overHttp(query);
      http.push(performance.now() - started);
    }
  }
  const engineFigures = summary(engineOnly);
  const httpFigures = summary(http);
  console.log(`search over HTTP vs the engine alone: ${indexed} documents (seed + composed), ${BENCH_QUERIES.length} queries x ${ROUNDS} rounds, first 20, all facets`);
  console.table({ 'engine alone': engineFigures, 'search over HTTP (GraphQL)': httpFigures });
  console.log(`ratio HTTP / engine: p50 ${(httpFigures.p50 / engineFigures.p50).toFixed(2)}x, p95 ${(httpFigures.p95 / engineFigures.p95).toFixed(2)}x (target p95 < 2x)`);
} finally {
  await service.stop();
  await rm(directory, { recursive: true, force: true });
}
