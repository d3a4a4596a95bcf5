// The answer of provisionDiff: word-level changes of a provision's text and of each note
// between two versions.
import type { DiffSegment, NoteDiff, ProvisionDiff } from '../../services/provision-diff.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import { ProvisionNoteKindEnum, ProvisionNoteRef } from './provision-note.js';

const DiffOperationEnum = builder.enumType('DiffOperation', {
  description: 'What a segment of a word-level diff does.',
  values: {
    EQUAL: { description: 'The text is in both versions.' },
    INSERT: { description: 'The text is only in the later version.' },
    DELETE: { description: 'The text is only in the earlier version.' },
  } as const,
});

const NoteChangeEnum = builder.enumType('NoteChange', {
  description: 'What happened to a note between the two versions (notes are paired by kind and label).',
  values: {
    SAME: { description: 'The note reads the same.' },
    CHANGED: { description: 'The note is in both versions with different words.' },
    ADDED: { description: 'The note is only in the later version.' },
    REMOVED: { description: 'The note is only in the earlier version.' },
  } as const,
});

export const DiffSegmentRef = builder.objectRef<DiffSegment>('DiffSegment').implement({
  description:
    'A run of words of a diff, spaces included: the EQUAL and DELETE segments rebuild the earlier text, the EQUAL and INSERT ones the later.',
  fields: (t) => ({
    op: t.field({ type: DiffOperationEnum, description: 'Kept, inserted or deleted.', resolve: (part) => part.op }),
    text: t.exposeString('text', { description: 'The words, verbatim.' }),
  }),
});

const NoteDiffRef = builder.objectRef<NoteDiff>('NoteDiff').implement({
  description: 'One note compared between the two versions.',
  fields: (t) => ({
    kind: t.field({
      type: ProvisionNoteKindEnum,
      description: 'Note, Technical Note or N.B.',
      resolve: (note) => note.kind,
    }),
    label: t.exposeString('label', { description: 'The label the note is paired by, as printed.' }),
    change: t.field({
      type: NoteChangeEnum,
      description: 'What happened to the note.',
      resolve: (note) => note.change,
    }),
    from: t.field({
      type: ProvisionNoteRef,
      nullable: true,
      description: 'The note in the earlier version.',
      resolve: (note) => note.from,
    }),
    to: t.field({
      type: ProvisionNoteRef,
      nullable: true,
      description: 'The note in the later version.',
      resolve: (note) => note.to,
    }),
    segments: t.field({
      type: [DiffSegmentRef],
      description: 'Word-level changes of its text.',
      resolve: (note) => note.segments,
    }),
  }),
});

export const ProvisionDiffRef = builder.objectRef<ProvisionDiff>('ProvisionDiff').implement({
  description:
    'What changed in a provision between two dates or versions, word by word, in its text and in each of its notes. Only texts the sources hold are compared.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'The list family.', resolve: (diff) => diff.regime }),
    code: t.exposeString('code', { description: 'The code compared.' }),
    from: t.field({
      type: ControlProvisionRef,
      nullable: true,
      description: 'The earlier version; null when no version is known to be in force on the date asked.',
      resolve: (diff) => diff.from,
    }),
    to: t.field({
      type: ControlProvisionRef,
      nullable: true,
      description: 'The later version; null when no version is known to be in force on the date asked.',
      resolve: (diff) => diff.to,
    }),
    changed: t.exposeBoolean('changed', {
      nullable: true,
      description: 'Whether text or notes differ; null when one end has no known version (unknown, not "unchanged").',
    }),
    text: t.field({
      type: [DiffSegmentRef],
      description: 'Word-level changes of the text (an unknown end counts as empty text).',
      resolve: (diff) => diff.text,
    }),
    notes: t.field({
      type: [NoteDiffRef],
      description: 'Each note compared: in the order of the later version, notes only in the earlier one after.',
      resolve: (diff) => diff.notes,
    }),
  }),
});
