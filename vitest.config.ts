import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests, database-level tests on in-memory PGlite, and the
// HTTP integration suite run twice, once per database (DESIGN §3: both modes must pass).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'db', include: ['test/db/**/*.test.ts'] } },
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
