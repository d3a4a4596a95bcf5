import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('runs with no configuration at all: embedded database in ./data on port 4000', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DB_POOL_SIZE).toBe(10);
    expect(config.SEED_ON_START).toBe(true);
  });

  it('reads a PostgreSQL URL and pool settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@db:5432/kb',
      DB_POOL_SIZE: '25',
      DB_CONNECT_TIMEOUT_MS: '2000',
    });
    expect(config.DATABASE_URL).toBe('postgresql://u@db:5432/kb');
    expect(config.DB_POOL_SIZE).toBe(25);
    expect(config.DB_CONNECT_TIMEOUT_MS).toBe(2000);
  });

  it('keeps /metrics off by default and refuses a guessable metrics token', () => {
    expect(loadConfig({}).METRICS_ENABLED).toBe(false);
    const config = loadConfig({ METRICS_ENABLED: 'true', METRICS_TOKEN: 'a-long-enough-token' });
    expect(config.METRICS_ENABLED).toBe(true);
    expect(config.METRICS_TOKEN).toBe('a-long-enough-token');
    expect(() => loadConfig({ METRICS_ENABLED: 'yes', METRICS_TOKEN: 'short' })).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringContaining('METRICS_ENABLED'),
          'METRICS_TOKEN: METRICS_TOKEN must be at least 16 characters',
        ],
      }),
    );
  });

  it('lets one costly operation (100 points or more) execute at a time by default; refuses no place at all', () => {
    const config = loadConfig({});
    expect({ cost: config.HEAVY_QUERY_COST, concurrency: config.HEAVY_QUERY_CONCURRENCY }).toEqual({
      cost: 100,
      concurrency: 1,
    });
    expect(() => loadConfig({ HEAVY_QUERY_CONCURRENCY: '0' })).toThrow(
      expect.objectContaining({
        problems: ['HEAVY_QUERY_CONCURRENCY: HEAVY_QUERY_CONCURRENCY must be at least 1'],
      }),
    );
  });

  it('turns the response cache on by default, bounded, and reads its bounds and switch', () => {
    const defaults = loadConfig({});
    expect(defaults.RESPONSE_CACHE_ENABLED).toBe(true);
    expect(defaults.RESPONSE_CACHE_MAX_ENTRIES).toBe(500);
    expect(defaults.RESPONSE_CACHE_MAX_BYTES).toBe(32 * 1024 * 1024);
    const config = loadConfig({
      RESPONSE_CACHE_ENABLED: 'false',
      RESPONSE_CACHE_MAX_ENTRIES: '20',
      RESPONSE_CACHE_MAX_BYTES: '1000000',
    });
    expect(config.RESPONSE_CACHE_ENABLED).toBe(false);
    expect(config.RESPONSE_CACHE_MAX_ENTRIES).toBe(20);
    expect(config.RESPONSE_CACHE_MAX_BYTES).toBe(1_000_000);
    expect(() => loadConfig({ RESPONSE_CACHE_MAX_ENTRIES: '0', RESPONSE_CACHE_MAX_BYTES: '1mb' })).toThrow(
      expect.objectContaining({
        problems: [
          'RESPONSE_CACHE_MAX_ENTRIES: RESPONSE_CACHE_MAX_ENTRIES must be at least 1',
          'RESPONSE_CACHE_MAX_BYTES: RESPONSE_CACHE_MAX_BYTES must be a number',
        ],
      }),
    );
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(4000);
  });

  it('reports every bad variable at once, each by name', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        DB_POOL_SIZE: '0',
        LOG_LEVEL: 'loud',
        BODY_LIMIT: 'lots',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'DB_POOL_SIZE', 'LOG_LEVEL', 'BODY_LIMIT']) {
      expect(problems).toContain(name);
    }
    expect((caught as ConfigError).problems).toHaveLength(5);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between 0 and 65535/);
  });
});
