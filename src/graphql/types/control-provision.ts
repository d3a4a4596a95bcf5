import { getPrisma } from '../../db/prisma.js';
import { provisionVersionWhere } from '../../domain/point-in-time.js';
import { ItemType, ProvisionKind, VersionStatus, type Prisma, type Regime } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { AmbiguousProvisionCodeError, InconsistentDataError } from '../errors.js';
import { RegimeEnum } from './control-list.js';
import { mergeProvisionCorrelations, ProvisionCorrelationRef } from './correlation.js';
import { containsText, jurisdictionCodeIs, startsWithText } from './filters.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from './pagination.js';
import { notRetired, thresholdListWhere, ThresholdGroupRoleEnum } from './threshold.js';

export const ProvisionKindEnum = builder.enumType(ProvisionKind, {
  name: 'ProvisionKind',
  description: 'Whether a provision is a whole list entry or one paragraph of an entry.',
  values: {
    ENTRY: { description: 'A whole list entry (an ECCN such as 6A003, or an Annex I entry).' },
    PARAGRAPH: { description: 'A paragraph or sub-paragraph of an entry (e.g. 6A003.b.4.b).' },
  },
});

export const ProvisionKindFilterEnum = builder.enumType('ProvisionKindFilter', {
  description: 'Which provisions a listing returns.',
  values: {
    ENTRY: { value: 'ENTRY', description: 'Only whole list entries (the default).' },
    PARAGRAPH: { value: 'PARAGRAPH', description: 'Only paragraphs and sub-paragraphs.' },
    ANY: { value: 'ANY', description: 'Entries and paragraphs alike.' },
  } as const,
});

export const VersionStatusEnum = builder.enumType(VersionStatus, {
  name: 'VersionStatus',
  description: 'Whether a version of a provision is the latest known text.',
  values: {
    CURRENT: { description: 'The latest version the knowledge base holds.' },
    SUPERSEDED: { description: 'Replaced by a later version (see `supersededBy`).' },
  },
});

export const ItemTypeEnum = builder.enumType(ItemType, {
  name: 'ItemType',
  description:
    'What kind of item a provision or exemption concerns (EAR product groups A-C are commodities, D software, E technology).',
  values: {
    COMMODITY: {
      description: 'Physical goods: systems, equipment, components, materials, test and production equipment.',
    },
    SOFTWARE: { description: 'Software.' },
    TECHNOLOGY: {
      description:
        'Technology: information for the development, production or use of items (including technical data and assistance).',
    },
  },
});

export const ProvisionFilter = builder.inputType('ProvisionFilter', {
  description: 'Narrows a provision listing. All given conditions must hold.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'Only provisions of this control-list family.' }),
    jurisdiction: t.string({
      description: 'Only provisions issued by this jurisdiction, by code (US, EU, UK, WA, HK; case-insensitive).',
    }),
    category: t.string({
      description: 'Only this list category, by number as a string (e.g. "6" for sensors and lasers).',
    }),
    codePrefix: t.string({
      description: 'Only codes starting with this text (e.g. "6A00" for 6A001-6A009; case-sensitive).',
    }),
    text: t.string({
      description:
        'Only provisions whose code, title or text contains this text (case-insensitive substring, not full-text search).',
    }),
    kind: t.field({
      type: ProvisionKindFilterEnum,
      defaultValue: 'ENTRY',
      description: 'Entries, paragraphs or both. Defaults to ENTRY.',
    }),
    itemType: t.field({
      type: ItemTypeEnum,
      description:
        'Only provisions concerning this kind of item. Provisions whose item type is not recorded are left out.',
    }),
  }),
});

/** Stable listing order: regime, then code, then id (ties only between versions). */
export const PROVISION_ORDER: Prisma.ControlProvisionOrderByWithRelationInput[] = [
  { regime: 'asc' },
  { code: 'asc' },
  { id: 'asc' },
];

interface ProvisionFilterInput {
  regime?: Regime | null;
  jurisdiction?: string | null;
  category?: string | null;
  codePrefix?: string | null;
  text?: string | null;
  kind?: 'ENTRY' | 'PARAGRAPH' | 'ANY' | null;
  itemType?: ItemType | null;
}

export function provisionWhere(
  filter: ProvisionFilterInput | null | undefined,
  asOf: Date | null | undefined,
): Prisma.ControlProvisionWhereInput {
  const conditions: Prisma.ControlProvisionWhereInput[] = [provisionVersionWhere(asOf)];
  const kind = filter?.kind ?? 'ENTRY';
  if (kind !== 'ANY') conditions.push({ kind });
  if (filter?.regime) conditions.push({ regime: filter.regime });
  if (filter?.jurisdiction) conditions.push(jurisdictionCodeIs(filter.jurisdiction));
  if (filter?.category) conditions.push({ category: filter.category });
  if (filter?.codePrefix) conditions.push({ code: startsWithText(filter.codePrefix) });
  if (filter?.itemType) conditions.push({ itemType: filter.itemType });
  if (filter?.text) {
    const contains = containsText(filter.text);
    conditions.push({ OR: [{ code: contains }, { title: contains }, { text: contains }] });
  }
  return { AND: conditions };
}

const ASOF_DESCRIPTION =
  'Return the versions valid on this date instead of the current ones. A version counts only when the sources establish it was in force on that date; versions whose validity on the date is unknown are left out.';

export const ControlProvisionRef = builder.prismaNode('ControlProvision', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description:
    'A control-list entry (e.g. ECCN 6A003) or one of its paragraphs (e.g. 6A003.b.4.b), in one version. Amendments are stored as new versions linked by `supersedes`/`supersededBy`; nothing is overwritten.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The code as the list writes it, e.g. "6A003" or "6A003.b.4.b".' }),
    entryCode: t.exposeString('entryCode', {
      description: 'Code of the entry this provision belongs to (6A003 for 6A003.b.4.b; the code itself for an entry).',
    }),
    kind: t.expose('kind', { type: ProvisionKindEnum, description: 'Whole entry or paragraph.' }),
    title: t.exposeString('title', { description: 'Heading of the entry or paragraph as the list gives it.' }),
    text: t.exposeString('text', {
      description: 'The verbatim text of the provision (for an entry, the whole items text).',
    }),
    category: t.exposeString('category', { description: 'List category number as a string, e.g. "6".' }),
    categoryName: t.exposeString('categoryName', {
      description: 'Category heading as the list gives it, e.g. "Sensors and Lasers".',
    }),
    productGroup: t.exposeString('productGroup', {
      nullable: true,
      description:
        'Product group letter A-E (A systems and equipment, B test and production equipment, C materials, D software, E technology); null when the list does not use one.',
    }),
    itemType: t.expose('itemType', {
      type: ItemTypeEnum,
      nullable: true,
      description: 'What kind of item the provision controls; null when not recorded.',
    }),
    reasonsForControl: t.exposeStringList('reasonsForControl', {
      description:
        'Reasons for control as the list states them (e.g. NS, RS, AT for the EAR); empty when the list does not state them for this provision.',
    }),
    controlTable: t.expose('controlTable', {
      type: 'JSON',
      nullable: true,
      description:
        'The licence-requirement table (which reason for control applies to what, and its country-chart column), as the source gives it; null when the provision has none.',
    }),
    licenceExceptions: t.expose('licenceExceptions', {
      type: 'JSON',
      nullable: true,
      description:
        'List-based licence exceptions (e.g. LVS, GBS, STA conditions) as the source gives them; null when the source gives none.',
    }),
    relatedControls: t.exposeString('relatedControls', {
      nullable: true,
      description: '"Related controls" text of the entry; null when there is none.',
    }),
    notes: t.exposeString('notes', {
      nullable: true,
      description: 'Caveats recorded with this provision (e.g. about the source edition); null when there are none.',
    }),
    status: t.expose('status', { type: VersionStatusEnum, description: 'Whether this is the latest known version.' }),
    validFrom: t.expose('validFrom', {
      type: 'Date',
      nullable: true,
      description: 'First day this version is in force; null when the source does not say.',
    }),
    validTo: t.expose('validTo', {
      type: 'Date',
      nullable: true,
      description:
        'Day this version stopped being in force (exclusive); null when it has not ended or the end is unknown.',
    }),
    textDate: t.expose('textDate', {
      type: 'Date',
      nullable: true,
      description:
        'Date the text is known to be in force on (the consolidation or snapshot date of the source); null when the source does not state it.',
    }),
    regime: t.expose('regime', { type: RegimeEnum, description: 'The control-list family.' }),
    jurisdiction: t.relation('jurisdiction', { description: 'The authority that issues this provision.' }),
    controlList: t.relation('controlList', { description: 'The list edition this version was taken from.' }),
    parent: t.relation('parent', {
      nullable: true,
      description: 'The entry or paragraph this paragraph sits under; null for an entry.',
    }),
    children: t.relation('children', {
      description: 'Paragraphs directly under this one, in the order of the text.',
      query: { orderBy: [{ ordinal: 'asc' }, { id: 'asc' }] },
    }),
    thresholds: t.relation('thresholds', {
      description:
        'Technical thresholds stored under this provision: the verbatim key thresholds in the order of the text, then the encoded conditions in the order of their encoding file (EU paragraphs, which have no rows of their own, are stored under their entry; see `paragraph`).',
      args: {
        encoded: t.arg.boolean({
          description: 'Only encoded conditions (true) or only verbatim ones (false); both when omitted.',
        }),
        includeRetired: t.arg.boolean({
          required: true,
          defaultValue: false,
          description:
            'Also list encoded conditions the encodings no longer hold (kept for the record; false by default).',
        }),
      },
      query: (args) => ({ where: thresholdListWhere(args), orderBy: [{ ordinal: 'asc' }, { id: 'asc' }] }),
    }),
    thresholdGroups: t.relation('thresholdGroups', {
      description:
        'The encoded logic stored under this provision: one root group per paragraph condition, decontrol note and control-table line, in the order of the encoding file. Follow `groups` and `thresholds` to rebuild each tree (at most four levels deep in the current encodings).',
      args: {
        role: t.arg({ type: ThresholdGroupRoleEnum, description: 'Only root groups of this role.' }),
        paragraph: t.arg.string({
          description:
            'Only groups of this paragraph (e.g. "6A003.b.4.b"); useful under an entry that holds its paragraphs\' groups.',
        }),
        includeRetired: t.arg.boolean({
          required: true,
          defaultValue: false,
          description: 'Also list groups the encodings no longer hold (kept for the record; false by default).',
        }),
      },
      query: (args) => ({
        where: {
          parentGroupId: null,
          ...(args.role ? { role: args.role } : {}),
          ...(args.paragraph ? { paragraph: args.paragraph } : {}),
          ...notRetired(args.includeRetired),
        },
        orderBy: [{ ordinal: 'asc' }, { id: 'asc' }],
      }),
    }),
    exemptions: t.relation('exemptions', {
      description:
        'Exemptions, licence exceptions and decontrol notes recorded as applying to this provision, by name, with the basis of each link.',
      args: {
        includeRevoked: t.arg.boolean({
          required: true,
          defaultValue: false,
          description: 'Also list exemptions that have been revoked (false by default).',
        }),
      },
      query: (args) => ({
        where: args.includeRevoked ? {} : { exemption: { revoked: false } },
        orderBy: [{ exemption: { name: 'asc' } }, { exemptionId: 'asc' }],
      }),
    }),
    correlations: t.field({
      type: [ProvisionCorrelationRef],
      description:
        'Provisions of other regimes (or of this one) recorded as corresponding to this one, whichever side the link was recorded from, ordered by regime and code.',
      select: (_args, _context, nestedSelection) => {
        // Each side is planned from what the query asks under `correlation`, `provision` and
        // `citation`, plus what the merge reads whatever is asked: the link's kind and note, and
        // the other provision's regime and code (it sorts by them). The explicit columns also
        // keep every select non-empty when nothing is asked under a path.
        const other = () => nestedSelection({ select: { id: true, regime: true, code: true } }, ['provision']);
        const citation = () => nestedSelection({ select: { id: true } }, ['citation']);
        return {
          correlationsFrom: nestedSelection(
            { select: { id: true, kind: true, note: true, citation: citation(), to: other() } },
            ['correlation'],
          ),
          correlationsTo: nestedSelection(
            { select: { id: true, kind: true, note: true, citation: citation(), from: other() } },
            ['correlation'],
          ),
        };
      },
      resolve: (provision) => mergeProvisionCorrelations(provision.correlationsFrom, provision.correlationsTo),
    }),
    supersedes: t.relation('supersedes', {
      nullable: true,
      description: 'The earlier version this one replaced; null when none is recorded.',
    }),
    supersededBy: t.relation('supersededBy', {
      nullable: true,
      description: 'The later version that replaced this one; null when this is the latest known version.',
    }),
    citation: t.relation('citation', { description: 'Source of this version of the text.' }),
  }),
});

builder.queryFields((t) => ({
  provisions: t.prismaConnection(
    {
      type: 'ControlProvision',
      cursor: 'id',
      description:
        'Control-list provisions, ordered by regime, then code. By default only whole entries in their current version; use `filter.kind` for paragraphs and `asOf` for the versions valid on a date.',
      args: {
        filter: t.arg({ type: ProvisionFilter, description: 'Conditions the provisions must meet.' }),
        asOf: t.arg({ type: 'Date', description: ASOF_DESCRIPTION }),
      },
      resolve: (query, _root, args) =>
        getPrisma().controlProvision.findMany({
          ...query,
          where: provisionWhere(args.filter, args.asOf),
          orderBy: PROVISION_ORDER,
        }),
      totalCount: (_root, args) =>
        getPrisma().controlProvision.count({ where: provisionWhere(args.filter, args.asOf) }),
    },
    {
      name: 'ControlProvisionConnection',
      description: 'A page of control-list provisions.',
      fields: (c) => ({
        totalCount: c.int({
          description: totalCountDescription('provisions'),
          extensions: TOTAL_COUNT_EXTENSIONS,
          resolve: connectionTotalCount,
        }),
      }),
    },
    { name: 'ControlProvisionEdge', description: 'A provision in a page, with its cursor.' },
  ),

  provision: t.prismaField({
    type: 'ControlProvision',
    nullable: true,
    description:
      'One provision by its exact code (entry or paragraph, case-sensitive), in its current version or the version valid on `asOf`. Null when no such provision (or no version known to be valid on that date) exists. When the code exists in several regimes and `regime` is omitted, the request fails with BAD_USER_INPUT listing the regimes to choose from.',
    args: {
      code: t.arg.string({ required: true, description: 'The exact code, e.g. "6A003" or "6A003.b.4.b".' }),
      regime: t.arg({
        type: RegimeEnum,
        description: 'The control-list family; required when the code exists in more than one.',
      }),
      asOf: t.arg({ type: 'Date', description: ASOF_DESCRIPTION }),
    },
    resolve: async (query, _root, args) => {
      const where: Prisma.ControlProvisionWhereInput = {
        AND: [{ code: args.code }, args.regime ? { regime: args.regime } : {}, provisionVersionWhere(args.asOf)],
      };
      // A few rows at most (one per regime); reading them with the planned selection keeps
      // this to one query in the normal case of a single match. `regime` is read below whatever
      // the query asks, so it joins the planned columns.
      const matches = await getPrisma().controlProvision.findMany({
        ...query,
        select: { ...query.select, regime: true },
        where,
        orderBy: PROVISION_ORDER,
        take: 20,
      });
      const [only] = matches;
      if (!only) return null;
      const regimes = [...new Set(matches.map((match) => match.regime))];
      if (regimes.length > 1) throw new AmbiguousProvisionCodeError(args.code, regimes);
      if (matches.length > 1) {
        const when = args.asOf ? `on ${args.asOf.toISOString().slice(0, 10)}` : 'as current';
        throw new InconsistentDataError(
          `${matches.length} versions of ${args.code} (${only.regime}) are recorded as valid ${when}; the knowledge base cannot tell which applies.`,
        );
      }
      return only;
    },
  }),
}));
