// The signal that says a piece of work (one API request) should stop: its deadline passed or its
// client went away. It travels with the work through AsyncLocalStorage, so the database layer can
// refuse the next statement and long loops can stop early without every function in between
// taking a parameter. Work started outside any scope (start-up, the CLI, background jobs) has no
// signal and is never stopped by it.
//
// The embedded database (PGlite) runs statements inside the process and answers through promises
// only: a request can run for seconds without the event loop turning, so neither the deadline's
// timer nor the client's disconnection would be noticed until it ends. A checkpoint therefore
// lets the event loop turn when it has not turned for YIELD_AFTER_MS, which also lets other
// requests be answered meanwhile. "Turned" is a property of the process, not of one request:
// many continuations waiting on the same turn resume one after the other within it, so one that
// resumes only after another held the loop for long lets it turn again before going on (a few
// times at most: under a steady load every turn may be long, and the work must still progress).
import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WorkCancelledError } from '../errors.js';

/** How long work may hold the event loop between two checkpoints before it lets it turn. */
export const YIELD_AFTER_MS = 10;

const scope = new AsyncLocalStorage<AbortSignal>();

/** Turns a checkpoint waits for at most before its work goes on. */
const MAX_TURNS_WAITED = 3;

/** When a checkpoint last saw the event loop turn promptly (performance.now()). */
let loopTurnedAt = performance.now();

/** Runs `work` (and everything it starts asynchronously) under `signal`. */
export function runCancellable<T>(signal: AbortSignal, work: () => T): T {
  return scope.run(signal, work);
}

/** The signal of the work running now, if it runs under one. */
export function currentWorkSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/** Why `signal`'s work was stopped, as the error to throw; undefined while it may go on. */
export function cancellationOf(signal: AbortSignal | undefined): Error | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new WorkCancelledError('The request was cancelled.');
}

/** Throws the reason the current work was stopped, if it was; cheap enough to call per statement. */
export function throwIfWorkCancelled(): void {
  const error = cancellationOf(scope.getStore());
  if (error) throw error;
}

/**
 * Between two steps of work (before a statement, an item of a long loop): lets the event loop
 * turn if the work has held it for a while, then throws if the work was stopped meanwhile.
 */
export async function workCheckpoint(): Promise<void> {
  const signal = scope.getStore();
  if (!signal) return;
  for (let turns = 0; turns < MAX_TURNS_WAITED && performance.now() - loopTurnedAt >= YIELD_AFTER_MS; turns += 1) {
    const asked = performance.now();
    // Twice: once to the end of this turn, once through the next turn's timers (the deadline)
    // and input (a client's leaving).
    await nextTurn();
    await nextTurn();
    const resumed = performance.now();
    if (resumed - asked < YIELD_AFTER_MS) loopTurnedAt = resumed;
  }
  const error = cancellationOf(signal);
  if (error) throw error;
}
