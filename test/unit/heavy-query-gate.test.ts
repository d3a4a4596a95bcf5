// Costly operations take turns: one waits for a place while another executes, cheap ones never
// wait, a waiting operation whose request is stopped leaves the queue without taking a place,
// and operations from the lane cost on have their pieces of work take turns in the CPU lane.
import type { GraphQLRequestContextExecutionDidStart, GraphQLRequestListener } from '@apollo/server';
import { expect, it } from 'vitest';
import { runCancellable } from '../../src/domain/cancellable-work.js';
import type { GraphQLContext } from '../../src/graphql/context.js';
import { inCpuLane } from '../../src/domain/cpu-lane.js';
import { heavyQueryGate } from '../../src/graphql/plugins/heavy-query-gate.js';
import type { OperationCount } from '../../src/graphql/query-cost.js';

const MIN_COST = 100;

type Gate = ReturnType<typeof heavyQueryGate>;

/** Runs executionDidStart for an operation of `cost` points; resolves to its end hook once admitted. */
async function execute(gate: Gate, count: OperationCount): Promise<() => Promise<void>> {
  const listener = (await gate.plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<GraphQLContext>;
  const requestContext = {
    operation: {},
    contextValue: { queryCost: count },
  } as unknown as GraphQLRequestContextExecutionDidStart<GraphQLContext>;
  const execution = await listener.executionDidStart?.(requestContext);
  return async () => {
    await execution?.executionDidEnd?.();
  };
}

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  return done;
};

it('lets one costly operation execute at a time; the next starts when it ends', async () => {
  const gate = heavyQueryGate({ minCost: MIN_COST, concurrency: 1, laneCost: 1_000_000 });
  const endFirst = await execute(gate, { nodes: 10, cost: MIN_COST });
  const second = execute(gate, { nodes: 10, cost: 500 });
  expect(await settled(second)).toBe(false);
  expect({ running: gate.running(), waiting: gate.waiting() }).toEqual({ running: 1, waiting: 1 });
  await endFirst();
  const endSecond = await second;
  expect({ running: gate.running(), waiting: gate.waiting() }).toEqual({ running: 1, waiting: 0 });
  await endSecond();
  await settled(Promise.resolve());
  expect(gate.running()).toBe(0);
});

it('never holds an operation cheaper than the threshold, nor one the limits refuse', async () => {
  const gate = heavyQueryGate({ minCost: MIN_COST, concurrency: 1, laneCost: 1_000_000 });
  await execute(gate, { nodes: 10, cost: 500 });
  expect(await settled(execute(gate, { nodes: 10, cost: MIN_COST - 1 }))).toBe(true);
  expect(await settled(execute(gate, { nodes: 10_000_000, cost: 100_000 }))).toBe(true);
  expect(gate.waiting()).toBe(0);
});

it('admits as many costly operations at once as its concurrency', async () => {
  const gate = heavyQueryGate({ minCost: MIN_COST, concurrency: 2, laneCost: 1_000_000 });
  await execute(gate, { nodes: 10, cost: 200 });
  await execute(gate, { nodes: 10, cost: 200 });
  expect(await settled(execute(gate, { nodes: 10, cost: 200 }))).toBe(false);
  expect({ running: gate.running(), waiting: gate.waiting() }).toEqual({ running: 2, waiting: 1 });
});

it('a waiting operation whose request is stopped leaves the queue and takes no place', async () => {
  const gate = heavyQueryGate({ minCost: MIN_COST, concurrency: 1, laneCost: 1_000_000 });
  const endFirst = await execute(gate, { nodes: 10, cost: 500 });
  const stop = new AbortController();
  const waiting = runCancellable(stop.signal, () => execute(gate, { nodes: 10, cost: 500 }));
  expect(await settled(waiting)).toBe(false);
  stop.abort(new Error('deadline passed'));
  // It goes on (its statements are refused further on) without waiting for the place.
  expect(await settled(waiting)).toBe(true);
  expect({ running: gate.running(), waiting: gate.waiting() }).toEqual({ running: 1, waiting: 0 });
  await (
    await waiting
  )();
  expect(gate.running()).toBe(1);
  await endFirst();
  await settled(Promise.resolve());
  expect(gate.running()).toBe(0);
});

it('sends the pieces of an operation costing the lane cost or more through the CPU lane, not cheaper ones', async () => {
  const gate = heavyQueryGate({ minCost: 1_000_000, concurrency: 1, laneCost: 50 });
  /** Whether two pieces of the request under `signal` both run at once (not laned: the second would wait for a turn). */
  const runsAtOnce = (signal: AbortSignal): boolean => {
    let ran = 0;
    void runCancellable(signal, () => Promise.all([inCpuLane(() => (ran += 1)), inCpuLane(() => (ran += 1))]));
    return ran === 2;
  };
  const cheap = new AbortController();
  await runCancellable(cheap.signal, () => execute(gate, { nodes: 10, cost: 49 }));
  expect(runsAtOnce(cheap.signal)).toBe(true);
  const costly = new AbortController();
  await runCancellable(costly.signal, () => execute(gate, { nodes: 10, cost: 50 }));
  expect(runsAtOnce(costly.signal)).toBe(false);
});
