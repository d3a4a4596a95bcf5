// The Meilisearch index settings that give the behaviour of the SearchEngine contract, and
// the comparison that lets start-up send only what differs (settings updates re-index the
// whole index in Meilisearch, so an unchanged setting must not be re-sent).
import type { Settings } from 'meilisearch';
import { ENTRY_KEY_ATTRIBUTE } from './meilisearch-filter.js';
import { FACET_FIELDS } from './search-engine.js';

/** Order matters: a code match ranks above a title match, a title match above a body match. */
export const SEARCHABLE_ATTRIBUTES = ['codes', 'title', 'body'] as const;
/**
 * The facets, and every attribute a filter the adapter sends names (meilisearch-filter.ts):
 * dates, current versions and validity, and the entry key `distinct` groups by (Meilisearch
 * accepts only a filterable attribute as `distinct`, and refuses a filter on any other).
 */
export const FILTERABLE_ATTRIBUTES = [
  ...FACET_FIELDS,
  'dateNumber',
  'current',
  'validFromNumber',
  'validToNumber',
  ENTRY_KEY_ATTRIBUTE,
] as const;
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
 * The embedded engine's typo rule: one typo from 5 letters, two from 9 (Meilisearch's own
 * defaults), and none on numbers (`disableOnNumbers`, Meilisearch 1.15 and later; it exempts
 * words of digits only, not codes such as "6A003" that the embedded engine also exempts).
 */
export const TYPO_TOLERANCE = {
  enabled: true,
  minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  disableOnNumbers: true,
} as const;

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

/**
 * Whole-word spelling variants ("centre" -> "center") as synonyms both ways, added to the
 * synonyms. The embedded engine indexes both spellings as one word; Meilisearch has no such
 * rule, and the variant table's suffix rules (-ise/-ize) cannot be sent at all.
 */
export function spellingVariantSynonyms(words: Readonly<Record<string, string>>): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  const add = (term: string, equivalent: string) => {
    synonyms[term] = [...(synonyms[term] ?? []), equivalent];
  };
  for (const [variant, form] of Object.entries(words)) {
    add(variant, form);
    add(form, variant);
  }
  return synonyms;
}

/** What configure() receives (SearchEngine port); the spelling variants and low-information words are optional. */
export interface MeilisearchSettingsInput {
  synonyms: Readonly<Record<string, readonly string[]>>;
  stopWords: readonly string[];
  /**
   * No index setting: Meilisearch has none that weighs a word down, so the adapter leaves these
   * words out of the query it sends (see low-information-words.ts); nothing here is sent.
   */
  lowInformationWords?: readonly string[];
  spellingVariants?: { words: Readonly<Record<string, string>> };
}

/** Every setting the adapter owns. */
export function desiredSettings(settings: MeilisearchSettingsInput): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const source of [settings.synonyms, spellingVariantSynonyms(settings.spellingVariants?.words ?? {})]) {
    for (const [term, equivalents] of Object.entries(source))
      synonyms[term] = [...(synonyms[term] ?? []), ...equivalents];
  }
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    synonyms: meilisearchSynonyms(synonyms),
    stopWords: [...new Set(settings.stopWords.map(normalizeTerm).filter((word) => word !== ''))].sort(),
    typoTolerance: { ...TYPO_TOLERANCE, minWordSizeForTypos: { ...TYPO_TOLERANCE.minWordSizeForTypos } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
    // Grouping is asked per search (`distinct`); an index-wide one would group every search.
    distinctAttribute: null,
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
