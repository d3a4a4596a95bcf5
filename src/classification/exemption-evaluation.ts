// Checks which exemptions cover an export, with three-valued logic: each exemption in scope
// APPLIES, DOES_NOT_APPLY or is INDETERMINATE, each of its conditions SATISFIED, UNSATISFIED or
// UNKNOWN with the verbatim text it was read from, and an overall verdict that is EXEMPT only
// when an exemption applies on the facts given: an undecided exemption never counts. Pure: the
// records (names, citations, validity) come in as plain data.
import { InvalidArgumentError } from '../errors.js';
import type { FactDeclaration } from './encoding-schema.js';
import { evaluateExpression, type CriterionTrace, type FactSet, type NormalizedFact } from './evaluate-expression.js';
import {
  SECONDARY_FIELDS,
  type AnswerForm,
  type ConditionTest,
  type ExemptionEncoding,
  type ExemptionRegime,
  type RecordField,
} from './exemption-encoding-schema.js';
import { DESTINATION_FACT, ITEM_KIND_FACT, ITEM_TYPE_FACT, type ExemptionRules } from './exemption-rules.js';
import type { LicenceExceptionRow } from './exemption-licence-exceptions.js';
import { isIsoCountryCode } from './iso-countries.js';
import { closestNames } from './item-facts-input.js';
import { anyOf, type Outcome } from './three-valued.js';

export type EligibilityOutcome = 'APPLIES' | 'DOES_NOT_APPLY' | 'INDETERMINATE';
export type ConditionOutcome = 'SATISFIED' | 'UNSATISFIED' | 'UNKNOWN';
export type ExemptionVerdict = 'NOT_CONTROLLED' | 'EXEMPT' | 'LICENCE_LIKELY_REQUIRED' | 'INDETERMINATE';
/**
 * REQUIREMENT: must hold; DISQUALIFIER: must not hold; VALIDITY: in force on the date;
 * CLASSIFICATION: decided by classifyItem; ENTRY: the exemption is written for list entries
 * (a note, a carve-out) and needs the entry that controls the item to be given.
 */
export type ConditionRole = 'REQUIREMENT' | 'DISQUALIFIER' | 'VALIDITY' | 'CLASSIFICATION' | 'ENTRY';
/** The question that asks for the list entry (given in `provisions`). */
export const ENTRY_FACT = 'entry';
export type ItemTypeValue = 'commodity' | 'software' | 'technology';

/** What the check needs to know about an exemption record stored in the database. */
export interface ExemptionRecordInfo {
  key: string;
  name: string;
  legalBasis: string;
  revoked: boolean;
  validFrom: Date | null;
  validTo: Date | null;
}

export interface ConditionCheck<R extends ExemptionRecordInfo> {
  id: string;
  role: ConditionRole;
  label: string;
  /** For a DISQUALIFIER, SATISFIED means the disqualifying circumstance holds (it fired). */
  outcome: ConditionOutcome;
  textVerbatim: string;
  from: RecordField | 'classification' | 'entry';
  secondary: boolean;
  /** The record the text is quoted from (its citation is the condition's). */
  record: R;
  traces: CriterionTrace[];
  missingFacts: string[];
  /** Why the records cannot decide this condition; null when the facts can. */
  undecidable: string | null;
  /** The alternatives of an "any of" condition. */
  alternatives: ConditionCheck<R>[];
}

export interface ExemptionCheck<R extends ExemptionRecordInfo> {
  key: string;
  record: R;
  regimes: ExemptionRegime[];
  outcome: EligibilityOutcome;
  reason: string;
  /** Every check, in order: validity, entry, classification, requirements, disqualifiers. */
  conditions: ConditionCheck<R>[];
  /** What must hold: validity, entry, classification and requirements (no disqualifier). */
  requirements: ConditionCheck<R>[];
  /** What must not hold, apart: SATISFIED means it holds and rules the exemption out. */
  disqualifiers: ConditionCheck<R>[];
  disqualifiersFired: ConditionCheck<R>[];
  /** Facts that would decide an INDETERMINATE exemption (empty otherwise). */
  missingFacts: string[];
  undecidable: string[];
  caveats: string[];
  /** What applying it means where the record says (e.g. "classified under ECCN 6A993.a"). */
  effect: string | null;
}

/** Whether the item is controlled in one regime, and on what basis. */
export interface RegimeControl {
  regime: ExemptionRegime;
  controlled: Outcome;
  /** Plain words: how the status was decided. */
  basis: string;
  /** Codes or paragraphs the status rests on, with their outcome (MET for codes the user gave). */
  paragraphs: { code: string; outcome: Outcome }[];
  /** For UNKNOWN: item facts that would decide the classification. */
  missingFacts: string[];
}

export interface RegimeVerdict {
  regime: ExemptionRegime;
  controlled: Outcome;
  verdict: ExemptionVerdict;
  reason: string;
  applyingExemptions: string[];
  /** True when an exemption applies but whether the item is controlled at all is unknown. */
  classificationUnknown: boolean;
}

export interface Question {
  fact: string;
  declaration: FactDeclaration;
  /** Exemptions left INDETERMINATE for want of this fact. */
  exemptions: string[];
  /** True when the classification of the item needs it. */
  forClassification: boolean;
}

/** An exemption of a regime asked about that does not concern this item, and why. */
export interface OutOfScope<R extends ExemptionRecordInfo> {
  key: string;
  record: R;
  reason: string;
}

export interface CheckResult<R extends ExemptionRecordInfo> {
  verdict: ExemptionVerdict;
  /** One sentence, naming the exemption(s) the verdict rests on. */
  reason: string;
  /** Keys of the exemptions the verdict rests on (those that apply, or the undecided one nearest to deciding it). */
  restsOn: string[];
  /** Exemptions of the regimes asked about that concern other list entries than the item's. */
  outOfScope: OutOfScope<R>[];
  classificationUnknown: boolean;
  regimes: RegimeVerdict[];
  exemptions: ExemptionCheck<R>[];
  /** The list-based licence exceptions of the US entries (LVS, GBS, TSR, STA), each a row. */
  licenceExceptions: LicenceExceptionRow[];
  questions: Question[];
  disclaimer: string;
  notes: string[];
}

export interface CheckInput<R extends ExemptionRecordInfo> {
  rules: ExemptionRules;
  /** Every exemption record by key (sourceKey), also those quoted by another record's condition. */
  records: ReadonlyMap<string, R>;
  /** Activity facts, item facts and destination, validated. */
  facts: FactSet;
  control: readonly RegimeControl[];
  /**
   * "item": control comes from classifyItem, whose full encodings of list notes take precedence;
   * "activity": neither codes nor item facts were given, so exemptions written for list entries
   * need the entry.
   */
  mode: 'provisions' | 'item' | 'activity';
  asOf: Date;
  /** Key of the exemption asked about: its questions come first. */
  focus?: string | null;
  /** The list-based licence exceptions of the US entries (read from each ECCN's text), as rows. */
  licenceExceptions?: readonly LicenceExceptionRow[];
}

const TO_CONDITION: Record<Outcome, ConditionOutcome> = {
  MET: 'SATISFIED',
  NOT_MET: 'UNSATISFIED',
  UNKNOWN: 'UNKNOWN',
};
const FROM_CONDITION: Record<ConditionOutcome, Outcome> = {
  SATISFIED: 'MET',
  UNSATISFIED: 'NOT_MET',
  UNKNOWN: 'UNKNOWN',
};

export function checkExemptions<R extends ExemptionRecordInfo>(input: CheckInput<R>): CheckResult<R> {
  const { rules, control } = input;
  const requested = new Set(control.map((regime) => regime.regime));
  const checks: ExemptionCheck<R>[] = [];
  const outOfScope: OutOfScope<R>[] = [];
  for (const [key, encoding] of rules.encodings) {
    if (!encoding.regimes.some((regime) => requested.has(regime))) continue;
    const record = input.records.get(key);
    if (!record) throw new Error(`exemption ${key} is encoded but not in the database`);
    const related = relatedParagraphs(encoding, control);
    if (encoding.provisions && related.length === 0) {
      const waiting = entriesWanted(encoding, control);
      if (waiting.length === 0) {
        outOfScope.push({ key, record, reason: outOfScopeReason(encoding, control) });
        continue;
      }
      checks.push(checkOne(input, key, encoding, record, related, waiting));
      continue;
    }
    checks.push(checkOne(input, key, encoding, record, related, []));
  }

  const licenceExceptions = [...(input.licenceExceptions ?? [])].filter((row) => requested.has(row.regime));
  const regimes = control.map((regime) => regimeVerdict(regime, checks, licenceExceptions));
  const overall = overallVerdict(regimes, checks, input.focus ?? null, licenceExceptions);
  const questions = collectQuestions(input, checks, licenceExceptions);
  return {
    ...overall,
    outOfScope,
    licenceExceptions,
    regimes,
    exemptions: checks,
    questions,
    disclaimer: disclaimerFor(checks),
    notes: notesFor(input),
  };
}

/** Paragraphs of the item's control status a provision-specific exemption (a list note) concerns. */
function relatedParagraphs(
  encoding: ExemptionEncoding,
  control: readonly RegimeControl[],
): { regime: ExemptionRegime; note: string; code: string; outcome: Outcome }[] {
  if (!encoding.provisions) return [];
  const found: { regime: ExemptionRegime; note: string; code: string; outcome: Outcome }[] = [];
  for (const provision of encoding.provisions) {
    const regime = control.find((candidate) => candidate.regime === provision.regime);
    for (const paragraph of regime?.paragraphs ?? []) {
      if (paragraph.outcome === 'NOT_MET') continue;
      if (isSameOrNested(paragraph.code, provision.paragraph))
        found.push({
          regime: provision.regime,
          note: provision.paragraph,
          code: paragraph.code,
          outcome: paragraph.outcome,
        });
    }
  }
  return found;
}

/**
 * The paragraphs a provision-specific exemption concerns in regimes where no entry is known (none
 * given, none found by classifying the item): it needs the entry, so it is INDETERMINATE naming
 * them rather than left out.
 */
function entriesWanted(
  encoding: ExemptionEncoding,
  control: readonly RegimeControl[],
): { regime: ExemptionRegime; paragraph: string }[] {
  return (encoding.provisions ?? []).filter((provision) => {
    const regime = control.find((candidate) => candidate.regime === provision.regime);
    return regime !== undefined && regime.controlled !== 'NOT_MET' && regime.paragraphs.length === 0;
  });
}

function outOfScopeReason(encoding: ExemptionEncoding, control: readonly RegimeControl[]): string {
  const concerns = (encoding.provisions ?? []).map((provision) => `${provision.regime} ${provision.paragraph}`);
  const known = control
    .filter((regime) => (encoding.provisions ?? []).some((provision) => provision.regime === regime.regime))
    .map((regime) => {
      if (regime.controlled === 'NOT_MET') return `the item is not controlled in ${regime.regime}`;
      const codes = regime.paragraphs.filter((paragraph) => paragraph.outcome !== 'NOT_MET');
      const ruledOut = regime.paragraphs.filter((paragraph) => paragraph.outcome === 'NOT_MET');
      return codes.length > 0
        ? `the item's ${regime.regime} entries are ${codes.map((paragraph) => paragraph.code).join(', ')}`
        : `the item's facts rule out ${ruledOut.map((paragraph) => paragraph.code).join(', ')} in ${regime.regime}`;
    });
  return `It concerns ${concerns.join(', ')} only; ${known.join('; ')}.`;
}

/** "6A003" and "6A003.b.4.b" concern each other (entry and paragraph); "6A003.a" and "6A003.b.4.b" do not. */
export function isSameOrNested(a: string, b: string): boolean {
  const [x, y] = [a.toUpperCase(), b.toUpperCase()];
  return x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`);
}

function checkOne<R extends ExemptionRecordInfo>(
  input: CheckInput<R>,
  key: string,
  encoding: ExemptionEncoding,
  record: R,
  related: { regime: ExemptionRegime; note: string; code: string; outcome: Outcome }[],
  entriesNeeded: readonly { regime: ExemptionRegime; paragraph: string }[],
): ExemptionCheck<R> {
  const recordOf = (other: string | undefined): R => {
    if (!other) return record;
    const found = input.records.get(other);
    if (!found) throw new Error(`exemption ${key} quotes record ${other}, which is not in the database`);
    return found;
  };
  const conditions: ConditionCheck<R>[] = [];
  const plain = (
    partial: Omit<
      ConditionCheck<R>,
      'traces' | 'missingFacts' | 'undecidable' | 'alternatives' | 'record' | 'secondary'
    > & { record?: R; secondary?: boolean; undecidable?: string | null },
  ): ConditionCheck<R> => ({
    traces: [],
    missingFacts: [],
    alternatives: [],
    secondary: false,
    ...partial,
    record: partial.record ?? record,
    undecidable: partial.undecidable ?? null,
  });

  const validity = validityCondition(encoding, record, input.asOf, plain);
  if (validity) conditions.push(validity);

  const destination = input.facts.get(DESTINATION_FACT);
  for (const added of encoding.destinationsAdded ?? []) {
    if (destination?.value !== added.country) continue;
    const on = new Date(`${added.on}T00:00:00Z`);
    conditions.push(
      plain({
        id: `destination-added-${added.country}`,
        role: 'VALIDITY',
        label: `${added.country.toUpperCase()} is a listed destination only from ${added.on}`,
        outcome: input.asOf.getTime() >= on.getTime() ? 'SATISFIED' : 'UNSATISFIED',
        textVerbatim: added.text,
        from: added.from,
        record: recordOf(added.record),
      }),
    );
  }

  if (entriesNeeded.length > 0) {
    const wanted = entriesNeeded.map((provision) => `${provision.regime} ${provision.paragraph}`).join(', ');
    conditions.push(
      plain({
        id: 'entry',
        role: 'ENTRY',
        label: `give the entry: this is written for ${wanted}, and no entry that controls the item was given or found`,
        outcome: 'UNKNOWN',
        textVerbatim: wanted,
        from: 'entry',
      }),
    );
    const last = conditions[conditions.length - 1];
    if (last) last.missingFacts = [ENTRY_FACT];
  }

  // classifyItem evaluated the list paragraph with its notes in full (the threshold encodings hold
  // the whole note; the exemption record quotes part of it): a MET paragraph means the note did not
  // take the item out.
  if (input.mode === 'item') {
    const metByClassification = related.filter(
      (paragraph) => paragraph.outcome === 'MET' && input.rules.rulebook.paragraph(paragraph.regime, paragraph.note),
    );
    for (const paragraph of metByClassification) {
      conditions.push(
        plain({
          id: `classification-${paragraph.code}`,
          role: 'CLASSIFICATION',
          label: `the item's facts meet ${paragraph.regime} ${paragraph.code} with the notes of ${paragraph.note} applied, so this note does not take the item out`,
          outcome: 'UNSATISFIED',
          textVerbatim: `classifyItem: ${paragraph.code} is MET`,
          from: 'classification',
        }),
      );
    }
  }

  for (const test of encoding.requirements) conditions.push(evaluateTest(test, 'REQUIREMENT', input, recordOf));
  for (const test of encoding.disqualifiers) conditions.push(evaluateTest(test, 'DISQUALIFIER', input, recordOf));

  const fails = (condition: ConditionCheck<R>) =>
    condition.role === 'DISQUALIFIER' ? condition.outcome === 'SATISFIED' : condition.outcome === 'UNSATISFIED';
  const holds = (condition: ConditionCheck<R>) =>
    condition.role === 'DISQUALIFIER' ? condition.outcome === 'UNSATISFIED' : condition.outcome === 'SATISFIED';
  const failed = conditions.filter(fails);
  const undecided = conditions.filter((condition) => !fails(condition) && !holds(condition));
  const outcome: EligibilityOutcome =
    failed.length > 0 ? 'DOES_NOT_APPLY' : undecided.length > 0 ? 'INDETERMINATE' : 'APPLIES';
  const missingFacts =
    outcome === 'INDETERMINATE' ? [...new Set(undecided.flatMap((condition) => condition.missingFacts))] : [];
  const undecidableReasons = undecided.flatMap(undecidableReasonsOf);

  const reason =
    outcome === 'DOES_NOT_APPLY'
      ? `Does not apply: ${failed.map((condition) => condition.label).join('; ')}.`
      : outcome === 'APPLIES'
        ? `Applies: every condition is satisfied (${conditions.filter((condition) => condition.role !== 'DISQUALIFIER').length}) and no disqualifier holds (${conditions.filter((condition) => condition.role === 'DISQUALIFIER').length} checked).`
        : `Undecided: ${undecided.map((condition) => `${condition.label} (${condition.undecidable ? 'the records do not say' : condition.missingFacts.length > 0 ? `needs ${condition.missingFacts.join(', ')}` : 'unknown'})`).join('; ')}.`;

  return {
    key,
    record,
    regimes: encoding.regimes,
    outcome,
    reason,
    conditions,
    requirements: conditions.filter((condition) => condition.role !== 'DISQUALIFIER'),
    disqualifiers: conditions.filter((condition) => condition.role === 'DISQUALIFIER'),
    disqualifiersFired: conditions.filter(
      (condition) =>
        (condition.role === 'DISQUALIFIER' && condition.outcome === 'SATISFIED') ||
        (condition.role !== 'REQUIREMENT' && condition.role !== 'DISQUALIFIER' && condition.outcome === 'UNSATISFIED'),
    ),
    missingFacts,
    undecidable: outcome === 'INDETERMINATE' ? [...new Set([...undecidableReasons])] : [],
    caveats: encoding.caveats ?? [],
    effect: encoding.effect?.text ?? null,
  };
}

function undecidableReasonsOf<R extends ExemptionRecordInfo>(condition: ConditionCheck<R>): string[] {
  if (condition.undecidable) return [condition.undecidable];
  return condition.alternatives
    .filter((alternative) => alternative.outcome === 'UNKNOWN')
    .flatMap(undecidableReasonsOf);
}

function validityCondition<R extends ExemptionRecordInfo>(
  encoding: ExemptionEncoding,
  record: R,
  asOf: Date,
  plain: (
    partial: Omit<
      ConditionCheck<R>,
      'traces' | 'missingFacts' | 'undecidable' | 'alternatives' | 'record' | 'secondary'
    > & { undecidable?: string | null },
  ) => ConditionCheck<R>,
): ConditionCheck<R> | undefined {
  const day = asOf.getTime();
  if (encoding.validity) {
    const until = new Date(`${encoding.validity.until}T00:00:00Z`);
    const inForce = day < until.getTime();
    return plain({
      id: 'validity',
      role: 'VALIDITY',
      label: inForce
        ? `in force on ${isoDay(asOf)} (it ends on ${encoding.validity.until})`
        : `not in force on ${isoDay(asOf)}: it ended on ${encoding.validity.until}`,
      outcome: inForce ? 'SATISFIED' : 'UNSATISFIED',
      textVerbatim: encoding.validity.text,
      from: encoding.validity.from,
    });
  }
  if (record.validFrom && record.validFrom.getTime() > day) {
    return plain({
      id: 'validity',
      role: 'VALIDITY',
      label: `not yet in force on ${isoDay(asOf)} (from ${isoDay(record.validFrom)})`,
      outcome: 'UNSATISFIED',
      textVerbatim: record.legalBasis,
      from: 'name',
    });
  }
  if (record.validTo && record.validTo.getTime() <= day) {
    return plain({
      id: 'validity',
      role: 'VALIDITY',
      label: `not in force on ${isoDay(asOf)} (ended ${isoDay(record.validTo)})`,
      outcome: 'UNSATISFIED',
      textVerbatim: record.legalBasis,
      from: 'name',
    });
  }
  if (record.revoked && !record.validTo) {
    return plain({
      id: 'validity',
      role: 'VALIDITY',
      label: 'revoked on a date the records do not give',
      outcome: 'UNKNOWN',
      textVerbatim: record.legalBasis,
      from: 'name',
      undecidable: 'The record says it was revoked but gives no date.',
    });
  }
  return undefined;
}

function evaluateTest<R extends ExemptionRecordInfo>(
  test: ConditionTest,
  role: 'REQUIREMENT' | 'DISQUALIFIER',
  input: CheckInput<R>,
  recordOf: (key: string | undefined) => R,
): ConditionCheck<R> {
  const base = {
    id: test.id,
    role,
    label: test.label,
    textVerbatim: test.text,
    from: test.from,
    secondary: SECONDARY_FIELDS.has(test.from),
    record: recordOf(test.record),
  };
  if ('when' in test) {
    const result = evaluateExpression(test.when, {
      facts: input.facts,
      declarations: input.rules.declarations(),
      units: input.rules.rulebook.units,
      resolveRef: () => {
        throw new Error('exemption conditions do not refer to list paragraphs');
      },
    });
    return {
      ...base,
      outcome: TO_CONDITION[result.outcome],
      traces: result.traces,
      missingFacts: result.missingFacts,
      undecidable: null,
      alternatives: [],
    };
  }
  if ('undecidable' in test) {
    return {
      ...base,
      outcome: 'UNKNOWN',
      traces: [],
      missingFacts: [],
      undecidable: test.undecidable,
      alternatives: [],
    };
  }
  const alternatives = test.anyOf.map((child) => evaluateTest(child, role, input, recordOf));
  const outcome = TO_CONDITION[anyOf(alternatives.map((alternative) => FROM_CONDITION[alternative.outcome]))];
  const missingFacts =
    outcome === 'UNKNOWN'
      ? [
          ...new Set(
            alternatives
              .filter((alternative) => alternative.outcome === 'UNKNOWN')
              .flatMap((alternative) => alternative.missingFacts),
          ),
        ]
      : [];
  return { ...base, outcome, traces: [], missingFacts, undecidable: null, alternatives };
}

/** "15 CFR 734.8 (Technology or software that arises during, or results from, fundamental research)". */
function named<R extends ExemptionRecordInfo>(check: ExemptionCheck<R>): string {
  return `${check.record.legalBasis} (${check.record.name})`;
}

function regimeVerdict<R extends ExemptionRecordInfo>(
  regime: RegimeControl,
  checks: readonly ExemptionCheck<R>[],
  licenceExceptions: readonly LicenceExceptionRow[],
): RegimeVerdict {
  const inScope = checks.filter((check) => check.regimes.includes(regime.regime));
  const applying = inScope.filter((check) => check.outcome === 'APPLIES');
  const base = {
    regime: regime.regime,
    controlled: regime.controlled,
    applyingExemptions: applying.map((check) => check.key),
    classificationUnknown: false,
  };
  if (regime.controlled === 'NOT_MET') {
    return { ...base, applyingExemptions: [], verdict: 'NOT_CONTROLLED', reason: `Not controlled: ${regime.basis}` };
  }
  if (applying.length > 0) {
    const names = applying.map((check) => `${named(check)}${check.effect ? `; ${check.effect}` : ''}`).join('; ');
    const unknown = regime.controlled === 'UNKNOWN';
    return {
      ...base,
      classificationUnknown: unknown,
      verdict: 'EXEMPT',
      reason: unknown
        ? `Whether the item is controlled is unknown (${regime.basis}); if it is, this applies: ${names}.`
        : `Controlled (${regime.basis}), and this applies on the facts given: ${names}.`,
    };
  }
  const undecided = inScope.filter((check) => check.outcome === 'INDETERMINATE');
  // A licence exception the entry allows may still cover the export (Part 740 is not held).
  const openExceptions = licenceExceptions.filter(
    (row) => row.regime === regime.regime && row.outcome === 'INDETERMINATE',
  );
  const ruledOutExceptions = licenceExceptions.filter(
    (row) => row.regime === regime.regime && row.outcome === 'DOES_NOT_APPLY',
  );
  if (regime.controlled === 'MET' && undecided.length === 0 && openExceptions.length === 0) {
    const exceptions =
      ruledOutExceptions.length > 0
        ? ` and none of the licence exceptions its entry names (${ruledOutExceptions.map((row) => row.code).join(', ')})`
        : '';
    return {
      ...base,
      verdict: 'LICENCE_LIKELY_REQUIRED',
      reason: `Controlled (${regime.basis}), and none of the ${inScope.length} exemptions checked applies${exceptions}.`,
    };
  }
  const parts: string[] = [];
  if (regime.controlled === 'UNKNOWN') parts.push(`whether the item is controlled is unknown (${regime.basis})`);
  if (undecided.length > 0)
    parts.push(
      `${undecided.length} exemption(s) undecided: ${undecided.map((check) => check.record.legalBasis).join('; ')}`,
    );
  if (openExceptions.length > 0)
    parts.push(
      `licence exception(s) the entry may allow: ${openExceptions.map((row) => `${row.code} (${row.legalBasis}${row.entry ? `, ${row.entry}` : ''})`).join('; ')}`,
    );
  return { ...base, verdict: 'INDETERMINATE', reason: `Undecided: ${parts.join('; ')}.` };
}

/**
 * The undecided exemption nearest to deciding the answer: the one asked about, else one that facts
 * alone can decide (no undecidable condition), with the fewest facts missing, then by key.
 */
function nearestUndecided<R extends ExemptionRecordInfo>(
  undecided: readonly ExemptionCheck<R>[],
  focus: string | null,
): ExemptionCheck<R> | undefined {
  const focused = undecided.find((check) => check.key === focus);
  if (focused) return focused;
  return [...undecided].sort(
    (a, b) =>
      Number(a.undecidable.length > 0) - Number(b.undecidable.length > 0) ||
      Number(a.missingFacts.length === 0) - Number(b.missingFacts.length === 0) ||
      a.missingFacts.length - b.missingFacts.length ||
      a.key.localeCompare(b.key),
  )[0];
}

function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** What an undecided exemption still waits on, in a clause: "needs prepublication_review" / "cannot be decided from the stored text". */
function waitingOn<R extends ExemptionRecordInfo>(check: ExemptionCheck<R>): string {
  const facts = check.missingFacts.map((fact) => (fact === ENTRY_FACT ? 'the list entry' : fact));
  if (facts.length > 0) return `needs ${listed(facts)}`;
  return 'cannot be decided from the stored text';
}

function overallVerdict<R extends ExemptionRecordInfo>(
  regimes: readonly RegimeVerdict[],
  checks: readonly ExemptionCheck<R>[],
  focus: string | null,
  licenceExceptions: readonly LicenceExceptionRow[],
): {
  verdict: ExemptionVerdict;
  reason: string;
  restsOn: string[];
  classificationUnknown: boolean;
} {
  const by = (verdict: ExemptionVerdict) =>
    regimes.filter((regime) => regime.verdict === verdict).map((regime) => regime.regime);
  const classificationUnknown = regimes.some((regime) => regime.classificationUnknown);
  const notControlled = by('NOT_CONTROLLED');
  const notControlledClause =
    notControlled.length > 0 ? `; not controlled in ${listed(notControlled)} by the encoded entries` : '';
  if (regimes.length === 0)
    return { verdict: 'INDETERMINATE', reason: 'No regime to check.', restsOn: [], classificationUnknown };
  if (notControlled.length === regimes.length) {
    return {
      verdict: 'NOT_CONTROLLED',
      reason: `Not controlled in ${listed(notControlled)} by the encoded entries, so no exemption is needed.`,
      restsOn: [],
      classificationUnknown,
    };
  }
  const licence = regimes.filter((regime) => regime.verdict === 'LICENCE_LIKELY_REQUIRED');
  if (licence.length > 0) {
    const checked = checks.filter((check) => licence.some((regime) => check.regimes.includes(regime.regime)));
    return {
      verdict: 'LICENCE_LIKELY_REQUIRED',
      reason: `A licence is likely required in ${listed(licence.map((regime) => regime.regime))}: the item is controlled there and none of the ${checked.length} exemptions checked applies on the facts given.`,
      restsOn: [],
      classificationUnknown,
    };
  }
  const applyingIn = (regime: RegimeVerdict) => checks.filter((check) => regime.applyingExemptions.includes(check.key));
  const exemptRegimes = regimes.filter((regime) => regime.verdict === 'EXEMPT');
  const exemptClause = exemptRegimes
    .map((regime) => `${regime.regime} under ${listed(applyingIn(regime).map(named))}`)
    .join('; ');
  // What applying means, where the records say ("... is not subject to the EAR"), as a clause.
  const effects = [
    ...new Set(
      exemptRegimes.flatMap((regime) =>
        applyingIn(regime).flatMap((check) => (check.effect ? [check.effect.replace(/\.\s*$/, '')] : [])),
      ),
    ),
  ];
  const restsOnApplying = [...new Set(exemptRegimes.flatMap((regime) => regime.applyingExemptions))];
  const undecidedRegimes = regimes.filter((regime) => regime.verdict === 'INDETERMINATE');
  if (undecidedRegimes.length > 0) {
    const undecided = checks.filter(
      (check) =>
        check.outcome === 'INDETERMINATE' && undecidedRegimes.some((regime) => check.regimes.includes(regime.regime)),
    );
    const nearest = nearestUndecided(undecided, focus);
    const controlUnknown = undecidedRegimes.filter((regime) => regime.controlled === 'UNKNOWN').map((r) => r.regime);
    // Without an undecided exemption, a licence exception the entry allows is what keeps it open.
    const exception = nearest
      ? undefined
      : licenceExceptions.find(
          (row) =>
            row.outcome === 'INDETERMINATE' &&
            row.entry !== null &&
            undecidedRegimes.some((regime) => regime.regime === row.regime),
        );
    const parts: string[] = [];
    if (nearest) parts.push(`${named(nearest)} ${waitingOn(nearest)}`);
    else if (exception)
      parts.push(
        `no exemption applies, but ${exception.name} (${exception.legalBasis}) may, as ${exception.entry ?? 'the entry'} allows it with conditions left open`,
      );
    else parts.push('no exemption checked there applies');
    if (controlUnknown.length > 0)
      parts.push(
        `whether the item is controlled in ${listed(controlUnknown)} is unknown (give the entry or the item's facts)`,
      );
    const exempt = exemptClause.length > 0 ? ` (exempt in ${exemptClause})` : '';
    return {
      verdict: 'INDETERMINATE',
      reason: `Undecided in ${listed(undecidedRegimes.map((regime) => regime.regime))}${exempt}: ${parts.join(', and ')}; answer the questions listed.`,
      restsOn: nearest ? [nearest.key] : exception ? [exception.key] : [],
      classificationUnknown,
    };
  }
  const covered = classificationUnknown ? ', which covers the item if it is controlled at all' : '';
  return {
    verdict: 'EXEMPT',
    reason: `Exempt in ${exemptClause} on the facts given${covered}${effects.length > 0 ? ` (${effects.join('; ')})` : ''}${notControlledClause}.`,
    restsOn: restsOnApplying,
    classificationUnknown,
  };
}

function collectQuestions<R extends ExemptionRecordInfo>(
  input: CheckInput<R>,
  checks: readonly ExemptionCheck<R>[],
  licenceExceptions: readonly LicenceExceptionRow[],
): Question[] {
  const declarations = input.rules.declarations();
  const questions = new Map<string, Question>();
  const ask = (fact: string, exemption: string | null) => {
    const declaration = fact === ENTRY_FACT ? entryDeclaration(input, checks) : declarations.get(fact);
    if (!declaration || input.facts.has(fact)) return;
    const question = questions.get(fact) ?? { fact, declaration, exemptions: [], forClassification: false };
    if (exemption) question.exemptions.push(exemption);
    else question.forClassification = true;
    questions.set(fact, question);
  };
  for (const check of checks)
    if (check.outcome === 'INDETERMINATE') for (const fact of check.missingFacts) ask(fact, check.key);
  for (const row of licenceExceptions)
    if (row.outcome === 'INDETERMINATE') for (const fact of row.missingFacts) ask(fact, row.key);
  for (const regime of input.control)
    if (regime.controlled === 'UNKNOWN') for (const fact of regime.missingFacts) ask(fact, null);
  // The exemption asked about first, then what decides exemptions (the facts deciding most of
  // them first), then what only the classification needs: those are the hardest to answer.
  // A licence exception row counts after the exemptions: its Part 740 conditions stay open anyway.
  const focus = input.focus ?? null;
  const licenceKeys = new Set(licenceExceptions.map((row) => row.key));
  const exemptionsOf = (question: Question) => question.exemptions.filter((key) => !licenceKeys.has(key)).length;
  const rank = (question: Question) =>
    focus !== null && question.exemptions.includes(focus) ? 0 : question.exemptions.length > 0 ? 1 : 2;
  return [...questions.values()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      exemptionsOf(b) - exemptionsOf(a) ||
      b.exemptions.length - a.exemptions.length ||
      Number(a.forClassification) - Number(b.forClassification) ||
      a.fact.localeCompare(b.fact),
  );
}

/** The question for the list entry: a code, given in `provisions`; the choices are the entries the waiting exemptions are written for. */
function entryDeclaration<R extends ExemptionRecordInfo>(
  input: CheckInput<R>,
  checks: readonly ExemptionCheck<R>[],
): FactDeclaration {
  // The list-based licence exceptions wait on any ECCN: they add no choice of their own.
  const wanted = checks
    .filter((check) => check.outcome === 'INDETERMINATE' && check.missingFacts.includes(ENTRY_FACT))
    .flatMap((check) => input.rules.encodings.get(check.key)?.provisions ?? [])
    .map((provision) => provision.paragraph);
  return {
    name: ENTRY_FACT,
    type: 'enum',
    values: [...new Set(wanted)].sort(),
    description:
      'The list entry (or paragraph) that controls what is exported, as its code (e.g. "6E001", "6A003.b.4.b"): give it in `provisions`. List notes and the carve-outs written in an entry\'s text can only be checked for the entry they belong to; the choices are the entries those waiting here are written for.',
  };
}

const DISCLAIMER =
  'Decision support, not legal advice. This compares the facts you gave with the exemption texts stored here; it does not know your contracts, end users or the current text of every rule. "EXEMPT" means an exemption applies on the facts you stated; "INDETERMINATE" means the facts or the stored texts do not decide, and nothing is cleared. "NOT_CONTROLLED" only covers the list entries encoded in this knowledge base. Check the cited texts, and ask your export-control officer or the licensing authority before relying on an answer.';

function disclaimerFor<R extends ExemptionRecordInfo>(checks: readonly ExemptionCheck<R>[]): string {
  const caveats = checks.flatMap((check) => check.caveats.map((caveat) => `${check.record.legalBasis}: ${caveat}`));
  return caveats.length > 0
    ? `${DISCLAIMER} Editions and wording of the texts used: ${[...new Set(caveats)].join(' ')}`
    : DISCLAIMER;
}

function notesFor<R extends ExemptionRecordInfo>(input: CheckInput<R>): string[] {
  const notes: string[] = [];
  const itemType = input.facts.get(ITEM_TYPE_FACT);
  if (!itemType)
    notes.push(
      'item_type is not known: say whether a commodity (hardware), software or technology is exported; research and publication exemptions cover only technology and software.',
    );
  for (const regime of input.control) notes.push(`${regime.regime}: ${regime.basis}`);
  return notes;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Input: activity facts, destination and item type.

export interface ActivityFactInput {
  name: string;
  value: string | number | boolean;
  unit?: string | null;
}

/**
 * Every problem of the activity input at once, each naming the field and the valid choices;
 * reported under the first problem's field, prefixed with where the input sits in the request.
 */
export class ActivityInputError extends InvalidArgumentError {
  constructor(
    readonly problems: { field: string; rule: string; message: string }[],
    fieldPrefix = '',
  ) {
    super(
      `${fieldPrefix}${problems[0]?.field ?? 'activity'}`,
      problems[0]?.rule ?? 'invalid',
      problems.map((problem) => problem.message).join('; '),
    );
    this.name = 'ActivityInputError';
  }
}

/** An answer given in the user's words, read as the facts an answer form says it settles. */
export interface AnswerReading {
  /** Where it was given, e.g. "activity[0]". */
  field: string;
  /** The question it answers. */
  fact: string;
  /** The words as given. */
  given: string;
  /** The facts it settles; `overriddenBy` names the field that gave another value (that value is used). */
  readAs: { fact: string; value: string | boolean; overriddenBy: string | null }[];
  /** The exemption record whose text reads the answer so, the verbatim passages, and why. */
  record: string;
  text: string[];
  because: string;
}

/** Validates the activity facts (see readActivityFacts) and returns them. */
export function activityFactSet(
  rules: ExemptionRules,
  inputs: readonly ActivityFactInput[],
  destination: string | null | undefined,
  derivedItemType: { value: ItemTypeValue; from: string } | null,
  fieldPrefix = '',
): Map<string, NormalizedFact> {
  return readActivityFacts(rules, inputs, destination, derivedItemType, fieldPrefix).facts;
}

/**
 * Validates the activity facts and the destination, and adds the item type derived from the
 * provision codes or the item kind. Activity facts must be activity facts; a fact the user gave
 * that contradicts the codes (item_type "technology" for 6A003) is an error rather than silently
 * overridden. Answers in the user's words that an answer form covers ("we accepted no publication
 * restrictions") are read as the facts it settles, with the text that says so; a fact given
 * explicitly wins over one read from other words, and the reading says so.
 */
export function readActivityFacts(
  rules: ExemptionRules,
  inputs: readonly ActivityFactInput[],
  destination: string | null | undefined,
  derivedItemType: { value: ItemTypeValue; from: string } | null,
  fieldPrefix = '',
): { facts: Map<string, NormalizedFact>; readings: AnswerReading[] } {
  const problems: { field: string; rule: string; message: string }[] = [];
  const facts = new Map<string, NormalizedFact>();
  const read: { field: string; given: string; form: AnswerForm }[] = [];
  inputs.forEach((input, index) => {
    const field = `activity[${index}]`;
    if (input.name === DESTINATION_FACT) {
      problems.push({
        field,
        rule: 'use-destination-argument',
        message: `${field} "${DESTINATION_FACT}": give the destination as the \`destination\` argument (ISO 3166-1 alpha-2 code).`,
      });
      return;
    }
    const info = rules.activityFacts.get(input.name);
    if (!info) {
      const itemFact = rules.rulebook.facts.has(input.name);
      problems.push({
        field,
        rule: itemFact ? 'item-fact-not-activity-fact' : 'unknown-activity-fact',
        message: itemFact
          ? `${field} "${input.name}" is a fact about the item: give it in item.facts.`
          : `${field} "${input.name}" is not an activity fact; valid names are listed by the activityFacts query (${closestNames(
              input.name,
              [...rules.activityFacts.keys()].filter((name) => name !== DESTINATION_FACT),
            )}).`,
      });
      return;
    }
    if (facts.has(input.name)) {
      problems.push({ field, rule: 'given-once', message: `${field} "${input.name}" is given more than once.` });
      return;
    }
    const declaration = info.declaration;
    const given = `${String(input.value)}${input.unit ? ` ${input.unit}` : ''}`;
    const inWords =
      typeof input.value === 'string' &&
      declaration.type !== 'number' &&
      !(declaration.type === 'enum' && declaration.values.includes(input.value))
        ? rules.answerForm(input.name, input.value)
        : undefined;
    if (inWords) {
      read.push({ field, given, form: inWords });
      return;
    }
    if (declaration.type === 'boolean') {
      if (typeof input.value !== 'boolean') {
        problems.push({
          field,
          rule: 'boolean-fact',
          message: `${field} "${input.name}" is a yes/no fact: give \`boolean\`${wordsAccepted(rules, input.name)}.`,
        });
        return;
      }
      facts.set(input.name, { name: input.name, type: 'boolean', value: input.value, given });
    } else if (declaration.type === 'enum') {
      const value = String(input.value);
      if (typeof input.value !== 'string' || !declaration.values.includes(value)) {
        problems.push({
          field,
          rule: 'enum-value',
          message: `${field} "${input.name}": give \`choice\`, one of: ${declaration.values.join(', ')}${wordsAccepted(rules, input.name)}.`,
        });
        return;
      }
      facts.set(input.name, { name: input.name, type: 'enum', value, given });
    } else {
      const canonical =
        typeof input.value === 'number'
          ? rules.rulebook.units.toCanonical(input.value, (input.unit ?? '').trim(), declaration.dimension)
          : undefined;
      if (canonical === undefined) {
        problems.push({
          field,
          rule: 'number-with-unit',
          message: `${field} "${input.name}": give a number with a ${declaration.dimension} unit.`,
        });
        return;
      }
      facts.set(input.name, { name: input.name, type: 'number', value: canonical, given });
    }
  });

  const readings = applyReadings(read, facts);

  if (destination !== null && destination !== undefined) {
    const code = destination.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code) || !isIsoCountryCode(code)) {
      problems.push({
        field: 'destination',
        rule: 'iso-3166-1-alpha-2',
        message: `destination "${destination}" is not an ISO 3166-1 alpha-2 country code (e.g. "JP", "US", "GB").`,
      });
    } else {
      facts.set(DESTINATION_FACT, { name: DESTINATION_FACT, type: 'enum', value: code.toLowerCase(), given: code });
    }
  }

  if (derivedItemType) {
    const stated = facts.get(ITEM_TYPE_FACT);
    if (stated && stated.value !== derivedItemType.value) {
      const index = inputs.findIndex((input) => input.name === ITEM_TYPE_FACT);
      problems.push({
        field: `activity[${index}]`,
        rule: 'item-type-matches-provisions',
        message: `activity[${index}] "item_type" is "${String(stated.value)}", but ${derivedItemType.from} makes it ${derivedItemType.value}: give the code of the entry that controls what is exported (technology for a controlled item is usually in the E group, e.g. 6E001).`,
      });
    } else if (!stated) {
      facts.set(ITEM_TYPE_FACT, {
        name: ITEM_TYPE_FACT,
        type: 'enum',
        value: derivedItemType.value,
        given: `${derivedItemType.value} (from ${derivedItemType.from})`,
      });
    }
  }
  if (problems.length > 0) throw new ActivityInputError(problems, fieldPrefix);
  return { facts, readings };
}

/** ", or in words: \"no restrictions accepted\", ..." when the fact has answer forms. */
function wordsAccepted(rules: ExemptionRules, fact: string): string {
  const forms = [...new Set([...(rules.answerForms.get(fact)?.values() ?? [])].flatMap((form) => form.forms))];
  return forms.length > 0 ? `, or in words: ${forms.map((words) => `"${words}"`).join(', ')}` : '';
}

/**
 * Sets the facts the answers in words settle, in the order given: a fact given explicitly (or by an
 * earlier answer) keeps its value, and the reading names the field that gave it.
 */
function applyReadings(
  read: readonly { field: string; given: string; form: AnswerForm }[],
  facts: Map<string, NormalizedFact>,
): AnswerReading[] {
  const setBy = new Map<string, string>();
  const explicit = new Set(facts.keys());
  return read.map(({ field, given, form }) => {
    const readAs = form.means.map((meaning) => {
      const existing = facts.get(meaning.fact);
      if (existing) {
        const by = explicit.has(meaning.fact)
          ? 'a fact given explicitly'
          : (setBy.get(meaning.fact) ?? 'another answer');
        return { fact: meaning.fact, value: meaning.value, overriddenBy: existing.value === meaning.value ? null : by };
      }
      const source = `"${given}" (${field}, read as ${String(meaning.value)}: ${form.because})`;
      facts.set(
        meaning.fact,
        typeof meaning.value === 'boolean'
          ? { name: meaning.fact, type: 'boolean', value: meaning.value, given: source }
          : { name: meaning.fact, type: 'enum', value: meaning.value, given: source },
      );
      setBy.set(meaning.fact, field);
      return { fact: meaning.fact, value: meaning.value, overriddenBy: null };
    });
    return { field, fact: form.fact, given, readAs, record: form.record, text: form.text, because: form.because };
  });
}

const ITEM_TYPE_BY_GROUP: Record<string, ItemTypeValue> = {
  A: 'commodity',
  B: 'commodity',
  C: 'commodity',
  D: 'software',
  E: 'technology',
};

/** The item type the codes' product group letters say ("6A003" -> commodity, "6E001" -> technology). */
export function itemTypeOfCodes(
  codes: readonly string[],
): { value: ItemTypeValue; from: string } | { conflict: string } | null {
  const typed = codes.map((code) => ({
    code,
    type: ITEM_TYPE_BY_GROUP[/^\d([A-E])\d{3}/i.exec(code)?.[1]?.toUpperCase() ?? ''],
  }));
  const known = typed.filter((entry): entry is { code: string; type: ItemTypeValue } => entry.type !== undefined);
  if (known.length === 0) return null;
  const types = new Set(known.map((entry) => entry.type));
  if (types.size > 1) return { conflict: known.map((entry) => `${entry.code} (${entry.type})`).join(', ') };
  const [first] = known;
  return first ? { value: first.type, from: known.map((entry) => entry.code).join(', ') } : null;
}

/**
 * The item type the item kind says ("camera" -> commodity), from the data's item-kind mapping;
 * null when no kind is given or the data does not place it.
 */
export function itemTypeOfItemKind(
  rules: ExemptionRules,
  itemFacts: ReadonlyMap<string, NormalizedFact>,
): { value: ItemTypeValue; from: string } | null {
  const kind = itemFacts.get(ITEM_KIND_FACT);
  if (!kind || kind.type !== 'enum') return null;
  const value = rules.itemTypeOfKind(String(kind.value));
  const mapping = rules.itemTypeOfItemKind;
  return value && mapping ? { value, from: `item_kind ${String(kind.value)} ("${mapping.text}")` } : null;
}

/**
 * Regimes for a question about the activity alone: those whose exemptions use a fact given (the
 * destination included; the item type alone says nothing of the regime), so that "is my research
 * fundamental research?" is answered for the EAR rather than left open for every regime; every
 * regime with exemptions when no fact given is used.
 */
export function regimesForActivity(rules: ExemptionRules, given: ReadonlySet<string>): ExemptionRegime[] {
  const all: ExemptionRegime[] = ['US_EAR', 'EU', 'UK', 'WASSENAAR'];
  const found = new Set<ExemptionRegime>();
  for (const [name, info] of rules.activityFacts) {
    if (!given.has(name) || name === ITEM_TYPE_FACT) continue;
    for (const key of info.usedBy) for (const regime of rules.encodings.get(key)?.regimes ?? []) found.add(regime);
  }
  const regimes = all.filter((regime) => found.has(regime));
  return regimes.length > 0 ? regimes : all;
}

/** Control status when neither codes nor item facts were given: unknown in each regime, for want of the entry. */
export function activityControl(regimes: readonly ExemptionRegime[]): RegimeControl[] {
  return regimes.map((regime) => ({
    regime,
    controlled: 'UNKNOWN',
    basis: `no list entry or item facts were given, so whether ${regime} controls the item is unknown`,
    paragraphs: [],
    missingFacts: [],
  }));
}
