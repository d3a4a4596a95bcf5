// GuidanceDocument with the `guidanceDocuments` listing, and Exemption.guidance.
import { GUIDANCE_ORDER, guidanceWhere } from '../../services/listings/guidance-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { findManyCompiled } from '../compiled-selection.js';
import { ControlProvisionRef } from './control-provision.js';
import { ExemptionRef } from './exemption.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';

export const GuidanceDocumentRef = builder.prismaNode('GuidanceDocument', {
  id: nodeIdOf('GuidanceDocument'),
  select: { id: true },
  nullable: true,
  description:
    'Official or institutional guidance on export controls (e.g. EU Recommendation 2021/1700 on research compliance, the BIS fundamental-research FAQ): excerpts with their source.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title of the document.' }),
    summary: t.exposeString('summary', {
      nullable: true,
      description: 'Short summary of what the guidance says; null when none was written.',
    }),
    body: t.exposeString('body', { description: 'The excerpted text of the guidance, verbatim where quoted.' }),
    issuer: t.exposeString('issuer', { description: 'Who issued it (agency, institution).' }),
    audience: t.exposeStringList('audience', {
      description: 'Who it is written for (e.g. "universities", "exporters"); empty when not stated.',
    }),
    topics: t.exposeStringList('topics', {
      description: 'Topics it covers (e.g. "fundamental research", "deemed exports").',
    }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'Publication date; null when unknown (see `dateNote`).',
    }),
    dateNote: t.exposeString('dateNote', {
      nullable: true,
      description:
        'What is known about the date when it is not exact (e.g. "page last updated 2023"); null when there is nothing to add.',
    }),
    url: t.exposeString('url', {
      nullable: true,
      description: 'Where to read the full document; null when no stable address is known.',
    }),
    extra: t.expose('extra', {
      type: 'JSON',
      nullable: true,
      description:
        'Further fields of the source record that have no field of their own, kept whole; null when there are none.',
    }),
    jurisdiction: t.relation('jurisdiction', { description: 'The jurisdiction whose rules the guidance concerns.' }),
    provisions: t.field({
      type: [ControlProvisionRef],
      description: 'Provisions the guidance discusses, by regime and code.',
      select: (_args, _context, nestedSelection) => ({
        provisions: {
          select: { provision: nestedSelection(true) },
          orderBy: [{ provision: { regime: 'asc' } }, { provision: { code: 'asc' } }, { provisionId: 'asc' }],
        },
      }),
      resolve: (guidance) => guidance.provisions.map((link) => link.provision),
    }),
    exemptions: t.field({
      type: [ExemptionRef],
      description: 'Exemptions the guidance discusses, by name.',
      select: (_args, _context, nestedSelection) => ({
        exemptions: {
          select: { exemption: nestedSelection(true) },
          orderBy: [{ exemption: { name: 'asc' } }, { exemptionId: 'asc' }],
        },
      }),
      resolve: (guidance) => guidance.exemptions.map((link) => link.exemption),
    }),
    citation: t.relation('citation', { description: 'Source of the excerpt.' }),
  }),
});

export const GuidanceFilter = builder.inputType('GuidanceFilter', {
  description: 'Narrows a guidance listing. All given conditions must hold.',
  fields: (t) => ({
    jurisdiction: t.string({
      description: 'Only guidance about this jurisdiction, by code (US, EU, UK; case-insensitive).',
    }),
    topic: t.string({ description: 'Only guidance tagged with this topic (exact tag, e.g. "fundamental research").' }),
    audience: t.string({ description: 'Only guidance written for this audience (exact tag, e.g. "universities").' }),
    text: t.string({
      description: 'Only guidance whose title, summary or body contains this text (case-insensitive substring).',
    }),
  }),
});

builder.queryField('guidanceDocuments', (t) =>
  t.prismaConnection(
    {
      type: 'GuidanceDocument',
      cursor: 'id',
      description: 'Guidance documents, newest first (undated ones last).',
      args: { filter: t.arg({ type: GuidanceFilter, description: 'Conditions the documents must meet.' }) },
      resolve: (query, _root, args, context, info) => {
        const findArgs = { ...query, where: guidanceWhere(args.filter), orderBy: GUIDANCE_ORDER };
        return findManyCompiled(
          context,
          info,
          { model: 'GuidanceDocument', connection: { cursor: 'id' } },
          findArgs,
          () => context.services.db.prisma.guidanceDocument.findMany(findArgs),
        );
      },
      totalCount: (_root, args, { services }) =>
        services.db.prisma.guidanceDocument.count({ where: guidanceWhere(args.filter) }),
    },
    {
      name: 'GuidanceDocumentConnection',
      description: 'A page of guidance documents.',
      fields: (c) => ({
        totalCount: c.int({
          description: totalCountDescription('guidance documents'),
          extensions: TOTAL_COUNT_EXTENSIONS,
          resolve: connectionTotalCount,
        }),
      }),
    },
    { name: 'GuidanceDocumentEdge', description: 'A guidance document in a page, with its cursor.' },
  ),
);

// Exemption's link to the guidance that discusses it is declared here, beside GuidanceDocument,
// so that the two type files do not import each other.
builder.prismaObjectFields('Exemption', (t) => ({
  guidance: t.field({
    type: [GuidanceDocumentRef],
    description: 'Guidance documents that discuss this exemption, by title.',
    select: (_args, _context, nestedSelection) => ({
      guidance: {
        select: { guidance: nestedSelection(true) },
        orderBy: [{ guidance: { title: 'asc' } }, { guidanceId: 'asc' }],
      },
    }),
    resolve: (exemption) => exemption.guidance.map((link) => link.guidance),
  }),
}));
