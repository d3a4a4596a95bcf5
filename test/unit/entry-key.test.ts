import { describe, expect, it } from 'vitest';
import { entryCodeOf, entryKeyOf } from '../../src/search/entry-key.js';
import type { SearchDocument } from '../../src/search/search-engine.js';

function provision(codes: string[], regime: string | null = 'EU'): SearchDocument {
  return {
    id: 'PROVISION:cm1',
    type: 'PROVISION',
    recordId: 'cm1',
    title: 'Cameras',
    codes,
    body: '',
    regime,
    jurisdiction: 'EU',
    category: '6',
    audience: [],
    date: null,
  };
}

describe('entryKeyOf', () => {
  it('groups a provision under its regime and the code before the first dot', () => {
    expect(entryKeyOf(provision(['6A003.b.4']))).toBe('EU:6A003');
    expect(entryKeyOf(provision(['6A003.a']))).toBe('EU:6A003');
    expect(entryKeyOf(provision(['6A003']))).toBe('EU:6A003');
    expect(entryKeyOf(provision(['ML10.a'], 'WA'))).toBe('WA:ML10');
  });

  it('keeps the same code of two regimes apart', () => {
    expect(entryKeyOf(provision(['6A003.a'], 'UK'))).toBe('UK:6A003');
    expect(entryKeyOf(provision(['6A003.a'], 'UK'))).not.toBe(entryKeyOf(provision(['6A003.a'], 'EU')));
  });

  it('reads only the first code, trimmed', () => {
    expect(entryKeyOf(provision([' 6A003.b ', '6A002']))).toBe('EU:6A003');
  });

  it('makes a provision without a usable code, and every other record, a group of its own', () => {
    expect(entryKeyOf(provision([]))).toBe('PROVISION:cm1');
    expect(entryKeyOf(provision(['  ']))).toBe('PROVISION:cm1');
    expect(entryKeyOf(provision(['.b']))).toBe('PROVISION:cm1');
    const exemption: SearchDocument = { ...provision(['GEN 1.a']), id: 'EXEMPTION:x', type: 'EXEMPTION' };
    expect(entryKeyOf(exemption)).toBe('EXEMPTION:x');
  });
});

describe('entryCodeOf', () => {
  it('gives the entry code of a provision, whatever its regime, and null for a provision without a code', () => {
    expect(entryCodeOf(provision(['6A003.b.4'], 'UK'))).toBe('6A003');
    expect(entryCodeOf(provision(['6A003'], 'US_EAR'))).toBe('6A003');
    expect(entryCodeOf(provision([]))).toBeNull();
    expect(entryCodeOf({ ...provision(['15 CFR 734.8']), type: 'EXEMPTION' })).toBeNull();
  });
});
