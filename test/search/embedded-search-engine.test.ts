import { describe, expect, it } from 'vitest';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import { describeSearchEngineContract } from './search-engine-contract.js';
import { SearchUnavailableError } from '../../src/errors.js';

describeSearchEngineContract('embedded', async () => new EmbeddedSearchEngine());

describe('embedded search engine', () => {
  it('is healthy until closed, then refuses work with SearchUnavailableError', async () => {
    const engine = new EmbeddedSearchEngine();
    expect((await engine.health()).ok).toBe(true);
    await engine.close();
    expect((await engine.health()).ok).toBe(false);
    await expect(engine.search({ query: 'laser', offset: 0, limit: 10 })).rejects.toBeInstanceOf(
      SearchUnavailableError,
    );
  });

  it('re-indexes what it holds when the stop words change', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.upsert([
      {
        id: 'PROVISION:1',
        type: 'PROVISION',
        recordId: '1',
        title: 'Items of the list',
        codes: [],
        body: 'Text',
        regime: null,
        jurisdiction: null,
        category: null,
        audience: [],
        date: null,
      },
    ]);
    expect((await engine.search({ query: 'list ', offset: 0, limit: 10 })).totalCount).toBe(1);
    await engine.configure({ synonyms: {}, stopWords: ['list'] });
    expect((await engine.search({ query: 'items', offset: 0, limit: 10 })).totalCount).toBe(1);
    expect((await engine.search({ query: 'items list', offset: 0, limit: 10 })).hits[0]?.highlights).toEqual([
      { field: 'title', snippet: '<mark>Items</mark> of the list' },
    ]);
  });
});
