// One exemption checked against the facts of an export: its outcome, every condition with the
// verbatim text it was read from and its citation, the disqualifiers that fired. Also the enums
// checkExemptions answers in.
import type { ConditionCheck, ExemptionCheck } from '../../classification/exemption-evaluation.js';
import type { FactDeclaration } from '../../classification/encoding-schema.js';
import { DESTINATION_FACT } from '../../classification/exemption-rules.js';
import type { ExemptionRow } from '../../services/exemption-check.js';
import { builder } from '../builder.js';
import { CitationRef } from './citation.js';
import { TraceLineRef } from './classification-trace.js';
import { RegimeEnum } from './control-list.js';
import { ExemptionRef } from './exemption.js';

export const ExemptionVerdictEnum = builder.enumType('ExemptionVerdict', {
  description: 'Overall answer of `checkExemptions`. Never EXEMPT unless an exemption applies on the facts given.',
  values: {
    NOT_CONTROLLED: {
      description:
        'The item is not controlled in any regime asked about (for `item`: by the encoded entries; see `notes`).',
    },
    EXEMPT: {
      description:
        'In every regime where the item is (or may be) controlled, an exemption applies on the facts given. Check `classificationUnknown`.',
    },
    LICENCE_LIKELY_REQUIRED: {
      description: 'The item is controlled in a regime and every exemption checked there does not apply.',
    },
    INDETERMINATE: {
      description: 'The facts or the stored texts do not decide: answer `questionsToAnswer`. Nothing is cleared.',
    },
  } as const,
});

export const ExemptionEligibilityOutcomeEnum = builder.enumType('ExemptionEligibilityOutcome', {
  description: 'Whether one exemption covers the export.',
  values: {
    APPLIES: { description: 'Every condition is satisfied and no disqualifier holds, on the facts given.' },
    DOES_NOT_APPLY: { description: 'A condition is unsatisfied or a disqualifier holds (see `disqualifiersFired`).' },
    INDETERMINATE: {
      description: 'Not decided: facts are missing (`missingFacts`) or the stored text cannot decide (`undecidable`).',
    },
  } as const,
});

const ConditionOutcomeEnum = builder.enumType('ExemptionConditionOutcome', {
  description: 'Three-valued outcome of one condition.',
  values: {
    SATISFIED: {
      description: 'It holds on the facts given. For a DISQUALIFIER: the disqualifying circumstance holds (it fired).',
    },
    UNSATISFIED: { description: 'It does not hold on the facts given.' },
    UNKNOWN: { description: 'The facts given (or the stored text) do not decide it.' },
  } as const,
});

const ConditionCheckRoleEnum = builder.enumType('ExemptionConditionCheckRole', {
  description: 'What a checked condition does to the exemption.',
  values: {
    REQUIREMENT: { description: 'Must be SATISFIED for the exemption to apply.' },
    DISQUALIFIER: { description: 'When SATISFIED (it holds), the exemption does not apply.' },
    VALIDITY: {
      description: 'The exemption must be in force on `asOf`; UNSATISFIED when it was revoked or not yet in force.',
    },
    ENTRY: {
      description:
        "The exemption is written for list entries (a list note, a carve-out in an entry's text) and no entry that controls the item was given or found: UNKNOWN until the entry is given in `provisions`.",
    },
    CLASSIFICATION: {
      description:
        'Decided by classifying the item: UNSATISFIED when the item meets the list paragraph with the note evaluated in full, so the note does not take it out.',
    },
  } as const,
});

export const ActivityFactTypeEnum = builder.enumType('ActivityFactType', {
  description: 'How a fact is given.',
  values: {
    BOOLEAN: { description: 'Yes or no: give `boolean`.' },
    ENUM: { description: 'One of `values`: give `choice`.' },
    NUMBER: { description: 'A number with a unit: give `number` and `unit`.' },
  } as const,
});

export const factType = (declaration: FactDeclaration) =>
  (declaration.type === 'boolean' ? 'BOOLEAN' : declaration.type === 'enum' ? 'ENUM' : 'NUMBER') as
    'BOOLEAN' | 'ENUM' | 'NUMBER';
export const factValues = (declaration: FactDeclaration) =>
  declaration.type === 'enum'
    ? declaration.name === DESTINATION_FACT
      ? declaration.values.map((value) => value.toUpperCase())
      : declaration.values
    : [];

const ExemptionConditionCheckRef = builder.objectRef<ConditionCheck<ExemptionRow>>('ExemptionConditionCheck');
ExemptionConditionCheckRef.implement({
  description:
    'One condition of an exemption as checked against the facts given, with the verbatim text it was read from and its citation.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable id of the condition within the exemption encoding.' }),
    role: t.field({
      type: ConditionCheckRoleEnum,
      description: 'Requirement, disqualifier, validity or classification.',
      resolve: (condition) => condition.role,
    }),
    label: t.exposeString('label', { description: 'The condition in plain words.' }),
    outcome: t.field({
      type: ConditionOutcomeEnum,
      description: 'SATISFIED, UNSATISFIED or UNKNOWN (for a disqualifier, SATISFIED = it fired).',
      resolve: (condition) => condition.outcome,
    }),
    textVerbatim: t.exposeString('textVerbatim', {
      description: 'The passage of the exemption record the condition was read from, verbatim.',
    }),
    source: t.string({
      description:
        'Which part of the record the passage is in ("text_verbatim" is the legal text; "conditions_secondary", "text_note" and the like are guidance or editors\' notes; "classification" is classifyItem\'s result; "entry" the list entries the exemption is written for).',
      resolve: (condition) => condition.from,
    }),
    secondary: t.exposeBoolean('secondary', {
      description:
        'True when the passage is from a secondary source (guidance, commentary, notes) rather than the legal text.',
    }),
    exemptionKey: t.string({
      description: 'Key of the exemption record the passage is quoted from (usually the exemption itself).',
      resolve: (condition) => condition.record.key,
    }),
    citation: t.field({
      type: CitationRef,
      description: 'Source of the passage.',
      resolve: (condition) => condition.record.citation,
    }),
    undecidable: t.exposeString('undecidable', {
      nullable: true,
      description: 'Why the stored text cannot decide this condition; null when the facts can.',
    }),
    missingFacts: t.exposeStringList('missingFacts', { description: 'For UNKNOWN: the facts that would decide it.' }),
    criteria: t.field({
      type: [TraceLineRef],
      description: 'The encoded criteria of the condition, each with what it requires and the value given.',
      resolve: (condition) => condition.traces,
    }),
    alternatives: t.field({
      type: [ExemptionConditionCheckRef],
      description: 'For an "any of" condition: the alternatives (one SATISFIED is enough); empty otherwise.',
      resolve: (condition) => condition.alternatives,
    }),
  }),
});

export const ExemptionEligibilityRef = builder
  .objectRef<ExemptionCheck<ExemptionRow>>('ExemptionEligibility')
  .implement({
    description: 'Whether one exemption covers the export, condition by condition.',
    fields: (t) => ({
      exemptionKey: t.string({
        description: 'Key of the exemption record (as in the seed data, e.g. "US-EAR-734.8").',
        resolve: (check) => check.key,
      }),
      exemption: t.field({
        type: ExemptionRef,
        description: 'The exemption record.',
        resolve: (check) => check.record,
      }),
      name: t.string({ description: 'Name of the exemption.', resolve: (check) => check.record.name }),
      legalBasis: t.string({
        description: 'Legal citation, e.g. "15 CFR 734.8".',
        resolve: (check) => check.record.legalBasis,
      }),
      regimes: t.field({
        type: [RegimeEnum],
        description: 'Regimes whose answer this exemption counts for.',
        resolve: (check) => check.regimes,
      }),
      outcome: t.field({
        type: ExemptionEligibilityOutcomeEnum,
        description: 'APPLIES, DOES_NOT_APPLY or INDETERMINATE.',
        resolve: (check) => check.outcome,
      }),
      reason: t.exposeString('reason', { description: 'Why, in plain words.' }),
      conditions: t.field({
        type: [ExemptionConditionCheckRef],
        description:
          'Every check, in order: validity, entry, classification, requirements, then disqualifiers (kept for clients that split them by `role`; `requirements` and `disqualifiers` hold the two apart).',
        deprecationReason:
          'Mixes what must hold with what must not (a disqualifier that does not hold reads UNSATISFIED here): use `requirements` and `disqualifiers`.',
        resolve: (check) => check.conditions,
      }),
      requirements: t.field({
        type: [ExemptionConditionCheckRef],
        description:
          'What must hold for the exemption to apply: validity, the list entry, the classification and the requirements (SATISFIED = holds).',
        resolve: (check) => check.requirements,
      }),
      disqualifiers: t.field({
        type: [ExemptionConditionCheckRef],
        description:
          'What must not hold, apart from the requirements: each disqualifier with its outcome (SATISFIED = it holds and rules the exemption out; UNSATISFIED = it does not hold, as needed).',
        resolve: (check) => check.disqualifiers,
      }),
      disqualifiersFired: t.field({
        type: [ExemptionConditionCheckRef],
        description:
          'Disqualifiers that hold, and validity or classification checks that failed (e.g. revoked; hardware is not technology).',
        resolve: (check) => check.disqualifiersFired,
      }),
      missingFacts: t.exposeStringList('missingFacts', {
        description: 'For INDETERMINATE: facts that would decide it.',
      }),
      undecidable: t.exposeStringList('undecidable', {
        description: 'For INDETERMINATE: what the stored text cannot decide, in plain words (facts will not help).',
      }),
      caveats: t.exposeStringList('caveats', { description: 'Caveats about the text (edition, paraphrase, source).' }),
      effect: t.exposeString('effect', {
        nullable: true,
        description: 'What applying it means where the record says (e.g. the entry the item moves to); null otherwise.',
      }),
      citation: t.field({
        type: CitationRef,
        description: 'Source of the exemption text.',
        resolve: (check) => check.record.citation,
      }),
    }),
  });
