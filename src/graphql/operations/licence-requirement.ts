// `licenceRequirement` and `licenceActivityFacts`: the input checked at the edge (shape,
// bounds, codes), then the licence-requirement service; its answer goes to the result types.
import { z } from 'zod';
import { LICENCE_REGIMES } from '../../classification/licence-answer.js';
import type { Regime } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { RegimeEnum } from '../types/control-list.js';
import { addExportQuestionIssues } from './export-question-issues.js';
import {
  factInputsOf,
  ItemFactInput,
  ItemInput,
  type ItemFactInputShape,
  type ItemInputShape,
} from '../types/item-input.js';
import { LicenceActivityFactRef, LicenceRequirementResultRef } from '../types/licence-requirement-result.js';

const licenceRequirementInputSchema = z
  .object({
    destination: z.string(),
    provisions: z.array(z.string()).nullish(),
    item: z.unknown().nullish(),
    regimes: z.array(z.string()).nullish(),
    activity: z.array(z.unknown()).nullish(),
    asOf: z.unknown().nullish(),
  })
  .superRefine((input, context) => {
    if (input.destination.trim().length === 0 || input.destination.length > 100) {
      context.addIssue({
        code: 'custom',
        path: ['destination'],
        params: { rule: 'destination-text' },
        message: 'destination must be a country name or ISO 3166-1 alpha-2 code (1 to 100 characters).',
      });
    }
    if (!input.provisions?.length && !input.item) {
      context.addIssue({
        code: 'custom',
        path: ['provisions'],
        params: { rule: 'provisions-or-item' },
        message: 'Give `provisions` (list codes) or `item` (its facts), or both.',
      });
    }
    addExportQuestionIssues(input, context, {
      allowed: LICENCE_REGIMES,
      rule: 'licensing-regime',
      message: (regime) => `${regime} grants no licences; ask about ${LICENCE_REGIMES.join(', ')}.`,
    });
  });

const LicenceRequirementInput = builder.inputType('LicenceRequirementInput', {
  description:
    'What is shipped, where, and how: the item by its list codes (`provisions`) or its facts (`item`, classified with `classifyItem`), the destination, the regimes, the date, and facts about the export that decide licence exceptions. Facts not given are unknown: what needs them stays open, never guessed.',
  fields: (t) => ({
    destination: t.string({
      required: true,
      description:
        'Country of destination: an ISO 3166-1 alpha-2 code ("CA", "cn") or a name ("Canada", "china", "Korea, South"), any case. An unknown one is refused with the closest names.',
    }),
    provisions: t.stringList({
      description:
        'Codes of the list entries or paragraphs that control the item (e.g. "6A003.b.4.b"). The most specific paragraph decides which control-table lines reach the item. When given, `item` facts are still used for the conditions of control-table lines (frame rate, array size).',
    }),
    item: t.field({
      type: ItemInput,
      description:
        "The item by its facts (see `itemFacts`); classified with `classifyItem`'s evaluator when no `provisions` are given.",
    }),
    regimes: t.field({
      type: [RegimeEnum],
      description: 'Regimes to answer for: US_EAR, EU, UK (WASSENAAR grants no licences). Default: all three.',
    }),
    activity: t.field({
      type: [ItemFactInput],
      description:
        'Facts about the export, e.g. { name: "shipment_value_usd", number: 1200 } or { name: "embedded_in_civil_product", boolean: false }. Names are listed by `licenceActivityFacts`.',
    }),
    asOf: t.field({
      type: 'Date',
      description:
        'Answer with the list texts in force on this date; today when omitted. The Country Chart is the one edition held.',
    }),
  }),
  validate: licenceRequirementInputSchema,
});

interface LicenceRequirementInputShape {
  destination: string;
  provisions?: string[] | null;
  item?: ItemInputShape | null;
  regimes?: Regime[] | null;
  activity?: ItemFactInputShape[] | null;
  asOf?: Date | null;
}

builder.queryFields((t) => ({
  licenceRequirement: t.field({
    type: LicenceRequirementResultRef,
    description:
      'Do I need a licence to ship this there? Per regime: LICENCE_REQUIRED, NO_LICENCE_REQUIRED, EXCEPTION_MAY_APPLY (with the licence exceptions or general authorisations and their open conditions) or INDETERMINATE (with the questions that would decide it). US: the entry\'s reasons for control and control-table columns against the Commerce Country Chart row of the destination, its footnotes, the embargo pointer rows (see Part 746, never "no X, no licence"), then the list-based licence exceptions; EU: Annex I listing against the Union general export authorisations covering the destination; UK: what the data allows. With the trace and citations. Decision support, not legal advice.',
    args: {
      input: t.arg({
        type: LicenceRequirementInput,
        required: true,
        description: 'The item, the destination, the regimes, the date and the facts of the export.',
      }),
    },
    resolve: (_root, args, { services }) => {
      // The validation plugin types the input by its zod schema, which leaves nested inputs
      // unknown; the GraphQL input type above is what actually arrives.
      const input = args.input as LicenceRequirementInputShape;
      return services.licenceRequirement({
        destination: input.destination,
        provisions: input.provisions ?? null,
        item: input.item ? factInputsOf(input.item) : null,
        regimes: input.regimes ?? null,
        activity: factInputsOf({ facts: input.activity ?? [] }),
        asOf: input.asOf ?? null,
      });
    },
  }),
  licenceActivityFacts: t.field({
    type: [LicenceActivityFactRef],
    description:
      'The facts about an export that `licenceRequirement` accepts in `activity` (besides the item facts of `itemFacts`), with the text that makes each matter.',
    resolve: (_root, _args, { services }) => services.licenceActivityFacts(),
  }),
}));
