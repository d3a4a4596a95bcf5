// Compare-and-write for one table of one dataset: rows whose natural key is new are inserted
// with createMany (in batches), rows whose content hash differs are updated one by one and
// audited, nothing is ever deleted. On a fresh database this is createMany only.
import type { JsonValue } from './read-seed-files.js';
import { contentHash } from './stable-id.js';

export interface ExistingRow {
  key: string;
  id: string;
  /** Stored contentHash, or the hash of the stored owned fields for tables without one. */
  hash: string;
  /** The stored owned fields, where the table keeps them in the audit of an update (the old values stay on record). */
  previous?: JsonValue;
}

export interface AuditRecord {
  /** Audit action; `seed.update` when absent. */
  action?: 'seed.update' | 'seed.retire';
  entityType: string;
  entityId: string;
  detail: { dataset: string; key: string; oldHash: string; newHash?: string; previous?: JsonValue };
}

// A type alias so the counts can be stored as JSON (SeedDataset.counts).
export type TableCounts = {
  /** Rows the seed holds for this table in this dataset. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows the seed no longer holds, marked retired (tables that retire rather than keep them). */
  retired?: number;
};

export type SeedLog = (msg: string, data?: object) => void;

export interface SeedHooks {
  /** Called inside the dataset's transaction after each table; throwing rolls the dataset back (tests). */
  afterTable?(dataset: string, table: string): void | Promise<void>;
}

/** Maps the stable id a row was built with to the id the database actually holds for its key. */
export class IdMap {
  private readonly actual = new Map<string, string>();

  set(stable: string, actualId: string): void {
    if (stable !== actualId) this.actual.set(stable, actualId);
  }

  resolve(id: string): string;
  resolve(id: string | null): string | null;
  resolve(id: string | null): string | null {
    if (id === null) return null;
    return this.actual.get(id) ?? id;
  }
}

export interface SyncContext {
  dataset: string;
  ids: IdMap;
  audits: AuditRecord[];
  counts: Record<string, TableCounts>;
  log: SeedLog;
  hooks?: SeedHooks;
  /** Records created or updated, in write order (the search outbox is built from them). */
  written?: Array<{ table: string; id: string }>;
}

export interface TableSpec<Row> {
  /** Model name: the audit entity type and the report key. */
  table: string;
  rows: readonly Row[];
  /** Rewrites foreign keys to the ids the database holds (identity on a database seeded by us). */
  remap?(row: Row, ids: IdMap): Row;
  idOf(row: Row): string;
  keyOf(row: Row): string;
  /** The fields the seed owns, hashed to detect changes. */
  owned(row: Row): unknown;
  loadExisting(rows: readonly Row[]): Promise<ExistingRow[]>;
  createMany(rows: ReadonlyArray<{ row: Row; hash: string }>): Promise<void>;
  /** Absent for immutable tables (citations). */
  update?(id: string, row: Row, hash: string): Promise<void>;
}

export const CREATE_BATCH_SIZE = 1000;

export async function syncTable<Row>(ctx: SyncContext, spec: TableSpec<Row>): Promise<TableCounts> {
  const prepared: Array<{ row: Row; key: string; hash: string; stableId: string }> = [];
  const seen = new Set<string>();
  for (const original of spec.rows) {
    const row = spec.remap ? spec.remap(original, ctx.ids) : original;
    const key = spec.keyOf(row);
    if (seen.has(key)) {
      ctx.log('seed: duplicate key skipped', { dataset: ctx.dataset, table: spec.table, key });
      continue;
    }
    seen.add(key);
    prepared.push({ row, key, hash: contentHash(spec.owned(row)), stableId: spec.idOf(row) });
  }

  const existing = new Map((await spec.loadExisting(prepared.map((item) => item.row))).map((row) => [row.key, row]));
  const toCreate: Array<{ row: Row; hash: string }> = [];
  const counts: TableCounts = { rows: prepared.length, created: 0, updated: 0, unchanged: 0 };

  for (const item of prepared) {
    const found = existing.get(item.key);
    if (!found) {
      toCreate.push({ row: item.row, hash: item.hash });
      continue;
    }
    ctx.ids.set(item.stableId, found.id);
    if (found.hash === item.hash) {
      counts.unchanged += 1;
      continue;
    }
    if (!spec.update) {
      counts.unchanged += 1;
      continue;
    }
    await spec.update(found.id, item.row, item.hash);
    counts.updated += 1;
    ctx.written?.push({ table: spec.table, id: found.id });
    ctx.audits.push({
      entityType: spec.table,
      entityId: found.id,
      detail: {
        dataset: ctx.dataset,
        key: item.key,
        oldHash: found.hash,
        newHash: item.hash,
        ...(found.previous === undefined ? {} : { previous: found.previous }),
      },
    });
  }

  for (let start = 0; start < toCreate.length; start += CREATE_BATCH_SIZE) {
    await spec.createMany(toCreate.slice(start, start + CREATE_BATCH_SIZE));
  }
  counts.created = toCreate.length;
  if (ctx.written) {
    for (const item of toCreate) ctx.written.push({ table: spec.table, id: spec.idOf(item.row) });
  }

  const previous = ctx.counts[spec.table];
  ctx.counts[spec.table] = previous
    ? {
        rows: previous.rows + counts.rows,
        created: previous.created + counts.created,
        updated: previous.updated + counts.updated,
        unchanged: previous.unchanged + counts.unchanged,
      }
    : counts;
  await ctx.hooks?.afterTable?.(ctx.dataset, spec.table);
  return counts;
}
