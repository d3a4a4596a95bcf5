// Texts of one paragraph in two regimes' lists compare equal exactly when they differ only in
// printing: dotted Wassenaar codes, spacing, quote marks, dashes, lost thousands separators and
// spaced exponents, a leading paragraph label, markdown emphasis. Any other difference counts.
import { describe, expect, it } from 'vitest';
import {
  comparableText,
  euStyleCodesInText,
  sameListText,
  textSimilarity,
} from '../../src/domain/list-text-comparison.js';
import { compareCodes, wassenaarFormsOf } from '../../src/services/regime-comparison.js';

describe('comparing list texts', () => {
  it('reads dotted Wassenaar codes in the EU style', () => {
    expect(euStyleCodesInText('For the purposes of 6.A.4.a., see 3.B.1 and 6.A.12.b.')).toBe(
      'For the purposes of 6A004.a., see 3B001 and 6A012.b.',
    );
  });

  it('treats differences of printing as the same text', () => {
    expect(
      sameListText('For the purposes of 6.A.4.a., LIDT is measured', 'For the purposes of 6A004.a., LIDT is  measured'),
    ).toBe(true);
    expect(
      sameListText('having a speed exceeding 1000000 frames/s;', 'having a speed exceeding 1 000 000 frames/s;'),
    ).toBe(true);
    expect(sameListText('more than 4 × 106 “active pixels”', 'more than 4 x 10 6 "active pixels"')).toBe(true);
    expect(
      sameListText('b.4.a. Incorporating "focal plane arrays" *or*', 'Incorporating "focal plane arrays" or'),
    ).toBe(true);
    expect(sameListText('wavelength – 1 200 nm', 'wavelength - 1200 nm')).toBe(true);
  });

  it('keeps every difference of words or figures', () => {
    expect(sameListText('a peak power exceeding 200 W', 'a peak power exceeding 500 W')).toBe(false);
    expect(sameListText('at least 10 mrad', 'at least 2 mrad')).toBe(false);
    expect(sameListText('Deformable mirrors', 'Deformable mirrors, not specified in 6.A.2.b.')).toBe(false);
    expect(comparableText('6.A.3.b.4')).not.toBe(comparableText('6.A.3.b.5'));
    // A code opening a note is not a paragraph label.
    expect(comparableText('6.A.4.a.2. and 6.A.4.a.3. do not apply')).toBe('6a004.a.2.and6a004.a.3.donotapply');
  });

  it('measures how much two texts share, 1 for the same text and 0 for nothing', () => {
    expect(textSimilarity('at least 10 mrad', 'at least 10 mrad')).toBe(1);
    expect(textSimilarity('abc', '')).toBe(0);
    const close = textSimilarity('a peak power exceeding 200 W', 'a peak power exceeding 500 W');
    expect(close).toBeGreaterThan(0.9);
    expect(close).toBeLessThan(1);
    expect(textSimilarity('Optical mirrors', 'Hydrophones')).toBeLessThan(0.5);
  });

  it('orders codes as the lists do and writes EU-style codes the Wassenaar way', () => {
    expect(['6A003.b.10', '6A003.b.4', '6A003', '6A003.a'].sort(compareCodes)).toEqual([
      '6A003',
      '6A003.a',
      '6A003.b.4',
      '6A003.b.10',
    ]);
    expect(wassenaarFormsOf('6A003.b.4')).toEqual(['6.A.3.b.4']);
    expect(wassenaarFormsOf('6E003')).toEqual(['6.E.3']);
    expect(wassenaarFormsOf('ML10')).toEqual([]);
  });
});
