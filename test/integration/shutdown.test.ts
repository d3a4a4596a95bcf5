import { print } from 'graphql';
import { expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService } from '../support/test-service.js';

const HeavyRead = graphql(`
  query ShutdownHeavyRead {
    provisions(first: 100, filter: { regime: US_EAR, kind: ANY }) {
      totalCount
      edges { node { code text children { code } thresholds { textVerbatim } } }
    }
  }
`);

describeWithDatabase('graceful shutdown', () => {
  it('lets in-flight requests finish, then refuses new connections and closes the database', async () => {
    const service = await startTestService();
    const inFlight = Array.from({ length: 5 }, () =>
      fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(HeavyRead) }),
      }),
    );
    // Stop only once the server has received all five (a request still in the client's
    // socket buffer is not in flight yet; Node closes such idle connections on shutdown).
    while (service.inFlight() < inFlight.length) await new Promise((resolve) => setTimeout(resolve, 2));
    const stopped = service.stop();
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
