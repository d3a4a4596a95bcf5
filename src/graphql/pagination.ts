// Shared paging pieces for every connection: the argument validation the builder applies to
// all connection fields (relay `defaultConnectionFieldOptions.validate`), and the exact
// `totalCount` field each connection declares. No types are registered here.
import type { MaybePromise } from '@pothos/core';
import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import { z } from 'zod';
import { pageArgumentViolations, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PAGE_SIZE_MIN } from '../domain/page-size.js';
import { containsNul } from '../domain/sql-text.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';

/** The column types of the unique key a connection pages by (its `cursor` option). */
export interface CursorKey {
  /** A compound key (`@@id`, `@@unique`): its cursors hold one value per column. */
  compound: boolean;
  types: readonly string[];
}

/**
 * Connections page by `id` unless they say otherwise, and every model's `id` is a String
 * (checked by test/unit/cursor-key.test.ts), so this is the key of every such connection.
 */
export const ID_CURSOR_KEY: CursorKey = { compound: false, types: ['String'] };

const MODELS = getDatamodel().datamodel.models;

/** The cursor key `key` of `model` (a field, or the name of its compound id or unique index). */
export function cursorKeyOf(model: string, key: string): CursorKey {
  const data = MODELS[model];
  if (!data) throw new Error(`cursorKeyOf: no model ${model}`);
  const typeOf = (name: string) => {
    const field = data.fields.find((candidate) => candidate.name === name);
    if (!field) throw new Error(`cursorKeyOf: no field ${model}.${name}`);
    return field.type;
  };
  if (data.fields.some((field) => field.name === key)) return { compound: false, types: [typeOf(key)] };
  const indexes = [...(data.primaryKey ? [data.primaryKey] : []), ...data.uniqueIndexes];
  const index = indexes.find((candidate) => (candidate.name ?? candidate.fields.join('_')) === key);
  if (!index) throw new Error(`cursorKeyOf: ${key} is not a unique key of ${model}`);
  return { compound: true, types: index.fields.map(typeOf) };
}

// What a decoded cursor value must be to stand for a column of each type. Strings must also be
// storable text: PostgreSQL rejects a parameter holding NUL (see domain/sql-text.ts).
const CURSOR_VALUE_CHECKS: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === 'string' && !containsNul(value),
  Int: (value) => Number.isSafeInteger(value),
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
  BigInt: (value) => typeof value === 'bigint',
  DateTime: (value) => value instanceof Date && !Number.isNaN(value.getTime()),
};

function holdsType(value: unknown, type: string): boolean {
  return CURSOR_VALUE_CHECKS[type]?.(value) ?? false;
}

/**
 * Whether `cursor` is one the Prisma plugin could have issued for a connection paging by `key`:
 * well formed ("GPC:" + a tagged value, base64) and holding values of the key's column types.
 * A well-formed cursor of another shape (a number where ids are strings) would otherwise reach
 * the database query and fail there.
 */
export function isCursorForKey(cursor: string, key: CursorKey): boolean {
  let decoded: unknown;
  try {
    decoded = parsePrismaCursor(cursor);
  } catch {
    return false;
  }
  if (!key.compound) return holdsType(decoded, key.types[0] ?? '');
  return (
    Array.isArray(decoded) &&
    decoded.length === key.types.length &&
    key.types.every((type, index) => holdsType(decoded[index], type))
  );
}

function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

const intOrNull = (value: unknown) => (typeof value === 'number' ? value : null);
const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * Whether `cursor` is one an offset connection (Pothos' offset helpers) issued: the offset of a
 * position, written exactly as the helpers write it.
 */
export function isOffsetCursor(cursor: string): boolean {
  try {
    const offset = cursorToOffset(cursor);
    return Number.isSafeInteger(offset) && offset >= 0 && offsetToCursor(offset) === cursor;
  } catch {
    return false;
  }
}

/**
 * Validates first/last/after/before of a connection whose cursors `isCursor` recognises, and
 * passes every other argument through untouched (a loose object: the validation plugin replaces
 * the arguments with the schema's output). An offset connection cannot page back from its end
 * without knowing its length first: `last` needs `before` there.
 */
function connectionArgumentsSchemaWith(isCursor: (cursor: string) => boolean, lastNeedsBefore: boolean) {
  return z.looseObject({}).superRefine((args, ctx) => {
    const page = {
      first: intOrNull(args.first),
      last: intOrNull(args.last),
      after: stringOrNull(args.after),
      before: stringOrNull(args.before),
    };
    for (const violation of pageArgumentViolations(page)) {
      ctx.addIssue({
        code: 'custom',
        path: [violation.field],
        message: violation.message,
        params: { rule: violation.rule },
      });
    }
    if (lastNeedsBefore && page.last !== null && page.before === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['last'],
        message: '"last" pages back from a cursor here: give "before" too (or page forward with "first")',
        params: { rule: 'last-needs-before' },
      });
    }
    for (const field of ['after', 'before'] as const) {
      const cursor = page[field];
      if (cursor !== null && !isCursor(cursor)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `"${field}" must be a cursor this connection returned (got "${shown(cursor)}")`,
          params: { rule: 'cursor-format' },
        });
      }
    }
  });
}

/** The paging check of a connection paging by `key` (a Prisma cursor). */
export function connectionArgumentsSchemaFor(key: CursorKey) {
  return connectionArgumentsSchemaWith((cursor) => isCursorForKey(cursor, key), false);
}

/**
 * The check every connection gets (builder: relay `defaultConnectionFieldOptions`): paging by
 * `id`. A connection paging by another key passes `validate: connectionArgumentsSchemaFor(...)`.
 */
export const connectionArgumentsSchema = connectionArgumentsSchemaFor(ID_CURSOR_KEY);

/** The paging check of an offset connection (search results). */
export const offsetConnectionArgumentsSchema = connectionArgumentsSchemaWith(isOffsetCursor, true);

export const FIRST_DESCRIPTION = `Page forward: how many items to return after \`after\` (or from the start), ${PAGE_SIZE_MIN} to ${PAGE_SIZE_MAX}. With neither \`first\` nor \`last\`, ${PAGE_SIZE_DEFAULT} items are returned. Cannot be combined with \`last\` or \`before\`.`;
export const LAST_DESCRIPTION = `Page backward: how many items to return before \`before\` (or from the end), ${PAGE_SIZE_MIN} to ${PAGE_SIZE_MAX}. Cannot be combined with \`first\` or \`after\`.`;
export const AFTER_DESCRIPTION =
  'Return items after this cursor (an `endCursor` or edge `cursor` from a previous page of the same connection). Use with `first`.';
export const BEFORE_DESCRIPTION =
  'Return items before this cursor (a `startCursor` or edge `cursor` from a previous page of the same connection). Use with `last`.';

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
