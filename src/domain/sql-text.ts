// What text given by a client needs before it reaches a PostgreSQL comparison. Pure.
//
// - PostgreSQL text cannot hold the NUL character (U+0000): a parameter containing one fails
//   the whole statement (SQLSTATE 22021). Such input can match nothing stored, so it is refused
//   before any query is built.
// - Prisma passes `contains` and `startsWith` to SQL as LIKE/ILIKE patterns without escaping
//   them (prisma/orm#19506), so `%` and `_` in a filter would act as wildcards. They are escaped
//   with PostgreSQL's default LIKE escape character, the backslash, which is escaped first.

export const NUL = '\u0000';

export function containsNul(text: string): boolean {
  return text.includes(NUL);
}

/** `text` as a LIKE pattern that matches exactly that text: `\`, `%` and `_` escaped. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The path (e.g. ["filter", "text"], ["ids", 3]) of the first string holding a NUL character in
 * an argument value of any shape (strings, lists, input objects); null when there is none.
 */
export function pathOfTextWithNul(
  value: unknown,
  path: ReadonlyArray<string | number> = [],
): Array<string | number> | null {
  if (typeof value === 'string') return containsNul(value) ? [...path] : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfTextWithNul(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfTextWithNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
