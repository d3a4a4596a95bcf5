// Which exemptions cover an export of an item, given by its provision codes or by its facts
// (classified with classifyItem's evaluator): the evaluation itself is checkExemptions (pure);
// this service validates the activity facts, decides the control status per regime from the
// database (the codes given, or the encoded entries in force on the date) and loads the
// exemption records, in a fixed number of statements.
import {
  activityControl,
  checkExemptions,
  ENTRY_FACT,
  itemTypeOfCodes,
  itemTypeOfItemKind,
  regimesForActivity,
  readActivityFacts,
  type ActivityFactInput,
  type AnswerReading,
  type ItemTypeValue,
  type CheckResult,
  type Question,
  type RegimeControl,
  type RegimeVerdict,
} from '../classification/exemption-evaluation.js';
import { classifyFacts, type Classification } from '../classification/classify-facts.js';
import type { NormalizedFact } from '../classification/evaluate-expression.js';
import type { ExemptionRegime } from '../classification/exemption-encoding-schema.js';
import { DESTINATION_FACT, type ExemptionRules } from '../classification/exemption-rules.js';
import type { DeclaredInput } from '../classification/declared-classifications.js';
import type { DeclaredClassificationInput } from './item-classification.js';
import { describeItem, type ItemDescription } from '../classification/item-description.js';
import type { FactInput } from '../classification/item-facts-input.js';
import {
  licenceExceptionsAwaitingEntry,
  licenceExceptionsOfEntry,
  type LicenceExceptionRow,
} from '../classification/exemption-licence-exceptions.js';
import { entryOf } from '../classification/paragraph-refs.js';
import { anyOf, type Outcome } from '../classification/three-valued.js';
import type { ControlLine } from '../classification/us-control-lines.js';
import type { UsCountryTables } from '../classification/us-country-chart.js';
import { isoDay, todayUtc } from '../domain/calendar-date.js';
import { workCheckpoint } from '../domain/cancellable-work.js';
import { provisionVersionWhere } from '../domain/point-in-time.js';
import { InvalidArgumentError } from '../errors.js';
import type { Citation, Exemption, PrismaClient, Regime } from '../generated/prisma/client.js';
import type { Rulebook } from '../classification/rulebook.js';

/** Regimes that have exemption encodings. */
export const REGIMES_WITH_EXEMPTIONS: readonly ExemptionRegime[] = ['US_EAR', 'EU', 'UK', 'WASSENAAR'];

export interface CheckExemptionsInput {
  /** Codes of the entries or paragraphs that control what is exported. */
  provisions: readonly string[] | null;
  /** The item's facts, when it is described by them. */
  item: readonly FactInput[] | null;
  /** Classifications of the item (or a component) already known, used with its facts. */
  declared?: readonly DeclaredClassificationInput[];
  regimes: readonly Regime[] | null;
  activity: readonly ActivityFactInput[];
  /** ISO 3166-1 alpha-2. */
  destination: string | null;
  /** Today when null. */
  asOf: Date | null;
  /** Key of the exemption asked about (its questions come first); null for none. */
  focus?: string | null;
}

export type ExemptionRow = Exemption & { citation: Citation; key: string };

export interface RegimeExemptionVerdict extends RegimeVerdict {
  basis: string;
  paragraphs: { code: string; outcome: Outcome }[];
}

export interface ExemptionQuestion extends Question {
  /** Where to give it: "activity", "item.facts", "destination" or "provisions" (the list entry). */
  givenAs: string;
}

export interface ExemptionCheckAnswer extends CheckResult<ExemptionRow> {
  asOf: Date;
  destination: string | null;
  regimeVerdicts: RegimeExemptionVerdict[];
  questionsToAnswer: ExemptionQuestion[];
  /** What was checked: the codes given, the item's facts, or the activity alone. */
  mode: 'provisions' | 'item' | 'activity';
  /** Answers given in words, and the facts they were read as. */
  answersRead: AnswerReading[];
  /** The item type used, and where it came from (null when not known). */
  itemType: { value: ItemTypeValue; from: string } | null;
}

/** Where the input sits in the request, so errors name the client's own field. */
const FIELD_PREFIX = 'input.';

/** Control status per regime from the codes given: one query for every code (and its entry) valid on the date. */
async function controlFromProvisions(
  prisma: PrismaClient,
  codes: readonly string[],
  regimes: readonly Regime[] | null,
  asOf: Date,
): Promise<{ control: RegimeControl[]; usEntries: UsEntryTexts }> {
  const wanted = [...new Set(codes.map((code) => code.trim()))];
  // The codes and, in the same statement, their entries (whose texts name the licence exceptions).
  const fetched = await prisma.controlProvision.findMany({
    select: { code: true, regime: true, entryCode: true, kind: true, controlTable: true, licenceExceptions: true },
    where: {
      AND: [
        { code: { in: [...new Set([...wanted, ...wanted.map(entryOf)])] } },
        regimes ? { regime: { in: [...regimes] } } : {},
        provisionVersionWhere(asOf),
      ],
    },
  });
  const usEntries = usEntryTextsOf(fetched);
  const rows = fetched.filter((row) => wanted.includes(row.code));
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
  const control = regimeList.map((regime): RegimeControl => {
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
  return { control, usEntries };
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
): Promise<{ control: RegimeControl[]; usEntries: UsEntryTexts }> {
  const entries = classification.entries;
  const rows =
    entries.length === 0
      ? []
      : await prisma.controlProvision.findMany({
          select: { code: true, regime: true, status: true, kind: true, controlTable: true, licenceExceptions: true },
          where: {
            AND: [
              { OR: entries.map((entry) => ({ regime: entry.regime as Regime, code: entry.entry })) },
              provisionVersionWhere(asOf),
            ],
          },
        });
  const inForce = new Set(rows.filter((row) => row.status === 'CURRENT').map((row) => `${row.regime} ${row.code}`));
  const usEntries = usEntryTextsOf(rows);
  const control = regimes.map((regime): RegimeControl => {
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
  return { control, usEntries };
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

/** An entry's control table as stored: lines with their reason's text and Country Chart cell. */
function controlLinesOf(value: unknown): ControlLine[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((line: unknown) => {
    if (typeof line !== 'object' || line === null) return [];
    const record = line as Record<string, unknown>;
    if (typeof record.control !== 'string') return [];
    const cell = record.countryChart ?? record.country_chart;
    return [{ control: record.control, countryChart: typeof cell === 'string' ? cell : null }];
  });
}

/** An entry's License Exceptions section as stored ({ LVS: "$1500, except ..." }). */
function exceptionTextsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The US entries' control tables and License Exceptions sections, by ECCN, as the control queries read them. */
type UsEntryTexts = ReadonlyMap<string, { controlTable: ControlLine[]; texts: Record<string, string> }>;

function usEntryTextsOf(
  rows: readonly { code: string; regime: string; kind: string; controlTable: unknown; licenceExceptions: unknown }[],
): UsEntryTexts {
  return new Map(
    rows
      .filter((row) => row.regime === 'US_EAR' && row.kind === 'ENTRY')
      .map((row) => [
        row.code,
        { controlTable: controlLinesOf(row.controlTable), texts: exceptionTextsOf(row.licenceExceptions) },
      ]),
  );
}

/**
 * The list-based licence exceptions of the US entries the item is (or may be) controlled by, read
 * from each ECCN's text in force on the date; rows asking for the entry when none is known; none
 * when the EAR is not asked about or does not control the item.
 */
function usLicenceExceptions(
  countryTables: (() => UsCountryTables) | undefined,
  rulebook: Rulebook,
  control: readonly RegimeControl[],
  usEntries: UsEntryTexts,
  destination: string | null,
  facts: ReadonlyMap<string, NormalizedFact>,
): LicenceExceptionRow[] {
  const us = control.find((regime) => regime.regime === 'US_EAR');
  if (!us || us.controlled === 'NOT_MET' || !countryTables) return [];
  const codes = [...new Set(us.paragraphs.filter((p) => p.outcome !== 'NOT_MET').map((p) => p.code))];
  if (codes.length === 0) return licenceExceptionsAwaitingEntry();
  const context = { tables: countryTables(), rulebook, facts };
  return codes.flatMap((code) => {
    const entry = usEntries.get(entryOf(code));
    return entry ? licenceExceptionsOfEntry({ code, ...entry }, destination, context) : [];
  });
}

/** What describing the item added or left out: declarations used or not, facts implied, conflicts. */
function describedNotes(described: ItemDescription | null): string[] {
  if (!described) return [];
  return [
    ...described.declared.map(
      (declared) =>
        `item.declared[${declared.index}] ${declared.code} (${declared.regime}): declared by you, taken as met.`,
    ),
    ...described.unencoded.map(
      (entry) =>
        `item.declared[${entry.index}] ${entry.code}: no encoded paragraph of the regimes checked has this code, so it was not used here.`,
    ),
    ...described.implied.map(
      (implied) => `implied: ${implied.fact} = ${String(implied.value)}, because ${implied.because} (${implied.rule}).`,
    ),
    ...described.conflicts.map((conflict) => `conflict: ${conflict.message}`),
  ];
}

/** Checks every exemption in scope against the facts given, with an overall verdict. */
export async function checkExemptionsFor(
  deps: {
    prisma: PrismaClient;
    exemptionRules: ExemptionRules;
    /** The Country Chart and Country Groups, for the US list-based licence exceptions; none read without. */
    countryTables?: () => UsCountryTables;
  },
  input: CheckExemptionsInput,
): Promise<ExemptionCheckAnswer> {
  // Not started for a stopped request (see domain/cancellable-work.ts).
  await workCheckpoint();
  const { prisma, exemptionRules } = deps;
  const rulebook = exemptionRules.rulebook;
  const asOf = input.asOf ?? todayUtc();
  if (input.focus && !exemptionRules.encodings.has(input.focus)) {
    throw new InvalidArgumentError(
      `${FIELD_PREFIX}focus`,
      'exemption-key',
      `No exemption "${input.focus}" is checked here; give the key of one (e.g. "US-EAR-734.8"), as \`exemptions\` lists them.`,
    );
  }
  const codes = (input.provisions ?? []).map((code) => code.trim());
  // The item's facts with what follows from them and from the classifications declared (the
  // classification engine's implication rules), for the regimes it is classified in.
  const classified = (input.regimes ??
    REGIMES_WITH_EXEMPTIONS.filter((regime) =>
      rulebook.entries.some((entry) => entry.encoding.regime === regime),
    )) as ExemptionRegime[];
  const declaredNotes: string[] = [];
  const declaredInputs: { index: number; input: DeclaredInput }[] = [];
  (input.declared ?? []).forEach((declared, index) => {
    const regime =
      declared.regime === null
        ? null
        : rulebook.entries.find((entry) => entry.encoding.regime === declared.regime)?.encoding.regime;
    if (regime === undefined)
      declaredNotes.push(
        `item.declared[${index}] ${declared.code}: ${declared.regime ?? ''} has no encoded entries, so it was not used here.`,
      );
    else declaredInputs.push({ index, input: { code: declared.code, regime, scope: declared.scope } });
  });
  const describedRaw: ItemDescription | null = input.item
    ? describeItem(
        rulebook,
        { facts: input.item, declared: declaredInputs.map((declared) => declared.input) },
        classified,
        `${FIELD_PREFIX}item.facts`,
      )
    : null;
  // Positions as the client gave them.
  const at = (index: number) => declaredInputs[index]?.index ?? index;
  const described: ItemDescription | null = describedRaw && {
    ...describedRaw,
    declared: describedRaw.declared.map((declared) => ({ ...declared, index: at(declared.index) })),
    unencoded: describedRaw.unencoded.map((entry) => ({ ...entry, index: at(entry.index) })),
  };
  const itemFacts = new Map<string, NormalizedFact>(described?.facts ?? []);
  // The codes' product group decides the item type; without codes, the item kind does.
  const derivedItemType = derivedItemTypeOf(codes) ?? itemTypeOfItemKind(exemptionRules, itemFacts);
  const { facts: activity, readings } = readActivityFacts(
    exemptionRules,
    input.activity,
    input.destination,
    derivedItemType,
    FIELD_PREFIX,
  );

  let control: RegimeControl[];
  let usEntries: UsEntryTexts = new Map();
  let mode: 'provisions' | 'item' | 'activity';
  if (codes.length > 0) {
    mode = 'provisions';
    ({ control, usEntries } = await controlFromProvisions(prisma, codes, input.regimes, asOf));
  } else if (input.item === null) {
    mode = 'activity';
    control = activityControl(
      (input.regimes as ExemptionRegime[] | null) ?? regimesForActivity(exemptionRules, new Set(activity.keys())),
    );
  } else {
    mode = 'item';
    const classification = classifyFacts(rulebook, itemFacts, classified, described?.declared ?? []);
    ({ control, usEntries } = await controlFromItem(prisma, classification, classified, asOf));
  }

  // One query: every exemption with its citation (the encodings cover all of them, and a
  // condition may quote another record).
  const records = await prisma.exemption.findMany({ include: { citation: true }, orderBy: { sourceKey: 'asc' } });
  const byKey = new Map<string, ExemptionRow>(
    records.map((record) => [record.sourceKey, { ...record, key: record.sourceKey }]),
  );

  const facts = new Map<string, NormalizedFact>([...itemFacts, ...activity]);
  const destinationCode = activity.get(DESTINATION_FACT)?.given ?? null;
  const licenceExceptions = usLicenceExceptions(
    deps.countryTables,
    rulebook,
    control,
    usEntries,
    destinationCode,
    facts,
  );
  const result = checkExemptions({
    licenceExceptions,
    rules: exemptionRules,
    records: byKey,
    facts,
    control,
    mode,
    asOf,
    focus: input.focus ?? null,
  });
  const regimeVerdicts = result.regimes.map((regime) => {
    const source = control.find((candidate) => candidate.regime === regime.regime);
    return { ...regime, basis: source?.basis ?? '', paragraphs: source?.paragraphs ?? [] };
  });
  const questionsToAnswer = result.questions.map((question) => ({
    ...question,
    givenAs:
      question.fact === DESTINATION_FACT
        ? 'destination'
        : question.fact === ENTRY_FACT
          ? 'provisions'
          : exemptionRules.activityFacts.has(question.fact)
            ? 'activity'
            : 'item.facts',
  }));
  const destination = activity.get(DESTINATION_FACT)?.given ?? null;
  const itemType = activity.get('item_type');
  return {
    ...result,
    notes: [...result.notes, ...describedNotes(described), ...declaredNotes],
    asOf,
    destination,
    regimeVerdicts,
    questionsToAnswer,
    mode,
    answersRead: readings,
    itemType: itemType ? { value: itemType.value as ItemTypeValue, from: itemType.given } : null,
  };
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
