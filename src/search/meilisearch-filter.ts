// Pure translations from the SearchEngine port to Meilisearch's request vocabulary: filter
// expressions (values are always quoted and escaped: a user value can never become syntax),
// page windows for exact totals, and the documents and document keys Meilisearch stores.
import { entryKeyOf } from './entry-key.js';
import { SEARCHABLE_TYPES, type SearchableType, type SearchDocument, type SearchFilter } from './search-engine.js';

/** A user value as a Meilisearch filter string: double-quoted, `\` and `"` escaped (Meilisearch >= 1.4 rules). */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** "2024-06-30" -> 20240630: the numeric form of a date that range filters compare. */
export function dateNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`);
  return Number(`${match[1]}${match[2]}${match[3]}`);
}

/** Attribute of each list filter; attribute names are ours, never user input. */
const LIST_FILTERS: ReadonlyArray<[keyof SearchFilter, string]> = [
  ['types', 'type'],
  ['regime', 'regime'],
  ['jurisdiction', 'jurisdiction'],
  ['category', 'category'],
  ['audience', 'audience'],
];

/**
 * The filter as one Meilisearch expression: OR inside a field (`IN [...]`, which on an array
 * attribute such as `audience` matches any element), AND across fields, inclusive date bounds
 * on the numeric `dateNumber`. An empty list means "no condition", as in the embedded engine.
 * Without `asOf` only current documents; with it, the provision versions in force that day.
 */
export function meilisearchFilterExpression(filter: SearchFilter | undefined): string {
  // Older versions of provisions are found only when a day is asked for.
  if (filter === undefined) return 'current = true';
  const conditions: string[] = filter.asOf === undefined ? ['current = true'] : [];
  for (const [field, attribute] of LIST_FILTERS) {
    const values = filter[field];
    if (!Array.isArray(values) || values.length === 0) continue;
    conditions.push(`${attribute} IN [${[...new Set<string>(values)].map(quoteFilterValue).join(', ')}]`);
  }
  if (filter.dateFrom !== undefined) conditions.push(`dateNumber >= ${dateNumber(filter.dateFrom)}`);
  if (filter.dateTo !== undefined) conditions.push(`dateNumber <= ${dateNumber(filter.dateTo)}`);
  if (filter.asOf !== undefined) {
    const day = dateNumber(filter.asOf);
    conditions.push(`validFromNumber <= ${day}`, `validToNumber > ${day}`);
  }
  return conditions.join(' AND ');
}

/** The attribute paragraphs are grouped by (`distinct`), stored with every document. */
export const ENTRY_KEY_ATTRIBUTE = 'entryKey';

/**
 * The provisions of one entry among the documents `filter` (an expression of
 * meilisearchFilterExpression) selects: the entry's own document and its paragraphs.
 */
export function entryProvisionsFilter(filter: string, entryKey: string): string {
  return [filter, `${ENTRY_KEY_ATTRIBUTE} = ${quoteFilterValue(entryKey)}`, 'type = "PROVISION"']
    .filter((condition) => condition !== '')
    .join(' AND ');
}

export interface PageWindow {
  /** 1-based page and its size, sent as `page` / `hitsPerPage` (Meilisearch then counts totals exactly). */
  page: number;
  hitsPerPage: number;
  /** Hits of that page to skip to reach `offset`. */
  skip: number;
}

/**
 * The smallest page that holds hits offset..offset+limit-1. Meilisearch counts `totalHits`
 * exactly only in page mode; an offset that is not a multiple of the limit (a client changed
 * its page size) is served by a slightly larger page.
 */
export function pageWindow(offset: number, limit: number): PageWindow {
  const last = offset + limit - 1;
  for (let size = limit; ; size += 1) {
    const page = Math.floor(offset / size);
    if (Math.floor(last / size) === page) return { page: page + 1, hitsPerPage: size, skip: offset - page * size };
  }
}

/**
 * Meilisearch document ids allow only letters, digits, `-` and `_` (at most 511 bytes); ours are
 * `<type>:<database id>`. The primary key is therefore the base64url form of the id, which
 * round-trips any id; the id itself is kept as a plain attribute.
 */
export function documentKey(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/**
 * What is stored in Meilisearch: the port document plus its key, its entry key (entry-key.ts:
 * what `distinct` groups by), numeric date and validity as numbers the filters compare (a
 * record without validity is in force from day 0 to day 99991231; a provision whose first day
 * is not known is never in force on a given day).
 */
export interface MeilisearchDocument extends SearchDocument {
  key: string;
  entryKey: string;
  dateNumber: number | null;
  current: boolean;
  validFromNumber: number;
  validToNumber: number;
}

const FIRST_DAY = 0;
const NO_END = 99_991_231;
const NEVER = 99_999_999;

export function toMeilisearchDocument(document: SearchDocument): MeilisearchDocument {
  const { validFrom, validTo } = document;
  return {
    ...document,
    key: documentKey(document.id),
    entryKey: entryKeyOf(document),
    dateNumber: document.date === null ? null : dateNumber(document.date),
    current: document.current !== false,
    validFromNumber: validFrom === undefined ? FIRST_DAY : validFrom === null ? NEVER : dateNumber(validFrom),
    validToNumber: validTo === undefined || validTo === null ? NO_END : dateNumber(validTo),
  };
}

/** The port document of a stored one (our own attributes such as `entryKey`, and `_formatted`, dropped). */
export function fromMeilisearchDocument(stored: Partial<MeilisearchDocument>): SearchDocument {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const nullableText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const type = SEARCHABLE_TYPES.find((known: SearchableType) => known === stored.type);
  if (type === undefined || typeof stored.id !== 'string') {
    throw new TypeError(
      `Meilisearch returned a document that is not ours (id ${JSON.stringify(stored.id)}, type ${JSON.stringify(stored.type)})`,
    );
  }
  return {
    id: stored.id,
    type,
    recordId: text(stored.recordId),
    title: text(stored.title),
    codes: list(stored.codes),
    body: text(stored.body),
    regime: nullableText(stored.regime),
    jurisdiction: nullableText(stored.jurisdiction),
    category: nullableText(stored.category),
    audience: list(stored.audience),
    date: nullableText(stored.date),
    ...(stored.current === false ? { current: false } : {}),
    ...('validFrom' in stored ? { validFrom: nullableText(stored.validFrom) } : {}),
    ...('validTo' in stored ? { validTo: nullableText(stored.validTo) } : {}),
  };
}
