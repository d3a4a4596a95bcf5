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

function guardTransaction(transaction: Transaction): Transaction {
  return new Proxy(transaction, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'queryRaw' || property === 'executeRaw') {
        const run = (value as (query: SqlQuery) => Promise<unknown>).bind(target);
        return async (query: SqlQuery) => {
          await guardStatement(query.sql);
          return run(query);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function guardAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'queryRaw' || property === 'executeRaw') {
        const run = (value as (query: SqlQuery) => Promise<unknown>).bind(target);
        return async (query: SqlQuery) => {
          await guardStatement(query.sql);
          return run(query);
        };
      }
      if (property === 'startTransaction') {
        const start = target.startTransaction.bind(target);
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          throwIfWorkCancelled();
          return guardTransaction(await start(...args));
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
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
