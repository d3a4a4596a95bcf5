// The forms a word is indexed and searched under: its spelling in the variant table's
// canonical form (British "centre" -> "center"), and that form's English stem (Porter, from the
// `stemmer` package: "imaging", "images" and "imager" -> "imag"). Both are indexed, so a query
// word finds every inflection through the stem, while a document holding the word exactly as
// typed matches twice and ranks first (Meilisearch's "exactness"), and a prefix typed so far
// ("imagin") still finds the whole words it begins. Words holding a digit are codes and are
// never stemmed.
import { stemmer } from 'stemmer';

/** Compiled variant table: whole-word spellings and word-ending rules, both to the canonical form. */
export interface SpellingVariants {
  readonly words: ReadonlyMap<string, string>;
  readonly suffixes: readonly { from: string; to: string; minLength: number }[];
}

export const NO_SPELLING_VARIANTS: SpellingVariants = { words: new Map(), suffixes: [] };

export function compileSpellingVariants(table: {
  words: Record<string, string>;
  suffixes: readonly { from: string; to: string; minLength: number }[];
}): SpellingVariants {
  // Longest ending first, so "isations" is tried before "ise".
  const suffixes = [...table.suffixes].sort((a, b) => b.from.length - a.from.length);
  return { words: new Map(Object.entries(table.words)), suffixes };
}

/** The canonical spelling of a normalized word. */
export function canonicalSpelling(word: string, variants: SpellingVariants): string {
  const whole = variants.words.get(word);
  if (whole !== undefined) return whole;
  for (const { from, to, minLength } of variants.suffixes) {
    if (word.length >= minLength && word.endsWith(from)) return word.slice(0, word.length - from.length) + to;
  }
  return word;
}

const HAS_DIGIT = /\p{N}/u;

/** Shortest word worth stemming: below it the Porter rules only damage ("gas" -> "ga"). */
const MIN_STEMMED_LENGTH = 4;

/** Forms already computed, per variant table (highlighting asks for the same words again and again). */
const formsCache = new WeakMap<SpellingVariants, Map<string, [string] | [string, string]>>();
/** Past this many words the cache starts over, so a stream of unique words cannot grow it without bound. */
const MAX_CACHED_WORDS = 200_000;

/** The indexed forms of a normalized word: its canonical spelling, then its stem when different. */
export function termForms(word: string, variants: SpellingVariants): [string] | [string, string] {
  let cache = formsCache.get(variants);
  if (cache === undefined) {
    cache = new Map();
    formsCache.set(variants, cache);
  }
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  const forms = computeForms(word, variants);
  cache.set(word, forms);
  return forms;
}

function computeForms(word: string, variants: SpellingVariants): [string] | [string, string] {
  const canonical = canonicalSpelling(word, variants);
  if (canonical.length < MIN_STEMMED_LENGTH || HAS_DIGIT.test(canonical)) return [canonical];
  const stem = stemmer(canonical);
  return stem === canonical || stem.length === 0 ? [canonical] : [canonical, stem];
}
