// `harmonisationReport`: a category and regimes to the report service.
import { builder } from '../builder.js';
import { RegimeEnum } from '../types/control-list.js';
import { HarmonisationReportRef } from '../types/harmonisation-report-result.js';

builder.queryField('harmonisationReport', (t) =>
  t.field({
    type: HarmonisationReportRef,
    description:
      'Which entries of a list category differ between which regimes, and how much: per entry and per pair of regimes, the paragraphs and notes that are the same, differ, or are in one list only. Only current texts of each regime’s main list are compared; a regime with no text of the category takes no part.',
    args: {
      category: t.arg.string({ required: true, description: 'The list category, one digit ("6").' }),
      regimes: t.arg({
        type: [RegimeEnum],
        description: 'The regimes to compare; Wassenaar, EU, UK and US when omitted.',
      }),
    },
    resolve: (_root, args, { services }) =>
      services.harmonisationReport({ category: args.category, regimes: args.regimes ?? null }),
  }),
);
