// Recognises "the database is not there" among the errors a query can end with, whichever layer
// raised it: node-postgres and its pool (socket errors, connect and pool-wait timeouts, a
// connection cut mid-query), PostgreSQL itself (a server shutting down or not accepting
// connections yet), and Prisma, which wraps the driver's error in its own (P1001 ... P2024, or a
// driver-adapter error whose cause names the kind). Such errors become DatabaseUnavailableError;
// everything else (a bad statement, a constraint, a cancelled slow query) is left alone, so a
// client is told "retry later" only when retrying can help.
import { DatabaseUnavailableError } from '../errors.js';

/** Node socket error codes of a server that cannot be reached or dropped the connection. */
const SOCKET_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server going away or not taking connections: admin_shutdown, crash_shutdown,
 * cannot_connect_now (starting up or recovering), too_many_connections. Class 08 (connection
 * exceptions) is matched as a class.
 */
const UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Prisma's codes for the same: cannot reach the server, timed out reaching it, operation timed
 * out, server closed the connection, timed out waiting for a pooled connection.
 */
const PRISMA_CODES: ReadonlySet<string> = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/** Kinds @prisma/adapter-pg gives a driver error it recognises as a connection failure. */
const ADAPTER_KINDS: ReadonlySet<string> = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/**
 * node-postgres raises these as plain errors without a code: a pool that waited too long for a
 * connection, a connection that ended under a query or was cut by the liveness watch, a client
 * left unusable by an earlier socket error, a query the server never answered.
 */
const DRIVER_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Query read timeout|Database server stopped answering/;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function isUnavailableCode(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  return (
    SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || PRISMA_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)
  );
}

/** The errors to look at: the error itself, its causes and the driver error Prisma wraps. */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.length < 10) {
    const current = pending.shift();
    if (current === undefined || current === null || seen.includes(current)) continue;
    seen.push(current);
    pending.push(field(current, 'cause'));
    const adapterError = field(field(current, 'meta'), 'driverAdapterError');
    if (adapterError !== undefined) pending.push(adapterError);
  }
  return seen;
}

/** True when `error` says the database cannot be reached or stopped answering. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((link) => {
    if (isUnavailableCode(field(link, 'code'))) return true;
    const kind = field(link, 'kind');
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    const message = field(link, 'message');
    return typeof message === 'string' && DRIVER_MESSAGES.test(message);
  });
}

/** DatabaseUnavailableError for a connection failure, undefined for any other error. */
export function translateConnectionError(error: unknown): DatabaseUnavailableError | undefined {
  if (error instanceof DatabaseUnavailableError) return error;
  if (!isDatabaseUnavailable(error)) return undefined;
  const message = error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error);
  return new DatabaseUnavailableError(`Database unavailable: ${message ?? 'connection failed'}`, { cause: error });
}
