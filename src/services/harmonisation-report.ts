// Which entries of a list category differ between which regimes, and how much: per entry and per
// pair of regimes, how many paragraphs and notes are the same, differ, or are in one list only.
// Built on the paragraph-by-paragraph comparison (regime-comparison.ts), counts only.
import { InvalidArgumentError } from '../errors.js';
import type { PrismaClient, Regime } from '../generated/prisma/client.js';
import {
  compareCodes,
  compareRegimeTexts,
  COMPARED_REGIMES,
  readComparedProvisions,
  type ComparisonStatus,
  type PairComparison,
} from './regime-comparison.js';

export interface Tally {
  same: number;
  different: number;
  onlyInFirst: number;
  onlyInSecond: number;
}

export interface PairTally {
  first: Regime;
  second: Regime;
  paragraphs: Tally;
  notes: Tally;
}

export interface EntryHarmonisation {
  entry: string;
  /** The regimes whose list holds the entry. */
  listedIn: Regime[];
  /** SAME when every regime compared lists it with the same paragraphs and notes. */
  status: ComparisonStatus;
  paragraphCount: number;
  pairs: PairTally[];
}

export interface HarmonisationReport {
  category: string;
  regimes: Regime[];
  entries: EntryHarmonisation[];
  /** The counts of every entry added up, per pair of regimes. */
  totals: PairTally[];
}

const emptyTally = (): Tally => ({ same: 0, different: 0, onlyInFirst: 0, onlyInSecond: 0 });

function count(tally: Tally, pair: PairComparison): void {
  if (pair.status === 'SAME') tally.same += 1;
  else if (pair.status === 'DIFFERENT') tally.different += 1;
  else if (pair.onlyIn === pair.first) tally.onlyInFirst += 1;
  else tally.onlyInSecond += 1;
}

function pairTallies(regimes: readonly Regime[]): PairTally[] {
  return regimes.flatMap((first, index) =>
    regimes.slice(index + 1).map((second) => ({ first, second, paragraphs: emptyTally(), notes: emptyTally() })),
  );
}

function add(into: PairTally[], pairs: readonly PairComparison[], part: 'paragraphs' | 'notes'): void {
  for (const pair of pairs) {
    const tally = into.find((candidate) => candidate.first === pair.first && candidate.second === pair.second);
    if (tally) count(tally[part], pair);
  }
}

export async function harmonisationReport(
  prisma: PrismaClient,
  input: { category: string; regimes: readonly Regime[] | null },
): Promise<HarmonisationReport> {
  if (!/^\d$/.test(input.category)) {
    throw new InvalidArgumentError('category', 'known-value', 'A list category is one digit, "0" to "9".');
  }
  const regimes = [...new Set(input.regimes ?? COMPARED_REGIMES)];
  const provisions = await readComparedProvisions(prisma, regimes, { category: input.category });
  const byEntry = new Map<string, typeof provisions>();
  for (const provision of provisions) {
    const entry = provision.code.split('.')[0] ?? provision.code;
    byEntry.set(entry, [...(byEntry.get(entry) ?? []), provision]);
  }
  const totals = pairTallies(regimes);
  const entries = [...byEntry.entries()]
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([entry, rows]): EntryHarmonisation => {
      const listedIn = regimes.filter((regime) => rows.some((row) => row.regime === regime));
      const paragraphs = compareRegimeTexts(listedIn, rows, false);
      const pairs = pairTallies(listedIn);
      for (const paragraph of paragraphs) {
        add(pairs, paragraph.pairs, 'paragraphs');
        for (const note of paragraph.notes) add(pairs, note.pairs, 'notes');
      }
      for (const pair of pairs) {
        const total = totals.find((candidate) => candidate.first === pair.first && candidate.second === pair.second);
        if (!total) continue;
        for (const part of ['paragraphs', 'notes'] as const) {
          total[part].same += pair[part].same;
          total[part].different += pair[part].different;
          total[part].onlyInFirst += pair[part].onlyInFirst;
          total[part].onlyInSecond += pair[part].onlyInSecond;
        }
      }
      const allSame =
        listedIn.length === regimes.length &&
        paragraphs.every(
          (paragraph) => paragraph.status === 'SAME' && paragraph.notes.every((note) => note.status === 'SAME'),
        );
      const anyMissing =
        listedIn.length < regimes.length || paragraphs.some((paragraph) => paragraph.status === 'ONLY_IN_SOME');
      return {
        entry,
        listedIn,
        status: allSame ? 'SAME' : anyMissing ? 'ONLY_IN_SOME' : 'DIFFERENT',
        paragraphCount: paragraphs.length,
        pairs,
      };
    });
  return { category: input.category, regimes, entries, totals };
}
