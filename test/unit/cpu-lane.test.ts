// The CPU lane: pieces of laned requests run one per turn of the event loop, with other work
// (timers, input, immediates) handled between two pieces; other work never waits; a request
// stopped while its piece waits leaves the lane and its piece never runs.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { runCancellable } from '../../src/domain/cancellable-work.js';
import { cpuLaneDepth, inCpuLane, sendThroughCpuLane } from '../../src/domain/cpu-lane.js';

it('runs the pieces of laned requests in separate turns, with other work handled between them', async () => {
  const marks: string[] = [];
  const heavy = new AbortController();
  sendThroughCpuLane(heavy.signal);
  const pieces = runCancellable(heavy.signal, () =>
    Promise.all(
      ['first', 'second', 'third'].map((name) =>
        inCpuLane(() => {
          marks.push(name);
          // What a light request would do meanwhile: it must come before the next piece.
          setImmediate(() => marks.push(`after ${name}`));
        }),
      ),
    ),
  );
  await pieces;
  await nextTurn();
  expect(marks).toEqual(['first', 'after first', 'second', 'after second', 'third', 'after third']);
  expect(cpuLaneDepth()).toBe(0);
});

it('lets pieces of requests not sent through the lane, and work outside requests, run at once', async () => {
  const marks: string[] = [];
  const light = new AbortController();
  const lightPiece = runCancellable(light.signal, () => inCpuLane(() => marks.push('light')));
  const outside = inCpuLane(() => marks.push('outside'));
  // Synchronously, before any turn of the event loop.
  expect(marks).toEqual(['light', 'outside']);
  await Promise.all([lightPiece, outside]);
});

it('takes a light request between the pieces of a heavy one, not after all of them', async () => {
  const marks: string[] = [];
  const heavy = new AbortController();
  sendThroughCpuLane(heavy.signal);
  const pieces = runCancellable(heavy.signal, () =>
    Promise.all([1, 2, 3, 4].map((index) => inCpuLane(() => marks.push(`heavy ${index}`)))),
  );
  // A light request arriving while the heavy pieces are queued (as input would, in a later turn).
  const light = new Promise<void>((resolve) =>
    setImmediate(() => {
      runCancellable(new AbortController().signal, () => inCpuLane(() => marks.push('light'))).then(
        () => resolve(),
        resolve,
      );
    }),
  );
  await Promise.all([pieces, light]);
  const lightAt = marks.indexOf('light');
  expect(lightAt).toBeGreaterThan(-1);
  expect(lightAt).toBeLessThan(marks.length - 1);
});

it('refuses a waiting piece whose request was stopped, without running it', async () => {
  await nextTurn();
  const heavy = new AbortController();
  sendThroughCpuLane(heavy.signal);
  const ran: string[] = [];
  const [first, second, third] = runCancellable(heavy.signal, () => [
    inCpuLane(() => ran.push('first')),
    inCpuLane(() => ran.push('second')),
    inCpuLane(() => ran.push('third')),
  ]);
  heavy.abort(new Error('deadline passed'));
  // The first found the lane empty and ran at once; the others were waiting.
  await expect(first).resolves.toBe(1);
  await expect(second).rejects.toThrow('deadline passed');
  await expect(third).rejects.toThrow('deadline passed');
  expect(ran).toEqual(['first']);
  expect(cpuLaneDepth()).toBe(0);
});

it('runs a piece at once when the lane is empty and no piece ran in this turn', async () => {
  await nextTurn();
  const heavy = new AbortController();
  sendThroughCpuLane(heavy.signal);
  const marks: string[] = [];
  const [first, second] = runCancellable(heavy.signal, () => [
    inCpuLane(() => marks.push('first')),
    inCpuLane(() => marks.push('second')),
  ]);
  // Synchronously: the first ran, the second waits for a later turn.
  expect(marks).toEqual(['first']);
  await Promise.all([first, second]);
  expect(marks).toEqual(['first', 'second']);
});
