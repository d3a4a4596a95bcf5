// The embedded engine's ways of matching what people type: words no text holds do not wipe out
// the rest, British and American spellings and inflections meet, compounds written joined or
// apart, typos forgiven before synonyms, one result per entry with its paragraphs, the same
// entry of other regimes spread down the page, hints that rank records first, and did-you-mean.
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import type { SearchDocument, SearchRequest, SearchResponse } from '../../src/search/search-engine.js';
import { loadSearchSettings } from '../../src/search/search-settings.js';

function doc(id: string, fields: Partial<SearchDocument> & Pick<SearchDocument, 'title'>): SearchDocument {
  return {
    id,
    type: 'PROVISION',
    recordId: id,
    codes: [],
    body: '',
    regime: null,
    jurisdiction: null,
    category: null,
    audience: [],
    date: null,
    ...fields,
  };
}

const FIXTURE: SearchDocument[] = [
  doc('P:1', {
    title: 'Optical fibre sensors',
    body: 'Distributed optical fiber sensing.',
    codes: ['6A001.a'],
    regime: 'EU',
  }),
  doc('P:2', {
    title: 'Acoustic systems',
    body: 'Acoustic systems, equipment and components.',
    codes: ['6A001'],
    regime: 'EU',
  }),
  doc('P:3', {
    title: 'Hydrophones',
    body: 'Hydrophones incorporating a detector.',
    codes: ['6A001.a.2'],
    regime: 'EU',
  }),
  doc('P:4', {
    title: 'Acoustic systems',
    body: 'Acoustic systems, equipment and components.',
    codes: ['6A001'],
    regime: 'UK',
  }),
  doc('P:5', {
    title: 'Hydrophones',
    body: 'Hydrophones incorporating a detector.',
    codes: ['6A001.a.2'],
    regime: 'UK',
  }),
  doc('P:6', {
    title: 'Infrared detectors',
    body: 'Focal plane arrays for infrared imaging.',
    codes: ['6A002'],
    regime: 'US_EAR',
  }),
  doc('P:7', {
    title: 'Microbolometer arrays',
    body: 'Uncooled microbolometer detectors.',
    codes: ['6A002.a.3'],
    regime: 'US_EAR',
  }),
  doc('P:8', {
    title: 'Spectrometers',
    body: 'Laboratory spectrometer for the analysis of gases.',
    codes: ['3A999'],
    regime: 'US_EAR',
  }),
  doc('E:1', { type: 'EXEMPTION', title: 'Fundamental research', body: 'Research results intended to be published.' }),
  doc('G:1', {
    type: 'GUIDANCE_DOCUMENT',
    title: 'Publishing research',
    body: 'How universities publish research results.',
  }),
  doc('P:9', {
    title: 'Wall-plug efficiency',
    body: 'Lasers with a high wall-plug efficiency.',
    codes: ['6A005'],
    regime: 'EU',
  }),
];

describe('embedded engine: matching what people type', () => {
  let engine: EmbeddedSearchEngine;
  const search = (query: string, extra: Partial<SearchRequest> = {}): Promise<SearchResponse> =>
    engine.search({ query, offset: 0, limit: 20, ...extra });
  const ids = (response: SearchResponse): string[] => response.hits.map((hit) => hit.document.id);

  beforeEach(async () => {
    engine = new EmbeddedSearchEngine();
    const settings = await loadSearchSettings();
    await engine.configure({
      synonyms: { 'thermal camera': ['microbolometer'] },
      stopWords: settings.stopWords,
      spellingVariants: settings.spellingVariants,
    });
    await engine.upsert(FIXTURE);
  });

  it('keeps the results of the other words when one word is in no text, and names that word', async () => {
    const response = await search('hydrophones zqxwv', { groupParagraphs: false });
    expect(ids(response).sort()).toEqual(['P:3', 'P:5']);
    expect(response.unmatchedWords).toEqual(['zqxwv']);
  });

  it('ranks documents by how many query words they hold', async () => {
    const response = await search('acoustic hydrophones detector', { groupParagraphs: false });
    // The hydrophone paragraphs hold two words, the acoustic entries one.
    expect(ids(response).slice(0, 2).sort()).toEqual(['P:3', 'P:5']);
  });

  it('finds the British spelling with the American one and back, and every inflection through the stem', async () => {
    expect(ids(await search('fiber ', { groupParagraphs: false }))).toContain('P:1');
    expect(ids(await search('fibres ', { groupParagraphs: false }))).toContain('P:1');
    expect(ids(await search('hydrophone ', { groupParagraphs: false })).sort()).toEqual(['P:3', 'P:5']);
    expect(ids(await search('detectors ', { groupParagraphs: false }))).toEqual(expect.arrayContaining(['P:3', 'P:7']));
  });

  it('matches a compound written apart, joined or hyphenated', async () => {
    expect(ids(await search('micro bolometer', { groupParagraphs: false }))).toContain('P:7');
    expect(ids(await search('wallplug efficiency'))).toContain('P:9');
    expect(ids(await search('infra-red detectors'))[0]).toBe('P:6');
  });

  it('forgives a typo before it applies synonyms, so a misspelt lay word still reaches its equivalents', async () => {
    expect(ids(await search('thermal camera', { groupParagraphs: false }))).toContain('P:7');
    expect(ids(await search('thermel camera', { groupParagraphs: false }))).toContain('P:7');
  });

  it('returns one result per entry with its matching paragraphs, and counts entries', async () => {
    const response = await search('hydrophones');
    // The EU and UK entries stand for their paragraphs, though only the paragraphs matched.
    expect(ids(response).sort()).toEqual(['P:2', 'P:4']);
    expect(response.totalCount).toBe(2);
    for (const hit of response.hits) expect(hit.subHits?.map((sub) => sub.document.codes[0])).toEqual(['6A001.a.2']);
    const ungrouped = await search('hydrophones', { groupParagraphs: false });
    expect(ids(ungrouped).sort()).toEqual(['P:3', 'P:5']);
    expect(ungrouped.totalCount).toBe(2);
    expect(ungrouped.hits.every((hit) => hit.subHits === undefined)).toBe(true);
  });

  it('keeps a paragraph named by its exact code as a result of its own', async () => {
    const response = await search('6A001.a.2');
    expect(response.hits[0]?.document.codes).toEqual(['6A001.a.2']);
  });

  it('ranks the records a hint asks for first among equally good matches', async () => {
    expect(ids(await search('research results'))[0]).toBe('G:1');
    expect(ids(await search('research results', { prefer: { types: ['EXEMPTION'] } }))[0]).toBe('E:1');
  });

  it('puts a named regime first and leaves records of no regime where they were', async () => {
    const hits = ids(await search('acoustic systems', { prefer: { regimes: ['UK'] } }));
    expect(hits[0]).toBe('P:4');
    expect(hits.indexOf('P:4')).toBeLessThan(hits.indexOf('P:2'));
  });

  it('suggests the closest words when nothing matches and gives the results of the suggestion, marked', async () => {
    // Three edits from "spectrometer": one more than a word of 10 letters is allowed.
    const response = await search('spekrometr');
    expect(response.didYouMean).toBe('spectrometer');
    expect(response.relaxedQuery).toBe('spectrometer');
    expect(ids(response)).toEqual(['P:8']);
    const nothing = await search('zqxwvy');
    expect(nothing.hits).toEqual([]);
    expect(nothing.didYouMean).toBeNull();
    expect(nothing.relaxedQuery).toBeNull();
  });
});
