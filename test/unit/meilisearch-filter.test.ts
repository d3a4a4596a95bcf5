import { describe, expect, it } from 'vitest';
import {
  dateNumber,
  documentKey,
  entryProvisionsFilter,
  fromMeilisearchDocument,
  meilisearchFilterExpression,
  pageWindow,
  quoteFilterValue,
  toMeilisearchDocument,
} from '../../src/search/meilisearch-filter.js';
import type { SearchDocument } from '../../src/search/search-engine.js';

describe('meilisearchFilterExpression', () => {
  it('keeps only current documents when nothing else filters (no filter, empty lists)', () => {
    expect(meilisearchFilterExpression(undefined)).toBe('current = true');
    expect(meilisearchFilterExpression({})).toBe('current = true');
    expect(meilisearchFilterExpression({ types: [], regime: [] })).toBe('current = true');
  });

  it('with asOf, asks for the versions in force that day instead of the current ones', () => {
    expect(meilisearchFilterExpression({ asOf: '2018-06-01' })).toBe(
      'validFromNumber <= 20180601 AND validToNumber > 20180601',
    );
    expect(meilisearchFilterExpression({ regime: ['US_EAR'], asOf: '2018-06-01' })).toBe(
      'regime IN ["US_EAR"] AND validFromNumber <= 20180601 AND validToNumber > 20180601',
    );
    expect(() => meilisearchFilterExpression({ asOf: '2018-06-01 OR current = false' })).toThrow(RangeError);
  });

  it('ORs inside a field with IN, ANDs across fields, quotes every value', () => {
    expect(
      meilisearchFilterExpression({
        types: ['EXEMPTION', 'CONSULTATION'],
        regime: ['EU'],
        audience: ['sme', 'academia'],
      }),
    ).toBe(
      'current = true AND type IN ["EXEMPTION", "CONSULTATION"] AND regime IN ["EU"] AND audience IN ["sme", "academia"]',
    );
    expect(meilisearchFilterExpression({ jurisdiction: ['WA'], category: ['6', '6'] })).toBe(
      'current = true AND jurisdiction IN ["WA"] AND category IN ["6"]',
    );
  });

  it('turns inclusive ISO date bounds into numeric comparisons', () => {
    expect(meilisearchFilterExpression({ dateFrom: '2024-01-01', dateTo: '2024-12-31' })).toBe(
      'current = true AND dateNumber >= 20240101 AND dateNumber <= 20241231',
    );
    expect(meilisearchFilterExpression({ category: ['6'], dateTo: '2018-11-19' })).toBe(
      'current = true AND category IN ["6"] AND dateNumber <= 20181119',
    );
  });

  it('keeps hostile values inside their quotes', () => {
    expect(meilisearchFilterExpression({ category: ['6A003" OR type = "X'] })).toBe(
      'current = true AND category IN ["6A003\\" OR type = \\"X"]',
    );
    expect(meilisearchFilterExpression({ regime: ['EU"] OR regime IN ["US'] })).toBe(
      'current = true AND regime IN ["EU\\"] OR regime IN [\\"US"]',
    );
    // A trailing backslash must not escape the closing quote.
    expect(meilisearchFilterExpression({ category: ['C:\\'] })).toBe('current = true AND category IN ["C:\\\\"]');
    expect(meilisearchFilterExpression({ category: ['\\" OR 1 = 1'] })).toBe(
      'current = true AND category IN ["\\\\\\" OR 1 = 1"]',
    );
  });

  it("narrows a filter to one entry's provisions, the entry key quoted like any value", () => {
    expect(entryProvisionsFilter('current = true AND regime IN ["EU"]', 'EU:6A003')).toBe(
      'current = true AND regime IN ["EU"] AND entryKey = "EU:6A003" AND type = "PROVISION"',
    );
    expect(entryProvisionsFilter('', 'EU:6A003')).toBe('entryKey = "EU:6A003" AND type = "PROVISION"');
    expect(entryProvisionsFilter('current = true', 'X:"] OR type = "Y')).toBe(
      'current = true AND entryKey = "X:\\"] OR type = \\"Y" AND type = "PROVISION"',
    );
  });

  it('rejects a date that is not an ISO date instead of sending it', () => {
    expect(() => meilisearchFilterExpression({ dateFrom: '2024-01-01 OR type = X' })).toThrow(RangeError);
    expect(() => dateNumber('20240101')).toThrow(RangeError);
  });
});

/** The inverse of quoteFilterValue, as Meilisearch's filter parser reads a double-quoted string. */
function unquote(quoted: string): string {
  expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
  let out = '';
  const inner = quoted.slice(1, -1);
  for (let index = 0; index < inner.length; index += 1) {
    const char = inner[index];
    if (char === '\\') {
      index += 1;
      out += inner[index] ?? '';
    } else {
      // An unescaped quote would end the string early.
      expect(char).not.toBe('"');
      out += char;
    }
  }
  return out;
}

describe('quoteFilterValue', () => {
  it('round-trips any value through the quoted form', () => {
    for (const value of [
      '6A003',
      '',
      '"',
      '\\',
      '\\"',
      'a "b" \\c\\',
      '6A003" OR type = "X',
      'ünïcödé – 15 CFR 734.8',
    ]) {
      expect(unquote(quoteFilterValue(value))).toBe(value);
    }
  });
});

describe('pageWindow', () => {
  it('uses the page itself when the offset is a multiple of the limit', () => {
    expect(pageWindow(0, 20)).toEqual({ page: 1, hitsPerPage: 20, skip: 0 });
    expect(pageWindow(40, 20)).toEqual({ page: 3, hitsPerPage: 20, skip: 0 });
  });

  it('finds the smallest page holding an unaligned window', () => {
    for (const [offset, limit] of [
      [5, 10],
      [7, 3],
      [99, 100],
      [1, 1],
      [13, 7],
      [250, 40],
    ] as const) {
      const window = pageWindow(offset, limit);
      const first = (window.page - 1) * window.hitsPerPage + window.skip;
      expect(first).toBe(offset);
      expect(window.skip + limit).toBeLessThanOrEqual(window.hitsPerPage);
      expect(window.hitsPerPage).toBeGreaterThanOrEqual(limit);
      expect(window.hitsPerPage).toBeLessThanOrEqual(offset + limit);
    }
    expect(pageWindow(5, 10)).toEqual({ page: 1, hitsPerPage: 15, skip: 5 });
  });
});

describe('Meilisearch documents', () => {
  const document: SearchDocument = {
    id: 'GUIDANCE_DOCUMENT:cm1x/ä:ü',
    type: 'GUIDANCE_DOCUMENT',
    recordId: 'cm1x/ä:ü',
    title: 'Guide',
    codes: [],
    body: 'Text',
    regime: null,
    jurisdiction: 'EU',
    category: null,
    audience: ['academia'],
    date: '2021-09-15',
  };

  it('keys documents with characters Meilisearch accepts, one key per id', () => {
    const key = documentKey(document.id);
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/u);
    expect(Buffer.from(key, 'base64url').toString('utf8')).toBe(document.id);
    expect(documentKey('PROVISION:a')).not.toBe(documentKey('PROVISION:b'));
  });

  it('stores the numeric date and gives back exactly the port document', () => {
    const stored = toMeilisearchDocument(document);
    expect(stored).toMatchObject({ key: documentKey(document.id), dateNumber: 20210915 });
    expect(fromMeilisearchDocument({ ...stored, _formatted: {}, _rankingScore: 0.5 } as typeof stored)).toEqual(
      document,
    );
    expect(toMeilisearchDocument({ ...document, date: null }).dateNumber).toBeNull();
  });

  it('stores the validity of a provision version as numbers, open ends as the widest bounds', () => {
    const older = { ...document, validFrom: '2017-08-15', validTo: '2018-11-02', current: false };
    const stored = toMeilisearchDocument(older);
    expect(stored).toMatchObject({ current: false, validFromNumber: 20170815, validToNumber: 20181102 });
    expect(fromMeilisearchDocument(stored)).toEqual(older);
    expect(toMeilisearchDocument(document)).toMatchObject({
      current: true,
      validFromNumber: 0,
      validToNumber: 99991231,
    });
    // A provision whose first day is not known is never in force on a given day.
    expect(toMeilisearchDocument({ ...document, validFrom: null, validTo: null }).validFromNumber).toBeGreaterThan(
      99991231,
    );
  });

  it('stores the entry key `distinct` groups by, and leaves it behind when read back', () => {
    const paragraph: SearchDocument = {
      ...document,
      id: 'PROVISION:p',
      type: 'PROVISION',
      regime: 'EU',
      codes: ['6A003.b.4'],
    };
    const stored = toMeilisearchDocument(paragraph);
    expect(stored.entryKey).toBe('EU:6A003');
    expect(toMeilisearchDocument(document).entryKey).toBe(document.id);
    const read = fromMeilisearchDocument(stored);
    expect(read).toStrictEqual(paragraph);
    expect(read).not.toHaveProperty('entryKey');
  });

  it('refuses a stored document that is not one of ours', () => {
    expect(() => fromMeilisearchDocument({ id: 'x', type: 'MOVIE' as never })).toThrow(TypeError);
  });
});
