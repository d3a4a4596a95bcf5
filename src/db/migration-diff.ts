// The SQL that would bring the committed migrations up to a datamodel. Used to write new
// migrations and by the test that fails when schema.prisma and the migrations disagree.
import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from './migrate.js';
import { pgliteExecutor } from './pglite-executor.js';
import { openSchemaEngine } from './schema-engine.js';

export async function diffAgainstMigrations(
  schemaPath: string,
  schemaContent: string,
  migrationsDir: string,
): Promise<string> {
  const scratch = await PGlite.create();
  try {
    if (existsSync(migrationsDir)) await applyMigrations(pgliteExecutor(scratch), migrationsDir);
    const files = [{ path: schemaPath, content: schemaContent }];
    const engine = await openSchemaEngine(new PrismaPGlite(scratch), files[0]);
    try {
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: migrationsDir },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      return result.stdout ?? '';
    } finally {
      engine.free();
    }
  } finally {
    await scratch.close();
  }
}
