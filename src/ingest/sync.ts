// The generic sync of one table of one dataset: incoming rows are compared with the stored
// rows by source key and content hash. New keys are inserted (createMany, in batches), changed
// rows updated and audited with their old values, unchanged rows left alone. Rows the source
// no longer holds are retired where the model has a retiredAt column, and kept as they are
// otherwise. Nothing here deletes a row, so an interrupted or lost run can only leave rows to
// add, never rows gone. Row ids come with the rows (derived from natural keys by the importers).
import { Prisma } from '../generated/prisma/client.js';
import {
  modelColumns,
  rowStore,
  type SeedRow,
  type StoredRow,
  type SyncedModel,
  type Tx,
  type WhereInput,
} from './model-rows.js';
import type { JsonValue } from './seed-files.js';
import { contentHash } from './stable-id.js';
import type { SyncContext, TableCounts } from './sync-context.js';

export type Column<Row> = Extract<keyof Row, string>;

/** Columns holding the id of another row (or null). */
export type ReferenceColumn<Row> = { [K in Column<Row>]: Row[K] extends string | null ? K : never }[Column<Row>];

/** How the rows of one model are synced; importers declare one per table they write. */
export interface TableSpec<M extends SyncedModel, Row extends object = SeedRow<M>> {
  /** Model name: the audit entity type and the report key. */
  model: M;
  /** The column(s) naming a row in its source, unique together (sourceKey for most models). */
  key: readonly [Column<Row>, ...Column<Row>[]];
  /**
   * Columns holding ids of rows synced earlier (other tables, other datasets), rewritten to the
   * id the database holds for that row's key: it differs from the stable id only for a row
   * someone else created first.
   */
  references?: readonly ReferenceColumn<Row>[];
  /** The rows are values (content-addressed): a stored row is never updated. */
  immutable?: boolean;
  /**
   * Stored rows in this scope whose key the rows given to syncTable lack are marked retiredAt
   * (and audited), and un-retired when they come back. Only for models with that column; the
   * call must then hold every row of the scope.
   */
  retire?: 'retiredAt' extends keyof StoredRow<M> ? { scope: WhereInput<M> } : never;
  /**
   * Insert with one JSON parameter (json_populate_recordset) instead of createMany's one bind
   * parameter per field: about 7x faster on PGlite for wide rows (300 -> 40 ms for the encoded
   * thresholds). Json columns take the value itself (Prisma's DbNull becomes SQL NULL; JsonNull
   * is refused); an `updatedAt` column the rows do not fill is set to the insert time, as
   * Prisma's @updatedAt would.
   */
  insertAsJson?: boolean;
}

export const CREATE_BATCH_SIZE = 1000;
const IN_CHUNK = 5000;

/** A row as column -> value, the way the sync handles rows of any model. */
export type Columns = Record<string, unknown>;

interface Incoming {
  row: Columns;
  key: string;
  hash: string;
  /** The row's id (its key for models keyed by their columns alone). */
  id: string;
}

interface Stored {
  id: string;
  hash: string;
  /** The stored values of the incoming row's columns, where they were read (models without contentHash). */
  values?: Columns;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export function pick(row: Columns, columns: readonly string[]): Columns {
  const out: Columns = {};
  for (const column of columns) if (column in row) out[column] = row[column];
  return out;
}

/** What the content hash covers: every column but the id (Prisma's DbNull is a null). */
export function hashedColumns(row: Columns): Columns {
  const out: Columns = {};
  for (const [column, value] of Object.entries(row)) {
    if (column !== 'id') out[column] = value === Prisma.DbNull ? null : value;
  }
  return out;
}

/** A stored value as JSON for an audit event (decimals as text, times as ISO strings). */
export function auditJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map(auditJson);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) out[key] = auditJson(item);
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export function selectOf(columns: readonly string[]): Record<string, true> {
  return Object.fromEntries(columns.map((column) => [column, true as const]));
}

export async function syncTable<M extends SyncedModel, Row extends object>(
  ctx: SyncContext,
  spec: TableSpec<M, Row>,
  rows: readonly Row[],
): Promise<TableCounts> {
  const store = rowStore(ctx.tx, spec.model);
  const modelColumnSet = new Set(modelColumns(spec.model));
  const hasId = modelColumnSet.has('id');
  const storesHash = modelColumnSet.has('contentHash');
  const keyOf = (row: Columns) => spec.key.map((column) => String(row[column])).join('|');
  const idOf = (row: Columns) => (hasId ? String(row.id) : keyOf(row));

  const incoming: Incoming[] = [];
  const seen = new Set<string>();
  for (const original of rows) {
    const row = { ...original } as Columns;
    for (const column of spec.references ?? []) row[column] = ctx.ids.resolve(row[column] as string | null);
    const key = keyOf(row);
    if (seen.has(key)) {
      ctx.log('seed: duplicate key skipped', { dataset: ctx.dataset, table: spec.model, key });
      continue;
    }
    seen.add(key);
    incoming.push({ row, key, hash: contentHash(hashedColumns(row)), id: idOf(row) });
  }
  const rowColumns = [...new Set(incoming.flatMap((item) => Object.keys(item.row)))];
  const unknown = rowColumns.filter((column) => !modelColumnSet.has(column));
  if (unknown.length > 0) throw new Error(`${spec.model} has no column(s) ${unknown.join(', ')}`);

  /** The stored hash, or for models without a contentHash column the hash of the stored row's columns. */
  const storedHash = (row: Columns) => {
    const hash = storesHash ? String(row.contentHash) : contentHash(hashedColumns(pick(row, rowColumns)));
    return row.retiredAt ? `${hash}:retired` : hash;
  };
  const hashColumns = storesHash ? ['contentHash'] : rowColumns;
  const select = selectOf([
    ...new Set([...(hasId ? ['id'] : []), ...spec.key, ...hashColumns, ...(spec.retire ? ['retiredAt'] : [])]),
  ]);

  // Stored rows with the incoming keys (by the first key column; the rest are matched here).
  const [firstKey] = spec.key;
  const existing = new Map<string, Stored>();
  for (const values of chunks([...new Set(incoming.map((item) => item.row[firstKey]))], IN_CHUNK)) {
    for (const row of await store.findMany({ where: { [firstKey]: { in: values } }, select })) {
      existing.set(keyOf(row), { id: idOf(row), hash: storedHash(row), values: storesHash ? undefined : row });
    }
  }

  const toCreate: Incoming[] = [];
  const toUpdate: Array<{ item: Incoming; found: Stored }> = [];
  const counts: TableCounts = { rows: incoming.length, created: 0, updated: 0, unchanged: 0 };
  for (const item of incoming) {
    const found = existing.get(item.key);
    if (!found) {
      toCreate.push(item);
      continue;
    }
    ctx.ids.set(item.id, found.id);
    if (found.hash === item.hash || spec.immutable) counts.unchanged += 1;
    else toUpdate.push({ item, found });
  }

  // Inserts first: an updated row may point at a row this run creates (a threshold group moved
  // under a new group), and rows are inserted in the order given, parents before children.
  const withHash = (item: Incoming) => (storesHash ? { ...item.row, contentHash: item.hash } : item.row);
  for (const batch of chunks(toCreate, CREATE_BATCH_SIZE)) {
    if (spec.insertAsJson) await insertAsJson(ctx.tx, spec.model, batch.map(withHash));
    else await store.createMany({ data: batch.map(withHash) });
  }
  counts.created = toCreate.length;
  for (const item of toCreate) ctx.written.push({ table: spec.model, id: item.id });

  if (toUpdate.length > 0) {
    const ownedColumns = rowColumns.filter((column) => column !== 'id');
    const previous = new Map<string, Columns>();
    if (hasId) {
      const ids = toUpdate.map(({ found }) => found.id);
      const columns = [...ownedColumns, ...(storesHash ? ['contentHash'] : [])];
      for (const chunk of chunks(ids, IN_CHUNK)) {
        for (const row of await store.findMany({
          where: { id: { in: chunk } },
          select: selectOf(['id', ...columns]),
        })) {
          previous.set(String(row.id), pick(row, columns));
        }
      }
    }
    for (const { item, found } of toUpdate) {
      // Only the columns the row has: what the source does not state (a predicate an editor
      // encoded, a link another dataset owns) survives a re-sync.
      const data: Columns = {};
      for (const column of ownedColumns) if (!spec.key.includes(column as Column<Row>)) data[column] = item.row[column];
      if (storesHash) data.contentHash = item.hash;
      if (spec.retire) data.retiredAt = null;
      if (hasId) {
        await store.update({ where: { id: found.id }, data });
      } else {
        const { count } = await store.updateMany({ where: pick(item.row, spec.key), data });
        if (count !== 1) throw new Error(`${spec.model} ${item.key}: ${count} rows updated, expected 1`);
      }
      counts.updated += 1;
      ctx.written.push({ table: spec.model, id: found.id });
      const old = hasId ? previous.get(found.id) : found.values && pick(found.values, ownedColumns);
      ctx.audits.push({
        entityType: spec.model,
        entityId: found.id,
        detail: {
          dataset: ctx.dataset,
          key: item.key,
          oldHash: found.hash,
          newHash: item.hash,
          ...(old === undefined ? {} : { previous: auditJson(old) }),
        },
      });
    }
  }

  if (spec.retire) {
    const keep = new Set(incoming.map((item) => item.key));
    const candidates = await store.findMany({ where: { AND: [spec.retire.scope, { retiredAt: null }] }, select });
    const gone = candidates.filter((row) => !keep.has(keyOf(row)));
    const retiredAt = new Date();
    for (const chunk of chunks(gone, IN_CHUNK)) {
      await store.updateMany({ where: { id: { in: chunk.map((row) => idOf(row)) } }, data: { retiredAt } });
    }
    for (const row of gone) {
      ctx.audits.push({
        action: 'seed.retire',
        entityType: spec.model,
        entityId: idOf(row),
        detail: { dataset: ctx.dataset, key: keyOf(row), oldHash: storedHash(row) },
      });
    }
    if (gone.length > 0) counts.retired = gone.length;
  }

  const before = ctx.counts[spec.model];
  ctx.counts[spec.model] = before ? addCounts(before, counts) : counts;
  await ctx.hooks?.afterTable?.(ctx.dataset, spec.model);
  return counts;
}

export function addCounts(a: TableCounts, b: TableCounts): TableCounts {
  const sum: TableCounts = {
    rows: a.rows + b.rows,
    created: a.created + b.created,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
  };
  const retired = (a.retired ?? 0) + (b.retired ?? 0);
  return retired > 0 ? { ...sum, retired } : sum;
}

/** A value as json_populate_recordset reads it into its column. */
function recordsetValue(value: unknown): unknown {
  if (value === Prisma.DbNull) return null;
  if (value === Prisma.JsonNull || value === Prisma.AnyNull) {
    throw new Error('a JSON null cannot be inserted as JSON (it would be read as SQL NULL)');
  }
  return value;
}

/** Inserts rows as one JSON parameter; only the columns the rows name are written, the others keep their defaults. */
async function insertAsJson(tx: Tx, table: SyncedModel, rows: ReadonlyArray<Columns>): Promise<void> {
  const [first] = rows;
  if (!first) return;
  // Prisma sets @updatedAt columns itself: the column has no default to fall back on.
  const stampUpdatedAt = modelColumns(table).includes('updatedAt') && !('updatedAt' in first);
  const now = new Date();
  const records = rows.map((row) => {
    const record: Columns = {};
    for (const [column, value] of Object.entries(row)) record[column] = recordsetValue(value);
    if (stampUpdatedAt) record.updatedAt = now;
    return record;
  });
  const columns = Object.keys(records[0] ?? first).map((column) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(column)) throw new Error(`unexpected column name ${column}`);
    return `"${column}"`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    JSON.stringify(records),
  );
}
