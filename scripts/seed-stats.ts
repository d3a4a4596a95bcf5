// Seeds a fresh embedded database (PGlite in a temp dir) and prints rows per table and the
// time of a first and a second (warm, all skipped) seed. With DATABASE_URL set, does the same
// on that PostgreSQL server in a scratch database it creates and drops (kb_seed_scratch);
// the database DATABASE_URL names is only used to issue CREATE/DROP DATABASE.
//
//   npx tsx scripts/seed-stats.ts
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx scripts/seed-stats.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../src/db/migrations-dir.js';
import { seedDatabase, type SeedReport } from '../src/ingest/index.js';

const SCRATCH_DATABASE = 'kb_seed_scratch';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

async function measure(label: string, open: () => Promise<Database>): Promise<void> {
  const openStarted = performance.now();
  const db = await open();
  try {
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    const ready = performance.now();
    const first: SeedReport = await seedDatabase(db.prisma, {});
    const second: SeedReport = await seedDatabase(db.prisma, {});
    console.log(`\n== ${label} (${db.location})`);
    console.log(`open + migrate: ${seconds(ready - openStarted)} s`);
    console.log(`first seed:     ${seconds(first.ms)} s`);
    for (const dataset of first.datasets)
      console.log(`  ${dataset.name.padEnd(16)} ${dataset.status.padEnd(8)} ${seconds(dataset.ms)} s`);
    console.log(
      `second seed:    ${seconds(second.ms)} s (${second.datasets.filter((d) => d.status === 'skipped').length}/${second.datasets.length} datasets skipped)`,
    );
    const changed = Object.entries(second.counts).filter(
      ([table, count]) => first.counts[table] !== count && table !== 'AuditEvent',
    );
    if (changed.length > 0) console.log('  ROW COUNTS CHANGED ON SECOND SEED:', changed);
    console.log('rows per table:');
    for (const [table, count] of Object.entries(first.counts)) console.log(`  ${table.padEnd(24)} ${count}`);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'kb-seed-stats-'));
  try {
    await measure('PGlite (embedded, fresh data dir)', () =>
      openDatabase({
        DATA_DIR: directory,
        DB_POOL_SIZE: 1,
        DB_CONNECT_TIMEOUT_MS: 5000,
        DB_STATEMENT_TIMEOUT_MS: 120_000,
      }),
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }

  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log('\n(DATABASE_URL not set: PostgreSQL run skipped)');
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SCRATCH_DATABASE}`);
    const url = new URL(adminUrl);
    url.pathname = `/${SCRATCH_DATABASE}`;
    await measure('PostgreSQL (scratch database)', () =>
      openDatabase({
        DATA_DIR: 'unused',
        DATABASE_URL: url.toString(),
        DB_POOL_SIZE: 4,
        DB_CONNECT_TIMEOUT_MS: 5000,
        DB_STATEMENT_TIMEOUT_MS: 120_000,
      }),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH_DATABASE} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
