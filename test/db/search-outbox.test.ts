import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { seedDatabase } from '../../src/ingest/index.js';

describe('search outbox written by the seed', () => {
  let db: Database;
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
  });
  afterAll(async () => {
    await db?.close();
  });

  it('has one row per created searchable record, and none for other tables', async () => {
    const prisma = db.prisma;
    const byType = await prisma.searchOutbox.groupBy({ by: ['entityType'], _count: { _all: true } });
    const counts = Object.fromEntries(byType.map((row) => [row.entityType, row._count._all]));
    expect(counts).toEqual({
      PROVISION: await prisma.controlProvision.count(),
      EXEMPTION: await prisma.exemption.count(),
      GUIDANCE_DOCUMENT: await prisma.guidanceDocument.count(),
      CONSULTATION: await prisma.stakeholderConsultation.count(),
      IMPACT_ASSESSMENT: await prisma.impactAssessment.count(),
    });
    expect(await prisma.searchOutbox.count({ where: { operation: { not: 'UPSERT' } } })).toBe(0);
  });

  it('adds nothing when a full re-compare of every row finds no change', async () => {
    const before = await db.prisma.searchOutbox.count();
    // Forgetting the dataset checksums forces the row-by-row comparison instead of a skip.
    await db.prisma.seedDataset.deleteMany();
    await seedDatabase(db.prisma);
    expect(await db.prisma.searchOutbox.count()).toBe(before);
  });
});
