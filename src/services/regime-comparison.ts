// The same entry in several regimes' current lists, paragraph by paragraph and note by note.
// Paragraphs are paired by code: the EU, US and UK lists print EU-style codes, the Wassenaar List
// its dotted codes (stored EU-style beside them), and the UK gives each provision its Wassenaar
// code, which pairs UK items where the UK numbers them differently (6E003.a is Wassenaar
// 6.E.3.d). Each pairing says which of these it used. Texts are then compared in the comparable
// form of list-text-comparison (SAME), or reported with the words that differ (DIFFERENT), or as
// present in one regime only.
import { comparableText, euStyleCodesInText, sameListText, textSimilarity } from '../domain/list-text-comparison.js';
import type { Prisma, PrismaClient, ProvisionNote, Regime } from '../generated/prisma/client.js';
import { wordDiff, type DiffSegment } from './provision-diff.js';

/** The regimes compared when none are named: those with a list text, in this order. */
export const COMPARED_REGIMES: readonly Regime[] = ['WASSENAAR', 'EU', 'UK', 'US_EAR'];

/** How a regime's provision was matched to the paragraph it is compared under. */
export type PairingMethod = 'SAME_CODE' | 'EU_STYLE_CODE' | 'WASSENAAR_CODE';

export type ComparisonStatus = 'SAME' | 'DIFFERENT' | 'ONLY_IN_SOME';
export type PairStatus = 'SAME' | 'DIFFERENT' | 'ONLY_IN_ONE';

type NoteText = Pick<ProvisionNote, 'id' | 'kind' | 'label' | 'text'>;

export interface ComparedProvision {
  id: string;
  regime: Regime;
  code: string;
  printedCode: string | null;
  wassenaarCode: string | null;
  text: string;
  listNotes: NoteText[];
}

export interface ComparisonSide<T> {
  regime: Regime;
  item: T;
  method: PairingMethod;
}

export interface PairComparison {
  first: Regime;
  second: Regime;
  status: PairStatus;
  /** The regime that has it, for ONLY_IN_ONE; null otherwise. */
  onlyIn: Regime | null;
  /** Share of the comparable text the two have in common (1 = SAME); null for ONLY_IN_ONE. */
  similarity: number | null;
  /** Word-level changes from the first regime's text to the second's, for DIFFERENT; empty otherwise. */
  differences: DiffSegment[];
}

export interface NoteComparison {
  kind: ProvisionNote['kind'];
  /** The label the notes are paired by, as the first regime having it prints it. */
  label: string;
  sides: Array<ComparisonSide<NoteText>>;
  status: ComparisonStatus;
  pairs: PairComparison[];
}

export interface ParagraphComparison {
  /** The EU-style code the regimes' provisions are compared under. */
  code: string;
  sides: Array<ComparisonSide<ComparedProvision>>;
  status: ComparisonStatus;
  pairs: PairComparison[];
  notes: NoteComparison[];
}

/** The EU-style code a provision is compared under, and how it was found. */
function comparisonCode(provision: ComparedProvision): { code: string; method: PairingMethod } {
  if (provision.regime === 'UK' && provision.wassenaarCode) {
    return { code: euStyleCodesInText(provision.wassenaarCode), method: 'WASSENAAR_CODE' };
  }
  if (provision.regime === 'WASSENAAR' && provision.printedCode)
    return { code: provision.code, method: 'EU_STYLE_CODE' };
  return { code: provision.code, method: 'SAME_CODE' };
}

/** Labels as printed differ in punctuation and number ("Technical Notes:"): paired on this form. */
function noteLabelKey(note: NoteText): string {
  const label = note.label
    .toLowerCase()
    .replace(/[:.\s]+/g, ' ')
    .trim()
    .replace(/^technical notes\b/, 'technical note')
    .replace(/^notes\b/, 'note');
  return `${note.kind}\u0000${label}`;
}

function statusOf(present: number, total: number, same: boolean): ComparisonStatus {
  if (present < total) return 'ONLY_IN_SOME';
  return same ? 'SAME' : 'DIFFERENT';
}

function comparePairs<T>(
  regimes: readonly Regime[],
  sides: ReadonlyArray<ComparisonSide<T>>,
  textOf: (item: T) => string,
  withDifferences: boolean,
): PairComparison[] {
  const byRegime = new Map(sides.map((side) => [side.regime, side]));
  const pairs: PairComparison[] = [];
  regimes.forEach((first, index) => {
    for (const second of regimes.slice(index + 1)) {
      const a = byRegime.get(first);
      const b = byRegime.get(second);
      if (!a && !b) continue;
      if (!a || !b) {
        pairs.push({
          first,
          second,
          status: 'ONLY_IN_ONE',
          onlyIn: (a ?? b)?.regime ?? null,
          similarity: null,
          differences: [],
        });
        continue;
      }
      const same = sameListText(textOf(a.item), textOf(b.item));
      pairs.push({
        first,
        second,
        status: same ? 'SAME' : 'DIFFERENT',
        onlyIn: null,
        similarity: same ? 1 : withDifferences ? textSimilarity(textOf(a.item), textOf(b.item)) : null,
        differences: same || !withDifferences ? [] : wordDiff(textOf(a.item), textOf(b.item)),
      });
    }
  });
  return pairs;
}

function compareNotes(
  regimes: readonly Regime[],
  sides: ReadonlyArray<ComparisonSide<ComparedProvision>>,
  withDifferences: boolean,
): NoteComparison[] {
  const groups = new Map<string, NoteComparison>();
  for (const side of sides) {
    const seen = new Map<string, number>();
    for (const note of side.item.listNotes) {
      const base = noteLabelKey(note);
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      const key = `${base}\u0000${occurrence}`;
      const group = groups.get(key) ?? { kind: note.kind, label: note.label, sides: [], status: 'SAME', pairs: [] };
      group.sides.push({ regime: side.regime, item: note, method: side.method });
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group) => {
    const texts = new Set(group.sides.map((side) => comparableText(side.item.text)));
    return {
      ...group,
      status: statusOf(group.sides.length, sides.length, texts.size === 1),
      pairs: comparePairs(
        regimes.filter((regime) => sides.some((side) => side.regime === regime)),
        group.sides,
        (note) => note.text,
        withDifferences,
      ),
    };
  });
}

/**
 * Pairs and compares the provisions of several regimes. `withDifferences` adds the similarity and
 * the word-level differences of every DIFFERENT pair (for one entry; a report needs counts only).
 */
export function compareRegimeTexts(
  requested: readonly Regime[],
  provisions: readonly ComparedProvision[],
  withDifferences: boolean,
): ParagraphComparison[] {
  // Only regimes that have something under the scope take part: a regime without the entry at
  // all is not "different", it has no text to compare.
  const regimes = requested.filter((regime) => provisions.some((provision) => provision.regime === regime));
  const byCode = new Map<string, Array<ComparisonSide<ComparedProvision>>>();
  for (const provision of provisions) {
    if (!regimes.includes(provision.regime)) continue;
    const { code, method } = comparisonCode(provision);
    const sides = byCode.get(code) ?? [];
    // A second row of one regime under one code would be a duplicate; the first in order is kept.
    if (!sides.some((side) => side.regime === provision.regime))
      sides.push({ regime: provision.regime, item: provision, method });
    byCode.set(code, sides);
  }
  const ordered = [...byCode.entries()].sort(([a], [b]) => compareCodes(a, b));
  return ordered.map(([code, unsorted]) => {
    const sides = [...unsorted].sort((a, b) => regimes.indexOf(a.regime) - regimes.indexOf(b.regime));
    const texts = new Set(sides.map((side) => comparableText(side.item.text)));
    return {
      code,
      sides,
      status: statusOf(sides.length, regimes.length, texts.size === 1),
      pairs: comparePairs(regimes, sides, (provision) => provision.text, withDifferences),
      notes: compareNotes(regimes, sides, withDifferences),
    };
  });
}

/** Codes in list order: "6A003.b.4" before "6A003.b.10", letters and numbers compared as such. */
export function compareCodes(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const x = left[index];
    const y = right[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isInteger(nx) && Number.isInteger(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

const PROVISION_COLUMNS = {
  id: true,
  regime: true,
  code: true,
  printedCode: true,
  wassenaarCode: true,
  text: true,
  listNotes: {
    select: { id: true, kind: true, label: true, text: true },
    orderBy: [{ ordinal: 'asc' as const }, { id: 'asc' as const }],
  },
} satisfies Prisma.ControlProvisionSelect;

/**
 * The current main-list provisions of the regimes under `codes` (each an entry or a paragraph
 * code, its subtree included; for the UK also by Wassenaar code), or of a whole category.
 */
export async function readComparedProvisions(
  prisma: PrismaClient,
  regimes: readonly Regime[],
  scope: { codes: readonly string[] } | { category: string },
): Promise<ComparedProvision[]> {
  const underCodes =
    'codes' in scope
      ? {
          OR: scope.codes.flatMap((code) => [
            { code },
            { code: { startsWith: `${code}.` } },
            { wassenaarCode: { in: wassenaarFormsOf(code) } },
            ...wassenaarFormsOf(code).map((form) => ({ wassenaarCode: { startsWith: `${form}.` } })),
          ]),
        }
      : { category: scope.category };
  return prisma.controlProvision.findMany({
    select: PROVISION_COLUMNS,
    where: { regime: { in: [...regimes] }, inMainList: true, status: 'CURRENT', ...underCodes },
    orderBy: [{ regime: 'asc' }, { code: 'asc' }, { id: 'asc' }],
  });
}

/** "6A003.b.4" as the Wassenaar List prints it ("6.A.3.b.4"); nothing for a code of another shape. */
export function wassenaarFormsOf(code: string): string[] {
  const match = /^(\d)([A-E])(\d{3})(\..*)?$/.exec(code);
  if (!match) return [];
  const [, category, group, number, rest] = match;
  return [`${category}.${group}.${Number(number)}${rest ?? ''}`];
}
