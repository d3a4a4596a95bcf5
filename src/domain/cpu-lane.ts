// Synchronous work that holds the event loop for milliseconds at a time (a search over the
// embedded index, a classification's evaluation) takes turns in one lane per process, one
// piece per turn of the event loop, with the loop's input and timers handled between two
// pieces; a piece that finds the lane empty, with no piece run in this turn, runs at once.
// Without the lane, the fifteen searches of one admitted query start in the same turn and run
// back to back: every other request, however light, waits for all of them. With it, a light
// request waits for one piece at most per step it takes.
//
// Only the work of a request sent through the lane (`sendThroughCpuLane`, for an operation whose
// cost says it is heavy) queues, and each of its pieces does: its searches and evaluations, and
// each of its database statements (an embedded database statement runs inside the process too).
// Light requests never wait, so a reader is not queued behind the pieces of heavy ones. Start-up,
// the CLI and background jobs have nobody to share the process with. A request stopped while it
// waits (deadline, client gone) leaves the lane with the reason it was stopped, and its piece
// never runs.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { cancellationOf, currentWorkSignal } from './cancellable-work.js';

/** The requests (by work signal) whose pieces go through the lane. */
const laned = new WeakSet<AbortSignal>();

/** From now on, every piece of the work under `signal` takes its turn in the lane. */
export function sendThroughCpuLane(signal: AbortSignal): void {
  laned.add(signal);
}

/** Settles when the piece before the last one queued has finished (or left the lane). */
let tail: Promise<void> = Promise.resolve();

/** Pieces queued or running now. */
let queued = 0;

/** Pieces waiting for their turn or running now (tests check the lane empties). */
export function cpuLaneDepth(): number {
  return queued;
}

/** Whether a piece ran in this turn of the event loop (cleared when the loop reaches its next check phase). */
let pieceRanThisTurn = false;

function notePieceRan(): void {
  if (pieceRanThisTurn) return;
  pieceRanThisTurn = true;
  setImmediate(() => {
    pieceRanThisTurn = false;
  });
}

/** Runs `work` when its turn in the lane comes (at once for work not sent through the lane). */
export async function inCpuLane<T>(work: () => T): Promise<T> {
  const signal = currentWorkSignal();
  if (!signal || !laned.has(signal)) return work();
  // Nobody waits and no piece ran in this turn: waiting for turns would only slow the work down.
  if (queued === 0 && !pieceRanThisTurn) {
    const stopped = cancellationOf(signal);
    if (stopped) throw stopped;
    notePieceRan();
    return work();
  }
  const before = tail;
  let release: () => void = () => undefined;
  tail = new Promise<void>((resolve) => {
    release = resolve;
  });
  queued += 1;
  try {
    await before;
    // Through the next turn's timers (a deadline) and input (new requests, a client leaving)
    // before the piece holds the loop again.
    await nextTurn();
    await nextTurn();
    const stopped = cancellationOf(signal);
    if (stopped) throw stopped;
    notePieceRan();
    return work();
  } finally {
    queued -= 1;
    release();
  }
}

/** Waits for a turn in the lane before a piece that runs elsewhere starts (a database statement). */
export async function cpuLaneTurn(): Promise<void> {
  await inCpuLane(() => undefined);
}
