// Relevance: every query of relevance-queries.json, written from the seed texts, must
// have its expected record in the top 5 of the embedded engine over the seeded database, searched
// as the API searches (query understanding first, results grouped by entry), with no filter.
// Target: at least 95% of the queries. One test per kind of query reports its misses; one test
// checks the overall hit rate. The users' suite (relevance-suite/) is held to floors below the
// figures `npm run bench` reports, so a change that loses cases fails here. Every query of both
// files also ranks its top 20 as exhaustive scoring ranks it (see ranking-equivalence.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { seedDatabase } from '../../src/ingest/index.js';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import { SEARCHABLE_TYPES, type SearchDocument } from '../../src/search/search-engine.js';
import { loadSearchDocuments } from '../../src/search/search-documents.js';
import { loadQueryUnderstandingRules } from '../../src/search/query-understanding.js';
import { loadSearchSettings } from '../../src/search/search-settings.js';
import { searchUnderstood } from '../../src/search/understood-search.js';
import { rankingDifferences } from '../support/ranking-equivalence.js';
import { isExpected, rankOf, readRelevanceCases, type RelevanceCase } from '../support/relevance-cases.js';

const TOP = 5;
const TARGET_HIT_RATE = 0.95;

const CASES: RelevanceCase[] = readRelevanceCases(new URL('./relevance-queries.json', import.meta.url));
const SUITE = {
  tune: readRelevanceCases(new URL('./relevance-suite/tune.json', import.meta.url)),
  measure: readRelevanceCases(new URL('./relevance-suite/measure.json', import.meta.url)),
};
/**
 * Regression floors for the users' suite (hit@5), a few cases under the figures measured when
 * they were set: the held-out part is a measurement, not a target to tune on.
 */
const SUITE_FLOORS = { tune: 0.9, measure: 0.9 };
const KINDS = [...new Set(CASES.map((c) => c.kind))].sort();

const label = (document: SearchDocument): string =>
  `${document.type} ${document.codes.length > 0 ? document.codes.join(', ') : document.title.slice(0, 60)}${document.regime ? ` [${document.regime}]` : ''}`;

interface Outcome {
  relevanceCase: RelevanceCase;
  /** 1-based rank of the expected record in the top 5, null when absent. */
  rank: number | null;
  top: string[];
}

describe('search relevance over the seeded database (embedded engine, top 5)', () => {
  let db: Database;
  const outcomes = new Map<RelevanceCase, Outcome>();
  const suiteHits = { tune: 0, measure: 0 };
  let differences: Awaited<ReturnType<typeof rankingDifferences>> = [];

  beforeAll(async () => {
    db = await openDatabase({
      DATA_DIR: 'unused',
      inMemory: true,
      DB_POOL_SIZE: 1,
      DB_CONNECT_TIMEOUT_MS: 5000,
      DB_STATEMENT_TIMEOUT_MS: 60_000,
    });
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    await seedDatabase(db.prisma);
    const engine = new EmbeddedSearchEngine();
    await engine.configure(await loadSearchSettings());
    const rules = await loadQueryUnderstandingRules();
    const search = async (query: string) =>
      (await searchUnderstood(engine, rules, { query, offset: 0, limit: TOP })).response.hits;
    for (const type of SEARCHABLE_TYPES) await engine.upsert(await loadSearchDocuments(db.prisma, type));
    // Every expected record must exist, or the case measures nothing.
    const all = await Promise.all((await engine.allIds()).map((id) => engine.get(id)));
    const documents = all.filter((document): document is SearchDocument => document !== null);
    for (const relevanceCase of CASES) {
      if (!documents.some((document) => isExpected(document, relevanceCase.expect))) {
        throw new Error(
          `relevance case "${relevanceCase.query}": no indexed record is ${JSON.stringify(relevanceCase.expect)}`,
        );
      }
      const hits = await search(relevanceCase.query);
      const index = rankOf(hits, relevanceCase.expect);
      outcomes.set(relevanceCase, {
        relevanceCase,
        rank: index < 0 ? null : index + 1,
        top: hits.map((hit) => label(hit.document)),
      });
    }
    for (const part of ['tune', 'measure'] as const) {
      for (const relevanceCase of SUITE[part]) {
        if (rankOf(await search(relevanceCase.query), relevanceCase.expect) >= 0) suiteHits[part] += 1;
      }
    }
    const exhaustive = new EmbeddedSearchEngine({ ranking: 'exhaustive' });
    await exhaustive.configure(await loadSearchSettings());
    exhaustive.importState(engine.exportState());
    differences = await rankingDifferences(
      engine,
      exhaustive,
      rules,
      [...CASES, ...SUITE.tune, ...SUITE.measure].map((c) => c.query),
    );
    await exhaustive.close();
    await engine.close();
    const misses = [...outcomes.values()].filter((outcome) => outcome.rank === null);
    const hitRate = (CASES.length - misses.length) / CASES.length;
    console.log(
      `search relevance: ${CASES.length - misses.length}/${CASES.length} in the top ${TOP} (${(hitRate * 100).toFixed(1)}%)` +
        (misses.length === 0 ? '' : `; misses:\n${misses.map(describeMiss).join('\n')}`),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each(KINDS)('finds the expected record in the top 5 for every "%s" query', (kind) => {
    const misses = CASES.filter((c) => c.kind === kind)
      .map((c) => outcomes.get(c))
      .filter((outcome): outcome is Outcome => outcome !== undefined && outcome.rank === null);
    expect(misses.map(describeMiss)).toEqual([]);
  });

  it(`has at least ${TARGET_HIT_RATE * 100}% of all queries with their expected record in the top 5`, () => {
    expect(outcomes.size).toBe(CASES.length);
    const hits = [...outcomes.values()].filter((outcome) => outcome.rank !== null).length;
    expect(hits / CASES.length).toBeGreaterThanOrEqual(TARGET_HIT_RATE);
  });

  it('ranks the top 20 of every query as scoring every match would (shortlist = exhaustive)', () => {
    expect(differences).toEqual([]);
  });

  it.each(['tune', 'measure'] as const)("keeps the users' suite %s.json at or above its floor", (part) => {
    expect(suiteHits[part] / SUITE[part].length).toBeGreaterThanOrEqual(SUITE_FLOORS[part]);
  });
});

function describeMiss(outcome: Outcome): string {
  const { query, expect: expected, kind } = outcome.relevanceCase;
  return `  [${kind}] "${query}" expected ${expected.type} ${expected.codeOrTitle}${expected.regime ? ` [${expected.regime}]` : ''}; top ${TOP}: ${outcome.top.join(' | ') || '(nothing)'}`;
}
