// The answer of compareProvision: one code across regimes, criterion by criterion, each side
// with its verbatim text and the provision it is cited through.
import { describeRequirement } from '../../classification/evaluate-expression.js';
import type { CriterionComparison, CriterionSide, ProvisionComparison } from '../../services/provision-comparison.js';
import { builder } from '../builder.js';
import { CitationRef } from './citation.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import { ParagraphComparisonRef } from './regime-comparison-result.js';

export const CriterionComparisonStatusEnum = builder.enumType('CriterionComparisonStatus', {
  description: 'How one criterion compares across the regimes that encode the paragraph.',
  values: {
    SAME: { description: 'Every regime encodes it with the same requirement (values compared after unit conversion).' },
    DIFFERENT: { description: 'Every regime encodes it, with different values, bounds or choices.' },
    ONLY_IN_SOME: { description: 'Only some of the regimes compared have this criterion (see `sides`).' },
  } as const,
});

const CriterionSideRef = builder.objectRef<CriterionSide>('CriterionSide').implement({
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

const CriterionComparisonRef = builder.objectRef<CriterionComparison>('CriterionComparison').implement({
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

export const ProvisionComparisonRef = builder.objectRef<ProvisionComparison>('ProvisionComparison').implement({
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
        'The current provision for the code in each regime compared (the code itself, or its nearest stored ancestor where a list does not store that paragraph). Ask for `correlations { kind note provision { code regime } citation { url } }` on them for the recorded correspondences.',
      resolve: (comparison) => comparison.provisions,
    }),
    listedIn: t.field({
      type: [RegimeEnum],
      description:
        'The regimes whose current list holds the code: their texts are compared in `paragraphs` (a regime missing here has no text, not a different one).',
      resolve: async (comparison) => (await comparison.texts()).listedIn,
    }),
    paragraphs: t.field({
      type: [ParagraphComparisonRef],
      description:
        'The code and every paragraph under it in the regimes that list it, in list order: for each, which regimes have it, whether the texts are the same (after removing differences of printing: dotted codes, spacing, quote marks) and the words that differ, and the same for its notes.',
      resolve: async (comparison) => (await comparison.texts()).paragraphs,
    }),
    criteria: t.field({
      type: [CriterionComparisonRef],
      description:
        'Every encoded criterion of the paragraph and the paragraphs under it, paired across regimes; DIFFERENT and ONLY_IN_SOME first, then SAME, each in text order.',
      resolve: (comparison) => comparison.criteria,
    }),
  }),
});
