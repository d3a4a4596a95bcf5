// Calendar dates as both edges decode them (the GraphQL Date scalar, HTTP query parameters).
import { describe, expect, it } from 'vitest';
import { isoDay, parseCalendarDate, todayUtc } from '../../src/domain/calendar-date.js';

describe('parseCalendarDate', () => {
  it('reads a real date written YYYY-MM-DD as midnight UTC', () => {
    expect(parseCalendarDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseCalendarDate('1999-12-31')?.toISOString()).toBe('1999-12-31T00:00:00.000Z');
  });

  it('refuses impossible and malformed dates', () => {
    for (const bad of [
      '2023-02-29',
      '2023-13-01',
      '2023-04-31',
      '2023-1-01',
      '01/02/2023',
      '2023-01-01T00:00:00Z',
      '',
    ]) {
      expect(parseCalendarDate(bad), bad).toBeNull();
    }
  });
});

describe('isoDay and todayUtc', () => {
  it('write the UTC day, whatever the time of day', () => {
    expect(isoDay(new Date('2024-06-30T23:59:59.999Z'))).toBe('2024-06-30');
    expect(todayUtc(new Date('2024-06-30T23:59:59.999Z')).toISOString()).toBe('2024-06-30T00:00:00.000Z');
  });
});
