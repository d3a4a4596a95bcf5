// Masking of unknown errors and the one log line of each error (Apollo's formatError). The
// integration suite has no reliable way left to provoke an internal error over HTTP, so the
// masking rule is checked here directly.
import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError, SearchUnavailableError } from '../../src/errors.js';
import { makeFormatError } from '../../src/graphql/format-error.js';

function fakeLogger() {
  return { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
}

describe('makeFormatError', () => {
  it('masks an unknown error: a fixed message, the request id, the original only in the log', () => {
    const logger = fakeLogger();
    const codes: string[] = [];
    const format = makeFormatError(logger, (code) => codes.push(code));
    const original = new Error('Invalid `prisma.controlProvision.findMany()` invocation: SELECT "secret" FROM ...');
    const formatted: GraphQLFormattedError = {
      message: original.message,
      path: ['provisions'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1', stacktrace: ['at somewhere'] },
    };
    expect(format(formatted, original)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' },
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: original, requestId: 'req-1', code: 'INTERNAL_SERVER_ERROR' }),
      expect.any(String),
    );
    // Logged once: not again at another level.
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();
    expect(codes).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('passes a domain error through with its code and details, logged once at info without a stack', () => {
    const logger = fakeLogger();
    const codes: string[] = [];
    const error = new InvalidArgumentError('filter.text', 'no-nul-character', 'bad text');
    const result = makeFormatError(logger, (code) => codes.push(code))(
      { message: 'bad text', path: ['provisions'], extensions: { requestId: 'req-2' } },
      error,
    );
    expect(result).toMatchObject({
      message: 'bad text',
      path: ['provisions'],
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.text', rule: 'no-nul-character', requestId: 'req-2' },
    });
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledTimes(1);
    const [fields] = logger.info.mock.calls[0] as [Record<string, unknown>];
    expect(fields).toEqual({ code: 'BAD_USER_INPUT', requestId: 'req-2', path: ['provisions'], message: 'bad text' });
    expect(codes).toEqual(['BAD_USER_INPUT']);
  });

  it('logs a query-limit rejection under the code the client sees', () => {
    const logger = fakeLogger();
    const result = makeFormatError(logger)(
      { message: 'too deep', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', requestId: 'req-3' } },
      new Error('too deep'),
    );
    expect(result.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'QUERY_LIMIT_EXCEEDED', requestId: 'req-3' }),
      'GraphQL error',
    );
  });

  it('logs a dependency that is down once at warn, with the cause for operators', () => {
    const logger = fakeLogger();
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:7700');
    const error = new SearchUnavailableError('search engine refused', { cause });
    const result = makeFormatError(logger)({ message: 'x', path: ['search'] }, error);
    expect(result.extensions?.code).toBe('SEARCH_UNAVAILABLE');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: error, code: 'SEARCH_UNAVAILABLE' }),
      expect.any(String),
    );
    expect(logger.info).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });
});
