// A light request is answered between the pieces of a costly one, not after all of them: while
// one request runs fifteen searches (each a piece of synchronous work on the embedded index), a
// page of provisions sent once the first search has started is answered before the fifteenth
// search is done. Measured by the searches done when the light answer arrives, never by time.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../src/search/search-engine.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const SEARCHES = 15;

/** Fifteen searches of fifty in one request: cost 83, within every limit, sent through the CPU lane. */
const HEAVY = JSON.stringify({
  query: `{ ${Array.from(
    { length: SEARCHES },
    (_, index) => `s${index}: search(query: "camera sensor laser radar ${index}", first: 50) { totalCount }`,
  ).join(' ')} }`,
});
const LIGHT = JSON.stringify({ query: '{ provisions(first: 1, filter: { regime: US_EAR }) { totalCount } }' });

describeWithDatabase('CPU lane', () => {
  let service: TestService;
  let searchesDone = 0;
  let firstSearchStarted: () => void = () => undefined;
  beforeAll(async () => {
    // No cached answers: every request does its work.
    service = await startTestService({ RESPONSE_CACHE_ENABLED: 'false' });
    const engine = service.services.search.engine;
    const search = engine.search.bind(engine);
    engine.search = async (request: SearchRequest): Promise<SearchResponse> => {
      firstSearchStarted();
      const response = await search(request);
      searchesDone += 1;
      return response;
    };
  });
  afterAll(async () => {
    await service.stop();
  });

  it('answers a light request while a costly one still has searches to do', async () => {
    const started = new Promise<void>((resolve) => {
      firstSearchStarted = resolve;
    });
    const heavy = service.post(HEAVY);
    await started;
    const light = await service.post(LIGHT);
    const doneWhenLightAnswered = searchesDone;
    expect(light.status).toBe(200);
    const heavyResponse = await heavy;
    expect(heavyResponse.status).toBe(200);
    const body = (await heavyResponse.json()) as { data: Record<string, { totalCount: number }> };
    expect(Object.keys(body.data)).toHaveLength(SEARCHES);
    expect(searchesDone).toBe(SEARCHES);
    expect(doneWhenLightAnswered).toBeLessThan(SEARCHES);
  });
});
