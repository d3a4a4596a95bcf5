// The Meilisearch index settings that give the behaviour of the SearchEngine contract, and
// the comparison that lets start-up send only what differs (settings updates re-index the
// whole index in Meilisearch, so an unchanged setting must not be re-sent).
import type { Settings } from 'meilisearch';
import { FACET_FIELDS } from './search-engine.js';

/** Order matters: a code match ranks above a title match, a title match above a body match. */
export const SEARCHABLE_ATTRIBUTES = ['codes', 'title', 'body'] as const;
export const FILTERABLE_ATTRIBUTES = [...FACET_FIELDS, 'dateNumber'] as const;
/** `id` breaks ties (stable pages, as the contract requires); `dateNumber` for date sorting. */
export const SORTABLE_ATTRIBUTES = ['dateNumber', 'id'] as const;
/**
 * Meilisearch's default rules with `sort` moved last, so the `id:asc` sort each query sends only
 * breaks ties between documents that are equal on every relevance rule.
 */
export const RANKING_RULES = ['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort'] as const;
/** Exact totals are counted up to this many hits (Meilisearch's default is 1000). */
export const MAX_TOTAL_HITS = 100_000;
/** Facet values returned per facet (categories and jurisdictions are far fewer). */
export const MAX_VALUES_PER_FACET = 1000;

/**
 * Synonyms as Meilisearch takes them: a term (one word or several) mapped to its equivalents,
 * applied one way, as search-settings.ts builds them. Lower-cased, trimmed, without the term
 * itself or duplicates, sorted so a comparison with the stored settings is stable. Multi-word
 * entries are kept as they are ("thermal camera" -> ["thermal imaging"]).
 */
export function meilisearchSynonyms(synonyms: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [term, equivalents] of Object.entries(synonyms)) {
    const key = normalizeTerm(term);
    if (key === '') continue;
    const targets = new Set(result[key] ?? []);
    for (const equivalent of equivalents) {
      const value = normalizeTerm(equivalent);
      if (value !== '' && value !== key) targets.add(value);
    }
    if (targets.size > 0) result[key] = [...targets].sort();
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function normalizeTerm(term: string): string {
  return term.trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** Every setting the adapter owns. */
export function desiredSettings(settings: { synonyms: Record<string, string[]>; stopWords: string[] }): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    synonyms: meilisearchSynonyms(settings.synonyms),
    stopWords: [...new Set(settings.stopWords.map(normalizeTerm).filter((word) => word !== ''))].sort(),
    // Meilisearch's own rule (which the embedded engine copies): 1 typo from 5 letters, 2 from 9.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
  };
}

/** Settings whose stored value is a set: Meilisearch may return them in another order. */
const UNORDERED: ReadonlySet<string> = new Set(['filterableAttributes', 'sortableAttributes', 'stopWords']);

/**
 * The part of `desired` that differs from `current` (what GET /indexes/{uid}/settings returned),
 * empty when nothing needs sending. Objects compare key by key on the keys we set, so defaults
 * Meilisearch fills in (e.g. typoTolerance.disableOnWords) do not count as a difference.
 */
export function settingsToUpdate(current: Settings, desired: Settings): Settings {
  const update: Record<string, unknown> = {};
  for (const [key, wanted] of Object.entries(desired) as Array<[string, unknown]>) {
    const stored: unknown = (current as Record<string, unknown>)[key];
    const same = key === 'synonyms' ? sameSynonyms(stored, wanted) : covers(stored, wanted, UNORDERED.has(key));
    if (!same) update[key] = wanted;
  }
  return update as Settings;
}

function sameSynonyms(stored: unknown, wanted: unknown): boolean {
  if (!isRecord(stored) || !isRecord(wanted)) return stored === wanted;
  const storedKeys = Object.keys(stored);
  if (storedKeys.length !== Object.keys(wanted).length) return false;
  return storedKeys.every((key) => covers(stored[key], wanted[key], true));
}

/** Whether `stored` holds `wanted`: arrays equal (as sets when unordered), objects on wanted's keys. */
function covers(stored: unknown, wanted: unknown, unordered: boolean): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(stored) || stored.length !== wanted.length) return false;
    if (unordered) {
      const set = new Set(stored.map((item) => JSON.stringify(item)));
      return wanted.every((item) => set.has(JSON.stringify(item)));
    }
    return wanted.every((item, index) => covers(stored[index], item, false));
  }
  if (isRecord(wanted)) {
    if (!isRecord(stored)) return false;
    return Object.entries(wanted).every(([key, value]) => covers(stored[key], value, false));
  }
  return Object.is(stored, wanted);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
