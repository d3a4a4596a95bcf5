// The configuration of the HTTP edge: secure defaults with no configuration at all, introspection
// keys that are long enough, and a safelist manifest whose every entry is checked at start.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { safelistManifest, SafelistManifestError } from '../../src/server/operation-safelist.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('HTTP edge configuration', () => {
  it('defaults to production (introspection off), no keys, no safelist, bounded timeouts and connections', () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe('production');
    expect(config.INTROSPECTION_KEYS).toEqual([]);
    expect(config.OPERATION_SAFELIST).toBeUndefined();
    expect(config.HTTP_HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(config.HTTP_REQUEST_TIMEOUT_MS);
    expect(config.HTTP_MAX_CONNECTIONS).toBe(1000);
  });

  it('reads introspection keys as a comma list and refuses short ones by name', () => {
    const keys = loadConfig({ INTROSPECTION_KEYS: ' aaaaaaaaaaaaaaaa , bbbbbbbbbbbbbbbbbbbb ' }).INTROSPECTION_KEYS;
    expect(keys).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbb']);
    expect(() => loadConfig({ INTROSPECTION_KEYS: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ INTROSPECTION_KEYS: 'short' })).toThrow(/INTROSPECTION_KEYS/);
  });
});

describe('safelist manifest', () => {
  it('accepts a map from each document SHA-256 to its text', () => {
    const text = 'query A { __typename }';
    expect([...safelistManifest({ [sha256(text)]: text }).keys()]).toEqual([sha256(text)]);
  });

  it('lists every wrong hash, non-string and unparsable document at once', () => {
    const good = '{ __typename }';
    let caught: unknown;
    try {
      safelistManifest({
        [sha256('something else')]: good,
        [sha256('{ broken')]: '{ broken',
        [sha256('x')]: 42,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SafelistManifestError);
    const problems = (caught as SafelistManifestError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/not the SHA-256/);
    expect(problems.join('\n')).toMatch(/does not parse/);
    expect(problems.join('\n')).toMatch(/must be a string/);
  });

  it('refuses a manifest that is not an object', () => {
    expect(() => safelistManifest(['{ __typename }'])).toThrow(SafelistManifestError);
  });
});
