// The embedded database's reads are prepared once (src/db/pglite-prepared-statements.ts), through
// the protocol messages PGlite's own `query` sends. Checked on an in-memory PGlite: what both
// databases' readers must do (test/support/prepared-reads.ts; pg_prepared_statements lists
// protocol-level statements too), then how values of each kind reach the database, errors, and
// waiting for a running transaction.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedPgliteReader } from '../../src/db/pglite-prepared-statements.js';
import { preparedReadTests } from '../support/prepared-reads.js';

describe('prepared reads in the embedded database', () => {
  let pglite: PGlite;

  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec('CREATE TABLE item (id int PRIMARY KEY, label text)');
  });

  afterAll(async () => {
    await pglite?.close();
  });

  preparedReadTests({
    reader: (kept) => preparedPgliteReader(pglite, kept),
    preparedNames: async () =>
      (await pglite.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows.map((row) => row.name),
    databaseAt: () => ({ inMemory: true }),
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

  it('goes on to transactions after a failing run', async () => {
    const read = preparedPgliteReader(pglite, 2);
    await expect(read('SELECT 10 / $1::int AS q', [0])).rejects.toThrow(/division by zero/);
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
});
