// Synonyms as Meilisearch applies them: a query word or phrase that is a synonym key also
// matches each of its equivalents (one-way, as configured), the longest key winning where
// keys overlap. The expansion is a list of concepts, one per stretch of the query; each
// concept is the original words plus the equivalent word sequences.
import { termsOf } from './text-tokens.js';

export interface SynonymTable {
  /** Normalized key phrase (words joined by one space) -> equivalent word sequences. */
  readonly equivalents: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Longest key, in words: bounds the phrase search. */
  readonly longestKey: number;
  /** Every word of every key (typo correction looks for a misspelt key word among them). */
  readonly keyWords: ReadonlySet<string>;
}

export function buildSynonymTable(synonyms: Record<string, string[]>, stopWords: ReadonlySet<string>): SynonymTable {
  const equivalents = new Map<string, string[][]>();
  let longestKey = 0;
  for (const [key, values] of Object.entries(synonyms)) {
    const keyTerms = termsOf(key, stopWords);
    if (keyTerms.length === 0) continue;
    const joinedKey = keyTerms.join(' ');
    const list = equivalents.get(joinedKey) ?? [];
    for (const value of values) {
      const terms = termsOf(value, stopWords);
      const joined = terms.join(' ');
      if (terms.length === 0 || joined === joinedKey || list.some((existing) => existing.join(' ') === joined))
        continue;
      list.push(terms);
    }
    equivalents.set(joinedKey, list);
    longestKey = Math.max(longestKey, keyTerms.length);
  }
  const keyWords = new Set([...equivalents.keys()].flatMap((key) => key.split(' ')));
  return { equivalents, longestKey, keyWords };
}

export interface QueryConcept {
  /** The query's own words for this stretch. */
  terms: string[];
  /** Equivalent word sequences from the synonym table (possibly none). */
  synonyms: (readonly string[])[];
  /** Whether this concept holds the query's last word. */
  isLast: boolean;
}

export function expandSynonyms(terms: readonly string[], table: SynonymTable): QueryConcept[] {
  const concepts: QueryConcept[] = [];
  let position = 0;
  while (position < terms.length) {
    let taken = 1;
    let synonyms: (readonly string[])[] = [];
    for (let length = Math.min(table.longestKey, terms.length - position); length >= 1; length -= 1) {
      const found = table.equivalents.get(terms.slice(position, position + length).join(' '));
      if (found !== undefined) {
        taken = length;
        synonyms = [...found];
        break;
      }
    }
    concepts.push({
      terms: terms.slice(position, position + taken),
      synonyms,
      isLast: position + taken === terms.length,
    });
    position += taken;
  }
  return concepts;
}
