// The answer of checkExemptions (overall and per regime verdict, the questions that would decide
// what is undecided) and the activity facts it accepts.
import type { FactDeclaration } from '../../classification/encoding-schema.js';
import type {
  ExemptionCheckAnswer,
  ExemptionQuestion,
  RegimeExemptionVerdict,
} from '../../services/exemption-check.js';
import { builder } from '../builder.js';
import { ClassificationOutcomeEnum } from './classification-trace.js';
import { RegimeEnum } from './control-list.js';
import {
  ActivityFactTypeEnum,
  ExemptionEligibilityRef,
  ExemptionVerdictEnum,
  factType,
  factValues,
} from './exemption-eligibility.js';

const RegimeExemptionVerdictRef = builder.objectRef<RegimeExemptionVerdict>('RegimeExemptionVerdict').implement({
  description: 'The answer for one regime.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'The regime.', resolve: (regime) => regime.regime }),
    controlled: t.field({
      type: ClassificationOutcomeEnum,
      description: 'Whether the item is controlled in this regime (MET), not (NOT_MET), or unknown.',
      resolve: (regime) => regime.controlled,
    }),
    controlBasis: t.string({ description: 'How the control status was decided.', resolve: (regime) => regime.basis }),
    controlledBy: t.stringList({
      description: 'The codes or encoded paragraphs the status rests on (MET or UNKNOWN ones).',
      resolve: (regime) =>
        regime.paragraphs.filter((paragraph) => paragraph.outcome !== 'NOT_MET').map((paragraph) => paragraph.code),
    }),
    verdict: t.field({
      type: ExemptionVerdictEnum,
      description: 'The verdict for this regime.',
      resolve: (regime) => regime.verdict,
    }),
    reason: t.exposeString('reason', { description: 'Why, in plain words.' }),
    applyingExemptions: t.exposeStringList('applyingExemptions', {
      description: 'Keys of the exemptions that apply in this regime.',
    }),
    classificationUnknown: t.exposeBoolean('classificationUnknown', {
      description: 'True when an exemption applies but whether the item is controlled at all is unknown.',
    }),
  }),
});

const ExemptionQuestionRef = builder.objectRef<ExemptionQuestion>('ExemptionQuestion').implement({
  description: 'A fact that would decide an undecided exemption (or the classification of the item).',
  fields: (t) => ({
    fact: t.exposeString('fact', { description: 'The fact name.' }),
    type: t.field({
      type: ActivityFactTypeEnum,
      description: 'How to give it.',
      resolve: (question) => factType(question.declaration),
    }),
    description: t.string({
      description: 'What the fact means and how the texts define it.',
      resolve: (question) => question.declaration.description,
    }),
    values: t.stringList({
      description: 'For ENUM facts, the valid choices; empty otherwise.',
      resolve: (question) => factValues(question.declaration),
    }),
    exemptions: t.exposeStringList('exemptions', { description: 'Keys of the exemptions it would help decide.' }),
    forClassification: t.exposeBoolean('forClassification', {
      description: 'True when the classification of the item needs it.',
    }),
    givenAs: t.exposeString('givenAs', { description: 'Where to give it: "activity", "item.facts" or "destination".' }),
  }),
});

export const ExemptionCheckResultRef = builder.objectRef<ExemptionCheckAnswer>('ExemptionCheckResult').implement({
  description:
    'Which exemptions cover an export, and the overall verdict. Decision support, not legal advice: read `disclaimer`.',
  fields: (t) => ({
    verdict: t.field({
      type: ExemptionVerdictEnum,
      description: 'The overall verdict over the regimes asked about.',
      resolve: (result) => result.verdict,
    }),
    reason: t.exposeString('reason', { description: 'Why, in plain words.' }),
    classificationUnknown: t.exposeBoolean('classificationUnknown', {
      description:
        'True when an exemption applies but whether the item is controlled at all is unknown (EXEMPT then means "covered if it is controlled").',
    }),
    asOf: t.expose('asOf', { type: 'Date', description: 'The date checked (today when not given).' }),
    destination: t.exposeString('destination', {
      nullable: true,
      description: 'The destination checked (ISO 3166-1 alpha-2); null when not given.',
    }),
    regimes: t.field({
      type: [RegimeExemptionVerdictRef],
      description: 'The answer per regime.',
      resolve: (result) => result.regimeVerdicts,
    }),
    exemptions: t.field({
      type: [ExemptionEligibilityRef],
      description: 'Every exemption in scope (regime, and for list notes the paragraph), in key order.',
      resolve: (result) => result.exemptions,
    }),
    questionsToAnswer: t.field({
      type: [ExemptionQuestionRef],
      description:
        'Facts that would decide the undecided exemptions (most useful first), then facts the classification needs.',
      resolve: (result) => result.questionsToAnswer,
    }),
    disclaimer: t.exposeString('disclaimer', {
      description: 'What this answer is and is not, and the editions of the texts used. Show it with the answer.',
    }),
    notes: t.exposeStringList('notes', {
      description: 'How the control status was decided, and assumptions to check.',
    }),
  }),
});

export const ActivityFactRef = builder
  .objectRef<{ declaration: FactDeclaration; exemptions: string[]; givenAs: string }>('ActivityFact')
  .implement({
    description:
      'A fact about the export (what, by whom, how it was produced and shared) that exemption conditions use.',
    fields: (t) => ({
      name: t.string({
        description: 'The fact name (snake_case); give it in `activity`.',
        resolve: (fact) => fact.declaration.name,
      }),
      type: t.field({
        type: ActivityFactTypeEnum,
        description: 'How to give it.',
        resolve: (fact) => factType(fact.declaration),
      }),
      description: t.string({
        description: 'What it means and how the texts define it.',
        resolve: (fact) => fact.declaration.description,
      }),
      values: t.stringList({
        description: 'For ENUM facts, the valid choices; empty otherwise.',
        resolve: (fact) => factValues(fact.declaration),
      }),
      exemptions: t.exposeStringList('exemptions', { description: 'Keys of the exemptions whose conditions use it.' }),
      givenAs: t.exposeString('givenAs', {
        description: 'Where to give it: "activity", or "destination" for the country.',
      }),
    }),
  });
