// Runs a typed GraphQL document whenever its variables change, cancelling the request it
// replaces (typing in the search box sends one request per pause, never stale answers).
import { useEffect, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { ApiError, requestGraphQL } from './graphql-client';

export type QueryState<Result> =
  | { status: 'idle' }
  | { status: 'loading'; previous: Result | null }
  | { status: 'error'; error: ApiError }
  | { status: 'done'; data: Result };

export function useQuery<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables | null,
): QueryState<Result> {
  const [state, setState] = useState<QueryState<Result>>(
    variables === null ? { status: 'idle' } : { status: 'loading', previous: null },
  );
  const key = variables === null ? null : JSON.stringify(variables);
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((current) => ({
      status: 'loading',
      previous: current.status === 'done' ? current.data : current.status === 'loading' ? current.previous : null,
    }));
    requestGraphQL(document, JSON.parse(key) as Variables, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error:
            error instanceof ApiError
              ? error
              : new ApiError(error instanceof Error ? error.message : String(error), null),
        });
      },
    );
    return () => controller.abort();
  }, [document, key]);
  return state;
}
