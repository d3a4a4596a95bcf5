// Deterministic ids and content hashes for ingested rows. A row's id is derived from its
// natural key (sourceKey, citation key, jurisdiction code, ...), so the same source gives the
// same ids on every database and parents and children can be inserted in one pass.
import { createHash } from 'node:crypto';
import { isoDay } from './stated-dates.js';

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
  return (
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0
  );
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
