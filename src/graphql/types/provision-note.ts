// ProvisionNote: a Note, Technical Note or N.B. the list prints with a provision, and
// ControlProvision.listNotes.
import { ProvisionNoteKind } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';

export const ProvisionNoteKindEnum = builder.enumType(ProvisionNoteKind, {
  name: 'ProvisionNoteKind',
  description: 'How a note printed with a provision labels itself.',
  values: {
    NOTE: { description: 'A Note ("Note", "Note 3", "Notes"): often a decontrol or a reading of the paragraph.' },
    TECHNICAL_NOTE: { description: 'A Technical Note: how a term or a figure of the paragraph is measured or read.' },
    NB: { description: 'An N.B.: a pointer to another entry or list.' },
  },
});

export const ProvisionNoteRef = builder.prismaObject('ProvisionNote', {
  description:
    'A Note, Technical Note or N.B. printed with a provision, verbatim, in the version of the provision it belongs to.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ProvisionNoteKindEnum, description: 'Note, Technical Note or N.B.' }),
    label: t.exposeString('label', { description: 'The label as printed, e.g. "Note 3" or "Technical Notes:".' }),
    text: t.exposeString('text', { description: 'The verbatim text of the note.' }),
    appliesTo: t.exposeStringList('appliesTo', {
      description:
        'Paragraphs the note says it concerns, in the list’s own codes, where the source records them; empty otherwise.',
    }),
    codesMentioned: t.exposeStringList('codesMentioned', {
      description: 'Codes the note’s text mentions, as printed; empty when none was recorded.',
    }),
    scopeInText: t.exposeString('scopeInText', {
      nullable: true,
      description:
        'Where the note’s own words name a scope other than the paragraph it is printed with, those words; null otherwise.',
    }),
    citation: t.relation('citation', { description: 'Source of the note.' }),
  }),
});

builder.prismaObjectFields('ControlProvision', (t) => ({
  listNotes: t.relation('listNotes', {
    description:
      'The Notes, Technical Notes and N.B.s the list prints with this provision (in this version), in the order of the text. Notes that decontrol items are also encoded for classifyItem where an encoding exists.',
    query: { orderBy: [{ ordinal: 'asc' }, { id: 'asc' }] },
  }),
}));
