// Evaluates an encoded expression against an item's facts with three-valued logic, keeping a
// trace line per criterion so every answer shows the text and the figure it was decided on.
import type { Criterion, Expression, FactDeclaration } from './encoding-schema.js';
import type { Implication } from './implication-schema.js';
import { allOf, anyOf, not, type Outcome } from './three-valued.js';
import type { UnitTable } from './units.js';

/**
 * A fact as the user gave it, after validation: numbers are in the dimension's canonical unit.
 * `implication` is set on a fact the user did not give but that follows from what they gave or
 * declared (see implications.ts).
 */
export type NormalizedFact =
  | { name: string; type: 'number'; value: number; given: string; implication?: Implication }
  | { name: string; type: 'boolean'; value: boolean; given: string; implication?: Implication }
  | { name: string; type: 'enum'; value: string; given: string; implication?: Implication };

/** Where the value a criterion was decided on came from. */
export type FactSource = 'GIVEN' | 'DECLARED' | 'IMPLIED';

export type FactSet = ReadonlyMap<string, NormalizedFact>;

export interface CriterionTrace {
  criterionId: string;
  /** The fact compared, or null for a reference to another paragraph. */
  fact: string | null;
  /** The referenced paragraph for "controlled by ..." criteria. */
  ref: string | null;
  /** What the text requires, e.g. "> 1000000 frames/s", "= true", "one of: a, b". */
  required: string;
  /** What the user gave, as given; null when the fact was not given. */
  given: string | null;
  outcome: Outcome;
  text: string;
  note: string | null;
  /**
   * GIVEN: decided on a fact the user gave; IMPLIED: on a fact that follows from others
   * (`implication` says how); DECLARED: on a classification the user declared. Absent or null
   * when nothing decided it (the fact was not given).
   */
  source?: FactSource | null;
  implication?: Implication | null;
}

export interface ExpressionResult {
  outcome: Outcome;
  traces: CriterionTrace[];
  /** Facts whose values would decide an UNKNOWN outcome (empty unless outcome is UNKNOWN). */
  missingFacts: string[];
  /** Set when the outcome is a classification the user declared, not an evaluation. */
  declared?: boolean;
}

export interface EvaluationEnvironment {
  facts: FactSet;
  declarations: ReadonlyMap<string, FactDeclaration>;
  units: UnitTable;
  /** Outcome of a referenced paragraph ("controlled by 6A004.a") for the same facts. */
  resolveRef: (ref: string, regime: string | undefined, subject: 'item' | 'component') => ExpressionResult;
  /** Facts whose criteria count as MET without a value: `item_kind` inside a REF, whose referring
   * text already names the component ("incorporating focal plane arrays controlled by ..."). */
  ignoredFacts?: ReadonlySet<string>;
}

const COMPARATOR_SYMBOL = { GT: '>', GTE: '≥', LT: '<', LTE: '≤', EQ: '=' } as const;

export function isCriterion(expression: Expression): expression is Criterion {
  return 'comparator' in expression;
}

export function evaluateExpression(expression: Expression, env: EvaluationEnvironment): ExpressionResult {
  if (isCriterion(expression)) return evaluateCriterion(expression, env);
  if ('all' in expression)
    return combine(
      expression.all.map((child) => evaluateExpression(child, env)),
      allOf,
    );
  if ('any' in expression)
    return combine(
      expression.any.map((child) => evaluateExpression(child, env)),
      anyOf,
    );
  const inner = evaluateExpression(expression.not, env);
  return {
    outcome: not(inner.outcome),
    traces: inner.traces,
    missingFacts: inner.outcome === 'UNKNOWN' ? inner.missingFacts : [],
  };
}

/** Combines child results; only the UNKNOWN children of an UNKNOWN result name missing facts. */
export function combine(
  results: readonly ExpressionResult[],
  operator: (outcomes: readonly Outcome[]) => Outcome,
): ExpressionResult {
  const outcome = operator(results.map((result) => result.outcome));
  // Hot (every node of every expression, again for every paragraph above): plain loops, and a
  // single contributor's lists are shared rather than copied. Results are never mutated.
  const single = results.length === 1 ? results[0] : undefined;
  let traces: CriterionTrace[];
  if (single) {
    traces = single.traces;
  } else {
    traces = [];
    for (const result of results) for (const trace of result.traces) traces.push(trace);
  }
  if (outcome !== 'UNKNOWN') return { outcome, traces, missingFacts: [] };
  const unknown = results.filter((result) => result.outcome === 'UNKNOWN');
  const missingFacts =
    unknown.length === 1 && unknown[0]
      ? unknown[0].missingFacts
      : [...new Set(unknown.flatMap((result) => result.missingFacts))];
  return { outcome, traces, missingFacts };
}

function evaluateCriterion(criterion: Criterion, env: EvaluationEnvironment): ExpressionResult {
  const base = { criterionId: criterion.id, text: criterion.text, note: criterion.note ?? null };
  if (criterion.comparator === 'REF') {
    const referenced = env.resolveRef(criterion.ref, criterion.regime, criterion.subject ?? 'component');
    const trace: CriterionTrace = {
      ...base,
      fact: null,
      ref: criterion.ref,
      required: `controlled by ${criterion.ref}`,
      given: referenced.declared ? 'declared' : null,
      outcome: referenced.outcome,
      source: referenced.declared ? 'DECLARED' : null,
      implication: null,
    };
    return {
      outcome: referenced.outcome,
      traces: [trace, ...referenced.traces],
      missingFacts: referenced.outcome === 'UNKNOWN' ? referenced.missingFacts : [],
    };
  }
  const declaration = env.declarations.get(criterion.fact);
  if (!declaration) throw new Error(`criterion ${criterion.id} uses undeclared fact "${criterion.fact}"`);
  const fact = env.facts.get(criterion.fact);
  const required = describeRequirement(criterion);
  if (env.ignoredFacts?.has(criterion.fact)) {
    return {
      outcome: 'MET',
      traces: [
        {
          ...base,
          fact: criterion.fact,
          ref: null,
          required: `${required} (not applied: the referring text names the component)`,
          given: fact?.given ?? null,
          outcome: 'MET',
          ...sourceOf(fact),
        },
      ],
      missingFacts: [],
    };
  }
  const result = (outcome: Outcome): ExpressionResult => ({
    outcome,
    traces: [
      { ...base, fact: criterion.fact, ref: null, required, given: fact?.given ?? null, outcome, ...sourceOf(fact) },
    ],
    missingFacts: outcome === 'UNKNOWN' ? [criterion.fact] : [],
  });
  if (!fact) return result('UNKNOWN');

  switch (criterion.comparator) {
    case 'IS':
      return result(fact.type === 'boolean' && fact.value === criterion.value ? 'MET' : 'NOT_MET');
    case 'IN':
      return result(fact.type === 'enum' && criterion.values.includes(fact.value) ? 'MET' : 'NOT_MET');
    case 'BETWEEN': {
      const [min, max] = [
        canonical(criterion.min, criterion.unit, declaration, env, criterion.id),
        canonical(criterion.max, criterion.unit, declaration, env, criterion.id),
      ];
      if (fact.type !== 'number') return result('NOT_MET');
      const aboveMin = criterion.minInclusive ? atLeast(fact.value, min) : exceeds(fact.value, min);
      const belowMax = criterion.maxInclusive ? atLeast(max, fact.value) : exceeds(max, fact.value);
      return result(aboveMin && belowMax ? 'MET' : 'NOT_MET');
    }
    default: {
      const limit = canonical(criterion.value, criterion.unit, declaration, env, criterion.id);
      if (fact.type !== 'number') return result('NOT_MET');
      const value = fact.value;
      const met =
        criterion.comparator === 'GT'
          ? exceeds(value, limit)
          : criterion.comparator === 'GTE'
            ? atLeast(value, limit)
            : criterion.comparator === 'LT'
              ? exceeds(limit, value)
              : criterion.comparator === 'LTE'
                ? atLeast(limit, value)
                : nearlyEqual(value, limit);
      return result(met ? 'MET' : 'NOT_MET');
    }
  }
}

function sourceOf(fact: NormalizedFact | undefined): Pick<CriterionTrace, 'source' | 'implication'> {
  if (!fact) return { source: null, implication: null };
  return fact.implication
    ? { source: 'IMPLIED', implication: fact.implication }
    : { source: 'GIVEN', implication: null };
}

// Unit conversion multiplies by powers of ten, so 1000 nm -> 1e-6 m can land a rounding error
// away from a limit read in µm. A relative tolerance keeps "equal to the limit" equal.
const RELATIVE_TOLERANCE = 1e-9;
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}
function exceeds(a: number, b: number): boolean {
  return a > b && !nearlyEqual(a, b);
}
function atLeast(a: number, b: number): boolean {
  return a > b || nearlyEqual(a, b);
}

function canonical(
  value: number,
  unit: string,
  declaration: FactDeclaration,
  env: EvaluationEnvironment,
  criterionId: string,
): number {
  if (declaration.type !== 'number')
    throw new Error(`criterion ${criterionId} compares a number with ${declaration.type} fact "${declaration.name}"`);
  const converted = env.units.toCanonical(value, unit, declaration.dimension);
  if (converted === undefined)
    throw new Error(`criterion ${criterionId}: unit "${unit}" is not a ${declaration.dimension} unit`);
  return converted;
}

export function describeRequirement(criterion: Criterion): string {
  switch (criterion.comparator) {
    case 'IS':
      return `= ${String(criterion.value)}`;
    case 'IN':
      return `one of: ${criterion.values.join(', ')}`;
    case 'REF':
      return `controlled by ${criterion.ref}`;
    case 'BETWEEN':
      return `${criterion.minInclusive ? '≥' : '>'} ${criterion.min} and ${criterion.maxInclusive ? '≤' : '<'} ${criterion.max}${criterion.unit ? ` ${criterion.unit}` : ''}`;
    default:
      return `${COMPARATOR_SYMBOL[criterion.comparator]} ${criterion.value}${criterion.unit ? ` ${criterion.unit}` : ''}`;
  }
}
