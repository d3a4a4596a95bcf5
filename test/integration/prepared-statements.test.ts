// The service's own reads on PostgreSQL are prepared once per connection and deallocated when a
// connection holds too many (src/db/pg-prepared-statements.ts). Checked on a pool of one
// connection, so every read shares the connection whose prepared statements are listed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { preparedReader, statementName } from '../../src/db/pg-prepared-statements.js';
import { testDatabase } from '../support/test-service.js';

const suite = testDatabase.kind === 'postgresql' ? describe : (describe.skip.bind(describe) as typeof describe);
const suiteName =
  testDatabase.kind === 'postgresql'
    ? 'prepared reads [postgresql]'
    : 'prepared reads [skipped: only PostgreSQL connections prepare the reads; PGlite runs them in process]';

suite(suiteName, () => {
  let pool: pg.Pool;

  beforeAll(() => {
    if (testDatabase.kind !== 'postgresql') return;
    pool = new pg.Pool({ connectionString: testDatabase.url, max: 1 });
  });

  afterAll(async () => {
    await pool?.end();
  });

  const prepared = async () =>
    (await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map(
      (row) => row.name,
    );

  it('prepares a statement once and runs it with other values', async () => {
    const read = preparedReader(pool, 2);
    const sql = 'SELECT $1::int * 2 AS doubled';
    expect(await read(sql, [3])).toEqual([{ doubled: 6 }]);
    expect(await read(sql, [21])).toEqual([{ doubled: 42 }]);
    expect(await prepared()).toContain(statementName(sql));
  });

  it('keeps at most the given number per connection, deallocating the one used longest ago', async () => {
    const read = preparedReader(pool, 2);
    const [a, b, c] = ['SELECT 1 + $1::int AS n', 'SELECT 2 + $1::int AS n', 'SELECT 3 + $1::int AS n'];
    await read(a, [0]);
    await read(b, [0]);
    // a is used again, so b is the one used longest ago when c comes.
    await read(a, [0]);
    await read(c, [0]);
    const names = await prepared();
    expect(names).toContain(statementName(a));
    expect(names).toContain(statementName(c));
    expect(names).not.toContain(statementName(b));
    // The deallocated one is prepared again, not bound to a statement the server has dropped.
    expect(await read(b, [40])).toEqual([{ n: 42 }]);
    expect(await prepared()).not.toContain(statementName(a));
  });

  it('rejects with the database error of a failing run and reads on afterwards', async () => {
    const read = preparedReader(pool, 2);
    const sql = 'SELECT 10 / $1::int AS q';
    await expect(read(sql, [0])).rejects.toThrow(/division by zero/);
    expect(await read(sql, [5])).toEqual([{ q: 2 }]);
  });

  it.each([
    ['by default', undefined, true],
    ['not when DB_PREPARED_STATEMENTS is false', false, false],
  ])('the database opened for the service prepares its reads %s', async (_name, setting, prepares) => {
    if (testDatabase.kind !== 'postgresql') return;
    const db = await openDatabase({
      DATA_DIR: 'unused',
      DATABASE_URL: testDatabase.url,
      DB_POOL_SIZE: 1,
      DB_CONNECT_TIMEOUT_MS: 5000,
      DB_STATEMENT_TIMEOUT_MS: 60_000,
      ...(setting === undefined ? {} : { DB_PREPARED_STATEMENTS: setting }),
    });
    try {
      const sql = 'SELECT $1::int + 100 AS n';
      expect(await db.readRows(sql, [1])).toEqual([{ n: 101 }]);
      const names = await db.pool!.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
      expect(names.rows.map((row) => row.name).includes(statementName(sql))).toBe(prepares);
    } finally {
      await db.close();
    }
  });
});
