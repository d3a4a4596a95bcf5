// Domain errors as HTTP answers: the status for each error code and the body, in the same shape
// as GraphQL errors, so a client reads both surfaces alike.
import type { DomainError, ErrorCode } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INCONSISTENT_DATA: 409,
  DATABASE_UNAVAILABLE: 503,
  SEARCH_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 504,
  // No client reads it (it left); nginx's code for "client closed request", for the access log.
  REQUEST_CANCELLED: 499,
};

export function httpStatusOf(error: DomainError): number {
  return STATUS[error.code];
}

export function domainErrorBody(error: DomainError, requestId: string) {
  return {
    errors: [{ message: error.publicMessage, extensions: { code: error.code, ...error.details(), requestId } }],
  };
}

/** The Retry-After value (seconds) an error asks for, when it is one a client should retry. */
export function retryAfterOf(error: DomainError): string | undefined {
  const seconds = error.details().retryAfterSeconds;
  return typeof seconds === 'number' ? String(Math.ceil(seconds)) : undefined;
}
