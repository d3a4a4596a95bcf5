import { describe, expect, it } from 'vitest';
import {
  exemptionKindFor,
  jurisdictionFor,
  regimeFromLabel,
} from '../../src/ingest/importers/exemption-classification.js';

describe('exemption regime and jurisdiction from the regime label', () => {
  it('maps labels naming one regime', () => {
    expect(regimeFromLabel('US EAR')).toEqual({ regime: 'US_EAR', jurisdiction: 'US' });
    expect(regimeFromLabel('US EAR (Wassenaar-derived)')).toEqual({ regime: 'US_EAR', jurisdiction: 'US' });
    expect(regimeFromLabel('Wassenaar Arrangement List of Dual-Use Goods and Technologies')).toEqual({
      regime: 'WASSENAAR',
      jurisdiction: 'WA',
    });
    expect(regimeFromLabel('EU Regulation (EU) 2021/821')).toEqual({ regime: 'EU', jurisdiction: 'EU' });
    expect(regimeFromLabel('UK Export Control Order 2008')).toEqual({ regime: 'UK', jurisdiction: 'UK' });
  });

  it('leaves a label naming two regimes without a regime', () => {
    expect(regimeFromLabel('EU Regulation (EU) 2021/821 / UK Export Control Order 2008')).toEqual({
      regime: null,
      jurisdiction: null,
    });
    expect(regimeFromLabel('Wassenaar Arrangement / EU Annex I definitions')).toEqual({
      regime: null,
      jurisdiction: null,
    });
  });

  it('needs an editorial jurisdiction for such labels', () => {
    expect(() => jurisdictionFor('X', 'EU Regulation (EU) 2021/821 / UK Export Control Order 2008', {})).toThrow(
      /no single jurisdiction/,
    );
    expect(
      jurisdictionFor('X', 'EU Regulation (EU) 2021/821 / UK Export Control Order 2008', { X: { jurisdiction: 'UK' } }),
    ).toBe('UK');
  });

  it('takes the kind from the editorial mapping and refuses an unmapped record', () => {
    expect(exemptionKindFor('US-EAR-734.8', { 'US-EAR-734.8': 'FUNDAMENTAL_RESEARCH' })).toBe('FUNDAMENTAL_RESEARCH');
    expect(() => exemptionKindFor('US-EAR-999', {})).toThrow(/US-EAR-999/);
  });
});
