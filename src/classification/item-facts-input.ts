// Validates the facts a user gives about an item against the rulebook's vocabulary and
// converts numbers to canonical units. Every problem is reported at once, each naming the
// fact and the valid choices, so the user can fix the whole input in one go.
import type { FactSet, NormalizedFact } from './evaluate-expression.js';
import type { Rulebook } from './rulebook.js';
import { InvalidItemFactsError } from '../errors.js';

export interface FactInput {
  name: string;
  value: string | number | boolean;
  unit?: string | null;
}

/**
 * The facts in canonical units. Throws InvalidItemFactsError naming `field` (the input's path,
 * for the client) with every problem at once.
 */
export function normalizeFacts(rulebook: Rulebook, inputs: readonly FactInput[], field = 'item.facts'): FactSet {
  const problems: string[] = [];
  const facts = new Map<string, NormalizedFact>();
  inputs.forEach((input, index) => {
    const info = rulebook.facts.get(input.name);
    const label = `facts[${index}] "${input.name}"`;
    if (!info) {
      problems.push(
        `${label}: unknown fact; valid facts are listed by the itemFacts query (${closestNames(input.name, [...rulebook.facts.keys()])})`,
      );
      return;
    }
    if (facts.has(input.name)) {
      problems.push(`${label}: given more than once`);
      return;
    }
    const declaration = info.declaration;
    const unit = (input.unit ?? '').trim();
    const given = `${String(input.value)}${unit ? ` ${unit}` : ''}`;
    if (declaration.type === 'number') {
      const value =
        typeof input.value === 'number'
          ? input.value
          : typeof input.value === 'string' && input.value.trim() !== ''
            ? Number(input.value)
            : Number.NaN;
      if (!Number.isFinite(value)) {
        problems.push(`${label}: must be a number`);
        return;
      }
      const canonical = rulebook.units.toCanonical(value, unit, declaration.dimension);
      if (canonical === undefined) {
        const dimension = rulebook.units.dimension(declaration.dimension);
        const valid = dimension
          ? dimension.spellings.map((spelling) => (spelling === '' ? '(none)' : spelling)).join(', ')
          : '';
        problems.push(`${label}: unit "${unit}" is not a ${declaration.dimension} unit; use one of: ${valid}`);
        return;
      }
      facts.set(input.name, { name: input.name, type: 'number', value: canonical, given });
    } else if (declaration.type === 'boolean') {
      const value =
        typeof input.value === 'boolean'
          ? input.value
          : input.value === 'true'
            ? true
            : input.value === 'false'
              ? false
              : undefined;
      if (value === undefined) {
        problems.push(`${label}: must be true or false`);
        return;
      }
      if (unit) problems.push(`${label}: a yes/no fact takes no unit`);
      facts.set(input.name, { name: input.name, type: 'boolean', value, given });
    } else {
      const value = String(input.value);
      if (!declaration.values.includes(value)) {
        problems.push(`${label}: "${value}" is not one of: ${declaration.values.join(', ')}`);
        return;
      }
      facts.set(input.name, { name: input.name, type: 'enum', value, given });
    }
  });
  if (problems.length > 0) throw new InvalidItemFactsError(field, problems);
  return facts;
}

/** Up to five known names sharing the most words with the unknown one (for "did you mean"). */
export function closestNames(name: string, known: readonly string[]): string {
  const words = new Set(name.toLowerCase().split(/[_\s]+/));
  const scored = known
    .map((candidate) => ({ candidate, score: candidate.split('_').filter((word) => words.has(word)).length }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.candidate.localeCompare(b.candidate))
    .slice(0, 5)
    .map(({ candidate }) => candidate);
  return scored.length > 0 ? `did you mean: ${scored.join(', ')}?` : `${known.length} facts`;
}
