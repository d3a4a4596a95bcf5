// The vocabulary and the answer of licensingStats: grouping keys, measures, the filter, and
// buckets of licensing decisions with their measures (each in its own unit) and sources.
import {
  LICENSING_GROUP_KEYS,
  LICENSING_MEASURES,
  type LicensingGroupKey,
  type LicensingMeasure,
} from '../../analytics/licensing-request.js';
import type {
  LicensingBucket,
  LicensingMeasureValue,
  LicensingSource,
  LicensingStatsResult,
} from '../../analytics/licensing-stats.js';
import { builder } from '../builder.js';

const GROUP_KEY_DESCRIPTIONS: Record<LicensingGroupKey, string> = {
  RATING:
    'One bucket per rating (control list entry) as the source normalised it ("6A003", "ML16"); ratings it did not normalise ("End Use", "IRN") as written.',
  CATEGORY: 'One bucket per dual-use list category ("6"); decisions on other ratings have none (null).',
  RATING_TYPE: 'One bucket per kind of rating: dual_use, military_list, uk_national_pl, other.',
  DESTINATION: 'One bucket per destination as the source writes it (with its ISO code where it maps to one).',
  OUTCOME: 'One bucket for the refused decisions, one for the others.',
  YEAR: 'One bucket per calendar year of the decision date.',
  QUARTER: 'One bucket per calendar quarter of the decision date.',
  MONTH: 'One bucket per calendar month of the decision date.',
};

export const LicensingGroupKeyEnum = builder.enumType('LicensingGroupKey', {
  description: 'What `licensingStats` groups decisions by. At most one of YEAR, QUARTER, MONTH.',
  values: Object.fromEntries(
    LICENSING_GROUP_KEYS.map((key) => [key, { description: GROUP_KEY_DESCRIPTIONS[key] }]),
  ) as Record<LicensingGroupKey, { description: string }>,
});

const MEASURE_DESCRIPTIONS: Record<LicensingMeasure, string> = {
  DECISIONS: 'Decisions (rows of the source: one rating of one licence) in the bucket. Unit: decisions.',
  ITEMS: 'Sum of the item counts the source gives per decision. Unit: items.',
  VALUE_GBP:
    'Sum of the values in pounds sterling of the decisions that have one. Refused decisions have no value in the source: they are counted in `decisionsWithoutValue`, never as 0. Unit: GBP.',
  REFUSED: 'Refused decisions in the bucket. Unit: decisions.',
  REFUSAL_RATE: 'Refused decisions divided by decisions (0 to 1, rounded to 10 decimal places). Unit: ratio.',
};

export const LicensingMeasureEnum = builder.enumType('LicensingMeasure', {
  description: 'A value `licensingStats` computes for each bucket; each in its own unit, never added to another.',
  values: Object.fromEntries(
    LICENSING_MEASURES.map((measure) => [measure, { description: MEASURE_DESCRIPTIONS[measure] }]),
  ) as Record<LicensingMeasure, { description: string }>,
});

const LicensingUnavailableReasonEnum = builder.enumType('LicensingUnavailableReason', {
  description: 'Why a measure has no value (unknown, not zero).',
  values: {
    NO_VALUES: { description: 'No decision in the bucket has the figure (e.g. VALUE_GBP of refused decisions).' },
  },
});

export const LicensingStatsFilter = builder.inputType('LicensingStatsFilter', {
  description: 'Which decisions to aggregate. Each list matches any of its values; all given conditions must hold.',
  fields: (t) => ({
    ratings: t.stringList({ description: 'Ratings, as written or as normalised ("6A003", "ML10", "End Use").' }),
    categories: t.stringList({ description: 'Dual-use list categories ("6").' }),
    ratingTypes: t.stringList({ description: 'Kinds of rating: dual_use, military_list, uk_national_pl, other.' }),
    destinations: t.stringList({ description: 'Destinations exactly as the source writes them ("China").' }),
    destinationIsos: t.stringList({ description: 'ISO 3166-1 alpha-2 codes of the destinations (case-insensitive).' }),
    refused: t.boolean({ description: 'Only refused decisions (true) or only the others (false).' }),
    periodFrom: t.field({ type: 'Date', description: 'Only decisions on or after this day.' }),
    periodTo: t.field({ type: 'Date', description: 'Only decisions on or before this day.' }),
  }),
});

const LicensingSourceRef = builder.objectRef<LicensingSource>('LicensingSource').implement({
  description: 'A source of the decisions in a bucket (a distinct citation).',
  fields: (t) => ({
    url: t.exposeString('url', { nullable: true, description: 'Where the source is published.' }),
    title: t.exposeString('title', { nullable: true, description: 'Title of the source.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Who compiled or published it.' }),
    licence: t.exposeString('licence', { nullable: true, description: 'Terms of reuse, as recorded.' }),
  }),
});

const LicensingMeasureValueRef = builder.objectRef<LicensingMeasureValue>('LicensingMeasureValue').implement({
  description: 'One measure of one bucket, with its unit.',
  fields: (t) => ({
    measure: t.field({ type: LicensingMeasureEnum, description: 'Which measure.', resolve: (value) => value.measure }),
    unit: t.exposeString('unit', { description: 'Unit of the value: decisions, items, GBP or ratio.' }),
    value: t.exposeFloat('value', {
      nullable: true,
      description: 'The value as a floating-point number; null when unavailable (see `unavailableReason`).',
    }),
    decimal: t.exposeString('decimal', {
      nullable: true,
      description: 'The value exactly as the database computed it (decimal arithmetic), as text.',
    }),
    decisionsWithoutValue: t.exposeInt('decisionsWithoutValue', {
      description:
        'Decisions of the bucket the measure leaves out because the source gives them no figure (refused decisions for VALUE_GBP); 0 for counts.',
    }),
    unavailableReason: t.field({
      type: LicensingUnavailableReasonEnum,
      nullable: true,
      description: 'Why there is no value; null when there is one.',
      resolve: (value) => value.unavailableReason,
    }),
  }),
});

const LicensingStatsBucketRef = builder.objectRef<LicensingBucket>('LicensingStatsBucket').implement({
  description: 'Decisions sharing the values of the grouping keys. Fields of keys not grouped by are null.',
  fields: (t) => ({
    rating: t.exposeString('rating', { nullable: true, description: 'Rating, when grouped by RATING.' }),
    category: t.exposeString('category', {
      nullable: true,
      description: 'Dual-use category, when grouped by CATEGORY (null: a rating outside the dual-use list).',
    }),
    ratingType: t.exposeString('ratingType', { nullable: true, description: 'Kind of rating, when grouped by it.' }),
    destination: t.exposeString('destination', {
      nullable: true,
      description: 'Destination as written, when grouped by DESTINATION.',
    }),
    destinationIso: t.exposeString('destinationIso', {
      nullable: true,
      description: 'ISO code of the destination, when grouped by DESTINATION and the name maps to one.',
    }),
    refused: t.exposeBoolean('refused', {
      nullable: true,
      description: 'Whether the decisions were refusals, when grouped by OUTCOME.',
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
      description: 'The period as a label ("2013", "2013 Q2", "2013-04").',
    }),
    decisions: t.exposeInt('decisions', { description: 'Decisions in the bucket.' }),
    values: t.field({
      type: [LicensingMeasureValueRef],
      description: 'The measures asked for, in the order asked.',
      resolve: (bucket) => bucket.values,
    }),
    sources: t.field({
      type: [LicensingSourceRef],
      description: 'The distinct sources of the decisions in the bucket.',
      resolve: (bucket) => bucket.sources,
    }),
  }),
});

export const LicensingStatsRef = builder.objectRef<LicensingStatsResult>('LicensingStats').implement({
  description: 'Aggregated licensing decisions: buckets in the order of the grouping keys, then of time.',
  fields: (t) => ({
    groupBy: t.field({
      type: [LicensingGroupKeyEnum],
      description: 'The keys grouped by, in canonical order.',
      resolve: (stats) => stats.groupBy,
    }),
    measures: t.field({
      type: [LicensingMeasureEnum],
      description: 'The measures of each bucket, in order.',
      resolve: (stats) => stats.measures,
    }),
    decisions: t.exposeInt('decisions', { description: 'Decisions matching the filter.' }),
    decisionsWithoutValue: t.exposeInt('decisionsWithoutValue', {
      description: 'Decisions matching the filter with no value in the source (refused decisions).',
    }),
    dataVersion: t.exposeString('dataVersion', {
      description: 'Version of the data the answer was computed from; it changes with every write to the decisions.',
    }),
    caveats: t.exposeStringList('caveats', { description: 'What the source leaves out or warns about.' }),
    sources: t.field({
      type: [LicensingSourceRef],
      description: 'The distinct sources of all buckets.',
      resolve: (stats) => stats.sources,
    }),
    buckets: t.field({
      type: [LicensingStatsBucketRef],
      description: 'The buckets; empty when no decision matches.',
      resolve: (stats) => stats.buckets,
    }),
  }),
});
