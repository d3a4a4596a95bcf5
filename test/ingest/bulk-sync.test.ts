// The set-based sync (bulk-sync.ts) keeps the guarantees of syncTable: ids from the rows, the
// same content hash, changed rows updated and audited with their old values, references
// resolved to the rows the database holds, nothing deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncTableInBulk, type BulkTableSpec } from '../../src/ingest/bulk-sync.js';
import { CITATION_TABLE, citationRow } from '../../src/ingest/citations.js';
import { jsonColumn, type SeedRow, type Tx } from '../../src/ingest/model-rows.js';
import { stableId } from '../../src/ingest/stable-id.js';
import { IdMap, type SyncContext } from '../../src/ingest/sync-context.js';
import { syncTable, type TableSpec } from '../../src/ingest/sync.js';
import { openLoggedDatabase, REMOVING_STATEMENT, type LoggedDatabase } from './logged-database.js';

type DecisionRow = SeedRow<'LicensingDecision'>;
const BULK: BulkTableSpec<'LicensingDecision', DecisionRow> = {
  model: 'LicensingDecision',
  references: ['jurisdictionId', 'citationId'],
};
const ROW_BY_ROW: TableSpec<'LicensingDecision', DecisionRow> = {
  model: 'LicensingDecision',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};
const JURISDICTIONS: TableSpec<'Jurisdiction'> = { model: 'Jurisdiction', key: ['code'] };

let db: LoggedDatabase;
let editorJurisdictionId: string;
/** The jurisdiction the rows name by its stable id; an editor created it first under another id (beforeAll). */
const TESTLAND: SeedRow<'Jurisdiction'> = {
  id: stableId('Jurisdiction', 'TL'),
  code: 'TL',
  name: 'Testland',
  kind: 'STATE',
};
const citation = citationRow({ sourceType: 'URL', url: 'https://example.org/licences.csv' });

function context(tx: Tx): SyncContext {
  return { tx, dataset: 'test', ids: new IdMap(), audits: [], counts: {}, log: () => undefined, written: [] };
}

async function inDataset(work: (ctx: SyncContext) => Promise<void>): Promise<SyncContext> {
  return db.logStatements(() =>
    db.prisma.$transaction(async (tx) => {
      const ctx = context(tx);
      await work(ctx);
      return ctx;
    }),
  );
}

function decision(row: number, overrides: Partial<DecisionRow> = {}): DecisionRow {
  const sourceKey = `test:row-${row}`;
  return {
    id: stableId('LicensingDecision', sourceKey),
    sourceKey,
    // The stable id the jurisdiction would have had; an editor created it first (see beforeAll).
    jurisdictionId: stableId('Jurisdiction', 'TL'),
    licenceGroup: String(row),
    decidedOn: new Date(Date.UTC(2010, 0, row)),
    destination: 'Testland',
    destinationIso: null,
    rating: '6A003',
    ratingNormalised: '6A003',
    ratingType: 'dual_use',
    category: '6',
    ratingDescription: null,
    itemCount: 1,
    valueGbp: row % 2 === 0 ? null : `${row}00`,
    refused: row % 2 === 0,
    refusalCriteria: row % 2 === 0 ? ['1', '7'] : [],
    extra: row === 3 ? jsonColumn(null) : jsonColumn({ source_row: String(row) }),
    citationId: citation.id,
    ...overrides,
  };
}

beforeAll(async () => {
  db = await openLoggedDatabase();
  editorJurisdictionId = (
    await db.prisma.jurisdiction.create({ data: { code: 'TL', name: 'Testland', kind: 'STATE' } })
  ).id;
  await inDataset(async (ctx) => {
    await syncTable(ctx, JURISDICTIONS, [TESTLAND]);
    await syncTable(ctx, CITATION_TABLE, [citation]);
  });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('syncTableInBulk', () => {
  it('inserts new rows under their stable ids, with references resolved to the rows the database holds', async () => {
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [TESTLAND]);
      await syncTableInBulk(ctx, BULK, [decision(1), decision(2), decision(3)]);
    });
    expect(ctx.counts.LicensingDecision).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    const stored = await db.prisma.licensingDecision.findMany({ orderBy: { sourceKey: 'asc' } });
    expect(stored.map((row) => [row.id, row.jurisdictionId])).toEqual(
      [1, 2, 3].map((row) => [decision(row).id, editorJurisdictionId]),
    );
    expect(stored.map((row) => [row.valueGbp?.toString() ?? null, row.refusalCriteria, row.extra])).toEqual([
      ['100', [], { source_row: '1' }],
      [null, ['1', '7'], { source_row: '2' }],
      ['300', [], null],
    ]);
    expect(stored[1]?.decidedOn.toISOString()).toBe('2010-01-02T00:00:00.000Z');
    expect(ctx.written).toEqual([1, 2, 3].map((row) => ({ table: 'LicensingDecision', id: decision(row).id })));
    expect(ctx.audits).toEqual([]);
  });

  it('stores the content hash syncTable computes: the row-by-row sync finds nothing to do', async () => {
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [TESTLAND]);
      await syncTable(ctx, ROW_BY_ROW, [decision(1), decision(2), decision(3)]);
    });
    expect(ctx.counts.LicensingDecision).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3 });
  });

  it('updates a changed row in place and audits its old values; unchanged rows are left alone', async () => {
    const before = await db.prisma.licensingDecision.findUniqueOrThrow({ where: { sourceKey: 'test:row-1' } });
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [TESTLAND]);
      await syncTableInBulk(ctx, BULK, [
        decision(1, { valueGbp: '150', destination: 'Testland (renamed)' }),
        decision(2),
        decision(3),
      ]);
    });
    expect(ctx.counts.LicensingDecision).toEqual({ rows: 3, created: 0, updated: 1, unchanged: 2 });
    const after = await db.prisma.licensingDecision.findUniqueOrThrow({ where: { sourceKey: 'test:row-1' } });
    expect([after.id, after.valueGbp?.toString(), after.destination]).toEqual([before.id, '150', 'Testland (renamed)']);
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(ctx.written).toEqual([{ table: 'LicensingDecision', id: before.id }]);
    expect(ctx.audits).toEqual([
      {
        entityType: 'LicensingDecision',
        entityId: before.id,
        detail: {
          dataset: 'test',
          key: 'test:row-1',
          oldHash: before.contentHash,
          newHash: after.contentHash,
          previous: expect.objectContaining({
            valueGbp: '100',
            destination: 'Testland',
            contentHash: before.contentHash,
            refusalCriteria: [],
          }) as unknown,
        },
      },
    ]);
  });

  it('keeps rows the source no longer holds, and updates a row someone else created under its own id', async () => {
    const editorRow = await db.prisma.licensingDecision.create({
      data: {
        ...decision(4, { jurisdictionId: editorJurisdictionId, extra: undefined }),
        id: undefined,
        contentHash: 'editor',
      },
    });
    expect(editorRow.id).not.toBe(decision(4).id);
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [TESTLAND]);
      await syncTableInBulk(ctx, BULK, [decision(4)]);
    });
    expect(ctx.counts.LicensingDecision).toEqual({ rows: 1, created: 0, updated: 1, unchanged: 0 });
    expect(ctx.ids.resolve(decision(4).id)).toBe(editorRow.id);
    expect(await db.prisma.licensingDecision.count()).toBe(4);
    const stored = await db.prisma.licensingDecision.findUniqueOrThrow({ where: { id: editorRow.id } });
    expect(stored.extra).toEqual({ source_row: '4' });
    expect(stored.contentHash).not.toBe('editor');
  });

  it('sent no statement that removes rows', () => {
    expect(db.statements.length).toBeGreaterThan(0);
    expect(db.statements.filter((sql) => REMOVING_STATEMENT.test(sql))).toEqual([]);
  });
});
