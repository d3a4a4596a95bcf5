// The text comparison of one entry across regimes: per paragraph and per note, which regimes have
// it, whether their texts are the same, and the words that differ between each pair of regimes.
import type {
  ComparisonSide,
  ComparedProvision,
  NoteComparison,
  PairComparison,
  ParagraphComparison,
} from '../../services/regime-comparison.js';
import type { ProvisionNote } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import { DiffSegmentRef } from './provision-diff-result.js';
import { ProvisionNoteKindEnum } from './provision-note.js';

export const TextComparisonStatusEnum = builder.enumType('TextComparisonStatus', {
  description: 'How the regimes compared compare on one paragraph or note.',
  values: {
    SAME: { description: 'Every regime compared has it, with the same words and figures.' },
    DIFFERENT: { description: 'Every regime compared has it, and the words or figures differ somewhere.' },
    ONLY_IN_SOME: { description: 'Some of the regimes compared do not have it.' },
  } as const,
});

const PairStatusEnum = builder.enumType('TextPairStatus', {
  description: 'How two regimes compare on one paragraph or note.',
  values: {
    SAME: { description: 'Both have it, with the same words and figures.' },
    DIFFERENT: { description: 'Both have it, with different words or figures (see `differences`).' },
    ONLY_IN_ONE: { description: 'Only one of the two has it (see `onlyIn`).' },
  } as const,
});

const PairingMethodEnum = builder.enumType('PairingMethod', {
  description: 'How a regime’s provision was matched to the paragraph it is compared under.',
  values: {
    SAME_CODE: { description: 'The list prints the same code.' },
    EU_STYLE_CODE: {
      description: 'The Wassenaar List’s dotted code, read in the EU style ("6.A.3.b.4" as 6A003.b.4).',
    },
    WASSENAAR_CODE: {
      description: 'The Wassenaar code the UK list gives the provision (UK 6E003.a is Wassenaar 6.E.3.d).',
    },
  } as const,
});

const PairComparisonRef = builder.objectRef<PairComparison>('TextPairComparison').implement({
  description: 'Two regimes compared on one paragraph or note.',
  fields: (t) => ({
    first: t.field({ type: RegimeEnum, description: 'The first regime.', resolve: (pair) => pair.first }),
    second: t.field({ type: RegimeEnum, description: 'The second regime.', resolve: (pair) => pair.second }),
    status: t.field({
      type: PairStatusEnum,
      description: 'Same, different, or in one only.',
      resolve: (pair) => pair.status,
    }),
    onlyIn: t.field({
      type: RegimeEnum,
      nullable: true,
      description: 'For ONLY_IN_ONE, the regime that has it; null otherwise.',
      resolve: (pair) => pair.onlyIn,
    }),
    similarity: t.exposeFloat('similarity', {
      nullable: true,
      description: 'Share of the compared text the two have in common, from 0 to 1 (1 for SAME); null for ONLY_IN_ONE.',
    }),
    differences: t.field({
      type: [DiffSegmentRef],
      description:
        'For DIFFERENT, the word-level changes from the first regime’s text to the second’s; empty otherwise.',
      resolve: (pair) => pair.differences,
    }),
  }),
});

const ProvisionSideRef = builder.objectRef<ComparisonSide<ComparedProvision>>('ComparedProvisionSide').implement({
  description: 'One regime’s provision under a compared paragraph.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'The regime.', resolve: (side) => side.regime }),
    method: t.field({ type: PairingMethodEnum, description: 'How it was paired.', resolve: (side) => side.method }),
    provision: t.field({
      type: ControlProvisionRef,
      description: 'The provision, as that list prints it.',
      resolve: (side) => side.item,
    }),
  }),
});

const NoteSideRef = builder
  .objectRef<ComparisonSide<Pick<ProvisionNote, 'id' | 'kind' | 'label' | 'text'>>>('ComparedNoteSide')
  .implement({
    description: 'One regime’s note under a compared note.',
    fields: (t) => ({
      regime: t.field({ type: RegimeEnum, description: 'The regime.', resolve: (side) => side.regime }),
      label: t.string({ description: 'The label as that list prints it.', resolve: (side) => side.item.label }),
      text: t.string({ description: 'The verbatim text.', resolve: (side) => side.item.text }),
    }),
  });

const NoteComparisonRef = builder.objectRef<NoteComparison>('NoteComparison').implement({
  description: 'A note of a compared paragraph, paired across regimes by kind and label ("Note 3", "Technical Note").',
  fields: (t) => ({
    kind: t.field({
      type: ProvisionNoteKindEnum,
      description: 'Note, Technical Note or N.B.',
      resolve: (note) => note.kind,
    }),
    label: t.exposeString('label', { description: 'The label, as the first regime having it prints it.' }),
    status: t.field({
      type: TextComparisonStatusEnum,
      description: 'How the regimes compare on it.',
      resolve: (note) => note.status,
    }),
    sides: t.field({
      type: [NoteSideRef],
      description: 'Each regime’s text of the note.',
      resolve: (note) => note.sides,
    }),
    pairs: t.field({
      type: [PairComparisonRef],
      description: 'Each pair of regimes compared.',
      resolve: (note) => note.pairs,
    }),
  }),
});

export const ParagraphComparisonRef = builder.objectRef<ParagraphComparison>('ParagraphComparison').implement({
  description: 'One paragraph (or the entry itself) in the regimes compared, with its notes.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The EU-style code the regimes’ provisions are compared under.' }),
    status: t.field({
      type: TextComparisonStatusEnum,
      description: 'How the regimes compare on it.',
      resolve: (paragraph) => paragraph.status,
    }),
    sides: t.field({
      type: [ProvisionSideRef],
      description: 'Each regime’s provision.',
      resolve: (paragraph) => paragraph.sides,
    }),
    pairs: t.field({
      type: [PairComparisonRef],
      description: 'Each pair of regimes compared.',
      resolve: (paragraph) => paragraph.pairs,
    }),
    notes: t.field({
      type: [NoteComparisonRef],
      description: 'Its notes, paired across regimes.',
      resolve: (paragraph) => paragraph.notes,
    }),
  }),
});
