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
  AnswerReadingRef,
  ItemTypeUsedRef,
  ListBasedLicenceExceptionRef,
  OutOfScopeRef,
} from './exemption-check-details.js';
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
    givenAs: t.exposeString('givenAs', {
      description:
        'Where to give it: "activity", "item.facts", "destination", or "provisions" (the question `entry`: the code of the list entry that controls the item).',
    }),
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
    reason: t.exposeString('reason', {
      description: 'Why, in one sentence naming the exemption(s) the verdict rests on.',
    }),
    restsOn: t.exposeStringList('restsOn', {
      description:
        'Keys of the exemptions the verdict rests on: those that apply for EXEMPT, the undecided one nearest to deciding it for INDETERMINATE; empty otherwise.',
    }),
    mode: t.exposeString('mode', {
      description:
        'What was checked: "provisions" (the codes given), "item" (classified from its facts) or "activity" (neither: the activity facts alone, for the regimes whose exemptions use them unless `regimes` says).',
    }),
    itemType: t.field({
      type: ItemTypeUsedRef,
      nullable: true,
      description: 'The item type used and where it came from; null when not known.',
      resolve: (result) => result.itemType,
    }),
    answersRead: t.field({
      type: [AnswerReadingRef],
      description: 'Answers given in words and the facts they were read as.',
      resolve: (result) => result.answersRead,
    }),
    licenceExceptions: t.field({
      type: [ListBasedLicenceExceptionRef],
      description:
        "The list-based licence exceptions (LVS, GBS, TSR, STA) of the US entries the item is or may be controlled by, as each ECCN's text names them; asking for the entry when none is known; empty when the EAR is not asked about or does not control the item.",
      resolve: (result) => result.licenceExceptions,
    }),
    outOfScope: t.field({
      type: [OutOfScopeRef],
      description:
        'Exemptions of the regimes asked about not checked because they concern other list entries, with why.',
      resolve: (result) => result.outOfScope,
    }),
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
      description:
        'Every exemption in scope (regime, and for list notes and carve-outs the entry: INDETERMINATE asking for the entry when none is known), in key order.',
      resolve: (result) => result.exemptions,
    }),
    questionsToAnswer: t.field({
      type: [ExemptionQuestionRef],
      description:
        'Facts that would decide the undecided exemptions: those of the exemption asked about (`focus`) first, then those deciding the most exemptions, then facts only the classification needs.',
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
