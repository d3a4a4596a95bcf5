// Query understanding over the real data file (seed/search/query-understanding.json) and the
// real country chart: what is searched, what is taken out and why, and the hints a question gives.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileQueryUnderstandingRules,
  interpretQuery,
  loadQueryUnderstandingRules,
  type QueryInterpretation,
  type QueryUnderstandingRules,
} from '../../src/search/query-understanding.js';

const root = resolve(import.meta.dirname, '../..');
const rulesFile: unknown = JSON.parse(readFileSync(resolve(root, 'seed/search/query-understanding.json'), 'utf8'));
const chart = JSON.parse(readFileSync(resolve(root, 'seed/data/us_country_chart.json'), 'utf8')) as {
  countries: { name: string; iso2: string }[];
};

let rules: QueryUnderstandingRules;
beforeAll(async () => {
  rules = await loadQueryUnderstandingRules();
});

const read = (query: string): QueryInterpretation => interpretQuery(query, rules);
const removed = (query: string): string[] => read(query).removed.map(({ text, reason }) => `${text}: ${reason}`);

describe('interpretQuery on questions users ask', () => {
  it('keeps the item of a licence question and reads the destination', () => {
    const result = read('do I need a licence to export a thermal camera to Japan');
    expect(result.searchText).toBe('thermal camera');
    expect(removed(result.original)).toEqual([
      'do I need a licence to export: QUESTION',
      'a: STOP_WORD',
      'to Japan: DESTINATION',
    ]);
    expect(result.destination).toEqual({ code: 'JP', name: 'Japan' });
    // The destination is reported, not a ranking preference: the camera's entry answers first.
    expect(result.preferTypes).toEqual([]);
    expect(result.preferRegimes).toEqual([]);
  });

  it('keeps what is to be published and asks for an exemption', () => {
    const result = read('can my lab publish lidar research results without a licence');
    expect(result.searchText).toBe('publish lidar research results');
    expect(removed(result.original)).toEqual(['can: STOP_WORD', 'my lab: QUESTION', 'without a licence: QUESTION']);
    expect(result.preferTypes).toEqual(['EXEMPTION']);
    expect(result.destination).toBeNull();
  });

  it('keeps the words that name an exemption in the searched text and hints the type', () => {
    const result = read('which exemption covers publishing results');
    expect(result.searchText).toBe('exemption publishing results');
    expect(result.preferTypes).toEqual(['EXEMPTION']);
    expect(read('can we publish thermal imaging results').preferTypes).toEqual(['EXEMPTION']);
    expect(read('can we publish thermal imaging results').searchText).toBe('publish thermal imaging results');
  });

  it('takes out "are ... controlled for export" and "rules for exporting"', () => {
    expect(read('are night vision goggles controlled for export').searchText).toBe('night vision goggles');
    expect(removed('are night vision goggles controlled for export')).toEqual([
      'are: STOP_WORD',
      'controlled for export: QUESTION',
    ]);
    expect(read('rules for exporting hydrophones').searchText).toBe('hydrophones');
    expect(read('rules for exporting hydrophones').preferTypes).toEqual([]);
  });

  it('turns a named list into a regime hint, with the generic list words', () => {
    const eu = read('EU dual-use list thermal imaging cameras');
    expect(eu.searchText).toBe('thermal imaging cameras');
    expect(eu.removed).toEqual([{ text: 'EU dual-use list', reason: 'REGIME' }]);
    expect(eu.preferRegimes).toEqual(['EU']);

    const uk = read('UK strategic export list photomultiplier');
    expect(uk.searchText).toBe('photomultiplier');
    expect(uk.preferRegimes).toEqual(['UK']);
    expect(uk.destination).toBeNull();

    expect(read('Wassenaar list acoustic systems').searchText).toBe('acoustic systems');
    expect(read('are rifle sights on the commerce control list').preferRegimes).toEqual(['US_EAR']);
    expect(read('US EAR 6A991 marine acoustic equipment').searchText).toBe('6A991 marine acoustic equipment');
  });

  it('rewrites printed list numbering to the code the index uses', () => {
    const result = read('Wassenaar optical sensors 6.A.2');
    expect(result.searchText).toBe('optical sensors 6A002');
    expect(result.rewrittenCodes).toEqual([{ from: '6.A.2', to: '6A002' }]);
    expect(result.preferRegimes).toEqual(['WASSENAAR']);
    expect(read('6.A.2.a.1 detectors').rewrittenCodes).toEqual([{ from: '6.A.2.a.1', to: '6A002.a.1' }]);
    expect(read('6.A.2.a.1 detectors').searchText).toBe('6A002.a.1 detectors');
    expect(read('Wassenaar 3.A.1 electronic items').searchText).toBe('3A001 electronic items');
    expect(read('6A2 cameras').rewrittenCodes).toEqual([{ from: '6A2', to: '6A002' }]);
    // Already in list form: searched as typed, nothing rewritten.
    expect(read('radar 6A008.j.1').rewrittenCodes).toEqual([]);
    expect(read('radar 6A008.j.1').searchText).toBe('radar 6A008.j.1');
    // A number in scientific notation is not a list code.
    expect(read('1e6 frames per second').rewrittenCodes).toEqual([]);
  });

  it('asks for a definition, a statistic, a consultation or guidance when the question does', () => {
    const definition = read('what is a hyperspectral sensor');
    expect(definition.searchText).toBe('hyperspectral sensor');
    expect(definition.removed).toEqual([{ text: 'what is a', reason: 'QUESTION' }]);
    expect(definition.preferTypes).toEqual(['LIST_TEXT']);
    expect(read('what does ROIC mean').searchText).toBe('ROIC');
    expect(read('what does ROIC mean').preferTypes).toEqual(['LIST_TEXT']);
    // The term asked about is the topic even when it is a stop word elsewhere, and words after
    // the template are its context.
    const term = read('what does required mean for controlled technology');
    expect(term.searchText).toBe('required technology');
    expect(term.preferTypes).toEqual(['LIST_TEXT']);
    expect(read('what does mean time between failures mean').searchText).toBe('mean time between failures');

    const count = read('how many universities did BIS reach out to');
    expect(count.searchText).toBe('universities reach out');
    expect(count.preferTypes).toEqual(['IMPACT_ASSESSMENT']);
    expect(count.preferRegimes).toEqual(['US_EAR']);
    expect(removed(count.original)).toContain('how many: QUESTION');
    expect(removed(count.original)).toContain('BIS: REGIME');

    expect(read('public comments on the emerging technology rule').preferTypes).toEqual(['CONSULTATION']);
    expect(read('fundamental research FAQ').preferTypes).toEqual(['EXEMPTION', 'GUIDANCE_DOCUMENT']);
  });

  it('keeps topic phrases whose words are scaffolding elsewhere', () => {
    expect(read('do I need a licence exception for encryption').searchText).toBe('licence exception encryption');
    expect(read('does my PhD student need a deemed export licence').searchText).toBe('PhD student deemed export');
    expect(read('published technology not subject to the EAR').preferRegimes).toEqual([]);
    expect(read('military research software technology').searchText).toBe('military research software technology');
  });
});

describe('interpretQuery: regimes, pronouns and destinations', () => {
  it('reads "US" in capitals as the regime, not a destination', () => {
    const result = read('US export rules');
    expect(result.preferRegimes).toEqual(['US_EAR']);
    expect(result.destination).toBeNull();
    expect(read('US controls on thermal cameras').searchText).toBe('thermal cameras');
  });

  it('reads lower-case "us" as the pronoun', () => {
    const result = read('can us researchers share lidar data');
    expect(result.preferRegimes).toEqual([]);
    expect(result.searchText).toBe('researchers share lidar data');
    expect(removed(result.original)).toContain('us: STOP_WORD');
  });

  it('reads a regime name as a country only when something is sent to it', () => {
    expect(read('exporting lasers to the UK').destination).toEqual({ code: 'GB', name: 'United Kingdom' });
    expect(read('exporting lasers to the UK').preferRegimes).toEqual([]);
    expect(read('exporting lasers to the UK').searchText).toBe('lasers');
    expect(read('selling sonar to the US').destination).toEqual({ code: 'US', name: 'United States' });
    expect(read('lasers in the UK').destination).toBeNull();
    expect(read('lasers in the UK').preferRegimes).toEqual(['UK']);
    // A list word after the name makes it the list: "subject to US export controls".
    const list = read('are AI model weights subject to US export controls');
    expect(list.destination).toBeNull();
    expect(list.preferRegimes).toEqual(['US_EAR']);
    expect(list.searchText).toBe('AI model weights');
  });

  it('searches the destination of a question that asks for an exemption', () => {
    const exemption = read('can my firm ship dual-use goods to Japan without an individual licence');
    expect(exemption.destination).toEqual({ code: 'JP', name: 'Japan' });
    expect(exemption.preferTypes).toEqual(['EXEMPTION']);
    expect(exemption.searchText).toBe('dual-use goods Japan');
    expect(removed(exemption.original)).toContain('to: STOP_WORD');
    // Without an exemption asked for, the item's entry answers: the destination is not searched.
    expect(read('can my firm ship dual-use goods to Japan').searchText).toBe('dual-use goods');
  });

  it('reads two-letter codes only in capitals after "to", and an origin after "from" is no destination', () => {
    expect(read('send a camera to JP').destination?.code).toBe('JP');
    expect(read('send a camera to jp').destination).toBeNull();
    expect(read('MT controls on missiles').destination).toBeNull();
    const fromTo = read('export gravimeters from Germany to South Korea');
    expect(fromTo.destination).toEqual({ code: 'KR', name: 'Korea, South' });
    expect(fromTo.searchText).toBe('gravimeters Germany');
  });

  it('recognises every country of the country chart by its name', () => {
    const missed = chart.countries.filter((country) =>
      [country.name, country.name.toLowerCase()].some((name) => {
        const result = read(`export a camera to ${name}`);
        return result.destination?.code !== country.iso2 || result.searchText !== 'camera';
      }),
    );
    expect(missed.map((country) => country.name)).toEqual([]);
    expect(chart.countries.length).toBe(200);
  });

  it('recognises names the chart writes otherwise, with accents and in any case', () => {
    expect(read('drones to north korea').destination?.code).toBe('KP');
    expect(read('cameras for Türkiye').destination?.code).toBe('TR');
    expect(read('cameras for turkey').destination?.code).toBe('TR');
    expect(read('lidar to the Bahamas').destination?.code).toBe('BS');
    expect(read('lidar to Saint Lucia').destination?.code).toBe('LC');
    expect(read('lidar to the Democratic Republic of the Congo').destination?.code).toBe('CD');
    // "Congo" alone names two chart rows, so neither.
    expect(read('lidar to Congo').destination).toBeNull();
  });
});

describe('interpretQuery: what is searched when little is left', () => {
  it('searches a query made only of scaffolding as typed', () => {
    for (const query of ['do I need a licence', 'what are the rules', 'export licence required?']) {
      const result = read(query);
      expect(result.searchText, query).toBe(query);
      expect(result.removed, query).toEqual([]);
    }
  });

  it('searches a query with nothing recognised as typed, and an empty query as empty', () => {
    expect(read('thermal camera?').searchText).toBe('thermal camera?');
    expect(read('thermal camera?').removed).toEqual([]);
    expect(read('').searchText).toBe('');
  });

  it('keeps the separators inside kept words', () => {
    expect(read('is it legal to export dual-use items under EAR 734.7').searchText).toBe('dual-use items 734.7');
  });

  it('costs well under 0.1 ms for a ten-word question', () => {
    const query = 'do I need a licence to export a thermal camera to Japan';
    for (let i = 0; i < 1_000; i++) interpretQuery(query, rules);
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) interpretQuery(query, rules);
    expect((performance.now() - started) / 10_000).toBeLessThan(0.1);
  });
});

describe('compileQueryUnderstandingRules', () => {
  const withChange = (change: (file: Record<string, unknown>) => void): unknown => {
    const copy = structuredClone(rulesFile) as Record<string, unknown>;
    change(copy);
    return copy;
  };

  it('compiles the real file', () => {
    expect(() => compileQueryUnderstandingRules(rulesFile, chart.countries)).not.toThrow();
  });

  it('refuses a type that does not exist, naming where it is', () => {
    const file = withChange((copy) => {
      (copy.questionPhrases as { preferTypes?: string[] }[])[1] = {
        phrases: ['without a permit'],
        preferTypes: ['EXEMPTIONS'],
      } as never;
    });
    expect(() => compileQueryUnderstandingRules(file, chart.countries)).toThrow(/questionPhrases\.1\.preferTypes\.0/);
  });

  it('refuses a misspelt section and a missing one', () => {
    const misspelt = withChange((copy) => {
      copy.domainStopWord = copy.domainStopWords;
      delete copy.domainStopWords;
    });
    expect(() => compileQueryUnderstandingRules(misspelt, chart.countries)).toThrow(/domainStopWords/);
    expect(() => compileQueryUnderstandingRules(misspelt, chart.countries)).toThrow(/domainStopWord\b/);
  });

  it('refuses a stop word that is also a topic word, and a phrase that could never match', () => {
    const stopTopic = withChange((copy) => {
      (copy.domainStopWords as string[]).push('exemption');
    });
    expect(() => compileQueryUnderstandingRules(stopTopic, chart.countries)).toThrow(/domainStopWords: "exemption"/);
    const deadPhrase = withChange((copy) => {
      (copy.questionPhrases as { phrases: string[] }[])[0]?.phrases.push('is there an exemption for');
    });
    expect(() => compileQueryUnderstandingRules(deadPhrase, chart.countries)).toThrow(/topic phrase "exemption"/);
  });

  it('refuses an alias for a code the chart lacks unless it gives the name', () => {
    const file = withChange((copy) => {
      (copy.destinations as { aliases: unknown[] }).aliases.push({ iso2: 'PS', names: ['palestine'] });
    });
    expect(() => compileQueryUnderstandingRules(file, chart.countries)).toThrow(/aliases\.\d+: PS has no row/);
  });

  it('reads the country names it is given', () => {
    const countries = [...chart.countries.filter((country) => country.iso2 !== 'JP'), { name: 'Atlantis', iso2: 'QZ' }];
    const compiled = compileQueryUnderstandingRules(rulesFile, countries);
    expect(interpretQuery('cameras to Atlantis', compiled).destination).toEqual({ code: 'QZ', name: 'Atlantis' });
    expect(interpretQuery('cameras to Japan', compiled).destination).toBeNull();
  });
});
