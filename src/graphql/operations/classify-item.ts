// `classifyItem`: arguments to the classification service, its answer to the result types.
import { RegimeEnum } from '../types/control-list.js';
import { ItemClassificationRef } from '../types/item-classification-result.js';
import { declaredInputsOf, factInputsOf, ItemInput } from '../types/item-input.js';
import { builder } from '../builder.js';
import { citedRowPlan } from './cited-row-plan.js';

builder.queryFields((t) => ({
  classifyItem: t.field({
    type: ItemClassificationRef,
    description:
      'Classifies an item described by its facts against the encoded control-list entries: per item paragraph MET / NOT_MET / UNKNOWN with a trace per criterion (verbatim text and citation), the decontrol notes that fired, the facts that would decide an UNKNOWN, and the control-table lines that apply. Facts not given are unknown, never guessed. Unknown fact names or units are a BAD_USER_INPUT error listing the valid choices (see `itemFacts`).',
    args: {
      item: t.arg({
        type: ItemInput,
        required: true,
        description:
          'The item: its facts (names, units and choices as `itemFacts` lists them) and any classification already known (`declared`).',
      }),
      regimes: t.arg({
        type: [RegimeEnum],
        description:
          'The regimes to classify under; all encoded regimes when omitted. A regime with nothing encoded is reported as NOT_ENCODED.',
      }),
      asOf: t.arg({
        type: 'Date',
        description:
          'Classify against the texts in force on this date; the current texts when omitted. Encoded texts not known to be in force on that date are not evaluated (TEXT_NOT_IN_FORCE).',
      }),
    },
    resolve: (_root, args, context, info) =>
      context.services.classifyItem(
        {
          facts: factInputsOf(args.item),
          declared: declaredInputsOf(args.item),
          regimes: args.regimes ?? null,
          asOf: args.asOf ?? null,
        },
        citedRowPlan(
          context,
          info,
          [
            ['paragraphs', 'provision'],
            ['entries', 'provision'],
          ],
          [['paragraphs', 'citation']],
        ),
      ),
  }),
}));
