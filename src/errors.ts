// The domain error family: every error the knowledge base reports on purpose, raised by any
// layer. It imports nothing from GraphQL or HTTP; the GraphQL layer (graphql/format-error.ts)
// and the HTTP layer (server/http-status.ts) translate these errors for their clients, each in
// one place, so a new error needs no change in any resolver or route.

/** Codes a client can branch on (`extensions.code` in GraphQL, `code` in HTTP answers). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INCONSISTENT_DATA'
  | 'DATABASE_UNAVAILABLE'
  | 'SEARCH_UNAVAILABLE'
  | 'SERVICE_UNAVAILABLE'
  | 'REQUEST_TIMEOUT'
  | 'REQUEST_CANCELLED';

/**
 * Seconds a client should wait before retrying after an unavailability error: the database and
 * search clients give up on an unresponsive server within a few seconds, and a restarted server
 * is used again as soon as it accepts connections, so a short wait is enough.
 */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Base of every error reported on purpose: a message meant for people, a code and details. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  /** Machine-readable details beside the message (field, rule, choices, ...). */
  details(): Record<string, unknown> {
    return {};
  }

  /**
   * Code and details together, under the name GraphQL execution copies from a thrown error, so
   * an error is complete even where no formatter runs (direct execution in tests and tools).
   */
  get extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details() };
  }

  /** What clients are told; the message itself unless it may hold operator detail. */
  get publicMessage(): string {
    return this.message;
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

  override details() {
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

  override details(): Record<string, unknown> {
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

  override details() {
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

/**
 * Item or activity facts that do not fit the rulebook's vocabulary (unknown name, unit of another
 * dimension, value outside an enum): every problem at once, each naming the fact and the valid
 * choices, so the whole input can be fixed in one go.
 */
export class InvalidItemFactsError extends InvalidArgumentError {
  constructor(
    field: string,
    readonly problems: readonly string[],
  ) {
    super(field, 'known-fact-and-unit', `Invalid item facts: ${problems.join('; ')}`);
    this.name = 'InvalidItemFactsError';
  }

  override details() {
    return { ...super.details(), problems: [...this.problems] };
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

  override details() {
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

/**
 * The search engine cannot answer (down, misconfigured, a failed task); every other query still
 * works. The message says what the adapter saw, for logs and the CLI (it may name hosts);
 * clients are told only that search is unavailable.
 */
export class SearchUnavailableError extends DomainError {
  readonly code = 'SEARCH_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SearchUnavailableError';
  }

  override get publicMessage(): string {
    return 'Search is temporarily unavailable; the rest of the API works. Retry shortly.';
  }

  override details() {
    return { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS };
  }
}

/**
 * The database cannot be reached or stopped answering (refused or dropped connections, a
 * server shutting down, no pooled connection in time, a server that no longer responds). The
 * message says what the driver saw, for logs; clients are told only to retry.
 */
export class DatabaseUnavailableError extends DomainError {
  readonly code = 'DATABASE_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }

  override get publicMessage(): string {
    return 'The database is temporarily unavailable. Retry shortly.';
  }

  override details() {
    return { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS };
  }
}

/**
 * A request ran past its deadline: the work still to do is refused (no further database
 * statements), and the client is told the deadline rather than given a partial answer.
 */
export class RequestTimeoutError extends DomainError {
  readonly code = 'REQUEST_TIMEOUT';

  constructor(readonly deadlineMs: number) {
    super(
      `The request did not finish within its deadline of ${deadlineMs} ms and was stopped; ask for less (fewer items or fields) or split the query.`,
    );
    this.name = 'RequestTimeoutError';
  }

  override details() {
    return { deadlineMs: this.deadlineMs };
  }
}

/** The client went away before its answer was ready: the work still to do is dropped. */
export class WorkCancelledError extends DomainError {
  readonly code = 'REQUEST_CANCELLED';

  constructor(message = 'The client closed the connection before the answer was ready; the request was stopped.') {
    super(message);
    this.name = 'WorkCancelledError';
  }
}

/** The service is shutting down: requests still running when its time is up are stopped. */
export class ServiceStoppingError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';

  constructor() {
    super('The service is shutting down and stopped this request before it finished; retry it.');
    this.name = 'ServiceStoppingError';
  }
}
