// Which errors mean "the database is not there" (retry later) and which do not. The socket and
// pool errors are real ones, produced by node-postgres against a closed port and a server that
// accepts connections and never answers; server and Prisma errors are built as their drivers
// build them.
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, translateConnectionError } from '../../src/db/connection-errors.js';
import { DatabaseUnavailableError } from '../../src/errors.js';
import { makeFormatError } from '../../src/graphql/format-error.js';
import { Prisma } from '../../src/generated/prisma/client.js';

function serverError(code: string, message: string): Error {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'FATAL';
  return error;
}

function prismaError(code: string, meta?: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError(`Invalid invocation:\n\n${code}`, {
    code,
    clientVersion: 'test',
    meta,
  });
}

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('database connection errors', () => {
  let closedPort: number;
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const probe = createServer();
    closedPort = await new Promise<number>((resolve) => {
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        probe.close(() => resolve(port));
      });
    });
    // Accepts connections and never answers, as a frozen PostgreSQL does.
    silent = createServer((socket) => sockets.push(socket));
    silentPort = await new Promise<number>((resolve) => {
      silent.listen(0, '127.0.0.1', () => {
        const address = silent.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('a refused connection (ECONNREFUSED from pg) is unavailability', async () => {
    const pool = new pg.Pool({ connectionString: `postgresql://postgres@127.0.0.1:${closedPort}/x` });
    const error = await failure(() => pool.query('SELECT 1'));
    await pool.end();
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('a pool that waited too long for a connection is unavailability', async () => {
    const pool = new pg.Pool({
      connectionString: `postgresql://postgres@127.0.0.1:${silentPort}/x`,
      connectionTimeoutMillis: 200,
    });
    pool.on('error', () => undefined);
    const error = await failure(() => pool.query('SELECT 1'));
    await pool.end().catch(() => undefined);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(translateConnectionError(error)).toBeInstanceOf(DatabaseUnavailableError);
  });

  it('server shutdown and connection-class SQLSTATEs are unavailability; other server errors are not', () => {
    expect(isDatabaseUnavailable(serverError('57P01', 'terminating connection due to administrator command'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(serverError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('08006', 'connection failure'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('42601', 'syntax error at or near "SELEC"'))).toBe(false);
  });

  it("reads Prisma's wrapped forms: its codes and the driver adapter's cause", () => {
    expect(isDatabaseUnavailable(prismaError('P1001'))).toBe(true);
    expect(isDatabaseUnavailable(prismaError('P2024'))).toBe(true);
    const closed = prismaError('P2010', {
      driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'ConnectionClosed' } },
    });
    expect(isDatabaseUnavailable(closed)).toBe(true);
    const shutdown = prismaError('P2010', {
      driverAdapterError: { cause: { kind: 'postgres', code: '57P01', message: 'terminating connection' } },
    });
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    expect(isDatabaseUnavailable(prismaError('P2002', { target: ['code'] }))).toBe(false);
    expect(isDatabaseUnavailable(prismaError('P2025'))).toBe(false);
  });

  it('follows error causes, and leaves unrelated errors alone', () => {
    expect(
      isDatabaseUnavailable(new Error('wrapped', { cause: new Error('Connection terminated unexpectedly') })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(new RangeError('offset must be an integer >= 0'))).toBe(false);
    expect(translateConnectionError(new TypeError('x is not a function'))).toBeUndefined();
  });

  it('GraphQL clients see DATABASE_UNAVAILABLE with retryAfterSeconds, never the host or driver text', () => {
    const logged: unknown[] = [];
    const format = makeFormatError({
      error: (entry: unknown) => logged.push(entry),
      warn: (entry: unknown) => logged.push(entry),
      info: (entry: unknown) => logged.push(entry),
    });
    const formatted = format(
      { message: 'Unexpected error', path: ['provisions'] },
      prismaError('P1001', {
        driverAdapterError: { cause: { kind: 'DatabaseNotReachable', host: '10.0.0.5', port: 5432 } },
      }),
    );
    expect(formatted.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(formatted.message).not.toMatch(/10\.0\.0\.5|P1001/);
    expect(formatted.path).toEqual(['provisions']);
    expect(logged).toHaveLength(1);
  });
});
