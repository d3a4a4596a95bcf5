import type { Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { seedDatabase } from '../../src/ingest/index.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';

export async function prepareTestDatabase(db: Database): Promise<void> {
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  await seedDatabase(db.prisma, {});
}
