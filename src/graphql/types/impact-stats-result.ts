// The answer of impactStats: buckets of figures with their measures, units, periods and sources.
import type { MetricDimensionName, PeriodTypeName } from '../../analytics/impact-request.js';
import type { ImpactBucket, ImpactSource, ImpactStatsResult, MeasureValue } from '../../analytics/impact-stats.js';
import { builder } from '../builder.js';
import { globalIdOrNull } from '../global-id.js';
import { ImpactGroupKeyEnum, ImpactMeasureEnum, MeasureUnavailableReasonEnum } from './impact-aggregate-enums.js';
import { MetricDimensionEnum, PeriodTypeEnum } from './impact-metric.js';

export const ImpactSourceRef = builder.objectRef<ImpactSource>('ImpactSource').implement({
  description: 'A source of the figures in a bucket (a distinct citation).',
  fields: (t) => ({
    url: t.exposeString('url', {
      nullable: true,
      description: 'Where the source is published; null when it has no URL.',
    }),
    title: t.exposeString('title', { nullable: true, description: 'Title of the source; null when not recorded.' }),
    publisher: t.exposeString('publisher', {
      nullable: true,
      description: 'Who published it; null when not recorded.',
    }),
  }),
});

const ImpactMeasureValueRef = builder.objectRef<MeasureValue>('ImpactMeasureValue').implement({
  description: 'One measure of one bucket.',
  fields: (t) => ({
    measure: t.field({ type: ImpactMeasureEnum, description: 'Which measure.', resolve: (value) => value.measure }),
    value: t.exposeFloat('value', {
      nullable: true,
      description:
        'The value as a floating-point number, in the unit of the bucket (percent for CHANGE_PERCENT, figures for COUNT); null when unavailable (see `unavailableReason`).',
    }),
    decimal: t.exposeString('decimal', {
      nullable: true,
      description:
        'The value exactly as the database computed it (decimal arithmetic), as text; null when unavailable.',
    }),
    unavailableReason: t.field({
      type: MeasureUnavailableReasonEnum,
      nullable: true,
      description: 'Why there is no value; null when there is one.',
      resolve: (value) => value.unavailableReason,
    }),
  }),
});

const ImpactStatsBucketRef = builder.objectRef<ImpactBucket>('ImpactStatsBucket').implement({
  description:
    'Figures sharing the values of the grouping keys, with their measures and sources. Fields of keys not grouped by are null.',
  fields: (t) => ({
    jurisdiction: t.exposeString('jurisdiction', {
      nullable: true,
      description: 'Jurisdiction code, when grouped by JURISDICTION.',
    }),
    dimension: t.field({
      type: MetricDimensionEnum,
      nullable: true,
      description: 'Dimension, when grouped by DIMENSION.',
      resolve: (bucket) => bucket.dimension as MetricDimensionName | null,
    }),
    indicator: t.exposeString('indicator', { nullable: true, description: 'Indicator, when grouped by INDICATOR.' }),
    sector: t.exposeString('sector', { nullable: true, description: 'Sector, when grouped by SECTOR.' }),
    region: t.exposeString('region', { nullable: true, description: 'Region, when grouped by REGION.' }),
    unit: t.exposeString('unit', {
      nullable: true,
      description:
        'The unit of every figure in the bucket; null only when they are in several units (then COUNT is the only measure given).',
    }),
    provisionId: t.id({
      nullable: true,
      description: 'Id of the provision, when grouped by PROVISION; null for figures about no one provision.',
      resolve: (bucket) => globalIdOrNull('ControlProvision', bucket.provisionId),
    }),
    provisionCode: t.exposeString('provisionCode', {
      nullable: true,
      description: 'Code of the provision, when grouped by PROVISION.',
    }),
    assessmentId: t.id({
      nullable: true,
      description: 'Id of the assessment, when grouped by ASSESSMENT.',
      resolve: (bucket) => globalIdOrNull('ImpactAssessment', bucket.assessmentId),
    }),
    assessmentTitle: t.exposeString('assessmentTitle', {
      nullable: true,
      description: 'Title of the assessment, when grouped by ASSESSMENT.',
    }),
    periodType: t.field({
      type: PeriodTypeEnum,
      nullable: true,
      description: 'Kind of period, when grouped by PERIOD_TYPE.',
      resolve: (bucket) => bucket.periodType as PeriodTypeName | null,
    }),
    periodStart: t.field({
      type: 'Date',
      nullable: true,
      description: 'First day of the year, quarter or month, when grouped by one.',
      resolve: (bucket) => bucket.periodStart,
    }),
    periodEnd: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day (inclusive) of the year, quarter or month, when grouped by one.',
      resolve: (bucket) => bucket.periodEnd,
    }),
    periodLabel: t.exposeString('periodLabel', {
      nullable: true,
      description: 'The period as a label ("2023", "2023 Q2", "2023-04"), when grouped by one.',
    }),
    rowCount: t.exposeInt('rowCount', { description: 'Figures in the bucket.' }),
    numericCount: t.exposeInt('numericCount', {
      description: 'Figures in the bucket with a number (the ones SUM, AVG, ... use).',
    }),
    textOnlyCount: t.exposeInt('textOnlyCount', {
      description: 'Figures in the bucket whose source gives words, not a number; never counted as zero.',
    }),
    values: t.field({
      type: [ImpactMeasureValueRef],
      description: 'The measures asked for, in the order asked.',
      resolve: (bucket) => bucket.values,
    }),
    sources: t.field({
      type: [ImpactSourceRef],
      description: 'The distinct sources of the figures in the bucket.',
      resolve: (bucket) => bucket.sources,
    }),
  }),
});

export const ImpactStatsRef = builder.objectRef<ImpactStatsResult>('ImpactStats').implement({
  description: 'Aggregated figures: buckets in the order of the grouping keys, then of time.',
  fields: (t) => ({
    groupBy: t.field({
      type: [ImpactGroupKeyEnum],
      description: 'The keys actually grouped by (UNIT added by mixedUnits: GROUP_BY_UNIT).',
      resolve: (stats) => stats.groupBy,
    }),
    measures: t.field({
      type: [ImpactMeasureEnum],
      description: 'The measures of each bucket, in order.',
      resolve: (stats) => stats.measures,
    }),
    includeSynthetic: t.exposeBoolean('includeSynthetic', {
      description: 'True when synthetic (benchmark) rows were included; they are not reported figures.',
    }),
    rowCount: t.exposeInt('rowCount', { description: 'Figures matching the filter.' }),
    rowsOutsideBuckets: t.exposeInt('rowsOutsideBuckets', {
      description:
        'Figures matching the filter whose period runs over more than one year, quarter or month of the grouping: they are in no bucket (never split or moved).',
    }),
    dataVersion: t.exposeString('dataVersion', {
      description:
        'Version of the data the answer was computed from; it changes with every write to the figures, their assessments or sources.',
    }),
    buckets: t.field({
      type: [ImpactStatsBucketRef],
      description: 'The buckets; empty when no figure matches.',
      resolve: (stats) => stats.buckets,
    }),
  }),
});
