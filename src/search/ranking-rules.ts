// The embedded engine's ranking rules over its matches, in order: the regime the query names,
// the query words matched (each weighing by its rarity), the kind of record asked for, the
// rarest-first run (Meilisearch's "frequency" strategy), then BM25. Also what makes a page
// read well: one result per entry (its contenders for the page) and the same entry of other
// regimes spread down the page.
import { MAX_SUB_HITS, type SearchDocument, type SearchPreference } from './search-engine.js';

export interface Candidate {
  document: SearchDocument;
  /** The document's short id in the index (see scored-index.ts). */
  shortId: number;
  /** Query words the document matches (bit i: word i), through any of its forms or equivalents. */
  covered: number;
  /** Query words matched, each weighing by its rarity, above all for an exact code (Meilisearch "words"). */
  tier: number;
  /** Leading words matched when the query's words are ordered rarest first (Meilisearch "frequency"). */
  rarest: number;
  /** 1 when the document is of a type the query asks for. */
  preferred: number;
  /** See `regimeFit`. */
  regimeFit: number;
  raw: number;
  /** Lower-cased codes of this document that the query names exactly (replaced, never changed: see NO_CODES). */
  exactCodes: ReadonlySet<string>;
  /** Whether `raw` was raised to the score of one of the entry's own paragraphs (see `rollUpParagraphs`). */
  rolledUp?: boolean;
  /** regimeFit, tier, preferred and rarest in one number, for ordering before BM25 is known. */
  key: number;
}

/** The codes of a document the query does not name: one set shared by every match of a common word. */
const NO_CODES: ReadonlySet<string> = new Set<string>();

/** Units per natural-log unit of a word's rarity weight (see `rank`). */
const WORD_WEIGHT_STEPS = 2;

export function newCandidate(document: SearchDocument, shortId: number): Candidate {
  return {
    document,
    shortId,
    covered: 0,
    tier: 0,
    rarest: 0,
    preferred: 0,
    regimeFit: 1,
    raw: 0,
    exactCodes: NO_CODES,
    key: 0,
  };
}

/** The ranking rules before BM25 in one number (each rule's value stays below its factor). */
export function rankKey({
  regimeFit,
  tier,
  preferred,
  rarest,
}: Pick<Candidate, 'regimeFit' | 'tier' | 'preferred' | 'rarest'>): number {
  return ((regimeFit * 4096 + tier) * 64 + preferred) * 64 + rarest;
}

/** A provision document whose first code is an entry code ("6A003"), not a paragraph ("6A003.b"); any other record. */
export function isEntryDocument(document: SearchDocument): boolean {
  const [code] = document.codes;
  return document.type !== 'PROVISION' || (code !== undefined && !code.includes('.'));
}

/** What the words rule and the rarest-first run need to know of a query's words (see `wordRules`). */
export interface WordRules {
  /** Per query word, its weight in the words rule. */
  weights: readonly number[];
  /** The positions of the words that count in the run, rarest first. */
  rarestFirst: readonly number[];
  /** The tier of a document holding every word (an exact code ranks above it). */
  maxTier: number;
}

/**
 * The words' weights (each by its rarity: a document holding the one rare word of a long
 * question ranks above one holding three common words) and their rarest-first order, from how
 * many matches hold each word (`counts`, by position) among `total` documents. Weighing by
 * rarity rather than counting words won 2 cases of the relevance suite's tune part (and lost
 * none of the older cases). `lowInformation` (bit i: word i) marks words that weigh nothing
 * here and come last in the run (see low-information-words.ts).
 */
export function wordRules(counts: readonly number[], total: number, lowInformation = 0): WordRules {
  const rarestFirst = counts
    .map((count, position) => ({ count, position }))
    .filter(({ count, position }) => count > 0 && (lowInformation & (1 << position)) === 0)
    .sort((a, b) => a.count - b.count || a.position - b.position)
    .map(({ position }) => position);
  // A word weighs by how rare it is among the matches (ln(1 + N / documents holding it)), in
  // half units so that words of about the same rarity tie and the later rules decide.
  const weights = counts.map((count, position) =>
    lowInformation & (1 << position) ? 0 : Math.round(WORD_WEIGHT_STEPS * Math.log(1 + total / Math.max(count, 1))),
  );
  return { weights, rarestFirst, maxTier: weights.reduce((sum, weight) => sum + weight, 0) };
}

/** The tier of a match holding the words `covered` (bit i: word i); above all for an exact code. */
export function tierOf(rules: WordRules, covered: number, exactCode: boolean): number {
  if (exactCode) return rules.maxTier + 1;
  let tier = 0;
  for (let position = 0; position < rules.weights.length; position += 1)
    if (covered & (1 << position)) tier += rules.weights[position] as number;
  return tier;
}

/** How many of the words, taken rarest first, a match holding `covered` holds before one it lacks. */
export function rarestRunOf(rules: WordRules, covered: number): number {
  const { rarestFirst } = rules;
  let run = 0;
  while (run < rarestFirst.length && covered & (1 << (rarestFirst[run] as number))) run += 1;
  return run;
}

export function byRank(a: Candidate, b: Candidate): number {
  return (
    b.key - a.key ||
    b.raw - a.raw ||
    // An entry raised to its paragraph's score comes just before that paragraph.
    Number(b.rolledUp === true) - Number(a.rolledUp === true) ||
    (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0)
  );
}

export function preferenceOf(document: SearchDocument, prefer: SearchPreference | undefined): number {
  return Number(prefer?.types?.includes(document.type) === true);
}

/**
 * 0 for a record of a regime other than the ones the query names, 1 otherwise (records of no
 * regime, such as guidance, are not demoted): the first ranking rule, since a user who names a
 * list asks about that list.
 */
export function regimeFit(document: SearchDocument, prefer: SearchPreference | undefined): number {
  const regimes = prefer?.regimes ?? [];
  return regimes.length === 0 || document.regime === null || regimes.includes(document.regime) ? 1 : 0;
}

/**
 * The members of a group BM25 can move onto the page: the entry's own document and every member
 * whose key reaches the key of the group's (MAX_SUB_HITS + 1)-th best member (a member below it
 * can be neither the group's best nor one of the paragraphs shown).
 */
export function contenders(members: readonly Candidate[]): Candidate[] {
  if (members.length <= MAX_SUB_HITS + 1) return [...members];
  const keys = Float64Array.from(members, (member) => member.key).sort();
  const floor = keys[keys.length - MAX_SUB_HITS - 1] as number;
  return members.filter((member) => member.key >= floor || isEntryDocument(member.document));
}

/** Places a copy of an entry in another regime moves down, per copy before it (see `spreadRegimeCopies`). */
const COPY_DEFERRAL = 2;

/**
 * When the query names no regime, the Wassenaar, EU, UK and US texts of one entry tie and would
 * fill a page, pushing the next relevant entry out of sight: each further regime's copy of an
 * entry moves COPY_DEFERRAL places down per copy before it (the copies stay close, the page
 * shows more entries).
 */
export function spreadRegimeCopies<T>(ranked: readonly T[], codeOf: (group: T) => string | null): T[] {
  const seen = new Map<string, number>();
  return ranked
    .map((group, index) => {
      const code = codeOf(group);
      const copiesBefore = code === null ? 0 : (seen.get(code) ?? 0);
      if (code !== null) seen.set(code, copiesBefore + 1);
      // Half a place more, so a copy moved onto another entry's place comes after it.
      return { group, position: index + (copiesBefore === 0 ? 0 : COPY_DEFERRAL * copiesBefore + 0.5), index };
    })
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map(({ group }) => group);
}
