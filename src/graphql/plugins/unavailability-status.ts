// HTTP status for answers that failed because a backing service is down. When every error of
// a response is an unavailability error (DATABASE_UNAVAILABLE, SEARCH_UNAVAILABLE) and no field
// holds data, the answer is 503 with Retry-After, so load balancers, proxies and HTTP clients
// retry as they would for any unavailable service. When some fields did answer, it stays 200:
// the data is good and the failed fields carry their typed errors (with retryAfterSeconds), as
// GraphQL does for any partial result; turning it into 503 would make clients throw away data.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../errors.js';

const UNAVAILABLE_CODES: ReadonlySet<string> = new Set(['DATABASE_UNAVAILABLE', 'SEARCH_UNAVAILABLE']);

function isUnavailability(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/** True when some top-level field has a value (a nullable field that failed is null). */
function holdsData(data: Record<string, unknown> | null | undefined): boolean {
  return data !== null && data !== undefined && Object.values(data).some((value) => value !== null);
}

/** The longest wait any of the errors asks for, or the default. */
function retryAfterSeconds(errors: readonly GraphQLFormattedError[]): number {
  const asked = errors
    .map((error) => error.extensions?.retryAfterSeconds)
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0);
  return asked.length > 0 ? Math.ceil(Math.max(...asked)) : UNAVAILABLE_RETRY_AFTER_SECONDS;
}

export const unavailabilityStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        if (!errors || errors.length === 0 || !errors.every(isUnavailability) || holdsData(data)) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(retryAfterSeconds(errors)));
      },
    };
  },
};
