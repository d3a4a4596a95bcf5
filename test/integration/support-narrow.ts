// Narrowing helpers for the integration suite: pick one member of a union/interface result by
// `__typename`, and pick the single error of a response that must fail. Both throw with the
// actual value in the message, so a failing test says what came back instead.
import type { GraphQLResponse } from '../support/test-service.js';

interface Typed {
  __typename?: string;
}

/** The value as the member of its union named `typename`; throws when it is null or another member. */
export function narrow<T extends Typed, K extends NonNullable<T['__typename']>>(
  value: T | null | undefined,
  typename: K,
): Extract<T, { __typename?: K }> {
  if (value === null || value === undefined) throw new Error(`expected a ${typename}, got ${String(value)}`);
  if (value.__typename !== typename)
    throw new Error(`expected a ${typename}, got ${JSON.stringify(value).slice(0, 300)}`);
  return value as Extract<T, { __typename?: K }>;
}

/** Like `narrow`, but null (not found) stays null instead of throwing. */
export function narrowOrNull<T extends Typed, K extends NonNullable<T['__typename']>>(
  value: T | null | undefined,
  typename: K,
): Extract<T, { __typename?: K }> | null {
  return value === null || value === undefined ? null : narrow(value, typename);
}

export type ResponseError = NonNullable<GraphQLResponse<unknown>['errors']>[number];

/** The one error of a failed response; throws when there is none or several. */
export function onlyError(response: GraphQLResponse<unknown>): ResponseError {
  const errors = response.errors ?? [];
  if (errors.length !== 1) {
    throw new Error(`expected exactly one error, got ${errors.length}: ${JSON.stringify(response).slice(0, 600)}`);
  }
  return errors[0] as ResponseError;
}

/** `extensions.code` of the one error of a failed response. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  return onlyError(response).extensions?.code;
}
