import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('search configuration', () => {
  it('defaults to the embedded engine with snapshots, index kb_documents', () => {
    const config = loadConfig({});
    expect(config.MEILI_HOST).toBeUndefined();
    expect(config.MEILI_INDEX).toBe('kb_documents');
    expect(config.SEARCH_SNAPSHOT).toBe(true);
    expect(loadConfig({ SEARCH_SNAPSHOT: 'false' }).SEARCH_SNAPSHOT).toBe(false);
  });

  it('reads a Meilisearch host with both keys', () => {
    const config = loadConfig({
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_SEARCH_KEY: 's',
      MEILI_ADMIN_KEY: 'a',
      MEILI_INDEX: 'kb_test-1',
    });
    expect(config).toMatchObject({
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_SEARCH_KEY: 's',
      MEILI_ADMIN_KEY: 'a',
      MEILI_INDEX: 'kb_test-1',
    });
  });

  it('names each missing key when MEILI_HOST is set', () => {
    const problems = problemsOf({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_SEARCH_KEY: 's' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MEILI_ADMIN_KEY: MEILI_ADMIN_KEY is required when MEILI_HOST is set/u);
    expect(problemsOf({ MEILI_HOST: 'http://127.0.0.1:7700' }).map((problem) => problem.split(':')[0])).toEqual([
      'MEILI_SEARCH_KEY',
      'MEILI_ADMIN_KEY',
    ]);
  });

  it('reports a key without a host, a bad host and a bad index name, together with other bad variables', () => {
    const problems = problemsOf({ PORT: 'eighty', MEILI_ADMIN_KEY: 'a', MEILI_INDEX: 'kb documents' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['MEILI_ADMIN_KEY', 'MEILI_INDEX', 'PORT']);
    expect(problems.find((problem) => problem.startsWith('MEILI_ADMIN_KEY'))).toMatch(/MEILI_HOST is not/u);
    expect(problemsOf({ MEILI_HOST: '127.0.0.1:7700', MEILI_SEARCH_KEY: 's', MEILI_ADMIN_KEY: 'a' })[0]).toMatch(
      /^MEILI_HOST: MEILI_HOST must be an http/u,
    );
    expect(problemsOf({ SEARCH_SNAPSHOT: 'yes' })[0]).toMatch(/^SEARCH_SNAPSHOT/u);
  });
});
