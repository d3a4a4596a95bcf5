// The vocabulary of the dashboard aggregates (impactStats, impactSeries): grouping keys,
// measures, intervals, the mixed-unit policy, why a value is missing, and the filter.
import { CHANGE_BASES, GROUP_KEYS, MEASURES, TIME_INTERVALS } from '../../analytics/impact-request.js';
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
