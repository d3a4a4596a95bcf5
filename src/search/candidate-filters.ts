// Filters and facet counts over the embedded engine's matches: the same rules Meilisearch
// applies to its filter expression and facet distribution.
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

/** Each facet's value read with a fixed property name (a property chosen at run time reads slower, per document). */
const VALUE_OF: Record<Exclude<FacetField, 'audience'>, (document: SearchDocument) => string | null> = {
  type: (document) => document.type,
  regime: (document) => document.regime,
  jurisdiction: (document) => document.jurisdiction,
  category: (document) => document.category,
};

export function facetCounts(documents: readonly SearchDocument[], fields: readonly FacetField[]): FacetCount[] {
  const facets: FacetCount[] = [];
  for (const field of new Set(fields)) {
    // A facet has a handful of values: a list searched in place counts a common word's
    // thousands of matches faster than a map.
    const values: string[] = [];
    const counts: number[] = [];
    const add = (value: string | null): void => {
      if (value === null) return;
      const at = values.indexOf(value);
      if (at >= 0) counts[at] = (counts[at] as number) + 1;
      else {
        values.push(value);
        counts.push(1);
      }
    };
    if (field === 'audience') {
      for (const document of documents) for (const value of new Set(document.audience)) add(value);
    } else {
      const valueOf = VALUE_OF[field];
      for (const document of documents) add(valueOf(document));
    }
    const sorted = values
      .map((value, at): [string, number] => [value, counts[at] as number])
      .sort(([va, ca], [vb, cb]) => cb - ca || (va < vb ? -1 : va > vb ? 1 : 0));
    for (const [value, count] of sorted) facets.push({ field, value, count });
  }
  return facets;
}
