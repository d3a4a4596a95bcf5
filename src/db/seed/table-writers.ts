// Row shapes the loaders build, and how each is read, inserted and updated: the only module
// of the seed loader that talks to Prisma model delegates. Updates write only the fields the
// seed owns (never Threshold.parameter/value, ExemptionCondition.predicate, supersedesId, ...),
// so what editors and later issues encode survives a re-seed.
import {
  Prisma,
  type ApplicabilityBasis,
  type Comparator,
  type ConsultationStatus,
  type CorrelationKind,
  type ExemptionConditionRole,
  type ExemptionKind,
  type GroupOperator,
  type ItemType,
  type JurisdictionKind,
  type MetricDimension,
  type PeriodType,
  type ProvisionKind,
  type ReferenceSubject,
  type Regime,
  type StakeholderType,
  type ThresholdGroupRole,
  type VersionStatus,
} from '../../generated/prisma/client.js';
import type { CitationRow } from './citations.js';
import type { JsonValue } from './read-seed-files.js';
import { contentHash } from './stable-id.js';
import type { ExistingRow, IdMap, TableSpec } from './sync-rows.js';

export type Tx = Prisma.TransactionClient;

const IN_CHUNK = 5000;

async function inChunks<T>(keys: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < keys.length; start += IN_CHUNK) {
    out.push(...(await load(keys.slice(start, start + IN_CHUNK))));
  }
  return out;
}

function jsonInput(value: JsonValue | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

function bySourceKey(rows: Array<{ id: string; sourceKey: string; contentHash: string }>): ExistingRow[] {
  return rows.map((row) => ({ key: row.sourceKey, id: row.id, hash: row.contentHash }));
}

/** `row` without `id` (and the other listed keys): what an update writes. */
function without<Row extends object, K extends keyof Row>(row: Row, ...keys: K[]): Omit<Row, K> {
  const copy: Partial<Row> = { ...row };
  for (const key of keys) delete copy[key];
  return copy as Omit<Row, K>;
}

/** The columns that tell the seed whether a source-keyed row is new, unchanged or changed. */
const SOURCE_KEY_COLUMNS = { id: true, sourceKey: true, contentHash: true } as const;

interface SourceKeyedDelegate<Data> {
  findKeys(): Promise<Array<{ id: string; sourceKey: string; contentHash: string }>>;
  createMany(data: Array<{ id: string; sourceKey: string } & Data>): Promise<unknown>;
  update(id: string, data: Data): Promise<unknown>;
}

/**
 * A table whose rows are identified by `sourceKey` and change-detected by `contentHash`: the
 * shape most seeded tables share. `data` is what an update writes (everything the seed owns
 * plus the hash); an insert writes the same with the id and source key.
 */
function sourceKeyedTable<Row extends { id: string; sourceKey: string }, Data>(spec: {
  table: string;
  rows: readonly Row[];
  remap?: TableSpec<Row>['remap'];
  data: (row: Row, hash: string) => Data;
  delegate: SourceKeyedDelegate<Data>;
}): TableSpec<Row> {
  return {
    table: spec.table,
    rows: spec.rows,
    remap: spec.remap,
    idOf: (row) => row.id,
    keyOf: (row) => row.sourceKey,
    owned: (row) => without(row, 'id'),
    loadExisting: async () => bySourceKey(await spec.delegate.findKeys()),
    createMany: async (items) => {
      await spec.delegate.createMany(items.map(({ row, hash }) => ({ id: row.id, sourceKey: row.sourceKey, ...spec.data(row, hash) })));
    },
    update: async (id, row, hash) => {
      await spec.delegate.update(id, spec.data(row, hash));
    },
  };
}

/** What an update of a plain source-keyed row writes: every field but its identity, and the hash. */
function ownedData<Row extends { id: string; sourceKey: string }>(row: Row, hash: string): Omit<Row, 'id' | 'sourceKey'> & { contentHash: string } {
  return { ...without(row, 'id', 'sourceKey'), contentHash: hash };
}

/** Rewrites the jurisdiction and citation references most tables carry. */
function remapJurisdictionAndCitation<Row extends { jurisdictionId: string; citationId: string }>(row: Row, ids: IdMap): Row {
  return { ...row, jurisdictionId: ids.resolve(row.jurisdictionId), citationId: ids.resolve(row.citationId) };
}

// --- Citation -----------------------------------------------------------------------
export function citationTable(tx: Tx, rows: readonly CitationRow[]): TableSpec<CitationRow> {
  return {
    table: 'Citation',
    rows,
    idOf: (row) => row.id,
    keyOf: (row) => row.key,
    owned: (row) => ({ key: row.key }),
    loadExisting: async (wanted) =>
      (
        await inChunks(
          wanted.map((row) => row.key),
          (keys) => tx.citation.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }),
        )
      ).map((row) => ({ key: row.key, id: row.id, hash: contentHash({ key: row.key }) })),
    createMany: async (items) => {
      await tx.citation.createMany({ data: items.map(({ row }) => row) });
    },
  };
}

// --- Jurisdiction -------------------------------------------------------------------
export interface JurisdictionRow {
  id: string;
  code: string;
  name: string;
  kind: JurisdictionKind;
}

export function jurisdictionTable(tx: Tx, rows: readonly JurisdictionRow[]): TableSpec<JurisdictionRow> {
  const owned = (row: Omit<JurisdictionRow, 'id'>) => ({ code: row.code, name: row.name, kind: row.kind });
  return {
    table: 'Jurisdiction',
    rows,
    idOf: (row) => row.id,
    keyOf: (row) => row.code,
    owned,
    loadExisting: async () =>
      (await tx.jurisdiction.findMany({ select: { id: true, code: true, name: true, kind: true } })).map((row) => ({
        key: row.code,
        id: row.id,
        hash: contentHash(owned(row)),
      })),
    createMany: async (items) => {
      await tx.jurisdiction.createMany({ data: items.map(({ row }) => row) });
    },
    update: async (id, row) => {
      await tx.jurisdiction.update({ where: { id }, data: { name: row.name, kind: row.kind } });
    },
  };
}

// --- ControlList --------------------------------------------------------------------
export interface ControlListRow {
  id: string;
  sourceKey: string;
  regime: Regime;
  jurisdictionId: string;
  name: string;
  version: string;
  textDate: Date | null;
  versionNote: string | null;
  citationId: string;
}

export function controlListTable(tx: Tx, rows: readonly ControlListRow[]): TableSpec<ControlListRow> {
  const owned = (row: Omit<ControlListRow, 'id'>) => without({ ...row }, 'sourceKey');
  return {
    table: 'ControlList',
    rows,
    remap: (row, ids) => ({ ...row, jurisdictionId: ids.resolve(row.jurisdictionId), citationId: ids.resolve(row.citationId) }),
    idOf: (row) => row.id,
    keyOf: (row) => row.sourceKey,
    owned: (row) => owned(without(row, 'id')),
    loadExisting: async () =>
      (
        await tx.controlList.findMany({
          select: {
            id: true,
            sourceKey: true,
            regime: true,
            jurisdictionId: true,
            name: true,
            version: true,
            textDate: true,
            versionNote: true,
            citationId: true,
          },
        })
      ).map((row) => ({ key: row.sourceKey, id: row.id, hash: contentHash(owned(without(row, 'id'))) })),
    createMany: async (items) => {
      await tx.controlList.createMany({ data: items.map(({ row }) => row) });
    },
    update: async (id, row) => {
      await tx.controlList.update({ where: { id }, data: without(row, 'id', 'sourceKey') });
    },
  };
}

// --- ControlProvision ---------------------------------------------------------------
export interface ProvisionRow {
  id: string;
  sourceKey: string;
  controlListId: string;
  regime: Regime;
  jurisdictionId: string;
  kind: ProvisionKind;
  code: string;
  entryCode: string;
  title: string;
  text: string;
  category: string;
  categoryName: string;
  productGroup: string | null;
  itemType: ItemType | null;
  reasonsForControl: string[];
  controlTable: JsonValue | null;
  licenceExceptions: JsonValue | null;
  relatedControls: string | null;
  notes: string | null;
  parentId: string | null;
  ordinal: number;
  status: VersionStatus;
  validFrom: Date | null;
  validTo: Date | null;
  textDate: Date | null;
  citationId: string;
}

function provisionData(row: ProvisionRow, hash: string) {
  return {
    ...without(row, 'id', 'sourceKey'),
    controlTable: jsonInput(row.controlTable),
    licenceExceptions: jsonInput(row.licenceExceptions),
    contentHash: hash,
  };
}

export function provisionTable(tx: Tx, rows: readonly ProvisionRow[]): TableSpec<ProvisionRow> {
  return {
    table: 'ControlProvision',
    rows,
    remap: (row, ids) => ({
      ...row,
      controlListId: ids.resolve(row.controlListId),
      jurisdictionId: ids.resolve(row.jurisdictionId),
      parentId: ids.resolve(row.parentId),
      citationId: ids.resolve(row.citationId),
    }),
    idOf: (row) => row.id,
    keyOf: (row) => row.sourceKey,
    owned: (row) => without(row, 'id'),
    loadExisting: async (wanted) =>
      bySourceKey(
        await inChunks(
          wanted.map((row) => row.sourceKey),
          (keys) =>
            tx.controlProvision.findMany({ where: { sourceKey: { in: keys } }, select: { id: true, sourceKey: true, contentHash: true } }),
        ),
      ),
    createMany: async (items) => {
      await tx.controlProvision.createMany({
        data: items.map(({ row, hash }) => ({ id: row.id, sourceKey: row.sourceKey, ...provisionData(row, hash) })),
      });
    },
    update: async (id, row, hash) => {
      await tx.controlProvision.update({ where: { id }, data: provisionData(row, hash) });
    },
  };
}

// --- Threshold ----------------------------------------------------------------------
export interface ThresholdRow {
  id: string;
  sourceKey: string;
  provisionId: string;
  paragraph: string;
  textVerbatim: string;
  exponentNote: string | null;
  ordinal: number;
  citationId: string;
}

export function thresholdTable(tx: Tx, rows: readonly ThresholdRow[]): TableSpec<ThresholdRow> {
  return {
    table: 'Threshold',
    rows,
    remap: (row, ids) => ({ ...row, provisionId: ids.resolve(row.provisionId), citationId: ids.resolve(row.citationId) }),
    idOf: (row) => row.id,
    keyOf: (row) => row.sourceKey,
    owned: (row) => without(row, 'id'),
    loadExisting: async (wanted) =>
      bySourceKey(
        await inChunks(
          wanted.map((row) => row.sourceKey),
          (keys) => tx.threshold.findMany({ where: { sourceKey: { in: keys } }, select: { id: true, sourceKey: true, contentHash: true } }),
        ),
      ),
    createMany: async (items) => {
      await tx.threshold.createMany({ data: items.map(({ row, hash }) => ({ ...row, contentHash: hash })) });
    },
    update: async (id, row, hash) => {
      // Verbatim rows only: the encoded criteria are rows of their own (encodedThresholdTable).
      await tx.threshold.update({ where: { id }, data: { ...without(row, 'id', 'sourceKey'), contentHash: hash } });
    },
  };
}

// --- Encoded thresholds (seed/encodings) --------------------------------------------
/** Prefix of every encoded ThresholdGroup and Threshold sourceKey. */
export const ENCODING_KEY_PREFIX = 'encoding:';

export interface ThresholdGroupRow {
  id: string;
  sourceKey: string;
  provisionId: string;
  role: ThresholdGroupRole;
  operator: GroupOperator;
  parentGroupId: string | null;
  paragraph: string;
  textVerbatim: string | null;
  label: string | null;
  exclusionKey: string | null;
  movesTo: string | null;
  movesToText: string | null;
  reason: string | null;
  appliesTo: string[];
  ordinal: number;
  citationId: string;
}

export interface EncodedThresholdRow {
  id: string;
  sourceKey: string;
  provisionId: string;
  groupId: string;
  paragraph: string;
  parameter: string | null;
  comparator: Comparator;
  /** Decimal as text, exactly as the encoding writes the number. */
  value: string | null;
  valueMax: string | null;
  unit: string | null;
  dimension: string | null;
  minInclusive: boolean | null;
  maxInclusive: boolean | null;
  values: string[];
  booleanValue: boolean | null;
  ref: string | null;
  refRegime: Regime | null;
  refSubject: ReferenceSubject | null;
  note: string | null;
  criterionKey: string;
  textVerbatim: string;
  exponentNote: string | null;
  ordinal: number;
  position: number;
  citationId: string;
}

/** A stored row as JSON for an audit event (decimals as text, times as ISO strings). */
function auditJson(value: unknown): JsonValue {
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

/**
 * Stored encoded rows as the sync compares them: a retired row hashes differently from the
 * seed's (so a criterion that comes back is updated, un-retired and audited), and the stored
 * fields go into the audit of an update, so an amended criterion's old reading stays on record.
 */
function encodedExisting(rows: Array<{ id: string; sourceKey: string; contentHash: string; retiredAt: Date | null }>): ExistingRow[] {
  return rows.map((row) => ({
    key: row.sourceKey,
    id: row.id,
    hash: row.retiredAt ? `${row.contentHash}:retired` : row.contentHash,
    previous: auditJson(without(row, 'id')),
  }));
}

/** What differs between the two tables of encoded rows: their name, foreign keys and Prisma calls. */
interface EncodedTableAccess<Row> {
  table: 'Threshold' | 'ThresholdGroup';
  remapKeys(row: Row, ids: IdMap): Row;
  findBySourceKeys(keys: string[]): Promise<Array<{ id: string; sourceKey: string; contentHash: string; retiredAt: Date | null }>>;
  updateRow(id: string, row: Row, hash: string): Promise<void>;
}

/** The columns an encoded row writes: writing one always clears `retiredAt`. */
function encodedRowData<Row extends { id: string; sourceKey: string }>(row: Row, hash: string) {
  return { ...without(row, 'id', 'sourceKey'), contentHash: hash, retiredAt: null };
}

/** Rows that the seed retires rather than deletes. */
function encodedTable<Row extends { id: string; sourceKey: string }>(tx: Tx, rows: readonly Row[], access: EncodedTableAccess<Row>): TableSpec<Row> {
  return {
    table: access.table,
    rows,
    remap: (row, ids) => access.remapKeys(row, ids),
    idOf: (row) => row.id,
    keyOf: (row) => row.sourceKey,
    owned: (row) => without(row, 'id'),
    loadExisting: async (wanted) => encodedExisting(await inChunks(wanted.map((row) => row.sourceKey), (keys) => access.findBySourceKeys(keys))),
    createMany: async (items) => {
      await insertAsJson(tx, access.table, items.map(({ row, hash }) => ({ id: row.id, sourceKey: row.sourceKey, ...encodedRowData(row, hash) })));
    },
    update: (id, row, hash) => access.updateRow(id, row, hash),
  };
}

export function thresholdGroupTable(tx: Tx, rows: readonly ThresholdGroupRow[]): TableSpec<ThresholdGroupRow> {
  return encodedTable(tx, rows, {
    table: 'ThresholdGroup',
    remapKeys: (row, ids) => ({ ...row, provisionId: ids.resolve(row.provisionId), parentGroupId: ids.resolve(row.parentGroupId), citationId: ids.resolve(row.citationId) }),
    findBySourceKeys: (keys) => tx.thresholdGroup.findMany({ where: { sourceKey: { in: keys } } }),
    updateRow: async (id, row, hash) => {
      await tx.thresholdGroup.update({ where: { id }, data: encodedRowData(row, hash) });
    },
  });
}

export function encodedThresholdTable(tx: Tx, rows: readonly EncodedThresholdRow[]): TableSpec<EncodedThresholdRow> {
  return encodedTable(tx, rows, {
    table: 'Threshold',
    remapKeys: (row, ids) => ({ ...row, provisionId: ids.resolve(row.provisionId), groupId: ids.resolve(row.groupId), citationId: ids.resolve(row.citationId) }),
    findBySourceKeys: (keys) => tx.threshold.findMany({ where: { sourceKey: { in: keys } } }),
    updateRow: async (id, row, hash) => {
      await tx.threshold.update({ where: { id }, data: encodedRowData(row, hash) });
    },
  });
}

/**
 * Inserts rows as one JSON parameter (json_populate_recordset) instead of createMany's one bind
 * parameter per field: about 7x faster on PGlite for the ~830 encoded rows every first start
 * writes (measured: 300 ms -> 40 ms for the thresholds). Only the columns the rows name are
 * written, so the others keep their defaults; values are typed by the table's own row type.
 */
async function insertAsJson(tx: Tx, table: 'Threshold' | 'ThresholdGroup', rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const columns = Object.keys(first).map((column) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(column)) throw new Error(`unexpected column name ${column}`);
    return `"${column}"`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    JSON.stringify(rows),
  );
}

/** Stored encoded rows of `table` the seed no longer holds and that are not yet retired. */
export async function unretiredEncodedRowsNotIn(
  tx: Tx,
  table: 'ThresholdGroup' | 'Threshold',
  keep: ReadonlySet<string>,
): Promise<Array<{ id: string; sourceKey: string; contentHash: string }>> {
  const where = { sourceKey: { startsWith: ENCODING_KEY_PREFIX }, retiredAt: null };
  const select = { id: true, sourceKey: true, contentHash: true } as const;
  const rows = table === 'Threshold' ? await tx.threshold.findMany({ where, select }) : await tx.thresholdGroup.findMany({ where, select });
  return rows.filter((row) => !keep.has(row.sourceKey));
}

/** Marks encoded rows retired (kept, hidden from current listings); never deletes them. */
export async function retireEncodedRows(tx: Tx, table: 'ThresholdGroup' | 'Threshold', ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  for (let start = 0; start < ids.length; start += IN_CHUNK) {
    const chunk = ids.slice(start, start + IN_CHUNK);
    if (table === 'Threshold') await tx.threshold.updateMany({ where: { id: { in: chunk } }, data: { retiredAt: at } });
    else await tx.thresholdGroup.updateMany({ where: { id: { in: chunk } }, data: { retiredAt: at } });
  }
}

// --- Correlation --------------------------------------------------------------------
export interface CorrelationRow {
  id: string;
  sourceKey: string;
  fromId: string;
  toId: string;
  kind: CorrelationKind;
  note: string | null;
  citationId: string | null;
}

export function correlationTable(tx: Tx, rows: readonly CorrelationRow[]): TableSpec<CorrelationRow> {
  return sourceKeyedTable({
    table: 'Correlation',
    rows,
    remap: (row, ids) => ({ ...row, citationId: ids.resolve(row.citationId) }),
    data: (row, hash) => ownedData(row, hash),
    delegate: {
      findKeys: () => tx.correlation.findMany({ select: SOURCE_KEY_COLUMNS }),
      createMany: (data) => tx.correlation.createMany({ data }),
      update: (id, data) => tx.correlation.update({ where: { id }, data }),
    },
  });
}

// --- Exemption ----------------------------------------------------------------------
export interface ExemptionRow {
  id: string;
  sourceKey: string;
  kind: ExemptionKind;
  typeLabel: string;
  regimeLabel: string;
  regime: Regime | null;
  jurisdictionId: string;
  legalBasis: string;
  name: string;
  textVerbatim: string[];
  textNote: string | null;
  appliesTo: string[];
  doesNotApplyTo: string[];
  itemTypes: ItemType[];
  history: string | null;
  versionNote: string | null;
  extra: JsonValue | null;
  revoked: boolean;
  validFrom: Date | null;
  validTo: Date | null;
  citationId: string;
}

function exemptionData(row: ExemptionRow, hash: string) {
  return { ...without(row, 'id', 'sourceKey'), extra: jsonInput(row.extra), contentHash: hash };
}

export function exemptionTable(tx: Tx, rows: readonly ExemptionRow[]): TableSpec<ExemptionRow> {
  return sourceKeyedTable({
    table: 'Exemption',
    rows,
    remap: remapJurisdictionAndCitation,
    data: exemptionData,
    delegate: {
      findKeys: () => tx.exemption.findMany({ select: SOURCE_KEY_COLUMNS }),
      createMany: (data) => tx.exemption.createMany({ data }),
      update: (id, data) => tx.exemption.update({ where: { id }, data }),
    },
  });
}

// --- ExemptionCondition -------------------------------------------------------------
export interface ExemptionConditionRow {
  id: string;
  exemptionId: string;
  role: ExemptionConditionRole;
  ordinal: number;
  textVerbatim: string;
  secondary: boolean;
  citationId: string | null;
}

export function exemptionConditionTable(tx: Tx, rows: readonly ExemptionConditionRow[]): TableSpec<ExemptionConditionRow> {
  const owned = (row: Omit<ExemptionConditionRow, 'id'>) => ({
    exemptionId: row.exemptionId,
    role: row.role,
    ordinal: row.ordinal,
    textVerbatim: row.textVerbatim,
    secondary: row.secondary,
    citationId: row.citationId,
  });
  const keyOf = (row: Pick<ExemptionConditionRow, 'exemptionId' | 'role' | 'ordinal'>) => `${row.exemptionId}|${row.role}|${row.ordinal}`;
  return {
    table: 'ExemptionCondition',
    rows,
    remap: (row, ids) => ({ ...row, exemptionId: ids.resolve(row.exemptionId), citationId: ids.resolve(row.citationId) }),
    idOf: (row) => row.id,
    keyOf,
    owned,
    loadExisting: async (wanted) =>
      (
        await tx.exemptionCondition.findMany({
          where: { exemptionId: { in: [...new Set(wanted.map((row) => row.exemptionId))] } },
          select: { id: true, exemptionId: true, role: true, ordinal: true, textVerbatim: true, secondary: true, citationId: true },
        })
      ).map((row) => ({ key: keyOf(row), id: row.id, hash: contentHash(owned(row)) })),
    createMany: async (items) => {
      await tx.exemptionCondition.createMany({ data: items.map(({ row }) => row) });
    },
    update: async (id, row) => {
      // `predicate` is encoded later; the seed only owns the verbatim text and provenance.
      await tx.exemptionCondition.update({
        where: { id },
        data: { textVerbatim: row.textVerbatim, secondary: row.secondary, citationId: row.citationId },
      });
    },
  };
}

// --- link tables (composite keys) ---------------------------------------------------
export interface ExemptionProvisionRow {
  exemptionId: string;
  provisionId: string;
  basis: ApplicabilityBasis;
  note: string | null;
}

export function exemptionProvisionTable(tx: Tx, rows: readonly ExemptionProvisionRow[]): TableSpec<ExemptionProvisionRow> {
  const keyOf = (row: Pick<ExemptionProvisionRow, 'exemptionId' | 'provisionId'>) => `${row.exemptionId}|${row.provisionId}`;
  const owned = (row: ExemptionProvisionRow) => ({ basis: row.basis, note: row.note });
  return {
    table: 'ExemptionProvision',
    rows,
    idOf: keyOf,
    keyOf,
    owned,
    loadExisting: async (wanted) =>
      (
        await tx.exemptionProvision.findMany({
          where: { exemptionId: { in: [...new Set(wanted.map((row) => row.exemptionId))] } },
          select: { exemptionId: true, provisionId: true, basis: true, note: true },
        })
      ).map((row) => ({ key: keyOf(row), id: keyOf(row), hash: contentHash(owned(row)) })),
    createMany: async (items) => {
      await tx.exemptionProvision.createMany({ data: items.map(({ row }) => row) });
    },
    update: async (_id, row) => {
      await tx.exemptionProvision.update({
        where: { exemptionId_provisionId: { exemptionId: row.exemptionId, provisionId: row.provisionId } },
        data: { basis: row.basis, note: row.note },
      });
    },
  };
}

export interface PairRow {
  left: string;
  right: string;
}

/** Pure link tables without payload (guidance <-> provision/exemption, consultation <-> provision). */
export function pairTable(
  table: 'GuidanceProvision' | 'GuidanceExemption' | 'ConsultationProvision',
  tx: Tx,
  rows: readonly PairRow[],
): TableSpec<PairRow> {
  const keyOf = (row: PairRow) => `${row.left}|${row.right}`;
  const lefts = (wanted: readonly PairRow[]) => [...new Set(wanted.map((row) => row.left))];
  const loaders: Record<typeof table, (wanted: readonly PairRow[]) => Promise<PairRow[]>> = {
    GuidanceProvision: async (wanted) =>
      (await tx.guidanceProvision.findMany({ where: { guidanceId: { in: lefts(wanted) } } })).map((row) => ({ left: row.guidanceId, right: row.provisionId })),
    GuidanceExemption: async (wanted) =>
      (await tx.guidanceExemption.findMany({ where: { guidanceId: { in: lefts(wanted) } } })).map((row) => ({ left: row.guidanceId, right: row.exemptionId })),
    ConsultationProvision: async (wanted) =>
      (await tx.consultationProvision.findMany({ where: { consultationId: { in: lefts(wanted) } } })).map((row) => ({
        left: row.consultationId,
        right: row.provisionId,
      })),
  };
  const creators: Record<typeof table, (rows: PairRow[]) => Promise<unknown>> = {
    GuidanceProvision: (data) => tx.guidanceProvision.createMany({ data: data.map((row) => ({ guidanceId: row.left, provisionId: row.right })) }),
    GuidanceExemption: (data) => tx.guidanceExemption.createMany({ data: data.map((row) => ({ guidanceId: row.left, exemptionId: row.right })) }),
    ConsultationProvision: (data) =>
      tx.consultationProvision.createMany({ data: data.map((row) => ({ consultationId: row.left, provisionId: row.right })) }),
  };
  return {
    table,
    rows,
    idOf: keyOf,
    keyOf,
    owned: (row) => ({ left: row.left, right: row.right }),
    loadExisting: async (wanted) =>
      (await loaders[table](wanted)).map((row) => ({ key: keyOf(row), id: keyOf(row), hash: contentHash({ left: row.left, right: row.right }) })),
    createMany: async (items) => {
      await creators[table](items.map(({ row }) => row));
    },
  };
}

// --- StakeholderConsultation and children -------------------------------------------
export interface ConsultationRow {
  id: string;
  sourceKey: string;
  jurisdictionId: string;
  body: string;
  title: string;
  instrument: string | null;
  reference: string | null;
  status: ConsultationStatus;
  publishedOn: Date | null;
  openedOn: Date | null;
  deadline: Date | null;
  extendedDeadline: Date | null;
  closedOn: Date | null;
  scopeQuote: string | null;
  responseCount: number | null;
  responseCountQuote: string | null;
  responseCountNote: string | null;
  outcomeSummary: string | null;
  extra: JsonValue | null;
  citationId: string;
}

function consultationData(row: ConsultationRow, hash: string) {
  return { ...without(row, 'id', 'sourceKey'), extra: jsonInput(row.extra), contentHash: hash };
}

export function consultationTable(tx: Tx, rows: readonly ConsultationRow[]): TableSpec<ConsultationRow> {
  return sourceKeyedTable({
    table: 'StakeholderConsultation',
    rows,
    remap: remapJurisdictionAndCitation,
    data: consultationData,
    delegate: {
      findKeys: () => tx.stakeholderConsultation.findMany({ select: SOURCE_KEY_COLUMNS }),
      createMany: (data) => tx.stakeholderConsultation.createMany({ data }),
      update: (id, data) => tx.stakeholderConsultation.update({ where: { id }, data }),
    },
  });
}

export interface ConsultationOutcomeRow {
  id: string;
  consultationId: string;
  ordinal: number;
  date: Date | null;
  description: string;
  quote: string | null;
  citationId: string | null;
}

export function consultationOutcomeTable(tx: Tx, rows: readonly ConsultationOutcomeRow[]): TableSpec<ConsultationOutcomeRow> {
  const keyOf = (row: Pick<ConsultationOutcomeRow, 'consultationId' | 'ordinal'>) => `${row.consultationId}|${row.ordinal}`;
  const owned = (row: Omit<ConsultationOutcomeRow, 'id'>) => ({
    consultationId: row.consultationId,
    ordinal: row.ordinal,
    date: row.date,
    description: row.description,
    quote: row.quote,
    citationId: row.citationId,
  });
  return {
    table: 'ConsultationOutcome',
    rows,
    remap: (row, ids) => ({ ...row, consultationId: ids.resolve(row.consultationId), citationId: ids.resolve(row.citationId) }),
    idOf: (row) => row.id,
    keyOf,
    owned,
    loadExisting: async () =>
      (
        await tx.consultationOutcome.findMany({
          select: { id: true, consultationId: true, ordinal: true, date: true, description: true, quote: true, citationId: true },
        })
      ).map((row) => ({ key: keyOf(row), id: row.id, hash: contentHash(owned(row)) })),
    createMany: async (items) => {
      await tx.consultationOutcome.createMany({ data: items.map(({ row }) => row) });
    },
    update: async (id, row) => {
      await tx.consultationOutcome.update({ where: { id }, data: without(row, 'id', 'consultationId', 'ordinal') });
    },
  };
}

export interface StakeholderRow {
  id: string;
  name: string;
  type: StakeholderType;
  typeLabel: string | null;
}

export function stakeholderTable(tx: Tx, rows: readonly StakeholderRow[]): TableSpec<StakeholderRow> {
  const owned = (row: Omit<StakeholderRow, 'id'>) => ({ name: row.name, type: row.type, typeLabel: row.typeLabel });
  return {
    table: 'Stakeholder',
    rows,
    idOf: (row) => row.id,
    keyOf: (row) => row.name,
    owned,
    loadExisting: async (wanted) =>
      (
        await tx.stakeholder.findMany({
          where: { name: { in: wanted.map((row) => row.name) } },
          select: { id: true, name: true, type: true, typeLabel: true },
        })
      ).map((row) => ({ key: row.name, id: row.id, hash: contentHash(owned(row)) })),
    createMany: async (items) => {
      await tx.stakeholder.createMany({ data: items.map(({ row }) => row) });
    },
    update: async (id, row) => {
      await tx.stakeholder.update({ where: { id }, data: { type: row.type, typeLabel: row.typeLabel } });
    },
  };
}

export interface SubmissionRow {
  id: string;
  sourceKey: string;
  consultationId: string;
  stakeholderId: string;
  receivedOn: Date | null;
  pages: number | null;
  documentRef: string | null;
  ordinal: number;
  citationId: string | null;
}

export function submissionTable(tx: Tx, rows: readonly SubmissionRow[]): TableSpec<SubmissionRow> {
  return sourceKeyedTable({
    table: 'Submission',
    rows,
    remap: (row, ids) => ({
      ...row,
      consultationId: ids.resolve(row.consultationId),
      stakeholderId: ids.resolve(row.stakeholderId),
      citationId: ids.resolve(row.citationId),
    }),
    // position (UNKNOWN) and themes ([]) are left to their defaults: no source states them.
    data: (row, hash) => ownedData(row, hash),
    delegate: {
      findKeys: () => tx.submission.findMany({ select: SOURCE_KEY_COLUMNS }),
      createMany: (data) => tx.submission.createMany({ data }),
      update: (id, data) => tx.submission.update({ where: { id }, data }),
    },
  });
}

// --- Impact -------------------------------------------------------------------------
export interface ImpactAssessmentRow {
  id: string;
  sourceKey: string;
  title: string;
  method: string;
  publisher: string;
  jurisdictionId: string;
  publishedOn: Date | null;
  citationId: string;
}

export function impactAssessmentTable(tx: Tx, rows: readonly ImpactAssessmentRow[]): TableSpec<ImpactAssessmentRow> {
  return sourceKeyedTable({
    table: 'ImpactAssessment',
    rows,
    remap: remapJurisdictionAndCitation,
    data: (row, hash) => ownedData(row, hash),
    delegate: {
      findKeys: () => tx.impactAssessment.findMany({ select: SOURCE_KEY_COLUMNS }),
      createMany: (data) => tx.impactAssessment.createMany({ data }),
      update: (id, data) => tx.impactAssessment.update({ where: { id }, data }),
    },
  });
}

export interface ImpactMetricRow {
  id: string;
  sourceKey: string;
  assessmentId: string;
  jurisdictionId: string;
  provisionId: string | null;
  dimension: MetricDimension;
  indicator: string;
  /** Decimal as text, exactly as the source number reads. */
  value: string | null;
  valueText: string | null;
  unit: string;
  period: string;
  periodType: PeriodType;
  periodStart: Date;
  periodEnd: Date;
  sector: string;
  region: string;
  quote: string;
  notes: string | null;
  citationId: string;
}

export function impactMetricTable(tx: Tx, rows: readonly ImpactMetricRow[]): TableSpec<ImpactMetricRow> {
  return sourceKeyedTable({
    table: 'ImpactMetric',
    rows,
    remap: (row, ids) => ({ ...remapJurisdictionAndCitation(row, ids), assessmentId: ids.resolve(row.assessmentId) }),
    data: (row, hash) => ownedData(row, hash),
    delegate: {
      findKeys: () => tx.impactMetric.findMany({ select: SOURCE_KEY_COLUMNS }),
      createMany: (data) => tx.impactMetric.createMany({ data }),
      update: (id, data) => tx.impactMetric.update({ where: { id }, data }),
    },
  });
}

// --- GuidanceDocument ---------------------------------------------------------------
export interface GuidanceRow {
  id: string;
  sourceKey: string;
  title: string;
  summary: string | null;
  body: string;
  issuer: string;
  jurisdictionId: string;
  audience: string[];
  topics: string[];
  publishedOn: Date | null;
  dateNote: string | null;
  url: string | null;
  extra: JsonValue | null;
  citationId: string;
}

function guidanceData(row: GuidanceRow, hash: string) {
  return { ...without(row, 'id', 'sourceKey'), extra: jsonInput(row.extra), contentHash: hash };
}

export function guidanceTable(tx: Tx, rows: readonly GuidanceRow[]): TableSpec<GuidanceRow> {
  return sourceKeyedTable({
    table: 'GuidanceDocument',
    rows,
    remap: remapJurisdictionAndCitation,
    data: guidanceData,
    delegate: {
      findKeys: () => tx.guidanceDocument.findMany({ select: SOURCE_KEY_COLUMNS }),
      createMany: (data) => tx.guidanceDocument.createMany({ data }),
      update: (id, data) => tx.guidanceDocument.update({ where: { id }, data }),
    },
  });
}

export type { IdMap };
