import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffAgainstMigrations } from '../../src/db/migration-diff.js';
import { applyMigrations, MigrationError, readMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { pgliteExecutor } from '../../src/db/pglite-executor.js';
import { openSchemaEngine } from '../../src/db/schema-engine.js';

const SCHEMA_PATH = join(MIGRATIONS_DIR, '..', 'schema.prisma');

describe('migration runner', () => {
  let db: PGlite;
  beforeEach(async () => {
    db = await PGlite.create();
  });
  afterEach(async () => {
    await db.close();
  });

  it('applies every committed migration once and records it as prisma migrate deploy does', async () => {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const first = await applyMigrations(pgliteExecutor(db), MIGRATIONS_DIR);
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));
    const second = await applyMigrations(pgliteExecutor(db), MIGRATIONS_DIR);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);

    const rows = await db.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.rows.map((row) => row.migration_name)).toEqual(first.applied);
    for (const [index, row] of rows.rows.entries()) {
      expect(row.checksum).toBe(migrations[index]?.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is accepted by Prisma's own schema engine: nothing left to apply, no drift", async () => {
    await applyMigrations(pgliteExecutor(db), MIGRATIONS_DIR);
    const content = readFileSync(SCHEMA_PATH, 'utf8');
    const engine = await openSchemaEngine(new PrismaPGlite(db), { path: SCHEMA_PATH, content });
    try {
      const migrations = await readMigrations(MIGRATIONS_DIR);
      const result = await engine.applyMigrations({
        migrationsList: {
          baseDir: MIGRATIONS_DIR,
          lockfile: {
            path: 'migration_lock.toml',
            content: readFileSync(join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8'),
          },
          shadowDbInitScript: '',
          migrationDirectories: migrations.map((migration) => ({
            path: migration.name,
            migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
          })),
        },
        filters: { externalTables: [], externalEnums: [] },
      });
      expect(result.appliedMigrationNames).toEqual([]);
    } finally {
      engine.free();
    }
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'kb-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, directory, { recursive: true });
      await applyMigrations(pgliteExecutor(db), directory);
      const [first] = await readMigrations(directory);
      await appendFile(join(directory, first!.name, 'migration.sql'), '\n-- edited\n');
      await expect(applyMigrations(pgliteExecutor(db), directory)).rejects.toThrow(MigrationError);
      await expect(applyMigrations(pgliteExecutor(db), directory)).rejects.toThrow(/modified after it was applied/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('leaves the database untouched when a migration fails', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'kb-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, directory, { recursive: true });
      const broken = join(directory, '99990101000000_broken');
      await mkdir(broken);
      await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE "ok_table" (id int);\nSELECT no_such_function();\n');
      await expect(applyMigrations(pgliteExecutor(db), directory)).rejects.toThrow(/no_such_function/);
      const tables = await db.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.rows[0]?.count).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('schema.prisma and the committed migrations', () => {
  it('agree: the migrations produce exactly the datamodel (run `npm run migration:new -- <name>` when this fails)', async () => {
    const sql = await diffAgainstMigrations(SCHEMA_PATH, readFileSync(SCHEMA_PATH, 'utf8'), MIGRATIONS_DIR);
    expect(sql.replace(/^-- This is an empty migration\.\s*$/m, '').trim()).toBe('');
  });
});
