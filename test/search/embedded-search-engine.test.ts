import { describe, expect, it } from 'vitest';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import { describeSearchEngineContract } from './search-engine-contract.js';
import type { SearchDocument, SearchResponse } from '../../src/search/search-engine.js';
import { SearchUnavailableError } from '../../src/errors.js';

function provision(id: string, title: string): SearchDocument {
  return {
    id: `PROVISION:${id}`,
    type: 'PROVISION',
    recordId: id,
    title,
    codes: [],
    body: title,
    regime: null,
    jurisdiction: null,
    category: null,
    audience: [],
    date: null,
  };
}

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

  it('groups and counts facets as documents stand after a replacement, a deletion and a snapshot', async () => {
    // Entries and facet values are held per indexed document (by MiniSearch short id): a
    // replaced document is indexed anew, a deleted one must no longer count.
    const paragraph = (id: string, code: string, regime: string): SearchDocument => ({
      ...provision(id, `Cameras ${code}`),
      codes: [code],
      regime,
      jurisdiction: regime,
    });
    const engine = new EmbeddedSearchEngine();
    await engine.upsert([
      paragraph('1', '6A003', 'EU'),
      paragraph('2', '6A003.a', 'EU'),
      paragraph('3', '6A003.b', 'EU'),
      paragraph('4', '6A003.b', 'UK'),
    ]);
    const request = { query: 'cameras', offset: 0, limit: 10, facets: ['regime' as const] };
    const regimes = (response: SearchResponse): [string, number][] =>
      response.facets.map((facet) => [facet.value, facet.count]);
    let response = await engine.search(request);
    expect(response.totalCount).toBe(2);
    expect(regimes(response)).toEqual([
      ['EU', 1],
      ['UK', 1],
    ]);
    // Paragraph 3 moves to the US list, paragraph 4 goes.
    await engine.upsert([paragraph('3', '6A003.b', 'US')]);
    await engine.delete(['PROVISION:4']);
    response = await engine.search(request);
    expect(response.totalCount).toBe(2);
    expect(regimes(response)).toEqual([
      ['EU', 1],
      ['US', 1],
    ]);
    const restored = new EmbeddedSearchEngine();
    restored.importState(engine.exportState());
    const again = await restored.search(request);
    expect({ ...again, processingTimeMs: 0 }).toEqual({ ...response, processingTimeMs: 0 });
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

  it('does not count a low-information word in the words rule beside another word, nor inside a synonym phrase', async () => {
    const documents = [
      provision('h1', 'Hydrophone arrays'),
      provision('h2', 'Towed hydrophone'),
      provision('h3', 'Hydrophone groups'),
      provision('k1', 'Food testing kit'),
      provision('t1', 'Thermal batteries'),
      provision('i1', 'Imaging cameras'),
    ];
    const ids = async (engine: EmbeddedSearchEngine, query: string): Promise<string[]> =>
      (await engine.search({ query, offset: 0, limit: 10 })).hits.map((hit) => hit.document.recordId);
    const plain = new EmbeddedSearchEngine();
    await plain.configure({ synonyms: { 'thermal core': ['imaging cameras'] }, stopWords: [] });
    await plain.upsert(documents);
    // By rarity alone the one "kit" outweighs the three hydrophones.
    expect((await ids(plain, 'hydrophone kit'))[0]).toBe('k1');

    const engine = new EmbeddedSearchEngine();
    await engine.configure({
      synonyms: { 'thermal core': ['imaging cameras'] },
      stopWords: [],
      lowInformationWords: ['kit', 'core'],
    });
    await engine.upsert(documents);
    const found = await ids(engine, 'hydrophone kit');
    expect(found.slice(0, 3).sort()).toEqual(['h1', 'h2', 'h3']);
    expect(found).toContain('k1');
    // Alone it is the topic.
    expect(await ids(engine, 'kit')).toEqual(['k1']);
    // "core" is part of the phrase "thermal core": the equivalent holding both words comes first.
    expect((await ids(engine, 'thermal core'))[0]).toBe('i1');
  });

  describe('reads a misspelt synonym key word as the key word', () => {
    const ids = async (engine: EmbeddedSearchEngine, query: string): Promise<string[]> =>
      (await engine.search({ query, offset: 0, limit: 10 })).hits.map((hit) => hit.document.recordId);
    async function engineWith(synonyms: Record<string, string[]>, documents: SearchDocument[]) {
      const engine = new EmbeddedSearchEngine();
      await engine.configure({ synonyms, stopWords: [] });
      await engine.upsert(documents);
      return engine;
    }

    it('counts two letters swapped as one typo, as Meilisearch does', async () => {
      const engine = await engineWith({ 'night vision': ['image intensifier'] }, [
        provision('n1', 'Image intensifier tubes'),
        provision('v1', 'Machine vision systems'),
      ]);
      expect((await ids(engine, 'nigth vision '))[0]).toBe('n1');
    });

    it('reads a four-letter word no text holds as a key word missing one letter, and no other way', async () => {
      const engine = await engineWith({ lidar: ['laser radar'], sonar: ['acoustic systems'] }, [
        provision('l1', 'Laser radar equipment'),
        provision('a1', 'Acoustic systems'),
        provision('k1', 'Test kits'),
      ]);
      expect(await ids(engine, 'lidr ')).toEqual(['l1']);
      // One letter changed, not missing: four letters allow no typo.
      expect(await ids(engine, 'sinr ')).toEqual([]);
      expect(await ids(engine, 'kits ')).toEqual(['k1']);
    });

    it('prefers, among equally close key words, the one that makes a key phrase with its neighbour', async () => {
      // "sokar" is one letter from "solar" and from "sonar"; "array" decides.
      const engine = await engineWith(
        { 'solar panel': ['photovoltaic cells'], 'sonar array': ['towed hydrophone arrays'] },
        [provision('p1', 'Photovoltaic cells'), provision('a1', 'Towed hydrophone arrays')],
      );
      expect(await ids(engine, 'sokar array ')).toEqual(['a1']);
      expect(await ids(engine, 'sokar panel ')).toEqual(['p1']);
    });

    it('reads a word some text holds as a key word only where that makes a key phrase', async () => {
      const engine = await engineWith({ 'star tracker': ['stellar attitude sensors'] }, [
        provision('s1', 'Stellar attitude sensors'),
        provision('t1', 'Tracer rounds'),
      ]);
      expect(await ids(engine, 'star tracer ')).toContain('s1');
      expect(await ids(engine, 'tracer ')).toEqual(['t1']);
      expect(await ids(engine, 'tracer rounds ')).toEqual(['t1']);
    });
  });
});
