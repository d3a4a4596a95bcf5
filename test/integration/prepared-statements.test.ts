// The service's own reads on PostgreSQL are prepared once per connection and deallocated when a
// connection holds too many (src/db/pg-prepared-statements.ts), checked on a pool of one
// connection (test/support/prepared-reads.ts).
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { preparedReader } from '../../src/db/pg-prepared-statements.js';
import { preparedReadTests } from '../support/prepared-reads.js';
import { testDatabase } from '../support/test-service.js';

const url = testDatabase.kind === 'postgresql' ? testDatabase.url : undefined;
const suite = url === undefined ? describe.skip : describe;

suite(
  url === undefined
    ? 'prepared reads [skipped: this run has no PostgreSQL; the embedded database is checked in test/db]'
    : 'prepared reads [postgresql]',
  () => {
    let pool: pg.Pool;

    beforeAll(() => {
      pool = new pg.Pool({ connectionString: url, max: 1 });
    });

    afterAll(async () => {
      await pool?.end();
    });

    preparedReadTests({
      reader: (kept) => preparedReader(pool, kept),
      preparedNames: async () =>
        (await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows.map((row) => row.name),
      databaseAt: () => ({ DATABASE_URL: url }),
    });
  },
);
