// Which exemptions cover an export of an item, given by its provision codes or by its facts
// (classified with classifyItem's evaluator): the evaluation itself is checkExemptions (pure);
// this service validates the activity facts, decides the control status per regime from the
// database (the codes given, or the encoded entries in force on the date) and loads the
// exemption records, in a fixed number of statements.
import {
  activityFactSet,
  checkExemptions,
  itemTypeOfCodes,
  type ActivityFactInput,
  type CheckResult,
  type Question,
  type RegimeControl,
  type RegimeVerdict,
} from '../classification/exemption-evaluation.js';
import { classifyFacts, type Classification } from '../classification/classify-facts.js';
import type { NormalizedFact } from '../classification/evaluate-expression.js';
import type { ExemptionRegime } from '../classification/exemption-encoding-schema.js';
import { DESTINATION_FACT, type ExemptionRules } from '../classification/exemption-rules.js';
import { normalizeFacts, type FactInput } from '../classification/item-facts-input.js';
import { anyOf, type Outcome } from '../classification/three-valued.js';
import { isoDay, todayUtc } from '../domain/calendar-date.js';
import { provisionVersionWhere } from '../domain/point-in-time.js';
import { InvalidArgumentError } from '../errors.js';
import type { Citation, Exemption, PrismaClient, Regime } from '../generated/prisma/client.js';

/** Regimes that have exemption encodings. */
export const REGIMES_WITH_EXEMPTIONS: readonly ExemptionRegime[] = ['US_EAR', 'EU', 'UK', 'WASSENAAR'];

export interface CheckExemptionsInput {
  /** Codes of the entries or paragraphs that control what is exported. */
  provisions: readonly string[] | null;
  /** The item's facts, when it is described by them. */
  item: readonly FactInput[] | null;
  regimes: readonly Regime[] | null;
  activity: readonly ActivityFactInput[];
  /** ISO 3166-1 alpha-2. */
  destination: string | null;
  /** Today when null. */
  asOf: Date | null;
}

export type ExemptionRow = Exemption & { citation: Citation; key: string };

export interface RegimeExemptionVerdict extends RegimeVerdict {
  basis: string;
  paragraphs: { code: string; outcome: Outcome }[];
}

export interface ExemptionQuestion extends Question {
  /** Where to give it: "activity", "item.facts" or "destination". */
  givenAs: string;
}

export interface ExemptionCheckAnswer extends CheckResult<ExemptionRow> {
  asOf: Date;
  destination: string | null;
  regimeVerdicts: RegimeExemptionVerdict[];
  questionsToAnswer: ExemptionQuestion[];
}

/** Where the input sits in the request, so errors name the client's own field. */
const FIELD_PREFIX = 'input.';

/** Control status per regime from the codes given: one query for every code (and its entry) valid on the date. */
async function controlFromProvisions(
  prisma: PrismaClient,
  codes: readonly string[],
  regimes: readonly Regime[] | null,
  asOf: Date,
): Promise<RegimeControl[]> {
  const wanted = [...new Set(codes.map((code) => code.trim()))];
  const rows = await prisma.controlProvision.findMany({
    select: { code: true, regime: true, entryCode: true },
    where: {
      AND: [{ code: { in: wanted } }, regimes ? { regime: { in: [...regimes] } } : {}, provisionVersionWhere(asOf)],
    },
  });
  const found = new Map<string, Set<string>>();
  for (const row of rows) found.set(row.regime, (found.get(row.regime) ?? new Set()).add(row.code));
  // A code must exist somewhere; a code in force elsewhere or on another date is not an error:
  // that regime is unknown.
  const anyRows =
    regimes === null && rows.length > 0 && wanted.every((code) => rows.some((row) => row.code === code))
      ? rows
      : await prisma.controlProvision.findMany({
          select: { code: true, regime: true },
          where: { code: { in: wanted } },
        });
  const missing = wanted.filter((code) => !anyRows.some((row) => row.code === code));
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      `${FIELD_PREFIX}provisions`,
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
          basis: `${codesHere.join(', ')} (${regime}), the code(s) you gave, in force on ${isoDay(asOf)}.`,
          paragraphs: codesHere.map((code) => ({ code, outcome: 'MET' as const })),
          missingFacts: [],
        }
      : {
          regime: regime as ExemptionRegime,
          controlled: 'UNKNOWN' as const,
          basis: `none of the codes given (${wanted.join(', ')}) is a ${regime} provision known to be in force on ${isoDay(asOf)}, so whether ${regime} controls the item is unknown.`,
          paragraphs: [],
          missingFacts: [],
        };
  });
}

function controlBasis(
  regime: ExemptionRegime,
  controlled: Outcome,
  met: readonly string[],
  encoded: string,
  notInForce: readonly string[],
  asOf: Date,
): string {
  if (controlled === 'MET') return `classified from the item's facts: ${met.join(', ')} (${regime}) controls it.`;
  if (controlled === 'NOT_MET') {
    return `classified from the item's facts: none of the encoded ${regime} entries (${encoded}) controls it; entries not encoded were not checked.`;
  }
  const stale =
    notInForce.length > 0
      ? `; the encoded text of ${notInForce.join(', ')} is not known to be in force on ${isoDay(asOf)}`
      : '';
  return `classified from the item's facts: undecided for the encoded ${regime} entries (${encoded})${stale}.`;
}

/** Control status per regime from the item's facts, with the texts in force on the date (one query). */
async function controlFromItem(
  prisma: PrismaClient,
  classification: Classification,
  regimes: readonly ExemptionRegime[],
  asOf: Date,
): Promise<RegimeControl[]> {
  const entries = classification.entries;
  const rows =
    entries.length === 0
      ? []
      : await prisma.controlProvision.findMany({
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
    return {
      regime,
      controlled,
      basis: controlBasis(regime, controlled, met, encoded, notInForce, asOf),
      paragraphs: paragraphs.map(({ code, outcome }) => ({ code, outcome })),
      missingFacts: [
        ...new Set(
          paragraphs.filter((paragraph) => paragraph.outcome === 'UNKNOWN').flatMap((paragraph) => paragraph.missing),
        ),
      ],
    };
  });
}

/** The item type the codes say (A-C commodity, D software, E technology); one kind at a time. */
function derivedItemTypeOf(codes: readonly string[]) {
  if (codes.length === 0) return null;
  const typed = itemTypeOfCodes(codes);
  if (typed && 'conflict' in typed) {
    throw new InvalidArgumentError(
      `${FIELD_PREFIX}provisions`,
      'one-item-type',
      `The codes control different kinds of item (${typed.conflict}): check one kind (hardware, software or technology) at a time.`,
    );
  }
  return typed;
}

/** Checks every exemption in scope against the facts given, with an overall verdict. */
export async function checkExemptionsFor(
  deps: { prisma: PrismaClient; exemptionRules: ExemptionRules },
  input: CheckExemptionsInput,
): Promise<ExemptionCheckAnswer> {
  const { prisma, exemptionRules } = deps;
  const rulebook = exemptionRules.rulebook;
  const asOf = input.asOf ?? todayUtc();
  const codes = (input.provisions ?? []).map((code) => code.trim());
  const itemFacts: Map<string, NormalizedFact> = input.item
    ? new Map(normalizeFacts(rulebook, input.item, `${FIELD_PREFIX}item.facts`))
    : new Map();
  const activity = activityFactSet(
    exemptionRules,
    input.activity,
    input.destination,
    derivedItemTypeOf(codes),
    FIELD_PREFIX,
  );

  let control: RegimeControl[];
  let mode: 'provisions' | 'item';
  if (codes.length > 0) {
    mode = 'provisions';
    control = await controlFromProvisions(prisma, codes, input.regimes, asOf);
  } else {
    mode = 'item';
    const regimes = (input.regimes ??
      REGIMES_WITH_EXEMPTIONS.filter((regime) =>
        rulebook.entries.some((entry) => entry.encoding.regime === regime),
      )) as ExemptionRegime[];
    const classification = classifyFacts(rulebook, itemFacts, regimes);
    control = await controlFromItem(prisma, classification, regimes, asOf);
  }

  // One query: every exemption with its citation (the encodings cover all of them, and a
  // condition may quote another record).
  const records = await prisma.exemption.findMany({ include: { citation: true }, orderBy: { sourceKey: 'asc' } });
  const byKey = new Map<string, ExemptionRow>(
    records.map((record) => [record.sourceKey, { ...record, key: record.sourceKey }]),
  );

  const facts = new Map<string, NormalizedFact>([...itemFacts, ...activity]);
  const result = checkExemptions({ rules: exemptionRules, records: byKey, facts, control, mode, asOf });
  const regimeVerdicts = result.regimes.map((regime) => {
    const source = control.find((candidate) => candidate.regime === regime.regime);
    return { ...regime, basis: source?.basis ?? '', paragraphs: source?.paragraphs ?? [] };
  });
  const questionsToAnswer = result.questions.map((question) => ({
    ...question,
    givenAs:
      question.fact === DESTINATION_FACT
        ? 'destination'
        : exemptionRules.activityFacts.has(question.fact)
          ? 'activity'
          : 'item.facts',
  }));
  const destination = activity.get(DESTINATION_FACT)?.given ?? null;
  return { ...result, asOf, destination, regimeVerdicts, questionsToAnswer };
}

/** The facts about an export that checkExemptions uses, with the exemptions using each, by name. */
export function listActivityFacts(exemptionRules: ExemptionRules) {
  return [...exemptionRules.activityFacts.values()]
    .map((info) => ({
      declaration: info.declaration,
      exemptions: [...info.usedBy].sort(),
      givenAs: info.declaration.name === DESTINATION_FACT ? 'destination' : 'activity',
    }))
    .sort((a, b) => a.declaration.name.localeCompare(b.declaration.name));
}
