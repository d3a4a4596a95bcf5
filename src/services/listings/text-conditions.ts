// Shared pieces of the filter builders: how text a client gives becomes a Prisma condition.
// No types are registered here.
import { escapeLikePattern } from '../../domain/sql-text.js';

/** Case-insensitive substring match in which `%`, `_` and `\` match only themselves. */
export function containsText(text: string) {
  return { contains: escapeLikePattern(text), mode: 'insensitive' as const };
}

/** Case-sensitive prefix match in which `%`, `_` and `\` match only themselves. */
export function startsWithText(text: string) {
  return { startsWith: escapeLikePattern(text) };
}

/**
 * Jurisdiction codes are stored upper-case (US, EU, UK, WA, HK): the argument is upper-cased
 * and compared exactly, not as a case-insensitive pattern.
 */
export function jurisdictionCodeIs(code: string) {
  return { jurisdiction: { code: code.toUpperCase() } };
}
