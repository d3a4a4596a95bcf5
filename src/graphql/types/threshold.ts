// Threshold and ThresholdGroup: verbatim key thresholds and the encoded criteria, as trees of
// groups under their provision.
import { notRetired } from '../../services/listings/threshold-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf, PROJECTED_COLUMN, type ProjectedColumn } from '../node-projection.js';
import { RegimeEnum } from './control-list.js';
import { ComparatorEnum, GroupOperatorEnum, ReferenceSubjectEnum, ThresholdGroupRoleEnum } from './threshold-enums.js';

export const ThresholdRef = builder.prismaNode('Threshold', {
  id: nodeIdOf('Threshold'),
  select: { id: true },
  nullable: true,
  description:
    'A technical condition of a provision (e.g. "a frame rate exceeding 60 Hz"). The verbatim text is always present. Verbatim rows (`encoded` false) carry only the text; encoded rows (`encoded` true, from the threshold encodings classifyItem evaluates) carry the fact, comparator, value(s) and unit, and belong to a `group` of the paragraph\'s logic.',
  fields: (t) => ({
    paragraph: t.exposeString('paragraph', {
      description:
        'Paragraph reference of the condition within the entry, e.g. "6A003.b.4.b" (also when the row is stored under an ancestor provision).',
    }),
    parameter: t.exposeString('parameter', {
      nullable: true,
      description:
        'The fact the condition compares (e.g. "frame_rate"), by the name classifyItem takes (see `itemFacts`); null for verbatim rows and REFERENCE conditions.',
    }),
    comparator: t.expose('comparator', {
      type: ComparatorEnum,
      nullable: true,
      description: 'How the fact is compared; null for verbatim rows.',
    }),
    value: t.float({
      nullable: true,
      description:
        'Threshold value in `unit`, as the text writes it (lower bound for BETWEEN); null for verbatim rows and conditions with no number.',
      select: { value: true },
      extensions: { [PROJECTED_COLUMN]: { column: 'value', format: 'float' } satisfies ProjectedColumn },
      resolve: (threshold) => threshold.value?.toNumber() ?? null,
    }),
    valueMax: t.float({
      nullable: true,
      description: 'Upper bound of a BETWEEN threshold in `unit`; null when the threshold is not a range.',
      select: { valueMax: true },
      extensions: { [PROJECTED_COLUMN]: { column: 'valueMax', format: 'float' } satisfies ProjectedColumn },
      resolve: (threshold) => threshold.valueMax?.toNumber() ?? null,
    }),
    unit: t.exposeString('unit', {
      nullable: true,
      description:
        'Unit of `value` and `valueMax` (e.g. "Hz", "µm"); null for counts, for conditions with no number and for verbatim rows.',
    }),
    dimension: t.exposeString('dimension', {
      nullable: true,
      description:
        'The physical dimension of a numeric fact (e.g. "frequency", "count"); values in other units of it are converted before comparing. Null for yes/no, choice and reference conditions and verbatim rows.',
    }),
    minInclusive: t.exposeBoolean('minInclusive', {
      nullable: true,
      description: 'BETWEEN: true when `value` itself is inside the range; null for other comparators.',
    }),
    maxInclusive: t.exposeBoolean('maxInclusive', {
      nullable: true,
      description: 'BETWEEN: true when `valueMax` itself is inside the range; null for other comparators.',
    }),
    values: t.exposeStringList('values', {
      description: 'IN: the choices of the fact that meet the condition; empty for other comparators.',
    }),
    booleanValue: t.exposeBoolean('booleanValue', {
      nullable: true,
      description:
        'BOOLEAN: the value the yes/no fact must have (true: the item has the property; false: it lacks it); null for other comparators.',
    }),
    ref: t.exposeString('ref', {
      nullable: true,
      description: 'REFERENCE: code of the paragraph referred to (e.g. "6A002.a.3.f"); null for other comparators.',
    }),
    refRegime: t.expose('refRegime', {
      type: RegimeEnum,
      nullable: true,
      description: 'REFERENCE: the control-list family of the paragraph referred to; null for other comparators.',
    }),
    refSubject: t.expose('refSubject', {
      type: ReferenceSubjectEnum,
      nullable: true,
      description:
        'REFERENCE: whether the item itself or a component the text names is meant; null for other comparators.',
    }),
    note: t.exposeString('note', {
      nullable: true,
      description:
        'How the text was read where a reading was needed (e.g. "better than" means lower), or the technical note defining the figure; null when there is none.',
    }),
    criterionKey: t.exposeString('criterionKey', {
      nullable: true,
      description:
        'Id of the criterion in its encoding file (the `criterion` of classifyItem traces); null for verbatim rows.',
    }),
    position: t.exposeInt('position', {
      nullable: true,
      description: 'Position among the members (thresholds and sub-groups) of `group`, from 0; null for verbatim rows.',
    }),
    textVerbatim: t.exposeString('textVerbatim', { description: 'The condition exactly as the list words it.' }),
    exponentNote: t.exposeString('exponentNote', {
      nullable: true,
      description:
        'Set where the source text lost superscripts (e.g. "4 x 106" means 4 x 10^6); says how the figure was read. Null when the text needed no such reading.',
    }),
    encoded: t.boolean({
      description:
        'True when the condition has been encoded (comparator and values can be evaluated, as classifyItem does); false when only the verbatim text is available.',
      select: { comparator: true },
      resolve: (threshold) => threshold.comparator !== null,
    }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'When the encodings stopped holding this condition (the row is kept for the record, never deleted); null for current rows.',
    }),
    group: t.relation('group', {
      nullable: true,
      description: "The group of the paragraph's logic this condition is a member of; null for verbatim rows.",
    }),
    provision: t.relation('provision', {
      description:
        'The provision this condition is stored under: its paragraph, or the nearest ancestor the knowledge base holds (EU paragraphs are stored under their entry).',
    }),
    citation: t.relation('citation', { description: 'Source of the condition text.' }),
  }),
});

export const ThresholdGroupRef = builder.prismaNode('ThresholdGroup', {
  id: nodeIdOf('ThresholdGroup'),
  select: { id: true },
  nullable: true,
  description:
    "A node of a paragraph's encoded logic: its members (`thresholds` and sub-`groups`) combine by `operator`. Root groups (no `parentGroup`) have a `role`: the paragraph's conditions, a decontrol note, or a control-table line; sub-groups share their root's role.",
  fields: (t) => ({
    role: t.expose('role', {
      type: ThresholdGroupRoleEnum,
      description: 'What the group decides (the same for a root group and its sub-groups).',
    }),
    operator: t.expose('operator', { type: GroupOperatorEnum, description: 'How the members combine.' }),
    paragraph: t.exposeString('paragraph', {
      description:
        'The paragraph the group belongs to, e.g. "6A003.b.4.b" (also when the group is stored under an ancestor provision).',
    }),
    textVerbatim: t.exposeString('textVerbatim', {
      nullable: true,
      description:
        'The words of the list the group stands for (the note, control-table line or "having all of the following" clause); null where the members\' own texts are all there is.',
    }),
    label: t.exposeString('label', {
      nullable: true,
      description:
        'EXCLUSION: the note\'s label as printed (e.g. "Note 3 to 6A003.b.4"); CONTROL_REASON: the country-chart column (e.g. "RS Column 1"); null otherwise and for sub-groups.',
    }),
    exclusionKey: t.exposeString('exclusionKey', {
      nullable: true,
      description:
        "EXCLUSION: id of the exclusion in its encoding file (the `id` of classifyItem's exclusions); null otherwise.",
    }),
    movesTo: t.exposeString('movesTo', {
      nullable: true,
      description:
        'EXCLUSION: the paragraph the list says the excluded item goes to instead (e.g. "6A993.a"); null when the list does not say.',
    }),
    movesToText: t.exposeString('movesToText', {
      nullable: true,
      description: 'EXCLUSION: the sentence of the list that says where the item goes; null when `movesTo` is null.',
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'CONTROL_REASON: the reason for control (e.g. "RS", "NP"); null otherwise.',
    }),
    appliesTo: t.exposeStringList('appliesTo', {
      description:
        'CONTROL_REASON: the paragraphs the control-table line names (empty: the whole entry); empty for other roles.',
    }),
    position: t.exposeInt('ordinal', {
      description: 'Position among the root groups of the provision, or among the members of the parent group, from 0.',
    }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'When the encodings stopped holding this group (the row is kept for the record, never deleted); null for current groups.',
    }),
    provision: t.relation('provision', {
      description:
        'The provision the group is stored under: its paragraph, or the nearest ancestor the knowledge base holds.',
    }),
    parentGroup: t.relation('parentGroup', {
      nullable: true,
      description: 'The group this one is a member of; null for a root group.',
    }),
    groups: t.relation('groups', {
      description: 'Sub-groups that are members of this group, by `position`.',
      args: {
        includeRetired: t.arg.boolean({
          required: true,
          defaultValue: false,
          description: 'Also list retired sub-groups (false by default).',
        }),
      },
      query: (args) => ({ where: notRetired(args.includeRetired), orderBy: [{ ordinal: 'asc' }, { id: 'asc' }] }),
    }),
    thresholds: t.relation('thresholds', {
      description: 'Thresholds that are members of this group, by `position`.',
      args: {
        includeRetired: t.arg.boolean({
          required: true,
          defaultValue: false,
          description: 'Also list retired thresholds (false by default).',
        }),
      },
      query: (args) => ({ where: notRetired(args.includeRetired), orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
    }),
    citation: t.relation('citation', {
      description: 'Source of the text the group stands for (that of its provision).',
    }),
  }),
});
