// Domain errors, the translation of Prisma constraint errors into them, and the Apollo hooks
// that decide what a client sees: user-facing errors keep their message and an
// `extensions.code`; anything unknown is masked to INTERNAL_SERVER_ERROR with the request id,
// and the original is logged. The GraphQL types for these errors live in types/error.ts.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { GraphQLContext } from './context.js';

/** Codes a client can branch on (`extensions.code`). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'INCONSISTENT_DATA' | 'SEARCH_UNAVAILABLE';

/**
 * Base of every error the API reports on purpose. `extensions` is read by graphql-js when it
 * wraps a thrown error, so the code and details reach the response without extra plumbing.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  get extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details() };
  }

  /** Machine-readable details beside the message (field, rule, choices, ...). */
  protected details(): Record<string, unknown> {
    return {};
  }
}

/** A record the request names does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(
    readonly entity: string,
    readonly key: string,
    message = `${entity} ${key} does not exist.`,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }

  protected override details() {
    return { entity: this.entity, key: this.key };
  }
}

/** An argument breaks a rule; `field` is its path ("first", "filter.codePrefix"). */
export class InvalidArgumentError extends DomainError {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidArgumentError';
  }

  protected override details(): Record<string, unknown> {
    return { field: this.field, rule: this.rule };
  }
}

/** A provision code exists in several regimes and the caller did not say which one. */
export class AmbiguousProvisionCodeError extends InvalidArgumentError {
  constructor(
    readonly provisionCode: string,
    readonly regimes: readonly string[],
  ) {
    super(
      'regime',
      'required-when-code-is-ambiguous',
      `Provision code "${provisionCode}" exists in several regimes (${regimes.join(', ')}); pass "regime" to choose one.`,
    );
    this.name = 'AmbiguousProvisionCodeError';
  }

  protected override details() {
    return { ...super.details(), provisionCode: this.provisionCode, regimes: [...this.regimes] };
  }
}

/** A reference in the input points at a record that does not exist (foreign key). */
export class InvalidReferenceError extends InvalidArgumentError {
  constructor(field: string, message = `"${field}" refers to a record that does not exist.`) {
    super(field, 'must-reference-existing-record', message);
    this.name = 'InvalidReferenceError';
  }
}

/** A write would duplicate a record that must be unique. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(
    readonly fields: readonly string[],
    message = `A record with the same ${fields.join(', ') || 'key'} already exists.`,
  ) {
    super(message);
    this.name = 'ConflictError';
  }

  protected override details() {
    return { fields: [...this.fields] };
  }
}

/**
 * The stored data cannot answer unambiguously (e.g. two versions of one provision claim the
 * same date). Reported rather than resolved by picking one.
 */
export class InconsistentDataError extends DomainError {
  readonly code = 'INCONSISTENT_DATA';

  constructor(message: string) {
    super(message);
    this.name = 'InconsistentDataError';
  }
}

/** The search engine cannot answer; every other query still works. */
export class SearchUnavailableDomainError extends DomainError {
  readonly code = 'SEARCH_UNAVAILABLE';

  constructor(message = 'Search is temporarily unavailable; the rest of the API works. Retry shortly.') {
    super(message);
    this.name = 'SearchUnavailableDomainError';
  }
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Constraint fields from a Prisma error: `meta.target` (engine) or the driver adapter's cause. */
function constraintFields(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  const target = stringList(meta.target);
  if (target.length > 0) return target;
  const adapterError = meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined;
  return stringList(adapterError?.cause?.constraint?.fields);
}

/** Maps Prisma's known request errors to domain errors; undefined for anything else. */
export function translatePrismaError(error: unknown): DomainError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const meta = error.meta as Record<string, unknown> | undefined;
  switch (error.code) {
    case 'P2002':
      return new ConflictError(constraintFields(meta));
    case 'P2025': {
      const model = typeof meta?.modelName === 'string' ? meta.modelName : 'Record';
      const cause = typeof meta?.cause === 'string' ? meta.cause : `${model} does not exist.`;
      return new NotFoundError(model, '', cause);
    }
    case 'P2003': {
      const field = typeof meta?.field_name === 'string' ? meta.field_name : (constraintFields(meta)[0] ?? 'reference');
      return new InvalidReferenceError(field);
    }
    default:
      return undefined;
  }
}

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

function reported(
  formatted: GraphQLFormattedError,
  domain: DomainError,
  requestId: string | undefined,
): GraphQLFormattedError {
  return {
    message: domain.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: withoutUndefined({ ...domain.extensions, requestId }),
  };
}

/**
 * Apollo's `formatError`. Passes through errors that already carry a client-facing code
 * (parse, validation, variable coercion, domain errors), translates Prisma constraint and
 * Pothos input errors, and masks everything else, logging the original with the request id.
 */
export function makeFormatError(logger: Pick<Logger, 'error'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = requestIdOf(formatted, error);
    const original = unwrapResolverError(error);

    if (original instanceof DomainError) return reported(formatted, original, requestId);
    const translated = translatePrismaError(original);
    if (translated) return reported(formatted, translated, requestId);
    // Pothos raises these for malformed cursors, global ids and argument combinations.
    if (original instanceof PothosValidationError) {
      return reported(formatted, new InvalidArgumentError('arguments', 'valid-input', original.message), requestId);
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

/** One validation issue as the validation plugin reports it (Standard Schema shape). */
export interface ValidationIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

function issuePath(issue: ValidationIssue): string {
  const parts = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));
  return parts.join('.') || 'arguments';
}

/** The rule a zod issue broke: our own `params.rule`, else zod's issue code. */
function issueRule(issue: ValidationIssue): string {
  const { params, code } = issue as { params?: { rule?: unknown }; code?: unknown };
  if (typeof params?.rule === 'string') return params.rule;
  return typeof code === 'string' ? code : 'invalid';
}

/** Turns the validation plugin's issues into one BAD_USER_INPUT error naming field and rule. */
export function invalidArgumentFromIssues(issues: readonly ValidationIssue[]): InvalidArgumentError {
  const [first] = issues;
  if (!first) return new InvalidArgumentError('arguments', 'invalid', 'The arguments are invalid.');
  const message = issues.map((issue) => issue.message).join('; ');
  return new InvalidArgumentError(issuePath(first), issueRule(first), message);
}

/**
 * Item facts that do not fit the rulebook's vocabulary (unknown name, unit of another dimension,
 * value outside an enum): every problem at once, each naming the fact and the valid choices.
 */
export class InvalidItemFactsError extends InvalidArgumentError {
  constructor(
    field: string,
    readonly problems: readonly string[],
  ) {
    super(field, 'known-fact-and-unit', `Invalid item facts: ${problems.join('; ')}`);
    this.name = 'InvalidItemFactsError';
  }

  protected override details() {
    return { ...super.details(), problems: [...this.problems] };
  }
}
