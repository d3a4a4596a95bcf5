// The dashboard filters' free-text fields and the vocabulary each takes. The GraphQL inputs
// (ImpactStatsFilter, LicensingStatsFilter) and the export downloads' query parameters share
// these names, so both surfaces check the same fields the same way.
import type { FilterNote, FilterValueCheck, FilterVocabulary, VocabularyName } from './filter-vocabulary.js';

export const IMPACT_FILTER_VOCABULARIES = {
  jurisdictions: 'jurisdiction',
  indicators: 'indicator',
  sectors: 'sector',
  regions: 'region',
  units: 'unit',
  provisionCodes: 'provisionCode',
} as const satisfies Record<string, VocabularyName>;

export const LICENSING_FILTER_VOCABULARIES = {
  ratings: 'licensingRating',
  categories: 'licensingCategory',
  ratingTypes: 'licensingRatingType',
  destinations: 'licensingDestination',
  destinationIsos: 'licensingDestinationIso',
} as const satisfies Record<string, VocabularyName>;

type TextFields<Fields extends Record<string, VocabularyName>> = {
  [K in keyof Fields]?: readonly string[] | string | null;
};

/**
 * `values` with each free-text field named in `fields` checked (an unknown value throws
 * UnknownFilterValueError naming the field) and aliases replaced, and the notes saying so.
 */
export async function resolveFilterFields<Fields extends Record<string, VocabularyName>, T extends TextFields<Fields>>(
  vocabulary: FilterVocabulary,
  fields: Fields,
  values: T,
): Promise<{ values: T; notes: FilterNote[] }> {
  const present = Object.entries(fields).flatMap(([field, name]) => {
    const value = values[field];
    if (value === null || value === undefined) return [];
    return [
      {
        field,
        vocabulary: name,
        values: typeof value === 'string' ? [value] : value,
        single: typeof value === 'string',
      },
    ];
  });
  if (present.length === 0) return { values, notes: [] };
  const checks: FilterValueCheck[] = present.map(({ field, vocabulary: name, values: given }) => ({
    field,
    vocabulary: name,
    values: given,
  }));
  const resolved = await vocabulary.resolve(checks);
  const mapped: Record<string, unknown> = { ...values };
  present.forEach(({ field, single }, index) => {
    const read = resolved.values[index] ?? [];
    mapped[field] = single ? read[0] : read;
  });
  return { values: mapped as T, notes: resolved.notes };
}
