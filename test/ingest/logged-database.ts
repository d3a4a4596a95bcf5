// An in-memory database for the ingest tests whose Prisma client reports the SQL it sends, so
// a test can show what a seed run does (it never deletes).
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { pgliteExecutor } from '../../src/db/pglite-executor.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';

export interface LoggedDatabase {
  prisma: PrismaClient;
  /** Statements sent while `logStatements` ran its work. */
  statements: string[];
  logStatements<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Statements that remove rows or tables. */
export const REMOVING_STATEMENT = /^\s*(DELETE|TRUNCATE|DROP)\b/i;

export async function openLoggedDatabase(): Promise<LoggedDatabase> {
  const pglite = await PGlite.create();
  await applyMigrations(pgliteExecutor(pglite), MIGRATIONS_DIR);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [{ emit: 'event', level: 'query' }] });
  const statements: string[] = [];
  let recording = false;
  prisma.$on('query', (event) => {
    if (recording) statements.push(event.query);
  });
  return {
    prisma,
    statements,
    async logStatements(work) {
      recording = true;
      try {
        return await work();
      } finally {
        recording = false;
      }
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
