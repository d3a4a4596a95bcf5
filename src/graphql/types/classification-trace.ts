// The three-valued outcome and the criterion trace that classifyItem and checkExemptions share:
// every encoded criterion with what the text requires, what was given and the verbatim text,
// and the decontrol notes and control-table lines that fired.
import type { ClassifiedControlReason, ClassifiedExclusion } from '../../classification/classify-facts.js';
import type { CriterionTrace } from '../../classification/evaluate-expression.js';
import type { Implication, ImplicationCitation } from '../../classification/implication-schema.js';
import { builder } from '../builder.js';

export const ClassificationOutcomeEnum = builder.enumType('ClassificationOutcome', {
  description: 'Three-valued answer: UNKNOWN whenever the facts given do not decide, never rounded to either side.',
  values: {
    MET: { description: 'The facts satisfy the condition.' },
    NOT_MET: { description: 'The facts rule the condition out.' },
    UNKNOWN: {
      description: 'The facts given do not decide it (see `missingFacts`), or no encoded text is known to apply.',
    },
  } as const,
});

export const RegimeCoverageEnum = builder.enumType('RegimeCoverage', {
  description: 'Whether a regime could be evaluated.',
  values: {
    ENCODED: { description: 'Its entries are encoded and the encoded text is in force on the date asked about.' },
    NOT_ENCODED: { description: 'Nothing of this regime is encoded: no answer can be given (this is not NOT_MET).' },
    TEXT_NOT_IN_FORCE: {
      description:
        'Entries are encoded, but the encoded text is not known to be in force on the date asked about; they are not evaluated.',
    },
  } as const,
});

export const FactSourceEnum = builder.enumType('FactSource', {
  description: 'Where the value a criterion was decided on came from.',
  values: {
    GIVEN: { description: 'A fact the user gave.' },
    DECLARED: { description: 'A classification the user declared (`ItemInput.declared`).' },
    IMPLIED: {
      description: 'A fact that follows from the facts given or the classifications declared (see `implication`).',
    },
  } as const,
});

export const ImplicationBasisEnum = builder.enumType('ImplicationBasis', {
  description: 'What an implication rule rests on.',
  values: {
    DEFINITION: { description: 'A definition or technical note of the list.' },
    LIST_STRUCTURE: { description: 'How the list nests paragraphs under a heading.' },
    PARAGRAPH_REQUIREMENTS: {
      description: 'What a declared paragraph (and those above it) require without a choice, read from its encoding.',
    },
  } as const,
});

export const ImplicationCitationRef = builder.objectRef<ImplicationCitation>('ImplicationCitation').implement({
  description: 'The list text an implication rests on, verbatim.',
  fields: (t) => ({
    regime: t.exposeString('regime', { description: 'The list the text is from (US_EAR, EU, ...).' }),
    paragraph: t.exposeString('paragraph', {
      description: 'The paragraph or note, e.g. "6A003.b", "Technical Note to 6A002.a.3".',
    }),
    text: t.exposeString('text', { description: 'The verbatim text.' }),
  }),
});

export const ImplicationRef = builder.objectRef<Implication>('Implication').implement({
  description: 'Why a fact the user did not give was taken: the rule, what triggered it, and the text it rests on.',
  fields: (t) => ({
    rule: t.exposeString('rule', { description: 'Id of the rule (seed/encodings/implications).' }),
    basis: t.field({ type: ImplicationBasisEnum, description: 'What the rule rests on.', resolve: (i) => i.basis }),
    reading: t.exposeString('reading', { description: 'Why the implication holds, in plain words.' }),
    because: t.exposeString('because', {
      description: 'What triggered it: the fact given or the classification declared.',
    }),
    citations: t.field({
      type: [ImplicationCitationRef],
      description: 'The list texts the rule rests on.',
      resolve: (i) => i.citations,
    }),
  }),
});

export const TraceLineRef = builder.objectRef<CriterionTrace & { paragraph?: string }>('CriterionTrace').implement({
  description: 'One encoded criterion and how the item fared against it, with the verbatim text it was read from.',
  fields: (t) => ({
    criterionId: t.exposeString('criterionId', { description: 'Stable id of the criterion within its encoding.' }),
    paragraph: t.string({
      nullable: true,
      description:
        'Code of the paragraph whose text the criterion was read from (cite it); null inside decontrol notes and control-table lines, which name their own paragraph.',
      resolve: (trace) => trace.paragraph ?? null,
    }),
    fact: t.exposeString('fact', {
      nullable: true,
      description: 'The fact compared; null for a reference to another paragraph.',
    }),
    ref: t.exposeString('ref', {
      nullable: true,
      description: 'For "controlled by ..." criteria, the paragraph referred to (its own criteria follow this line).',
    }),
    required: t.exposeString('required', {
      description: 'What the text requires, e.g. "> 1000000 frames/s", "= true".',
    }),
    given: t.exposeString('given', {
      nullable: true,
      description: 'The value given for the fact, as given; null when it was not given.',
    }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      description: 'How the item fared against this criterion.',
      resolve: (trace) => trace.outcome,
    }),
    text: t.exposeString('text', { description: 'The verbatim sentence or clause the criterion was read from.' }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'How the text was read where a reading was needed (e.g. "better than" = lower); null when none.',
    }),
    source: t.field({
      type: FactSourceEnum,
      nullable: true,
      description:
        'Where the value the criterion was decided on came from: GIVEN, DECLARED (a declared classification stands for the criterion) or IMPLIED (see `implication`); null when nothing decided it.',
      resolve: (trace) => trace.source ?? null,
    }),
    implication: t.field({
      type: ImplicationRef,
      nullable: true,
      description: 'For an IMPLIED value: the rule, what triggered it and its citation; null otherwise.',
      resolve: (trace) => trace.implication ?? null,
    }),
  }),
});

export const ClassifiedExclusionRef = builder.objectRef<ClassifiedExclusion>('ClassifiedExclusion').implement({
  description:
    'A decontrol note ("... does not control ...") that takes the item out of a paragraph (MET) or might (UNKNOWN).',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable id of the note within its encoding.' }),
    label: t.exposeString('label', { description: 'The note as the list labels it, e.g. "Note 3 to 6A003.b.4".' }),
    text: t.exposeString('text', { description: 'Verbatim text of the note.' }),
    paragraph: t.exposeString('paragraph', {
      description: 'The paragraph the note belongs to (the classified paragraph or one of its ancestors).',
    }),
    outcome: t.field({
      type: ClassificationOutcomeEnum,
      description: 'MET: the note applies; UNKNOWN: it might, facts are missing.',
      resolve: (exclusion) => exclusion.outcome,
    }),
    movesTo: t.string({
      nullable: true,
      description: 'Where the list says the excluded item goes instead (e.g. "6A993.a"); null when it does not say.',
      resolve: (exclusion) => exclusion.movesTo?.paragraph ?? null,
    }),
    movesToText: t.string({
      nullable: true,
      description: 'The verbatim sentence saying where the item goes; null when there is none.',
      resolve: (exclusion) => exclusion.movesTo?.text ?? null,
    }),
    traces: t.field({
      type: [TraceLineRef],
      description: "The note's own criteria.",
      resolve: (exclusion) => exclusion.traces,
    }),
  }),
});

export const ControlReasonApplicationRef = builder
  .objectRef<ClassifiedControlReason>('ControlReasonApplication')
  .implement({
    description:
      "A line of the entry's control table (reason for control and country-chart column) covering the paragraph, and whether it applies to the item.",
    fields: (t) => ({
      reason: t.exposeString('reason', { description: 'Reason for control, e.g. "RS".' }),
      column: t.exposeString('column', { description: 'Country-chart column, e.g. "RS Column 1".' }),
      text: t.exposeString('text', { description: 'Verbatim text of the control-table line.' }),
      outcome: t.field({
        type: ClassificationOutcomeEnum,
        description:
          'Whether the line applies: the paragraph\'s outcome combined with the conditions the line itself states (e.g. "frame rate greater than 60 Hz").',
        resolve: (reason) => reason.outcome,
      }),
      traces: t.field({
        type: [TraceLineRef],
        description: "The line's own conditions; empty when it states none.",
        resolve: (reason) => reason.traces,
      }),
    }),
  });
