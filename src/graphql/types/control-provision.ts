// ControlProvision: a list entry or paragraph in one version, with the `provisions` listing and
// the `provision(code:)` lookup.
import { findProvision, PROVISION_ORDER, provisionWhere } from '../../services/listings/provision-listing.js';
import { notRetired, thresholdListWhere } from '../../services/listings/threshold-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { findManyCompiled } from '../compiled-selection.js';
import { RegimeEnum } from './control-list.js';
import { ItemTypeEnum, ProvisionFilter, ProvisionKindEnum, VersionStatusEnum } from './provision-filter.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';
import { ThresholdGroupRoleEnum } from './threshold-enums.js';

const ASOF_DESCRIPTION =
  'Return the versions valid on this date instead of the current ones. A version counts only when the sources establish it was in force on that date; versions whose validity on the date is unknown are left out.';

export const ControlProvisionRef = builder.prismaNode('ControlProvision', {
  id: nodeIdOf('ControlProvision'),
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
      resolve: (query, _root, args, context, info) => {
        const findArgs = { ...query, where: provisionWhere(args.filter, args.asOf), orderBy: PROVISION_ORDER };
        return findManyCompiled(
          context,
          info,
          { model: 'ControlProvision', connection: { cursor: 'id' } },
          findArgs,
          () => context.services.db.prisma.controlProvision.findMany(findArgs),
        );
      },
      totalCount: (_root, args, { services }) =>
        services.db.prisma.controlProvision.count({ where: provisionWhere(args.filter, args.asOf) }),
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
    resolve: (query, _root, args, { services }) =>
      findProvision(services.db.prisma, { code: args.code, regime: args.regime, asOf: args.asOf }, query.select ?? {}),
  }),
}));
