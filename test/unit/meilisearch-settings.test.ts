import { describe, expect, it } from 'vitest';
import {
  desiredSettings,
  meilisearchSynonyms,
  settingsToUpdate,
  spellingVariantSynonyms,
} from '../../src/search/meilisearch-settings.js';
import { synonymMap } from '../../src/search/search-settings.js';

describe('meilisearchSynonyms', () => {
  it('keeps multi-word terms and equivalents, one way, as search-settings builds them', () => {
    const map = synonymMap([
      { terms: ['thermal camera', 'heat camera'], listTerms: ['thermal imaging', 'Infrared'] },
      { terms: ['lidar'], listTerms: ['laser radar'] },
    ]);
    expect(meilisearchSynonyms(map)).toEqual({
      'heat camera': ['infrared', 'thermal camera', 'thermal imaging'],
      lidar: ['laser radar'],
      'thermal camera': ['heat camera', 'infrared', 'thermal imaging'],
    });
  });

  it('normalizes case and spaces, drops self-references, duplicates and empty entries', () => {
    expect(
      meilisearchSynonyms({
        ' Night  Vision ': ['image intensifier', 'night vision', 'Image Intensifier'],
        empty: [],
        '': ['x'],
      }),
    ).toEqual({
      'night vision': ['image intensifier'],
    });
  });
});

describe('spelling variants', () => {
  it('become synonyms both ways, merged with the synonyms of the same word', () => {
    expect(spellingVariantSynonyms({ centre: 'center', fibre: 'fiber' })).toEqual({
      centre: ['center'],
      center: ['centre'],
      fibre: ['fiber'],
      fiber: ['fibre'],
    });
    const settings = desiredSettings({
      synonyms: { fibre: ['optical fibre'] },
      stopWords: [],
      spellingVariants: { words: { fibre: 'fiber', centre: 'center' } },
    });
    expect(settings.synonyms).toEqual({
      center: ['centre'],
      centre: ['center'],
      fiber: ['fibre'],
      fibre: ['fiber', 'optical fibre'],
    });
    expect(desiredSettings({ synonyms: {}, stopWords: [] }).synonyms).toEqual({});
  });
});

describe('settingsToUpdate', () => {
  const desired = desiredSettings({ synonyms: { lidar: ['laser radar'] }, stopWords: ['the', 'of'] });

  /** What GET /indexes/{uid}/settings returns once `desired` was applied: every setting, defaults filled in, sets sorted. */
  const stored = {
    displayedAttributes: ['*'],
    searchableAttributes: ['codes', 'title', 'body'],
    filterableAttributes: [
      'audience',
      'category',
      'current',
      'dateNumber',
      'entryKey',
      'jurisdiction',
      'regime',
      'type',
      'validFromNumber',
      'validToNumber',
    ],
    sortableAttributes: ['dateNumber', 'id'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort'],
    stopWords: ['of', 'the'],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [],
    synonyms: { lidar: ['laser radar'] },
    distinctAttribute: null,
    proximityPrecision: 'byWord',
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
      disableOnAttributes: [],
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'alpha' } },
    pagination: { maxTotalHits: 100_000 },
    searchCutoffMs: null,
  } as const;

  it('is empty when the stored settings already hold what we want', () => {
    expect(settingsToUpdate(structuredClone(stored) as never, desired)).toEqual({});
  });

  it('sends only the settings that differ', () => {
    const fresh = {
      ...structuredClone(stored),
      rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
      pagination: { maxTotalHits: 1000 },
      synonyms: {},
    };
    expect(Object.keys(settingsToUpdate(fresh as never, desired)).sort()).toEqual([
      'pagination',
      'rankingRules',
      'synonyms',
    ]);
  });

  it('treats searchable attributes as ordered and filterable ones as a set', () => {
    const reordered = {
      ...structuredClone(stored),
      searchableAttributes: ['title', 'codes', 'body'],
      filterableAttributes: [...stored.filterableAttributes].reverse(),
    };
    expect(Object.keys(settingsToUpdate(reordered as never, desired))).toEqual(['searchableAttributes']);
  });

  it('notices a changed typo rule, stop word or synonym target', () => {
    const changed = {
      ...structuredClone(stored),
      typoTolerance: { ...stored.typoTolerance, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } },
      stopWords: ['the'],
      synonyms: { lidar: ['laser radar', 'ladar'] },
    };
    expect(Object.keys(settingsToUpdate(changed as never, desired)).sort()).toEqual([
      'stopWords',
      'synonyms',
      'typoTolerance',
    ]);
  });

  it('notices a missing filterable attribute, typos allowed on numbers, or an index-wide distinct attribute', () => {
    const older = {
      ...structuredClone(stored),
      filterableAttributes: ['audience', 'category', 'dateNumber', 'jurisdiction', 'regime', 'type'],
      typoTolerance: { ...stored.typoTolerance, disableOnNumbers: false },
      distinctAttribute: 'entryKey',
    };
    const update = settingsToUpdate(older as never, desired);
    expect(update).toEqual({
      filterableAttributes: desired.filterableAttributes,
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
      distinctAttribute: null,
    });
  });

  it('asks for typo tolerance from 5 and 9 letters and none on numbers, exact totals and enough facet values', () => {
    expect(desired).toMatchObject({
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
      distinctAttribute: null,
      pagination: { maxTotalHits: 100_000 },
      faceting: { maxValuesPerFacet: 1000 },
      sortableAttributes: ['dateNumber', 'id'],
    });
    expect(desired.rankingRules?.at(-1)).toBe('sort');
  });
});
