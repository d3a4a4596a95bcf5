// Implied facts: the rules of seed/encodings/implications/ applied to what the user gave and
// declared, before any paragraph is evaluated. A given fact always wins; where a rule implies
// something else, the disagreement is reported (never resolved silently), and two rules that
// imply different values leave the fact unknown and are reported too. Every implied fact names
// the rule and the verbatim text it rests on, so the trace can show why it was taken.
import type { Expression } from './encoding-schema.js';
import { isCriterion, type FactSet, type NormalizedFact } from './evaluate-expression.js';
import { isAtOrUnder, type Declared } from './declared-classifications.js';
import type { FactCondition, Implication, ImpliedValue } from './implication-schema.js';
import type { IndexedParagraph, Rulebook } from './rulebook.js';

export interface ImpliedFact extends Implication {
  fact: string;
  value: string | boolean;
}

/** A given fact that disagrees with what a rule implies, or two rules that disagree. */
export interface FactConflict {
  fact: string;
  /** The value used: the given one, or null when two implications disagreed and neither was taken. */
  used: string | null;
  implied: string;
  rule: string;
  message: string;
}

export interface ImpliedFacts {
  /** Given facts plus implied ones (marked with their implication). */
  facts: FactSet;
  implied: ImpliedFact[];
  conflicts: FactConflict[];
}

/**
 * The item's facts with everything the rules imply from them and from the declarations,
 * repeated until nothing new follows (an implied fact may trigger another rule).
 */
export function applyImplications(rulebook: Rulebook, given: FactSet, declared: readonly Declared[]): ImpliedFacts {
  // Two rules that disagree leave the fact unknown; whatever was drawn from the value taken
  // first must go too, so the rules run again with the contested facts barred until none is added.
  const contested = new Set<string>();
  const conflicts: FactConflict[] = [];
  const reported = new Set<string>();
  for (;;) {
    const before = contested.size;
    const result = applyOnce(rulebook, given, declared, contested, conflicts, reported);
    if (contested.size === before) return result;
  }
}

function applyOnce(
  rulebook: Rulebook,
  given: FactSet,
  declared: readonly Declared[],
  contested: Set<string>,
  conflicts: FactConflict[],
  reported: Set<string>,
): ImpliedFacts {
  const facts = new Map<string, NormalizedFact>(given);
  const implied = new Map<string, ImpliedFact>();

  const propose = (value: ImpliedValue, implication: Implication) => {
    const { fact } = value;
    const display = String(value.value);
    const agrees = (other: string | number | boolean) =>
      other === value.value || (typeof other === 'string' && (value.consistentWith ?? []).includes(other));
    const report = (conflict: FactConflict) => {
      const key = `${conflict.fact} ${conflict.rule} ${conflict.used ?? ''}`;
      if (reported.has(key)) return;
      reported.add(key);
      conflicts.push(conflict);
    };
    const stated = given.get(fact);
    if (stated) {
      if (!agrees(stated.value))
        report({
          fact,
          used: stated.given,
          implied: display,
          rule: implication.rule,
          message: `${fact} was given as ${stated.given}, but ${implication.because} implies ${display} (rule ${implication.rule}); the given value is used. Check one of them.`,
        });
      return;
    }
    if (contested.has(fact)) return;
    const earlier = implied.get(fact);
    if (earlier) {
      if (earlier.value === value.value) return;
      contested.add(fact);
      facts.delete(fact);
      implied.delete(fact);
      report({
        fact,
        used: null,
        implied: `${String(earlier.value)} / ${display}`,
        rule: `${earlier.rule} / ${implication.rule}`,
        message: `${earlier.because} implies ${fact} = ${String(earlier.value)} (rule ${earlier.rule}), but ${implication.because} implies ${display} (rule ${implication.rule}); neither is used. Give ${fact} to decide.`,
      });
      return;
    }
    const normalized = implicationFact(rulebook, fact, value.value, implication);
    if (!normalized) return;
    facts.set(fact, normalized);
    implied.set(fact, { ...implication, fact, value: value.value });
  };

  // Declarations first: they do not depend on facts.
  for (const rule of rulebook.implications) {
    if (!('declared' in rule)) continue;
    for (const declaration of declared) {
      if (declaration.scope !== rule.declared.scope) continue;
      const because = `the declared ${declaration.scope === 'ITEM' ? 'classification' : 'component'} ${declaration.code} (${declaration.regime})`;
      if ('then' in rule && 'under' in rule.declared) {
        const trigger = rule.declared;
        if (trigger.regimes && !trigger.regimes.includes(declaration.regime)) continue;
        if (!trigger.under.some((code) => isAtOrUnder(declaration.code, code))) continue;
        if ((trigger.except ?? []).some((code) => isAtOrUnder(declaration.code, code))) continue;
        for (const value of rule.then)
          propose(value, {
            rule: rule.id,
            basis: rule.basis,
            reading: rule.reading,
            because,
            citations: rule.citations,
          });
      } else if (!('then' in rule)) {
        const skip = new Set('skipFacts' in rule ? (rule.skipFacts ?? []) : []);
        const paragraph = rulebook.paragraph(declaration.regime, declaration.code);
        for (const requirement of paragraphRequirements(paragraph)) {
          if (skip.has(requirement.fact)) continue;
          propose(
            { fact: requirement.fact, value: requirement.value },
            {
              rule: rule.id,
              basis: rule.basis,
              reading: rule.reading,
              because,
              citations: [{ regime: declaration.regime, paragraph: requirement.paragraph, text: requirement.text }],
            },
          );
        }
      }
    }
  }

  // Fact rules until nothing new follows.
  const fired = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const rule of rulebook.implications) {
      if (!('when' in rule) || fired.has(rule.id)) continue;
      if (!rule.when.every((condition) => holds(condition, facts))) continue;
      fired.add(rule.id);
      changed = true;
      const because = rule.when.map((condition) => describeCondition(condition, facts)).join(' and ');
      for (const value of rule.then)
        propose(value, { rule: rule.id, basis: rule.basis, reading: rule.reading, because, citations: rule.citations });
    }
  }

  return { facts, implied: [...implied.values()], conflicts };
}

function holds(condition: FactCondition, facts: FactSet): boolean {
  const fact = facts.get(condition.fact);
  if (!fact) return false;
  if ('known' in condition) return true;
  if ('in' in condition) return fact.type === 'enum' && condition.in.includes(fact.value);
  return fact.type === 'boolean' && fact.value === condition.is;
}

function describeCondition(condition: FactCondition, facts: FactSet): string {
  const fact = facts.get(condition.fact);
  const how = fact?.implication ? 'implied' : 'given';
  return `${condition.fact} = ${fact?.given ?? '?'} (${how})`;
}

function implicationFact(
  rulebook: Rulebook,
  name: string,
  value: string | boolean,
  implication: Implication,
): NormalizedFact | undefined {
  const declaration = rulebook.facts.get(name)?.declaration;
  const given = String(value);
  if (declaration?.type === 'boolean' && typeof value === 'boolean')
    return { name, type: 'boolean', value, given, implication };
  if (declaration?.type === 'enum' && typeof value === 'string' && declaration.values.includes(value))
    return { name, type: 'enum', value, given, implication };
  return undefined;
}

interface Requirement {
  fact: string;
  value: string | boolean;
  paragraph: string;
  text: string;
}

/**
 * What a paragraph and the paragraphs above it require without a choice: yes/no criteria and
 * single-value enum criteria reached through "all" only (an "any" or a "not" leaves a choice).
 */
export function paragraphRequirements(paragraph: IndexedParagraph | undefined): Requirement[] {
  const found: Requirement[] = [];
  for (let at = paragraph; at; at = at.parent) {
    const code = at.node.paragraph;
    const visit = (expression: Expression) => {
      if (isCriterion(expression)) {
        if (expression.comparator === 'IS')
          found.push({ fact: expression.fact, value: expression.value, paragraph: code, text: expression.text });
        else if (expression.comparator === 'IN' && expression.values.length === 1 && expression.values[0])
          found.push({ fact: expression.fact, value: expression.values[0], paragraph: code, text: expression.text });
        return;
      }
      if ('all' in expression) expression.all.forEach(visit);
    };
    if (at.node.conditions) visit(at.node.conditions);
  }
  return found;
}
