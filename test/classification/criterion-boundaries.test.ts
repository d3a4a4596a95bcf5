// Every numeric criterion of every encoding, evaluated alone exactly at its limit and just
// across it on both sides. This checks that each comparator reads the way the text says
// ("exceeding" excludes the limit, "equal to or more than" includes it) and that every value
// and unit converts to the fact's dimension.
import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/classification/encoding-schema.js';
import { evaluateExpression, type NormalizedFact } from '../../src/classification/evaluate-expression.js';
import { forEachCriterion, loadRulebook } from '../../src/classification/rulebook.js';

const rulebook = loadRulebook();
const declarations = rulebook.declarations();

type NumericCriterion = Extract<Criterion, { unit: string }>;
const numeric: { where: string; criterion: NumericCriterion }[] = [];
for (const entry of rulebook.entries) {
  for (const paragraph of rulebook.allParagraphs().filter((candidate) => candidate.file === entry.file)) {
    const expressions = [
      paragraph.node.conditions,
      ...(paragraph.node.exclusions ?? []).map((exclusion) => exclusion.when),
    ];
    for (const expression of expressions) {
      if (expression)
        forEachCriterion(expression, (criterion) => {
          if ('unit' in criterion) numeric.push({ where: `${entry.file} ${paragraph.node.paragraph}`, criterion });
        });
    }
  }
  for (const reason of entry.encoding.controlReasons ?? []) {
    if (reason.when)
      forEachCriterion(reason.when, (criterion) => {
        if ('unit' in criterion) numeric.push({ where: `${entry.file} ${reason.reason}`, criterion });
      });
  }
}

function outcomeAt(criterion: NumericCriterion, value: number) {
  const declaration = declarations.get(criterion.fact);
  if (declaration?.type !== 'number') throw new Error(`${criterion.fact} is not numeric`);
  const canonical = rulebook.units.toCanonical(value, criterion.unit, declaration.dimension);
  if (canonical === undefined) throw new Error(`unit ${criterion.unit}`);
  const fact: NormalizedFact = {
    name: criterion.fact,
    type: 'number',
    value: canonical,
    given: `${value} ${criterion.unit}`,
  };
  return evaluateExpression(criterion, {
    facts: new Map([[criterion.fact, fact]]),
    declarations,
    units: rulebook.units,
    resolveRef: () => {
      throw new Error('no refs here');
    },
  }).outcome;
}

const nudge = (value: number) => (value === 0 ? 1e-6 : Math.abs(value) * 1e-6);

describe('criterion boundaries', () => {
  it('every encoding has numeric criteria to check', () => {
    expect(numeric.length).toBeGreaterThan(0);
  });
  for (const { where, criterion } of numeric) {
    it(`${where} ${criterion.id}: ${criterion.text.slice(0, 90)}`, () => {
      if (criterion.comparator === 'BETWEEN') {
        expect(outcomeAt(criterion, criterion.min)).toBe(criterion.minInclusive ? 'MET' : 'NOT_MET');
        expect(outcomeAt(criterion, criterion.max)).toBe(criterion.maxInclusive ? 'MET' : 'NOT_MET');
        expect(outcomeAt(criterion, criterion.min - nudge(criterion.min))).toBe('NOT_MET');
        expect(outcomeAt(criterion, criterion.max + nudge(criterion.max))).toBe('NOT_MET');
        expect(outcomeAt(criterion, (criterion.min + criterion.max) / 2)).toBe('MET');
        return;
      }
      const limit = criterion.value;
      const above = limit + nudge(limit);
      const below = limit - nudge(limit);
      const expected = {
        GT: ['NOT_MET', 'MET', 'NOT_MET'],
        GTE: ['MET', 'MET', 'NOT_MET'],
        LT: ['NOT_MET', 'NOT_MET', 'MET'],
        LTE: ['MET', 'NOT_MET', 'MET'],
        EQ: ['MET', 'NOT_MET', 'NOT_MET'],
      }[criterion.comparator];
      expect([outcomeAt(criterion, limit), outcomeAt(criterion, above), outcomeAt(criterion, below)]).toEqual(expected);
    });
  }
});

// Yes/no and choice criteria: each one decides both ways on its fact, and stays UNKNOWN
// without it (never a default reading of an unstated property).
type FactCriterion = Extract<Criterion, { comparator: 'IS' | 'IN' }>;
const categorical: { where: string; criterion: FactCriterion }[] = [];
for (const paragraph of rulebook.allParagraphs()) {
  const expressions = [
    paragraph.node.conditions,
    ...(paragraph.node.exclusions ?? []).map((exclusion) => exclusion.when),
  ];
  for (const expression of expressions) {
    if (expression)
      forEachCriterion(expression, (criterion) => {
        if (criterion.comparator === 'IS' || criterion.comparator === 'IN')
          categorical.push({ where: `${paragraph.file} ${paragraph.node.paragraph}`, criterion });
      });
  }
}

function categoricalOutcome(criterion: FactCriterion, fact: NormalizedFact | undefined) {
  return evaluateExpression(criterion, {
    facts: new Map(fact ? [[criterion.fact, fact]] : []),
    declarations,
    units: rulebook.units,
    resolveRef: () => {
      throw new Error('no refs here');
    },
  }).outcome;
}

describe('yes/no and choice criteria', () => {
  it('there are such criteria', () => {
    expect(categorical.length).toBeGreaterThan(0);
  });
  for (const { where, criterion } of categorical) {
    it(`${where} ${criterion.id}: ${criterion.text.slice(0, 90)}`, () => {
      expect(categoricalOutcome(criterion, undefined)).toBe('UNKNOWN');
      if (criterion.comparator === 'IS') {
        expect(
          categoricalOutcome(criterion, {
            name: criterion.fact,
            type: 'boolean',
            value: criterion.value,
            given: String(criterion.value),
          }),
        ).toBe('MET');
        expect(
          categoricalOutcome(criterion, {
            name: criterion.fact,
            type: 'boolean',
            value: !criterion.value,
            given: String(!criterion.value),
          }),
        ).toBe('NOT_MET');
        return;
      }
      const declaration = declarations.get(criterion.fact);
      if (declaration?.type !== 'enum') throw new Error(`${criterion.fact} is not a choice`);
      for (const value of declaration.values) {
        const expected = criterion.values.includes(value) ? 'MET' : 'NOT_MET';
        expect(categoricalOutcome(criterion, { name: criterion.fact, type: 'enum', value, given: value }), value).toBe(
          expected,
        );
      }
    });
  }
});
