// What went wrong while reading a request body, as a client should hear it. Express's body
// parser reports its own failures with a `type` (not JSON, too large, unsupported encoding), but
// a compressed body that does not decompress surfaces as zlib's own error (status 400, no type),
// which would otherwise fall through to a masked 500.

/** The encodings the body parser decompresses (and so the ones a client may send). */
export const ACCEPTED_CONTENT_ENCODINGS = ['gzip', 'deflate', 'br', 'identity'] as const;

export interface BodyProblem {
  status: number;
  code: string;
  message: string;
  /** Further headers for the answer. */
  headers?: Record<string, string>;
}

interface ParserErrorShape {
  type?: unknown;
  status?: unknown;
  code?: unknown;
  limit?: unknown;
  encoding?: unknown;
}

function shapeOf(error: unknown): ParserErrorShape | undefined {
  return typeof error === 'object' && error !== null ? (error as ParserErrorShape) : undefined;
}

/** zlib's codes for input that is not what its content-encoding header says (gzip, deflate, brotli). */
function isDecompressionFailure(code: unknown): boolean {
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR_FORMAT'));
}

/** The problem with the request body that `error` reports, or undefined when it is not a body error. */
export function bodyProblem(error: unknown, contentEncoding: string | undefined): BodyProblem | undefined {
  const shape = shapeOf(error);
  if (shape === undefined) return undefined;
  if (shape.type === 'entity.parse.failed') {
    return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' };
  }
  if (shape.type === 'entity.too.large') {
    const limit = typeof shape.limit === 'number' ? String(shape.limit) : 'the configured';
    return {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body exceeds the limit of ${limit} bytes (decompressed).`,
    };
  }
  if (shape.type === 'encoding.unsupported') {
    // 415 with Accept-Encoding, as HTTP prescribes for a content coding the server does not know.
    return {
      status: 415,
      code: 'UNSUPPORTED_CONTENT_ENCODING',
      message: `The content-encoding "${contentEncoding ?? ''}" is not supported; send the body as ${ACCEPTED_CONTENT_ENCODINGS.join(', ')} (one encoding).`,
      headers: { 'accept-encoding': ACCEPTED_CONTENT_ENCODINGS.join(', ') },
    };
  }
  if (shape.type === 'charset.unsupported') {
    return { status: 415, code: 'UNSUPPORTED_CHARSET', message: 'The request body must be UTF-8.' };
  }
  if (isDecompressionFailure(shape.code)) {
    return {
      status: 400,
      code: 'CORRUPT_REQUEST_BODY',
      message: `The request body could not be decompressed as its content-encoding "${contentEncoding ?? ''}" says.`,
    };
  }
  if (shape.type === 'request.aborted' || shape.type === 'request.size.invalid') {
    return { status: 400, code: 'BAD_REQUEST', message: 'The request body ended before its declared length.' };
  }
  if (typeof shape.status === 'number' && shape.status >= 400 && shape.status < 500) {
    return { status: shape.status, code: 'BAD_REQUEST', message: 'The request body could not be read.' };
  }
  return undefined;
}
