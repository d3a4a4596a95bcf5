// Submission: one stakeholder's response to a consultation, with its position and themes.
import { SubmissionPosition } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';

export const SubmissionPositionEnum = builder.enumType(SubmissionPosition, {
  name: 'SubmissionPosition',
  description: 'The stance a submission takes on the proposal consulted on.',
  values: {
    SUPPORT: { description: 'Supports the proposal.' },
    OPPOSE: { description: 'Opposes the proposal.' },
    MIXED: { description: 'Supports some parts and opposes others.' },
    NEUTRAL: { description: 'Comments without taking a side.' },
    UNKNOWN: { description: 'The position has not been determined from the sources.' },
  },
});

export const SubmissionRef = builder.prismaNode('Submission', {
  id: nodeIdOf('Submission'),
  select: { id: true },
  nullable: true,
  description: 'A response to a consultation from one stakeholder, as the public record lists it.',
  fields: (t) => ({
    stakeholder: t.relation('stakeholder', { description: 'Who made the submission.' }),
    consultation: t.relation('consultation', { description: 'The consultation it responds to.' }),
    receivedOn: t.expose('receivedOn', {
      type: 'Date',
      nullable: true,
      description: 'Date the submission was received or posted; null when the record does not say.',
    }),
    position: t.expose('position', {
      type: SubmissionPositionEnum,
      description: 'Stance on the proposal; UNKNOWN when not determined.',
    }),
    themes: t.exposeStringList('themes', {
      description: 'Topics the submission raises (e.g. "definitions", "compliance cost"); empty when not recorded.',
    }),
    pages: t.exposeInt('pages', {
      nullable: true,
      description: 'Length of the submission in pages; null when unknown.',
    }),
    documentRef: t.exposeString('documentRef', {
      nullable: true,
      description:
        'Identifier of the submission document in the docket (e.g. a regulations.gov document id); null when none is known.',
    }),
    citation: t.relation('citation', {
      nullable: true,
      description: "Source listing this submission; null when it is the consultation's own citation.",
    }),
  }),
});
