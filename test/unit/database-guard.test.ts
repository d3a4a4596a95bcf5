import { describe, expect, it } from 'vitest';
import { assertThrowawayDatabaseName, newThrowawayDatabaseName } from '../support/database-guard.js';

describe('test database guard', () => {
  it('accepts the names the suite makes', () => {
    const name = newThrowawayDatabaseName();
    expect(assertThrowawayDatabaseName(name)).toBe(name);
  });

  it.each([
    'postgres',
    'test',
    'kb',
    'production',
    'kb_test',
    'kb_test_x"; DROP DATABASE postgres; --',
    'KB_TEST_ABCD',
  ])('refuses to touch %s', (name) => {
    expect(() => assertThrowawayDatabaseName(name)).toThrow(/Refusing to create or drop database/);
  });
});
