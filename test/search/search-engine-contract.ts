// The behaviour every SearchEngine adapter must show, written against the port
// only: each adapter's test file calls describeSearchEngineContract with a factory. The
// fixture words are chosen so Meilisearch's own rules give the same answers (no typo on a
// first letter, which Meilisearch counts twice; typo probes that are no prefix of any word).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  type SearchDocument,
  type SearchEngine,
  type SearchRequest,
  type SearchResponse,
} from '../../src/search/search-engine.js';

/** Every fixture body ends with this word, so a query for it lists every document. */
const COMMON_WORD = 'export';

function doc(id: string, fields: Partial<Omit<SearchDocument, 'id' | 'recordId'>> = {}): SearchDocument {
  const type = fields.type ?? 'PROVISION';
  return {
    id: `${type}:${id}`,
    type,
    recordId: id,
    title: fields.title ?? `Record ${id}`,
    codes: fields.codes ?? [],
    body: `${fields.body ?? 'Plain text.'} ${COMMON_WORD}`,
    regime: fields.regime ?? null,
    jurisdiction: fields.jurisdiction ?? null,
    category: fields.category ?? null,
    audience: fields.audience ?? [],
    date: fields.date ?? null,
  };
}

const FIXTURE: SearchDocument[] = [
  doc('1', {
    title: 'Laser systems',
    codes: ['6A005'],
    body: 'Continuous wave lasers with an output power above the threshold.',
    regime: 'US_EAR',
    jurisdiction: 'US',
    category: '6',
    date: '2024-01-01',
    audience: ['industry'],
  }),
  doc('2', {
    title: 'Cameras and components',
    codes: ['6A003'],
    body: 'Imaging cameras incorporating focal plane arrays.',
    regime: 'US_EAR',
    jurisdiction: 'US',
    category: '6',
    date: '2024-06-30',
    audience: ['industry', 'sme'],
  }),
  doc('3', {
    title: 'Sub-paragraph on cameras',
    codes: ['6A003.b.4'],
    body: 'Cameras as in 6A003 having a detector of the kind in 6A003 and 6A003.',
    regime: 'US_EAR',
    jurisdiction: 'US',
    category: '6',
    date: '2024-12-31',
  }),
  doc('4', {
    type: 'EXEMPTION',
    title: 'Fundamental research',
    codes: ['15 CFR 734.8'],
    body: 'Technology that arises during fundamental research and is intended to be published.',
    regime: 'US_EAR',
    jurisdiction: 'US',
    category: 'research',
    audience: ['academia'],
  }),
  doc('5', {
    type: 'GUIDANCE_DOCUMENT',
    title: 'Compliance guide for universities',
    codes: ['EU-2021-1700'],
    body: 'Internal compliance programmes for research involving dual-use items.',
    regime: 'EU',
    jurisdiction: 'EU',
    category: 'research',
    date: '2021-09-15',
    audience: ['academia'],
  }),
  doc('6', {
    type: 'CONSULTATION',
    title: 'Consultation on sensors',
    codes: ['BIS-2018-0024'],
    body: 'A lens and a spectrometer for the laboratory.',
    regime: 'UK',
    jurisdiction: 'UK',
    date: '2018-11-19',
    audience: ['industry', 'academia'],
  }),
  doc('7', {
    type: 'IMPACT_ASSESSMENT',
    title: 'Impact of thermal imaging controls',
    body: 'Thermal imaging equipment trade volumes.',
    regime: 'EU',
    jurisdiction: 'EU',
    category: '6',
    date: '2023-03-01',
    audience: ['sme'],
  }),
  doc('8', {
    title: 'Amplifier modules',
    body: 'Microwave amplifier modules for radar.',
    regime: 'WASSENAAR',
    jurisdiction: 'WA',
    category: '3',
    date: '2022-05-05',
  }),
  doc('9', {
    title: 'Detector arrays',
    body: 'Radiation detector elements.',
    regime: 'WASSENAAR',
    jurisdiction: 'WA',
    category: '6',
  }),
  doc('10', {
    title: 'Gravimeter',
    body: 'Instruments for the measurement of gravity.',
    regime: 'UK',
    jurisdiction: 'UK',
    category: '6',
    date: '2020-01-01',
  }),
  doc('11', {
    title: 'Marine instruments',
    body: 'Survey ships may carry a gravimeter among other instruments on board for geophysical measurement campaigns at sea.',
    regime: 'UK',
    jurisdiction: 'UK',
    category: '8',
    date: '2020-01-02',
  }),
  doc('12', {
    title: 'Portable thermal camera kit',
    body: 'A handheld camera with thermal sensor.',
    regime: 'EU',
    jurisdiction: 'EU',
    category: '6',
    date: '2025-02-02',
  }),
  doc('13', {
    title: 'Laser radar systems',
    body: 'Airborne laser radar for mapping.',
    regime: 'EU',
    jurisdiction: 'EU',
    category: '6',
    date: '2025-03-03',
  }),
  doc('14', { title: 'Thermal insulation', body: 'Thermal blankets.' }),
];

const SYNONYMS: Record<string, string[]> = {
  'thermal camera': ['thermal imaging'],
  lidar: ['laser radar'],
};
const STOP_WORDS = ['the', 'of', 'a', 'an', 'for', 'and', 'on', 'in', 'with'];

function ids(response: SearchResponse): string[] {
  return response.hits.map((hit) => hit.document.id);
}

function unmarked(snippet: string): string {
  return snippet.replaceAll(HIGHLIGHT_PRE, '').replaceAll(HIGHLIGHT_POST, '');
}

/** The marked words of a snippet, in order. */
function markedWords(snippet: string): string[] {
  const pattern = new RegExp(`${escapeRegExp(HIGHLIGHT_PRE)}(.*?)${escapeRegExp(HIGHLIGHT_POST)}`, 'gu');
  return [...snippet.matchAll(pattern)].map((match) => match[1] ?? '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

export function describeSearchEngineContract(name: string, makeEngine: () => Promise<SearchEngine>): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let engine: SearchEngine;
    // Every document on its own unless a test asks for grouping (the grouping tests below).
    const search = (query: string, extra: Partial<SearchRequest> = {}): Promise<SearchResponse> =>
      engine.search({ query, offset: 0, limit: 100, groupParagraphs: false, ...extra });
    /** The documents the query itself matched: none when the hits are for a relaxed (did-you-mean) query. */
    const matchedIds = (response: SearchResponse): string[] => (response.relaxedQuery ? [] : ids(response));

    beforeEach(async () => {
      engine = await makeEngine();
      await engine.clear();
      await engine.configure({ synonyms: SYNONYMS, stopWords: STOP_WORDS });
      await engine.upsert(FIXTURE);
    });

    afterEach(async () => {
      await engine.close();
    });

    describe('documents', () => {
      it('lists and returns what was upserted', async () => {
        expect(await engine.allIds()).toEqual(FIXTURE.map((d) => d.id).sort());
        expect(await engine.get('EXEMPTION:4')).toEqual(FIXTURE[3]);
        expect(await engine.get('PROVISION:404')).toBeNull();
        expect((await engine.health()).ok).toBe(true);
      });

      it('replaces a document with the same id, old words no longer match', async () => {
        const replaced = {
          ...(FIXTURE[0] as SearchDocument),
          title: 'Magnetometers',
          body: 'Fluxgate magnetometers. export',
        };
        await engine.upsert([replaced]);
        expect(await engine.get(replaced.id)).toEqual(replaced);
        expect(ids(await search('magnetometers'))).toEqual([replaced.id]);
        expect(ids(await search('continuous'))).toEqual([]);
        expect((await engine.allIds()).length).toBe(FIXTURE.length);
      });

      it('deletes documents, ignoring unknown ids', async () => {
        await engine.delete(['PROVISION:1', 'PROVISION:404']);
        expect(await engine.get('PROVISION:1')).toBeNull();
        expect(ids(await search('continuous'))).toEqual([]);
        expect((await engine.allIds()).length).toBe(FIXTURE.length - 1);
      });

      it('clears everything', async () => {
        await engine.clear();
        expect(await engine.allIds()).toEqual([]);
        expect((await search(COMMON_WORD)).totalCount).toBe(0);
      });
    });

    describe('totals, filters and facets', () => {
      it('counts every match exactly, whatever the page size', async () => {
        const page = await search(COMMON_WORD, { limit: 2 });
        expect(page.totalCount).toBe(FIXTURE.length);
        expect(page.hits).toHaveLength(2);
        expect((await search('cameras', { limit: 1 })).totalCount).toBe(3);
      });

      it('filters with OR inside a field and AND across fields', async () => {
        const byType = await search(COMMON_WORD, { filter: { types: ['EXEMPTION', 'CONSULTATION'] } });
        expect(ids(byType).sort()).toEqual(['CONSULTATION:6', 'EXEMPTION:4']);
        const both = await search(COMMON_WORD, { filter: { regime: ['EU', 'UK'], category: ['6'] } });
        expect(ids(both).sort()).toEqual(['IMPACT_ASSESSMENT:7', 'PROVISION:10', 'PROVISION:12', 'PROVISION:13']);
        const jurisdiction = await search(COMMON_WORD, { filter: { jurisdiction: ['WA'] } });
        expect(ids(jurisdiction).sort()).toEqual(['PROVISION:8', 'PROVISION:9']);
      });

      it('matches a document whose audience holds any listed value', async () => {
        const response = await search(COMMON_WORD, { filter: { audience: ['sme', 'academia'] } });
        expect(ids(response).sort()).toEqual([
          'CONSULTATION:6',
          'EXEMPTION:4',
          'GUIDANCE_DOCUMENT:5',
          'IMPACT_ASSESSMENT:7',
          'PROVISION:2',
        ]);
      });

      it('applies inclusive date bounds and leaves out documents without a date', async () => {
        const year2024 = await search(COMMON_WORD, { filter: { dateFrom: '2024-01-01', dateTo: '2024-12-31' } });
        expect(ids(year2024).sort()).toEqual(['PROVISION:1', 'PROVISION:2', 'PROVISION:3']);
        const from = await search(COMMON_WORD, { filter: { dateFrom: '2025-01-01' } });
        expect(ids(from).sort()).toEqual(['PROVISION:12', 'PROVISION:13']);
        const until = await search(COMMON_WORD, { filter: { dateTo: '2018-11-19' } });
        expect(ids(until)).toEqual(['CONSULTATION:6']);
      });

      it('counts facets over the whole filtered result, not the page', async () => {
        const response = await search(COMMON_WORD, {
          limit: 1,
          facets: ['type', 'audience'],
          filter: { regime: ['US_EAR', 'EU', 'UK'] },
        });
        expect(response.totalCount).toBe(11);
        const count = (field: string, value: string) =>
          response.facets.find((facet) => facet.field === field && facet.value === value)?.count;
        expect(count('type', 'PROVISION')).toBe(7);
        expect(count('type', 'EXEMPTION')).toBe(1);
        expect(count('type', 'GUIDANCE_DOCUMENT')).toBe(1);
        expect(count('type', 'CONSULTATION')).toBe(1);
        expect(count('type', 'IMPACT_ASSESSMENT')).toBe(1);
        expect(count('audience', 'academia')).toBe(3);
        expect(count('audience', 'industry')).toBe(3);
        expect(count('audience', 'sme')).toBe(2);
        expect(response.facets.filter((facet) => facet.field === 'regime')).toEqual([]);
      });
    });

    describe('pagination', () => {
      it('pages through ties in a stable order (by id) without duplicates or gaps', async () => {
        const twins = Array.from({ length: 23 }, (_, index) =>
          doc(`twin-${String(index).padStart(2, '0')}`, {
            title: 'Identical twin record',
            body: 'Same words everywhere.',
          }),
        );
        await engine.upsert([...twins].reverse());
        const seen: string[] = [];
        for (let offset = 0; offset < 30; offset += 7) {
          const page = await search('identical twin', { offset, limit: 7 });
          expect(page.totalCount).toBe(23);
          seen.push(...ids(page));
        }
        expect(seen).toHaveLength(23);
        expect(new Set(seen).size).toBe(23);
        expect(seen).toEqual(twins.map((twin) => twin.id).sort());
        expect(ids(await search('identical twin', { offset: 7, limit: 7 }))).toEqual(seen.slice(7, 14));
      });
    });

    describe('typo tolerance and prefixes', () => {
      it('allows no typo in a word of 4 letters', async () => {
        expect(matchedIds(await search('lenz'))).toEqual([]);
        expect(ids(await search('lens'))).toEqual(['CONSULTATION:6']);
      });

      it('allows one typo from 5 letters, not two', async () => {
        expect(ids(await search('lasor'))).toContain('PROVISION:1');
        expect(matchedIds(await search('lazor'))).toEqual([]);
      });

      it('allows one typo in a word of 8 letters, not two', async () => {
        expect(ids(await search('detectar')).sort()).toEqual(['PROVISION:3', 'PROVISION:9']);
        expect(matchedIds(await search('detoctar'))).toEqual([]);
      });

      it('allows two typos from 9 letters', async () => {
        expect(ids(await search('amplifiar'))).toEqual(['PROVISION:8']);
        expect(ids(await search('anplifiar'))).toEqual(['PROVISION:8']);
        expect(matchedIds(await search('anplifuar'))).toEqual([]);
      });

      it('matches the last word as a prefix', async () => {
        expect(ids(await search('spectro'))).toEqual(['CONSULTATION:6']);
        expect(ids(await search('laboratory spectro'))).toEqual(['CONSULTATION:6']);
        expect(ids(await search('gravim'))[0]).toBe('PROVISION:10');
      });
    });

    describe('synonyms and stop words', () => {
      it('finds the equivalents of a phrase, as well as the exact words', async () => {
        const found = ids(await search('thermal camera'));
        // "Impact of thermal imaging controls" holds the equivalent; "Portable thermal camera kit" the words typed.
        expect(found.slice(0, 2).sort()).toEqual(['IMPACT_ASSESSMENT:7', 'PROVISION:12']);
      });

      it('still counts the words of a synonym phrase one by one, below the whole phrase', async () => {
        const found = ids(await search('thermal camera'));
        // Matching one word of the phrase ("Thermal insulation", a camera without "thermal") ranks below
        // matching the phrase or its equivalent.
        const phrase = Math.max(found.indexOf('PROVISION:12'), found.indexOf('IMPACT_ASSESSMENT:7'));
        expect(found.indexOf('PROVISION:12')).toBeGreaterThanOrEqual(0);
        expect(found.indexOf('IMPACT_ASSESSMENT:7')).toBeGreaterThanOrEqual(0);
        expect(found.indexOf('PROVISION:14')).toBeGreaterThan(phrase);
        expect(found.indexOf('PROVISION:3')).toBeGreaterThan(phrase);
      });

      it('finds the equivalents of a word', async () => {
        expect(ids(await search('lidar'))).toContain('PROVISION:13');
      });

      it('ignores stop words in the query', async () => {
        expect(ids(await search('the lens'))).toEqual(ids(await search('lens')));
        expect(ids(await search('radar of the'))).toEqual(ids(await search('radar')));
      });
    });

    describe('ranking and scores', () => {
      it('puts an exact code match first', async () => {
        expect(ids(await search('6A003'))[0]).toBe('PROVISION:2');
        expect(ids(await search('6A003.b.4'))[0]).toBe('PROVISION:3');
      });

      it('ranks a title match above a body match', async () => {
        expect(ids(await search('gravimeter'))).toEqual(['PROVISION:10', 'PROVISION:11']);
      });

      it('gives scores in [0, 1], not increasing down the list', async () => {
        const response = await search('cameras thermal');
        expect(response.hits.length).toBeGreaterThan(1);
        const scores = response.hits.map((hit) => hit.score);
        for (const score of scores) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        expect(response.processingTimeMs).toBeGreaterThanOrEqual(0);
      });
    });

    describe('highlights', () => {
      it('marks the matched words and keeps the text verbatim', async () => {
        const hit = (await search('laser')).hits.find((h) => h.document.id === 'PROVISION:1');
        const title = hit?.highlights.find((highlight) => highlight.field === 'title');
        expect(title?.snippet).toBe(`${HIGHLIGHT_PRE}Laser${HIGHLIGHT_POST} systems`);
      });

      it('marks words found with a typo and every matched term of a body', async () => {
        const hit = (await search('microwave amplifiar')).hits.find((h) => h.document.id === 'PROVISION:8');
        const body = hit?.highlights.find((highlight) => highlight.field === 'body');
        expect(body).toBeDefined();
        expect(markedWords(body?.snippet ?? '')).toEqual(['Microwave', 'amplifier']);
        expect(unmarked(body?.snippet ?? '')).toBe((FIXTURE[7] as SearchDocument).body);
      });

      it('marks a matched code', async () => {
        const [hit] = (await search('6A005')).hits;
        const codes = hit?.highlights.find((highlight) => highlight.field === 'codes');
        expect(codes?.snippet).toContain(`${HIGHLIGHT_PRE}6A005${HIGHLIGHT_POST}`);
      });

      it('crops a long body to about 30 words around the first match', async () => {
        const words = Array.from({ length: 120 }, (_, index) => `word${index}`);
        words[80] = 'Cryogenic';
        await engine.upsert([doc('long', { title: 'Long record', body: words.join(' ') })]);
        const [hit] = (await search('cryogenic')).hits;
        const body = hit?.highlights.find((highlight) => highlight.field === 'body');
        expect(body?.snippet).toContain(`${HIGHLIGHT_PRE}Cryogenic${HIGHLIGHT_POST}`);
        const kept = unmarked(body?.snippet ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
        expect(kept.length).toBeGreaterThanOrEqual(20);
        expect(kept.length).toBeLessThanOrEqual(40);
        expect(kept).toContain('word79');
      });
    });
  });
}
