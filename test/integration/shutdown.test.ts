import { print } from 'graphql';
import pg from 'pg';
import { expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, testDatabase, type TestService } from '../support/test-service.js';

const ProvisionsRead = graphql(`
  query ShutdownProvisionsRead {
    provisions(first: 100, filter: { regime: US_EAR, kind: ANY }) {
      totalCount
      edges {
        node {
          code
          children {
            code
          }
          thresholds {
            textVerbatim
          }
        }
      }
    }
  }
`);

/**
 * Blocks every query on ControlProvision until released, so requests are provably in flight
 * when the server is told to stop (a fast query could otherwise finish first).
 */
async function holdProvisionTable(service: TestService): Promise<() => Promise<void>> {
  if (testDatabase.kind === 'postgresql') {
    const client = new pg.Client({ connectionString: testDatabase.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE "ControlProvision" IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await client.query('COMMIT');
      await client.end();
    };
  }
  // PGlite has one connection: an open transaction makes every other query wait for it.
  const pglite = service.db.pglite;
  if (!pglite) throw new Error('expected the embedded database');
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = () => undefined as void;
  const holding = new Promise<void>((resolve) => {
    started = resolve;
  });
  const transaction = pglite.transaction(async (tx) => {
    await tx.query('SELECT 1');
    started();
    await held;
  });
  await holding;
  return async () => {
    release();
    await transaction;
  };
}

describeWithDatabase('graceful shutdown', () => {
  it('lets in-flight requests finish, then refuses new connections and closes the database', async () => {
    const service = await startTestService();
    const release = await holdProvisionTable(service);
    const inFlight = Array.from({ length: 5 }, () =>
      fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(ProvisionsRead) }),
      }),
    );
    // All five reach the server and wait on the database.
    while (service.inFlight() < inFlight.length) await new Promise((resolve) => setTimeout(resolve, 2));
    const stopped = service.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await release();
    const responses = await Promise.all(inFlight);
    for (const response of responses) {
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data?: { provisions: { totalCount: number } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.provisions.totalCount).toBeGreaterThan(606);
    }
    await stopped;
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    await expect(service.db.ping()).rejects.toThrow();
  });
});
