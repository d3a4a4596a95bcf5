// Search relevance on the users' suite (test/search/relevance-suite): hit@1, hit@5 and MRR
// (reciprocal rank within the top 10) per kind of query, for the part that may be tuned on and
// for the held-out part, with the embedded engine over the whole seed, searched as the API
// searches (query understanding, one result per entry: a paragraph under its entry's hit counts
// at that rank). Part of `npm run bench`.
import { openDatabase } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../src/db/migrations-dir.js';
import { seedDatabase } from '../src/ingest/index.js';
import { EmbeddedSearchEngine } from '../src/search/embedded-search-engine.js';
import { SEARCHABLE_TYPES } from '../src/search/search-engine.js';
import { loadSearchDocuments } from '../src/search/search-documents.js';
import { loadQueryUnderstandingRules } from '../src/search/query-understanding.js';
import { loadSearchSettings } from '../src/search/search-settings.js';
import { searchUnderstood } from '../src/search/understood-search.js';
import { rankOf, readRelevanceCases } from '../test/support/relevance-cases.js';

const DEPTH = 10;
const PARTS = ['tune', 'measure'] as const;

interface Score {
  cases: number;
  hit1: number;
  hit5: number;
  reciprocalRanks: number;
}

const db = await openDatabase({
  DATA_DIR: 'unused',
  inMemory: true,
  DB_POOL_SIZE: 1,
  DB_CONNECT_TIMEOUT_MS: 5000,
  DB_STATEMENT_TIMEOUT_MS: 60_000,
});
try {
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  await seedDatabase(db.prisma);
  const engine = new EmbeddedSearchEngine();
  await engine.configure(await loadSearchSettings());
  const rules = await loadQueryUnderstandingRules();
  let documents = 0;
  for (const type of SEARCHABLE_TYPES) {
    const loaded = await loadSearchDocuments(db.prisma, type);
    documents += loaded.length;
    await engine.upsert(loaded);
  }
  const times: number[] = [];
  for (const part of PARTS) {
    const cases = readRelevanceCases(new URL(`../test/search/relevance-suite/${part}.json`, import.meta.url));
    const scores = new Map<string, Score>();
    for (const relevanceCase of cases) {
      const started = performance.now();
      const { response } = await searchUnderstood(engine, rules, {
        query: relevanceCase.query,
        offset: 0,
        limit: DEPTH,
      });
      times.push(performance.now() - started);
      const index = rankOf(response.hits, relevanceCase.expect);
      for (const kind of [relevanceCase.kind, 'all']) {
        const score = scores.get(kind) ?? { cases: 0, hit1: 0, hit5: 0, reciprocalRanks: 0 };
        score.cases += 1;
        if (index === 0) score.hit1 += 1;
        if (index >= 0 && index < 5) score.hit5 += 1;
        if (index >= 0) score.reciprocalRanks += 1 / (index + 1);
        scores.set(kind, score);
      }
    }
    const percent = (count: number, of: number): string => `${((100 * count) / of).toFixed(0)}%`;
    console.log(
      `search relevance, ${part}.json (${part === 'tune' ? 'may be tuned on' : 'held out: measured only'}; embedded engine, ${documents} documents):`,
    );
    console.table(
      Object.fromEntries(
        [...scores]
          .sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))
          .map(([kind, score]) => [
            kind,
            {
              cases: score.cases,
              'hit@1': percent(score.hit1, score.cases),
              'hit@5': percent(score.hit5, score.cases),
              [`MRR@${DEPTH}`]: +(score.reciprocalRanks / score.cases).toFixed(2),
            },
          ]),
      ),
    );
  }
  // Each query ran once above (cold); time them again now that the engine is warm.
  times.length = 0;
  for (const part of PARTS) {
    for (const relevanceCase of readRelevanceCases(
      new URL(`../test/search/relevance-suite/${part}.json`, import.meta.url),
    )) {
      const started = performance.now();
      await searchUnderstood(engine, rules, { query: relevanceCase.query, offset: 0, limit: 20 });
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number): number => +(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(2);
  console.log(
    `search over the whole seed (${documents} documents), the ${times.length} users' queries (understanding + engine, page 20, warm): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
  );
  await engine.close();
} finally {
  await db.close();
}
