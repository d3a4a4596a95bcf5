// The README's promise, end to end: `kb serve` on an empty data directory creates, migrates
// and seeds the embedded database and answers; SIGTERM and SIGINT stop it with exit code 0;
// a second start on the same directory reuses the data. Runs the real CLI in a child process.
// Start-up times are measured by `npm run bench` (bench/startup.ts), not asserted here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { startServeProcess, stopServeProcess } from '../support/serve-process.js';

const ReadmeQuery = graphql(`
  query ReadmeEuProvisions {
    eu: provisions(first: 5, filter: { regime: EU }) {
      totalCount
      edges {
        node {
          code
          title
          citation {
            url
            repository
            commit
          }
        }
      }
    }
    us: provisions(first: 1, filter: { regime: US_EAR }) {
      totalCount
    }
  }
`);

describe('kb serve on a fresh data directory (embedded PGlite)', () => {
  let dataDir = '';
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('cold start answers the README query with real Annex I entries, stops on SIGTERM; the warm start reuses the data and stops on SIGINT', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kb-e2e-'));
    const cold = await startServeProcess(join(dataDir, 'data'));
    const response = await fetch(`http://127.0.0.1:${cold.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(ReadmeQuery) }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: ResultOf<typeof ReadmeQuery> };
    // EU Annex I in full (eu_annex_i.json: 384 entries), listed in code order.
    expect(body.data.eu.totalCount).toBe(384);
    expect(body.data.eu.edges.map((edge) => edge.node.code)).toEqual(['0A001', '0B001', '0B002', '0B003', '0B004']);
    expect(body.data.eu.edges.every((edge) => edge.node.citation.repository !== null)).toBe(true);
    expect(body.data.us.totalCount).toBeGreaterThanOrEqual(606);
    expect(await stopServeProcess(cold.child, 'SIGTERM')).toBe(0);

    const warm = await startServeProcess(join(dataDir, 'data'));
    // Nothing was loaded again: every dataset was skipped as unchanged.
    expect(warm.output()).toMatch(/"msg":"seed"/);
    expect(warm.output()).not.toMatch(/"status":"loaded"/);
    expect(await stopServeProcess(warm.child, 'SIGINT')).toBe(0);
  }, 400_000);
});
