// The embedded engine's shortlist ranking (BM25 only for the groups that can reach the page)
// against exhaustive ranking (every match scored, every group ranked): for each query, the
// first page of both must be the same records in the same order, with the same scores, totals
// and facets. Shared by the relevance test (seeded database) and the search bench (large
// composed collections).
import type { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import type { QueryUnderstandingRules } from '../../src/search/query-understanding.js';
import type { SearchResponse } from '../../src/search/search-engine.js';
import { searchUnderstood } from '../../src/search/understood-search.js';

/** The page size compared: the top 20. */
export const COMPARED_PAGE = 20;

/** What a user sees of a response, minus its timing and scores. */
function visible(response: SearchResponse): unknown {
  return {
    hits: response.hits.map((hit) => ({
      id: hit.document.id,
      subHits: (hit.subHits ?? []).map((subHit) => subHit.document.id),
    })),
    totalCount: response.totalCount,
    facets: response.facets,
    didYouMean: response.didYouMean,
    relaxedQuery: response.relaxedQuery,
  };
}

/**
 * The queries (each grouped by entry, as the API searches, and listed without grouping) whose
 * top 20 differ between the two engines, which must hold the same documents, with both versions
 * of the page. Empty when they agree everywhere.
 */
export async function rankingDifferences(
  shortlist: EmbeddedSearchEngine,
  exhaustive: EmbeddedSearchEngine,
  rules: QueryUnderstandingRules,
  queries: readonly string[],
): Promise<{ query: string; grouped: boolean; shortlist: unknown; exhaustive: unknown }[]> {
  const differences = [];
  for (const query of new Set(queries)) {
    for (const grouped of [true, false]) {
      const request = {
        query,
        offset: 0,
        limit: COMPARED_PAGE,
        groupParagraphs: grouped,
        facets: ['type' as const, 'regime' as const],
      };
      const ours = visible((await searchUnderstood(shortlist, rules, request)).response);
      const reference = visible((await searchUnderstood(exhaustive, rules, request)).response);
      if (JSON.stringify(ours) !== JSON.stringify(reference)) {
        differences.push({ query, grouped, shortlist: ours, exhaustive: reference });
      }
    }
  }
  return differences;
}
