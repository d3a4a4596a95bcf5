import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { getPrisma } from '../../db/prisma.js';
import { exemptionValidityWhere } from '../../domain/point-in-time.js';
import {
  ApplicabilityBasis,
  ExemptionConditionRole,
  ExemptionKind,
  type ItemType,
  type Prisma,
  type Regime,
} from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef, ItemTypeEnum } from './control-provision.js';
import { jurisdictionCodeIs } from './filters.js';
import { GuidanceDocumentRef } from './guidance-document.js';
import {
  connectionArgumentsSchemaFor,
  connectionTotalCount,
  cursorKeyOf,
  TOTAL_COUNT_EXTENSIONS,
  totalCountDescription,
} from './pagination.js';

export const ExemptionKindEnum = builder.enumType(ExemptionKind, {
  name: 'ExemptionKind',
  description: 'What sort of relief from control an exemption gives.',
  values: {
    FUNDAMENTAL_RESEARCH: {
      description:
        'Results of fundamental (basic) research intended to be published are not subject to control (e.g. EAR 734.8).',
    },
    PUBLISHED_INFORMATION: {
      description: 'Information already published or in the public domain is not subject to control (e.g. EAR 734.7).',
    },
    EDUCATIONAL_INFORMATION: {
      description:
        'Information released by instruction in catalogue courses and teaching laboratories (e.g. EAR 734.3(b)(3)(iii)).',
    },
    PATENT_INFORMATION: { description: 'Information in patents and published patent applications.' },
    OPEN_SOURCE: {
      description: 'Publicly available software and source code (e.g. the General Software Note, EAR 734.7(b)).',
    },
    HUMANITARIAN: { description: 'Exports for humanitarian purposes.' },
    LICENCE_EXCEPTION: {
      description: 'A licence exception: export without a licence under stated conditions (e.g. EAR 740.13 TSU).',
    },
    GENERAL_AUTHORISATION: {
      description: 'A general export authorisation usable by any exporter who meets its conditions (e.g. EU001-EU007).',
    },
    OPEN_GENERAL_LICENCE: {
      description: 'A UK open general export licence (OGEL): a published licence any exporter may register for.',
    },
    TECHNOLOGY_NOTE: {
      description: 'The General Technology Note: limits technology control to what is "required" for controlled items.',
    },
    SOFTWARE_NOTE: {
      description: 'The General Software Note: releases generally available mass-market and public-domain software.',
    },
    DEFINITION: {
      description:
        'A definition that takes items out of control (e.g. "in the public domain", "basic scientific research").',
    },
    INTERPRETIVE_GUIDANCE: {
      description: 'Official guidance on how a rule is read, rather than a legal exemption itself.',
    },
    DECONTROL_NOTE: { description: 'A note in a list entry stating what the entry does not control.' },
  },
});

export const ExemptionConditionRoleEnum = builder.enumType(ExemptionConditionRole, {
  name: 'ExemptionConditionRole',
  description: 'How a condition affects whether an exemption applies.',
  values: {
    REQUIREMENT: { description: 'Must be met for the exemption to apply.' },
    EXCLUSION: { description: 'When it holds, the exemption does not apply.' },
    DESTINATION: { description: 'Restricts the destinations (countries, end users) for which the exemption applies.' },
  },
});

export const ApplicabilityBasisEnum = builder.enumType(ApplicabilityBasis, {
  name: 'ApplicabilityBasis',
  description: 'Why an exemption is linked to a provision.',
  values: {
    EXPLICIT: { description: 'The exemption names the provision (or its entry) explicitly.' },
    ITEM_TYPE_SCOPE: {
      description:
        'The exemption covers a whole kind of item (e.g. all technology) and the provision controls that kind; the link is inferred from scope, not named in the text.',
    },
  },
});

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

export const ProvisionExemptionRef = builder.prismaObject('ExemptionProvision', {
  name: 'ProvisionExemption',
  select: { exemptionId: true, provisionId: true },
  description: 'An exemption linked to a provision, with why it is linked.',
  fields: (t) => ({
    exemption: t.relation('exemption', { description: 'The exemption.' }),
    basis: t.expose('basis', {
      type: ApplicabilityBasisEnum,
      description: 'Whether the exemption names the provision or covers it by item type.',
    }),
    note: t.exposeString('note', {
      nullable: true,
      description:
        'Remarks about this link (e.g. limits of the exemption for this provision); null when there are none.',
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
  id: { field: 'id' },
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

// Declared apart from the type: GuidanceDocument refers to Exemption, so defining this inside
// Exemption's fields would make the two types' TypeScript definitions depend on each other.
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

export const ExemptionFilter = builder.inputType('ExemptionFilter', {
  description: 'Narrows an exemption listing. All given conditions must hold.',
  fields: (t) => ({
    jurisdiction: t.string({
      description: 'Only exemptions granted by this jurisdiction, by code (US, EU, UK, WA, HK; case-insensitive).',
    }),
    regime: t.field({ type: RegimeEnum, description: 'Only exemptions belonging to this control-list family.' }),
    kind: t.field({ type: ExemptionKindEnum, description: 'Only this sort of exemption.' }),
    itemType: t.field({ type: ItemTypeEnum, description: 'Only exemptions concerning this kind of item.' }),
    appliesToProvisionCode: t.string({
      description:
        'Only exemptions linked to the provision with this exact code, or to a paragraph of the entry with this code (e.g. "6A003" also matches links to 6A003.b.4.b).',
    }),
  }),
});

interface ExemptionFilterInput {
  jurisdiction?: string | null;
  regime?: Regime | null;
  kind?: ExemptionKind | null;
  itemType?: ItemType | null;
  appliesToProvisionCode?: string | null;
}

/**
 * Ids of exemptions concerning an item type. Raw SQL because Prisma's list filters (`has`,
 * `hasSome`) on an enum list reach PGlite's driver adapter as a bare value and PostgreSQL
 * rejects them ("malformed array literal"); comparing as text works on both databases.
 */
async function exemptionIdsWithItemType(itemType: ItemType): Promise<string[]> {
  const rows = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Exemption" WHERE ${itemType}::text = ANY ("itemTypes"::text[])`;
  return rows.map((row) => row.id);
}

export async function exemptionWhere(
  filter: ExemptionFilterInput | null | undefined,
  asOf: Date | null | undefined,
): Promise<Prisma.ExemptionWhereInput> {
  const conditions: Prisma.ExemptionWhereInput[] = [exemptionValidityWhere(asOf)];
  if (filter?.jurisdiction) conditions.push(jurisdictionCodeIs(filter.jurisdiction));
  if (filter?.regime) conditions.push({ regime: filter.regime });
  if (filter?.kind) conditions.push({ kind: filter.kind });
  if (filter?.itemType) conditions.push({ id: { in: await exemptionIdsWithItemType(filter.itemType) } });
  if (filter?.appliesToProvisionCode) {
    const code = filter.appliesToProvisionCode;
    conditions.push({ provisions: { some: { provision: { OR: [{ code }, { entryCode: code }] } } } });
  }
  return { AND: conditions };
}

const EXEMPTION_ORDER: Prisma.ExemptionOrderByWithRelationInput[] = [{ name: 'asc' }, { id: 'asc' }];

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
      resolve: async (query, _root, args) =>
        getPrisma().exemption.findMany({
          ...query,
          where: await exemptionWhere(args.filter, args.asOf),
          orderBy: EXEMPTION_ORDER,
        }),
      totalCount: async (_root, args) =>
        getPrisma().exemption.count({ where: await exemptionWhere(args.filter, args.asOf) }),
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
