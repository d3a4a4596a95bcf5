// Source keys of the Commerce Control List's rows: the list itself and its current rows, one
// per code. Both the current list (us-ccl) and its history (us-ccl-history) name rows this way.

export const US_CCL_LIST = 'US-EAR-CCL';

/** The current row of a code of the CCL (an ECCN or a paragraph): "US-EAR-CCL-6A003.b.4.c". */
export function usEntrySourceKey(code: string): string {
  return `${US_CCL_LIST}-${code}`;
}

/** An ECCN (a whole entry) rather than a paragraph code. */
export const ECCN = /^\d[A-E]\d{3}$/;
