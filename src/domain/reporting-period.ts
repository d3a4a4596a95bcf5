// Reporting periods as sources state them ("2022", "FY2008", "2023 Q2", "2006-10-01 to
// 2007-01-17", "first 9 months of FY2006"), turned into a typed interval so figures from
// different publishers can be put on one time axis. Pure: no Prisma, no I/O.

/** Same literals as the Prisma enum PeriodType (kept structural so this file stays pure). */
export type ReportingPeriodType =
  'CALENDAR_YEAR' | 'US_FISCAL_YEAR' | 'CALENDAR_QUARTER' | 'DATE_RANGE' | 'PARTIAL_FISCAL_YEAR';

export interface ReportingPeriod {
  type: ReportingPeriodType;
  /** First day of the period (UTC midnight). */
  start: Date;
  /** Last day of the period, inclusive (UTC midnight). */
  end: Date;
}

export class ReportingPeriodError extends Error {
  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`Unparseable reporting period "${text}": ${reason}`);
    this.name = 'ReportingPeriodError';
  }
}

function utcDate(year: number, monthIndex: number, day: number): Date {
  return new Date(Date.UTC(year, monthIndex, day));
}

/** Last day of a month (monthIndex 0-11). */
function lastDayOf(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex + 1, 0));
}

function isoDate(text: string, whole: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new ReportingPeriodError(whole, `"${text}" is not a YYYY-MM-DD date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = utcDate(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new ReportingPeriodError(whole, `"${text}" is not a calendar date`);
  }
  return date;
}

/**
 * US federal fiscal year N runs from 1 October of N-1 to 30 September of N
 * (31 U.S.C. 1102), so "FY2008" is 2007-10-01..2008-09-30.
 */
export function usFiscalYear(year: number): { start: Date; end: Date } {
  return { start: utcDate(year - 1, 9, 1), end: utcDate(year, 8, 30) };
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
};

export function parseReportingPeriod(input: string): ReportingPeriod {
  const text = input.trim();

  let match = /^(\d{4})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    return { type: 'CALENDAR_YEAR', start: utcDate(year, 0, 1), end: utcDate(year, 11, 31) };
  }

  match = /^FY\s?(\d{4})$/i.exec(text);
  if (match) {
    return { type: 'US_FISCAL_YEAR', ...usFiscalYear(Number(match[1])) };
  }

  match = /^(\d{4})\s*Q([1-4])$/i.exec(text);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    const firstMonth = (quarter - 1) * 3;
    return { type: 'CALENDAR_QUARTER', start: utcDate(year, firstMonth, 1), end: lastDayOf(year, firstMonth + 2) };
  }

  match = /^(\d{4}-\d{2}-\d{2})\s+to\s+(\d{4}-\d{2}-\d{2})$/i.exec(text);
  if (match) {
    const start = isoDate(match[1] ?? '', text);
    const end = isoDate(match[2] ?? '', text);
    if (end < start) throw new ReportingPeriodError(text, 'the range ends before it starts');
    return { type: 'DATE_RANGE', start, end };
  }

  // "first 9 months of FY2006": the fiscal year's start plus N months, minus one day.
  match = /^first\s+(\d{1,2}|[a-z]+)\s+months\s+of\s+FY\s?(\d{4})$/i.exec(text);
  if (match) {
    const word = (match[1] ?? '').toLowerCase();
    const months = /^\d+$/.test(word) ? Number(word) : WORD_NUMBERS[word];
    if (months === undefined || months < 1 || months > 11) {
      throw new ReportingPeriodError(text, `"${match[1]}" months is not a part of a fiscal year`);
    }
    const { start } = usFiscalYear(Number(match[2]));
    const end = lastDayOf(start.getUTCFullYear(), start.getUTCMonth() + months - 1);
    return { type: 'PARTIAL_FISCAL_YEAR', start, end };
  }

  throw new ReportingPeriodError(
    text,
    'expected YYYY, FYYYYY, YYYY Qn, YYYY-MM-DD to YYYY-MM-DD or "first N months of FYYYYY"',
  );
}
