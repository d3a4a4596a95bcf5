// Refuses the next database statement of work that was stopped (its deadline passed or its
// client left; see domain/cancellable-work.ts). PGlite runs each statement synchronously inside
// the process, so a statement that has started cannot be interrupted there: checking before
// every statement (and letting the event loop turn now and then, so the deadline and the
// client's leaving are noticed at all) is what stops a request between statements, on both
// databases. Transaction
// control (COMMIT, ROLLBACK, savepoints) always goes through, so a stopped request still closes
// what it opened and never leaves a connection inside a transaction.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { currentWorkSignal, throwIfWorkCancelled, workCheckpoint } from '../domain/cancellable-work.js';
import { cpuLaneTurn } from '../domain/cpu-lane.js';

const TRANSACTION_CONTROL = /^\s*(COMMIT|ROLLBACK|RELEASE\s+SAVEPOINT|END)\b/i;

/** Told of each statement of a request (work under a signal) that is let through, before it runs. */
export type RequestStatementObserver = () => void;

/**
 * Rejects with the stop reason of the current work before a statement that must not run any more.
 * `inProcess`: the database runs its statements inside this process (PGlite), where a statement
 * holds the event loop like any other piece of work, so it takes its turn in the CPU lane.
 */
export async function guardStatement(
  sql: string,
  observe?: RequestStatementObserver,
  inProcess = false,
): Promise<void> {
  if (TRANSACTION_CONTROL.test(sql)) return;
  await workCheckpoint();
  if (inProcess) await cpuLaneTurn();
  if (observe && currentWorkSignal()) observe();
}

function guardTransaction(
  transaction: Transaction,
  observe: RequestStatementObserver | undefined,
  inProcess: boolean,
): Transaction {
  return new Proxy(transaction, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'queryRaw' || property === 'executeRaw') {
        const run = (value as (query: SqlQuery) => Promise<unknown>).bind(target);
        return async (query: SqlQuery) => {
          await guardStatement(query.sql, observe, inProcess);
          return run(query);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function guardAdapter(
  adapter: SqlDriverAdapter,
  observe: RequestStatementObserver | undefined,
  inProcess: boolean,
): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'queryRaw' || property === 'executeRaw') {
        const run = (value as (query: SqlQuery) => Promise<unknown>).bind(target);
        return async (query: SqlQuery) => {
          await guardStatement(query.sql, observe, inProcess);
          return run(query);
        };
      }
      if (property === 'startTransaction') {
        const start = target.startTransaction.bind(target);
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          throwIfWorkCancelled();
          return guardTransaction(await start(...args), observe, inProcess);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A Prisma driver adapter factory whose connections refuse statements of stopped work; `observe`
 * is told of each statement a request runs; `inProcess` as for `guardStatement`.
 */
export function guardAdapterFactory(
  factory: SqlDriverAdapterFactory,
  observe?: RequestStatementObserver,
  inProcess = false,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => guardAdapter(await factory.connect(), observe, inProcess),
  };
}
