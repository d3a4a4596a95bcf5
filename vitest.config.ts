import { defineConfig } from 'vitest/config';

// Projects: pure unit tests, database-level tests on in-memory PGlite, the CLI end to end, the
// web app in Debian's Chromium against the real service, and the HTTP integration suite run
// twice, once per database (both runtime modes must pass).
export default defineConfig({
  // graphql 16 has no "exports" map: Node resolves it to the CommonJS build (as Pothos and
  // Apollo, loaded natively, do), vite to the ESM one. Two copies break instanceof checks
  // ("Cannot use GraphQLObjectType from another module or realm"); pin tests to Node's choice.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // The web app's components in a simulated DOM (jsdom).
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.tsx'], environment: 'jsdom' } },
      { extends: true, test: { name: 'db', include: ['test/db/**/*.test.ts'] } },
      { extends: true, test: { name: 'ingest', include: ['test/ingest/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
      { extends: true, test: { name: 'search', include: ['test/search/**/*.test.ts'] } },
      { extends: true, test: { name: 'classification', include: ['test/classification/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // Each test drives a real page against the real service: see test/support/browser.ts on waiting.
          testTimeout: 240_000,
          globalSetup: ['test/support/global-setup-browser.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-pglite',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup-pglite.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-postgresql',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup-postgresql.ts'],
        },
      },
    ],
  },
});
