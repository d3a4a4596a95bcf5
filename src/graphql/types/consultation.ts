// StakeholderConsultation and its outcomes, with the `consultations` listing.
import { ConsultationStatus } from '../../generated/prisma/client.js';
import { CONSULTATION_ORDER, consultationWhere } from '../../services/listings/consultation-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { ControlProvisionRef } from './control-provision.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';
import { StakeholderRef } from './stakeholder.js';

export const ConsultationStatusEnum = builder.enumType(ConsultationStatus, {
  name: 'ConsultationStatus',
  description: 'Where a consultation stands.',
  values: {
    PLANNED: { description: 'Announced but not yet open for comments.' },
    OPEN: { description: 'Open for comments.' },
    CLOSED: { description: 'No longer accepting comments; no outcome recorded yet.' },
    CONCLUDED: { description: 'Closed, with an outcome (a rule, a report or a decision not to act).' },
    UNKNOWN: { description: 'The sources do not establish the status.' },
  },
});

export const ConsultationOutcomeRef = builder.prismaObject('ConsultationOutcome', {
  select: { id: true },
  description: 'Something that followed from a consultation (a rule, a report, a decision), in date order.',
  fields: (t) => ({
    date: t.expose('date', {
      type: 'Date',
      nullable: true,
      description: 'When it happened; null when the source gives no date.',
    }),
    description: t.exposeString('description', { description: 'What happened.' }),
    quote: t.exposeString('quote', {
      nullable: true,
      description: 'The words of the source, verbatim; null when only summarised.',
    }),
    citation: t.relation('citation', {
      nullable: true,
      description: "Source of this outcome; null when it is the consultation's own citation.",
    }),
  }),
});

export const StakeholderConsultationRef = builder.prismaNode('StakeholderConsultation', {
  id: nodeIdOf('StakeholderConsultation'),
  select: { id: true },
  nullable: true,
  description:
    'A public consultation on export-control rules (e.g. the BIS emerging-technology ANPRM, the EU Green Paper 2011): its dates, scope, the submissions received and what came of it.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title of the consultation or notice.' }),
    body: t.exposeString('body', {
      description: 'The body that ran the consultation (e.g. "Bureau of Industry and Security").',
    }),
    instrument: t.exposeString('instrument', {
      nullable: true,
      description:
        'The instrument used (e.g. "Advance notice of proposed rulemaking", "Green Paper"); null when not recorded.',
    }),
    reference: t.exposeString('reference', {
      nullable: true,
      description: 'Docket number or official reference (e.g. "BIS-2018-0024"); null when there is none.',
    }),
    status: t.expose('status', { type: ConsultationStatusEnum, description: 'Where the consultation stands.' }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'Date the consultation was published; null when unknown.',
    }),
    openedOn: t.expose('openedOn', {
      type: 'Date',
      nullable: true,
      description: 'Date comments opened; null when unknown.',
    }),
    deadline: t.expose('deadline', {
      type: 'Date',
      nullable: true,
      description: 'Original comment deadline; null when unknown or none was set.',
    }),
    extendedDeadline: t.expose('extendedDeadline', {
      type: 'Date',
      nullable: true,
      description:
        'Extended comment deadline; null when the deadline was not extended (or an extension is not recorded).',
    }),
    closedOn: t.expose('closedOn', {
      type: 'Date',
      nullable: true,
      description: 'Date comments closed; null when unknown or still open.',
    }),
    scopeQuote: t.exposeString('scopeQuote', {
      nullable: true,
      description: 'What the consultation asked about, in the words of the notice; null when not recorded.',
    }),
    responseCount: t.exposeInt('responseCount', {
      nullable: true,
      description: 'Number of responses received, where a source states it exactly; null means unknown (not zero).',
    }),
    responseCountQuote: t.exposeString('responseCountQuote', {
      nullable: true,
      description: 'The source passage stating the number of responses; null when there is none.',
    }),
    responseCountNote: t.exposeString('responseCountNote', {
      nullable: true,
      description:
        'Caveats about the number of responses (e.g. only a partial list is public); null when there are none.',
    }),
    outcomeSummary: t.exposeString('outcomeSummary', {
      nullable: true,
      description: 'Short summary of what came of the consultation; null when not recorded.',
    }),
    extra: t.expose('extra', {
      type: 'JSON',
      nullable: true,
      description:
        'Further fields of the source record that have no field of their own, kept whole; null when there are none.',
    }),
    jurisdiction: t.relation('jurisdiction', { description: 'The authority that ran the consultation.' }),
    outcomes: t.relation('outcomes', {
      description: 'What followed from the consultation, in the order recorded.',
      query: { orderBy: [{ ordinal: 'asc' }] },
    }),
    submissions: t.relatedConnection(
      'submissions',
      {
        cursor: 'id',
        totalCount: true,
        description:
          'Submissions received, in the order of the public record. Only submissions the sources list are here; see `responseCount` for the total.',
        query: { orderBy: [{ ordinal: 'asc' }, { id: 'asc' }] },
      },
      {
        name: 'ConsultationSubmissionConnection',
        description: 'A page of submissions to a consultation.',
        fields: (c) => ({
          totalCount: c.int({
            description: totalCountDescription('recorded submissions'),
            extensions: TOTAL_COUNT_EXTENSIONS,
            resolve: connectionTotalCount,
          }),
        }),
      },
      { name: 'ConsultationSubmissionEdge', description: 'A submission in a page, with its cursor.' },
    ),
    stakeholders: t.field({
      type: [StakeholderRef],
      description: 'Everyone who made a recorded submission, each once, by name.',
      select: (_args, _context, nestedSelection) => ({
        // id and name are read below (each stakeholder once, by name) whatever the query asks.
        submissions: {
          select: { stakeholder: nestedSelection({ select: { id: true, name: true } }) },
          orderBy: [{ ordinal: 'asc' }, { id: 'asc' }],
        },
      }),
      resolve: (consultation) => {
        const byId = new Map(consultation.submissions.map(({ stakeholder }) => [stakeholder.id, stakeholder]));
        return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      },
    }),
    provisions: t.field({
      type: [ControlProvisionRef],
      description: 'Provisions the consultation concerns, by regime and code.',
      select: (_args, _context, nestedSelection) => ({
        provisions: {
          select: { provision: nestedSelection(true) },
          orderBy: [{ provision: { regime: 'asc' } }, { provision: { code: 'asc' } }, { provisionId: 'asc' }],
        },
      }),
      resolve: (consultation) => consultation.provisions.map((link) => link.provision),
    }),
    assessments: t.relation('assessments', {
      description: 'Impact assessments that drew on this consultation, by title.',
      query: { orderBy: [{ title: 'asc' }, { id: 'asc' }] },
    }),
    citation: t.relation('citation', { description: 'Source of the consultation record.' }),
  }),
});

export const ConsultationFilter = builder.inputType('ConsultationFilter', {
  description: 'Narrows a consultation listing. All given conditions must hold.',
  fields: (t) => ({
    jurisdiction: t.string({
      description: 'Only consultations run in this jurisdiction, by code (US, EU, UK; case-insensitive).',
    }),
    status: t.field({ type: ConsultationStatusEnum, description: 'Only consultations with this status.' }),
    text: t.string({
      description:
        'Only consultations whose title, body, reference, instrument, scope or outcome summary contains this text (case-insensitive substring).',
    }),
  }),
});

builder.queryField('consultations', (t) =>
  t.prismaConnection(
    {
      type: 'StakeholderConsultation',
      cursor: 'id',
      description:
        'Public consultations on export-control rules, newest first (those with no known publication date last).',
      args: { filter: t.arg({ type: ConsultationFilter, description: 'Conditions the consultations must meet.' }) },
      resolve: (query, _root, args, { services }) =>
        services.db.prisma.stakeholderConsultation.findMany({
          ...query,
          where: consultationWhere(args.filter),
          orderBy: CONSULTATION_ORDER,
        }),
      totalCount: (_root, args, { services }) =>
        services.db.prisma.stakeholderConsultation.count({ where: consultationWhere(args.filter) }),
    },
    {
      name: 'StakeholderConsultationConnection',
      description: 'A page of consultations.',
      fields: (c) => ({
        totalCount: c.int({
          description: totalCountDescription('consultations'),
          extensions: TOTAL_COUNT_EXTENSIONS,
          resolve: connectionTotalCount,
        }),
      }),
    },
    { name: 'StakeholderConsultationEdge', description: 'A consultation in a page, with its cursor.' },
  ),
);
