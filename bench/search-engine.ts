// Search section of `npm run bench`: the embedded engine alone on 10,000 documents
// composed from the seed texts. Index build time, p50/p95 over a fixed query list, and the
// memory the index adds. Targets: p95 < 10 ms, build < 10 s, growth < 250 MB. Then how the
// query time grows with the collection: p50/p95 and the slowest query at 5,000, 10,000, 20,000
// and 50,000 documents (SEARCH_BENCH_SIZES, comma-separated, picks other sizes). Targets: p95
// <= 10 ms at 20,000 documents and <= 20 ms at 50,000. At each size the shortlist ranking is
// also checked against exhaustive ranking: the top 20 of every bench and users' query must agree.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EmbeddedSearchEngine } from '../src/search/embedded-search-engine.js';
import { interpretQuery, loadQueryUnderstandingRules } from '../src/search/query-understanding.js';
import { loadSearchSettings } from '../src/search/search-settings.js';
import { rankingDifferences } from '../test/support/ranking-equivalence.js';
import { readRelevanceCases } from '../test/support/relevance-cases.js';
import { composeSearchDocuments } from './search-documents.js';
import { BENCH_QUERIES } from './search-queries.js';

const QUERIES = BENCH_QUERIES;
const ROUNDS = 20;
const SCALING_SIZES = (process.env.SEARCH_BENCH_SIZES ?? '5000,10000,20000,50000').split(',').map(Number);
/** The p95 each collection size must stay within (sizes not listed have no target). */
const SCALING_TARGETS = new Map([
  [20_000, 10],
  [50_000, 20],
]);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const settings = await loadSearchSettings();

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const mb = (bytes: number): number => +(bytes / 2 ** 20).toFixed(1);

const documents = composeSearchDocuments();
gc();
const before = process.memoryUsage();
const engine = new EmbeddedSearchEngine();
const buildStarted = performance.now();
await engine.configure(settings);
await engine.upsert(documents);
const buildMs = performance.now() - buildStarted;
gc();
const after = process.memoryUsage();

const request = (query: string) => ({ query, offset: 0, limit: 20, facets: ['type' as const, 'regime' as const] });
for (const query of QUERIES) await engine.search(request(query));
const times: number[] = [];
const perQuery: Record<string, { total: number; 'p50 ms': number; top: string }> = {};
const timesByQuery = new Map<string, number[]>(QUERIES.map((query) => [query, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const query of QUERIES) {
    const started = performance.now();
    const response = await engine.search(request(query));
    const elapsed = performance.now() - started;
    times.push(elapsed);
    const own = timesByQuery.get(query) ?? [];
    own.push(elapsed);
    const top = response.hits[0]?.document;
    perQuery[query] = {
      total: response.totalCount,
      'p50 ms': +percentile(
        [...own].sort((a, b) => a - b),
        0.5,
      ).toFixed(2),
      top: top === undefined ? '-' : `${top.codes[0] ?? top.id}: ${top.title.slice(0, 60)}`,
    };
  }
}
times.sort((a, b) => a - b);

// What one result per entry costs: per query, the median time grouped minus the median time
// listed without grouping (runs alternated), so the two runs' noise does not add up.
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const groupingCosts: number[] = [];
for (const query of QUERIES) {
  const grouped: number[] = [];
  const ungrouped: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    await engine.search({ ...request(query), groupParagraphs: false });
    ungrouped.push(performance.now() - started);
    started = performance.now();
    await engine.search(request(query));
    grouped.push(performance.now() - started);
  }
  groupingCosts.push(median(grouped) - median(ungrouped));
}
groupingCosts.sort((a, b) => a - b);
await engine.close();

// What reading the query costs, over the users' questions of the relevance suite.
const rules = await loadQueryUnderstandingRules();
const userQueries = ['tune', 'measure'].flatMap((part) =>
  readRelevanceCases(new URL(`../test/search/relevance-suite/${part}.json`, import.meta.url)).map((c) => c.query),
);
for (const query of userQueries) interpretQuery(query, rules);
const understanding: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const query of userQueries) {
    const started = performance.now();
    interpretQuery(query, rules);
    understanding.push(performance.now() - started);
  }
}
understanding.sort((a, b) => a - b);

console.log(
  `search, embedded engine (MiniSearch) on ${documents.length} documents, ${Object.keys(settings.synonyms).length} synonym keys, ${settings.stopWords.length} stop words:`,
);
console.table({
  'index build (configure + upsert)': { value: +(buildMs / 1000).toFixed(2), unit: 's', target: '< 10' },
  [`query p50 (${QUERIES.length} queries x ${ROUNDS}, page 20, 2 facets)`]: {
    value: +percentile(times, 0.5).toFixed(2),
    unit: 'ms',
    target: '',
  },
  'query p95': { value: +percentile(times, 0.95).toFixed(2), unit: 'ms', target: '< 10' },
  'query max': { value: +(times.at(-1) ?? 0).toFixed(2), unit: 'ms', target: '' },
  'grouping by entry, p95 over queries of (median grouped - median ungrouped)': {
    value: +percentile(groupingCosts, 0.95).toFixed(3),
    unit: 'ms',
    target: '<= 1',
  },
  [`query understanding p95 (${userQueries.length} users' queries x ${ROUNDS})`]: {
    value: +percentile(understanding, 0.95).toFixed(3),
    unit: 'ms',
    target: '<= 1',
  },
  'heapUsed growth after indexing': { value: mb(after.heapUsed - before.heapUsed), unit: 'MB', target: '< 250' },
  'rss growth after indexing': { value: mb(after.rss - before.rss), unit: 'MB', target: '< 250' },
});
console.table(perQuery);

// How the query time grows with the collection: a fresh engine per size, the same queries.
const compared = [...QUERIES, ...userQueries];
const scaling: Record<string, Record<string, number | string>> = {};
for (const size of SCALING_SIZES) {
  const sized = new EmbeddedSearchEngine();
  await sized.configure(settings);
  await sized.upsert(composeSearchDocuments(size));
  for (const query of QUERIES) await sized.search(request(query));
  const all: number[] = [];
  const byQuery = new Map<string, number[]>(QUERIES.map((query) => [query, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const query of QUERIES) {
      const started = performance.now();
      await sized.search(request(query));
      const elapsed = performance.now() - started;
      all.push(elapsed);
      byQuery.get(query)?.push(elapsed);
    }
  }
  const exhaustive = new EmbeddedSearchEngine({ ranking: 'exhaustive' });
  await exhaustive.configure(settings);
  exhaustive.importState(sized.exportState());
  const differences = await rankingDifferences(sized, exhaustive, rules, compared);
  for (const { query, grouped } of differences) {
    console.log(`${size} documents: "${query}" (${grouped ? 'grouped' : 'ungrouped'}) differs from exhaustive ranking`);
  }
  await exhaustive.close();
  await sized.close();
  all.sort((a, b) => a - b);
  const [worstQuery, worstTimes] = [...byQuery]
    .map(([query, own]): [string, number[]] => [query, [...own].sort((a, b) => a - b)])
    .sort(([, a], [, b]) => percentile(b, 0.95) - percentile(a, 0.95))[0] as [string, number[]];
  const target = SCALING_TARGETS.get(size);
  scaling[`${size} documents`] = {
    'p50 ms': +percentile(all, 0.5).toFixed(2),
    'p95 ms': +percentile(all, 0.95).toFixed(2),
    'p95 target ms': target === undefined ? '' : `<= ${target}`,
    'slowest query (its p95)': `"${worstQuery}" ${percentile(worstTimes, 0.95).toFixed(2)} ms`,
    'top 20 = exhaustive': `${compared.length * 2 - differences.length}/${compared.length * 2}`,
  };
  gc();
}
console.log(
  `search, embedded engine, query time by collection size (${QUERIES.length} queries x ${ROUNDS}, page 20, 2 facets):`,
);
console.table(scaling);
