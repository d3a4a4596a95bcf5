// Errors raised before GraphQL runs (body parsing, size limit) become 4xx JSON answers in the
// GraphQL error shape; anything else is a masked 500 that carries the request id.
import type { ErrorRequestHandler } from 'express';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

function bodyParserError(error: unknown): BodyParserError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return error as BodyParserError;
}

export const httpErrorHandler: ErrorRequestHandler = (error, request, response, next) => {
  if (response.headersSent) {
    next(error);
    return;
  }
  const parserError = bodyParserError(error);
  const requestId = String(request.id ?? '');
  if (parserError?.type === 'entity.parse.failed') {
    response.status(400).json({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', requestId } }],
    });
    return;
  }
  if (parserError?.type === 'entity.too.large') {
    response.status(413).json({
      errors: [
        {
          message: `The request body exceeds the limit of ${parserError.limit ?? 'the configured'} bytes.`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', requestId },
        },
      ],
    });
    return;
  }
  if (parserError?.status && parserError.status >= 400 && parserError.status < 500) {
    response.status(parserError.status).json({
      errors: [{ message: 'The request body could not be read.', extensions: { code: 'BAD_REQUEST', requestId } }],
    });
    return;
  }
  request.log?.error({ err: error }, 'unhandled error');
  response.status(500).json({
    errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
  });
};
