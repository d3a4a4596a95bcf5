// The data search relies on: synonyms grounded verbatim in the seed
// texts, the stop-word list, and relevance cases whose expectations exist in the seed data.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRelevanceCases } from '../support/relevance-cases.js';

const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(root, 'seed/data');

const DATA_FILES = [
  'us_ccl_full.json',
  'control_entries.json',
  'exemptions.json',
  'guidance_documents.json',
  'consultations.json',
  'impact_metrics.json',
] as const;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** One decoded string value of a data file, with the code or id of the nearest record holding it. */
interface OwnedString {
  owner: string | null;
  text: string;
}

function collectStrings(value: unknown, owner: string | null, out: OwnedString[]): void {
  if (typeof value === 'string') {
    out.push({ owner, text: value });
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, owner, out);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const own = typeof record.code === 'string' ? record.code : typeof record.id === 'string' ? record.id : owner;
    for (const child of Object.values(record)) collectStrings(child, own, out);
  }
}

const stringsCache = new Map<string, OwnedString[]>();
function stringsOf(file: string): OwnedString[] {
  let strings = stringsCache.get(file);
  if (!strings) {
    strings = [];
    collectStrings(readJson<unknown>(resolve(dataDir, file)), null, strings);
    stringsCache.set(file, strings);
  }
  return strings;
}

interface Grounding {
  file: string;
  where: string;
  quote: string;
}
interface SynonymEntry {
  terms: string[];
  listTerms: string[];
  grounding: Grounding[];
}
interface SynonymsFile {
  $comment: string;
  entries: SynonymEntry[];
}

const synonyms = readJson<SynonymsFile>(resolve(root, 'seed/search/synonyms.json'));
const stopWords = readJson<{ stopWords: string[] }>(resolve(root, 'seed/search/stop-words.json'));

describe('seed/search/synonyms.json', () => {
  it('has at least 60 entries, each with terms, list terms and grounding', () => {
    expect(typeof synonyms.$comment).toBe('string');
    expect(synonyms.entries.length).toBeGreaterThanOrEqual(60);
    for (const entry of synonyms.entries) {
      const label = entry.terms.join(' / ');
      expect(entry.terms.length, label).toBeGreaterThan(0);
      expect(entry.listTerms.length, label).toBeGreaterThan(0);
      expect(entry.grounding.length, label).toBeGreaterThan(0);
      for (const term of [...entry.terms, ...entry.listTerms]) {
        expect(term.trim(), label).toBe(term);
        expect(term.length, label).toBeGreaterThan(0);
      }
    }
  });

  it('never lists the same term in two entries (or twice in one)', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const entry of synonyms.entries) {
      for (const term of entry.terms) {
        const key = term.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) duplicates.push(`"${term}" in [${entry.terms.join(', ')}] and [${first}]`);
        else seen.set(key, entry.terms.join(', '));
      }
    }
    expect(duplicates).toEqual([]);
  });

  it('quotes every grounding verbatim from the named seed file and record', () => {
    const missing: string[] = [];
    for (const entry of synonyms.entries) {
      for (const { file, where, quote } of entry.grounding) {
        expect(DATA_FILES as readonly string[], `${entry.terms[0]}: unknown file ${file}`).toContain(file);
        expect(quote.length, `${entry.terms[0]}: empty quote`).toBeGreaterThan(0);
        const holders = stringsOf(file).filter((s) => s.text.includes(quote));
        if (holders.length === 0) missing.push(`${file}: "${quote}" not found`);
        else if (!holders.some((s) => s.owner === where)) {
          missing.push(
            `${file}: "${quote}" found under ${[...new Set(holders.map((s) => s.owner))].join(', ')}, not ${where}`,
          );
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has every list term in one of its own quotes', () => {
    const unsupported: string[] = [];
    for (const entry of synonyms.entries) {
      const quotes = entry.grounding.map((g) => g.quote.toLowerCase());
      for (const listTerm of entry.listTerms) {
        if (!quotes.some((quote) => quote.includes(listTerm.toLowerCase())))
          unsupported.push(`${entry.terms[0]} -> ${listTerm}`);
      }
    }
    expect(unsupported).toEqual([]);
  });

  it('covers the lay words and spellings users were seen to type', () => {
    const mapping = new Map<string, Set<string>>();
    for (const entry of synonyms.entries) {
      for (const term of entry.terms)
        mapping.set(term.toLowerCase(), new Set(entry.listTerms.map((t) => t.toLowerCase())));
    }
    const required: Array<[string, string]> = [
      ['thermal camera', 'thermal imaging'],
      ['thermal camera', 'focal plane array'],
      ['infrared camera', 'thermal imaging'],
      ['thermal imager', 'focal plane array'],
      ['lidar', 'laser radar'],
      ['fpa', 'focal plane array'],
      ['night vision', 'image intensifier'],
      ['drone', 'unmanned aerial vehicle'],
      ['ai chip', 'integrated circuit'],
      ['ai chip', 'total processing performance'],
      ['gpu', 'integrated circuit'],
      ['gpu', 'total processing performance'],
      ['open source', 'publicly available'],
      ['open source', 'published'],
      ['university research', 'fundamental research'],
    ];
    for (const [term, listTerm] of required)
      expect(mapping.get(term)?.has(listTerm), `${term} -> ${listTerm}`).toBe(true);
  });
});

describe('seed/search/stop-words.json', () => {
  it('is a short list of distinct lower-case English words', () => {
    const words = stopWords.stopWords;
    expect(words.length).toBeGreaterThanOrEqual(20);
    expect(words.length).toBeLessThanOrEqual(60);
    expect(new Set(words).size).toBe(words.length);
    for (const word of words) expect(word).toMatch(/^[a-z]+$/);
    for (const word of ['a', 'an', 'the', 'of', 'for', 'and', 'or', 'to', 'in']) expect(words).toContain(word);
    // Words that carry meaning in control-list text must stay searchable.
    for (const word of ['not', 'no', 'any', 'all', 'more', 'less']) expect(words).not.toContain(word);
  });
});

const TYPES = [
  'PROVISION',
  'EXEMPTION',
  'GUIDANCE_DOCUMENT',
  'CONSULTATION',
  'IMPACT_ASSESSMENT',
  'LIST_TEXT',
] as const;
const KINDS = ['exact', 'misspelling', 'lay-term', 'prefix', 'list-text'] as const;

interface RelevanceCase {
  query: string;
  expect: { type: (typeof TYPES)[number]; codeOrTitle: string; regime?: string };
  why: string;
  kind: (typeof KINDS)[number];
}

const cases = readJson<RelevanceCase[]>(resolve(root, 'test/search/relevance-queries.json'));

/** What each searchable type can be expected by, from the seed data. */
function expectable(): Record<(typeof TYPES)[number], Set<string>> {
  interface Ccl {
    product_groups: Array<{ eccn: Array<{ code: string }> }>;
  }
  const usCodes = readJson<Ccl[]>(resolve(dataDir, 'us_ccl_full.json')).flatMap((category) =>
    category.product_groups.flatMap((group) => group.eccn.map((eccn) => `US_EAR:${eccn.code}`)),
  );
  const entries = readJson<Array<{ code: string; regime: string }>>(resolve(dataDir, 'control_entries.json'));
  const entryCodes = entries.map(
    (entry) =>
      `${entry.regime.startsWith('EU') ? 'EU' : entry.regime.startsWith('US') ? 'US_EAR' : entry.regime}:${entry.code}`,
  );
  // ImpactAssessment titles: one per publisher + source, titled by the longest scope (src/ingest/importers/impact.ts).
  const metrics = readJson<Array<{ publisher: string; source: string; scope: string }>>(
    resolve(dataDir, 'impact_metrics.json'),
  );
  const titles = new Map<string, string>();
  for (const metric of metrics) {
    const key = `${metric.publisher} @ ${metric.source}`;
    const current = titles.get(key) ?? '';
    if (metric.scope.length > current.length) titles.set(key, metric.scope);
  }
  const annex = readJson<{ definitions: Array<{ term: string }>; technology_notes: Record<string, { title: string }> }>(
    resolve(dataDir, 'eu_annex_i.json'),
  );
  return {
    PROVISION: new Set([...usCodes, ...entryCodes]),
    EXEMPTION: new Set(
      readJson<Array<{ provision: string }>>(resolve(dataDir, 'exemptions.json')).map((r) => r.provision),
    ),
    GUIDANCE_DOCUMENT: new Set(
      readJson<Array<{ title: string }>>(resolve(dataDir, 'guidance_documents.json')).map((r) => r.title),
    ),
    CONSULTATION: new Set(
      readJson<Array<{ title: string }>>(resolve(dataDir, 'consultations.json')).map((r) => r.title),
    ),
    IMPACT_ASSESSMENT: new Set(titles.values()),
    // List texts by defined term or by the heading of a technology note (eu_annex_i.json).
    LIST_TEXT: new Set([
      ...annex.definitions.map((definition) => definition.term),
      ...Object.values(annex.technology_notes).map((note) => note.title),
    ]),
  };
}

describe('test/search/relevance-queries.json', () => {
  it('has at least 45 cases, 12 misspellings and 12 lay terms', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    expect(cases.filter((c) => c.kind === 'misspelling').length).toBeGreaterThanOrEqual(12);
    expect(cases.filter((c) => c.kind === 'lay-term').length).toBeGreaterThanOrEqual(12);
  });

  it('has well-formed, distinct cases with a reason each', () => {
    const queries = new Set<string>();
    for (const c of cases) {
      expect(KINDS as readonly string[], c.query).toContain(c.kind);
      expect(TYPES as readonly string[], c.query).toContain(c.expect.type);
      expect(c.query.trim().length, c.query).toBeGreaterThan(0);
      expect(c.query.length, c.query).toBeLessThanOrEqual(500);
      expect(c.why.trim().length, c.query).toBeGreaterThan(10);
      expect(queries.has(c.query.toLowerCase()), `duplicate query ${c.query}`).toBe(false);
      queries.add(c.query.toLowerCase());
      if (c.expect.regime !== undefined) expect(c.expect.type, c.query).toBe('PROVISION');
    }
  });

  it('expects only codes and titles that exist in the seed data', () => {
    const known = expectable();
    const unknown: string[] = [];
    for (const c of cases) {
      const key =
        c.expect.type === 'PROVISION' ? `${c.expect.regime ?? 'US_EAR'}:${c.expect.codeOrTitle}` : c.expect.codeOrTitle;
      if (!known[c.expect.type].has(key)) unknown.push(`${c.query} -> ${c.expect.type} ${key}`);
    }
    expect(unknown).toEqual([]);
  });
});

describe('test/search/relevance-suite (the users-side suite the bench reports)', () => {
  const parts = {
    tune: readRelevanceCases(new URL('../search/relevance-suite/tune.json', import.meta.url)),
    measure: readRelevanceCases(new URL('../search/relevance-suite/measure.json', import.meta.url)),
  };

  it('has at least 250 cases, about 40% of them in the part that may be tuned on', () => {
    const total = parts.tune.length + parts.measure.length;
    expect(total).toBeGreaterThanOrEqual(250);
    expect(parts.tune.length / total).toBeGreaterThan(0.3);
    expect(parts.tune.length / total).toBeLessThan(0.5);
  });

  it('repeats no query of either part or of relevance-queries.json, and gives a reason for each case', () => {
    const seen = new Set(cases.map((c) => c.query.toLowerCase()));
    for (const c of [...parts.tune, ...parts.measure]) {
      expect(seen.has(c.query.toLowerCase()), `duplicate query ${c.query}`).toBe(false);
      seen.add(c.query.toLowerCase());
      expect(c.why.trim().length, c.query).toBeGreaterThan(10);
    }
  });

  it('has every kind of query in both parts', () => {
    const kinds = (list: readonly { kind: string }[]) => [...new Set(list.map((c) => c.kind))].sort();
    expect(kinds(parts.tune)).toEqual(kinds(parts.measure));
    expect(kinds(parts.measure)).toContain('question');
  });
});
