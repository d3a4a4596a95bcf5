// Index settings from seed/search (editable data): synonyms map each lay term to the list
// terms (one way, as Meilisearch applies them: "thermal camera" also finds "thermal imaging",
// not the reverse) and to the other lay terms of its entry; stop words are ignored in queries;
// low-information words ("module", "kit") do not count in the words rule beside another word.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';

export const SEARCH_SETTINGS_DIR = resolve(import.meta.dirname, '../../seed/search');

const SynonymsFile = z.object({
  entries: z.array(
    z.object({ terms: z.array(z.string().min(1)).min(1), listTerms: z.array(z.string().min(1)).min(1) }),
  ),
});
const LowerCaseWord = z.string().regex(/^[a-z]+$/u, 'a lower-case word of letters a-z');
const StopWordsFile = z.object({ stopWords: z.array(z.string().min(1)), lowInformationWords: z.array(LowerCaseWord) });
const SpellingVariantsFile = z.object({
  words: z.record(LowerCaseWord, LowerCaseWord),
  suffixes: z.array(z.object({ from: LowerCaseWord, to: LowerCaseWord, minLength: z.number().int().min(1) }).strict()),
});

/** British spellings (and other variants) mapped to the one form both are indexed under. */
export type SpellingVariantTable = z.infer<typeof SpellingVariantsFile>;

export interface SearchSettings {
  synonyms: Record<string, string[]>;
  stopWords: string[];
  /** Words that do not count in the words rule while the query has another word (low-information-words.ts). */
  lowInformationWords: string[];
  spellingVariants: SpellingVariantTable;
}

/** Pure: builds the synonym map from the file's entries. */
export function synonymMap(entries: ReadonlyArray<{ terms: string[]; listTerms: string[] }>): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const term of entry.terms) {
      const key = term.toLowerCase();
      const targets = map.get(key) ?? new Set<string>();
      for (const other of [...entry.terms, ...entry.listTerms])
        if (other.toLowerCase() !== key) targets.add(other.toLowerCase());
      map.set(key, targets);
    }
  }
  return Object.fromEntries([...map].map(([term, targets]) => [term, [...targets].sort()]));
}

export async function loadSearchSettings(directory = SEARCH_SETTINGS_DIR): Promise<SearchSettings> {
  const synonyms = SynonymsFile.parse(JSON.parse(await readFile(resolve(directory, 'synonyms.json'), 'utf8')));
  const stopWords = StopWordsFile.parse(JSON.parse(await readFile(resolve(directory, 'stop-words.json'), 'utf8')));
  const spellingVariants = SpellingVariantsFile.parse(
    JSON.parse(await readFile(resolve(directory, 'spelling-variants.json'), 'utf8')),
  );
  return {
    synonyms: synonymMap(synonyms.entries),
    stopWords: stopWords.stopWords.map((word) => word.toLowerCase()),
    lowInformationWords: stopWords.lowInformationWords,
    spellingVariants,
  };
}
