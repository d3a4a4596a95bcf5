import type { Pool, PoolClient } from 'pg';
import type { SqlExecutor } from './sql-executor.js';
import { guardStatement } from './statement-guard.js';

function wrap(target: Pool | PoolClient): Omit<SqlExecutor, 'transaction'> {
  return {
    async exec(sql) {
      await guardStatement(sql);
      await target.query(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      await guardStatement(sql);
      const result = await target.query<Row>(sql, params);
      return result.rows;
    },
  };
}

export function pgExecutor(pool: Pool): SqlExecutor {
  return {
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
