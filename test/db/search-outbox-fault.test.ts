// Indexing loses nothing. A stream of writes to searchable records, each with
// its outbox row in the same transaction, is drained into the index while the engine fails in
// the middle of the stream; after recovery the index equals the database record by record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { seedDatabase } from '../../src/ingest/index.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { loadSearchDocuments, searchDocumentId } from '../../src/search/search-documents.js';
import { SEARCHABLE_TYPES, type SearchableType } from '../../src/search/search-engine.js';
import { SearchIndexer } from '../../src/search/search-indexer.js';
import { loadSearchSettings } from '../../src/search/search-settings.js';
import { FailingSearchEngine } from '../support/failing-search-engine.js';

type Write = (prisma: PrismaClient, step: number) => Promise<void>;

const FAR_FUTURE = new Date('2999-01-01T00:00:00Z');

/** Every searchable document the database holds, and the index's copy of each. */
async function expectIndexEqualsDatabase(prisma: PrismaClient, engine: FailingSearchEngine): Promise<void> {
  const expectedIds: string[] = [];
  for (const type of SEARCHABLE_TYPES) {
    const documents = await loadSearchDocuments(prisma, type);
    expect(documents.length, type).toBeGreaterThan(0);
    for (const document of documents) {
      expectedIds.push(document.id);
      expect(await engine.get(document.id), document.id).toEqual(document);
    }
  }
  expect(await engine.allIds()).toEqual([...expectedIds].sort());
}

describe('search outbox under engine faults', () => {
  let db: Database;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await openDatabase({
      DATA_DIR: 'unused',
      inMemory: true,
      DB_POOL_SIZE: 1,
      DB_CONNECT_TIMEOUT_MS: 5000,
      DB_STATEMENT_TIMEOUT_MS: 60_000,
    });
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    await seedDatabase(db.prisma);
    prisma = db.prisma;
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A write to one record plus its outbox row, in one transaction. */
  function outboxRow(entityType: SearchableType, entityId: string, operation: 'UPSERT' | 'DELETE' = 'UPSERT') {
    return prisma.searchOutbox.create({ data: { entityType, entityId, operation } });
  }

  it('writes commit while the engine is down, and the backlog drains when it returns', async () => {
    const engine = new FailingSearchEngine();
    await engine.configure(await loadSearchSettings());
    const indexer = new SearchIndexer(prisma, engine, { baseBackoffMs: 1000 });
    await indexer.reindex();
    expect(await prisma.searchOutbox.count()).toBe(0);

    engine.setFailing({ writes: true, search: true });
    const exemption = await prisma.exemption.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const title = `${exemption.name} (engine down)`;
    await prisma.$transaction([
      prisma.exemption.update({ where: { id: exemption.id }, data: { name: title } }),
      outboxRow('EXEMPTION', exemption.id),
    ]);
    // The write is committed, whatever the engine says.
    expect((await prisma.exemption.findUniqueOrThrow({ where: { id: exemption.id } })).name).toBe(title);

    const now = new Date();
    expect(await indexer.drainOnce(now)).toEqual({ applied: 0, failed: true });
    const [row] = await prisma.searchOutbox.findMany();
    expect(row).toMatchObject({ entityType: 'EXEMPTION', entityId: exemption.id, attempts: 1 });
    expect(row?.availableAt.getTime()).toBeGreaterThan(now.getTime());
    expect(row?.lastError).toMatch(/injected fault/);
    // Not due yet: a drain at the same instant leaves it alone instead of hammering the engine.
    expect(await indexer.drainOnce(now)).toEqual({ applied: 0, failed: false });

    engine.setFailing({ writes: false, search: false });
    expect(await indexer.drainAll(FAR_FUTURE)).toEqual({ applied: 1, failed: false });
    expect(await prisma.searchOutbox.count()).toBe(0);
    expect((await engine.get(searchDocumentId('EXEMPTION', exemption.id)))?.title).toBe(title);
  });

  it('fails in the middle of ~60 writes, recovers, and the index equals the database record by record', async () => {
    const engine = new FailingSearchEngine();
    await engine.configure(await loadSearchSettings());
    const indexer = new SearchIndexer(prisma, engine, { batchSize: 7, baseBackoffMs: 200 });
    await indexer.reindex();
    expect(await prisma.searchOutbox.count()).toBe(0);
    await expectIndexEqualsDatabase(prisma, engine);

    const provisions = await prisma.controlProvision.findMany({
      where: { status: 'CURRENT' },
      orderBy: { id: 'asc' },
      take: 40,
      select: { id: true, title: true },
    });
    const exemptions = await prisma.exemption.findMany({
      orderBy: { id: 'asc' },
      take: 4,
      select: { id: true, name: true },
    });
    const guidance = await prisma.guidanceDocument.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, title: true },
    });
    const consultations = await prisma.stakeholderConsultation.findMany({
      orderBy: { id: 'asc' },
      take: 2,
      select: { id: true, title: true },
    });
    const assessments = await prisma.impactAssessment.findMany({
      orderBy: { id: 'asc' },
      take: 2,
      select: { id: true, title: true },
    });
    expect(provisions.length).toBeGreaterThanOrEqual(30);
    expect(guidance.length).toBeGreaterThanOrEqual(4);

    const at = <T>(list: readonly T[], index: number): T => {
      const item = list[index % list.length];
      if (item === undefined) throw new Error('empty list');
      return item;
    };
    const toDelete = guidance.slice(0, 2);
    const keptGuidance = guidance.slice(2);
    const toSupersede = [at(provisions, 30), at(provisions, 31), at(provisions, 32)];
    const renamed = provisions.slice(0, 30);

    // Build the stream: mostly updates, a few deletes and supersessions, some records written twice.
    const writes: Write[] = [];
    renamed.forEach((provision, index) => {
      writes.push(async (db, step) => {
        await db.$transaction([
          db.controlProvision.update({
            where: { id: provision.id },
            data: { title: `${provision.title} [rev ${step}]` },
          }),
          db.searchOutbox.create({ data: { entityType: 'PROVISION', entityId: provision.id, operation: 'UPSERT' } }),
        ]);
      });
      if (index % 3 === 0) {
        const exemption = at(exemptions, index);
        writes.push(async (db, step) => {
          await db.$transaction([
            db.exemption.update({ where: { id: exemption.id }, data: { name: `${exemption.name} [rev ${step}]` } }),
            db.searchOutbox.create({ data: { entityType: 'EXEMPTION', entityId: exemption.id, operation: 'UPSERT' } }),
          ]);
        });
      }
      if (index % 4 === 1) {
        const document = at(keptGuidance, index);
        writes.push(async (db, step) => {
          await db.$transaction([
            db.guidanceDocument.update({
              where: { id: document.id },
              data: { title: `${document.title} [rev ${step}]` },
            }),
            db.searchOutbox.create({
              data: { entityType: 'GUIDANCE_DOCUMENT', entityId: document.id, operation: 'UPSERT' },
            }),
          ]);
        });
      }
      if (index % 10 === 5) {
        const consultation = at(consultations, index);
        const assessment = at(assessments, index);
        writes.push(async (db, step) => {
          await db.$transaction([
            db.stakeholderConsultation.update({
              where: { id: consultation.id },
              data: { title: `${consultation.title} [rev ${step}]` },
            }),
            db.searchOutbox.create({
              data: { entityType: 'CONSULTATION', entityId: consultation.id, operation: 'UPSERT' },
            }),
            db.impactAssessment.update({
              where: { id: assessment.id },
              data: { title: `${assessment.title} [rev ${step}]` },
            }),
            db.searchOutbox.create({
              data: { entityType: 'IMPACT_ASSESSMENT', entityId: assessment.id, operation: 'UPSERT' },
            }),
          ]);
        });
      }
    });
    for (const document of toDelete) {
      writes.splice(Math.floor(writes.length / 2), 0, async (db) => {
        await db.$transaction([
          db.guidanceDocument.delete({ where: { id: document.id } }),
          db.searchOutbox.create({
            data: { entityType: 'GUIDANCE_DOCUMENT', entityId: document.id, operation: 'DELETE' },
          }),
        ]);
      });
    }
    for (const provision of toSupersede) {
      writes.splice(Math.floor(writes.length * 0.6), 0, async (db) => {
        await db.$transaction([
          db.controlProvision.update({ where: { id: provision.id }, data: { status: 'SUPERSEDED' } }),
          db.searchOutbox.create({ data: { entityType: 'PROVISION', entityId: provision.id, operation: 'UPSERT' } }),
        ]);
      });
    }
    expect(writes.length).toBeGreaterThanOrEqual(55);
    expect(writes.length).toBeLessThanOrEqual(70);

    const downFrom = Math.floor(writes.length / 3);
    const downUntil = Math.floor((writes.length * 2) / 3);
    let failedDrains = 0;
    let clock = Date.now();
    for (const [step, write] of writes.entries()) {
      if (step === downFrom) engine.setFailing({ writes: true });
      if (step === downUntil) engine.setFailing({ writes: false });
      await write(prisma, step);
      clock += 10;
      const result = await indexer.drainOnce(new Date(clock));
      if (engine.failWrites) {
        // The engine refuses: the batch stays, with its attempts counted and a retry time ahead.
        const rows = await prisma.searchOutbox.findMany({ orderBy: { id: 'asc' } });
        expect(rows.length).toBeGreaterThan(0);
        if (result.failed) {
          failedDrains += 1;
          expect(result.applied).toBe(0);
          const failedRows = rows.filter((row) => row.attempts > 0);
          expect(failedRows.length).toBeGreaterThan(0);
          for (const row of failedRows) {
            expect(row.availableAt.getTime()).toBeGreaterThan(clock);
            expect(row.lastError).toMatch(/injected fault/);
          }
        } else {
          // Everything pending is backing off: nothing due, nothing tried.
          expect(result.applied).toBe(0);
        }
      } else {
        expect(result.failed).toBe(false);
      }
    }
    expect(failedDrains).toBeGreaterThan(0);
    expect(engine.refused.writes).toBe(failedDrains);

    // Recovered: what backed off is due again once the clock passes the backoff.
    const backlog = await prisma.searchOutbox.count();
    expect(backlog).toBeGreaterThan(0);
    const drained = await indexer.drainAll(FAR_FUTURE);
    expect(drained).toEqual({ applied: backlog, failed: false });
    expect(await prisma.searchOutbox.count()).toBe(0);

    await expectIndexEqualsDatabase(prisma, engine);
    for (const document of toDelete)
      expect(await engine.get(searchDocumentId('GUIDANCE_DOCUMENT', document.id))).toBeNull();
    for (const provision of toSupersede)
      expect(await engine.get(searchDocumentId('PROVISION', provision.id))).toBeNull();
    const lastRenamed = renamed.at(-1);
    if (lastRenamed === undefined) throw new Error('no provisions renamed');
    expect((await engine.get(searchDocumentId('PROVISION', lastRenamed.id)))?.title).toMatch(/\[rev \d+\]$/);
  });
});
