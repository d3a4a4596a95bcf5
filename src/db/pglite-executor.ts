import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlExecutor } from './sql-executor.js';
import { guardStatement } from './statement-guard.js';

function wrap(target: PGlite | Transaction): Omit<SqlExecutor, 'transaction'> {
  return {
    async exec(sql) {
      await guardStatement(sql, undefined, true);
      await target.exec(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      await guardStatement(sql, undefined, true);
      const result = await target.query<Row>(sql, params);
      return result.rows;
    },
  };
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
  };
}
