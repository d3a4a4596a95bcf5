// Exemption with its conditions and the provisions it applies to, and the `exemptions` listing.
import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import type { Prisma } from '../../generated/prisma/client.js';
import { EXEMPTION_ORDER, exemptionWhere } from '../../services/listings/exemption-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { findManyCompiled } from '../compiled-selection.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import './provision-exemption.js';
import {
  ApplicabilityBasisEnum,
  ExemptionConditionRoleEnum,
  ExemptionFilter,
  ExemptionKindEnum,
} from './exemption-filter.js';
import { ItemTypeEnum } from './provision-filter.js';
import {
  connectionArgumentsSchemaFor,
  connectionTotalCount,
  cursorKeyOf,
  TOTAL_COUNT_EXTENSIONS,
  totalCountDescription,
} from '../pagination.js';

export const ExemptionConditionRef = builder.prismaObject('ExemptionCondition', {
  select: { id: true },
  description: 'One condition of an exemption: its verbatim text, and a machine-checkable predicate once encoded.',
  fields: (t) => ({
    role: t.expose('role', {
      type: ExemptionConditionRoleEnum,
      description: 'Whether the condition is required, excluding or about destinations.',
    }),
    ordinal: t.exposeInt('ordinal', {
      description:
        'Position among the conditions of the same role, in the order of the text (from 0 or 1 as recorded).',
    }),
    textVerbatim: t.exposeString('textVerbatim', { description: 'The condition exactly as the source words it.' }),
    predicate: t.expose('predicate', {
      type: 'JSON',
      nullable: true,
      description:
        'Encoded, machine-checkable form of the condition; null when it has not been encoded (it must then be checked by reading the text).',
    }),
    secondary: t.exposeBoolean('secondary', {
      description:
        'True when the text comes from a secondary source (guidance, commentary) rather than the legal text itself.',
    }),
    citation: t.relation('citation', {
      nullable: true,
      description: "Source of the condition text; null when it is the exemption's own citation.",
    }),
  }),
});

// Pages by the join row's compound key, so its cursors hold two ids (checked as such below).
const EXEMPTION_PROVISION_CURSOR = 'exemptionId_provisionId';

const exemptionProvisions = prismaConnectionHelpers(builder, 'ExemptionProvision', {
  cursor: EXEMPTION_PROVISION_CURSOR,
  // The node's id keeps the provision's select non-empty when no node field is asked for
  // (only totalCount or edge fields).
  select: (nodeSelection) => ({ basis: true, note: true, provision: nodeSelection({ select: { id: true } }) }),
  // The helper's type allows one orderBy object; Prisma takes the list (regime, code, id).
  query: () => ({
    orderBy: [
      { provision: { regime: 'asc' } },
      { provision: { code: 'asc' } },
      { provisionId: 'asc' },
    ] as unknown as Prisma.ExemptionProvisionOrderByWithRelationInput,
  }),
  resolveNode: (link) => link.provision,
});

export const ExemptionRef = builder.prismaNode('Exemption', {
  id: nodeIdOf('Exemption'),
  select: { id: true },
  nullable: true,
  description:
    'An exemption, licence exception, general authorisation, decontrol note or definition that frees some items or activities from control, with its legal basis, conditions and the provisions it concerns. Decision support, not legal advice: check the conditions and the cited text.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ExemptionKindEnum, description: 'What sort of relief this is.' }),
    name: t.exposeString('name', {
      description: 'Name of the exemption, e.g. "Technology and software - unrestricted (TSU)".',
    }),
    typeLabel: t.exposeString('typeLabel', {
      description: 'The source\'s own classification of the instrument, verbatim (e.g. "License Exception").',
    }),
    regimeLabel: t.exposeString('regimeLabel', {
      description: 'The regime or legal framework as the source names it (e.g. "EAR").',
    }),
    regime: t.expose('regime', {
      type: RegimeEnum,
      nullable: true,
      description:
        'The control-list family it belongs to; null when it is not tied to one list (e.g. a statute-level rule).',
    }),
    legalBasis: t.exposeString('legalBasis', { description: 'Legal citation of the exemption, e.g. "15 CFR 740.13".' }),
    textVerbatim: t.exposeStringList('textVerbatim', {
      description: 'The legal text of the exemption, verbatim, one passage per item.',
    }),
    textNote: t.exposeString('textNote', {
      nullable: true,
      description: 'Caveats about the text (e.g. "older edition", "paraphrase"); null when there are none.',
    }),
    appliesTo: t.exposeStringList('appliesTo', {
      description: 'What the exemption covers, as the source states it (items, activities, list entries).',
    }),
    doesNotApplyTo: t.exposeStringList('doesNotApplyTo', {
      description: 'What the source says the exemption does not cover; empty when it states no exclusions.',
    }),
    itemTypes: t.expose('itemTypes', {
      type: [ItemTypeEnum],
      description: 'Kinds of item the exemption concerns; empty when not recorded.',
    }),
    history: t.exposeString('history', {
      nullable: true,
      description: 'How the exemption came about or changed (amending rules, dates); null when not recorded.',
    }),
    versionNote: t.exposeString('versionNote', {
      nullable: true,
      description: 'Which edition of the text this is; null when not recorded.',
    }),
    extra: t.expose('extra', {
      type: 'JSON',
      nullable: true,
      description:
        'Further fields of the source record that have no field of their own, kept whole; null when there are none.',
    }),
    revoked: t.exposeBoolean('revoked', {
      description: 'True when the exemption has been revoked (it may still apply to dates before `validTo`).',
    }),
    validFrom: t.expose('validFrom', {
      type: 'Date',
      nullable: true,
      description: 'First day the exemption applies; null when the source does not say.',
    }),
    validTo: t.expose('validTo', {
      type: 'Date',
      nullable: true,
      description: 'Day the exemption stopped applying (exclusive); null when it has not ended or the end is unknown.',
    }),
    jurisdiction: t.relation('jurisdiction', { description: 'The authority that grants the exemption.' }),
    conditions: t.relation('conditions', {
      description:
        'Conditions of the exemption: requirements first, then exclusions, then destination rules, each in the order of the text.',
      query: { orderBy: [{ role: 'asc' }, { ordinal: 'asc' }] },
    }),
    provisions: t.connection(
      {
        type: ControlProvisionRef,
        description:
          'Provisions the exemption is recorded as applying to, by regime and code; each edge says why it is linked.',
        validate: connectionArgumentsSchemaFor(cursorKeyOf('ExemptionProvision', EXEMPTION_PROVISION_CURSOR)),
        select: (args, context, nestedSelection) => ({
          _count: { select: { provisions: true } },
          provisions: exemptionProvisions.getQuery(args, context, nestedSelection),
        }),
        resolve: (exemption, args, context) => ({
          ...exemptionProvisions.resolve(exemption.provisions, args, context),
          totalCount: exemption._count.provisions,
        }),
      },
      {
        name: 'ExemptionProvisionConnection',
        description: 'A page of provisions an exemption applies to.',
        fields: (c) => ({
          totalCount: c.int({
            description: totalCountDescription('provisions linked to the exemption'),
            resolve: connectionTotalCount,
          }),
        }),
      },
      {
        name: 'ExemptionProvisionEdge',
        description: 'A provision an exemption applies to, with the basis of the link.',
        fields: (e) => ({
          basis: e.field({
            type: ApplicabilityBasisEnum,
            description: 'Whether the exemption names the provision or covers it by item type.',
            resolve: (link) => link.basis,
          }),
          note: e.string({
            nullable: true,
            description: 'Remarks about this link; null when there are none.',
            resolve: (link) => link.note,
          }),
        }),
      },
    ),
    citation: t.relation('citation', { description: 'Source of the exemption text.' }),
  }),
});

builder.queryField('exemptions', (t) =>
  t.prismaConnection(
    {
      type: 'Exemption',
      cursor: 'id',
      description:
        'Exemptions, licence exceptions, general authorisations, decontrol notes and definitions, by name. Without `asOf`, revoked ones are left out; with `asOf`, those applying on that date (a revoked one only when the date is before its known end).',
      args: {
        filter: t.arg({ type: ExemptionFilter, description: 'Conditions the exemptions must meet.' }),
        asOf: t.arg({
          type: 'Date',
          description:
            'Return the exemptions that applied on this date: started on or before it (or start unknown) and not ended by it (or end unknown). A revoked exemption counts only when its end date is known and after this date.',
        }),
      },
      resolve: async (query, _root, args, context, info) => {
        const where = await exemptionWhere(context.services.db.prisma, args.filter, args.asOf);
        const findArgs = { ...query, where, orderBy: EXEMPTION_ORDER };
        const pages = { model: 'Exemption', connection: { cursor: 'id' } };
        return findManyCompiled(context, info, pages, findArgs, () =>
          context.services.db.prisma.exemption.findMany(findArgs),
        );
      },
      totalCount: async (_root, args, { services }) =>
        services.db.prisma.exemption.count({ where: await exemptionWhere(services.db.prisma, args.filter, args.asOf) }),
    },
    {
      name: 'ExemptionConnection',
      description: 'A page of exemptions.',
      fields: (c) => ({
        totalCount: c.int({
          description: totalCountDescription('exemptions'),
          extensions: TOTAL_COUNT_EXTENSIONS,
          resolve: connectionTotalCount,
        }),
      }),
    },
    { name: 'ExemptionEdge', description: 'An exemption in a page, with its cursor.' },
  ),
);
