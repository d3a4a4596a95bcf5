// Which GraphQL operations the response cache (response-cache.ts) may answer from a stored
// response, and which data generations each must be checked against.
//
// A top-level field is listed only when its whole result, nested fields included, is a pure
// function of its arguments and the committed data of the tables its generation watches:
// - No field under it reads the clock: the point-in-time reads (`asOf`) take their date from
//   the arguments, and without one answer the current versions, which the data marks (status,
//   validity columns), not today's date. checkExemptions, licenceRequirement and classifyItem
//   default their date to today and are left out.
// - None reads the request: rateLimit (the caller's budget) and introspection (allowed per
//   caller) are left out; the rate budget is charged before the cache answers.
// - None reads anything but the database and the encodings loaded at start: search is left
//   out, because its answers come from the search index, which follows the database through an
//   outbox drained in the background, so no database generation says when they change.
// The catalogue generation is bumped by a write to any table of source data, the analytics
// tables included, so a catalogue read reaching a nested dashboard aggregate is covered too.
import type { OperationDefinitionNode } from 'graphql';
import type { GenerationScope } from '../../db/data-generations.js';

/** Cacheable top-level fields and the generation they depend on (none for __typename). */
export const CACHEABLE_FIELDS: ReadonlyMap<string, GenerationScope | null> = new Map<string, GenerationScope | null>([
  ['impactStats', 'analytics'],
  ['impactSeries', 'analytics'],
  ['consultationStats', 'analytics'],
  ['licensingStats', 'analytics'],
  ['provisions', 'catalogue'],
  ['provision', 'catalogue'],
  ['exemptions', 'catalogue'],
  ['guidanceDocuments', 'catalogue'],
  ['amendingActs', 'catalogue'],
  ['listTexts', 'catalogue'],
  ['consultations', 'catalogue'],
  ['impactAssessments', 'catalogue'],
  ['impactIndicators', 'catalogue'],
  ['impactJurisdictions', 'catalogue'],
  ['audiences', 'catalogue'],
  ['node', 'catalogue'],
  ['nodes', 'catalogue'],
  ['__typename', null],
]);

/**
 * The generations a query must be checked against when every top-level selection is a field of
 * CACHEABLE_FIELDS (analytics alone for one of __typename only); null when it is not cacheable:
 * another field, a fragment at the top level, a mutation or subscription.
 */
export function generationScopes(operation: OperationDefinitionNode | undefined): GenerationScope[] | null {
  if (!operation || operation.operation !== 'query') return null;
  const selections = operation.selectionSet.selections;
  if (selections.length === 0) return null;
  const scopes = new Set<GenerationScope>();
  for (const selection of selections) {
    if (selection.kind !== 'Field') return null;
    const scope = CACHEABLE_FIELDS.get(selection.name.value);
    if (scope === undefined) return null;
    if (scope !== null) scopes.add(scope);
  }
  if (scopes.size === 0) scopes.add('analytics');
  return [...scopes].sort();
}

/** True when the query may be answered from the response cache. */
export function isCacheableOperation(operation: OperationDefinitionNode | undefined): boolean {
  return generationScopes(operation) !== null;
}
