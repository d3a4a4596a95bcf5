// Classifying an item described by its facts: the evaluation itself is classifyFacts (pure);
// this service adds what needs the database (the provision rows cited, in one statement, and
// whether the encoded text is in force on the date asked about), the roll-up per regime, the
// facts to ask next, and the disclaimer shown with every answer.
import {
  classifyFacts,
  type ClassifiedEntry,
  type ClassifiedMove,
  type ClassifiedParagraph,
} from '../classification/classify-facts.js';
import { closestCodes, normalizeDeclaredCode, type DeclaredScope } from '../classification/declared-classifications.js';
import type { FactConflict, ImpliedFact } from '../classification/implications.js';
import { describeItem } from '../classification/item-description.js';
import type { FactInput } from '../classification/item-facts-input.js';
import { rankNextQuestions } from '../classification/next-questions.js';
import { apiRegimeOf, encodedRegimeOf } from '../classification/regime-mapping.js';
import type { EncodedRegime, Rulebook } from '../classification/rulebook.js';
import { anyOf, type Outcome } from '../classification/three-valued.js';
import { workCheckpoint } from '../domain/cancellable-work.js';
import { inCpuLane } from '../domain/cpu-lane.js';
import { isoDay } from '../domain/calendar-date.js';
import { provisionVersionWhere } from '../domain/point-in-time.js';
import { InvalidArgumentError } from '../errors.js';
import { Regime, type ItemType, type PrismaClient } from '../generated/prisma/client.js';
import { describeFact, type FactDescription, type FactUse } from './fact-vocabulary.js';
import {
  codeAndAncestors,
  nearestRow,
  readCitedRows,
  rowOf,
  type CitedRow,
  type CitedRowPlan,
} from './provision-citations.js';

/** A classification the user already knows (see declared-classifications.ts). */
export interface DeclaredClassificationInput {
  code: string;
  /** The list the code is from; every regime classified when null. */
  regime: Regime | null;
  scope: DeclaredScope;
}

/** A declaration as it was taken: the regimes it was applied in, and what the list says it is. */
export interface DeclaredClassification {
  code: string;
  scope: DeclaredScope;
  /** Regimes whose encodings define the code: there the paragraph (and those above it) are MET. */
  appliedIn: Regime[];
  /** Regimes classified whose list has the code but no encoding of it: recorded, nothing evaluated. */
  listedIn: Regime[];
  /** COMMODITY, SOFTWARE or TECHNOLOGY as the list's product group gives it; null when not recorded. */
  itemType: ItemType | null;
  /** The product group letter the list files the code under (A-E); null when not recorded. */
  productGroup: string | null;
}

export interface ClassifyItemInput {
  facts: readonly FactInput[];
  /** Classifications already known, of the item or of a component it incorporates. */
  declared?: readonly DeclaredClassificationInput[];
  /** Regimes to classify under; every regime with an encoded entry when null. */
  regimes: readonly Regime[] | null;
  /** The texts in force on this date; the current texts when null. */
  asOf: Date | null;
}

export type RegimeCoverage = 'ENCODED' | 'NOT_ENCODED' | 'TEXT_NOT_IN_FORCE';

export interface ParagraphClassification extends ClassifiedParagraph {
  apiRegime: Regime;
  provision: CitedRow | null;
}

export interface EntryClassification extends ClassifiedEntry {
  apiRegime: Regime;
  coverage: 'ENCODED' | 'TEXT_NOT_IN_FORCE';
  provision: CitedRow | null;
  /** Why the entry was not evaluated; null when it was. */
  reason: string | null;
}

export interface RegimeClassification {
  regime: Regime;
  coverage: RegimeCoverage;
  outcome: Outcome | null;
  entries: string[];
  textDates: Date[];
  note: string;
}

export interface MoveClassification extends ClassifiedMove {
  apiRegime: Regime;
}

export interface NextQuestion {
  fact: FactDescription;
  paragraphs: FactUse[];
}

export interface ItemClassification {
  controlled: Outcome;
  asOf: Date | null;
  regimes: RegimeClassification[];
  entries: EntryClassification[];
  paragraphs: ParagraphClassification[];
  moves: MoveClassification[];
  declared: DeclaredClassification[];
  /** Facts that follow from the facts given and the classifications declared, with their rules. */
  impliedFacts: ImpliedFact[];
  /** Given facts that disagree with an implied one (the given value was used), and rules that disagree. */
  factConflicts: FactConflict[];
  disclaimer: string;
  /** The facts the UNKNOWN paragraphs wait on, most waited-on first (computed when asked). */
  nextQuestions(): NextQuestion[];
}

/** Default scope when no regimes are given: every regime with an encoded entry. */
function encodedApiRegimes(rulebook: Rulebook): Regime[] {
  const encoded = new Set(rulebook.entries.map((entry) => entry.encoding.regime));
  return Object.values(Regime).filter((regime) => {
    const mapped = encodedRegimeOf(regime);
    return mapped !== undefined && encoded.has(mapped);
  });
}

export function disclaimerText(regimes: readonly RegimeClassification[]): string {
  const evaluated = regimes
    .filter((regime) => regime.coverage === 'ENCODED')
    .map(
      (regime) =>
        `${regime.regime} (${regime.entries.join(', ')}; text in force on ${regime.textDates.map(isoDay).join(', ') || 'an unstated date'})`,
    );
  const parts = [
    'Decision support, not legal advice: this answer applies encoded readings of the list texts to the facts you gave. Check it against the official text and your export control officer or licensing authority before relying on it.',
    evaluated.length > 0 ? `Evaluated: ${evaluated.join('; ')}.` : 'No encoded text was evaluated.',
    'Only the encoded entries were evaluated: NOT_MET means "not controlled by these entries", not "not controlled". UNKNOWN means the facts given do not decide it.',
  ];
  const skipped = regimes.filter((regime) => regime.coverage !== 'ENCODED');
  if (skipped.length > 0) {
    parts.push(`Not evaluated: ${skipped.map((regime) => `${regime.regime} (${regime.note})`).join('; ')}.`);
  }
  return parts.join(' ');
}

function nextQuestionsOf(rulebook: Rulebook, paragraphs: readonly ParagraphClassification[]): NextQuestion[] {
  return rankNextQuestions(paragraphs).map((question) => {
    const info = rulebook.facts.get(question.fact);
    if (!info) throw new Error(`missing fact ${question.fact} is not in the rulebook`);
    return {
      fact: describeFact(rulebook, info),
      paragraphs: question.paragraphs.map((paragraph) => ({
        regime: paragraph.apiRegime,
        paragraph: paragraph.paragraph,
      })),
    };
  });
}

/** An entry is evaluated only when the version in force on the date is the text that was encoded. */
function entryClassification(entry: ClassifiedEntry, apiRegime: Regime, row: CitedRow | null, asOfText: string) {
  // The encodings were read from the current texts: a version of another status valid on the
  // date (a superseded text) is not what was encoded.
  if (row !== null && row.status === 'CURRENT') {
    return { ...entry, apiRegime, coverage: 'ENCODED' as const, provision: row, reason: null };
  }
  const reason = row
    ? `The version of ${entry.entry} in force on ${asOfText} is not the text that was encoded.`
    : `No version of ${entry.entry} (${apiRegime}) is known to be in force on ${asOfText}; the encoded text cannot be applied to that date.`;
  return {
    ...entry,
    apiRegime,
    coverage: 'TEXT_NOT_IN_FORCE' as const,
    provision: row,
    reason,
    outcome: 'UNKNOWN' as const,
    missingFacts: [],
  };
}

function regimeClassification(
  regime: Regime,
  entries: readonly EntryClassification[],
  asOfText: string,
): RegimeClassification {
  const own = entries.filter((entry) => entry.apiRegime === regime);
  if (own.length === 0) {
    return {
      regime,
      coverage: 'NOT_ENCODED',
      outcome: null,
      entries: [],
      textDates: [],
      note: `no entry of ${regime} is encoded`,
    };
  }
  const codes = own.map((entry) => entry.entry);
  const evaluated = own.filter((entry) => entry.coverage === 'ENCODED');
  const textDays = evaluated.flatMap((entry) => (entry.provision?.textDate ? [isoDay(entry.provision.textDate)] : []));
  const textDates = [...new Set(textDays)].map((text) => new Date(text));
  if (evaluated.length === 0) {
    return {
      regime,
      coverage: 'TEXT_NOT_IN_FORCE',
      outcome: 'UNKNOWN',
      entries: codes,
      textDates,
      note: `the encoded text is not known to be in force on ${asOfText}`,
    };
  }
  const skipped = own.filter((entry) => entry.coverage !== 'ENCODED').map((entry) => entry.entry);
  return {
    regime,
    coverage: 'ENCODED',
    outcome: anyOf(own.map((entry) => entry.outcome)),
    entries: codes,
    textDates,
    note:
      skipped.length === 0
        ? `entries ${codes.join(', ')} evaluated`
        : `entries ${evaluated.map((entry) => entry.entry).join(', ')} evaluated; ${skipped.join(', ')} not known to be in force on ${asOfText}`,
  };
}

/**
 * Classifies an item against the encoded entries of the regimes asked about. Unknown fact names
 * or units are an InvalidItemFactsError naming `factsField`. `plan` says which columns of the
 * cited provisions and their citations to read besides those the answer needs.
 */
export async function classifyItem(
  deps: { prisma: PrismaClient; rulebook: Rulebook },
  input: ClassifyItemInput,
  plan: CitedRowPlan,
  factsField = 'item.facts',
): Promise<ItemClassification> {
  const { rulebook } = deps;
  const requested = [...new Set(input.regimes ?? encodedApiRegimes(rulebook))];
  const encodedRequested = requested.flatMap((regime) => encodedRegimeOf(regime) ?? []);
  const declaredInputs = input.declared ?? [];
  const declaredField = factsField.replace(/facts$/, 'declared');
  // A declaration naming a list that has no encodings (HK) applies to no encoded entry: it is
  // only checked against that list below, never read as "every regime".
  const encodable = declaredInputs.flatMap((declared, index) => {
    const regime = declared.regime ? encodedRegimeOf(declared.regime) : null;
    return regime === undefined ? [] : [{ index, input: { code: declared.code, regime, scope: declared.scope } }];
  });
  const described = describeItem(
    rulebook,
    { facts: input.facts, declared: encodable.map(({ input: declared }) => declared) },
    // A declaration naming a regime not classified applies nowhere: it is refused below.
    encodedRequested,
    factsField,
  );
  const item = {
    ...described,
    declared: described.declared.map((declared) => ({
      ...declared,
      index: encodable[declared.index]?.index ?? declared.index,
    })),
  };
  const declared = await declaredClassifications(
    deps.prisma,
    rulebook,
    declaredInputs,
    requested,
    item,
    input.asOf,
    declaredField,
  );
  // The evaluation is the costly part (tens of milliseconds): not started for a stopped request.
  await workCheckpoint();
  const classification = await inCpuLane(() => classifyFacts(rulebook, item.facts, encodedRequested, item.declared));

  // Codes to cite: every listed paragraph and entry, with their ancestors.
  const codes = new Map<Regime, Set<string>>();
  const want = (encoded: EncodedRegime, code: string) => {
    const regime = apiRegimeOf(encoded);
    if (!regime) return;
    const set = codes.get(regime) ?? new Set<string>();
    for (const candidate of codeAndAncestors(code)) set.add(candidate);
    codes.set(regime, set);
  };
  for (const entry of classification.entries) want(entry.regime, entry.entry);
  for (const paragraph of classification.paragraphs) want(paragraph.regime, paragraph.paragraph);
  const rows = await readCitedRows(deps.prisma, codes, input.asOf, plan);

  const asOfText = input.asOf ? isoDay(input.asOf) : 'today';
  const entries: EntryClassification[] = classification.entries.flatMap((entry) => {
    const apiRegime = apiRegimeOf(entry.regime);
    return apiRegime ? [entryClassification(entry, apiRegime, rowOf(rows, apiRegime, entry.entry), asOfText)] : [];
  });
  const notInForce = new Set(
    entries.filter((entry) => entry.coverage !== 'ENCODED').map((entry) => `${entry.regime} ${entry.entry}`),
  );
  const paragraphs: ParagraphClassification[] = classification.paragraphs.flatMap((paragraph) => {
    const apiRegime = apiRegimeOf(paragraph.regime);
    if (!apiRegime || notInForce.has(`${paragraph.regime} ${paragraph.entry}`)) return [];
    return [{ ...paragraph, apiRegime, provision: nearestRow(rows, apiRegime, paragraph.paragraph) }];
  });
  const moves = classification.moves.flatMap((move) => {
    const apiRegime = apiRegimeOf(move.regime);
    const entry = move.from.split('.')[0] ?? move.from;
    return apiRegime && !notInForce.has(`${move.regime} ${entry}`) ? [{ ...move, apiRegime }] : [];
  });

  const regimes = requested.map((regime) => regimeClassification(regime, entries, asOfText));
  const controlled = anyOf(regimes.map((regime) => regime.outcome ?? 'UNKNOWN'));
  return {
    controlled: regimes.length === 0 ? 'UNKNOWN' : controlled,
    asOf: input.asOf,
    regimes,
    entries,
    paragraphs,
    moves,
    declared,
    impliedFacts: item.implied,
    factConflicts: item.conflicts,
    disclaimer: disclaimerText(regimes),
    nextQuestions: () => nextQuestionsOf(rulebook, paragraphs),
  };
}

/**
 * The declarations as taken. A code that no encoding of the regimes defines must still be a
 * code of one of their lists (in force on `asOf`): then it is recorded with its product group;
 * otherwise the input is refused, naming the code and the closest encoded codes.
 */
async function declaredClassifications(
  prisma: PrismaClient,
  rulebook: Rulebook,
  inputs: readonly DeclaredClassificationInput[],
  requested: readonly Regime[],
  item: ReturnType<typeof describeItem>,
  asOf: Date | null,
  field: string,
): Promise<DeclaredClassification[]> {
  if (inputs.length === 0) return [];
  const codes = inputs.map((input) => normalizeDeclaredCode(input.code));
  const scopeOf = (input: DeclaredClassificationInput) =>
    input.regime ? requested.filter((regime) => regime === input.regime) : [...requested];
  const rows = await prisma.controlProvision.findMany({
    where: {
      AND: [{ code: { in: [...new Set(codes)] }, regime: { in: [...requested] } }, provisionVersionWhere(asOf)],
    },
    select: { code: true, regime: true, itemType: true, productGroup: true, entryCode: true },
  });
  const problems: string[] = [];
  const result = inputs.map((input, index) => {
    const code = codes[index] ?? input.code;
    const regimes = scopeOf(input);
    const appliedIn = regimes.filter((regime) =>
      item.declared.some((declared) => declared.index === index && apiRegimeOf(declared.regime) === regime),
    );
    const listed = rows.filter((row) => row.code === code && regimes.includes(row.regime));
    const listedIn = listed.map((row) => row.regime).filter((regime) => !appliedIn.includes(regime));
    if (appliedIn.length === 0 && listed.length === 0) {
      const near = closestCodes(rulebook, code);
      const inForce = asOf ? `in force on ${isoDay(asOf)}` : 'in force today';
      const where = input.regime
        ? !requested.includes(input.regime)
          ? `${input.regime} is not among the regimes classified (${requested.join(', ')})`
          : `no ${input.regime} list ${inForce} has it`
        : `no list of ${requested.join(', ')} ${inForce} has it`;
      problems.push(
        `declared[${index}] "${input.code}": unknown code (${where})${near.length > 0 ? `; did you mean: ${near.join(', ')}?` : ''}`,
      );
    }
    const typed = listed.find((row) => row.itemType !== null) ?? listed[0];
    return {
      code,
      scope: input.scope,
      appliedIn,
      listedIn: [...new Set(listedIn)],
      itemType: typed?.itemType ?? null,
      productGroup: typed?.productGroup ?? null,
    };
  });
  if (problems.length > 0) throw new InvalidArgumentError(field, 'known-classification-code', problems.join('; '));
  return result;
}
