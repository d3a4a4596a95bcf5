// The stakeholder taxonomy migration on a database that already holds stakeholders typed the
// old way (ACADEMIA for universities and academic associations alike, INDUSTRY for companies):
// each row is re-derived from its stored label exactly as the importer now types it, rows
// without a deciding label keep a value whose meaning survives and lose one that lumped kinds
// together, and the labels of a record of comments are marked as the collector's. Run on
// PGlite and on PostgreSQL (skipped with the reason when no server is reachable, required
// under CI=true, as the integration suite does).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { pgExecutor } from '../../src/db/pg-executor.js';
import { pgliteExecutor } from '../../src/db/pglite-executor.js';
import type { SqlExecutor } from '../../src/db/sql-executor.js';
import { STAKEHOLDER_TYPE_BY_LABEL, stakeholderTypeFromLabel } from '../../src/domain/stakeholder-type.js';
import { assertThrowawayDatabaseName, newThrowawayDatabaseName } from '../support/database-guard.js';

const MIGRATION = '20261206162907_stakeholder_taxonomy';

interface Commenters {
  example_commenters?: Array<{ name: string; type?: string }>;
  list_partial?: Array<{ no: number; name: string; stakeholder_type_assigned_by_researcher?: string }>;
}
const records = JSON.parse(
  await readFile(new URL('../../seed/data/consultations.json', import.meta.url), 'utf8'),
) as Array<{ id: string; commenters?: Commenters }>;

/** How the importer typed labels before this migration. */
const OLD_TYPE_BY_LABEL: Record<string, string> = {
  'industry association': 'INDUSTRY_ASSOCIATION',
  company: 'INDUSTRY',
  university: 'ACADEMIA',
  'academic association': 'ACADEMIA',
  individual: 'INDIVIDUAL',
};

interface OldRow {
  name: string;
  type: string;
  label: string | null;
  submissionKey: string;
}

/** The consultation records' labelled commenters, stored as the old importer stored them. */
function rowsFromTheData(): OldRow[] {
  return records.flatMap((record) => [
    ...(record.commenters?.example_commenters ?? []).map((row, index) => ({
      name: row.name,
      label: row.type ?? null,
      type: OLD_TYPE_BY_LABEL[row.type ?? ''] ?? 'UNKNOWN',
      submissionKey: `${record.id}#example-commenter-${index + 1}`,
    })),
    ...(record.commenters?.list_partial ?? []).map((row) => ({
      name: row.name,
      label: row.stakeholder_type_assigned_by_researcher ?? null,
      type: OLD_TYPE_BY_LABEL[row.stakeholder_type_assigned_by_researcher ?? ''] ?? 'UNKNOWN',
      submissionKey: `${record.id}#record-of-comments-${row.no}`,
    })),
  ]);
}

/** Rows an editor could have stored by hand, with no label (or one that decides nothing). */
const EDITED_ROWS: OldRow[] = [
  { name: 'Edited: academia, no label', type: 'ACADEMIA', label: null, submissionKey: 'edited#1' },
  { name: 'Edited: academia, vague label', type: 'ACADEMIA', label: 'academia', submissionKey: 'edited#2' },
  { name: 'Edited: industry, no label', type: 'INDUSTRY', label: null, submissionKey: 'edited#3' },
  { name: 'Edited: privacy advocate', type: 'PRIVACY_ADVOCATE', label: null, submissionKey: 'edited#4' },
  { name: 'Edited: government', type: 'GOVERNMENT', label: null, submissionKey: 'edited#5' },
  { name: 'Edited: SME', type: 'SME', label: 'SME', submissionKey: 'edited#6' },
];

async function insertOldRows(db: SqlExecutor, rows: OldRow[]): Promise<void> {
  await db.exec(`
    INSERT INTO "Jurisdiction" ("id", "code", "name", "kind") VALUES ('j-us', 'US', 'United States', 'STATE');
    INSERT INTO "Citation" ("id", "key", "sourceType", "url") VALUES ('c-1', 'k-1', 'URL', 'https://example.org/record');
    INSERT INTO "StakeholderConsultation" ("id", "sourceKey", "contentHash", "jurisdictionId", "body", "title", "status", "citationId", "updatedAt")
      VALUES ('sc-1', 'consultation', 'h', 'j-us', 'BIS', 'Consultation', 'CLOSED', 'c-1', now());`);
  for (const [index, row] of rows.entries()) {
    const stakeholderId = `st-${index}`;
    // The same organisation can appear twice (named in two records): one stakeholder, two submissions.
    const existing = await db.query<{ id: string }>('SELECT "id" FROM "Stakeholder" WHERE "name" = $1', [row.name]);
    const id = existing[0]?.id ?? stakeholderId;
    if (!existing[0]) {
      await db.query(
        `INSERT INTO "Stakeholder" ("id", "name", "type", "typeLabel") VALUES ($1, $2, $3::"StakeholderType", $4)`,
        [id, row.name, row.type, row.label],
      );
    }
    await db.query(
      `INSERT INTO "Submission" ("id", "sourceKey", "contentHash", "consultationId", "stakeholderId", "themes")
       VALUES ($1, $2, 'h', 'sc-1', $3, ARRAY[]::TEXT[])`,
      [`sub-${index}`, row.submissionKey, id],
    );
  }
}

interface Backend {
  name: string;
  open(): Promise<{ db: SqlExecutor; close(): Promise<void> } | { skip: string }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'PGlite',
    async open() {
      const pglite = await PGlite.create();
      return { db: pgliteExecutor(pglite), close: () => pglite.close() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
      const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
      try {
        await admin.connect();
      } catch (error) {
        const reason = `no PostgreSQL reachable (${error instanceof Error ? error.message : String(error)})`;
        if (process.env.CI === 'true') throw new Error(`CI=true requires PostgreSQL, but ${reason}`);
        return { skip: reason };
      }
      const database = newThrowawayDatabaseName();
      await admin.query(`CREATE DATABASE "${assertThrowawayDatabaseName(database)}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      let closing = false;
      pool.on('error', (error) => {
        // Dropping the throwaway database (WITH FORCE) ends a connection the pool may still be
        // closing: expected then, and only then.
        if (!closing) throw error;
      });
      return {
        db: pgExecutor(pool),
        async close() {
          closing = true;
          await pool.end();
          await admin.query(`DROP DATABASE IF EXISTS "${assertThrowawayDatabaseName(database)}" WITH (FORCE)`);
          await admin.end();
        },
      };
    },
  },
];

for (const backend of BACKENDS) {
  describe(`stakeholder taxonomy migration on ${backend.name}`, () => {
    let opened: Awaited<ReturnType<Backend['open']>>;
    let before: string;
    let types: Map<string, { type: string; origin: string | null }>;

    beforeAll(async () => {
      opened = await backend.open();
      if ('skip' in opened) return;
      // The migrations before this one, then rows typed the old way, then this one (and any later).
      before = await mkdtemp(join(tmpdir(), 'kb-migrations-'));
      await cp(MIGRATIONS_DIR, before, { recursive: true });
      for (const migration of await readMigrations(before)) {
        if (migration.name >= MIGRATION) await rm(join(before, migration.name), { recursive: true });
      }
      await applyMigrations(opened.db, before);
      await insertOldRows(opened.db, [...rowsFromTheData(), ...EDITED_ROWS]);
      const report = await applyMigrations(opened.db, MIGRATIONS_DIR);
      expect(report.applied[0]).toBe(MIGRATION);
      const rows = await opened.db.query<{ name: string; type: string; typeLabelOrigin: string | null }>(
        'SELECT "name", "type"::text AS "type", "typeLabelOrigin"::text AS "typeLabelOrigin" FROM "Stakeholder"',
      );
      types = new Map(rows.map((row) => [row.name, { type: row.type, origin: row.typeLabelOrigin }]));
    });

    afterAll(async () => {
      if (before) await rm(before, { recursive: true, force: true });
      if (opened && !('skip' in opened)) await opened.close();
    });

    it('types every labelled commenter of the records as the importer now does', (context) => {
      if ('skip' in opened) return context.skip(opened.skip);
      const rows = rowsFromTheData();
      expect(rows.length).toBeGreaterThanOrEqual(18);
      for (const row of rows) {
        expect(types.get(row.name)?.type, row.name).toBe(stakeholderTypeFromLabel(row.label));
      }
      // consultations.json US-BIS-2008-DEAC-NOI rows 3, 4 and 10.
      expect(types.get('Association of American Universities and Council on Governmental Relations')?.type).toBe(
        'ACADEMIC_ASSOCIATION',
      );
      expect(types.get('University of Iowa')?.type).toBe('UNIVERSITY');
      expect(types.get('Howard Hughes Medical Institute')?.type).toBe('RESEARCH_ORGANISATION');
      expect(types.get('Intel Corporation')?.type).toBe('COMPANY');
    });

    it("marks the record of comments' labels as the collector's, and the others' origin as not stated", (context) => {
      if ('skip' in opened) return context.skip(opened.skip);
      expect(types.get('Columbia University')?.origin).toBe('COLLECTOR');
      expect(types.get('Alan J. Hurd')?.origin).toBe('COLLECTOR');
      expect(types.get('Business Roundtable')?.origin).toBe('NOT_STATED');
      expect(types.get('Edited: academia, no label')?.origin).toBeNull();
    });

    it('keeps a value whose meaning survives and makes a lumped one UNKNOWN when no label decides', (context) => {
      if ('skip' in opened) return context.skip(opened.skip);
      expect(types.get('Edited: academia, no label')?.type).toBe('UNKNOWN');
      expect(types.get('Edited: academia, vague label')?.type).toBe('UNKNOWN');
      expect(types.get('Edited: industry, no label')?.type).toBe('COMPANY');
      expect(types.get('Edited: privacy advocate')?.type).toBe('UNKNOWN');
      expect(types.get('Edited: government')?.type).toBe('GOVERNMENT');
      expect(types.get('Edited: SME')?.type).toBe('SME');
    });
  });
}

describe('the migration and the importer', () => {
  it("re-derive stored rows from one table of labels (the migration's CASE is the importer's map)", async () => {
    const [migration] = (await readMigrations(MIGRATIONS_DIR)).filter((entry) => entry.name === MIGRATION);
    const pairs = [...(migration?.sql ?? '').matchAll(/WHEN '([^']+)' THEN '([A-Z_]+)'/g)]
      .map((match) => [match[1], match[2]] as [string, string])
      .filter(([label]) => label === label.toLowerCase());
    expect(new Map(pairs)).toEqual(STAKEHOLDER_TYPE_BY_LABEL);
  });
});
