import { describe, expect, it } from 'vitest';
import { parseReportingPeriod, ReportingPeriodError } from '../../src/domain/reporting-period.js';

const day = (date: Date) => date.toISOString().slice(0, 10);

describe('parseReportingPeriod', () => {
  it('reads a calendar year', () => {
    const period = parseReportingPeriod('2022');
    expect(period.type).toBe('CALENDAR_YEAR');
    expect([day(period.start), day(period.end)]).toEqual(['2022-01-01', '2022-12-31']);
  });

  it('reads a US federal fiscal year as 1 October to 30 September', () => {
    const period = parseReportingPeriod('FY2008');
    expect(period.type).toBe('US_FISCAL_YEAR');
    expect([day(period.start), day(period.end)]).toEqual(['2007-10-01', '2008-09-30']);
  });

  it('reads calendar quarters, including leap-year ends', () => {
    const q2 = parseReportingPeriod('2023 Q2');
    expect(q2.type).toBe('CALENDAR_QUARTER');
    expect([day(q2.start), day(q2.end)]).toEqual(['2023-04-01', '2023-06-30']);
    const q1 = parseReportingPeriod('2024 Q1');
    expect([day(q1.start), day(q1.end)]).toEqual(['2024-01-01', '2024-03-31']);
    const q4 = parseReportingPeriod('2023 Q4');
    expect([day(q4.start), day(q4.end)]).toEqual(['2023-10-01', '2023-12-31']);
  });

  it('reads an explicit date range', () => {
    const period = parseReportingPeriod('2006-10-01 to 2007-01-17');
    expect(period.type).toBe('DATE_RANGE');
    expect([day(period.start), day(period.end)]).toEqual(['2006-10-01', '2007-01-17']);
  });

  it('reads the first N months of a fiscal year', () => {
    const period = parseReportingPeriod('first 9 months of FY2006');
    expect(period.type).toBe('PARTIAL_FISCAL_YEAR');
    expect([day(period.start), day(period.end)]).toEqual(['2005-10-01', '2006-06-30']);
  });

  it('rejects what it cannot read, naming the text', () => {
    expect(() => parseReportingPeriod('mid-2023')).toThrow(ReportingPeriodError);
    expect(() => parseReportingPeriod('mid-2023')).toThrow(/mid-2023/);
    expect(() => parseReportingPeriod('2023 Q5')).toThrow(ReportingPeriodError);
    expect(() => parseReportingPeriod('2007-02-30 to 2007-03-01')).toThrow(/not a calendar date/);
    expect(() => parseReportingPeriod('2007-03-01 to 2007-02-01')).toThrow(/ends before it starts/);
    expect(() => parseReportingPeriod('first 12 months of FY2006')).toThrow(ReportingPeriodError);
  });
});
