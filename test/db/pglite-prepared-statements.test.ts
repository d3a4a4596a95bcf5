// The embedded database's reads are prepared once (src/db/pglite-prepared-statements.ts), through
// the protocol messages PGlite's own `query` sends. Checked on an in-memory PGlite: what is
// prepared (pg_prepared_statements lists protocol-level statements too), how values of each kind
// reach the database, errors, and waiting for a running transaction.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { statementName } from '../../src/db/pg-prepared-statements.js';
import { preparedPgliteReader } from '../../src/db/pglite-prepared-statements.js';

describe('prepared reads in the embedded database', () => {
  let pglite: PGlite;

  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec('CREATE TABLE item (id int PRIMARY KEY, label text)');
  });

  afterAll(async () => {
    await pglite?.close();
  });

  const prepared = async () =>
    (await pglite.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows.map((row) => row.name);

  it('prepares a statement once and runs it with other values', async () => {
    const read = preparedPgliteReader(pglite, 2);
    const sql = 'SELECT $1::int * 2 AS doubled';
    expect(await read(sql, [3])).toEqual([{ doubled: 6 }]);
    expect(await read(sql, [21])).toEqual([{ doubled: 42 }]);
    expect((await prepared()).filter((name) => name === statementName(sql))).toHaveLength(1);
  });

  it('sends every kind of value as PGlite would, and reads the columns back with its parsers', async () => {
    const read = preparedPgliteReader(pglite, 2);
    const rows = await read(
      'SELECT $1::boolean AS flag, $2::text[] AS words, $3::int AS count, $4::text AS nothing, $5::date AS day, $6::float8 AS ratio',
      [false, ['a', 'b "c"', 'd,e'], 7, null, '2025-11-15', 0.25],
    );
    expect(rows).toEqual([
      { flag: false, words: ['a', 'b "c"', 'd,e'], count: 7, nothing: null, day: new Date('2025-11-15'), ratio: 0.25 },
    ]);
  });

  it('keeps at most the given number, closing the one used longest ago, and prepares a closed one again', async () => {
    const read = preparedPgliteReader(pglite, 2);
    const [a, b, c] = ['SELECT 1 + $1::int AS n', 'SELECT 2 + $1::int AS n', 'SELECT 3 + $1::int AS n'];
    await read(a, [0]);
    await read(b, [0]);
    await read(a, [0]);
    await read(c, [0]);
    const names = await prepared();
    expect(names).toContain(statementName(a));
    expect(names).toContain(statementName(c));
    expect(names).not.toContain(statementName(b));
    expect(await read(b, [40])).toEqual([{ n: 42 }]);
  });

  it('rejects with the database error of a failing run, and reads and transactions go on afterwards', async () => {
    const read = preparedPgliteReader(pglite, 2);
    const sql = 'SELECT 10 / $1::int AS q';
    await expect(read(sql, [0])).rejects.toThrow(/division by zero/);
    expect(await read(sql, [5])).toEqual([{ q: 2 }]);
    await pglite.transaction(async (tx) => {
      await tx.query('INSERT INTO item VALUES (1, $1)', ['one']);
    });
    expect(await read('SELECT label FROM item WHERE id = $1', [1])).toEqual([{ label: 'one' }]);
  });

  it('rejects a statement that does not parse each time with its error, not as already prepared', async () => {
    const read = preparedPgliteReader(pglite, 2);
    await expect(read('SELEC $1::int', [1])).rejects.toThrow(/syntax error/);
    await expect(read('SELEC $1::int', [1])).rejects.toThrow(/syntax error/);
    await expect(read('SELECT label FROM no_such_table WHERE id = $1', [1])).rejects.toThrow(/does not exist/);
    expect(await read('SELECT $1::int AS one', [1])).toEqual([{ one: 1 }]);
  });

  it('waits for a transaction that is running, and reads what it committed', async () => {
    const read = preparedPgliteReader(pglite, 2);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = pglite.transaction(async (tx) => {
      await tx.query('INSERT INTO item VALUES (2, $1)', ['two']);
      await held;
    });
    const reading = read<{ label: string }>('SELECT label FROM item WHERE id = $1', [2]);
    let answered = false;
    void reading.then(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    await transaction;
    expect(await reading).toEqual([{ label: 'two' }]);
  });

  it.each([
    ['by default', undefined, true],
    ['not when DB_PREPARED_STATEMENTS is false', false, false],
  ])('the embedded database opened for the service prepares its reads %s', async (_name, setting, prepares) => {
    const db = await openDatabase({
      DATA_DIR: 'unused',
      inMemory: true,
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
});
