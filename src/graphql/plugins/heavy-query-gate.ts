// Costly operations take turns. The process has one thread: operations the limits admit can
// still cost seconds of CPU each (fifteen classifications, 40,000 nodes of nested pages), and
// several at once hold the event loop in turn for so long that a light request waits behind
// them all. An operation whose cost (query-cost.ts, the count the limits and the rate budget
// use) reaches `minCost` waits for one of `concurrency` places before it executes; every other
// operation runs at once. A waiting operation keeps its deadline: when its request is stopped
// (deadline, client gone, shutdown) it leaves the queue and is answered as a stopped request
// (plugins/stopped-request.ts), its first statement refused. The wait starts only when the
// operation is about to execute, so an answer from the response cache never waits.
import type { ApolloServerPlugin } from '@apollo/server';
import PQueue from 'p-queue';
import { currentWorkSignal } from '../../domain/cancellable-work.js';
import { sendThroughCpuLane } from '../../domain/cpu-lane.js';
import type { GraphQLContext } from '../context.js';
import { isOverCountLimits, operationCountOf } from './query-limits.js';

export interface HeavyQueryGateOptions {
  /** Points from which an operation is costly and takes its turn. */
  minCost: number;
  /** Costly operations executing at once. */
  concurrency: number;
  /**
   * Points from which an operation's pieces of work (searches, evaluations, statements) take
   * turns with those of other such operations, one per turn of the event loop (domain/cpu-lane.ts).
   */
  laneCost: number;
}

export interface HeavyQueryGate {
  plugin: ApolloServerPlugin<GraphQLContext>;
  /** Costly operations executing now. */
  running(): number;
  /** Costly operations waiting for their turn. */
  waiting(): number;
}

export function heavyQueryGate(options: HeavyQueryGateOptions): HeavyQueryGate {
  const queue = new PQueue({ concurrency: options.concurrency });

  /** Waits for a place; resolves to the function that gives it back (a no-op if none was taken). */
  async function takeTurn(): Promise<() => void> {
    let giveBack: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      giveBack = resolve;
    });
    let admitted: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => {
      admitted = resolve;
    });
    const signal = currentWorkSignal();
    const queued = queue.add(
      async () => {
        admitted();
        await done;
      },
      signal ? { signal } : {},
    );
    // Stopped while waiting: no place was taken; the stopped work is refused further on.
    const left = queued.then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([turn, left]);
    return giveBack;
  }

  return {
    running: () => queue.pending,
    waiting: () => queue.size,
    plugin: {
      async requestDidStart() {
        return {
          async executionDidStart(requestContext) {
            const count = operationCountOf(requestContext);
            if (!count || isOverCountLimits(count)) return;
            const signal = currentWorkSignal();
            if (signal && count.cost >= options.laneCost) sendThroughCpuLane(signal);
            if (count.cost < options.minCost) return;
            const giveBack = await takeTurn();
            return {
              async executionDidEnd() {
                giveBack();
              },
            };
          },
        };
      },
    },
  };
}
