// Refuses a GraphQL document longer than the character limit at the HTTP edge, before Apollo
// parses it: a request of 100 kB of aliases costs its parse alone. Answered as GraphQL errors are
// (HTTP 400, code QUERY_LIMIT_EXCEEDED with the limit, its bound and the length seen).
import type { RequestHandler } from 'express';
import { QUERY_LIMITS } from '../graphql/plugins/query-limits.js';

function documentOf(body: unknown, query: unknown): unknown {
  if (typeof body === 'object' && body !== null && 'query' in body) return body.query;
  if (typeof query === 'object' && query !== null && 'query' in query) return query.query;
  return undefined;
}

export const refuseLongDocuments: RequestHandler = (request, response, next) => {
  const document = documentOf(request.body, request.query);
  if (typeof document !== 'string' || document.length <= QUERY_LIMITS.characters) {
    next();
    return;
  }
  const maximum = QUERY_LIMITS.characters;
  response.status(400).json({
    errors: [
      {
        message: `The query document has too many characters: ${document.length}, more than the limit of ${maximum}.`,
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'characters', maximum, seen: document.length },
      },
    ],
  });
};
