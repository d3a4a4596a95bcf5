// Filters and facet counts over the embedded engine's matches: the same rules Meilisearch
// applies to its filter expression and facet distribution.
import type { DocumentAttributes } from './document-attributes.js';
import type { FacetCount, FacetField, SearchDocument, SearchFilter } from './search-engine.js';

/** Whether a document is in force on `asOf`, or current when no day is asked for. */
function inForce(document: SearchDocument, asOf: string | undefined): boolean {
  if (asOf === undefined) return document.current !== false;
  if (document.validFrom === undefined) return true;
  if (document.validFrom === null || document.validFrom > asOf) return false;
  return document.validTo === undefined || document.validTo === null || asOf < document.validTo;
}

export function matchesFilter(document: SearchDocument, filter: SearchFilter | undefined): boolean {
  if (!inForce(document, filter?.asOf)) return false;
  if (filter === undefined) return true;
  const oneOf = (value: string | null, allowed: readonly string[] | undefined): boolean =>
    allowed === undefined || allowed.length === 0 || (value !== null && allowed.includes(value));
  if (!oneOf(document.type, filter.types)) return false;
  if (!oneOf(document.regime, filter.regime)) return false;
  if (!oneOf(document.jurisdiction, filter.jurisdiction)) return false;
  if (!oneOf(document.category, filter.category)) return false;
  if (
    filter.audience !== undefined &&
    filter.audience.length > 0 &&
    !document.audience.some((a) => filter.audience?.includes(a))
  ) {
    return false;
  }
  if (filter.dateFrom !== undefined || filter.dateTo !== undefined) {
    if (document.date === null) return false;
    if (filter.dateFrom !== undefined && document.date < filter.dateFrom) return false;
    if (filter.dateTo !== undefined && document.date > filter.dateTo) return false;
  }
  return true;
}

/**
 * The facet counts of the documents `shortIds` (each counted once per value it has), each
 * field's values by count, then by value. Values are read as numbers (document-attributes.ts):
 * a common word's thousands of matches are counted in an array.
 */
export function facetCounts(
  shortIds: readonly number[],
  attributes: DocumentAttributes,
  fields: readonly FacetField[],
): FacetCount[] {
  const facets: FacetCount[] = [];
  for (const field of new Set(fields)) {
    let counts: Uint32Array;
    let values: readonly (string | null)[];
    if (field === 'audience') {
      const audience = attributes.audience();
      values = audience.values;
      counts = new Uint32Array(values.length);
      for (const shortId of shortIds) {
        for (const value of audience.at[shortId] as readonly number[]) counts[value] = (counts[value] as number) + 1;
      }
    } else {
      const facet = attributes.facet(field);
      values = facet.values;
      counts = new Uint32Array(values.length);
      const at = facet.at;
      for (const shortId of shortIds) {
        const value = at[shortId] as number;
        counts[value] = (counts[value] as number) + 1;
      }
    }
    const found: [string, number][] = [];
    // Number 0 stands for no value, which is not counted.
    for (let number = 1; number < values.length; number += 1) {
      if ((counts[number] as number) > 0) found.push([values[number] as string, counts[number] as number]);
    }
    found.sort(([va, ca], [vb, cb]) => cb - ca || (va < vb ? -1 : va > vb ? 1 : 0));
    for (const [value, count] of found) facets.push({ field, value, count });
  }
  return facets;
}
