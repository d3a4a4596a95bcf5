// Everything known about an item before any paragraph is evaluated: the facts given (checked
// and in canonical units), the classifications declared (applied per regime that encodes the
// code), and the facts that follow from both (implications.ts), with any disagreement between
// a given fact and an implied one.
import {
  resolveDeclared,
  type Declared,
  type DeclaredInput,
  type DeclaredResolution,
} from './declared-classifications.js';
import type { FactSet } from './evaluate-expression.js';
import { applyImplications, type FactConflict, type ImpliedFact } from './implications.js';
import { normalizeFacts, type FactInput } from './item-facts-input.js';
import type { EncodedRegime, Rulebook } from './rulebook.js';

export interface ItemDescriptionInput {
  facts: readonly FactInput[];
  declared?: readonly DeclaredInput[];
}

export interface ItemDescription {
  /** Given and implied facts (implied ones carry their implication). */
  facts: FactSet;
  declared: Declared[];
  /** Declarations whose code no encoding of the regimes defines (the caller checks them against the lists). */
  unencoded: DeclaredResolution['unencoded'];
  implied: ImpliedFact[];
  conflicts: FactConflict[];
}

/** `factsField` names the facts in error messages (e.g. "item.facts"). */
export function describeItem(
  rulebook: Rulebook,
  input: ItemDescriptionInput,
  regimes: readonly EncodedRegime[],
  factsField = 'item.facts',
): ItemDescription {
  const given = normalizeFacts(rulebook, input.facts, factsField);
  const { applied, unencoded } = resolveDeclared(rulebook, input.declared ?? [], regimes);
  const { facts, implied, conflicts } = applyImplications(rulebook, given, applied);
  return { facts, declared: applied, unencoded, implied, conflicts };
}
