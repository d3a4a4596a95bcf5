// Meilisearch's default typo tolerance: no typo below 5 letters, one from 5, two from 9.
// Words holding a digit are codes ("6A003", "734"): a typo there finds a different
// provision, never the one meant, so they must match exactly (or as a prefix).

export const ONE_TYPO_FROM_LENGTH = 5;
export const TWO_TYPOS_FROM_LENGTH = 9;

/** Maximum edit distance (Levenshtein) a normalized query word may be from an indexed word. */
export function allowedTypos(term: string): 0 | 1 | 2 {
  if (/\p{N}/u.test(term)) return 0;
  const length = [...term].length;
  if (length >= TWO_TYPOS_FROM_LENGTH) return 2;
  if (length >= ONE_TYPO_FROM_LENGTH) return 1;
  return 0;
}
