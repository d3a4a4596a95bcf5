// Request errors that graphql-js and Apollo Server raise without a code of their own, each with
// the typed code and message a client should get: without this table they carry no code, would
// be masked as internal errors and logged, though the request (not the server) was at fault.
import { GraphQLError } from 'graphql';

interface RequestErrorCode {
  code: string;
  message: string;
}

/** graphql-js stops coercing variables after this many errors (its fixed bound in `execute`). */
export const VARIABLE_ERROR_LIMIT = 50;

const BY_MESSAGE = new Map<string, RequestErrorCode>([
  [
    'provided sha does not match query',
    {
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
      message:
        'extensions.persistedQuery.sha256Hash is not the SHA-256 (hex) of the query text sent with it: send the hash of exactly that text.',
    },
  ],
  [
    'Unsupported persisted query version',
    {
      code: 'PERSISTED_QUERY_VERSION_UNSUPPORTED',
      message: 'extensions.persistedQuery.version must be 1, the only version of persisted queries this API supports.',
    },
  ],
  [
    'Too many errors processing variables, error limit reached. Execution aborted.',
    {
      code: 'BAD_USER_INPUT',
      message: `The variables have more than ${VARIABLE_ERROR_LIMIT} errors; the first ${VARIABLE_ERROR_LIMIT} are reported and the rest were not checked.`,
    },
  ],
]);

/**
 * The typed code of a request error raised by graphql-js or Apollo Server itself (never of an
 * error a resolver threw: those carry the thrown error as `originalError`).
 */
export function requestErrorCode(error: unknown): RequestErrorCode | undefined {
  if (!(error instanceof GraphQLError) || error.originalError) return undefined;
  return BY_MESSAGE.get(error.message);
}

/**
 * The code a validation rule of this API gave its error; Apollo replaces it with
 * GRAPHQL_VALIDATION_FAILED and keeps the rule's error as `originalError`.
 */
export function ownValidationCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || !(error.originalError instanceof GraphQLError)) return undefined;
  const code = error.originalError.extensions.code;
  // Only this API's own rules: a literal a scalar refuses (an impossible date written inline)
  // also arrives wrapped, carrying the scalar's BAD_USER_INPUT, and stays a validation failure.
  return typeof code === 'string' && OWN_RULE_CODES.has(code) ? code : undefined;
}

/** The codes of this API's validation rules (supported-operations.ts). */
const OWN_RULE_CODES: ReadonlySet<string> = new Set(['OPERATION_NOT_SUPPORTED']);
