// licensingStats: the UK licensing decisions aggregated in the database through the dashboard
// analytics (the Date scalar already gave days; there are no global ids to decode).
import { builder } from '../builder.js';
import {
  LicensingGroupKeyEnum,
  LicensingMeasureEnum,
  LicensingStatsFilter,
  LicensingStatsRef,
} from '../types/licensing-stats-result.js';

builder.queryField('licensingStats', (t) =>
  t.field({
    type: LicensingStatsRef,
    description:
      'Aggregates licensing decisions (UK 2008-01 to 2015-03, as the Campaign Against Arms Trade compiled them) in the database: filter, group (by rating, category, rating type, destination, outcome, year / quarter / month) and measure (decisions, items, value in GBP, refusals, refusal rate). Each measure carries its unit; refused decisions have no value and are counted apart, never as 0.',
    args: {
      filter: t.arg({ type: LicensingStatsFilter, description: 'Which decisions to aggregate.' }),
      groupBy: t.arg({
        type: [LicensingGroupKeyEnum],
        description: 'Keys to group by; none gives one bucket for all decisions.',
      }),
      measures: t.arg({
        type: [LicensingMeasureEnum],
        required: true,
        description: 'Measures to compute for each bucket, in the order wanted.',
      }),
    },
    resolve: (_root, args, { services }) =>
      services.analytics.licensingStats({
        filter: args.filter ?? null,
        groupBy: args.groupBy ?? [],
        measures: args.measures,
      }),
  }),
);
