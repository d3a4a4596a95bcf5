// impactStats and impactSeries: dashboard aggregates over the reported figures, computed in
// the database (src/analytics), with units, periods and sources on every bucket.
import { globalAssessmentId, globalProvisionId, impactSeries, impactStats } from '../../analytics/analytics-service.js';
import {
  CHANGE_BASES,
  GROUP_KEYS,
  MEASURES,
  TIME_INTERVALS,
  type MetricDimensionName,
  type PeriodTypeName,
} from '../../analytics/impact-request.js';
import type { ImpactSeriesResult, SeriesPoint } from '../../analytics/impact-series.js';
import type { ImpactBucket, ImpactSource, ImpactStatsResult, MeasureValue } from '../../analytics/impact-stats.js';
import { getPrisma } from '../../db/prisma.js';
import { builder } from '../builder.js';
import { MetricDimensionEnum, PeriodTypeEnum } from './impact-metric.js';

const GROUP_KEY_DESCRIPTIONS: Record<(typeof GROUP_KEYS)[number], string> = {
  JURISDICTION: 'One bucket per jurisdiction (code: US, EU, UK).',
  DIMENSION: 'One bucket per dimension (DENIALS, LICENSING_VOLUME, ...).',
  INDICATOR: 'One bucket per indicator (what exactly is counted, e.g. "SIELs refused").',
  SECTOR: 'One bucket per sector / scope the figures cover.',
  REGION: 'One bucket per region (destinations or area) the figures cover.',
  UNIT: 'One bucket per unit; needed to sum or average figures given in different units.',
  PROVISION: 'One bucket per provision the figures concern (no provision is a bucket of its own).',
  ASSESSMENT: 'One bucket per assessment or statistical release reporting the figures.',
  PERIOD_TYPE: 'One bucket per kind of period (calendar year, US fiscal year, quarter, ...).',
  YEAR: 'One bucket per calendar year. A figure whose period runs over two years (a US fiscal year) is in no bucket: see `rowsOutsideBuckets`.',
  QUARTER:
    'One bucket per calendar quarter. A figure whose period runs over two quarters (a year) is in no bucket: see `rowsOutsideBuckets`.',
  MONTH:
    'One bucket per calendar month. A figure whose period runs over two months is in no bucket: see `rowsOutsideBuckets`.',
};

export const ImpactGroupKeyEnum = builder.enumType('ImpactGroupKey', {
  description: 'What `impactStats` groups figures by. At most one of YEAR, QUARTER, MONTH.',
  values: Object.fromEntries(GROUP_KEYS.map((key) => [key, { description: GROUP_KEY_DESCRIPTIONS[key] }])) as Record<
    (typeof GROUP_KEYS)[number],
    { description: string }
  >,
});

const MEASURE_DESCRIPTIONS: Record<(typeof MEASURES)[number], string> = {
  COUNT: 'Number of figures in the bucket (numeric or not). The only measure allowed over several units.',
  SUM: 'Sum of the numeric figures; null when the bucket has none. Figures with no number are never counted as zero.',
  AVG: 'Mean of the numeric figures.',
  MIN: 'Smallest numeric figure.',
  MAX: 'Largest numeric figure.',
  MEDIAN: 'Median of the numeric figures (percentile_cont 0.5, interpolated).',
  P90: '90th percentile of the numeric figures (percentile_cont 0.9, interpolated).',
  FIRST: 'The numeric figure whose period starts first in the bucket (ties: shorter period, then record id).',
  LAST: 'The numeric figure whose period ends last in the bucket (ties: later start, then record id).',
  CHANGE:
    'Change of `changeBasis` since the immediately preceding period (needs YEAR, QUARTER or MONTH in groupBy); null with a reason when that period has no bucket or no value.',
  CHANGE_PERCENT:
    'CHANGE as a percentage of the preceding value (rounded to 10 decimal places); null with a reason when that period is missing or its value is zero.',
};

export const ImpactMeasureEnum = builder.enumType('ImpactMeasure', {
  description: 'A value `impactStats` computes for each bucket.',
  values: Object.fromEntries(
    MEASURES.map((measure) => [measure, { description: MEASURE_DESCRIPTIONS[measure] }]),
  ) as Record<(typeof MEASURES)[number], { description: string }>,
});

export const ImpactChangeBasisEnum = builder.enumType('ImpactChangeBasis', {
  description: 'The per-bucket value a change is computed on, or the value an `impactSeries` point carries.',
  values: Object.fromEntries(
    CHANGE_BASES.map((measure) => [measure, { description: MEASURE_DESCRIPTIONS[measure] }]),
  ) as Record<(typeof CHANGE_BASES)[number], { description: string }>,
});

export const MixedUnitPolicyEnum = builder.enumType('MixedUnitPolicy', {
  description: 'What to do when a bucket would combine figures in different units.',
  values: {
    REFUSE: { description: 'Answer with a BAD_USER_INPUT error listing the units (default).' },
    GROUP_BY_UNIT: { description: 'Add UNIT to groupBy, so every bucket holds one unit.' },
  },
});

export const ImpactIntervalEnum = builder.enumType('ImpactInterval', {
  description: 'Length of the periods of a time series.',
  values: Object.fromEntries(
    TIME_INTERVALS.map((interval) => [interval, { description: `Calendar ${interval.toLowerCase()}s.` }]),
  ) as Record<(typeof TIME_INTERVALS)[number], { description: string }>,
});

export const MeasureUnavailableReasonEnum = builder.enumType('MeasureUnavailableReason', {
  description: 'Why a measure has no value (the value is unknown, not zero).',
  values: {
    NO_NUMERIC_VALUES: {
      description: 'The figures in the bucket have no number (the source gives words, see `valueText` of the figures).',
    },
    NO_PREVIOUS_PERIOD: {
      description: 'No figures in the immediately preceding period (or it is outside the filter).',
    },
    NO_PREVIOUS_VALUE: { description: 'The preceding period has figures but none with a number.' },
    PREVIOUS_VALUE_ZERO: { description: 'The preceding value is zero, so a percentage change is undefined.' },
    MISSING_PERIOD: { description: 'No figure falls in this period.' },
  },
});

export const ImpactStatsFilter = builder.inputType('ImpactStatsFilter', {
  description: 'Which figures to aggregate. Each list matches any of its values; all given conditions must hold.',
  fields: (t) => ({
    jurisdictions: t.stringList({ description: 'Jurisdiction codes (US, EU, UK; case-insensitive).' }),
    dimensions: t.field({ type: [MetricDimensionEnum], description: 'Dimensions of the figures.' }),
    indicators: t.stringList({ description: 'Indicators, exactly as stored (see `ImpactMetric.indicator`).' }),
    sectors: t.stringList({ description: 'Sectors / scopes, exactly as stored (see `ImpactMetric.sector`).' }),
    regions: t.stringList({ description: 'Regions, exactly as stored (see `ImpactMetric.region`).' }),
    units: t.stringList({ description: 'Units, exactly as stored (e.g. "count", "percent", "EUR billion").' }),
    periodTypes: t.field({
      type: [PeriodTypeEnum],
      description:
        'Kinds of period (e.g. only CALENDAR_QUARTER, so quarters and whole years are not added up together).',
    }),
    provisionCodes: t.stringList({ description: 'Codes of the provisions the figures concern (e.g. "6A003").' }),
    provisionIds: t.idList({ description: 'Ids of the provisions the figures concern.' }),
    assessmentIds: t.idList({ description: 'Ids of the assessments reporting the figures.' }),
    periodFrom: t.field({ type: 'Date', description: 'Only figures whose period starts on or after this day.' }),
    periodTo: t.field({ type: 'Date', description: 'Only figures whose period ends on or before this day.' }),
  }),
});

interface FilterArgument {
  jurisdictions?: string[] | null;
  dimensions?: MetricDimensionName[] | null;
  indicators?: string[] | null;
  sectors?: string[] | null;
  regions?: string[] | null;
  units?: string[] | null;
  periodTypes?: PeriodTypeName[] | null;
  provisionCodes?: string[] | null;
  provisionIds?: Array<string | number> | null;
  assessmentIds?: Array<string | number> | null;
  periodFrom?: Date | null;
  periodTo?: Date | null;
}

const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);

function clientFilter(filter: FilterArgument | null | undefined) {
  if (!filter) return null;
  return {
    ...filter,
    provisionIds: filter.provisionIds?.map(String) ?? null,
    assessmentIds: filter.assessmentIds?.map(String) ?? null,
    periodFrom: day(filter.periodFrom),
    periodTo: day(filter.periodTo),
  };
}

const ImpactSourceRef = builder.objectRef<ImpactSource>('ImpactSource').implement({
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
      resolve: (bucket) => globalProvisionId(bucket.provisionId),
    }),
    provisionCode: t.exposeString('provisionCode', {
      nullable: true,
      description: 'Code of the provision, when grouped by PROVISION.',
    }),
    assessmentId: t.id({
      nullable: true,
      description: 'Id of the assessment, when grouped by ASSESSMENT.',
      resolve: (bucket) => globalAssessmentId(bucket.assessmentId),
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

const ImpactStatsRef = builder.objectRef<ImpactStatsResult>('ImpactStats').implement({
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

const ImpactSeriesRef = builder.objectRef<ImpactSeriesResult>('ImpactSeries').implement({
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
    resolve: (_root, args) =>
      impactStats(getPrisma(), {
        filter: clientFilter(args.filter),
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
    resolve: (_root, args) =>
      impactSeries(getPrisma(), {
        indicator: args.indicator,
        filter: clientFilter(args.filter),
        interval: args.interval,
        measure: args.measure ?? 'SUM',
        includeSynthetic: args.includeSynthetic ?? false,
      }),
  }),
);
