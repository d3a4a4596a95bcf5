// The one place where errors become what a GraphQL client sees. Domain errors (src/errors.ts)
// keep their public message and carry `extensions.code` plus their details; Prisma constraint
// errors and Pothos input errors are translated to domain errors first; parse, validation and
// variable errors pass through with their own code (request-error-codes.ts gives one to those
// graphql-js and Apollo raise without); anything else is masked as
// INTERNAL_SERVER_ERROR with the request id, and the original is logged.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { translatePrismaError } from '../db/prisma-errors.js';
import { DomainError, InvalidArgumentError, SearchUnavailableError } from '../errors.js';
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
  const translated = translatePrismaError(original);
  if (translated) return translated;
  // Pothos raises these for malformed cursors, global ids and argument combinations.
  if (original instanceof PothosValidationError) {
    return new InvalidArgumentError('arguments', 'valid-input', original.message);
  }
  return undefined;
}

/** Apollo's `formatError`, logging through `logger`. */
export function makeFormatError(logger: Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn'>>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = requestIdOf(formatted, error);
    const original = unwrapResolverError(error);

    const domain = asDomainError(original);
    if (domain) {
      // Operators need what the engine said; the client only that search is down.
      if (domain instanceof SearchUnavailableError) {
        logger.warn?.({ err: domain, requestId, path: formatted.path }, 'search unavailable');
      }
      return reported(formatted, domain, requestId);
    }

    // Validation rules that enforce a query limit report it under the limit's own code.
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions.limit === 'string') {
      return {
        ...formatted,
        extensions: withoutUndefined({ ...formatted.extensions, code: 'QUERY_LIMIT_EXCEEDED', requestId }),
      };
    }
    // Rules that refuse an operation for a reason of their own keep their own code.
    const ruleCode = formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ? ownValidationCode(error) : undefined;
    if (ruleCode !== undefined) {
      return { ...formatted, extensions: withoutUndefined({ ...formatted.extensions, code: ruleCode, requestId }) };
    }
    const typed = requestErrorCode(error);
    if (typed) {
      return { message: typed.message, extensions: withoutUndefined({ code: typed.code, requestId }) };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== INTERNAL) {
      return { ...formatted, extensions: withoutUndefined({ ...formatted.extensions, requestId }) };
    }

    logger.error({ err: original, requestId, path: formatted.path }, 'GraphQL error masked as internal server error');
    return { message: 'Internal server error', extensions: withoutUndefined({ code: INTERNAL, requestId }) };
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
