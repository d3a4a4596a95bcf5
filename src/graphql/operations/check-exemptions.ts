// `checkExemptions` and `activityFacts`: the input checked at the edge (shape, bounds, codes),
// then the exemption-check service; its answer goes to the result types.
import { z } from 'zod';
import type { Regime } from '../../generated/prisma/client.js';
import { REGIMES_WITH_EXEMPTIONS } from '../../services/exemption-check.js';
import { builder } from '../builder.js';
import { RegimeEnum } from '../types/control-list.js';
import { addExportQuestionIssues } from './export-question-issues.js';
import { ActivityFactRef, ExemptionCheckResultRef } from '../types/exemption-check-result.js';
import {
  activityInputsOf,
  declaredInputsOf,
  factInputsOf,
  ItemFactInput,
  ItemInput,
  type ItemFactInputShape,
  type ItemInputShape,
} from '../types/item-input.js';

const checkExemptionsInputSchema = z
  .object({
    provisions: z.array(z.string()).nullish(),
    item: z.unknown().nullish(),
    regimes: z.array(z.string()).nullish(),
    activity: z.array(z.unknown()).nullish(),
    destination: z.string().nullish(),
    asOf: z.unknown().nullish(),
    focus: z.string().max(100).nullish(),
  })
  .superRefine((input, context) => {
    addExportQuestionIssues(input, context, {
      allowed: REGIMES_WITH_EXEMPTIONS,
      rule: 'regime-with-exemptions',
      message: (regime) => `No exemptions are recorded for ${regime}; use ${REGIMES_WITH_EXEMPTIONS.join(', ')}.`,
    });
  });

const CheckExemptionsInput = builder.inputType('CheckExemptionsInput', {
  description:
    'What is exported and how: the item by its list codes (`provisions`) or by its facts (`item`, classified against the encoded entries), or neither (the activity alone: "is my research fundamental research?"), the facts of the activity, the destination and the date. Facts not given are unknown: conditions that need them stay UNKNOWN, and exemptions written for list entries ask for the entry.',
  fields: (t) => ({
    provisions: t.stringList({
      description:
        'Codes of the list entries or paragraphs that control what is exported (e.g. "6E001", "6A003.b.4.b"). Each must exist in a regime asked about; the product group letter gives the item type (A/B/C commodity, D software, E technology). When given with `item`, the codes decide the control status and the item facts are used for list notes.',
    }),
    item: t.field({
      type: ItemInput,
      description:
        "The item by its facts (see `itemFacts`); classified with `classifyItem`'s evaluator when no `provisions` are given. Its `item_kind` gives the item type (a camera is a commodity) when no codes do; its `declared` classifications are taken as met when it is classified, and the facts implied from them and from its facts are used (see `notes`).",
    }),
    regimes: t.field({
      type: [RegimeEnum],
      description:
        'Regimes to check (US_EAR, EU, UK, WASSENAAR). Default: the regimes of the codes given, or for `item` every regime with encoded entries.',
    }),
    activity: t.field({
      type: [ItemFactInput],
      description:
        'Facts about the activity, e.g. { name: "research_is_fundamental", boolean: true }. Names, types and choices are listed by `activityFacts`.',
    }),
    destination: t.string({ description: 'Country of destination, ISO 3166-1 alpha-2 (e.g. "JP").' }),
    asOf: t.field({
      type: 'Date',
      description: 'Check the exemptions in force on this date (e.g. revoked licences); today when omitted.',
    }),
    focus: t.string({
      description:
        'Key of the exemption asked about (e.g. "US-EAR-734.8"): its questions come first in `questionsToAnswer`, and an undecided verdict names it.',
    }),
  }),
  validate: checkExemptionsInputSchema,
});

interface CheckExemptionsInputShape {
  provisions?: string[] | null;
  item?: ItemInputShape | null;
  regimes?: Regime[] | null;
  activity?: ItemFactInputShape[] | null;
  destination?: string | null;
  asOf?: Date | null;
  focus?: string | null;
}

builder.queryFields((t) => ({
  checkExemptions: t.field({
    type: ExemptionCheckResultRef,
    description:
      'Checks which exemptions (fundamental research, published information, licence exceptions, general authorisations, list notes ...) cover an export: each APPLIES, DOES_NOT_APPLY or INDETERMINATE with every condition, its verbatim text and citation, the disqualifiers that fired, the questions that would decide the undecided ones, and an overall verdict that is never EXEMPT when the facts do not decide. Decision support, not legal advice.',
    args: {
      input: t.arg({
        type: CheckExemptionsInput,
        required: true,
        description: 'The item, the activity, the destination and the date.',
      }),
    },
    resolve: (_root, args, { services }) => {
      // The validation plugin types the input by its zod schema, which leaves nested inputs
      // unknown; the GraphQL input type above is what actually arrives.
      const input = args.input as CheckExemptionsInputShape;
      return services.checkExemptions({
        provisions: input.provisions ?? null,
        item: input.item ? factInputsOf(input.item) : null,
        declared: input.item ? declaredInputsOf(input.item) : [],
        regimes: input.regimes ?? null,
        activity: activityInputsOf(input.activity ?? []),
        destination: input.destination ?? null,
        asOf: input.asOf ?? null,
        focus: input.focus ?? null,
      });
    },
  }),
  activityFacts: t.field({
    type: [ActivityFactRef],
    description:
      'The facts about an export that `checkExemptions` uses (in `activity`, or `destination`), with the exemptions using each, by name.',
    resolve: (_root, _args, { services }) => services.activityFacts(),
  }),
}));
