// `compareProvision`: one code across regimes: the provisions and their recorded correlations
// (Correlation rows, through `provisions { correlations }`), and, criterion by criterion, where
// the encoded thresholds (seed/encodings) agree, differ, or exist in one regime only.
import type { Criterion, ParagraphNode } from '../../classification/encoding-schema.js';
import { describeRequirement } from '../../classification/evaluate-expression.js';
import { encodedRegimeOf } from '../../classification/regime-mapping.js';
import { forEachCriterion, type IndexedParagraph, type Rulebook } from '../../classification/rulebook.js';
import { currentRulebook } from '../../classification/rulebook-holder.js';
import { Regime } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { NotFoundError } from '../errors.js';
import { CitationRef } from './citation.js';
import { citedRows, codeAndAncestors, nearestRow } from './classification.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';

export const CriterionComparisonStatusEnum = builder.enumType('CriterionComparisonStatus', {
  description: 'How one criterion compares across the regimes that encode the paragraph.',
  values: {
    SAME: { description: 'Every regime encodes it with the same requirement (values compared after unit conversion).' },
    DIFFERENT: { description: 'Every regime encodes it, with different values, bounds or choices.' },
    ONLY_IN_SOME: { description: 'Only some of the regimes compared have this criterion (see `sides`).' },
  } as const,
});

type Row = Awaited<ReturnType<typeof citedRows>> extends Map<string, infer R> ? R : never;

interface SideShape {
  regime: Regime;
  criterion: Criterion;
  paragraph: string;
  /** "conditions" or the label of the decontrol note the criterion belongs to. */
  context: string;
  canonical: string;
  provision: Row | null;
}

const CriterionSideRef = builder.objectRef<SideShape>('CriterionSide').implement({
  description: "One regime's encoding of a compared criterion, with its verbatim text and citation.",
  fields: (t) => ({
    regime: t.expose('regime', { type: RegimeEnum, description: 'The control-list family.' }),
    criterionId: t.string({
      description: 'Stable id of the criterion within its encoding.',
      resolve: (side) => side.criterion.id,
    }),
    paragraph: t.exposeString('paragraph', { description: 'The paragraph the criterion is written in.' }),
    context: t.exposeString('context', {
      description:
        '"conditions" for the paragraph\'s own conditions, else the label of the decontrol note it belongs to.',
    }),
    required: t.string({
      description: 'What the text requires, e.g. "> 60 Hz".',
      resolve: (side) => describeRequirement(side.criterion),
    }),
    value: t.float({
      nullable: true,
      description: 'The limit as written (lower bound of a range); null for yes/no, choice and reference criteria.',
      resolve: (side) =>
        'value' in side.criterion && typeof side.criterion.value === 'number'
          ? side.criterion.value
          : 'min' in side.criterion
            ? side.criterion.min
            : null,
    }),
    valueMax: t.float({
      nullable: true,
      description: 'Upper bound of a range; null otherwise.',
      resolve: (side) => ('max' in side.criterion ? side.criterion.max : null),
    }),
    unit: t.string({
      nullable: true,
      description: 'Unit of `value` as written; null when the criterion has none.',
      resolve: (side) => ('unit' in side.criterion ? side.criterion.unit : null),
    }),
    text: t.string({
      description: 'The verbatim sentence or clause the criterion was read from.',
      resolve: (side) => side.criterion.text,
    }),
    note: t.string({
      nullable: true,
      description: 'How the text was read where a reading was needed; null when none.',
      resolve: (side) => side.criterion.note ?? null,
    }),
    provision: t.field({
      type: ControlProvisionRef,
      nullable: true,
      description: 'The provision the paragraph is cited through (itself, or its nearest stored ancestor).',
      resolve: (side) => side.provision,
    }),
    citation: t.field({
      type: CitationRef,
      nullable: true,
      description: 'Source of the text (the citation of `provision`).',
      resolve: (side) => side.provision?.citation ?? null,
    }),
  }),
});

interface CriterionComparisonShape {
  paragraph: string;
  fact: string | null;
  comparator: string;
  status: 'SAME' | 'DIFFERENT' | 'ONLY_IN_SOME';
  sides: SideShape[];
}

const CriterionComparisonRef = builder.objectRef<CriterionComparisonShape>('CriterionComparison').implement({
  description: 'One criterion, paired across regimes by paragraph code, fact and comparator.',
  fields: (t) => ({
    paragraph: t.exposeString('paragraph', { description: 'The paragraph code the criterion sits in.' }),
    fact: t.exposeString('fact', {
      nullable: true,
      description: 'The fact compared; null for "controlled by ..." references.',
    }),
    comparator: t.exposeString('comparator', { description: 'GT, GTE, LT, LTE, EQ, BETWEEN, IS, IN or REF.' }),
    status: t.expose('status', {
      type: CriterionComparisonStatusEnum,
      description: 'Same, different, or only in some regimes.',
    }),
    regimes: t.field({
      type: [RegimeEnum],
      description: 'The regimes that encode this criterion.',
      resolve: (comparison) => [...new Set(comparison.sides.map((side) => side.regime))],
    }),
    sides: t.field({
      type: [CriterionSideRef],
      description: "Each regime's encoding of it.",
      resolve: (comparison) => comparison.sides,
    }),
  }),
});

interface ProvisionComparisonShape {
  code: string;
  regimes: Regime[];
  encodedIn: Regime[];
  provisions: Row[];
  criteria: CriterionComparisonShape[];
}

const ProvisionComparisonRef = builder.objectRef<ProvisionComparisonShape>('ProvisionComparison').implement({
  description:
    'A provision code compared across regimes: the provisions, their recorded correlations, and where the encoded thresholds differ.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The code compared.' }),
    regimes: t.field({
      type: [RegimeEnum],
      description: 'The regimes compared.',
      resolve: (comparison) => comparison.regimes,
    }),
    encodedIn: t.field({
      type: [RegimeEnum],
      description:
        'The regimes whose encodings contain the paragraph; criteria are compared only among these (a regime missing here has no answer, not a different one).',
      resolve: (comparison) => comparison.encodedIn,
    }),
    provisions: t.field({
      type: [ControlProvisionRef],
      description:
        'The current provision for the code in each regime compared (the code itself, or its nearest stored ancestor: EU entries are stored whole). Ask for `correlations { kind note provision { code regime } citation { url } }` on them for the recorded correspondences.',
      resolve: (comparison) => comparison.provisions,
    }),
    criteria: t.field({
      type: [CriterionComparisonRef],
      description:
        'Every encoded criterion of the paragraph and the paragraphs under it, paired across regimes; DIFFERENT and ONLY_IN_SOME first, then SAME, each in text order.',
      resolve: (comparison) => comparison.criteria,
    }),
  }),
});

/** Every criterion in a paragraph's subtree, with the paragraph and note it sits in. */
function criteriaUnder(root: IndexedParagraph): { paragraph: string; context: string; criterion: Criterion }[] {
  const found: { paragraph: string; context: string; criterion: Criterion }[] = [];
  const visit = (node: ParagraphNode) => {
    if (node.conditions)
      forEachCriterion(node.conditions, (criterion) =>
        found.push({ paragraph: node.paragraph, context: 'conditions', criterion }),
      );
    for (const exclusion of node.exclusions ?? []) {
      forEachCriterion(exclusion.when, (criterion) =>
        found.push({ paragraph: node.paragraph, context: exclusion.label, criterion }),
      );
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root.node);
  return found;
}

/** A comparable form of what a criterion requires: numbers in canonical units, sets sorted. */
function canonicalRequirement(rulebook: Rulebook, criterion: Criterion): string {
  const declaration = criterion.comparator === 'REF' ? undefined : rulebook.facts.get(criterion.fact)?.declaration;
  const toCanonical = (value: number, unit: string) => {
    const converted =
      declaration?.type === 'number' ? rulebook.units.toCanonical(value, unit, declaration.dimension) : undefined;
    // Rounded to 12 significant digits so 1000 nm and 1 um compare equal.
    return converted === undefined ? `${value} ${unit}` : Number(converted.toPrecision(12)).toString();
  };
  switch (criterion.comparator) {
    case 'IS':
      return String(criterion.value);
    case 'IN':
      return [...criterion.values].sort().join(',');
    case 'REF':
      return `${criterion.regime ?? ''}${criterion.ref}`;
    case 'BETWEEN':
      return `${criterion.minInclusive ? '[' : '('}${toCanonical(criterion.min, criterion.unit)},${toCanonical(criterion.max, criterion.unit)}${criterion.maxInclusive ? ']' : ')'}`;
    default:
      return toCanonical(criterion.value, criterion.unit);
  }
}

const STATUS_RANK = { DIFFERENT: 0, ONLY_IN_SOME: 1, SAME: 2 } as const;

builder.queryFields((t) => ({
  compareProvision: t.field({
    type: ProvisionComparisonRef,
    description:
      'Compares a provision code across regimes (e.g. "6A003" or "6A003.b.4.b" in the US and EU lists): the provisions with their recorded correlations, and for each encoded criterion whether the thresholds are the same, differ, or exist in one regime only, with verbatim texts and citations. NOT_FOUND when the code is neither stored nor encoded in the regimes asked about.',
    args: {
      code: t.arg.string({ required: true, description: 'The code, e.g. "6A003" or "6A003.b.4".' }),
      regimes: t.arg({ type: [RegimeEnum], description: 'The regimes to compare; every regime when omitted.' }),
    },
    resolve: async (_root, args, context, info) => {
      const rulebook = currentRulebook();
      const regimes = [...new Set(args.regimes ?? Object.values(Regime))];
      const sidesByRegime = new Map<Regime, { paragraph: string; context: string; criterion: Criterion }[]>();
      for (const regime of regimes) {
        const encoded = encodedRegimeOf(regime);
        const paragraph = encoded ? rulebook.paragraph(encoded, args.code) : undefined;
        if (paragraph) sidesByRegime.set(regime, criteriaUnder(paragraph));
      }

      const codes = new Map<Regime, Set<string>>();
      for (const regime of regimes) {
        const set = new Set(codeAndAncestors(args.code));
        for (const side of sidesByRegime.get(regime) ?? [])
          for (const code of codeAndAncestors(side.paragraph)) set.add(code);
        codes.set(regime, set);
      }
      const rows = await citedRows(
        context,
        info,
        codes,
        null,
        [['provisions'], ['criteria', 'sides', 'provision']],
        [['criteria', 'sides', 'citation']],
      );

      const provisions = regimes.flatMap((regime) => nearestRow(rows, regime, args.code) ?? []);
      if (provisions.length === 0 && sidesByRegime.size === 0) {
        throw new NotFoundError(
          'ControlProvision',
          args.code,
          `No provision ${args.code} is stored or encoded in ${regimes.join(', ')}.`,
        );
      }

      // Pair by paragraph, note, fact (or reference) and comparator; repeats within one regime
      // pair in text order.
      const comparisons = new Map<string, CriterionComparisonShape>();
      for (const [regime, found] of sidesByRegime) {
        const seen = new Map<string, number>();
        for (const { paragraph, context: where, criterion } of found) {
          const subject = criterion.comparator === 'REF' ? null : criterion.fact;
          const base = `${paragraph}|${where === 'conditions' ? 'conditions' : 'note'}|${subject ?? 'REF'}|${criterion.comparator}`;
          const occurrence = seen.get(base) ?? 0;
          seen.set(base, occurrence + 1);
          const key = `${base}|${occurrence}`;
          const comparison = comparisons.get(key) ?? {
            paragraph,
            fact: subject,
            comparator: criterion.comparator,
            status: 'SAME' as const,
            sides: [],
          };
          comparison.sides.push({
            regime,
            criterion,
            paragraph,
            context: where,
            canonical: canonicalRequirement(rulebook, criterion),
            provision: nearestRow(rows, regime, paragraph),
          });
          comparisons.set(key, comparison);
        }
      }
      const encodedIn = [...sidesByRegime.keys()];
      const criteria = [...comparisons.values()].map((comparison) => {
        const inRegimes = new Set(comparison.sides.map((side) => side.regime));
        const status: CriterionComparisonShape['status'] =
          inRegimes.size < encodedIn.length
            ? 'ONLY_IN_SOME'
            : new Set(comparison.sides.map((side) => side.canonical)).size > 1
              ? 'DIFFERENT'
              : 'SAME';
        return { ...comparison, status };
      });
      const order = [...criteria];
      criteria.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || order.indexOf(a) - order.indexOf(b));

      return { code: args.code, regimes, encodedIn, provisions, criteria };
    },
  }),
}));
