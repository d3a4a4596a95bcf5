// ImpactAssessment (a study or statistical release) with the `impactAssessments` listing.
import { ASSESSMENT_ORDER, impactAssessmentWhere } from '../../services/listings/impact-assessment-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { ControlProvisionRef } from './control-provision.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';

export const ImpactAssessmentRef = builder.prismaNode('ImpactAssessment', {
  id: nodeIdOf('ImpactAssessment'),
  select: { id: true },
  nullable: true,
  description:
    'A study, impact assessment or statistical release measuring the effects of export controls (licensing volumes, processing times, trade values, costs), with the figures it reports.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title of the assessment or release.' }),
    method: t.exposeString('method', {
      description: 'How the figures were obtained (e.g. "official licensing statistics", "survey").',
    }),
    publisher: t.exposeString('publisher', { description: 'Who published it.' }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'Publication date; null when unknown.',
    }),
    jurisdiction: t.relation('jurisdiction', { description: 'The jurisdiction it is about.' }),
    consultation: t.relation('consultation', {
      nullable: true,
      description: 'The consultation it drew on or accompanied; null when none.',
    }),
    provisions: t.field({
      type: [ControlProvisionRef],
      description: 'Provisions the assessment concerns, by regime and code; empty when it covers the whole list.',
      select: (_args, _context, nestedSelection) => ({
        provisions: {
          select: { provision: nestedSelection(true) },
          orderBy: [{ provision: { regime: 'asc' } }, { provision: { code: 'asc' } }, { provisionId: 'asc' }],
        },
      }),
      resolve: (assessment) => assessment.provisions.map((link) => link.provision),
    }),
    metrics: t.relatedConnection(
      'metrics',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Figures the assessment reports, by start of period.',
        query: { where: { synthetic: false }, orderBy: [{ periodStart: 'asc' }, { id: 'asc' }] },
      },
      {
        name: 'ImpactMetricConnection',
        description: 'A page of reported figures.',
        fields: (c) => ({
          totalCount: c.int({
            description: totalCountDescription('reported figures'),
            extensions: TOTAL_COUNT_EXTENSIONS,
            resolve: connectionTotalCount,
          }),
        }),
      },
      { name: 'ImpactMetricEdge', description: 'A figure in a page, with its cursor.' },
    ),
    citation: t.relation('citation', { description: 'Source of the assessment.' }),
  }),
});

export const ImpactAssessmentFilter = builder.inputType('ImpactAssessmentFilter', {
  description: 'Narrows an impact-assessment listing. All given conditions must hold.',
  fields: (t) => ({
    jurisdiction: t.string({
      description: 'Only assessments about this jurisdiction, by code (US, EU, UK; case-insensitive).',
    }),
    text: t.string({
      description: 'Only assessments whose title, method or publisher contains this text (case-insensitive substring).',
    }),
  }),
});

builder.queryField('impactAssessments', (t) =>
  t.prismaConnection(
    {
      type: 'ImpactAssessment',
      cursor: 'id',
      description: 'Impact assessments and statistical releases, newest first (undated ones last).',
      args: { filter: t.arg({ type: ImpactAssessmentFilter, description: 'Conditions the assessments must meet.' }) },
      resolve: (query, _root, args, { services }) =>
        services.db.prisma.impactAssessment.findMany({
          ...query,
          where: impactAssessmentWhere(args.filter),
          orderBy: ASSESSMENT_ORDER,
        }),
      totalCount: (_root, args, { services }) =>
        services.db.prisma.impactAssessment.count({ where: impactAssessmentWhere(args.filter) }),
    },
    {
      name: 'ImpactAssessmentConnection',
      description: 'A page of impact assessments.',
      fields: (c) => ({
        totalCount: c.int({
          description: totalCountDescription('assessments'),
          extensions: TOTAL_COUNT_EXTENSIONS,
          resolve: connectionTotalCount,
        }),
      }),
    },
    { name: 'ImpactAssessmentEdge', description: 'An assessment in a page, with its cursor.' },
  ),
);
