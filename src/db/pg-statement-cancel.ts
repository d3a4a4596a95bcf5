// On PostgreSQL a statement runs in the server, so stopped work (deadline passed, client gone;
// see domain/cancellable-work.ts) can stop the statement it is waiting for, not only the next
// one: the pool's connections ask PostgreSQL to cancel their running statement
// (pg_cancel_backend, from a short-lived connection of the same role) when the signal of the
// work they run fires. A cancel may arrive late, after its statement finished: the connection
// then sends nothing more until the cancel has been delivered, so it never hits a later
// statement (PostgreSQL ignores a cancel that reaches an idle connection).
import pg from 'pg';
import { cancellationOf, currentWorkSignal } from '../domain/cancellable-work.js';
import { guardStatement } from './statement-guard.js';

type QueryFunction = (...args: unknown[]) => unknown;

/** The SQL text of a query call's first argument (a string or a query config). */
function sqlOf(first: unknown): string | undefined {
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && 'text' in first && typeof first.text === 'string') {
    return first.text;
  }
  return undefined;
}

/** Promise-style calls with SQL text; callbacks and submittables (cursors) go through untouched. */
function isPromiseCall(args: readonly unknown[]): boolean {
  return sqlOf(args[0]) !== undefined && !args.some((arg) => typeof arg === 'function');
}

async function cancelBackend(connection: pg.ClientConfig, processId: number): Promise<void> {
  const canceller = new pg.Client(connection);
  try {
    await canceller.connect();
    await canceller.query('SELECT pg_cancel_backend($1)', [processId]);
  } catch {
    // The database is unreachable: the statement ends at the statement timeout instead.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}

function cancelWhenStopped(client: pg.PoolClient, connection: pg.ClientConfig): void {
  const query = client.query.bind(client) as QueryFunction;
  let cancelling: Promise<void> | undefined;
  const cancellingQuery = async (args: unknown[]): Promise<unknown> => {
    if (cancelling) await cancelling;
    cancelling = undefined;
    const signal = currentWorkSignal();
    if (!signal) return query(...args);
    await guardStatement(sqlOf(args[0]) ?? '');
    const processId = (client as unknown as { processID?: number }).processID;
    const onAbort = () => {
      if (processId !== undefined) cancelling = cancelBackend(connection, processId);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await query(...args);
    } catch (error) {
      // "canceling statement due to user request" and what follows it: the stop reason.
      throw cancellationOf(signal) ?? error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
  client.query = ((...args: unknown[]) =>
    isPromiseCall(args) ? cancellingQuery(args) : query(...args)) as typeof client.query;
}

/**
 * Makes `pool` cancel the running statement of stopped work. `pool.query` takes a connection
 * itself (as pg-pool would) so the statement runs in the async context of its caller: pg-pool
 * hands a connection over in the context of whoever released it, which may be another request.
 */
export function cancelStatementsOfStoppedWork(pool: pg.Pool, connection: pg.ClientConfig): void {
  pool.on('connect', (client) => cancelWhenStopped(client, connection));
  const direct = pool.query.bind(pool) as QueryFunction;
  const onOwnConnection = async (args: unknown[]): Promise<unknown> => {
    const client = await pool.connect();
    try {
      const result = await (client.query as QueryFunction)(...args);
      client.release();
      return result;
    } catch (error) {
      // As pg-pool does: a connection whose statement failed is not reused.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  };
  pool.query = ((...args: unknown[]) =>
    currentWorkSignal() && isPromiseCall(args) ? onOwnConnection(args) : direct(...args)) as typeof pool.query;
}
