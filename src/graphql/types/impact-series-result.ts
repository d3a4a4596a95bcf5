// The answer of impactSeries: one indicator over time, missing periods included.
import type { ImpactSeriesResult, SeriesPoint } from '../../analytics/impact-series.js';
import { builder } from '../builder.js';
import { ImpactChangeBasisEnum, ImpactIntervalEnum, MeasureUnavailableReasonEnum } from './impact-aggregate-enums.js';
import { ImpactSourceRef } from './impact-stats-result.js';

const ImpactSeriesPointRef = builder.objectRef<SeriesPoint>('ImpactSeriesPoint').implement({
  description: 'One period of a time series.',
  fields: (t) => ({
    periodStart: t.field({
      type: 'Date',
      description: 'First day of the period.',
      resolve: (point) => point.periodStart,
    }),
    periodEnd: t.field({
      type: 'Date',
      description: 'Last day of the period (inclusive).',
      resolve: (point) => point.periodEnd,
    }),
    periodLabel: t.exposeString('periodLabel', {
      description: 'The period as a label ("2023", "2023 Q2", "2023-04").',
    }),
    missing: t.exposeBoolean('missing', {
      description: 'True when no figure falls in this period: `value` is null, not zero.',
    }),
    value: t.exposeFloat('value', {
      nullable: true,
      description: 'The measure for this period; null when the period is missing or has no numeric figure.',
    }),
    decimal: t.exposeString('decimal', {
      nullable: true,
      description: 'The value exactly as the database computed it, as text.',
    }),
    unavailableReason: t.field({
      type: MeasureUnavailableReasonEnum,
      nullable: true,
      description: 'Why there is no value; null when there is one.',
      resolve: (point) => point.unavailableReason,
    }),
    rowCount: t.exposeInt('rowCount', { description: 'Figures in this period.' }),
    numericCount: t.exposeInt('numericCount', { description: 'Figures in this period with a number.' }),
    sources: t.field({
      type: [ImpactSourceRef],
      description: 'The distinct sources of the figures in this period.',
      resolve: (point) => point.sources,
    }),
  }),
});

export const ImpactSeriesRef = builder.objectRef<ImpactSeriesResult>('ImpactSeries').implement({
  description:
    'One indicator over time, every period from the first to the last present (or the filter bounds), gaps included as missing periods.',
  fields: (t) => ({
    indicator: t.exposeString('indicator', { description: 'The indicator.' }),
    interval: t.field({
      type: ImpactIntervalEnum,
      description: 'Length of each period.',
      resolve: (series) => series.interval,
    }),
    measure: t.field({
      type: ImpactChangeBasisEnum,
      description: 'What each point holds.',
      resolve: (series) => series.measure,
    }),
    includeSynthetic: t.exposeBoolean('includeSynthetic', {
      description: 'True when synthetic (benchmark) rows were included.',
    }),
    unit: t.exposeString('unit', {
      nullable: true,
      description: 'The unit of every value; null when there are no figures.',
    }),
    rowCount: t.exposeInt('rowCount', { description: 'Figures matching the indicator and filter.' }),
    rowsOutsideBuckets: t.exposeInt('rowsOutsideBuckets', {
      description: 'Figures whose period runs over more than one period of the series: in no point.',
    }),
    dataVersion: t.exposeString('dataVersion', { description: 'Version of the data the answer was computed from.' }),
    points: t.field({
      type: [ImpactSeriesPointRef],
      description: 'The periods, in time order.',
      resolve: (series) => series.points,
    }),
  }),
});
