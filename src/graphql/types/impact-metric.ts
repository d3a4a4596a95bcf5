// ImpactMetric: one reported figure with its unit, period, sector, region and source.
import { MetricDimension, PeriodType } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';

export const MetricDimensionEnum = builder.enumType(MetricDimension, {
  name: 'MetricDimension',
  description: 'What aspect of export control a figure measures.',
  values: {
    TRADE_VALUE: { description: 'Value of exports or authorisations (money).' },
    LICENSING_VOLUME: { description: 'Number of licence applications, decisions or authorisations.' },
    DENIALS: { description: 'Refusals and denials of licences.' },
    PROCESSING_TIME: { description: 'How long licensing takes, or the share decided within a target time.' },
    MARKET: { description: 'Market size or structure of the sector concerned.' },
    LIST_SCOPE: { description: 'Size or coverage of a control list (entries, items).' },
    OTHER: { description: 'Any other measure; see `indicator`.' },
  },
});

export const PeriodTypeEnum = builder.enumType(PeriodType, {
  name: 'PeriodType',
  description: 'How the period of a figure is defined.',
  values: {
    CALENDAR_YEAR: { description: 'A calendar year (January to December).' },
    US_FISCAL_YEAR: { description: 'A US federal fiscal year (October to September; FY2008 ends 30 September 2008).' },
    CALENDAR_QUARTER: { description: 'A calendar quarter.' },
    DATE_RANGE: { description: 'An explicit range of dates (see `periodStart` and `periodEnd`).' },
    PARTIAL_FISCAL_YEAR: { description: 'Part of a fiscal year (e.g. the months reported so far).' },
  },
});

export const ImpactMetricRef = builder.prismaNode('ImpactMetric', {
  id: nodeIdOf('ImpactMetric'),
  select: { id: true },
  nullable: true,
  // Synthetic rows are not reported figures; they are not fetchable by id either.
  findUnique: (id) => ({ id, synthetic: false }),
  description:
    'One reported figure (e.g. "EU dual-use licence denials, 2021: 603"), with its unit, period, scope and the verbatim passage it comes from. Only figures a source reports; nothing is estimated.',
  fields: (t) => ({
    dimension: t.expose('dimension', { type: MetricDimensionEnum, description: 'What aspect the figure measures.' }),
    indicator: t.exposeString('indicator', {
      description: 'What exactly is counted or measured, as named in the knowledge base (e.g. "denials").',
    }),
    value: t.float({
      nullable: true,
      description:
        'The figure as a number, in `unit`; null when the source gives a non-numeric answer (see `valueText`).',
      select: { value: true },
      resolve: (metric) => metric.value?.toNumber() ?? null,
    }),
    valueText: t.exposeString('valueText', {
      nullable: true,
      description:
        'The figure as the source writes it when it is not a plain number (e.g. "more than 90%"); null when `value` says it all.',
    }),
    unit: t.exposeString('unit', {
      description: 'Unit of the figure (e.g. "EUR", "applications", "days", "percent").',
    }),
    period: t.exposeString('period', { description: 'The period as the source labels it (e.g. "FY2007", "2022 Q3").' }),
    periodType: t.expose('periodType', { type: PeriodTypeEnum, description: 'How the period is defined.' }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'First day of the period.' }),
    periodEnd: t.expose('periodEnd', { type: 'Date', description: 'Last day of the period (inclusive).' }),
    sector: t.exposeString('sector', {
      description: 'Which items or sector the figure covers (e.g. "all dual-use", "Category 6 sensors").',
    }),
    region: t.exposeString('region', {
      description: 'Which destinations or area the figure covers (e.g. "all destinations", "EU-27").',
    }),
    quote: t.exposeString('quote', { description: 'The passage of the source the figure comes from, verbatim.' }),
    notes: t.exposeString('notes', {
      nullable: true,
      description: 'Caveats (scope changes, definitions, rounding); null when there are none.',
    }),
    assessment: t.relation('assessment', {
      description: 'The assessment or statistical release that reports the figure.',
    }),
    jurisdiction: t.relation('jurisdiction', { description: 'The jurisdiction the figure is about.' }),
    provision: t.relation('provision', {
      nullable: true,
      description: 'The provision the figure concerns; null when it is not about one provision.',
    }),
    citation: t.relation('citation', { description: 'Source of the figure.' }),
  }),
});
