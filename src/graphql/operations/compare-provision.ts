// `compareProvision`: arguments to the comparison service, its answer to the result types.
import { builder } from '../builder.js';
import { RegimeEnum } from '../types/control-list.js';
import { ProvisionComparisonRef } from '../types/provision-comparison-result.js';
import { citedRowPlan } from './cited-row-plan.js';

builder.queryFields((t) => ({
  compareProvision: t.field({
    type: ProvisionComparisonRef,
    description:
      'Compares a provision code across regimes (e.g. "6A003" in the Wassenaar, EU, UK and US lists): the texts of the code and every paragraph under it, paired by code (the UK by its Wassenaar codes), each SAME, DIFFERENT (with the words that differ) or in some lists only, and the same for their notes; the provisions with their recorded correlations; and for each encoded criterion whether the thresholds are the same, differ, or exist in one regime only. NOT_FOUND when the code is neither stored nor encoded in the regimes asked about.',
    args: {
      code: t.arg.string({ required: true, description: 'The code, e.g. "6A003" or "6A003.b.4".' }),
      regimes: t.arg({ type: [RegimeEnum], description: 'The regimes to compare; every regime when omitted.' }),
    },
    resolve: (_root, args, context, info) =>
      context.services.compareProvision(
        { code: args.code, regimes: args.regimes ?? null },
        citedRowPlan(
          context,
          info,
          [['provisions'], ['criteria', 'sides', 'provision']],
          [['criteria', 'sides', 'citation']],
        ),
      ),
  }),
}));
