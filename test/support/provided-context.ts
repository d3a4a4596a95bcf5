// What the global setups hand to the integration test files (vitest provide/inject).
export type TestDatabaseTarget =
  | { kind: 'pglite'; dumpPath: string }
  | { kind: 'postgresql'; url: string; database: string }
  | { kind: 'unavailable'; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTarget;
    /** The search index snapshot of the test database, built once per run (test/support/search-snapshot.ts). */
    testSearchSnapshot: string | null;
    /** The service the browser tests open (test/support/global-setup-browser.ts). */
    webBaseUrl: string;
  }
}
