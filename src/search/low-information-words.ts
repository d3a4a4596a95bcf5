// Low-information words: words a person adds to name the form a thing comes in rather than
// the thing ("thermal camera core module", "hydrophone kit", "GPS receiver unit"). The lists
// seldom use them, so by rarity they outweigh the word that names the thing and pull up long
// entries holding them in passing (a reactor "core", a food testing "kit"). While the query
// has a word of another kind, they do not count in the words rule: the embedded engine gives
// them no weight there (they still count in BM25, so among equals a document holding them
// comes first), and the Meilisearch adapter leaves them out of the query it sends, since
// Meilisearch cannot weigh a word down. A word inside a synonym phrase ("thermal core",
// "inertial measurement unit") is part of a name and always counts.
import { expandSynonyms, type QueryConcept, type SynonymTable } from './synonym-expansion.js';
import { normalizeWord, wordsOf, type WordSpan } from './text-tokens.js';

const MAX_COUNTED_WORDS = 30;

/**
 * The query positions (bit i: word i) holding a low-information word, or 0 when every word
 * is one (then they are the topic). Positions follow the concepts' words, as the engine numbers them.
 */
export function lowInformationPositions(
  concepts: readonly QueryConcept[],
  lowInformationWords: ReadonlySet<string>,
): number {
  let positions = 0;
  let informative = false;
  let position = 0;
  for (const { terms, synonyms } of concepts) {
    const [term] = terms;
    if (terms.length === 1 && synonyms.length === 0 && term !== undefined && lowInformationWords.has(term)) {
      positions |= 1 << position;
    } else {
      informative = true;
    }
    position += terms.length;
  }
  return informative ? positions : 0;
}

/**
 * The query without its low-information words (see `lowInformationPositions`), the rest kept
 * as typed; the query itself when none is left out.
 */
export function withoutLowInformationWords(
  query: string,
  table: SynonymTable,
  stopWords: ReadonlySet<string>,
  lowInformationWords: ReadonlySet<string>,
): string {
  if (lowInformationWords.size === 0) return query;
  const words = wordsOf(query);
  // Positions are bits of a number: words past the 30th are kept as typed.
  const counted = words
    .map((span, index) => ({ term: normalizeWord(span.text), index }))
    .filter(({ term }) => !stopWords.has(term))
    .slice(0, MAX_COUNTED_WORDS);
  const positions = lowInformationPositions(
    expandSynonyms(
      counted.map(({ term }) => term),
      table,
    ),
    lowInformationWords,
  );
  if (positions === 0) return query;
  const left = new Set(counted.filter((_, position) => (positions & (1 << position)) !== 0).map(({ index }) => index));
  // A word goes with what separates it from the word before ("core-module" leaves no "-").
  let kept = '';
  let from = 0;
  words.forEach((span, index) => {
    if (!left.has(index)) return;
    kept += query.slice(from, index === 0 ? span.start : (words[index - 1] as WordSpan).end);
    from = span.end;
  });
  return (kept + query.slice(from)).trim();
}
