// Errors raised before GraphQL runs (body reading, decompression, size limit) become 4xx JSON
// answers in the GraphQL error shape (body-errors.ts says which); anything else is a masked 500
// that carries the request id.
import type { ErrorRequestHandler } from 'express';
import { bodyProblem } from './body-errors.js';

export const httpErrorHandler: ErrorRequestHandler = (error, request, response, next) => {
  if (response.headersSent) {
    next(error);
    return;
  }
  const requestId = String(request.id ?? '');
  const problem = bodyProblem(error, request.headers['content-encoding']);
  if (problem) {
    response
      .status(problem.status)
      .set(problem.headers ?? {})
      .json({ errors: [{ message: problem.message, extensions: { code: problem.code, requestId } }] });
    return;
  }
  request.log?.error({ err: error }, 'unhandled error');
  response.status(500).json({
    errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
  });
};
