// Deterministic ids and content hashes for seeded rows. A seeded row's id is derived from its
// natural key (sourceKey, citation key, jurisdiction code, ...), so the same seed gives the
// same ids on every database and createMany can insert parents and children in one pass.
import { createHash } from 'node:crypto';

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * 'k' + 24 hex chars of sha256(namespace:key): 25 characters like a cuid, but never one
 * (cuids start with 'c'), so a seeded id is recognisable. The namespace is the model name.
 */
export function stableId(namespace: string, key: string): string {
  return `k${sha256Hex(`${namespace}:${key}`).slice(0, 24)}`;
}

function isUtcMidnight(date: Date): boolean {
  return date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0;
}

/** `YYYY-MM-DD` of a date-only value (stored with @db.Date, i.e. UTC midnight). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isUtcMidnight(value) ? isoDay(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      // null and absent mean the same ("unknown"): both are left out of the hash.
      if (item === null || item === undefined) continue;
      out[key] = normalise(item);
    }
    return out;
  }
  return value;
}

/** JSON with sorted keys, null/undefined members dropped and dates as YYYY-MM-DD. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Parses an ISO `YYYY-MM-DD` into a UTC-midnight Date; null for anything else. */
export function parseIsoDay(text: string | null | undefined): Date | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return isoDay(date) === text.trim() ? date : null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

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
