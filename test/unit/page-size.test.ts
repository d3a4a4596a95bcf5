import { describe, expect, it } from 'vitest';
import { pageArgumentViolations } from '../../src/domain/page-size.js';

describe('page arguments', () => {
  it('accepts 1..100 and no arguments', () => {
    expect(pageArgumentViolations({})).toEqual([]);
    expect(pageArgumentViolations({ first: 1 })).toEqual([]);
    expect(pageArgumentViolations({ first: 100, after: 'c' })).toEqual([]);
    expect(pageArgumentViolations({ last: 5, before: 'c' })).toEqual([]);
  });

  it('names the bound and the value', () => {
    expect(pageArgumentViolations({ first: 1000 })).toEqual([
      { field: 'first', rule: 'page-size-range', message: '"first" must be between 1 and 100 (got 1000)' },
    ]);
    expect(pageArgumentViolations({ last: 0 })[0]?.message).toBe('"last" must be between 1 and 100 (got 0)');
  });

  it('refuses first with last, and mixed directions', () => {
    expect(pageArgumentViolations({ first: 2, last: 2 }).map((v) => v.rule)).toEqual(['exclusive-arguments']);
    expect(pageArgumentViolations({ after: 'a', before: 'b' }).map((v) => v.rule)).toEqual(['exclusive-arguments']);
    expect(pageArgumentViolations({ first: 2, before: 'b' }).map((v) => v.rule)).toEqual(['paging-direction']);
    expect(pageArgumentViolations({ last: 2, after: 'a' }).map((v) => v.rule)).toEqual(['paging-direction']);
  });
});
