// The sync of a large, append-mostly table (tens of thousands of rows from one file, such as
// licensing statistics), set-based: the same guarantees as syncTable (ids from the rows, the
// same content hash, changed rows updated and audited with their old values, nothing deleted)
// in a few statements instead of one round trip per changed row and one bind parameter per
// field. The stored rows are read in one statement (keys as one JSON parameter); new rows are
// inserted and changed rows updated in chunks, each chunk one JSON parameter read with
// jsonb_populate_recordset (a little faster than json_populate_recordset on PGlite), so
// PostgreSQL converts the values with the table's own column types.
// Rows the source no longer holds are kept as they are (these models have no retirement mark).
import { Prisma } from '../generated/prisma/client.js';
import { modelColumns, rowStore, type StoredRow, type SyncedModel, type Tx } from './model-rows.js';
import { contentHash } from './stable-id.js';
import type { SyncContext, TableCounts } from './sync-context.js';
import {
  addCounts,
  auditJson,
  chunks,
  hashedColumns,
  pick,
  selectOf,
  type Columns,
  type ReferenceColumn,
} from './sync.js';

/** Models keyed by sourceKey that store their content hash: the only shape this path takes. */
export type BulkModel = {
  [M in SyncedModel]: 'id' | 'sourceKey' | 'contentHash' extends keyof StoredRow<M> ? M : never;
}[SyncedModel];

export interface BulkTableSpec<M extends BulkModel, Row extends object> {
  model: M;
  /** Columns holding ids of rows synced earlier, resolved through the dataset's id map (as in TableSpec). */
  references?: readonly ReferenceColumn<Row>[];
}

/** Rows per statement: about 2 MB of JSON for licensing rows (smaller chunks parsed faster per row on PGlite than 10,000). */
export const BULK_CHUNK_SIZE = 5_000;

interface Incoming {
  row: Columns;
  key: string;
  hash: string;
}

const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

function quoted(column: string): string {
  if (!COLUMN_NAME.test(column)) throw new Error(`unexpected column name ${column}`);
  return `"${column}"`;
}

/** Rows as one JSON array for jsonb_populate_recordset: DbNull is SQL NULL, dates are days or instants. */
function jsonRows(rows: readonly Columns[]): string {
  return JSON.stringify(rows, (_key, value: unknown) => {
    if (value === Prisma.DbNull) return null;
    if (value === Prisma.JsonNull || value === Prisma.AnyNull || typeof value === 'bigint') {
      throw new Error('the bulk sync cannot write JSON null or bigint values');
    }
    return value;
  });
}

async function storedRows(tx: Tx, model: BulkModel, keys: readonly string[]): Promise<Map<string, Columns>> {
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; sourceKey: string; contentHash: string }>>(
    `SELECT t."id", t."sourceKey", t."contentHash" FROM "${model}" t ` +
      `JOIN json_array_elements_text($1::json) AS k(key) ON t."sourceKey" = k.key`,
    JSON.stringify(keys),
  );
  return new Map(rows.map((row) => [row.sourceKey, row]));
}

async function insertRows(tx: Tx, model: BulkModel, columns: readonly string[], rows: readonly Columns[]) {
  const list = columns.map(quoted).join(', ');
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO "${model}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${model}", $1::jsonb)`,
    jsonRows(rows),
  );
  if (inserted !== rows.length) throw new Error(`${model}: ${inserted} rows inserted, expected ${rows.length}`);
}

async function updateRows(tx: Tx, model: BulkModel, columns: readonly string[], rows: readonly Columns[]) {
  const assignments = columns.map((column) => `${quoted(column)} = r.${quoted(column)}`).join(', ');
  const updated = await tx.$executeRawUnsafe(
    `UPDATE "${model}" AS t SET ${assignments} FROM jsonb_populate_recordset(NULL::"${model}", $1::jsonb) AS r ` +
      `WHERE t."id" = r."id"`,
    jsonRows(rows),
  );
  if (updated !== rows.length) throw new Error(`${model}: ${updated} rows updated, expected ${rows.length}`);
}

export async function syncTableInBulk<M extends BulkModel, Row extends object>(
  ctx: SyncContext,
  spec: BulkTableSpec<M, Row>,
  rows: readonly Row[],
): Promise<TableCounts> {
  const modelColumnSet = new Set(modelColumns(spec.model));
  const incoming: Incoming[] = [];
  const seen = new Set<string>();
  for (const original of rows) {
    const row = { ...original } as Columns;
    for (const column of spec.references ?? []) row[column] = ctx.ids.resolve(row[column] as string | null);
    const key = String(row.sourceKey);
    if (seen.has(key)) {
      ctx.log('seed: duplicate key skipped', { dataset: ctx.dataset, table: spec.model, key });
      continue;
    }
    seen.add(key);
    // The hash syncTable computes: a table may move between the two paths without a re-write.
    incoming.push({ row, key, hash: contentHash(hashedColumns(row)) });
  }
  const rowColumns = [...new Set(incoming.flatMap((item) => Object.keys(item.row)))];
  const unknown = rowColumns.filter((column) => !modelColumnSet.has(column) || column === 'contentHash');
  if (unknown.length > 0) throw new Error(`${spec.model} has no column(s) ${unknown.join(', ')} to write`);
  const written = [...rowColumns, 'contentHash'];

  const stored = await storedRows(ctx.tx, spec.model, [...seen]);
  const toCreate: Columns[] = [];
  const toUpdate: Array<{ item: Incoming; id: string; oldHash: string }> = [];
  const counts: TableCounts = { rows: incoming.length, created: 0, updated: 0, unchanged: 0 };
  for (const item of incoming) {
    const found = stored.get(item.key);
    if (!found) {
      toCreate.push({ ...item.row, contentHash: item.hash });
      continue;
    }
    const id = String(found.id);
    ctx.ids.set(String(item.row.id), id);
    if (found.contentHash === item.hash) counts.unchanged += 1;
    else toUpdate.push({ item, id, oldHash: String(found.contentHash) });
  }

  for (const batch of chunks(toCreate, BULK_CHUNK_SIZE)) await insertRows(ctx.tx, spec.model, written, batch);
  counts.created = toCreate.length;
  for (const row of toCreate) ctx.written.push({ table: spec.model, id: String(row.id) });

  if (toUpdate.length > 0) {
    // Every column the rows have but the id and the key: what they do not state survives.
    const owned = rowColumns.filter((column) => column !== 'id' && column !== 'sourceKey');
    const store = rowStore(ctx.tx, spec.model);
    const previous = new Map<string, Columns>();
    for (const batch of chunks(toUpdate, BULK_CHUNK_SIZE)) {
      const ids = batch.map(({ id }) => id);
      const select = selectOf(['id', ...owned, 'contentHash']);
      for (const row of await store.findMany({ where: { id: { in: ids } }, select })) {
        previous.set(String(row.id), pick(row, [...owned, 'contentHash']));
      }
      const data = batch.map(({ item, id }) => ({ ...pick(item.row, owned), id, contentHash: item.hash }));
      await updateRows(ctx.tx, spec.model, [...owned, 'contentHash'], data);
    }
    for (const { item, id, oldHash } of toUpdate) {
      counts.updated += 1;
      ctx.written.push({ table: spec.model, id });
      const old = previous.get(id);
      ctx.audits.push({
        entityType: spec.model,
        entityId: id,
        detail: {
          dataset: ctx.dataset,
          key: item.key,
          oldHash,
          newHash: item.hash,
          ...(old === undefined ? {} : { previous: auditJson(old) }),
        },
      });
    }
  }

  const before = ctx.counts[spec.model];
  ctx.counts[spec.model] = before ? addCounts(before, counts) : counts;
  await ctx.hooks?.afterTable?.(ctx.dataset, spec.model);
  return counts;
}
