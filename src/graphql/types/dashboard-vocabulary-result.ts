// The answers of impactIndicators, impactJurisdictions and audiences: the values a dashboard's
// filters can take, each with how much data stands behind it.
import type {
  AudienceSummary,
  ImpactIndicatorSummary,
  ImpactJurisdictionSummary,
} from '../../services/dashboard-vocabulary.js';
import { builder } from '../builder.js';
import { MetricDimensionEnum, PeriodTypeEnum } from './impact-metric.js';

export const ImpactIndicatorSummaryRef = builder.objectRef<ImpactIndicatorSummary>('ImpactIndicatorSummary').implement({
  description:
    'One indicator of the reported figures in one jurisdiction and unit: the value to pass to `impactSeries(indicator:)` or `ImpactStatsFilter.indicators`, with how many figures it has and over which periods.',
  fields: (t) => ({
    indicator: t.exposeString('indicator', { description: 'The indicator exactly as stored (e.g. "SIELs refused").' }),
    jurisdiction: t.exposeString('jurisdiction', { description: 'Code of the jurisdiction reporting it (e.g. "UK").' }),
    unit: t.exposeString('unit', { description: 'The unit of its figures (e.g. "count", "EUR billion").' }),
    dimensions: t.field({
      type: [MetricDimensionEnum],
      description: 'What its figures measure (usually one).',
      resolve: (summary) => summary.dimensions,
    }),
    periodTypes: t.field({
      type: [PeriodTypeEnum],
      description: 'The kinds of period its figures cover (calendar quarter, US fiscal year, ...).',
      resolve: (summary) => summary.periodTypes,
    }),
    metricCount: t.exposeInt('metricCount', { description: 'Reported figures (numeric or not).' }),
    numericCount: t.exposeInt('numericCount', {
      description: 'Figures with a number; the others give words only and are never counted as zero.',
    }),
    firstPeriodStart: t.field({
      type: 'Date',
      description: 'First day of the earliest period reported.',
      resolve: (summary) => summary.firstPeriodStart,
    }),
    lastPeriodEnd: t.field({
      type: 'Date',
      description: 'Last day of the latest period reported.',
      resolve: (summary) => summary.lastPeriodEnd,
    }),
  }),
});

export const ImpactJurisdictionSummaryRef = builder
  .objectRef<ImpactJurisdictionSummary>('ImpactJurisdictionSummary')
  .implement({
    description: 'A jurisdiction that reports figures: the code to pass to `ImpactStatsFilter.jurisdictions`.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Short code used in filters (US, EU, UK, ...).' }),
      name: t.exposeString('name', { description: 'Its name.' }),
      metricCount: t.exposeInt('metricCount', { description: 'Reported figures.' }),
      indicatorCount: t.exposeInt('indicatorCount', { description: 'Distinct indicators among them.' }),
      firstPeriodStart: t.field({
        type: 'Date',
        description: 'First day of the earliest period reported.',
        resolve: (summary) => summary.firstPeriodStart,
      }),
      lastPeriodEnd: t.field({
        type: 'Date',
        description: 'Last day of the latest period reported.',
        resolve: (summary) => summary.lastPeriodEnd,
      }),
    }),
  });

export const AudienceSummaryRef = builder.objectRef<AudienceSummary>('AudienceSummary').implement({
  description: 'An audience guidance is written for: the value to pass to `GuidanceFilter.audience`.',
  fields: (t) => ({
    audience: t.exposeString('audience', { description: 'The audience tag exactly as stored (e.g. "universities").' }),
    guidanceCount: t.exposeInt('guidanceCount', { description: 'Guidance documents tagged with it.' }),
  }),
});
