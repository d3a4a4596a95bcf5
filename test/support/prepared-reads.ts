// What a prepared reader (src/db/pg-prepared-statements.ts, src/db/pglite-prepared-statements.ts)
// must do on either database, as tests both suites run: a statement prepared once and run with
// other values, at most `kept` kept with the one used longest ago let go, errors passed on, and
// the service's database preparing its reads unless DB_PREPARED_STATEMENTS is false. The reads
// must all go to one session (a pool of one connection), whose prepared statements are listed.
import { expect, it } from 'vitest';
import { openDatabase, type DatabaseOptions, type SqlReader } from '../../src/db/database.js';
import { statementName } from '../../src/db/pg-prepared-statements.js';

export interface PreparedReads {
  /** A reader keeping at most `kept` statements prepared. */
  reader(kept: number): SqlReader;
  /** The names of the statements prepared in the reader's session now. */
  preparedNames(): Promise<string[]>;
  /** Where the service's database is (its other options are set here). */
  databaseAt(): Pick<DatabaseOptions, 'DATABASE_URL' | 'inMemory'>;
}

export function preparedReadTests(target: PreparedReads): void {
  it('prepares a statement once and runs it with other values', async () => {
    const read = target.reader(2);
    const sql = 'SELECT $1::int * 2 AS doubled';
    expect(await read(sql, [3])).toEqual([{ doubled: 6 }]);
    expect(await read(sql, [21])).toEqual([{ doubled: 42 }]);
    expect((await target.preparedNames()).filter((name) => name === statementName(sql))).toHaveLength(1);
  });

  it('keeps at most the given number, letting go of the one used longest ago, and prepares it again when used', async () => {
    const read = target.reader(2);
    const [a, b, c] = ['SELECT 1 + $1::int AS n', 'SELECT 2 + $1::int AS n', 'SELECT 3 + $1::int AS n'];
    await read(a, [0]);
    await read(b, [0]);
    // a is used again, so b is the one used longest ago when c comes.
    await read(a, [0]);
    await read(c, [0]);
    const names = await target.preparedNames();
    expect(names).toContain(statementName(a));
    expect(names).toContain(statementName(c));
    expect(names).not.toContain(statementName(b));
    // Prepared again, not bound to a statement the database has dropped.
    expect(await read(b, [40])).toEqual([{ n: 42 }]);
    expect(await target.preparedNames()).not.toContain(statementName(a));
  });

  it('rejects with the database error of a failing run, and reads on afterwards', async () => {
    const read = target.reader(2);
    const sql = 'SELECT 10 / $1::int AS q';
    await expect(read(sql, [0])).rejects.toThrow(/division by zero/);
    expect(await read(sql, [5])).toEqual([{ q: 2 }]);
  });

  it.each([
    ['by default', undefined, true],
    ['not when DB_PREPARED_STATEMENTS is false', false, false],
  ])('the database opened for the service prepares its reads %s', async (_name, setting, prepares) => {
    const db = await openDatabase({
      ...target.databaseAt(),
      DATA_DIR: 'unused',
      DB_POOL_SIZE: 1,
      DB_CONNECT_TIMEOUT_MS: 5000,
      DB_STATEMENT_TIMEOUT_MS: 60_000,
      ...(setting === undefined ? {} : { DB_PREPARED_STATEMENTS: setting }),
    });
    try {
      const sql = 'SELECT $1::int + 100 AS n';
      expect(await db.readRows(sql, [1])).toEqual([{ n: 101 }]);
      const names = await db.sql.query<{ name: string }>('SELECT name FROM pg_prepared_statements', []);
      expect(names.map((row) => row.name).includes(statementName(sql))).toBe(prepares);
    } finally {
      await db.close();
    }
  });
}
