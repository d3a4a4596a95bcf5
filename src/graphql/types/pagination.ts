// Shared paging pieces for every connection: the argument validation the builder applies to
// all connection fields (relay `defaultConnectionFieldOptions.validate`), and the exact
// `totalCount` field each connection declares. No types are registered here.
import type { MaybePromise } from '@pothos/core';
import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { pageArgumentViolations, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PAGE_SIZE_MIN } from '../../domain/page-size.js';

/** Every connection pages with the Prisma plugin's cursors ("GPC:" + a tagged value, base64). */
function isWellFormedCursor(cursor: string): boolean {
  try {
    parsePrismaCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

const intOrNull = (value: unknown) => (typeof value === 'number' ? value : null);
const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * Validates first/last/after/before of a connection field and passes every other argument
 * through untouched (a loose object: the validation plugin replaces the arguments with the
 * schema's output).
 */
export const connectionArgumentsSchema = z.looseObject({}).superRefine((args, ctx) => {
  const page = {
    first: intOrNull(args.first),
    last: intOrNull(args.last),
    after: stringOrNull(args.after),
    before: stringOrNull(args.before),
  };
  for (const violation of pageArgumentViolations(page)) {
    ctx.addIssue({ code: 'custom', path: [violation.field], message: violation.message, params: { rule: violation.rule } });
  }
  for (const field of ['after', 'before'] as const) {
    const cursor = page[field];
    if (cursor !== null && !isWellFormedCursor(cursor)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `"${field}" must be a cursor this connection returned (got "${shown(cursor)}")`,
        params: { rule: 'cursor-format' },
      });
    }
  }
});

export const FIRST_DESCRIPTION = `Page forward: how many items to return after \`after\` (or from the start), ${PAGE_SIZE_MIN} to ${PAGE_SIZE_MAX}. With neither \`first\` nor \`last\`, ${PAGE_SIZE_DEFAULT} items are returned. Cannot be combined with \`last\` or \`before\`.`;
export const LAST_DESCRIPTION = `Page backward: how many items to return before \`before\` (or from the end), ${PAGE_SIZE_MIN} to ${PAGE_SIZE_MAX}. Cannot be combined with \`first\` or \`after\`.`;
export const AFTER_DESCRIPTION = 'Return items after this cursor (an `endCursor` or edge `cursor` from a previous page of the same connection). Use with `first`.';
export const BEFORE_DESCRIPTION = 'Return items before this cursor (a `startCursor` or edge `cursor` from a previous page of the same connection). Use with `last`.';

/** Marks the field so the Prisma plugin can answer a totalCount-only selection with a count. */
export const TOTAL_COUNT_EXTENSIONS = { pothosPrismaTotalCount: true } as const;

/**
 * Resolves `totalCount` on a connection built by the Prisma plugin: its parent holds the
 * count itself (related connections) or a function computing it (root connections).
 */
export function connectionTotalCount(parent: unknown): MaybePromise<number> {
  const value = (parent as { totalCount?: number | (() => MaybePromise<number>) }).totalCount;
  if (typeof value === 'function') return value();
  if (typeof value === 'number') return value;
  throw new Error('connection resolved without a totalCount');
}

export function totalCountDescription(items: string): string {
  return `Exact number of ${items} matching the arguments, across all pages.`;
}
