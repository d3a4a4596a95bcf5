// The web app's only way to the API: POST /graphql on the same origin with a typed document
// generated from the committed schema (web/src/gql). JSON POSTs pass Apollo's CSRF prevention.
import type { TypedDocumentString } from '../gql/graphql';

/** A GraphQL error as the API reports it: its message and its `extensions.code`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLBody<Result> {
  data?: Result | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function requestGraphQL<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  signal?: AbortSignal,
): Promise<Result> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal: signal ?? null,
  });
  let body: GraphQLBody<Result>;
  try {
    body = (await response.json()) as GraphQLBody<Result>;
  } catch {
    throw new ApiError(`The service answered HTTP ${response.status} without a readable body.`, null);
  }
  const [first] = body.errors ?? [];
  if (first !== undefined) throw new ApiError(first.message, first.extensions?.code ?? null);
  if (body.data === undefined || body.data === null) {
    throw new ApiError(`The service answered HTTP ${response.status} with no data.`, null);
  }
  return body.data;
}
