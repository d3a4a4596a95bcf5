// Masking of unknown errors (Apollo's formatError). The integration suite has no reliable way
// left to provoke an internal error over HTTP, so the masking rule is checked here directly.
import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { makeFormatError } from '../../src/graphql/format-error.js';

describe('makeFormatError', () => {
  it('masks an unknown error: a fixed message, the request id, the original only in the log', () => {
    const logger = { error: vi.fn() };
    const format = makeFormatError(logger);
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
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: original, requestId: 'req-1' }),
      expect.any(String),
    );
  });

  it('passes a domain error through with its code and details', () => {
    const logger = { error: vi.fn() };
    const error = new InvalidArgumentError('filter.text', 'no-nul-character', 'bad text');
    const result = makeFormatError(logger)(
      { message: 'bad text', path: ['provisions'], extensions: { requestId: 'req-2' } },
      error,
    );
    expect(result).toMatchObject({
      message: 'bad text',
      path: ['provisions'],
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.text', rule: 'no-nul-character', requestId: 'req-2' },
    });
    expect(logger.error).not.toHaveBeenCalled();
  });
});
