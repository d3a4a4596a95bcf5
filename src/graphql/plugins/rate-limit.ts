// Charges each operation's cost (query-cost.ts, the same count the query limits check) to the
// rate budget of its client before it runs, as GitHub's GraphQL API does: every answer carries
// the budget in `x-ratelimit-limit / -remaining / -used / -reset` headers, and an operation the
// budget cannot pay is refused with HTTP 429, `Retry-After` and the code RATE_LIMITED, without
// running. The charge is made once per request, in didResolveOperation, before the response
// cache (plugins/response-cache.ts) may answer it: a cached answer costs what the same query
// costs executed, so a client's spending does not depend on what others asked before it.
// Operations refused by the query limits, and documents that do not parse or validate, are not
// charged; their answers still report the budget.
import { HeaderMap, type ApolloServerPlugin, type HTTPGraphQLHead } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context.js';
import type { RateBudgets, RateBudgetState, RateClient } from '../rate-budgets.js';
import { isOverCountLimits, operationCountOf } from './query-limits.js';

function epochSeconds(date: Date): number {
  return Math.ceil(date.getTime() / 1000);
}

/** Whole seconds until the budget is whole again (at least 1, as Retry-After must be). */
export function secondsUntil(date: Date, now = Date.now()): number {
  return Math.max(1, Math.ceil((date.getTime() - now) / 1000));
}

function setBudgetHeaders(http: HTTPGraphQLHead, state: RateBudgetState): void {
  http.headers.set('x-ratelimit-limit', String(state.limit));
  http.headers.set('x-ratelimit-remaining', String(state.remaining));
  http.headers.set('x-ratelimit-used', String(state.used));
  http.headers.set('x-ratelimit-reset', String(epochSeconds(state.resetAt)));
}

function budgetName(client: RateClient): string {
  return client.kind === 'key' ? 'this API key' : 'this client address';
}

/** The refusal of an operation its budget cannot pay: HTTP 429, code RATE_LIMITED. */
export function rateLimited(client: RateClient, state: RateBudgetState, cost: number): GraphQLError {
  const retryAfter = secondsUntil(state.resetAt);
  const resetAt = state.resetAt.toISOString();
  return new GraphQLError(
    `The rate budget of ${state.limit} points per hour for ${budgetName(client)} cannot pay this query: it costs ${cost} points and ${state.remaining} remain. The budget is whole again at ${resetAt} (in ${retryAfter} s).`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        budget: client.kind,
        limit: state.limit,
        cost,
        remaining: state.remaining,
        used: state.used,
        resetAt,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
      },
    },
  );
}

/** `onRejected`: told of each operation refused for its budget (the metrics count them). */
export function rateLimitPlugin(
  budgets: RateBudgets,
  onRejected: () => void = () => undefined,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let reported = false;
      return {
        async didResolveOperation(requestContext) {
          const client = requestContext.contextValue.rateClient;
          const count = operationCountOf(requestContext);
          if (!client || !count || isOverCountLimits(count)) return;
          const charge = await budgets.charge(client, count.cost);
          if (!charge) return;
          setBudgetHeaders(requestContext.response.http, charge.state);
          reported = true;
          if (!charge.allowed) {
            onRejected();
            throw rateLimited(client, charge.state, count.cost);
          }
          requestContext.contextValue.rateLimit = { ...charge.state, cost: count.cost, nodeCount: count.nodes };
        },
        async willSendResponse(requestContext) {
          const client = requestContext.contextValue.rateClient;
          if (reported || !client) return;
          const state = await budgets.peek(client);
          if (state) setBudgetHeaders(requestContext.response.http, state);
        },
      };
    },
  };
}
