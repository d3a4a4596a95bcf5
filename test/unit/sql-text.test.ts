import { describe, expect, it } from 'vitest';
import { containsNul, escapeLikePattern, pathOfTextWithNul } from '../../src/domain/sql-text.js';

describe('escapeLikePattern', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLikePattern('6_003')).toBe('6\\_003');
    expect(escapeLikePattern('%')).toBe('\\%');
    expect(escapeLikePattern('%%%%%')).toBe('\\%\\%\\%\\%\\%');
    expect(escapeLikePattern('a\\b')).toBe('a\\\\b');
    // The backslash is escaped once, not again after the wildcard escapes are added.
    expect(escapeLikePattern('\\%')).toBe('\\\\\\%');
  });

  it('leaves other text as it is', () => {
    expect(escapeLikePattern('')).toBe('');
    expect(escapeLikePattern('6A003.b.4')).toBe('6A003.b.4');
    expect(escapeLikePattern('focal plane [array] ^$*+?()')).toBe('focal plane [array] ^$*+?()');
  });
});

describe('NUL characters', () => {
  it('are found in strings', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul('ab')).toBe(false);
  });

  it('are located in argument values of any shape', () => {
    expect(pathOfTextWithNul('a\u0000')).toEqual([]);
    expect(pathOfTextWithNul({ code: '6A003' })).toBeNull();
    expect(pathOfTextWithNul({ filter: { regime: 'US_EAR', text: 'x\u0000' } })).toEqual(['filter', 'text']);
    expect(pathOfTextWithNul({ ids: ['a', 'b', '\u0000'] })).toEqual(['ids', 2]);
    expect(pathOfTextWithNul({ first: 5, asOf: new Date(0), filter: null, list: [] })).toBeNull();
  });
});
