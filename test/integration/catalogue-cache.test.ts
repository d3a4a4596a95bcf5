// The response cache on catalogue reads (provisions, provision, exemptions, guidance, node
// lookups): a repeated read runs no statement but the generation read; a write to any table of
// source data, by any path, makes the next answer a miss that shows the write; a write that
// commits while an answer is being computed keeps that answer out of the cache; reads that
// depend on the clock, the caller or the search index are never cached; the memory is bounded.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SqlReader } from '../../src/db/database.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const PROVISIONS = `query CacheProvisions($first: Int!) {
  provisions(first: $first, filter: { regime: US_EAR, category: "6" }) {
    totalCount
    edges { cursor node { id code title exemptions { basis exemption { name } } citation { url } } }
  }
}`;
const PROVISION = `query CacheProvision { provision(code: "6A003", regime: US_EAR) { id title paragraphs { code } } }`;
const EXEMPTIONS = `query CacheExemptions { exemptions(first: 5) { totalCount edges { node { id name legalBasis } } } }`;
const GUIDANCE = `query CacheGuidance { guidanceDocuments(first: 5) { totalCount edges { node { id title } } } }`;

/** Tables of source data, which every catalogue read may reach; the rest are bookkeeping. */
const BOOKKEEPING_TABLES = ['AnalyticsGeneration', 'AuditEvent', 'SearchOutbox', 'SeedDataset', '_prisma_migrations'];

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
  extensions?: unknown;
}

describeWithDatabase('catalogue response cache', () => {
  let service: TestService;
  let small: TestService;
  let disabled: TestService;
  beforeAll(async () => {
    [service, small, disabled] = await Promise.all([
      startTestService(),
      startTestService({ RESPONSE_CACHE_MAX_ENTRIES: '2', RESPONSE_CACHE_MAX_BYTES: '20000' }),
      startTestService({ RESPONSE_CACHE_ENABLED: 'false' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([service?.stop(), small?.stop(), disabled?.stop()]);
  });

  async function ask(target: TestService, query: string, variables: Record<string, unknown> = {}) {
    const statementsBefore = target.db.requestStatementCount();
    const { hits, misses } = target.responseCache.stats();
    const response = await target.post(JSON.stringify({ query, variables }));
    const body = (await response.json()) as Answer;
    const after = target.responseCache.stats();
    return {
      status: response.status,
      body,
      statements: target.db.requestStatementCount() - statementsBefore,
      hit: after.hits - hits,
      miss: after.misses - misses,
    };
  }

  const sql = (statement: string) => service.db.prisma.$executeRawUnsafe(statement);

  it('answers a repeated read from the cache: the same bytes, and no statement but the generation read', async () => {
    const firstProvision = await ask(service, PROVISIONS, { first: 3 });
    const id = (firstProvision.body.data?.provisions as { edges: Array<{ node: { id: string } }> }).edges[0]?.node.id;
    expect(id).toBeDefined();
    const node = `query CacheNode($id: ID!) { node(id: $id) { id ... on ControlProvision { code title } } }`;
    for (const [query, variables] of [
      [PROVISIONS, { first: 3 }],
      [PROVISION, {}],
      [EXEMPTIONS, {}],
      [GUIDANCE, {}],
      [node, { id }],
    ] as const) {
      const first = query === PROVISIONS ? firstProvision : await ask(service, query, variables);
      const second = await ask(service, query, variables);
      expect(first.body.errors, query).toBeUndefined();
      expect(second.body).toEqual(first.body);
      expect(second.hit, query).toBe(1);
      // The miss ran the read itself and both generation reads (before and after it).
      expect(first.statements, query).toBeGreaterThan(2);
      expect(second.statements, query).toBe(1);
    }
    // Other variables are another question.
    const other = await ask(service, PROVISIONS, { first: 4 });
    expect(other.miss).toBe(1);
    expect((other.body.data?.provisions as { edges: unknown[] }).edges).toHaveLength(4);
  });

  it('every table of source data bumps the catalogue generation: a statement on any of them makes the next read a miss', async () => {
    const tables = (
      await service.db.prisma.$queryRawUnsafe<Array<{ table: string }>>(
        `SELECT tablename AS table FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
      )
    ).map((row) => row.table);
    const dataTables = tables.filter((table) => !BOOKKEEPING_TABLES.includes(table));
    expect(dataTables).toEqual(expect.arrayContaining(['ControlProvision', 'Exemption', 'GuidanceDocument']));
    expect(dataTables.length).toBeGreaterThanOrEqual(26);
    await ask(service, PROVISIONS, { first: 3 });
    for (const table of dataTables) {
      expect((await ask(service, PROVISIONS, { first: 3 })).hit, table).toBe(1);
      // A statement that changes no row still fires the statement trigger: enough to prove the
      // table is watched without changing what other test files read.
      await sql(`DELETE FROM "${table}" WHERE false`);
      const after = await ask(service, PROVISIONS, { first: 3 });
      expect(after.miss, `a write to ${table} must invalidate cached catalogue reads`).toBe(1);
    }
  });

  it('shows a committed write on the next request: provision title, exemption legal basis, guidance title', async () => {
    for (const { query, table, column, path } of [
      { query: PROVISION, table: 'ControlProvision', column: 'title', path: ['provision', 'title'] },
      {
        query: EXEMPTIONS,
        table: 'Exemption',
        column: 'legalBasis',
        path: ['exemptions', 'edges', 0, 'node', 'legalBasis'],
      },
      {
        query: GUIDANCE,
        table: 'GuidanceDocument',
        column: 'title',
        path: ['guidanceDocuments', 'edges', 0, 'node', 'title'],
      },
    ]) {
      const idPath = [...path.slice(0, -1), 'id'];
      const before = await ask(service, query);
      expect((await ask(service, query)).hit).toBe(1);
      const original = valueAt(before.body.data, path) as string;
      const id = rowId(valueAt(before.body.data, idPath) as string);
      const changed = `${original} (cache test)`;
      expect(
        await service.db.prisma.$executeRawUnsafe(
          `UPDATE "${table}" SET "${column}" = $1 WHERE "id" = $2`,
          changed,
          id,
        ),
      ).toBe(1);
      try {
        const after = await ask(service, query);
        expect(after.miss).toBe(1);
        expect(valueAt(after.body.data, path)).toBe(changed);
        expect((await ask(service, query)).hit).toBe(1);
      } finally {
        await service.db.prisma.$executeRawUnsafe(
          `UPDATE "${table}" SET "${column}" = $1 WHERE "id" = $2`,
          original,
          id,
        );
      }
      const restored = await ask(service, query);
      expect(restored.miss).toBe(1);
      expect(restored.body).toEqual(before.body);
    }
  });

  it('does not keep an answer computed while a write committed (generation before != generation after)', async () => {
    const db = service.services.db;
    const original = db.readRows;
    const before = await ask(service, GUIDANCE);
    const path = ['guidanceDocuments', 'edges', 0, 'node'];
    const { id: globalId, title } = valueAt(before.body.data, path) as { id: string; title: string };
    const id = rowId(globalId);
    const changed = `${title} (written during the read)`;
    // The second generation read of the next request first commits a write: the answer was
    // computed from the data before it, so it must not be stored.
    let generationReads = 0;
    let written = 0;
    db.readRows = (async (statement: string, params: readonly unknown[]) => {
      if (statement.includes('"AnalyticsGeneration"')) {
        generationReads += 1;
        if (generationReads === 2) {
          written = await db.prisma.$executeRawUnsafe(
            `UPDATE "GuidanceDocument" SET "title" = $1 WHERE "id" = $2`,
            changed,
            id,
          );
        }
      }
      return original(statement, params);
    }) as SqlReader;
    try {
      await sql(`DELETE FROM "GuidanceDocument" WHERE false`);
      const raced = await ask(service, GUIDANCE);
      expect(raced.miss).toBe(1);
      expect(generationReads).toBe(2);
      expect(written).toBe(1);
      // Answered from the data as it was when the read ran (the write was concurrent with it).
      expect((valueAt(raced.body.data, path) as { title: string }).title).toBe(title);
      db.readRows = original;
      const next = await ask(service, GUIDANCE);
      expect(next.miss).toBe(1);
      expect((valueAt(next.body.data, path) as { title: string }).title).toBe(changed);
      expect((await ask(service, GUIDANCE)).hit).toBe(1);
    } finally {
      db.readRows = original;
      await db.prisma.$executeRawUnsafe(`UPDATE "GuidanceDocument" SET "title" = $1 WHERE "id" = $2`, title, id);
    }
  });

  it('never caches reads that depend on the clock, the caller or the search index, nor answers with errors', async () => {
    for (const query of [
      '{ provisions(first: 1) { totalCount } rateLimit { remaining } }',
      '{ search(query: "thermal camera", first: 3) { totalCount } }',
      // Its date defaults to today.
      '{ checkExemptions(input: { provisions: ["6A003"], regimes: [US_EAR], destination: "FR" }) { asOf verdict } }',
      '{ provisions(first: 1000) { totalCount } }',
    ]) {
      await ask(service, query);
      const again = await ask(service, query);
      expect(again.hit, query).toBe(0);
    }
    const first = await ask(disabled, PROVISIONS, { first: 3 });
    const second = await ask(disabled, PROVISIONS, { first: 3 });
    expect(second.body).toEqual(first.body);
    expect(second.hit + second.miss).toBe(0);
    expect(second.statements).toBe(first.statements);
    expect(disabled.responseCache.stats().entries).toBe(0);
  });

  it('holds at most RESPONSE_CACHE_MAX_ENTRIES answers and RESPONSE_CACHE_MAX_BYTES bytes, least recently used out first', async () => {
    await ask(small, PROVISIONS, { first: 1 });
    await ask(small, PROVISIONS, { first: 2 });
    expect((await ask(small, PROVISIONS, { first: 1 })).hit).toBe(1);
    await ask(small, PROVISIONS, { first: 3 });
    expect(small.responseCache.stats().entries).toBe(2);
    // {first: 2} was the least recently used.
    expect((await ask(small, PROVISIONS, { first: 1 })).hit).toBe(1);
    expect((await ask(small, PROVISIONS, { first: 2 })).miss).toBe(1);
    // An answer over a quarter of the byte budget is answered but not kept.
    const large = await ask(small, PROVISIONS, { first: 60 });
    expect(JSON.stringify(large.body).length).toBeGreaterThan(5000);
    expect((await ask(small, PROVISIONS, { first: 60 })).miss).toBe(1);
    expect(small.responseCache.stats().bytes).toBeLessThanOrEqual(20000);
  });
});

/** The primary key of the row a global id names. */
function rowId(globalId: string): string {
  return decodeGlobalID(globalId).id;
}

function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
