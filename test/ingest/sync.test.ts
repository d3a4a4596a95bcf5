import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { CITATION_TABLE, citationRow } from '../../src/ingest/citations.js';
import { PROVISION_TABLE, type ProvisionRow } from '../../src/ingest/importers/us-ccl.js';
import type { SeedRow, Tx } from '../../src/ingest/model-rows.js';
import { stableId } from '../../src/ingest/stable-id.js';
import { IdMap, type SyncContext } from '../../src/ingest/sync-context.js';
import { syncTable, type TableSpec } from '../../src/ingest/sync.js';
import { openLoggedDatabase, REMOVING_STATEMENT, type LoggedDatabase } from './logged-database.js';

const JURISDICTIONS: TableSpec<'Jurisdiction'> = { model: 'Jurisdiction', key: ['code'] };
const CONTROL_LISTS: TableSpec<'ControlList'> = {
  model: 'ControlList',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};
type ExemptionRow = SeedRow<'Exemption', 'destinations' | 'excludedDestinations'>;
const EXEMPTIONS: TableSpec<'Exemption', ExemptionRow> = { model: 'Exemption', key: ['sourceKey'] };
const EXEMPTION_PROVISIONS: TableSpec<'ExemptionProvision'> = {
  model: 'ExemptionProvision',
  key: ['exemptionId', 'provisionId'],
};
const GROUPS: TableSpec<'ThresholdGroup'> = {
  model: 'ThresholdGroup',
  key: ['sourceKey'],
  references: ['parentGroupId'],
  retire: { scope: { sourceKey: { startsWith: 'test:' } } },
};

let db: LoggedDatabase;

function context(tx: Tx): SyncContext {
  return { tx, dataset: 'test', ids: new IdMap(), audits: [], counts: {}, log: () => undefined, written: [] };
}

/** Syncs in one transaction, as a dataset does; `work` may sync several tables with one context. */
async function inDataset(work: (ctx: SyncContext) => Promise<void>): Promise<SyncContext> {
  return db.logStatements(() =>
    db.prisma.$transaction(async (tx) => {
      const ctx = context(tx);
      await work(ctx);
      return ctx;
    }),
  );
}

function jurisdiction(code: string, name: string): SeedRow<'Jurisdiction'> {
  return { id: stableId('Jurisdiction', code), code, name, kind: 'STATE' };
}

const citation = citationRow({ sourceType: 'URL', url: 'https://example.org/list' });

function provision(sourceKey: string, title: string): ProvisionRow {
  return {
    id: stableId('ControlProvision', sourceKey),
    sourceKey,
    controlListId: stableId('ControlList', 'TEST-LIST'),
    regime: 'US_EAR',
    jurisdictionId: stableId('Jurisdiction', 'T1'),
    kind: 'ENTRY',
    code: sourceKey,
    entryCode: sourceKey,
    title,
    text: `${title} (text)`,
    category: '6',
    categoryName: 'Category 6',
    productGroup: 'A',
    itemType: 'COMMODITY',
    reasonsForControl: ['NS'],
    controlTable: Prisma.DbNull,
    licenceExceptions: { LVS: 'N/A' },
    relatedControls: null,
    notes: null,
    parentId: null,
    ordinal: 0,
    status: 'CURRENT',
    validFrom: null,
    validTo: null,
    textDate: new Date(Date.UTC(2025, 0, 1)),
    citationId: citation.id,
  };
}

function group(key: string, parent: string | null, label: string): SeedRow<'ThresholdGroup'> {
  return {
    id: stableId('ThresholdGroup', `test:${key}`),
    sourceKey: `test:${key}`,
    provisionId: stableId('ControlProvision', '6A999'),
    role: 'CONDITIONS',
    operator: 'ALL_OF',
    parentGroupId: parent === null ? null : stableId('ThresholdGroup', `test:${parent}`),
    paragraph: '6A999',
    textVerbatim: null,
    label,
    exclusionKey: null,
    movesTo: null,
    movesToText: null,
    reason: null,
    appliesTo: [],
    ordinal: 0,
    citationId: citation.id,
  };
}

beforeAll(async () => {
  db = await openLoggedDatabase();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('syncTable', () => {
  it('inserts new rows under the ids they were built with, derived from their natural keys', async () => {
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [jurisdiction('T1', 'Testland'), jurisdiction('T2', 'Otherland')]);
    });
    expect(ctx.counts.Jurisdiction).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    const stored = await db.prisma.jurisdiction.findMany({
      where: { code: { in: ['T1', 'T2'] } },
      orderBy: { code: 'asc' },
    });
    expect(stored.map((row) => row.id)).toEqual([stableId('Jurisdiction', 'T1'), stableId('Jurisdiction', 'T2')]);
    expect(stableId('Jurisdiction', 'T1')).toMatch(/^k[0-9a-f]{24}$/);
    expect(ctx.written).toEqual([
      { table: 'Jurisdiction', id: stableId('Jurisdiction', 'T1') },
      { table: 'Jurisdiction', id: stableId('Jurisdiction', 'T2') },
    ]);
    expect(ctx.audits).toEqual([]);
  });

  it('leaves unchanged rows alone', async () => {
    const before = await db.prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } });
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [jurisdiction('T1', 'Testland'), jurisdiction('T2', 'Otherland')]);
    });
    expect(ctx.counts.Jurisdiction).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    expect(ctx.written).toEqual([]);
    expect(ctx.audits).toEqual([]);
    expect(await db.prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } })).toEqual(before);
  });

  it('updates a changed row and audits it with its old values', async () => {
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [jurisdiction('T1', 'Testland (renamed)'), jurisdiction('T2', 'Otherland')]);
    });
    const id = stableId('Jurisdiction', 'T1');
    expect(ctx.counts.Jurisdiction).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 1 });
    expect((await db.prisma.jurisdiction.findUniqueOrThrow({ where: { id } })).name).toBe('Testland (renamed)');
    expect(ctx.written).toEqual([{ table: 'Jurisdiction', id }]);
    expect(ctx.audits).toHaveLength(1);
    const [audit] = ctx.audits;
    expect(audit).toMatchObject({
      entityType: 'Jurisdiction',
      entityId: id,
      detail: { dataset: 'test', key: 'T1', previous: { code: 'T1', name: 'Testland', kind: 'STATE' } },
    });
    expect(audit?.detail.oldHash).not.toBe(audit?.detail.newHash);
  });

  it('keeps rows the source no longer holds where the model cannot mark them retired', async () => {
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [jurisdiction('T1', 'Testland (renamed)')]);
    });
    expect(ctx.counts.Jurisdiction).toEqual({ rows: 1, created: 0, updated: 0, unchanged: 1 });
    expect(await db.prisma.jurisdiction.count({ where: { code: 'T2' } })).toBe(1);
  });

  it('points references at the row the database holds for a key, also when someone else created it first', async () => {
    const editorId = (await db.prisma.jurisdiction.create({ data: { code: 'T3', name: 'Editorland', kind: 'STATE' } }))
      .id;
    expect(editorId).not.toBe(stableId('Jurisdiction', 'T3'));
    const list = (jurisdictionCode: string): SeedRow<'ControlList'> => ({
      id: stableId('ControlList', `LIST-${jurisdictionCode}`),
      sourceKey: `LIST-${jurisdictionCode}`,
      regime: 'US_EAR',
      jurisdictionId: stableId('Jurisdiction', jurisdictionCode),
      name: `List of ${jurisdictionCode}`,
      version: '1',
      textDate: null,
      versionNote: null,
      isMain: true,
      citationId: citation.id,
    });
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, JURISDICTIONS, [jurisdiction('T1', 'Testland (renamed)'), jurisdiction('T3', 'Editorland')]);
      await syncTable(ctx, CITATION_TABLE, [citation]);
      await syncTable(ctx, CONTROL_LISTS, [
        list('T1'),
        list('T3'),
        { ...list('T1'), id: stableId('ControlList', 'TEST-LIST'), sourceKey: 'TEST-LIST' },
      ]);
    });
    expect(ctx.counts.Jurisdiction).toMatchObject({ created: 0, unchanged: 2 });
    const lists = await db.prisma.controlList.findMany({ orderBy: { sourceKey: 'asc' } });
    expect(lists.map((row) => [row.sourceKey, row.id, row.jurisdictionId])).toEqual([
      ['LIST-T1', stableId('ControlList', 'LIST-T1'), stableId('Jurisdiction', 'T1')],
      ['LIST-T3', stableId('ControlList', 'LIST-T3'), editorId],
      ['TEST-LIST', stableId('ControlList', 'TEST-LIST'), stableId('Jurisdiction', 'T1')],
    ]);
  });

  it('writes only the columns a row has, so what another owner set survives an update', async () => {
    await inDataset(async (ctx) => {
      await syncTable(ctx, PROVISION_TABLE, [provision('6A998', 'Older'), provision('6A999', 'Radar')]);
    });
    const older = stableId('ControlProvision', '6A998');
    const id = stableId('ControlProvision', '6A999');
    await db.prisma.controlProvision.update({ where: { id }, data: { supersedesId: older } });
    const hashBefore = (await db.prisma.controlProvision.findUniqueOrThrow({ where: { id } })).contentHash;

    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, PROVISION_TABLE, [provision('6A998', 'Older'), provision('6A999', 'Radar (amended)')]);
    });
    expect(ctx.counts.ControlProvision).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 1 });
    const row = await db.prisma.controlProvision.findUniqueOrThrow({ where: { id } });
    expect([row.title, row.supersedesId, row.controlTable, row.licenceExceptions]).toEqual([
      'Radar (amended)',
      older,
      null,
      { LVS: 'N/A' },
    ]);
    expect(row.contentHash).not.toBe(hashBefore);
    expect(ctx.audits[0]?.detail).toMatchObject({
      oldHash: hashBefore,
      newHash: row.contentHash,
      previous: { title: 'Radar' },
    });
    // A searchable record was written: the search outbox is built from `written`.
    expect(ctx.written).toEqual([{ table: 'ControlProvision', id }]);
  });

  it('updates rows of a model keyed by its columns alone (no id)', async () => {
    const exemption: ExemptionRow = {
      id: stableId('Exemption', 'TEST-EX'),
      sourceKey: 'TEST-EX',
      kind: 'LICENCE_EXCEPTION',
      typeLabel: 'licence exception',
      regimeLabel: 'US EAR',
      regime: 'US_EAR',
      jurisdictionId: stableId('Jurisdiction', 'T1'),
      legalBasis: '740.99',
      name: 'Test exception',
      textVerbatim: ['text'],
      textNote: null,
      appliesTo: ['commodities'],
      doesNotApplyTo: [],
      itemTypes: ['COMMODITY'],
      history: null,
      versionNote: null,
      extra: Prisma.DbNull,
      revoked: false,
      validFrom: null,
      validTo: null,
      citationId: citation.id,
    };
    const link = (note: string | null): SeedRow<'ExemptionProvision'> => ({
      exemptionId: exemption.id,
      provisionId: stableId('ControlProvision', '6A999'),
      basis: 'EXPLICIT',
      note,
    });
    await inDataset(async (ctx) => {
      await syncTable(ctx, EXEMPTIONS, [exemption]);
      await syncTable(ctx, EXEMPTION_PROVISIONS, [link(null)]);
    });
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, EXEMPTION_PROVISIONS, [link('scope note')]);
    });
    expect(ctx.counts.ExemptionProvision).toEqual({ rows: 1, created: 0, updated: 1, unchanged: 0 });
    expect((await db.prisma.exemptionProvision.findFirstOrThrow()).note).toBe('scope note');
    expect(ctx.audits[0]).toMatchObject({
      entityId: `${exemption.id}|${stableId('ControlProvision', '6A999')}`,
      detail: { previous: { basis: 'EXPLICIT' } },
    });
  });

  it('retires rows of its scope the source no longer holds instead of deleting them, and brings them back', async () => {
    const rows = [group('root', null, 'all'), group('a', 'root', 'first'), group('b', 'root', 'second')];
    const created = await inDataset(async (ctx) => {
      await syncTable(ctx, GROUPS, rows);
    });
    expect(created.counts.ThresholdGroup).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });

    const dropped = await inDataset(async (ctx) => {
      await syncTable(ctx, GROUPS, rows.slice(0, 2));
    });
    const b = stableId('ThresholdGroup', 'test:b');
    expect(dropped.counts.ThresholdGroup).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2, retired: 1 });
    expect(await db.prisma.thresholdGroup.count({ where: { sourceKey: { startsWith: 'test:' } } })).toBe(3);
    expect((await db.prisma.thresholdGroup.findUniqueOrThrow({ where: { id: b } })).retiredAt).not.toBeNull();
    expect(dropped.audits).toMatchObject([{ action: 'seed.retire', entityType: 'ThresholdGroup', entityId: b }]);

    const again = await inDataset(async (ctx) => {
      await syncTable(ctx, GROUPS, rows.slice(0, 2));
    });
    expect(again.counts.ThresholdGroup).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    expect(again.audits).toEqual([]);

    const back = await inDataset(async (ctx) => {
      await syncTable(ctx, GROUPS, rows);
    });
    expect(back.counts.ThresholdGroup).toEqual({ rows: 3, created: 0, updated: 1, unchanged: 2 });
    expect((await db.prisma.thresholdGroup.findUniqueOrThrow({ where: { id: b } })).retiredAt).toBeNull();
    expect(back.audits).toMatchObject([{ entityId: b, detail: { previous: { label: 'second' } } }]);
    expect(back.audits[0]?.action).toBeUndefined();
  });

  it('inserts a new row before updating the rows that point at it', async () => {
    const moved = { ...group('b', 'c', 'second'), ordinal: 1 };
    const ctx = await inDataset(async (ctx) => {
      await syncTable(ctx, GROUPS, [
        group('root', null, 'all'),
        group('a', 'root', 'first'),
        group('c', 'root', 'new'),
        moved,
      ]);
    });
    expect(ctx.counts.ThresholdGroup).toEqual({ rows: 4, created: 1, updated: 1, unchanged: 2 });
    expect((await db.prisma.thresholdGroup.findUniqueOrThrow({ where: { id: moved.id } })).parentGroupId).toBe(
      stableId('ThresholdGroup', 'test:c'),
    );
  });

  it('skips a repeated key, keeping the first row', async () => {
    const logged: string[] = [];
    await db.prisma.$transaction(async (tx) => {
      const ctx = { ...context(tx), log: (message: string) => logged.push(message) };
      const counts = await syncTable(ctx, JURISDICTIONS, [jurisdiction('T4', 'First'), jurisdiction('T4', 'Second')]);
      expect(counts).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0 });
    });
    expect(logged).toEqual(['seed: duplicate key skipped']);
    expect((await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: 'T4' } })).name).toBe('First');
  });

  it('sent no statement that removes rows', () => {
    expect(db.statements.length).toBeGreaterThan(0);
    expect(db.statements.filter((sql) => REMOVING_STATEMENT.test(sql))).toEqual([]);
  });
});
