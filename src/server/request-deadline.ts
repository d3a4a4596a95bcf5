// Every GraphQL request runs under a signal (domain/cancellable-work.ts) that fires when its
// deadline passes, when its client goes away (the connection closes before the answer was
// written), or when the service must stop before the request is done. The database layer then
// refuses the request's next statement and cancels a running one on PostgreSQL, so a stopped
// request stops working, not only answering. How a stopped request is answered is the GraphQL
// layer's (graphql/plugins/stopped-request.ts).
import type { RequestHandler } from 'express';
import { runCancellable } from '../domain/cancellable-work.js';
import { RequestTimeoutError, ServiceStoppingError, WorkCancelledError } from '../errors.js';

export interface RequestDeadlines {
  /**
   * `handler` (the GraphQL endpoint, the export routes) run under each request's deadline and
   * disconnection signal, until its response is done.
   */
  around(handler: RequestHandler): RequestHandler;
  /** Requests whose work has not ended yet (it may outlive the connection of a client that left). */
  running(): number;
  /** Stops the work of every running request (shutdown); they are answered 503. */
  stopAll(): void;
}

export function requestDeadlines(deadlineMs: number): RequestDeadlines {
  const running = new Set<AbortController>();
  return {
    running: () => running.size,
    stopAll() {
      for (const controller of running) controller.abort(new ServiceStoppingError());
    },
    around(handler) {
      return async (request, response, next) => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(new RequestTimeoutError(deadlineMs)), deadlineMs);
        const onClose = () => {
          if (!response.writableFinished) controller.abort(new WorkCancelledError());
        };
        response.once('close', onClose);
        running.add(controller);
        try {
          await runCancellable(controller.signal, () => handler(request, response, next));
          // A router answers from route handlers it does not wait for: the work lasts until the
          // response is done (sent, or its connection closed).
          if (!response.writableFinished && !response.destroyed)
            await new Promise((resolve) => response.once('close', resolve));
        } finally {
          running.delete(controller);
          clearTimeout(timer);
          response.off('close', onClose);
        }
      };
    },
  };
}
