// Synonyms as Meilisearch applies them: a query word or phrase that is a synonym key also
// matches each of its equivalents (one-way, as configured), the longest key winning where
// keys overlap. The expansion is a list of concepts, one per stretch of the query; each
// concept is the original words plus the equivalent word sequences. Keys are compared by each
// word's form (its stem, in its canonical spelling), so "AI chips" and "data centre" reach the
// keys "AI chip" and "data center".
import { termsOf } from './text-tokens.js';

export interface SynonymTable {
  /** Key phrase, each word in its form (see `formOf`), joined by one space -> equivalent word sequences. */
  readonly equivalents: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Longest key, in words: bounds the phrase search. */
  readonly longestKey: number;
  /** Every word of every key (typo correction looks for a misspelt key word among them). */
  readonly keyWords: ReadonlySet<string>;
  /** Each two words that follow each other in a key, as their forms joined by one space ("thermal camera"). */
  readonly keyPairs: ReadonlySet<string>;
  /** The forms of the words in `keyPairs`: a word outside it makes no key phrase with any neighbour. */
  readonly pairedForms: ReadonlySet<string>;
  /** The form a word is compared in: a key and a query stretch match when their words' forms do. */
  readonly formOf: (word: string) => string;
}

export function buildSynonymTable(
  synonyms: Record<string, string[]>,
  stopWords: ReadonlySet<string>,
  formOf: (word: string) => string = (word) => word,
): SynonymTable {
  const equivalents = new Map<string, string[][]>();
  const keyWords = new Set<string>();
  const keyPairs = new Set<string>();
  const pairedForms = new Set<string>();
  let longestKey = 0;
  for (const [key, values] of Object.entries(synonyms)) {
    const keyTerms = termsOf(key, stopWords);
    if (keyTerms.length === 0) continue;
    for (const term of keyTerms) keyWords.add(term);
    for (let index = 0; index + 1 < keyTerms.length; index += 1) {
      const pair = [formOf(keyTerms[index] as string), formOf(keyTerms[index + 1] as string)];
      keyPairs.add(pair.join(' '));
      for (const form of pair) pairedForms.add(form);
    }
    const joinedKey = keyTerms.map(formOf).join(' ');
    const list = equivalents.get(joinedKey) ?? [];
    for (const value of values) {
      const terms = termsOf(value, stopWords);
      const joined = terms.join(' ');
      if (
        terms.length === 0 ||
        terms.map(formOf).join(' ') === joinedKey ||
        list.some((existing) => existing.join(' ') === joined)
      )
        continue;
      list.push(terms);
    }
    equivalents.set(joinedKey, list);
    longestKey = Math.max(longestKey, keyTerms.length);
  }
  return { equivalents, longestKey, keyWords, keyPairs, pairedForms, formOf };
}

export interface QueryConcept {
  /** The query's own words for this stretch. */
  terms: string[];
  /** Equivalent word sequences from the synonym table (possibly none). */
  synonyms: (readonly string[])[];
  /** Whether this concept holds the query's last word. */
  isLast: boolean;
}

/**
 * `lastIsPrefix`: the last word may be unfinished ("gyroscop" on the way to "gyroscopes"). It
 * then reaches a key by its form only when it is a key word as typed or visibly inflected (its
 * stem differs from it); otherwise a prefix that happens to equal a key's stem would swap the
 * words being typed for the key's equivalents.
 */
export function expandSynonyms(terms: readonly string[], table: SynonymTable, lastIsPrefix = false): QueryConcept[] {
  const concepts: QueryConcept[] = [];
  const forms = terms.map((term, index) => {
    const form = table.formOf(term);
    const unfinished = lastIsPrefix && index === terms.length - 1 && form === term && !table.keyWords.has(term);
    // No key holds a NUL: an unfinished word then matches a key only through the key words as typed.
    return unfinished ? `\u0000${term}` : form;
  });
  let position = 0;
  while (position < terms.length) {
    let taken = 1;
    let synonyms: (readonly string[])[] = [];
    for (let length = Math.min(table.longestKey, terms.length - position); length >= 1; length -= 1) {
      const found = table.equivalents.get(forms.slice(position, position + length).join(' '));
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
