// impactStats and impactSeries: the filter decoded at the edge (global ids to database ids; the
// Date scalar already gave days), then the dashboard analytics, computed in the database.
import type { ImpactFilterInput } from '../../analytics/impact-request.js';
import { builder } from '../builder.js';
import { databaseIdsOf } from '../global-id.js';
import {
  ImpactChangeBasisEnum,
  ImpactGroupKeyEnum,
  ImpactIntervalEnum,
  ImpactMeasureEnum,
  ImpactStatsFilter,
  MixedUnitPolicyEnum,
} from '../types/impact-aggregate-enums.js';
import { ImpactSeriesRef } from '../types/impact-series-result.js';
import { ImpactStatsRef } from '../types/impact-stats-result.js';

type ImpactStatsFilterArgument = typeof ImpactStatsFilter.$inferInput;

function impactFilterOf(filter: ImpactStatsFilterArgument | null | undefined): ImpactFilterInput | null {
  if (!filter) return null;
  return {
    ...filter,
    provisionIds: databaseIdsOf(filter.provisionIds, 'ControlProvision', 'filter.provisionIds'),
    assessmentIds: databaseIdsOf(filter.assessmentIds, 'ImpactAssessment', 'filter.assessmentIds'),
  };
}

builder.queryField('impactStats', (t) =>
  t.field({
    type: ImpactStatsRef,
    description:
      'Aggregates reported figures in the database: filter, group (by jurisdiction, dimension, indicator, ..., year / quarter / month) and measure (count, sum, avg, min, max, median, p90, first, last, change). Figures in different units are never combined: such a request is refused unless grouped by unit. Synthetic benchmark rows are excluded unless includeSynthetic is true.',
    args: {
      filter: t.arg({ type: ImpactStatsFilter, description: 'Which figures to aggregate.' }),
      groupBy: t.arg({
        type: [ImpactGroupKeyEnum],
        description: 'Keys to group by; none gives one bucket for all figures.',
      }),
      measures: t.arg({
        type: [ImpactMeasureEnum],
        required: true,
        description: 'Measures to compute for each bucket, in the order wanted.',
      }),
      includeSynthetic: t.arg.boolean({
        defaultValue: false,
        description: 'Include synthetic (benchmark) rows. They are not reported figures.',
      }),
      mixedUnits: t.arg({
        type: MixedUnitPolicyEnum,
        defaultValue: 'REFUSE',
        description: 'What to do when a bucket would combine units.',
      }),
      changeBasis: t.arg({
        type: ImpactChangeBasisEnum,
        defaultValue: 'SUM',
        description: 'The value CHANGE and CHANGE_PERCENT compare between periods.',
      }),
    },
    resolve: (_root, args, { services }) =>
      services.analytics.impactStats({
        filter: impactFilterOf(args.filter),
        groupBy: args.groupBy ?? [],
        measures: args.measures,
        includeSynthetic: args.includeSynthetic ?? false,
        mixedUnits: args.mixedUnits ?? 'REFUSE',
        changeBasis: args.changeBasis ?? 'SUM',
      }),
  }),
);

builder.queryField('impactSeries', (t) =>
  t.field({
    type: ImpactSeriesRef,
    description:
      'One indicator as a time series, computed in the database; a period without figures is a missing point (value null), never zero.',
    args: {
      indicator: t.arg.string({
        required: true,
        description: 'The indicator, exactly as stored (see `ImpactMetric.indicator`).',
      }),
      filter: t.arg({
        type: ImpactStatsFilter,
        description: 'Further conditions on the figures; periodFrom / periodTo also bound the series.',
      }),
      interval: t.arg({ type: ImpactIntervalEnum, required: true, description: 'Length of each period.' }),
      measure: t.arg({ type: ImpactChangeBasisEnum, defaultValue: 'SUM', description: 'What each point holds.' }),
      includeSynthetic: t.arg.boolean({
        defaultValue: false,
        description: 'Include synthetic (benchmark) rows. They are not reported figures.',
      }),
    },
    resolve: (_root, args, { services }) =>
      services.analytics.impactSeries({
        indicator: args.indicator,
        filter: impactFilterOf(args.filter),
        interval: args.interval,
        measure: args.measure ?? 'SUM',
        includeSynthetic: args.includeSynthetic ?? false,
      }),
  }),
);
