// How much a word found for a query word weighs: 1 as typed, less through a prefix or a typo
// (MiniSearch's own weights, which the engine applies itself since it lists words before
// scoring them), and the edit distance behind it.

/** MiniSearch's weights for a prefix and a typo match (its defaults), against 1 for the word as typed. */
const PREFIX_WEIGHT = 0.375;
const TYPO_WEIGHT = 0.45;

/** The weight MiniSearch gives `term` found for the query word `word` (see its executeQuerySpec). */
export function matchWeight(word: string, term: string, prefix: boolean): number {
  if (term === word) return 1;
  if (prefix && term.startsWith(word))
    return (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - word.length));
  return (TYPO_WEIGHT * term.length) / (term.length + editDistance(word, term));
}

/**
 * Levenshtein distance (only for typo matches, short words). `swapIsOneEdit`: a swap of two
 * neighbouring letters counts as one edit ("nigth" for "night"), as Meilisearch's typo tolerance
 * counts it (optimal string alignment).
 */
export function editDistance(a: string, b: string, swapIsOneEdit = false): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (swapIsOneEdit && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}
