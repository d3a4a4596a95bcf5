// Calendar dates (a day, no time of day or zone) as the API reads and writes them: YYYY-MM-DD,
// held as a Date at midnight UTC. Both edges (the GraphQL Date scalar and the HTTP query
// parameters) decode with `parseCalendarDate`, so everything below them takes Date values.

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day as YYYY-MM-DD (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of `text` when it is a real date written YYYY-MM-DD ("2024-02-30" is not); else null. */
export function parseCalendarDate(text: string): Date | null {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date : null;
}

/** Today at midnight UTC. */
export function todayUtc(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
