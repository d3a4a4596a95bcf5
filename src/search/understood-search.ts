// A search as a person types it: the query is interpreted first (question phrasing, regime and
// destination mentions taken out and turned into ranking preferences, list codes rewritten;
// see query-understanding.ts), the engine searches the topic, and the response carries the
// interpretation so a user sees what was searched.
import { interpretQuery, type QueryInterpretation, type QueryUnderstandingRules } from './query-understanding.js';
import type { SearchEngine, SearchRequest, SearchResponse } from './search-engine.js';

export interface UnderstoodResponse {
  response: SearchResponse;
  interpretation: QueryInterpretation;
}

export async function searchUnderstood(
  engine: SearchEngine,
  rules: QueryUnderstandingRules,
  request: SearchRequest,
): Promise<UnderstoodResponse> {
  const interpretation = interpretQuery(request.query, rules);
  const prefer = {
    types: [...(request.prefer?.types ?? []), ...interpretation.preferTypes],
    regimes: [...(request.prefer?.regimes ?? []), ...interpretation.preferRegimes],
  };
  const response = await engine.search({ ...request, query: interpretation.searchText, prefer });
  return { response, interpretation };
}
