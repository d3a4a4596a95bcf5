// AmendingAct (a Federal Register rule that amended the US list) with the `amendingActs`
// listing, and the links between provision versions and the acts that may have made them.
import { AmendmentLinkKind } from '../../generated/prisma/client.js';
import { AMENDING_ACT_ORDER, amendingActWhere } from '../../services/listings/amending-act-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';
import { RegimeEnum } from './control-list.js';

export const AmendmentLinkKindEnum = builder.enumType(AmendmentLinkKind, {
  name: 'AmendmentLinkKind',
  description: 'How a provision version and an act are linked. All of these are inferred from dates, not facts.',
  values: {
    CHANGED_BY_CANDIDATE: {
      description: 'The act took effect in the window in which this version first appeared: it may have made it.',
    },
    CHANGED_BY_RETROACTIVE_CANDIDATE: {
      description:
        'The act took effect before it was published and was published in that window (the text shows such acts once published).',
    },
    REMOVED_BY_CANDIDATE: {
      description: 'The act took effect in the window in which this version disappeared: it may have ended it.',
    },
    REMOVED_BY_RETROACTIVE_CANDIDATE: {
      description: 'As REMOVED_BY_CANDIDATE, for an act effective before it was published.',
    },
  },
});

export const AmendingActRef = builder.prismaNode('AmendingAct', {
  id: nodeIdOf('AmendingAct'),
  select: { id: true },
  nullable: true,
  description:
    'A legal act that amended a control list: for the US Commerce Control List, a Federal Register rule of the Bureau of Industry and Security.',
  fields: (t) => ({
    regime: t.expose('regime', { type: RegimeEnum, description: 'The list family the act amended.' }),
    documentNumber: t.exposeString('documentNumber', { description: 'The publisher’s number, e.g. "2020-16286".' }),
    reference: t.exposeString('reference', {
      nullable: true,
      description: 'The published reference, e.g. "85 FR 56294"; null when the source gives none.',
    }),
    title: t.exposeString('title', { description: 'Title as published.' }),
    actType: t.exposeString('actType', { nullable: true, description: 'Type as the publisher gives it ("Rule").' }),
    action: t.exposeString('action', { nullable: true, description: 'Action as published ("Final rule.").' }),
    publishedOn: t.expose('publishedOn', { type: 'Date', nullable: true, description: 'Publication date.' }),
    effectiveOn: t.expose('effectiveOn', {
      type: 'Date',
      nullable: true,
      description: 'Effective date as the publisher records it (the publication date where it records none).',
    }),
    url: t.exposeString('url', { nullable: true, description: 'Where the act is published.' }),
    agencies: t.exposeStringList('agencies', { description: 'Issuing agencies.' }),
    docketIds: t.exposeStringList('docketIds', { description: 'Docket numbers.' }),
    listParts: t.exposeStringList('listParts', {
      description:
        'Parts of the list the act’s text mentions (supplements to 15 CFR part 774): what it mentions, not necessarily what it amends.',
    }),
    jurisdiction: t.relation('jurisdiction', { description: 'The authority that issued the act.' }),
    citation: t.relation('citation', { description: 'Where the act’s record comes from.' }),
    provisions: t.relation('provisions', {
      description: 'Provision versions linked to the act (inferred from dates), by code.',
      query: { orderBy: [{ provision: { code: 'asc' } }, { provision: { validFrom: 'asc' } }, { kind: 'asc' }] },
    }),
  }),
});

export const ProvisionAmendmentRef = builder.prismaObject('ProvisionAmendment', {
  description:
    'A provision version and an act that may have made or ended it. Links are inferred from dates unless `basis` says a source states them: treat them as candidates, not facts.',
  fields: (t) => ({
    kind: t.expose('kind', { type: AmendmentLinkKindEnum, description: 'How the two are linked.' }),
    basis: t.exposeString('basis', { description: 'How the link was made, e.g. "inferred-by-date".' }),
    inferred: t.boolean({
      description: 'True when the link is an inference (from dates), not a statement of a source.',
      select: { basis: true },
      resolve: (link) => link.basis.startsWith('inferred'),
    }),
    sameListPart: t.exposeBoolean('sameListPart', {
      description: 'True when the act’s text mentions the part of the list the provision is in.',
    }),
    act: t.relation('act', { description: 'The act.' }),
    provision: t.relation('provision', { description: 'The provision version.' }),
  }),
});

builder.prismaObjectFields('ControlProvision', (t) => ({
  amendingActs: t.relation('amendingActs', {
    description:
      'Acts that may have made or ended this version, inferred from their effective dates (candidates, never facts); empty where none is recorded.',
    query: { orderBy: [{ kind: 'asc' }, { act: { effectiveOn: 'asc' } }, { actId: 'asc' }] },
  }),
}));

export const AmendingActFilter = builder.inputType('AmendingActFilter', {
  description: 'Narrows an amending-act listing. All given conditions must hold.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'Only acts amending this list family.' }),
    effectiveFrom: t.field({ type: 'Date', description: 'Only acts effective on or after this day.' }),
    effectiveTo: t.field({ type: 'Date', description: 'Only acts effective on or before this day.' }),
    text: t.string({ description: 'Only acts whose title, number or reference contains this (case-insensitive).' }),
  }),
});

builder.queryField('amendingActs', (t) =>
  t.prismaConnection(
    {
      type: 'AmendingAct',
      cursor: 'id',
      description: 'Acts that amended the control lists (Federal Register rules for the US list), newest first.',
      args: { filter: t.arg({ type: AmendingActFilter, description: 'Conditions the acts must meet.' }) },
      resolve: (query, _root, args, { services }) =>
        services.db.prisma.amendingAct.findMany({
          ...query,
          where: amendingActWhere(args.filter),
          orderBy: AMENDING_ACT_ORDER,
        }),
      totalCount: (_root, args, { services }) =>
        services.db.prisma.amendingAct.count({ where: amendingActWhere(args.filter) }),
    },
    {
      name: 'AmendingActConnection',
      description: 'A page of amending acts.',
      fields: (c) => ({
        totalCount: c.int({
          description: totalCountDescription('acts'),
          extensions: TOTAL_COUNT_EXTENSIONS,
          resolve: connectionTotalCount,
        }),
      }),
    },
    { name: 'AmendingActEdge', description: 'An act in a page, with its cursor.' },
  ),
);
