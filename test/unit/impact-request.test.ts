import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  MAX_FILTER_VALUES,
  normalizeFilter,
  normalizeImpactSeries,
  normalizeImpactStats,
  periodOf,
  timeIntervalOf,
} from '../../src/analytics/impact-request.js';
import { InvalidArgumentError } from '../../src/errors.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

function caught(run: () => unknown): InvalidArgumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('normalizeFilter', () => {
  it('gives empty lists and null bounds for no filter', () => {
    expect(normalizeFilter(null)).toEqual({
      jurisdictions: [],
      dimensions: [],
      indicators: [],
      sectors: [],
      regions: [],
      units: [],
      periodTypes: [],
      provisionCodes: [],
      provisionIds: [],
      assessmentIds: [],
      periodFrom: null,
      periodTo: null,
    });
  });

  it('upper-cases and trims jurisdiction codes, trims provision codes, deduplicates and sorts every list', () => {
    const filter = normalizeFilter({
      jurisdictions: [' uk', 'US', 'us', 'eu '],
      dimensions: ['DENIALS', 'LICENSING_VOLUME', 'DENIALS'],
      indicators: ['SIELs refused', 'SIEL licensing decisions', 'SIELs refused'],
      provisionCodes: [' 6A003 ', '6A003', '6A002'],
      periodTypes: ['CALENDAR_YEAR', 'CALENDAR_QUARTER'],
    });
    expect(filter.jurisdictions).toEqual(['EU', 'UK', 'US']);
    expect(filter.dimensions).toEqual(['DENIALS', 'LICENSING_VOLUME']);
    expect(filter.indicators).toEqual(['SIEL licensing decisions', 'SIELs refused']);
    expect(filter.provisionCodes).toEqual(['6A002', '6A003']);
    expect(filter.periodTypes).toEqual(['CALENDAR_QUARTER', 'CALENDAR_YEAR']);
  });

  it('keeps indicators, sectors and units exactly as given (they are matched as stored)', () => {
    const filter = normalizeFilter({ indicators: [' SIELs refused'], units: ['EUR billion'], sectors: ['Sensors'] });
    expect(filter.indicators).toEqual([' SIELs refused']);
    expect(filter.units).toEqual(['EUR billion']);
    expect(filter.sectors).toEqual(['Sensors']);
  });

  it('takes the period bounds as decoded days and keeps them as YYYY-MM-DD (the cache key and the SQL)', () => {
    expect(normalizeFilter({ periodFrom: day('2024-02-29'), periodTo: day('2024-12-31') })).toMatchObject({
      periodFrom: '2024-02-29',
      periodTo: '2024-12-31',
    });
  });

  it('refuses a period end before its start', () => {
    const error = caught(() => normalizeFilter({ periodFrom: day('2023-06-01'), periodTo: day('2023-05-31') }));
    expect(error.field).toBe('filter.periodTo');
    expect(error.rule).toBe('not-before-period-from');
    expect(normalizeFilter({ periodFrom: day('2023-06-01'), periodTo: day('2023-06-01') }).periodTo).toBe('2023-06-01');
  });

  it('refuses empty, over-long and NUL-bearing values, and too many values', () => {
    expect(caught(() => normalizeFilter({ indicators: [''] })).rule).toBe('text-length');
    expect(caught(() => normalizeFilter({ sectors: ['x'.repeat(501)] })).rule).toBe('text-length');
    expect(normalizeFilter({ sectors: ['x'.repeat(500)] }).sectors).toHaveLength(1);
    expect(caught(() => normalizeFilter({ regions: ['a\u0000b'] })).rule).toBe('no-nul');
    const many = Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, index) => `indicator ${index}`);
    const error = caught(() => normalizeFilter({ indicators: many }));
    expect(error.rule).toBe('max-values');
    expect(error.field).toBe('filter.indicators');
    // Duplicates count once.
    expect(
      normalizeFilter({ indicators: [...many.slice(0, MAX_FILTER_VALUES), many[0] ?? ''] }).indicators,
    ).toHaveLength(MAX_FILTER_VALUES);
  });
});

describe('normalizeImpactStats', () => {
  it('puts groupBy in the canonical order and deduplicates it; keeps measures in the order asked', () => {
    const request = normalizeImpactStats({
      groupBy: ['QUARTER', 'INDICATOR', 'JURISDICTION', 'INDICATOR'],
      measures: ['MAX', 'SUM', 'MAX', 'COUNT'],
    });
    expect(request.groupBy).toEqual(['JURISDICTION', 'INDICATOR', 'QUARTER']);
    expect(request.measures).toEqual(['MAX', 'SUM', 'COUNT']);
  });

  it('fills the defaults: no synthetic rows, refuse mixed units, change on SUM', () => {
    const request = normalizeImpactStats({ measures: ['COUNT'] });
    expect(request).toMatchObject({ groupBy: [], includeSynthetic: false, mixedUnits: 'REFUSE', changeBasis: 'SUM' });
  });

  it('adds UNIT to groupBy when mixed units are to be grouped', () => {
    expect(normalizeImpactStats({ groupBy: ['YEAR'], measures: ['SUM'], mixedUnits: 'GROUP_BY_UNIT' }).groupBy).toEqual(
      ['UNIT', 'YEAR'],
    );
  });

  it('refuses two time intervals, no measures, and a change without a time interval', () => {
    expect(caught(() => normalizeImpactStats({ groupBy: ['YEAR', 'MONTH'], measures: ['SUM'] })).rule).toBe(
      'one-time-interval',
    );
    expect(caught(() => normalizeImpactStats({ measures: [] })).rule).toBe('not-empty');
    expect(caught(() => normalizeImpactStats({ groupBy: ['INDICATOR'], measures: ['CHANGE'] })).rule).toBe(
      'change-needs-time-interval',
    );
    expect(caught(() => normalizeImpactStats({ measures: ['CHANGE_PERCENT'] })).rule).toBe(
      'change-needs-time-interval',
    );
    expect(normalizeImpactStats({ groupBy: ['YEAR'], measures: ['CHANGE'] }).measures).toEqual(['CHANGE']);
  });

  it('gives equal cache keys to requests that differ only in order, case of codes or duplicates', () => {
    const a = normalizeImpactStats({
      filter: { jurisdictions: ['uk', 'US'], indicators: ['b', 'a'] },
      groupBy: ['YEAR', 'INDICATOR'],
      measures: ['SUM'],
    });
    const b = normalizeImpactStats({
      filter: { indicators: ['a', 'b', 'a'], jurisdictions: ['US', 'UK'] },
      groupBy: ['INDICATOR', 'YEAR'],
      measures: ['SUM'],
      includeSynthetic: false,
    });
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    const c = normalizeImpactStats({
      filter: { jurisdictions: ['UK', 'US'], indicators: ['a', 'b'] },
      groupBy: ['INDICATOR', 'YEAR'],
      measures: ['SUM'],
      includeSynthetic: true,
    });
    expect(canonicalJson(c)).not.toBe(canonicalJson(a));
  });
});

describe('normalizeImpactSeries', () => {
  it('defaults the measure to SUM and excludes synthetic rows', () => {
    expect(normalizeImpactSeries({ indicator: 'SIELs refused', interval: 'YEAR' })).toMatchObject({
      indicator: 'SIELs refused',
      measure: 'SUM',
      includeSynthetic: false,
      interval: 'YEAR',
    });
  });

  it('refuses an empty indicator', () => {
    expect(caught(() => normalizeImpactSeries({ indicator: '', interval: 'YEAR' })).field).toBe('indicator');
  });
});

describe('helpers', () => {
  it('canonicalJson sorts object keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"x":null,"z":1}]},"b":1}',
    );
  });

  it('timeIntervalOf finds the time key of a groupBy', () => {
    expect(timeIntervalOf(['INDICATOR', 'QUARTER'])).toBe('QUARTER');
    expect(timeIntervalOf(['INDICATOR'])).toBeNull();
  });

  it('periodOf gives inclusive ends and labels, leap years included', () => {
    expect(periodOf('QUARTER', '2024-01-01')).toEqual({ start: '2024-01-01', end: '2024-03-31', label: '2024 Q1' });
    expect(periodOf('MONTH', '2024-02-01')).toEqual({ start: '2024-02-01', end: '2024-02-29', label: '2024-02' });
    expect(periodOf('YEAR', '2023-01-01')).toEqual({ start: '2023-01-01', end: '2023-12-31', label: '2023' });
    expect(periodOf('QUARTER', '2023-10-01').label).toBe('2023 Q4');
  });
});
