// Row types of the sync, derived from Prisma's generated model types (never restated by hand),
// and the one bridge from a model name to its Prisma delegate.
import { Prisma } from '../generated/prisma/client.js';
import type { JsonValue } from './seed-files.js';

export type Tx = Prisma.TransactionClient;

/** Bookkeeping models: written by the seed run itself, never synced from a source. */
type BookkeepingModel = 'AuditEvent' | 'SeedDataset' | 'SearchOutbox' | 'AnalyticsGeneration';

/** Models whose rows come from source datasets. */
export type SyncedModel = Exclude<Prisma.ModelName, BookkeepingModel>;

type ModelTypes<M extends Prisma.ModelName> = Prisma.TypeMap['model'][M];

/** A stored row of model M: every scalar column, as Prisma reads it. */
export type StoredRow<M extends Prisma.ModelName> = ModelTypes<M>['payload']['scalars'];

/** One row of model M as createMany takes it. */
export type CreateInput<M extends Prisma.ModelName> = Exclude<
  ModelTypes<M>['operations']['createMany']['args']['data'],
  readonly unknown[]
>;

/** A filter on model M (findMany's `where`). */
export type WhereInput<M extends Prisma.ModelName> = NonNullable<
  ModelTypes<M>['operations']['findMany']['args']['where']
>;

/** Columns the sync writes itself: the content hash, the retirement mark and the timestamps. */
export type SyncManagedColumn = 'contentHash' | 'retiredAt' | 'createdAt' | 'updatedAt';

/**
 * What an importer builds for one row of model M: the model's createMany input with every
 * column required (null spelled out, so a forgotten column does not compile), less the columns
 * the sync manages and the `Omitted` ones, which the importer leaves to their defaults or to
 * another owner: an update never writes a column the row does not have.
 */
export type SeedRow<M extends SyncedModel, Omitted extends keyof CreateInput<M> = never> = Required<
  Omit<CreateInput<M>, SyncManagedColumn | Omitted>
>;

/** A nullable Json column's value: Prisma takes DbNull for SQL NULL (a bare null is refused). */
export function jsonColumn(value: JsonValue): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : value;
}

/** The scalar columns of a model, as Prisma's generated field enum lists them. */
export function modelColumns(model: SyncedModel): readonly string[] {
  return Object.values(Prisma[`${model}ScalarFieldEnum`]);
}

/**
 * The part of a model delegate the sync calls, with rows as plain records. It has no delete:
 * the sync inserts, updates and retires, and never removes a row.
 */
export interface RowStore {
  findMany(args: { where?: object; select?: Record<string, true> }): Promise<Array<Record<string, unknown>>>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
  update(args: { where: { id: string }; data: object }): Promise<unknown>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
}

export function rowStore(tx: Tx, model: SyncedModel): RowStore {
  const property = `${model.charAt(0).toLowerCase()}${model.slice(1)}` as Uncapitalize<SyncedModel>;
  // Prisma types each delegate for its own model; rows are checked against the model where the
  // importer builds them (SeedRow), so one structural view of the delegates is enough here.
  return tx[property] as unknown as RowStore;
}
