// The bookkeeping one dataset's sync carries from table to table: the id map, the audit
// records and written records to store with the rows, the counts of the report, the log.
import type { Tx } from './model-rows.js';
import type { JsonValue } from './seed-files.js';

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
  /** The dataset's transaction: its rows, audits, outbox rows and checksum commit together. */
  tx: Tx;
  dataset: string;
  ids: IdMap;
  audits: AuditRecord[];
  counts: Record<string, TableCounts>;
  log: SeedLog;
  hooks?: SeedHooks;
  /** Records created or updated, in write order (the search outbox is built from them). */
  written: Array<{ table: string; id: string }>;
}
