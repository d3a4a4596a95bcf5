// How a request stopped before it finished is answered (the HTTP layer runs each request under a
// signal, server/request-deadline.ts, and the database refuses statements once it fired): one
// error naming why, instead of a partial answer whose holes would say only "internal error".
// - Deadline passed: HTTP 504, REQUEST_TIMEOUT with the deadline. 504 rather than 503: the same
//   request will most likely take as long again, so it is not a "retry later".
// - The service is shutting down: HTTP 503, SERVICE_UNAVAILABLE, Retry-After (another instance,
//   or this one restarted, answers).
// An answer that was complete and free of errors when it was ready is sent as it is, even if
// the signal fired while it was being finished. A client that left gets nothing: it is gone.
import type { ApolloServerPlugin } from '@apollo/server';
import { cancellationOf, currentWorkSignal } from '../../domain/cancellable-work.js';
import { RequestTimeoutError, ServiceStoppingError, type DomainError } from '../../errors.js';
import type { GraphQLContext } from '../context.js';

export const REQUEST_TIMEOUT_STATUS = 504;
const STOPPING_STATUS = 503;
const STOPPING_RETRY_AFTER_SECONDS = '2';

function answeredStop(): DomainError | undefined {
  const stopped = cancellationOf(currentWorkSignal());
  return stopped instanceof RequestTimeoutError || stopped instanceof ServiceStoppingError ? stopped : undefined;
}

export const stoppedRequestPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const stopped = answeredStop();
        if (!stopped || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.errors === undefined && result.data) return;
        if (stopped instanceof ServiceStoppingError) {
          response.http.status = STOPPING_STATUS;
          response.http.headers.set('retry-after', STOPPING_RETRY_AFTER_SECONDS);
        } else {
          response.http.status = REQUEST_TIMEOUT_STATUS;
        }
        response.body = {
          kind: 'single',
          singleResult: {
            errors: [
              {
                message: stopped.publicMessage,
                extensions: { code: stopped.code, ...stopped.details(), requestId: contextValue.requestId },
              },
            ],
          },
        };
      },
    };
  },
};
