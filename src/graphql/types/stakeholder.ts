// Stakeholder: who made submissions to consultations, with their submissions.
import { StakeholderLabelOrigin, StakeholderType } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';

export const StakeholderTypeEnum = builder.enumType(StakeholderType, {
  name: 'StakeholderType',
  description:
    'What sort of organisation or person a stakeholder is, from the label the record gives (see Stakeholder.typeLabel and typeLabelOrigin); UNKNOWN when the label is missing or does not decide.',
  values: {
    UNIVERSITY: { description: 'A university or college.' },
    ACADEMIC_ASSOCIATION: { description: 'An association or council of universities or academics.' },
    RESEARCH_ORGANISATION: {
      description: 'A research organisation that is not a university (e.g. a non-profit research institute).',
    },
    COMPANY: { description: 'A company whose size the record does not state.' },
    SME: { description: 'A small or medium-sized enterprise, as the record labels it.' },
    LARGE_COMPANY: { description: 'A large company, as the record labels it.' },
    INDUSTRY_ASSOCIATION: { description: 'A trade or industry association.' },
    CIVIL_SOCIETY: { description: 'A non-governmental organisation or civil-society group.' },
    GOVERNMENT: { description: 'A government body or agency.' },
    INDIVIDUAL: { description: 'A private individual.' },
    UNKNOWN: { description: 'Not determined: the record gives no label, or one that does not decide.' },
  },
});

export const StakeholderLabelOriginEnum = builder.enumType(StakeholderLabelOrigin, {
  name: 'StakeholderLabelOrigin',
  description: "Who gave a stakeholder's type label.",
  values: {
    COLLECTOR: {
      description:
        "Added by whoever collected the list while collecting it, not by the agency that ran the consultation (e.g. the types on BIS's 2008 deemed-export record of comments).",
    },
    NOT_STATED: { description: 'The data does not say who gave the label.' },
  },
});

export const StakeholderRef = builder.prismaNode('Stakeholder', {
  id: nodeIdOf('Stakeholder'),
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
        "The label the source (or whoever collected the list) gave, verbatim; null when there was none. Labels added by collectors are not the agency's own (see typeLabelOrigin).",
    }),
    typeLabelOrigin: t.expose('typeLabelOrigin', {
      type: StakeholderLabelOriginEnum,
      nullable: true,
      description: 'Who gave typeLabel; null when there is no label.',
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
