// The service's own reads (a page's compiled or rendered statement, search pages) are sent again
// and again with other values. Each is prepared once per connection, under a name made from its
// text, as PostGraphile does: PostgreSQL then parses and analyses it once, and after five runs
// keeps one plan for every value where that plan is estimated to cost no more than planning
// afresh (plan_cache_mode auto). At a page of ten, planning and parsing were about a fifth of the
// statement's time in PostgreSQL.
// A connection keeps at most a hundred statements (PostGraphile's default too): preparing one
// more deallocates the one used longest ago, so clients sending ever new selections cannot grow
// the server's memory without bound.
import { createHash } from 'node:crypto';
import type pg from 'pg';

const PREPARED_PER_CONNECTION = 100;

/**
 * node-postgres remembers which names it has prepared on a connection and then sends only the
 * values; after a DEALLOCATE the name must be forgotten there too, or its next use would bind a
 * statement the server no longer has. The record is not part of pg's declared types.
 */
function preparedNamesOf(client: pg.PoolClient): Record<string, string> | undefined {
  const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection;
  return connection?.parsedStatements;
}

export function statementName(sql: string): string {
  return `kb_${createHash('sha1').update(sql).digest('base64url')}`;
}

/** Reads rows with `sql` prepared on the connection it runs on, keeping `perConnection` prepared. */
export function preparedReader(pool: pg.Pool, perConnection = PREPARED_PER_CONNECTION) {
  // Per connection, names in the order of their last use (a Map keeps insertion order).
  const usedNames = new WeakMap<pg.PoolClient, Map<string, true>>();
  return async <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<Row[]> => {
    const name = statementName(sql);
    const client = await pool.connect();
    try {
      let names = usedNames.get(client);
      if (!names) {
        names = new Map();
        usedNames.set(client, names);
      }
      names.delete(name);
      names.set(name, true);
      const result = await client.query<Row>({ name, text: sql, values: [...params] });
      for (const oldest of names.keys()) {
        if (names.size <= perConnection) break;
        names.delete(oldest);
        await client.query(`DEALLOCATE ${client.escapeIdentifier(oldest)}`);
        const prepared = preparedNamesOf(client);
        if (prepared) delete prepared[oldest];
      }
      client.release();
      return result.rows;
    } catch (error) {
      // As pg-pool does: a connection whose statement failed is not reused.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  };
}
