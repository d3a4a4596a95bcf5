// A handler that answers later than it returns (an Express router runs its route handlers
// without being awaited) still works under its request's signal until the response is done:
// the deadline fires during that work, and the request counts as running until then.
import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { expect, it } from 'vitest';
import { currentWorkSignal } from '../../src/domain/cancellable-work.js';
import { RequestTimeoutError } from '../../src/errors.js';
import { requestDeadlines } from '../../src/server/request-deadline.js';

/** The few members of a response the deadline wrapper reads, closing when `end` is called. */
class FakeResponse extends EventEmitter {
  writableFinished = false;
  destroyed = false;
  end(): void {
    this.writableFinished = true;
    this.emit('close');
  }
}

it('keeps a router-like handler under its deadline until its response closes', async () => {
  const deadlines = requestDeadlines(1);
  const response = new FakeResponse();
  let seen: unknown;
  const handler = (_request: Request, res: Response) => {
    // Returns at once; the answer is written 20 ms later, as a route handler would.
    setTimeout(() => {
      seen = currentWorkSignal()?.reason;
      (res as unknown as FakeResponse).end();
    }, 20);
  };
  const done = deadlines.around(handler)(
    {} as Request,
    response as unknown as Response,
    (() => undefined) as NextFunction,
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(deadlines.running()).toBe(1);
  await done;
  expect(seen).toBeInstanceOf(RequestTimeoutError);
  expect(deadlines.running()).toBe(0);
});

it('a response already sent when the handler returns ends the request at once', async () => {
  const deadlines = requestDeadlines(10_000);
  const response = new FakeResponse();
  await deadlines.around((_request: Request, res: Response) => {
    (res as unknown as FakeResponse).end();
  })({} as Request, response as unknown as Response, (() => undefined) as NextFunction);
  expect(deadlines.running()).toBe(0);
});
