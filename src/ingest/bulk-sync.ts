// The sync of a large, append-mostly table (tens of thousands of rows from one file, such as
// licensing statistics), set-based: the same guarantees as syncTable (ids from the rows, the
// same content hash, changed rows updated and audited with their old values, nothing deleted)
// in a few statements instead of one round trip per changed row and one bind parameter per
// field. The stored rows are read in one statement (keys as one JSON parameter); new rows are
// inserted and changed rows updated in chunks, each chunk one jsonb parameter holding one array
// of values per row, in column order, which PostgreSQL converts with the table's own column
// types. Arrays of values, not objects: the column names are not repeated in every row, and on
// PGlite the cost of passing and parsing the parameter grows with its size (96,311 licensing
// rows: 60 MB as objects, 36 MB as arrays). Rows the source no longer holds are kept as they are
// (these models have no retirement mark).
import { Prisma } from '../generated/prisma/client.js';
import { modelColumns, rowStore, type StoredRow, type SyncedModel, type Tx } from './model-rows.js';
import { contentHash } from './stable-id.js';
import type { SyncContext, TableCounts } from './sync-context.js';
import { addCounts, auditJson, chunks, pick, selectOf, type Columns, type ReferenceColumn } from './sync.js';

/** Models keyed by sourceKey that store their content hash: the only shape this path takes. */
export type BulkModel = {
  [M in SyncedModel]: 'id' | 'sourceKey' | 'contentHash' extends keyof StoredRow<M> ? M : never;
}[SyncedModel];

export interface BulkTableSpec<M extends BulkModel, Row extends object> {
  model: M;
  /** Columns holding ids of rows synced earlier, resolved through the dataset's id map (as in TableSpec). */
  references?: readonly ReferenceColumn<Row>[];
}

/** Rows per statement: about 2 MB of JSON for licensing rows. */
export const BULK_CHUNK_SIZE = 5_000;

interface Incoming {
  key: string;
  id: string;
  hash: string;
  /** The row's values in the order of the written columns (references resolved, the hash last). */
  values: unknown[];
}

const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

function quoted(column: string): string {
  if (!COLUMN_NAME.test(column)) throw new Error(`unexpected column name ${column}`);
  return `"${column}"`;
}

/** A value as the jsonb array carries it: DbNull is SQL NULL, dates as ISO instants (a date column takes the day). */
function jsonValue(value: unknown): unknown {
  if (value === Prisma.DbNull || value === undefined) return null;
  if (value === Prisma.JsonNull || value === Prisma.AnyNull || typeof value === 'bigint') {
    throw new Error('the bulk sync cannot write JSON null or bigint values');
  }
  return value;
}

/**
 * The SQL expression reading column `index` of the array `r` as the column's type: json columns
 * take the element itself, array columns the elements as text, the others the element as text
 * cast by the type's input function (what json_populate_recordset does, without the names).
 */
async function columnReaders(tx: Tx, model: BulkModel, columns: readonly string[]): Promise<string[]> {
  const types = await tx.$queryRawUnsafe<Array<{ name: string; type: string; category: string }>>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory::text AS category ` +
      `FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid ` +
      `WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    `"${model}"`,
  );
  const byName = new Map(types.map((column) => [column.name, column]));
  return columns.map((column, index) => {
    const found = byName.get(column);
    if (!found) throw new Error(`${model} has no column ${column}`);
    const element = `r->${index}`;
    if (found.type === 'jsonb' || found.type === 'json') {
      return `CASE WHEN jsonb_typeof(${element}) = 'null' THEN NULL ELSE ${element} END::${found.type}`;
    }
    if (found.category === 'A') {
      return `CASE WHEN jsonb_typeof(${element}) = 'null' THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(${element})) END::${found.type}`;
    }
    return `(r->>${index})::${found.type}`;
  });
}

async function storedRows(
  tx: Tx,
  model: BulkModel,
  keys: readonly string[],
): Promise<Map<string, { id: string; contentHash: string }>> {
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; sourceKey: string; contentHash: string }>>(
    `SELECT t."id", t."sourceKey", t."contentHash" FROM "${model}" t ` +
      `JOIN json_array_elements_text($1::json) AS k(key) ON t."sourceKey" = k.key`,
    JSON.stringify(keys),
  );
  return new Map(rows.map((row) => [row.sourceKey, row]));
}

export async function syncTableInBulk<M extends BulkModel, Row extends object>(
  ctx: SyncContext,
  spec: BulkTableSpec<M, Row>,
  rows: readonly Row[],
): Promise<TableCounts> {
  const modelColumnSet = new Set(modelColumns(spec.model));
  const references = new Set<string>(spec.references ?? []);
  const [first] = rows;
  // Every row of a table names the same columns (SeedRow spells out every one).
  const rowColumns = first ? Object.keys(first) : [];
  const unknown = rowColumns.filter((column) => !modelColumnSet.has(column) || column === 'contentHash');
  if (unknown.length > 0) throw new Error(`${spec.model} has no column(s) ${unknown.join(', ')} to write`);
  const written = [...rowColumns, 'contentHash'];

  const incoming: Incoming[] = [];
  const seen = new Set<string>();
  for (const row of rows as ReadonlyArray<Columns>) {
    if (Object.keys(row).length !== rowColumns.length) throw new Error(`${spec.model}: rows name different columns`);
    const key = String(row.sourceKey);
    if (seen.has(key)) {
      ctx.log('seed: duplicate key skipped', { dataset: ctx.dataset, table: spec.model, key });
      continue;
    }
    seen.add(key);
    // What syncTable hashes (every column but the id, DbNull as null, references resolved), so
    // a table may move between the two paths without a re-write.
    const hashed: Columns = {};
    const values: unknown[] = [];
    for (const column of rowColumns) {
      if (!(column in row)) throw new Error(`${spec.model} ${key}: no value for ${column}`);
      let value = row[column];
      if (references.has(column)) value = ctx.ids.resolve(value as string | null);
      values.push(jsonValue(value));
      if (column !== 'id') hashed[column] = value === Prisma.DbNull ? null : value;
    }
    const hash = contentHash(hashed);
    values.push(hash);
    incoming.push({ key, id: String(row.id), hash, values });
  }

  const stored = await storedRows(ctx.tx, spec.model, [...seen]);
  const toCreate: Incoming[] = [];
  const toUpdate: Array<{ item: Incoming; id: string; oldHash: string }> = [];
  const counts: TableCounts = { rows: incoming.length, created: 0, updated: 0, unchanged: 0 };
  for (const item of incoming) {
    const found = stored.get(item.key);
    if (!found) {
      toCreate.push(item);
      continue;
    }
    ctx.ids.set(item.id, found.id);
    if (found.contentHash === item.hash) counts.unchanged += 1;
    else toUpdate.push({ item, id: found.id, oldHash: found.contentHash });
  }
  if (toCreate.length === 0 && toUpdate.length === 0) return finish(ctx, spec.model, counts);

  const readers = await columnReaders(ctx.tx, spec.model, written);
  const source = `FROM jsonb_array_elements($1::jsonb) AS r`;
  for (const batch of chunks(toCreate, BULK_CHUNK_SIZE)) {
    const inserted = await ctx.tx.$executeRawUnsafe(
      `INSERT INTO "${spec.model}" (${written.map(quoted).join(', ')}) SELECT ${readers.join(', ')} ${source}`,
      JSON.stringify(batch.map((item) => item.values)),
    );
    if (inserted !== batch.length)
      throw new Error(`${spec.model}: ${inserted} rows inserted, expected ${batch.length}`);
  }
  counts.created = toCreate.length;
  for (const item of toCreate) ctx.written.push({ table: spec.model, id: item.id });

  if (toUpdate.length > 0) {
    // Every column the rows have but the id and the key: what they do not state survives. The
    // row is found by the id the database holds for its key (another writer may have created it).
    const idIndex = written.indexOf('id');
    const owned = written.filter((column) => column !== 'id' && column !== 'sourceKey');
    const assignments = owned.map((column) => `${quoted(column)} = ${readers[written.indexOf(column)]}`).join(', ');
    const store = rowStore(ctx.tx, spec.model);
    const previous = new Map<string, Columns>();
    for (const batch of chunks(toUpdate, BULK_CHUNK_SIZE)) {
      const select = selectOf(['id', ...owned]);
      for (const row of await store.findMany({ where: { id: { in: batch.map(({ id }) => id) } }, select })) {
        previous.set(String(row.id), pick(row, owned));
      }
      const updated = await ctx.tx.$executeRawUnsafe(
        `UPDATE "${spec.model}" AS t SET ${assignments} ${source} WHERE t."id" = r->>${idIndex}`,
        JSON.stringify(
          batch.map(({ item, id }) => item.values.map((value, index) => (index === idIndex ? id : value))),
        ),
      );
      if (updated !== batch.length) throw new Error(`${spec.model}: ${updated} rows updated, expected ${batch.length}`);
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
  return finish(ctx, spec.model, counts);
}

async function finish(ctx: SyncContext, model: BulkModel, counts: TableCounts): Promise<TableCounts> {
  const before = ctx.counts[model];
  ctx.counts[model] = before ? addCounts(before, counts) : counts;
  await ctx.hooks?.afterTable?.(ctx.dataset, model);
  return counts;
}
