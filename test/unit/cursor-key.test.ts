import { isInterfaceType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { getDatamodel } from '../../src/generated/pothos-prisma-types.js';
import {
  connectionArgumentsSchema,
  connectionArgumentsSchemaFor,
  cursorKeyOf,
  ID_CURSOR_KEY,
  isCursorForKey,
} from '../../src/graphql/pagination.js';
import { schema } from '../../src/graphql/index.js';

const cursor = (payload: string) => Buffer.from(`GPC:${payload}`).toString('base64');

describe('cursor keys', () => {
  it('every model served as a GraphQL Node has a String id, so the default check fits every connection paging by id', () => {
    // Internal tables (e.g. the search outbox, keyed by a bigint sequence) are never paged through the API.
    const node = schema.getType('Node');
    if (!isInterfaceType(node)) throw new Error('the schema has no Node interface');
    const served = new Set(schema.getPossibleTypes(node).map((type) => type.name));
    const models = Object.keys(getDatamodel().datamodel.models).filter((name) => served.has(name));
    expect(models.length).toBeGreaterThan(10);
    for (const name of models) expect(cursorKeyOf(name, 'id'), name).toEqual(ID_CURSOR_KEY);
  });

  it('reads a compound key from the datamodel, and refuses a key that is not one', () => {
    expect(cursorKeyOf('ExemptionProvision', 'exemptionId_provisionId')).toEqual({
      compound: true,
      types: ['String', 'String'],
    });
    expect(() => cursorKeyOf('ExemptionProvision', 'provisionId_exemptionId')).toThrow(/not a unique key/);
    expect(() => cursorKeyOf('NoSuchModel', 'id')).toThrow(/no model/);
  });
});

describe('isCursorForKey', () => {
  const compound = cursorKeyOf('ExemptionProvision', 'exemptionId_provisionId');

  it('accepts the cursors the plugin issues for the key', () => {
    expect(isCursorForKey(cursor('S:k8d1da5d7b81f510d908fb562'), ID_CURSOR_KEY)).toBe(true);
    expect(isCursorForKey(cursor('T:["S:a","S:b"]'), compound)).toBe(true);
  });

  it('refuses well-formed cursors holding other types or another number of values', () => {
    for (const payload of ['N:5', 'D:1000', 'Z:', 'O:{"id":"a"}', 'T:["S:a"]', 'T:["S:a","S:b"]', 'I:5']) {
      expect(isCursorForKey(cursor(payload), ID_CURSOR_KEY), payload).toBe(false);
    }
    for (const payload of ['S:a', 'T:["S:a"]', 'T:["N:1","N:2"]', 'T:["S:a","S:b","S:c"]', 'T:["S:a",null]']) {
      expect(isCursorForKey(cursor(payload), compound), payload).toBe(false);
    }
  });

  it('refuses strings PostgreSQL cannot take (NUL) and malformed cursors', () => {
    expect(isCursorForKey(cursor('S:a\u0000b'), ID_CURSOR_KEY)).toBe(false);
    expect(isCursorForKey(cursor('T:["S:a","S:\u0000"]'), compound)).toBe(false);
    for (const text of ['', 'garbage', cursor(''), Buffer.from('XYZ:S:a').toString('base64')]) {
      expect(isCursorForKey(text, ID_CURSOR_KEY), text).toBe(false);
    }
  });
});

describe('connection argument schemas', () => {
  it('name the cursor argument and the rule', () => {
    const result = connectionArgumentsSchema.safeParse({ first: 2, after: cursor('N:5') });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['after'], params: { rule: 'cursor-format' } });
    const compound = connectionArgumentsSchemaFor(cursorKeyOf('ExemptionProvision', 'exemptionId_provisionId'));
    expect(compound.safeParse({ last: 2, before: cursor('T:["S:a","S:b"]') }).success).toBe(true);
    expect(compound.safeParse({ last: 2, before: cursor('S:a') }).error?.issues[0]).toMatchObject({ path: ['before'] });
  });
});
