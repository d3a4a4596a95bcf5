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

  it('has a row for every created searchable record, and none for other tables', async () => {
    const prisma = db.prisma;
    const rows = await prisma.searchOutbox.findMany({ select: { entityType: true, entityId: true } });
    const ids = new Map<string, Set<string>>();
    for (const row of rows) ids.set(row.entityType, (ids.get(row.entityType) ?? new Set()).add(row.entityId));
    const counts = Object.fromEntries([...ids].map(([type, set]) => [type, set.size]));
    expect(counts).toEqual({
      PROVISION: await prisma.controlProvision.count(),
      EXEMPTION: await prisma.exemption.count(),
      GUIDANCE_DOCUMENT: await prisma.guidanceDocument.count(),
      CONSULTATION: await prisma.stakeholderConsultation.count(),
      IMPACT_ASSESSMENT: await prisma.impactAssessment.count(),
      LIST_TEXT: await prisma.listText.count(),
    });
    expect(await prisma.searchOutbox.count({ where: { operation: { not: 'UPSERT' } } })).toBe(0);
    // A record gets a second row only where a later dataset wrote a part of its document: a
    // provision whose notes the CCL history wrote after the current list wrote the provision.
    const twice = rows.length - [...ids.values()].reduce((sum, set) => sum + set.size, 0);
    const provisionsWithNotes = await prisma.controlProvision.count({ where: { listNotes: { some: {} } } });
    expect(twice).toBeGreaterThan(0);
    expect(twice).toBeLessThanOrEqual(provisionsWithNotes);
    // Every other type has exactly one row per record.
    const others = rows.filter((row) => row.entityType !== 'PROVISION');
    expect(others.length).toBe(
      [...ids].filter(([type]) => type !== 'PROVISION').reduce((sum, [, set]) => sum + set.size, 0),
    );
  });

  it('adds nothing when a full re-compare of every row finds no change', async () => {
    const before = await db.prisma.searchOutbox.count();
    // Forgetting the dataset checksums forces the row-by-row comparison instead of a skip.
    await db.prisma.seedDataset.deleteMany();
    await seedDatabase(db.prisma);
    expect(await db.prisma.searchOutbox.count()).toBe(before);
  });
});
