// Refuses the next database statement of work that was stopped (its deadline passed or its
// client left; see domain/cancellable-work.ts). PGlite runs each statement synchronously inside
// the process, so a statement that has started cannot be interrupted there: checking before
// every statement (and letting the event loop turn now and then, so the deadline and the
// client's leaving are noticed at all) is what stops a request between statements, on both
// databases. Transaction
// control (COMMIT, ROLLBACK, savepoints) always goes through, so a stopped request still closes
// what it opened and never leaves a connection inside a transaction.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { throwIfWorkCancelled, workCheckpoint } from '../domain/cancellable-work.js';

const TRANSACTION_CONTROL = /^\s*(COMMIT|ROLLBACK|RELEASE\s+SAVEPOINT|END)\b/i;

/** Rejects with the stop reason of the current work before a statement that must not run any more. */
export async function guardStatement(sql: string): Promise<void> {
  if (!TRANSACTION_CONTROL.test(sql)) await workCheckpoint();
}

/**
 * `target` with its statement methods (queryRaw, executeRaw) guarded; `extra` may replace further
 * members (the adapter's startTransaction). Every other function stays bound to the target.
 */
function guardStatements<T extends Transaction | SqlDriverAdapter>(
  target: T,
  extra: (property: string | symbol, target: T) => unknown = () => undefined,
): T {
  return new Proxy(target, {
    get(inner, property) {
      const value: unknown = Reflect.get(inner, property, inner);
      if (property === 'queryRaw' || property === 'executeRaw') {
        const run = (value as (query: SqlQuery) => Promise<unknown>).bind(inner);
        return async (query: SqlQuery) => {
          await guardStatement(query.sql);
          return run(query);
        };
      }
      const replaced = extra(property, inner);
      if (replaced !== undefined) return replaced;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(inner) : value;
    },
  });
}

function guardAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return guardStatements(adapter, (property, target) => {
    if (property !== 'startTransaction') return undefined;
    const start = target.startTransaction.bind(target);
    return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
      throwIfWorkCancelled();
      return guardStatements(await start(...args));
    };
  });
}

/** A Prisma driver adapter factory whose connections refuse statements of stopped work. */
export function guardAdapterFactory(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => guardAdapter(await factory.connect()),
  };
}
