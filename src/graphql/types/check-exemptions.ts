// `checkExemptions` and `activityFacts`: which exemptions cover an export of an item (given by its
// provision codes or by its facts, classified by classifyItem's evaluator), for each one APPLIES /
// DOES_NOT_APPLY / INDETERMINATE with every condition, its verbatim text and citation, and an
// overall verdict that is EXEMPT only when an exemption applies on the facts given. The
// evaluation is checkExemptions (pure); this file loads the records (exemptions with their
// citations, and the provisions named) in a fixed number of statements.
import { z } from 'zod';
import {
  activityFactSet,
  ActivityInputError,
  checkExemptions,
  itemTypeOfCodes,
  type CheckResult,
  type ConditionCheck,
  type ExemptionCheck,
  type Question,
  type RegimeControl,
  type RegimeVerdict,
} from '../../classification/check-exemptions.js';
import { classifyFacts, type Classification } from '../../classification/classify-item.js';
import type { FactDeclaration } from '../../classification/encoding-schema.js';
import type { NormalizedFact } from '../../classification/evaluate-expression.js';
import type { ExemptionRegime } from '../../classification/exemption-encoding-schema.js';
import { DESTINATION_FACT } from '../../classification/exemption-rules.js';
import { FactInputError, normalizeFacts } from '../../classification/item-facts-input.js';
import { currentExemptionRules } from '../../classification/rulebook-holder.js';
import { anyOf, type Outcome } from '../../classification/three-valued.js';
import { getPrisma } from '../../db/prisma.js';
import { provisionVersionWhere } from '../../domain/point-in-time.js';
import type { Citation, Exemption, Regime } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { InvalidArgumentError, InvalidItemFactsError } from '../errors.js';
import { CitationRef } from './citation.js';
import { ClassificationOutcomeEnum, TraceLineRef } from './classification.js';
import { RegimeEnum } from './control-list.js';
import { ExemptionRef } from './exemption.js';
import { factInputsOf, ItemFactInput, ItemInput, type ItemFactInputShape, type ItemInputShape } from './item-input.js';

type ExemptionRow = Exemption & { citation: Citation; key: string };

// ------------------------------------------------------------------------------------ enums

const ExemptionVerdictEnum = builder.enumType('ExemptionVerdict', {
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

const ExemptionEligibilityOutcomeEnum = builder.enumType('ExemptionEligibilityOutcome', {
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
    CLASSIFICATION: {
      description:
        'Decided by classifying the item: UNSATISFIED when the item meets the list paragraph with the note evaluated in full, so the note does not take it out.',
    },
  } as const,
});

const ActivityFactTypeEnum = builder.enumType('ActivityFactType', {
  description: 'How a fact is given.',
  values: {
    BOOLEAN: { description: 'Yes or no: give `boolean`.' },
    ENUM: { description: 'One of `values`: give `choice`.' },
    NUMBER: { description: 'A number with a unit: give `number` and `unit`.' },
  } as const,
});

const factType = (declaration: FactDeclaration) =>
  (declaration.type === 'boolean' ? 'BOOLEAN' : declaration.type === 'enum' ? 'ENUM' : 'NUMBER') as
    'BOOLEAN' | 'ENUM' | 'NUMBER';
const factValues = (declaration: FactDeclaration) =>
  declaration.type === 'enum'
    ? declaration.name === DESTINATION_FACT
      ? declaration.values.map((value) => value.toUpperCase())
      : declaration.values
    : [];

// ------------------------------------------------------------------------------------ objects

type ConditionShape = ConditionCheck<ExemptionRow>;

const ExemptionConditionCheckRef = builder.objectRef<ConditionShape>('ExemptionConditionCheck');
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
        'Which part of the record the passage is in ("text_verbatim" is the legal text; "conditions_secondary", "text_note" and the like are guidance or editors\' notes; "classification" is classifyItem\'s result).',
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

type ExemptionShape = ExemptionCheck<ExemptionRow>;

const ExemptionEligibilityRef = builder.objectRef<ExemptionShape>('ExemptionEligibility').implement({
  description: 'Whether one exemption covers the export, condition by condition.',
  fields: (t) => ({
    exemptionKey: t.string({
      description: 'Key of the exemption record (as in the seed data, e.g. "US-EAR-734.8").',
      resolve: (check) => check.key,
    }),
    exemption: t.field({ type: ExemptionRef, description: 'The exemption record.', resolve: (check) => check.record }),
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
      description: 'Every condition checked, in order: validity, requirements, disqualifiers.',
      resolve: (check) => check.conditions,
    }),
    disqualifiersFired: t.field({
      type: [ExemptionConditionCheckRef],
      description:
        'Disqualifiers that hold, and validity or classification checks that failed (e.g. revoked; hardware is not technology).',
      resolve: (check) => check.disqualifiersFired,
    }),
    missingFacts: t.exposeStringList('missingFacts', { description: 'For INDETERMINATE: facts that would decide it.' }),
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

interface RegimeShape extends RegimeVerdict {
  basis: string;
  paragraphs: { code: string; outcome: Outcome }[];
}

const RegimeExemptionVerdictRef = builder.objectRef<RegimeShape>('RegimeExemptionVerdict').implement({
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

interface QuestionShape extends Question {
  givenAs: string;
}

const ExemptionQuestionRef = builder.objectRef<QuestionShape>('ExemptionQuestion').implement({
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

interface ResultShape extends CheckResult<ExemptionRow> {
  asOf: Date;
  destination: string | null;
  regimeShapes: RegimeShape[];
  questionShapes: QuestionShape[];
}

const ExemptionCheckResultRef = builder.objectRef<ResultShape>('ExemptionCheckResult').implement({
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
      resolve: (result) => result.regimeShapes,
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
      resolve: (result) => result.questionShapes,
    }),
    disclaimer: t.exposeString('disclaimer', {
      description: 'What this answer is and is not, and the editions of the texts used. Show it with the answer.',
    }),
    notes: t.exposeStringList('notes', {
      description: 'How the control status was decided, and assumptions to check.',
    }),
  }),
});

const ActivityFactRef = builder
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

// ------------------------------------------------------------------------------------ input

const REGIMES_WITH_EXEMPTIONS: readonly ExemptionRegime[] = ['US_EAR', 'EU', 'UK', 'WASSENAAR'];

const checkExemptionsInputSchema = z
  .object({
    provisions: z.array(z.string()).nullish(),
    item: z.unknown().nullish(),
    regimes: z.array(z.string()).nullish(),
    activity: z.array(z.unknown()).nullish(),
    destination: z.string().nullish(),
    asOf: z.unknown().nullish(),
  })
  .superRefine((input, context) => {
    if (!input.provisions?.length && !input.item) {
      context.addIssue({
        code: 'custom',
        path: ['provisions'],
        params: { rule: 'provisions-or-item' },
        message: 'Give `provisions` (list codes) or `item` (its facts), or both.',
      });
    }
    if (input.provisions && input.provisions.length > 50) {
      context.addIssue({
        code: 'custom',
        path: ['provisions'],
        params: { rule: 'at-most-50' },
        message: 'At most 50 provision codes.',
      });
    }
    input.provisions?.forEach((code, index) => {
      if (!/^[0-9A-Za-z][0-9A-Za-z.()\-]{0,40}$/.test(code.trim())) {
        context.addIssue({
          code: 'custom',
          path: ['provisions', index],
          params: { rule: 'provision-code' },
          message: `provisions[${index}] "${code}" is not a list code (e.g. "6A003", "6E001", "6A003.b.4.b").`,
        });
      }
    });
    if (input.regimes && input.regimes.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['regimes'],
        params: { rule: 'not-empty' },
        message: 'regimes, when given, must name at least one regime.',
      });
    }
    input.regimes?.forEach((regime, index) => {
      if (!(REGIMES_WITH_EXEMPTIONS as readonly string[]).includes(regime)) {
        context.addIssue({
          code: 'custom',
          path: ['regimes', index],
          params: { rule: 'regime-with-exemptions' },
          message: `No exemptions are recorded for ${regime}; use ${REGIMES_WITH_EXEMPTIONS.join(', ')}.`,
        });
      }
    });
    if (input.activity && input.activity.length > 100) {
      context.addIssue({
        code: 'custom',
        path: ['activity'],
        params: { rule: 'at-most-100' },
        message: 'At most 100 activity facts.',
      });
    }
  });

const CheckExemptionsInput = builder.inputType('CheckExemptionsInput', {
  description:
    'What is exported and how: the item by its list codes (`provisions`) or by its facts (`item`, classified against the encoded entries), the facts of the activity, the destination and the date. Facts not given are unknown: conditions that need them stay UNKNOWN.',
  fields: (t) => ({
    provisions: t.stringList({
      description:
        'Codes of the list entries or paragraphs that control what is exported (e.g. "6E001", "6A003.b.4.b"). Each must exist in a regime asked about; the product group letter gives the item type (A/B/C commodity, D software, E technology). When given with `item`, the codes decide the control status and the item facts are used for list notes.',
    }),
    item: t.field({
      type: ItemInput,
      description:
        "The item by its facts (see `itemFacts`); classified with `classifyItem`'s evaluator when no `provisions` are given.",
    }),
    regimes: t.field({
      type: [RegimeEnum],
      description:
        'Regimes to check (US_EAR, EU, UK, WASSENAAR). Default: the regimes of the codes given, or for `item` every regime with encoded entries.',
    }),
    activity: t.field({
      type: [ItemFactInput],
      description:
        'Facts about the activity, e.g. { name: "research_is_fundamental", boolean: true }. Names, types and choices are listed by `activityFacts`.',
    }),
    destination: t.string({ description: 'Country of destination, ISO 3166-1 alpha-2 (e.g. "JP").' }),
    asOf: t.field({
      type: 'Date',
      description: 'Check the exemptions in force on this date (e.g. revoked licences); today when omitted.',
    }),
  }),
  validate: checkExemptionsInputSchema,
});

interface CheckExemptionsInputShape {
  provisions?: string[] | null;
  item?: ItemInputShape | null;
  regimes?: Regime[] | null;
  activity?: ItemFactInputShape[] | null;
  destination?: string | null;
  asOf?: Date | null;
}

// ------------------------------------------------------------------------------------ resolver

const day = (date: Date) => date.toISOString().slice(0, 10);
const todayUtc = () => new Date(`${day(new Date())}T00:00:00Z`);

function activityInputsOf(activity: readonly ItemFactInputShape[]) {
  return activity.map((fact) => {
    if (fact.number !== null && fact.number !== undefined)
      return { name: fact.name, value: fact.number, unit: fact.unit ?? null };
    if (fact.boolean !== null && fact.boolean !== undefined) return { name: fact.name, value: fact.boolean };
    return { name: fact.name, value: fact.choice ?? '' };
  });
}

/** Control status per regime from the codes given: one query for every code (and its entry) valid on the date. */
async function controlFromProvisions(
  codes: readonly string[],
  regimes: readonly Regime[] | null,
  asOf: Date,
): Promise<RegimeControl[]> {
  const wanted = [...new Set(codes.map((code) => code.trim()))];
  const rows = await getPrisma().controlProvision.findMany({
    select: { code: true, regime: true, entryCode: true },
    where: {
      AND: [{ code: { in: wanted } }, regimes ? { regime: { in: [...regimes] } } : {}, provisionVersionWhere(asOf)],
    },
  });
  const found = new Map<string, Set<string>>();
  for (const row of rows) found.set(row.regime, (found.get(row.regime) ?? new Set()).add(row.code));
  // A code must exist somewhere; a requested regime without it (the UK list text is not stored,
  // for one) is reported as unknown for that regime, not as an error.
  // A code in force elsewhere or on another date is not an error: that regime is unknown.
  const anyRows =
    regimes === null && rows.length > 0 && wanted.every((code) => rows.some((row) => row.code === code))
      ? rows
      : await getPrisma().controlProvision.findMany({
          select: { code: true, regime: true },
          where: { code: { in: wanted } },
        });
  const missing = wanted.filter((code) => !anyRows.some((row) => row.code === code));
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      'input.provisions',
      'provision-exists',
      `No provision ${missing.map((code) => `"${code}"`).join(', ')} exists in any regime (codes are matched exactly, e.g. "6A003" or "6A003.b.4.b").`,
    );
  }
  const stored = new Set(anyRows.map((row) => row.regime));
  const regimeList = regimes ?? REGIMES_WITH_EXEMPTIONS.filter((regime) => found.has(regime) || stored.has(regime));
  return regimeList.map((regime) => {
    const codesHere = [...(found.get(regime) ?? [])].sort();
    return codesHere.length > 0
      ? {
          regime: regime as ExemptionRegime,
          controlled: 'MET' as const,
          basis: `${codesHere.join(', ')} (${regime}), the code(s) you gave, in force on ${day(asOf)}.`,
          paragraphs: codesHere.map((code) => ({ code, outcome: 'MET' as const })),
          missingFacts: [],
        }
      : {
          regime: regime as ExemptionRegime,
          controlled: 'UNKNOWN' as const,
          basis: `none of the codes given (${wanted.join(', ')}) is a ${regime} provision known to be in force on ${day(asOf)}, so whether ${regime} controls the item is unknown.`,
          paragraphs: [],
          missingFacts: [],
        };
  });
}

/** Control status per regime from the item's facts, with the texts in force on the date (one query). */
async function controlFromItem(
  classification: Classification,
  regimes: readonly ExemptionRegime[],
  asOf: Date,
): Promise<RegimeControl[]> {
  const entries = classification.entries;
  const rows =
    entries.length === 0
      ? []
      : await getPrisma().controlProvision.findMany({
          select: { code: true, regime: true, status: true },
          where: {
            AND: [
              { OR: entries.map((entry) => ({ regime: entry.regime as Regime, code: entry.entry })) },
              provisionVersionWhere(asOf),
            ],
          },
        });
  const inForce = new Set(rows.filter((row) => row.status === 'CURRENT').map((row) => `${row.regime} ${row.code}`));
  return regimes.map((regime) => {
    const regimeEntries = entries.filter((entry) => entry.regime === regime);
    if (regimeEntries.length === 0) {
      return {
        regime,
        controlled: 'UNKNOWN',
        basis: `nothing of ${regime} is encoded, so whether it controls the item is unknown.`,
        paragraphs: [],
        missingFacts: [],
      };
    }
    const usable = new Set(
      regimeEntries.filter((entry) => inForce.has(`${regime} ${entry.entry}`)).map((entry) => entry.entry),
    );
    const paragraphs = classification.paragraphs
      .filter((paragraph) => paragraph.regime === regime && paragraph.role === 'item')
      .map((paragraph) => ({
        code: paragraph.paragraph,
        outcome: usable.has(paragraph.entry) ? paragraph.outcome : ('UNKNOWN' as Outcome),
        missing: paragraph.missingFacts,
      }));
    const notInForce = regimeEntries.filter((entry) => !usable.has(entry.entry)).map((entry) => entry.entry);
    const controlled = anyOf([
      ...paragraphs.map((paragraph) => paragraph.outcome),
      ...(notInForce.length > 0 ? (['UNKNOWN'] as Outcome[]) : []),
    ]);
    const met = paragraphs.filter((paragraph) => paragraph.outcome === 'MET').map((paragraph) => paragraph.code);
    const encoded = regimeEntries.map((entry) => entry.entry).join(', ');
    const basis =
      controlled === 'MET'
        ? `classified from the item's facts: ${met.join(', ')} (${regime}) controls it.`
        : controlled === 'NOT_MET'
          ? `classified from the item's facts: none of the encoded ${regime} entries (${encoded}) controls it; entries not encoded were not checked.`
          : `classified from the item's facts: undecided for the encoded ${regime} entries (${encoded})${notInForce.length > 0 ? `; the encoded text of ${notInForce.join(', ')} is not known to be in force on ${day(asOf)}` : ''}.`;
    return {
      regime,
      controlled,
      basis,
      paragraphs: paragraphs.map(({ code, outcome }) => ({ code, outcome })),
      missingFacts: [
        ...new Set(
          paragraphs.filter((paragraph) => paragraph.outcome === 'UNKNOWN').flatMap((paragraph) => paragraph.missing),
        ),
      ],
    };
  });
}

function rethrowActivity(error: unknown): never {
  if (error instanceof ActivityInputError) {
    const [first] = error.problems;
    throw new InvalidArgumentError(`input.${first?.field ?? 'activity'}`, first?.rule ?? 'invalid', error.message);
  }
  throw error;
}

builder.queryFields((t) => ({
  checkExemptions: t.field({
    type: ExemptionCheckResultRef,
    description:
      'Checks which exemptions (fundamental research, published information, licence exceptions, general authorisations, list notes ...) cover an export: each APPLIES, DOES_NOT_APPLY or INDETERMINATE with every condition, its verbatim text and citation, the disqualifiers that fired, the questions that would decide the undecided ones, and an overall verdict that is never EXEMPT when the facts do not decide. Decision support, not legal advice.',
    args: {
      input: t.arg({
        type: CheckExemptionsInput,
        required: true,
        description: 'The item, the activity, the destination and the date.',
      }),
    },
    resolve: async (_root, args) => {
      const input = args.input as CheckExemptionsInputShape;
      const exemptionRules = currentExemptionRules();
      const rulebook = exemptionRules.rulebook;
      const asOf = input.asOf ?? todayUtc();
      const codes = (input.provisions ?? []).map((code) => code.trim());

      let itemFacts: Map<string, NormalizedFact> = new Map();
      if (input.item) {
        try {
          itemFacts = new Map(normalizeFacts(rulebook, factInputsOf(input.item)));
        } catch (error) {
          if (error instanceof FactInputError) throw new InvalidItemFactsError('input.item.facts', error.problems);
          throw error;
        }
      }

      let derivedItemType: { value: 'commodity' | 'software' | 'technology'; from: string } | null = null;
      if (codes.length > 0) {
        const typed = itemTypeOfCodes(codes);
        if (typed && 'conflict' in typed) {
          throw new InvalidArgumentError(
            'input.provisions',
            'one-item-type',
            `The codes control different kinds of item (${typed.conflict}): check one kind (hardware, software or technology) at a time.`,
          );
        }
        derivedItemType = typed;
      }
      let activity: Map<string, NormalizedFact>;
      try {
        activity = activityFactSet(
          exemptionRules,
          activityInputsOf(input.activity ?? []),
          input.destination,
          derivedItemType,
        );
      } catch (error) {
        rethrowActivity(error);
      }

      let control: RegimeControl[];
      let mode: 'provisions' | 'item';
      if (codes.length > 0) {
        mode = 'provisions';
        control = await controlFromProvisions(codes, input.regimes ?? null, asOf);
      } else {
        mode = 'item';
        const regimes = (input.regimes ??
          REGIMES_WITH_EXEMPTIONS.filter((regime) =>
            rulebook.entries.some((entry) => entry.encoding.regime === regime),
          )) as ExemptionRegime[];
        const classification = classifyFacts(rulebook, itemFacts, regimes);
        control = await controlFromItem(classification, regimes, asOf);
      }

      // One query: every exemption with its citation (the encodings cover all of them, and a
      // condition may quote another record).
      const records = await getPrisma().exemption.findMany({
        include: { citation: true },
        orderBy: { sourceKey: 'asc' },
      });
      const byKey = new Map<string, ExemptionRow>(
        records.map((record) => [record.sourceKey, { ...record, key: record.sourceKey }]),
      );

      const facts = new Map<string, NormalizedFact>([...itemFacts, ...activity]);
      const result = checkExemptions({ rules: exemptionRules, records: byKey, facts, control, mode, asOf });
      const regimeShapes: RegimeShape[] = result.regimes.map((regime) => {
        const source = control.find((candidate) => candidate.regime === regime.regime);
        return { ...regime, basis: source?.basis ?? '', paragraphs: source?.paragraphs ?? [] };
      });
      const questionShapes: QuestionShape[] = result.questions.map((question) => ({
        ...question,
        givenAs:
          question.fact === DESTINATION_FACT
            ? 'destination'
            : exemptionRules.activityFacts.has(question.fact)
              ? 'activity'
              : 'item.facts',
      }));
      const destination = activity.get(DESTINATION_FACT)?.given ?? null;
      return { ...result, asOf, destination, regimeShapes, questionShapes };
    },
  }),
  activityFacts: t.field({
    type: [ActivityFactRef],
    description:
      'The facts about an export that `checkExemptions` uses (in `activity`, or `destination`), with the exemptions using each, by name.',
    resolve: () => {
      const exemptionRules = currentExemptionRules();
      return [...exemptionRules.activityFacts.values()]
        .map((info) => ({
          declaration: info.declaration,
          exemptions: [...info.usedBy].sort(),
          givenAs: info.declaration.name === DESTINATION_FACT ? 'destination' : 'activity',
        }))
        .sort((a, b) => a.declaration.name.localeCompare(b.declaration.name));
    },
  }),
}));
