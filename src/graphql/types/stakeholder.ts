// Stakeholder: who made submissions to consultations, with their submissions.
import { StakeholderType } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';

export const StakeholderTypeEnum = builder.enumType(StakeholderType, {
  name: 'StakeholderType',
  description: 'What sort of organisation or person a stakeholder is.',
  values: {
    INDUSTRY: { description: 'A company.' },
    INDUSTRY_ASSOCIATION: { description: 'A trade or industry association.' },
    SME: { description: 'A small or medium-sized enterprise.' },
    ACADEMIA: { description: 'A university, research institute or academic.' },
    CIVIL_SOCIETY: { description: 'A non-governmental organisation or civil-society group.' },
    PRIVACY_ADVOCATE: { description: 'An organisation or person advocating for privacy and digital rights.' },
    GOVERNMENT: { description: 'A government body or official.' },
    INDIVIDUAL: { description: 'A private individual.' },
    UNKNOWN: { description: 'Not determined from the sources.' },
  },
});

export const StakeholderRef = builder.prismaNode('Stakeholder', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: 'An organisation or person that made submissions to consultations.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name as the public record gives it.' }),
    type: t.expose('type', {
      type: StakeholderTypeEnum,
      description: 'What sort of stakeholder this is; UNKNOWN when not determined.',
    }),
    typeLabel: t.exposeString('typeLabel', {
      nullable: true,
      description:
        "The label the source (or whoever collected the list) gave, verbatim; null when there was none. Labels added by collectors are not the agency's own.",
    }),
    submissions: t.relatedConnection(
      'submissions',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Submissions by this stakeholder, oldest first (undated ones last).',
        query: { orderBy: [{ receivedOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] },
      },
      {
        name: 'StakeholderSubmissionConnection',
        description: 'A page of submissions by one stakeholder.',
        fields: (c) => ({
          totalCount: c.int({
            description: totalCountDescription('submissions by the stakeholder'),
            extensions: TOTAL_COUNT_EXTENSIONS,
            resolve: connectionTotalCount,
          }),
        }),
      },
      { name: 'StakeholderSubmissionEdge', description: 'A submission in a page, with its cursor.' },
    ),
  }),
});
