// The status of a GraphQL request error for clients that asked for `application/json`.
// The GraphQL-over-HTTP specification says a server answering `application/json` SHOULD use 200
// for every well-formed request, whatever GraphQL errors it raised (parse, validation, variable
// coercion): clients of that older media type read errors from the body, and some treat any
// 4xx as a transport failure. Clients that accept `application/graphql-response+json`, or state
// no preference, keep the 400 that tells them the request was refused.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** True when the Accept header names application/json and not the GraphQL response type. */
export function acceptsOnlyLegacyJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const types = accept
    .toLowerCase()
    .split(',')
    .map((range) => range.split(';')[0]?.trim());
  return types.includes('application/json') && !types.includes(GRAPHQL_RESPONSE);
}

export const jsonResponseStatusPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart({ request }) {
    if (!acceptsOnlyLegacyJson(request.http?.headers.get('accept'))) return {};
    return {
      async willSendResponse({ response }) {
        if (response.http.status === 400) response.http.status = 200;
      },
    };
  },
};
