// The one place where errors become what a GraphQL client sees. Domain errors (src/errors.ts)
// keep their public message and carry `extensions.code` plus their details; database connection
// failures, Prisma constraint errors and Pothos input errors are translated to domain errors
// first; parse, validation and variable errors pass through with their own code
// (request-error-codes.ts gives one to those graphql-js and Apollo raise without); anything else
// is masked as INTERNAL_SERVER_ERROR with the request id. Each error is logged here, once, with its code.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { translateConnectionError } from '../db/connection-errors.js';
import { translatePrismaError } from '../db/prisma-errors.js';
import { cancellationOf, currentWorkSignal } from '../domain/cancellable-work.js';
import { DomainError, InvalidArgumentError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { GraphQLContext } from './context.js';
import { ownValidationCode, requestErrorCode } from './request-error-codes.js';

const INTERNAL = 'INTERNAL_SERVER_ERROR';

function requestIdOf(formatted: GraphQLFormattedError, error: unknown): string | undefined {
  const fromFormatted = formatted.extensions?.requestId;
  if (typeof fromFormatted === 'string') return fromFormatted;
  const fromError = error instanceof GraphQLError ? error.extensions.requestId : undefined;
  return typeof fromError === 'string' ? fromError : undefined;
}

function withoutUndefined(extensions: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([, value]) => value !== undefined));
}

/** The client's view of a domain error. */
function reported(
  formatted: GraphQLFormattedError,
  domain: DomainError,
  requestId: string | undefined,
): GraphQLFormattedError {
  return {
    message: domain.publicMessage,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: withoutUndefined({ code: domain.code, ...domain.details(), requestId }),
  };
}

/** The domain error an error thrown during execution stands for, if any. */
function asDomainError(original: unknown): DomainError | undefined {
  if (original instanceof DomainError) return original;
  const unavailable = translateConnectionError(original);
  if (unavailable) return unavailable;
  const translated = translatePrismaError(original);
  if (translated) return translated;
  // Pothos raises these for malformed cursors, global ids and argument combinations.
  if (original instanceof PothosValidationError) {
    return new InvalidArgumentError('arguments', 'valid-input', original.message);
  }
  return undefined;
}

/**
 * Codes that say the service, not the request, is at fault without being a bug (a dependency down,
 * data that contradicts itself): operators should see them, with the cause.
 */
const SERVER_SIDE_CODES: ReadonlySet<string> = new Set([
  'SEARCH_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'INCONSISTENT_DATA',
  'REQUEST_TIMEOUT',
]);

/** Turns one error into what the client sees; the original, for the log, when it was masked. */
function translate(formatted: GraphQLFormattedError, error: unknown, requestId: string | undefined) {
  const original = unwrapResolverError(error);
  const domain = asDomainError(original);
  if (domain) return { client: reported(formatted, domain, requestId), original: domain };

  // Validation rules that enforce a query limit report it under the limit's own code.
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions.limit === 'string') {
    const client = {
      ...formatted,
      extensions: withoutUndefined({ ...formatted.extensions, code: 'QUERY_LIMIT_EXCEEDED', requestId }),
    };
    return { client, original };
  }
  // Rules that refuse an operation for a reason of their own keep their own code.
  const ruleCode = formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ? ownValidationCode(error) : undefined;
  if (ruleCode !== undefined) {
    return {
      client: { ...formatted, extensions: withoutUndefined({ ...formatted.extensions, code: ruleCode, requestId }) },
      original,
    };
  }
  const typed = requestErrorCode(error);
  if (typed) {
    return {
      client: { message: typed.message, extensions: withoutUndefined({ code: typed.code, requestId }) },
      original,
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== INTERNAL) {
    return { client: { ...formatted, extensions: withoutUndefined({ ...formatted.extensions, requestId }) }, original };
  }
  // Once a request is stopped (deadline, client gone), what fails after is its consequence:
  // a refused or cancelled statement is reported as the stop, not logged as a fault.
  const stopped = cancellationOf(currentWorkSignal());
  if (stopped instanceof DomainError) return { client: reported(formatted, stopped, requestId), original: stopped };
  const client = { message: 'Internal server error', extensions: withoutUndefined({ code: INTERNAL, requestId }) };
  return { client, original };
}

/**
 * Apollo's `formatError`: every error is logged exactly once here, with its code and the request
 * id. Internal errors at `error` with the original (the client sees only the code); dependencies
 * down and inconsistent data at `warn` with the cause; what the client got wrong at `info`, without
 * a stack, so a client sending bad requests cannot fill the error log. `onError` counts each code.
 */
export function makeFormatError(
  logger: Pick<Logger, 'error' | 'warn' | 'info'>,
  onError: (code: string) => void = () => undefined,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = requestIdOf(formatted, error);
    const { client, original } = translate(formatted, error, requestId);
    const code = typeof client.extensions?.code === 'string' ? client.extensions.code : INTERNAL;
    onError(code);
    const path = formatted.path;
    if (code === INTERNAL) {
      logger.error({ err: original, code, requestId, path }, 'GraphQL error masked as internal server error');
    } else if (SERVER_SIDE_CODES.has(code)) {
      logger.warn({ err: original, code, requestId, path }, client.message);
    } else {
      logger.info({ code, requestId, path, message: client.message }, 'GraphQL error');
    }
    return client;
  };
}

/**
 * Copies the request id from the context into every error's extensions before Apollo formats
 * them (`formatError` never sees the context; Apollo runs didEncounterErrors first).
 */
export const requestIdPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        const requestId = contextValue.requestId;
        if (!requestId) return;
        for (const error of errors) {
          if (error.extensions.requestId === undefined) error.extensions.requestId = requestId;
        }
      },
    };
  },
};
