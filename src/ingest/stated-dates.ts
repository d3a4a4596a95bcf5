// Dates as the sources state them ("2008-06-21", "June 21, 2008", "12 December 2024"), read
// into UTC-midnight Dates (the @db.Date columns); anything that is not a full date is null,
// never a guess.

/** `YYYY-MM-DD` of a date-only value (stored with @db.Date, i.e. UTC midnight). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parses an ISO `YYYY-MM-DD` into a UTC-midnight Date; null for anything else. */
export function parseIsoDay(text: string | null | undefined): Date | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return isoDay(date) === text.trim() ? date : null;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function dayOf(year: string | undefined, monthName: string | undefined, day: string | undefined): Date | null {
  const month = MONTHS.indexOf((monthName ?? '').toLowerCase());
  if (month < 0) return null;
  const date = new Date(Date.UTC(Number(year), month, Number(day)));
  return date.getUTCMonth() === month && date.getUTCDate() === Number(day) ? date : null;
}

/** "June 21, 2008", "12 December 2024" or "2008-06-21" -> UTC-midnight Date; null when the text is not a full date. */
export function parseStatedDay(text: string | null | undefined): Date | null {
  if (!text) return null;
  const iso = parseIsoDay(text);
  if (iso) return iso;
  const trimmed = text.trim();
  const monthFirst = /^([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})$/.exec(trimmed);
  if (monthFirst) return dayOf(monthFirst[3], monthFirst[1], monthFirst[2]);
  const dayFirst = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(trimmed);
  if (dayFirst) return dayOf(dayFirst[3], dayFirst[2], dayFirst[1]);
  return null;
}
