// impactIndicators, impactJurisdictions and audiences: the values a filter can take, from the
// data itself, so no client has to guess a free-text indicator, code or audience tag.
import { listAudiences, listImpactIndicators, listImpactJurisdictions } from '../../services/dashboard-vocabulary.js';
import { builder } from '../builder.js';
import { MetricDimensionEnum } from '../types/impact-metric.js';
import {
  AudienceSummaryRef,
  ImpactIndicatorSummaryRef,
  ImpactJurisdictionSummaryRef,
} from '../types/dashboard-vocabulary-result.js';

builder.queryFields((t) => ({
  impactIndicators: t.field({
    type: [ImpactIndicatorSummaryRef],
    description:
      'The indicators of the reported figures, one per jurisdiction, indicator and unit, by jurisdiction then indicator, with how many figures each has and the periods they cover. Synthetic benchmark rows are left out.',
    args: {
      jurisdictions: t.arg.stringList({
        description: 'Only these jurisdictions, by code (case-insensitive); all when omitted.',
      }),
      dimensions: t.arg({ type: [MetricDimensionEnum], description: 'Only these dimensions; all when omitted.' }),
    },
    resolve: (_root, args, { services }) =>
      listImpactIndicators(services.db.prisma, {
        jurisdictions: args.jurisdictions ?? null,
        dimensions: args.dimensions ?? null,
      }),
  }),
  impactJurisdictions: t.field({
    type: [ImpactJurisdictionSummaryRef],
    description:
      'The jurisdictions that report figures, by code, with how many figures and indicators each has. Synthetic benchmark rows are left out.',
    resolve: (_root, _args, { services }) => listImpactJurisdictions(services.db.prisma),
  }),
  audiences: t.field({
    type: [AudienceSummaryRef],
    description: 'The audiences guidance documents are written for, most documents first.',
    resolve: (_root, _args, { services }) => listAudiences(services.db.prisma),
  }),
}));
